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
use crate::output::OutputSet;

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

/// Renders the whole site in memory. Deterministic: the same portfolio and options give
/// the same bytes. Template problems are `Error::Template`; content problems found on
/// the way (broken links) are diagnostics.
pub fn render(portfolio: &Portfolio, options: &RenderOptions) -> Result<Rendered> {
    let sources = templates::template_sources(portfolio);
    let tera = templates::build(portfolio)?;
    let md = markdown::Markdown::new();
    let links = links::LinkMap::new(portfolio);
    let (mut charts, chart_diagnostics) = measure::charts(portfolio);
    let similar = search::SimilarProjects::new(portfolio);
    let (mut programme_charts, programme_diagnostics) = programme::charts(portfolio, &charts);
    let chart_count = charts.len()
        + programme_charts
            .values()
            .flatten()
            .filter(|c| c.combined.is_some())
            .count();
    let png = portfolio.config.charts.png.draws(chart_count);
    if !png {
        let combined = programme_charts
            .values_mut()
            .flatten()
            .filter_map(|c| c.combined.as_mut());
        for chart in charts.values_mut().chain(combined) {
            chart.png = false;
        }
    }
    let (jobs, mut diagnostics) = pages::collect(&pages::Sources {
        portfolio,
        options,
        md: &md,
        links: &links,
        charts: &charts,
        programme_charts: &programme_charts,
        tera: &tera,
        similar: &similar,
    });
    diagnostics.extend(chart_diagnostics);
    diagnostics.extend(programme_diagnostics);

    let pages: Vec<(String, String)> = jobs
        .par_iter()
        .map(|job| {
            tera.render(job.template, &job.context)
                .map(|html| (job.path.clone(), html))
                .map_err(|e| {
                    let mut err = templates::template_error(&e, &sources);
                    if let crate::error::Error::Template { message, .. } = &mut err {
                        *message = format!("{message} (rendering `{}`)", job.path);
                    }
                    err
                })
        })
        .collect::<Result<_>>()?;

    let mut output = OutputSet::default();
    for (path, html) in pages {
        output.insert_bytes(path, html);
    }
    output.insert_bytes(
        paths::static_file("highlight.css"),
        markdown::highlight_css(),
    );
    for (name, file) in templates::static_files(portfolio) {
        let path = paths::static_file(&name);
        match file {
            templates::StaticFile::Builtin(text) => output.insert_bytes(path, text),
            templates::StaticFile::Disk(from) => output.insert_copy(path, from),
        }
    }
    let docs = search::documents(portfolio, &md);
    for (path, js) in search::files(&docs, &similar.vectors) {
        output.insert_bytes(path, js);
    }
    copy_content_files(portfolio, &mut output);
    add_machine_files(portfolio, options, &charts, &mut output, &mut diagnostics);
    let mut png_jobs = Vec::new();
    for ((project, id), chart) in charts {
        let svg = paths::measure_file(&project, &id, "svg");
        output.insert_bytes(svg.clone(), chart.svg_file);
        output.insert_bytes(paths::measure_file(&project, &id, "csv"), chart.csv);
        if chart.png {
            png_jobs.push((paths::measure_file(&project, &id, "png"), svg));
        }
    }

    for (slug, shared) in programme_charts {
        for chart in shared {
            write_programme_chart(&slug, chart, &mut output, &mut png_jobs);
        }
    }

    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
    diagnostics.dedup();
    Ok(Rendered {
        output,
        diagnostics,
        png_jobs,
        charts: chart_count,
    })
}

/// A programme's combined chart downloads (SVG, CSV, and a PNG to draw) and its small
/// multiple's panels.
fn write_programme_chart(
    slug: &str,
    chart: programme::SharedChart,
    output: &mut OutputSet,
    png_jobs: &mut Vec<(String, String)>,
) {
    let id = &chart.id;
    if let Some(combined) = chart.combined {
        let svg = paths::programme_measure_file(slug, id, "svg");
        output.insert_bytes(svg.clone(), combined.svg_file);
        output.insert_bytes(paths::programme_measure_file(slug, id, "csv"), combined.csv);
        if combined.png {
            png_jobs.push((paths::programme_measure_file(slug, id, "png"), svg));
        }
    }
    for panel in chart.panels {
        if let Some(svg) = panel.svg {
            output.insert_bytes(paths::programme_panel(slug, id, &panel.project), svg);
        }
    }
}

/// The files made for programs rather than people: the Atom feeds, the data downloads
/// (`portfolio.json`, `portfolio.csv`, `measures.csv`), the sitemap and robots.txt. The
/// sitemap lists every page already in `output`, so this runs after the pages.
fn add_machine_files(
    p: &Portfolio,
    options: &RenderOptions,
    charts: &measure::Charts,
    output: &mut OutputSet,
    diagnostics: &mut Vec<Diagnostic>,
) {
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
    for feed in feeds::feeds(p) {
        output.insert_bytes(feed.path(), feeds::to_xml(&feed, &p.config, base));
    }
    for (path, text) in exports::files(p, charts, base) {
        output.insert_bytes(path, text);
    }
    let noindex = p.config.noindex;
    output.insert_bytes(paths::ROBOTS, sitemap::robots(base, noindex));
    if let (Some(base), false) = (base, noindex) {
        let pages: Vec<String> = output
            .files
            .iter()
            .filter(|(k, file)| {
                matches!(file, crate::output::OutputFile::Bytes(_))
                    && (k.as_str() == paths::HOME || k.ends_with("/index.html"))
            })
            .map(|(k, _)| k.clone())
            .collect();
        let lastmod = sitemap::lastmod(p, options.today);
        for (path, xml) in sitemap::sitemaps(&pages, &lastmod, base, sitemap::MAX_URLS) {
            output.insert_bytes(path, xml);
        }
    }
}

/// Project, programme, showcase and story files, copied through unchanged.
fn copy_content_files(p: &Portfolio, output: &mut OutputSet) {
    let root = &p.root;
    for project in &p.projects {
        let dir = root.join(folder_of(&project.source.rel)).join("files");
        for f in &project.files {
            output.insert_copy(paths::project_file(&project.slug, f), dir.join(f));
        }
    }
    for g in &p.programmes {
        let dir = root.join(folder_of(&g.source.rel));
        for f in &g.files {
            output.insert_copy(paths::programme_file(&g.slug, f), dir.join(f));
        }
    }
    for s in &p.showcases {
        let dir = root.join(folder_of(&s.source.rel));
        for f in &s.files {
            output.insert_copy(paths::showcase_file(&s.slug, f), dir.join(f));
        }
    }
    for f in &p.story_files {
        output.insert_copy(paths::story_file(f), root.join("stories").join(f));
    }
}

/// The folder of a content file, e.g. `projects/a` for `projects/a/index.md`.
fn folder_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}
