//! `cargo bench --bench templates`: the cost of rendering pages through the real Tera
//! templates, and of the whole render stage.
//!
//! A synthetic portfolio (examples/synth) is loaded once; then the render stage runs
//! step by step as `qisite::render::render` runs it: compiling the templates, drawing the
//! charts, building every page's context (Markdown bodies included), and rendering every
//! page through its template, on one thread and on all cores with rayon. A table then
//! shows which templates cost most per page, and the last line times the whole stage.
//! Prints one line per stage; no timing assertions anywhere.

mod common;

use std::collections::BTreeMap;
use std::time::Instant;

use qisite::content::date::Date;
use qisite::render::markdown::Markdown;
use qisite::render::{links::LinkMap, measure, pages, programme, templates, RenderOptions};
use rayon::prelude::*;

use common::{full_run, time, Synthetic};

/// Projects in the portfolio under `cargo bench` (about 7 pages each).
const PROJECTS: usize = 200;
/// Times every page is rendered through its template per stage, to steady the figures.
const PASSES: usize = 5;

fn main() {
    let (projects, passes) = if full_run() {
        (PROJECTS, PASSES)
    } else {
        (5, 1)
    };
    let synthetic = Synthetic::new(projects);
    let p = &synthetic.portfolio;
    let options = RenderOptions {
        base_url: p.config.base_url.clone(),
        today: Date(jiff::civil::date(2026, 11, 22)),
    };

    let tera = time("compile the templates", 1, "runs", || {
        templates::build(p).expect("the built-in templates compile")
    });
    let md = Markdown::new();
    let links = LinkMap::new(p);
    let measures: usize = p.projects.iter().map(|x| x.measures.len()).sum();
    let (charts, _) = time(
        "analyse and draw the charts (SVG)",
        measures,
        "charts",
        || measure::charts(p),
    );
    let (programme_charts, _) = programme::charts(p, &charts);
    let similar = qisite::render::search::SimilarProjects::new(p);
    let (jobs, diagnostics) = time(
        "build page contexts (Markdown bodies included)",
        1,
        "runs",
        || {
            let jobs = std::sync::Mutex::new(Vec::new());
            let diagnostics = pages::render(
                &pages::Sources {
                    portfolio: p,
                    options: &options,
                    md: &md,
                    links: &links,
                    charts: &charts,
                    programme_charts: &programme_charts,
                    tera: &tera,
                    similar: &similar,
                },
                &|job| {
                    jobs.lock().expect("no page job panics").push(job);
                    Ok(())
                },
            )
            .expect("the synthetic portfolio renders");
            let mut jobs = jobs.into_inner().expect("no page job panics");
            jobs.sort_by(|a, b| a.path.cmp(&b.path));
            (jobs, diagnostics)
        },
    );
    let mut problems = diagnostics.projects.values().flatten();
    if let Some(problem) = diagnostics.others.first().or_else(|| problems.next()) {
        panic!("the synthetic portfolio renders with a problem: {problem}");
    }
    let pages = jobs.len();
    println!(
        "{} projects, {pages} pages, {} threads",
        p.projects.len(),
        rayon::current_num_threads()
    );

    let render = |job: &pages::PageJob| {
        tera.render(job.template, &job.context)
            .unwrap_or_else(|e| panic!("`{}` does not render: {e}", job.path))
            .len()
    };
    let renders = pages * passes;
    let passes_text = format!("{passes} pass{}", if passes == 1 { "" } else { "es" });
    let label = format!("templates → HTML (1 thread, {passes_text})");
    let bytes: usize = time(&label, renders, "pages", || {
        (0..passes)
            .map(|_| jobs.iter().map(render).sum::<usize>())
            .sum()
    });
    let label = format!("templates → HTML (rayon, all threads, {passes_text})");
    time(&label, renders, "pages", || {
        (0..passes)
            .map(|_| jobs.par_iter().map(render).sum::<usize>())
            .sum::<usize>()
    });
    println!(
        "{:<48} {:>8.1} KiB of HTML per page",
        "page size",
        bytes as f64 / renders as f64 / 1024.0
    );

    // Which templates cost most: total time on one thread per template.
    let mut by_template: BTreeMap<&str, (usize, f64, usize)> = BTreeMap::new();
    for job in (0..passes).flat_map(|_| &jobs) {
        let started = Instant::now();
        let len = render(job);
        let entry = by_template.entry(job.template).or_default();
        entry.0 += 1;
        entry.1 += started.elapsed().as_secs_f64();
        entry.2 += len;
    }
    let mut rows: Vec<_> = by_template.into_iter().collect();
    rows.sort_by(|a, b| b.1 .1.total_cmp(&a.1 .1).then(a.0.cmp(b.0)));
    println!(
        "  {:<28} {:>7} {:>10} {:>12} {:>10}",
        "template", "renders", "total s", "µs per page", "KiB/page"
    );
    for (template, (count, secs, len)) in rows {
        println!(
            "  {template:<28} {count:>7} {secs:>10.3} {:>12.0} {:>10.1}",
            secs * 1e6 / count as f64,
            len as f64 / count as f64 / 1024.0
        );
    }

    time(
        "the whole render stage (render::render)",
        pages,
        "pages",
        || {
            qisite::render::render(p, &options)
                .expect("the synthetic portfolio renders")
                .output
                .files
                .len()
        },
    );
}
