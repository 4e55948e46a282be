//! Portfolio → OutputSet, in memory: pages, Markdown, highlighting and charts. Never
//! touches the disk. Uses `content` (and later `spc`); nothing here uses `commands`.
//!
//! [`render`] is the whole stage: it builds the templates (built-in theme, chosen theme,
//! portfolio overrides), makes one [`pages::PageJob`] per page, renders them (in
//! parallel, collected in path order, so the output is byte-identical run to run), and
//! adds the static files and the content files that are copied through.

pub mod bars;
pub mod chart;
pub mod dependants;
pub mod embed;
pub mod exports;
pub mod feeds;
pub mod format;
pub mod icons;
pub mod links;
pub mod markdown;
pub mod measure;
pub mod pages;
pub mod pagination;
pub mod paths;
pub mod png;
pub mod programme;
pub mod search;
pub mod shortcode;
pub mod similar;
pub mod sitemap;
pub mod stats;
pub mod templates;
pub mod tokens;
pub mod views;

#[cfg(test)]
mod tests;

use rayon::prelude::*;

use crate::content::date::Date;
use crate::content::model::{Portfolio, Project};
use crate::error::{Diagnostic, Result};
use crate::output::{OutputFile, OutputSet, Sink};

/// What a render needs besides the portfolio.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// The public address of the site (for feeds and absolute URLs); pages link
    /// relatively whatever it is.
    pub base_url: Option<String>,
    /// The build date: it decides which celebration event is "next".
    pub today: Date,
}

/// The rendered site and the problems found while rendering (broken links).
#[derive(Debug)]
pub struct Rendered {
    pub output: OutputSet,
    pub diagnostics: Vec<Diagnostic>,
    /// Chart PNGs still to draw: (PNG path, path of the SVG in `output` to draw it
    /// from). Drawing a PNG costs far more than the whole rest of a chart, so the
    /// build does it last, and only for charts whose SVG changed since the last build.
    /// Empty when the site draws no PNGs (`charts.png` in site.yaml).
    pub png_jobs: Vec<(String, String)>,
    /// How many charts the site has (measures' and programmes' combined charts).
    pub charts: usize,
}

/// What [`render_into`] reports besides the files it gave the sink.
#[derive(Debug, Default)]
pub struct Summary {
    pub diagnostics: Vec<Diagnostic>,
    /// Chart PNGs still to draw: (PNG path, SVG path, the SVG's bytes).
    pub png_jobs: Vec<(String, String, String)>,
    /// How many charts the site has (measures' and programmes' combined charts).
    pub charts: usize,
    /// How many HTML pages it made.
    pub pages: usize,
    /// Files an earlier render made that are no longer made ([`render_project`] and
    /// [`render_dependants`] only: a whole render gives every file).
    pub removed: Vec<String>,
    /// Every chart PNG the site offers, (PNG path, SVG path), including those of charts
    /// not drawn again ([`render_dependants`] only).
    pub pngs: Vec<(String, String)>,
    /// The projects whose own pages were made ([`render_dependants`] only).
    pub projects: Vec<String>,
}

/// Renders the whole site in memory. Deterministic: the same portfolio and options give
/// the same bytes. Template problems are `Error::Template`; content problems found on
/// the way (broken links) are diagnostics.
pub fn render(portfolio: &Portfolio, options: &RenderOptions) -> Result<Rendered> {
    let sink = std::sync::Mutex::new(OutputSet::default());
    let summary = render_into(portfolio, options, &sink)?;
    Ok(Rendered {
        output: sink.into_inner().unwrap_or_else(|e| e.into_inner()),
        diagnostics: summary.diagnostics,
        png_jobs: summary
            .png_jobs
            .into_iter()
            .map(|(png, svg, _)| (png, svg))
            .collect(),
        charts: summary.charts,
    })
}

/// Counts the pages a sink is given and keeps their paths (for the sitemap).
struct Pages<'s> {
    sink: &'s dyn Sink,
    paths: std::sync::Mutex<Vec<String>>,
}

impl Sink for Pages<'_> {
    fn put(&self, path: String, file: OutputFile) -> Result<()> {
        if path.ends_with(".html") && matches!(file, OutputFile::Bytes(_)) {
            self.paths
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(path.clone());
        }
        self.sink.put(path, file)
    }
}

/// Renders the whole site, handing each file to `sink` as soon as it is made, so a
/// build never holds the whole site in memory. Pages are rendered in parallel; the
/// files are the same whatever the order they reach the sink in. On an error the sink
/// may have had some files: a [`crate::output::DiskSink`] then writes nothing.
pub fn render_into(
    portfolio: &Portfolio,
    options: &RenderOptions,
    sink: &dyn Sink,
) -> Result<Summary> {
    render_inner(portfolio, options, sink, false).map(|(summary, _)| summary)
}

/// What a whole render keeps so that `qisite serve` can render some pages again after
/// an edit (see [`render_project`] and [`render_dependants`]) without making the rest
/// again: the templates, the link map, the charts, the similar projects, the search
/// documents and the diagnostics of every page.
pub struct Reuse {
    sources: std::collections::BTreeMap<String, String>,
    tera: tera::Tera,
    md: markdown::Markdown,
    links: links::LinkMap,
    /// Every measure's chart, as the pages are given them (without their downloads)
    /// but without what only a page that draws it needs (its inline SVG and data
    /// rows: see [`lean`]), which a render draws again for the charts it shows.
    charts: measure::Charts,
    similar: search::SimilarProjects,
    docs: Vec<search::SearchDoc>,
    text: search::TextIndex,
    /// Whether the site offers chart PNGs (decided by the whole site's chart count).
    png: bool,
    diagnostics: KeptDiagnostics,
}

/// The diagnostics of the last render, by where they came from, so that a render of
/// some pages reports the problems of the pages it did not make too.
#[derive(Default)]
struct KeptDiagnostics {
    /// Each project's pages' (Markdown) diagnostics, by slug.
    pages: std::collections::BTreeMap<String, Vec<Diagnostic>>,
    /// Each project's charts' diagnostics, by slug.
    charts: std::collections::BTreeMap<String, Vec<Diagnostic>>,
    /// Those of every other page and file.
    others: Vec<Diagnostic>,
}

impl KeptDiagnostics {
    /// Every diagnostic, sorted as a whole render sorts them.
    fn all(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .pages
            .values()
            .chain(self.charts.values())
            .flatten()
            .chain(&self.others)
            .cloned()
            .collect();
        sort_diagnostics(&mut all);
        all
    }
}

/// Sorts diagnostics by place and message, without repeats.
fn sort_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
    diagnostics.dedup();
}

/// Every diagnostic of `found`, as (project slug, diagnostic), by project.
fn by_project(
    found: Vec<(String, Diagnostic)>,
) -> std::collections::BTreeMap<String, Vec<Diagnostic>> {
    let mut map: std::collections::BTreeMap<String, Vec<Diagnostic>> = Default::default();
    for (slug, d) in found {
        map.entry(slug).or_default().push(d);
    }
    map
}

/// [`render_into`], also returning what [`render_project`] reuses.
pub fn render_keeping(
    portfolio: &Portfolio,
    options: &RenderOptions,
    sink: &dyn Sink,
) -> Result<(Summary, Reuse)> {
    let (summary, reuse) = render_inner(portfolio, options, sink, true)?;
    Ok((summary, reuse.expect("kept when asked")))
}

/// Renders again the files of project `slug` that can change when only its texts
/// change (its Markdown body and its PDSA cycles' Do, Study and Act): its page, its
/// PDSA cycles' pages and the search index. `portfolio` must be the one `reuse` was
/// made from with only those texts changed; `qisite serve` checks that before it
/// calls this, and renders the whole site otherwise. The files are the same bytes a
/// whole render of `portfolio` would give them. The summary counts the pages made.
pub fn render_project(
    portfolio: &Portfolio,
    options: &RenderOptions,
    reuse: &mut Reuse,
    slug: &str,
    sink: &dyn Sink,
) -> Result<Summary> {
    let Ok(i) = portfolio
        .projects
        .binary_search_by(|p| p.slug.as_str().cmp(slug))
    else {
        return Ok(Summary::default());
    };
    let project = &portfolio.projects[i];
    let drawn = draw_charts(portfolio, reuse, embedding(portfolio, &[project]), &[])?;
    crate::timing::mark("project: charts");
    let pages = Pages {
        sink,
        paths: Default::default(),
    };
    let Reuse {
        sources,
        tera,
        md,
        links,
        similar,
        charts,
        ..
    } = &*reuse;
    let found = pages::render_project(
        &pages::Sources {
            portfolio,
            options,
            md,
            links,
            charts,
            programme_charts: &Default::default(),
            tera,
            similar,
        },
        project,
        &|job: pages::PageJob| emit_page(tera, sources, job, &pages),
    )?;
    crate::timing::mark("project: pages");
    for key in drawn {
        reuse.charts.get_mut(&key).map(lean);
    }
    reuse.diagnostics.pages.insert(slug.to_owned(), found);
    let docs = search::project_docs(portfolio, i, &reuse.md);
    crate::timing::mark("project: search documents");
    let (files, removed) = reuse.text.update(&mut reuse.docs, docs);
    for (path, js) in files {
        sink.put(path, OutputFile::Bytes(js.into_bytes()))?;
    }
    crate::timing::mark("project: search index");
    let pages = pages.paths.lock().unwrap_or_else(|e| e.into_inner()).len();
    Ok(Summary {
        diagnostics: reuse.diagnostics.all(),
        pages,
        removed,
        ..Summary::default()
    })
}

/// Leaves out of a kept chart what only a page that draws it needs: its inline SVG
/// and its data rows. No page but a project's own and one that embeds the chart uses
/// them; a render draws those charts again ([`draw_charts`]).
fn lean(chart: &mut measure::MeasureChart) {
    chart.svg = String::new();
    chart.rows = Vec::new();
}

/// Draws again the charts of `projects` (all but those of `skip`, slugs, which are
/// drawn already) and puts them in `reuse` as a whole render gives them to the pages;
/// returns their keys, to make them [`lean`] again once the pages are made.
fn draw_charts(
    portfolio: &Portfolio,
    reuse: &mut Reuse,
    projects: Vec<&Project>,
    skip: &[String],
) -> Result<Vec<(String, String)>> {
    let projects = projects
        .into_iter()
        .filter(|p| skip.binary_search(&p.slug).is_err());
    let (charts, _) = measure::charts_of(portfolio, projects, &|_, _| Ok(()))?;
    let mut keys = Vec::new();
    for (key, mut chart) in charts {
        // As the whole render leaves them by the time it makes the pages.
        chart.svg_file = String::new();
        chart.csv = String::new();
        chart.png = reuse.png && chart.png;
        keys.push(key.clone());
        reuse.charts.insert(key, chart);
    }
    Ok(keys)
}

/// `projects` and the projects whose charts their texts embed.
fn embedding<'p>(portfolio: &'p Portfolio, projects: &[&'p Project]) -> Vec<&'p Project> {
    let texts = projects.iter().flat_map(|p| dependants::texts(p));
    let mut out = embedded(portfolio, texts);
    out.extend(projects);
    out.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
    out.dedup_by(|a, b| a.slug == b.slug);
    out
}

/// The projects whose charts `texts` embed with the chart shortcode.
fn embedded<'p, 't>(
    portfolio: &'p Portfolio,
    texts: impl Iterator<Item = &'t str>,
) -> Vec<&'p Project> {
    let mut out = Vec::new();
    for text in texts {
        for (_, parsed) in shortcode::find_all(text) {
            if let Ok((chart, _)) = parsed {
                let at = portfolio
                    .projects
                    .binary_search_by(|p| p.slug.as_str().cmp(&chart.project));
                out.extend(at.ok().map(|i| &portfolio.projects[i]));
            }
        }
    }
    out
}

/// The Markdown texts of the pages that are not projects' own.
fn other_texts(p: &Portfolio) -> impl Iterator<Item = &str> {
    p.programmes
        .iter()
        .map(|x| x.body.as_str())
        .chain(p.people.iter().map(|x| x.body.as_str()))
        .chain(p.stories.iter().map(|x| x.body.as_str()))
        .chain(p.showcases.iter().map(|x| x.body.as_str()))
        .chain(p.pages.iter().map(|x| x.body.as_str()))
}

/// The files a whole render makes for one project alone: its page, its PDSA cycles'
/// pages, its measures' downloads and its copied files (chart PNGs are drawn apart).
pub fn project_outputs(project: &Project) -> Vec<String> {
    let slug = &project.slug;
    let mut out = vec![paths::project(slug)];
    out.extend(project.pdsa.iter().map(|c| paths::pdsa(slug, &c.slug)));
    for m in &project.measures {
        out.push(paths::measure_file(slug, &m.id, "svg"));
        out.push(paths::measure_file(slug, &m.id, "csv"));
    }
    out.extend(project.files.iter().map(|f| paths::project_file(slug, f)));
    out
}

/// What changed since the render a [`Reuse`] was made from, for [`render_dependants`].
#[derive(Clone, Copy)]
pub struct Changes<'a> {
    /// The portfolio the render was made from.
    pub old: &'a Portfolio,
    /// The projects that changed (slugs, sorted).
    pub projects: &'a [String],
    /// Other projects whose own pages show something of a changed document (slugs,
    /// see [`dependants::showing`]).
    pub shown: &'a [String],
    /// Whether people, programmes, stories or showcases changed.
    pub documents: bool,
}

/// Renders again what can change when the projects `changes.projects` change in any
/// way but their slugs and folders, and people, programmes, stories and showcases
/// change in any way but their slugs and files: those projects' own pages, charts and
/// copied files ([`project_outputs`]), the pages of the other projects that show
/// something of them ([`dependants::dependants`]) or of the changed documents
/// (`changes.shown`), every page and file that is not a project's own (home, project
/// index, facets, dashboards, programmes, people, stories, showcases, free pages,
/// feeds, data downloads, sitemap) and the search index. `portfolio` is the portfolio
/// as it now is; `changes.old` is the one `reuse` was made from, with the same projects
/// (by slug and folder, in the same order) and the same everything else but those
/// documents. The files are the same bytes a whole render of
/// `portfolio` gives them; the other projects' own files are not made, and
/// [`Summary::removed`] lists the search files no longer made. `None` when the render
/// cannot be done this way (whether the site offers PNGs depends on its chart count,
/// or the feeds every page links to changed) and `reuse` is untouched; on an error `reuse` may be half updated.
pub fn render_dependants(
    portfolio: &Portfolio,
    options: &RenderOptions,
    reuse: &mut Reuse,
    changes: &Changes<'_>,
    sink: &dyn Sink,
) -> Result<Option<Summary>> {
    let Changes {
        old,
        projects: changed,
        shown,
        documents,
    } = *changes;
    let png_setting = portfolio.config.charts.png;
    if png_setting.draws(0) != png_setting.draws(usize::MAX) || png_setting.draws(0) != reuse.png {
        return Ok(None);
    }
    let png = reuse.png;
    let position = |p: &Portfolio, slug: &str| {
        p.projects
            .binary_search_by(|x| x.slug.as_str().cmp(slug))
            .ok()
    };
    let changed_at: Vec<usize> = changed
        .iter()
        .filter_map(|slug| position(portfolio, slug))
        .collect();
    if changed_at.len() != changed.len() || changed.iter().any(|s| position(old, s).is_none()) {
        return Ok(None);
    }
    // Every page's footer links to the feeds there are.
    if format!("{:?}", feeds::links(portfolio)) != format!("{:?}", feeds::links(old)) {
        return Ok(None);
    }
    crate::timing::mark("dependants: before render");
    let sink = Pages {
        sink,
        paths: Default::default(),
    };
    // The changed projects' charts, drawn again.
    reuse
        .charts
        .retain(|(slug, _), _| changed.binary_search(slug).is_err());
    let (mut charts, chart_diagnostics) = measure::charts_of(
        portfolio,
        changed_at.iter().map(|&i| &portfolio.projects[i]),
        &|key, chart| put_measure_files(key, chart, png, &sink),
    )?;
    for slug in changed {
        reuse.diagnostics.charts.remove(slug);
    }
    reuse
        .diagnostics
        .charts
        .extend(by_project(chart_diagnostics));
    for (key, chart) in charts.iter_mut() {
        measure_png(key, chart, png);
    }
    let mut drawn: Vec<(String, String)> = charts.keys().cloned().collect();
    reuse.charts.append(&mut charts);
    crate::timing::mark("dependants: charts");
    let similar = search::SimilarProjects::new(portfolio);
    crate::timing::mark("dependants: similar projects");
    let kept = &reuse.diagnostics.pages;
    let has_diagnostics = |p: &Project| kept.get(&p.slug).is_some_and(|found| !found.is_empty());
    let mut render: Vec<usize> = dependants::dependants(
        portfolio,
        &changed_at,
        &reuse.similar.similar,
        &similar.similar,
        &has_diagnostics,
    );
    render.extend(&changed_at);
    render.extend(shown.iter().filter_map(|slug| position(portfolio, slug)));
    render.sort_unstable();
    render.dedup();
    crate::timing::mark("dependants: found");
    reuse.links = links::LinkMap::new(portfolio);
    let (mut programme_charts, programme_diagnostics) = programme::charts(portfolio, &reuse.charts);
    let mut png_jobs = Vec::new();
    for (slug, shared) in programme_charts.iter_mut() {
        for chart in shared {
            put_programme_chart(slug, chart, png, &sink, &mut png_jobs)?;
        }
    }
    crate::timing::mark("dependants: programme charts");
    // The pages not made again are still in the site (and its sitemap).
    {
        let mut listed = sink.paths.lock().unwrap_or_else(|e| e.into_inner());
        let mut next = render.iter().peekable();
        for (i, project) in portfolio.projects.iter().enumerate() {
            if next.peek() == Some(&&i) {
                next.next();
                continue;
            }
            listed.push(paths::project(&project.slug));
            listed.extend(
                project
                    .pdsa
                    .iter()
                    .map(|c| paths::pdsa(&project.slug, &c.slug)),
            );
        }
    }
    let made_before = sink.paths.lock().unwrap_or_else(|e| e.into_inner()).len();
    let projects: Vec<&Project> = render.iter().map(|&i| &portfolio.projects[i]).collect();
    // The charts the pages draw: those of the projects rendered, and those embedded
    // in their texts and in the other pages' texts.
    let mut shown = embedding(portfolio, &projects);
    shown.extend(embedded(portfolio, other_texts(portfolio)));
    shown.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
    shown.dedup_by(|a, b| a.slug == b.slug);
    drawn.extend(draw_charts(portfolio, reuse, shown, changed)?);
    crate::timing::mark("dependants: charts drawn");
    let Reuse {
        sources, tera, md, ..
    } = &*reuse;
    let found = pages::render_some(
        &pages::Sources {
            portfolio,
            options,
            md,
            links: &reuse.links,
            charts: &reuse.charts,
            programme_charts: &programme_charts,
            tera,
            similar: &similar,
        },
        &projects,
        &|job: pages::PageJob| emit_page(tera, sources, job, &sink),
    )?;
    crate::timing::mark("dependants: pages");
    reuse.diagnostics.pages.extend(found.projects);
    let mut others = found.others;
    others.extend(programme_diagnostics);
    put_static_files(portfolio, &sink)?;
    copy_content_files(portfolio, projects_of(portfolio, &changed_at), &sink)?;
    add_machine_files(portfolio, options, &reuse.charts, &sink, &mut others)?;
    reuse.diagnostics.others = others;
    drop(programme_charts);
    for key in drawn {
        reuse.charts.get_mut(&key).map(lean);
    }
    crate::timing::mark("dependants: machine files");

    // The search index: the changed projects' documents, and the projects' vectors.
    // Each update may write again or remove what an earlier one wrote: the last word
    // on each path counts (`None`: removed).
    let mut search_files: std::collections::BTreeMap<String, Option<String>> = Default::default();
    let mut note = |made: Vec<(String, String)>, gone: Vec<String>| {
        for path in gone {
            search_files.insert(path, None);
        }
        for (path, js) in made {
            search_files.insert(path, Some(js));
        }
    };
    let same_cycles = changed_at.iter().zip(changed).all(|(&i, slug)| {
        position(old, slug).map(|j| old.projects[j].pdsa.len())
            == Some(portfolio.projects[i].pdsa.len())
    });
    if same_cycles {
        if similar.vectors != reuse.similar.vectors {
            let (made, gone) = reuse.text.set_similar(&similar.vectors, reuse.docs.len());
            note(made, gone);
        }
        let mut docs: Vec<(usize, search::SearchDoc)> = changed_at
            .iter()
            .flat_map(|&i| search::project_docs(portfolio, i, &reuse.md))
            .collect();
        if documents {
            let first = portfolio.projects.len()
                + portfolio
                    .projects
                    .iter()
                    .map(|x| x.pdsa.len())
                    .sum::<usize>();
            let others = search::other_docs(portfolio, &reuse.md);
            docs.extend(others.into_iter().enumerate().map(|(k, d)| (first + k, d)));
        }
        let (made, gone) = reuse.text.update(&mut reuse.docs, docs);
        note(made, gone);
    } else {
        // Cycles came or went, so documents are numbered differently: index them all
        // again, from the documents kept and the changed projects' new ones.
        let before = reuse.text.paths(reuse.docs.len());
        let docs = renumbered_docs(portfolio, old, &changed_at, &reuse.docs, &reuse.md);
        let (made, text) = search::files_keeping(&docs, &similar.vectors, true);
        note(made, before);
        reuse.text = text;
        reuse.docs = docs;
    }
    let mut removed = Vec::new();
    for (path, js) in search_files {
        match js {
            Some(js) => sink.put(path, OutputFile::Bytes(js.into_bytes()))?,
            None => removed.push(path),
        }
    }
    reuse.similar = similar;
    crate::timing::mark("dependants: search index");

    let mut pngs: Vec<(String, String)> = reuse
        .charts
        .iter()
        .filter(|(_, chart)| chart.png)
        .map(|((project, id), _)| {
            (
                paths::measure_file(project, id, "png"),
                paths::measure_file(project, id, "svg"),
            )
        })
        .chain(png_jobs.into_iter().map(|(png, svg, _)| (png, svg)))
        .collect();
    pngs.sort();
    let pages = sink.paths.lock().unwrap_or_else(|e| e.into_inner()).len() - made_before;
    Ok(Some(Summary {
        diagnostics: reuse.diagnostics.all(),
        pages,
        removed,
        pngs,
        projects: projects.iter().map(|p| p.slug.clone()).collect(),
        ..Summary::default()
    }))
}

/// The projects of `p` at `at`.
fn projects_of<'p>(p: &'p Portfolio, at: &'p [usize]) -> impl Iterator<Item = &'p Project> {
    at.iter().map(|&i| &p.projects[i])
}

/// The search documents of `portfolio`, numbered as [`search::documents`] numbers
/// them, from `docs` (those of `old`, whose projects are the same but for `changed`),
/// the changed projects' new documents and the other documents made again.
fn renumbered_docs(
    portfolio: &Portfolio,
    old: &Portfolio,
    changed: &[usize],
    docs: &[search::SearchDoc],
    md: &markdown::Markdown,
) -> Vec<search::SearchDoc> {
    let n = portfolio.projects.len();
    let mut fresh: std::collections::BTreeMap<usize, Vec<search::SearchDoc>> = changed
        .iter()
        .map(|&i| {
            let made = search::project_docs(portfolio, i, md);
            (i, made.into_iter().map(|(_, d)| d).collect())
        })
        .collect();
    let mut projects: Vec<search::SearchDoc> = docs[..n].to_vec();
    let others = search::other_docs(portfolio, md);
    let mut cycles = Vec::new();
    let mut at = n;
    for (i, before) in old.projects.iter().enumerate() {
        let kept = &docs[at..at + before.pdsa.len()];
        at += before.pdsa.len();
        match fresh.remove(&i) {
            Some(mut made) => {
                projects[i] = made.remove(0);
                cycles.extend(made);
            }
            None => cycles.extend_from_slice(kept),
        }
    }
    projects.extend(cycles);
    projects.extend(others);
    projects
}

/// Renders one page with the templates and hands it to the sink.
fn emit_page(
    tera: &tera::Tera,
    sources: &std::collections::BTreeMap<String, String>,
    job: pages::PageJob,
    sink: &dyn Sink,
) -> Result<()> {
    let html = tera.render(job.template, &job.context).map_err(|e| {
        let mut err = templates::template_error(&e, sources);
        if let crate::error::Error::Template { message, .. } = &mut err {
            *message = format!("{message} (rendering `{}`)", job.path);
        }
        err
    })?;
    drop(job.context);
    let html = icons::with_sprite(html);
    sink.put(job.path, OutputFile::Bytes(html.into_bytes()))
}

fn render_inner(
    portfolio: &Portfolio,
    options: &RenderOptions,
    sink: &dyn Sink,
    keep: bool,
) -> Result<(Summary, Option<Reuse>)> {
    crate::timing::mark("before render");
    let sink = Pages {
        sink,
        paths: Default::default(),
    };
    let sources = templates::template_sources(portfolio);
    let tera = templates::build(portfolio)?;
    let md = markdown::Markdown::new();
    let links = links::LinkMap::new(portfolio);
    crate::timing::mark("templates, links");
    // The downloads go to the sink as each chart is drawn, so the charts keep only what
    // the pages show, and the SVG file only where a PNG may be drawn from it.
    let measure_count: usize = portfolio.projects.iter().map(|x| x.measures.len()).sum();
    let png_maybe = portfolio.config.charts.png.draws(measure_count);
    let (mut charts, chart_diagnostics) =
        measure::charts_of(portfolio, portfolio.projects.iter(), &|key, chart| {
            put_measure_files(key, chart, png_maybe, &sink)
        })?;
    crate::timing::mark("measure charts");
    let similar = search::SimilarProjects::new(portfolio);
    crate::timing::mark("similar projects");
    let (mut programme_charts, programme_diagnostics) = programme::charts(portfolio, &charts);
    let chart_count = charts.len()
        + programme_charts
            .values()
            .flatten()
            .filter(|c| c.combined.is_some())
            .count();
    let png = portfolio.config.charts.png.draws(chart_count);
    let mut png_jobs = Vec::new();
    for (key, chart) in charts.iter_mut() {
        png_jobs.extend(measure_png(key, chart, png));
    }
    for (slug, shared) in programme_charts.iter_mut() {
        for chart in shared {
            put_programme_chart(slug, chart, png, &sink, &mut png_jobs)?;
        }
    }
    crate::timing::mark("chart files");
    let found = pages::render(
        &pages::Sources {
            portfolio,
            options,
            md: &md,
            links: &links,
            charts: &charts,
            programme_charts: &programme_charts,
            tera: &tera,
            similar: &similar,
        },
        &|job: pages::PageJob| emit_page(&tera, &sources, job, &sink),
    )?;
    crate::timing::mark("pages");
    let mut kept = KeptDiagnostics {
        pages: found.projects,
        charts: by_project(chart_diagnostics),
        others: found.others,
    };
    kept.others.extend(programme_diagnostics);
    put_static_files(portfolio, &sink)?;
    copy_content_files(portfolio, portfolio.projects.iter(), &sink)?;
    add_machine_files(portfolio, options, &charts, &sink, &mut kept.others)?;
    crate::timing::mark("machine files");
    // The charts are done with: free them before the search index, the last big stage
    // (unless kept for the next render).
    let charts = keep.then(|| {
        let mut charts = charts;
        charts.values_mut().for_each(lean);
        charts
    });
    drop(programme_charts);
    let docs = search::documents(portfolio, &md);
    let (files, text) = search::files_keeping(&docs, &similar.vectors, keep);
    files
        .into_par_iter()
        .try_for_each(|(path, js)| sink.put(path, OutputFile::Bytes(js.into_bytes())))?;
    crate::timing::mark("search index");
    let diagnostics = kept.all();
    let reuse = charts.map(|charts| Reuse {
        text,
        sources,
        tera,
        md,
        links,
        charts,
        similar,
        docs,
        png,
        diagnostics: kept,
    });
    let pages = sink.paths.lock().unwrap_or_else(|e| e.into_inner()).len();
    png_jobs.sort();
    Ok((
        Summary {
            diagnostics,
            png_jobs,
            charts: chart_count,
            pages,
            ..Summary::default()
        },
        reuse,
    ))
}

/// A measure's chart and data downloads, handed to the sink as soon as the chart is
/// drawn; the chart keeps its SVG file only where a PNG may be drawn from it.
fn put_measure_files(
    (project, id): &(String, String),
    chart: &mut measure::MeasureChart,
    png_maybe: bool,
    sink: &dyn Sink,
) -> Result<()> {
    let svg_file = if png_maybe {
        chart.svg_file.clone()
    } else {
        std::mem::take(&mut chart.svg_file)
    };
    let csv = std::mem::take(&mut chart.csv);
    sink.put(
        paths::measure_file(project, id, "svg"),
        OutputFile::Bytes(svg_file.into_bytes()),
    )?;
    sink.put(
        paths::measure_file(project, id, "csv"),
        OutputFile::Bytes(csv.into_bytes()),
    )
}

/// Leaves a measure's chart as the pages are given it, and gives the PNG to draw from
/// its SVG file (PNG path, SVG path, SVG) when the site offers PNGs (`png`).
fn measure_png(
    (project, id): &(String, String),
    chart: &mut measure::MeasureChart,
    png: bool,
) -> Option<(String, String, String)> {
    let svg_file = std::mem::take(&mut chart.svg_file);
    chart.png = png && chart.png;
    chart.png.then(|| {
        (
            paths::measure_file(project, id, "png"),
            paths::measure_file(project, id, "svg"),
            svg_file,
        )
    })
}

/// The theme's static files and the highlighting style sheet.
fn put_static_files(portfolio: &Portfolio, sink: &dyn Sink) -> Result<()> {
    sink.put(
        paths::static_file("highlight.css"),
        OutputFile::Bytes(markdown::highlight_css().into()),
    )?;
    for (name, file) in templates::static_files(portfolio) {
        let path = paths::static_file(&name);
        match file {
            templates::StaticFile::Builtin(text) => {
                sink.put(path, OutputFile::Bytes(text.into()))?
            }
            templates::StaticFile::Disk(from) => sink.put(path, OutputFile::Copy(from))?,
        }
    }
    Ok(())
}

/// A programme's combined chart downloads (SVG, CSV, and a PNG to draw) and its small
/// multiple's panels.
fn put_programme_chart(
    slug: &str,
    chart: &mut programme::SharedChart,
    png: bool,
    sink: &dyn Sink,
    png_jobs: &mut Vec<(String, String, String)>,
) -> Result<()> {
    let id = &chart.id;
    if let Some(combined) = chart.combined.as_mut() {
        let svg = paths::programme_measure_file(slug, id, "svg");
        let svg_file = std::mem::take(&mut combined.svg_file);
        combined.png = png && combined.png;
        if combined.png {
            png_jobs.push((
                paths::programme_measure_file(slug, id, "png"),
                svg.clone(),
                svg_file.clone(),
            ));
        }
        sink.put(svg, OutputFile::Bytes(svg_file.into_bytes()))?;
        let csv = std::mem::take(&mut combined.csv);
        sink.put(
            paths::programme_measure_file(slug, id, "csv"),
            OutputFile::Bytes(csv.into_bytes()),
        )?;
    }
    for panel in &mut chart.panels {
        // The panel keeps an empty SVG: the page needs to know it has one.
        if let Some(svg) = panel.svg.as_mut().map(std::mem::take) {
            sink.put(
                paths::programme_panel(slug, id, &panel.project),
                OutputFile::Bytes(svg.into_bytes()),
            )?;
        }
    }
    Ok(())
}

/// The files made for programs rather than people: the Atom feeds, the data downloads
/// (`portfolio.json`, `portfolio.csv`, `measures.csv`), the sitemap and robots.txt. The
/// sitemap lists every page `sink` has had, so this runs after the pages.
fn add_machine_files(
    p: &Portfolio,
    options: &RenderOptions,
    charts: &measure::Charts,
    sink: &Pages<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<()> {
    let base_url = options.base_url.as_deref().and_then(|raw| {
        paths::site_address(raw)
            .map_err(|e| {
                diagnostics.push(Diagnostic::file(
                    crate::error::Severity::Warning,
                    "site.yaml",
                    e,
                ))
            })
            .ok()
    });
    let base = base_url.as_deref();
    let bytes = |text: String| OutputFile::Bytes(text.into_bytes());
    for feed in feeds::feeds(p) {
        sink.put(feed.path(), bytes(feeds::to_xml(&feed, &p.config, base)))?;
    }
    for (path, text) in exports::files(p, charts, base) {
        sink.put(path.to_owned(), bytes(text))?;
    }
    let noindex = p.config.noindex;
    sink.put(
        paths::ROBOTS.to_owned(),
        bytes(sitemap::robots(base, noindex)),
    )?;
    if let (Some(base), false) = (base, noindex) {
        let mut pages: Vec<String> = sink
            .paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|k| k.as_str() != paths::NOT_FOUND)
            .cloned()
            .collect();
        pages.sort();
        let lastmod = sitemap::lastmod(p, options.today);
        for (path, xml) in sitemap::sitemaps(&pages, &lastmod, base, sitemap::MAX_URLS) {
            sink.put(path, bytes(xml))?;
        }
    }
    Ok(())
}

/// The files of `projects` and every programme, showcase and story file, copied
/// through unchanged.
fn copy_content_files<'p>(
    p: &Portfolio,
    projects: impl Iterator<Item = &'p Project>,
    sink: &dyn Sink,
) -> Result<()> {
    let root = &p.root;
    let mut files = Vec::new();
    for project in projects {
        let dir = root.join(folder_of(&project.source.rel)).join("files");
        for f in &project.files {
            files.push((paths::project_file(&project.slug, f), dir.join(f)));
        }
    }
    for g in &p.programmes {
        let dir = root.join(folder_of(&g.source.rel));
        for f in &g.files {
            files.push((paths::programme_file(&g.slug, f), dir.join(f)));
        }
    }
    for s in &p.showcases {
        let dir = root.join(folder_of(&s.source.rel));
        for f in &s.files {
            files.push((paths::showcase_file(&s.slug, f), dir.join(f)));
        }
    }
    for f in &p.story_files {
        files.push((paths::story_file(f), root.join("stories").join(f)));
    }
    files
        .into_par_iter()
        .try_for_each(|(path, from)| sink.put(path, OutputFile::Copy(from)))
}

/// The folder of a content file, e.g. `projects/a` for `projects/a/index.md`.
fn folder_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}
