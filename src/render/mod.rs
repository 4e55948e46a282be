//! Portfolio → OutputSet, in memory: pages, Markdown, highlighting and charts. Never
//! touches the disk. Uses `content` (and later `spc`); nothing here uses `commands`.
//!
//! [`render`] is the whole stage: it builds the templates (built-in theme, chosen theme,
//! portfolio overrides), makes one [`pages::PageJob`] per page, renders them (in
//! parallel, collected in path order, so the output is byte-identical run to run), and
//! adds the static files and the content files that are copied through.

pub mod bars;
pub mod chart;
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
use crate::content::model::Portfolio;
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
    /// Files an earlier render made that are no longer made ([`render_project`] only:
    /// a whole render gives every file).
    pub removed: Vec<String>,
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

/// What a whole render keeps so that `qisite serve` can render one project's pages
/// again after an edit (see [`render_project`]) without making the rest again: the
/// templates, the link map, the similar projects and the search documents.
pub struct Reuse {
    sources: std::collections::BTreeMap<String, String>,
    tera: tera::Tera,
    md: markdown::Markdown,
    links: links::LinkMap,
    similar: search::SimilarProjects,
    docs: Vec<search::SearchDoc>,
    text: search::TextIndex,
    /// Whether the site offers chart PNGs (decided by the whole site's chart count).
    png: bool,
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
    // The project's charts, and the charts its texts embed from other projects.
    let mut embedded: Vec<&str> = vec![slug];
    let texts = std::iter::once(project.body.as_str()).chain(project.pdsa.iter().flat_map(|c| {
        let s = &c.sections;
        [
            s.intro.as_str(),
            s.r#do.as_str(),
            s.study.as_str(),
            s.act.as_str(),
        ]
    }));
    for text in texts {
        for (_, parsed) in shortcode::find_all(text) {
            if let Ok((chart, _)) = parsed {
                if let Some(x) = portfolio.projects.iter().find(|x| x.slug == chart.project) {
                    embedded.push(&x.slug);
                }
            }
        }
    }
    embedded.sort_unstable();
    embedded.dedup();
    let projects = embedded.iter().filter_map(|s| {
        portfolio
            .projects
            .binary_search_by(|p| p.slug.as_str().cmp(s))
            .ok()
            .map(|i| &portfolio.projects[i])
    });
    crate::timing::mark("project: texts searched for charts");
    let (mut charts, chart_diagnostics) = measure::charts_of(portfolio, projects, &|_, _| Ok(()))?;
    crate::timing::mark("project: charts");
    for chart in charts.values_mut() {
        // As the whole render leaves them by the time it makes the pages.
        chart.svg_file = String::new();
        chart.csv = String::new();
        chart.png = reuse.png && chart.png;
    }
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
        ..
    } = &*reuse;
    let mut diagnostics = pages::render_project(
        &pages::Sources {
            portfolio,
            options,
            md,
            links,
            charts: &charts,
            programme_charts: &Default::default(),
            tera,
            similar,
        },
        project,
        &|job: pages::PageJob| emit_page(tera, sources, job, &pages),
    )?;
    crate::timing::mark("project: pages");
    diagnostics.extend(chart_diagnostics);
    drop(charts);
    let docs = search::project_docs(portfolio, i, &reuse.md);
    crate::timing::mark("project: search documents");
    let (files, removed) = reuse.text.update(&mut reuse.docs, docs);
    for (path, js) in files {
        sink.put(path, OutputFile::Bytes(js.into_bytes()))?;
    }
    crate::timing::mark("project: search index");
    let pages = pages.paths.lock().unwrap_or_else(|e| e.into_inner()).len();
    Ok(Summary {
        diagnostics,
        png_jobs: Vec::new(),
        charts: 0,
        pages,
        removed,
    })
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
        measure::charts_each(portfolio, &|(project, id), chart| {
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
    for ((project, id), chart) in charts.iter_mut() {
        let svg_file = std::mem::take(&mut chart.svg_file);
        chart.png = png && chart.png;
        if chart.png {
            png_jobs.push((
                paths::measure_file(project, id, "png"),
                paths::measure_file(project, id, "svg"),
                svg_file,
            ));
        }
    }
    for (slug, shared) in programme_charts.iter_mut() {
        for chart in shared {
            put_programme_chart(slug, chart, png, &sink, &mut png_jobs)?;
        }
    }
    crate::timing::mark("chart files");
    let mut diagnostics = pages::render(
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
    diagnostics.extend(chart_diagnostics);
    diagnostics.extend(programme_diagnostics);
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
    copy_content_files(portfolio, &sink)?;
    add_machine_files(portfolio, options, &charts, &sink, &mut diagnostics)?;
    crate::timing::mark("machine files");
    // The charts are done with: free them before the search index, the last big stage.
    drop(charts);
    drop(programme_charts);
    let docs = search::documents(portfolio, &md);
    let (files, text) = search::files_keeping(&docs, &similar.vectors, keep);
    files
        .into_par_iter()
        .try_for_each(|(path, js)| sink.put(path, OutputFile::Bytes(js.into_bytes())))?;
    crate::timing::mark("search index");
    let reuse = keep.then(|| Reuse {
        text,
        sources,
        tera,
        md,
        links,
        similar,
        docs,
        png,
    });

    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
    diagnostics.dedup();
    let pages = sink.paths.lock().unwrap_or_else(|e| e.into_inner()).len();
    png_jobs.sort();
    Ok((
        Summary {
            diagnostics,
            png_jobs,
            charts: chart_count,
            pages,
            removed: Vec::new(),
        },
        reuse,
    ))
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

/// Project, programme, showcase and story files, copied through unchanged.
fn copy_content_files(p: &Portfolio, sink: &dyn Sink) -> Result<()> {
    let root = &p.root;
    let mut files = Vec::new();
    for project in &p.projects {
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
