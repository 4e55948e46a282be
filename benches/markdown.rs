//! `cargo bench --bench markdown`: the cost of rendering Markdown write-ups.
//!
//! The write-ups of a synthetic portfolio (examples/synth: about 600 words each, with a
//! table of cycles, emphasis, lists and links to cycles and other projects) rendered
//! through the crate's Markdown API as a build renders them: to sanitised HTML with every
//! link resolved, and to plain text for summaries. On one thread and on all cores with
//! rayon. Prints one line per stage; no timing assertions anywhere.

mod common;

use std::time::Instant;

use qisite::render::links::LinkMap;
use qisite::render::markdown::{Markdown, MdContext};
use qisite::render::paths;
use rayon::prelude::*;

use common::{full_run, time, Synthetic};

/// Distinct write-ups to cycle through (a portfolio of this many projects).
const PROJECTS: usize = 40;
/// Renders per stage under `cargo bench`.
const RENDERS: usize = 10_000;

fn main() {
    let (projects, renders) = if full_run() {
        (PROJECTS, RENDERS)
    } else {
        (4, 8)
    };
    let synthetic = Synthetic::new(projects);
    let p = &synthetic.portfolio;
    let links = LinkMap::new(p);
    let pages: Vec<String> = p.projects.iter().map(|x| paths::project(&x.slug)).collect();
    let words: usize = p
        .projects
        .iter()
        .map(|x| x.body.split_whitespace().count())
        .sum();
    println!(
        "{renders} renders of {} write-ups ({} words on average), {} threads",
        p.projects.len(),
        words / p.projects.len(),
        rayon::current_num_threads()
    );

    let md = time(
        "Markdown::new (syntax set; once per build)",
        1,
        "runs",
        Markdown::new,
    );
    let render = |i: usize| {
        let project = &p.projects[i % p.projects.len()];
        let at = MdContext {
            source_rel: &project.source.rel,
            first_line: project.source.body_line,
            page_path: &pages[i % pages.len()],
        };
        let out = md.render(&project.body, &at, &links);
        if let Some(problem) = out.diagnostics.first() {
            panic!("a synthetic write-up has a problem: {problem}");
        }
        out.html.len()
    };

    let started = Instant::now();
    let bytes: usize = (0..renders).map(render).sum();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{:<48} {secs:>8.3} s  {:>10.0} write-ups/s  {:>6.0} µs each",
        "write-up → HTML (1 thread)",
        renders as f64 / secs,
        secs * 1e6 / renders as f64
    );
    time(
        "write-up → HTML (rayon, all threads)",
        renders,
        "write-ups",
        || (0..renders).into_par_iter().map(render).sum::<usize>(),
    );
    time(
        "write-up → plain text (1 thread)",
        renders,
        "write-ups",
        || {
            (0..renders)
                .map(|i| md.plain_text(&p.projects[i % p.projects.len()].body).len())
                .sum::<usize>()
        },
    );
    println!(
        "{:<48} {:>8.1} KiB of HTML per write-up",
        "output size",
        bytes as f64 / renders as f64 / 1024.0
    );
}
