//! Charts embedded in Markdown bodies by `{{ chart(project="…", measure="…") }}`: the
//! measure's chart as its project page shows it (inline SVG, plain-English summary,
//! icons, data table and downloads), drawn with the theme's `partials/chart_embed.html`
//! for the page it lands on. Its ids are renamed so that the same chart can appear
//! twice on one page, and the links inside the SVG (to PDSA cycles, written relative to
//! the project page) are made relative to the embedding page.
//!
//! Pure: no I/O. Uses the charts already drawn (`render::measure`), the view models
//! (`render::views`) and the templates; never draws a chart again.

use std::collections::BTreeMap;

use tera::{Context, Tera};

use super::markdown::ChartEmbedder;
use super::measure::Charts;
use super::paths;
use super::shortcode::{ChartRef, EXAMPLE};
use super::views::{self, ChartView, Link};
use crate::content::model::{Portfolio, Project};
use crate::content::yaml::did_you_mean;

/// The template that draws an embedded chart.
pub const TEMPLATE: &str = "partials/chart_embed.html";

/// Draws embedded charts from the charts of the portfolio.
pub struct ChartEmbeds<'a> {
    tera: &'a Tera,
    charts: &'a Charts,
    projects: BTreeMap<&'a str, &'a Project>,
}

impl<'a> ChartEmbeds<'a> {
    pub fn new(portfolio: &'a Portfolio, charts: &'a Charts, tera: &'a Tera) -> ChartEmbeds<'a> {
        ChartEmbeds {
            tera,
            charts,
            projects: portfolio
                .projects
                .iter()
                .map(|p| (p.slug.as_str(), p))
                .collect(),
        }
    }

    fn project(&self, slug: &str) -> Result<&'a Project, (String, String)> {
        if let Some(p) = self.projects.get(slug) {
            return Ok(p);
        }
        let known: Vec<String> = self.projects.keys().map(|k| (*k).to_owned()).collect();
        let mut hint = match did_you_mean(slug, &known) {
            Some(best) => format!("did you mean `{best}`? "),
            None => String::new(),
        };
        hint.push_str("`project` is a project's slug, the name of its folder under `projects/`");
        Err((
            format!("unknown project `{slug}` in the chart shortcode"),
            hint,
        ))
    }
}

impl ChartEmbedder for ChartEmbeds<'_> {
    fn embed(
        &self,
        chart: &ChartRef,
        page_path: &str,
        id: &str,
    ) -> Result<String, (String, String)> {
        let project = self.project(&chart.project)?;
        let Some(measure) = project.measures.iter().find(|m| m.id == chart.measure) else {
            let known: Vec<String> = project.measures.iter().map(|m| m.id.clone()).collect();
            let message = format!(
                "project `{}` has no measure `{}`",
                project.slug, chart.measure
            );
            let hint = match (did_you_mean(&chart.measure, &known), known.is_empty()) {
                (_, true) => format!(
                    "`{}` has no measures yet; a measure is a file `projects/{}/measures/<id>.yaml`",
                    project.slug, project.slug
                ),
                (Some(best), _) => format!("did you mean `{best}`? its measures: {}", known.join(", ")),
                (None, _) => format!("its measures: {}", known.join(", ")),
            };
            return Err((message, hint));
        };
        let view = views::measure(project, measure, self.charts);
        let Some(plot) = view.plot else {
            return Err((
                format!(
                    "measure `{}` of project `{}` has no chart to show",
                    measure.id, project.slug
                ),
                format!(
                    "add data to `{}`, or fix the problem reported there",
                    measure.csv_rel
                ),
            ));
        };
        let plot = rebase(plot, id, page_path, &project.slug);
        let page = paths::project(&project.slug);
        let mut ctx = Context::new();
        ctx.insert("page_path", page_path);
        ctx.insert("chart", &plot);
        ctx.insert("chart_title", &view.title);
        ctx.insert("chart_anchor", id);
        ctx.insert(
            "project",
            &Link {
                title: project.meta.title.clone(),
                path: page.clone(),
            },
        );
        ctx.insert(
            "measure",
            &Link {
                title: view.title.clone(),
                path: format!("{page}#{}", view.anchor),
            },
        );
        self.tera.render(TEMPLATE, &ctx).map_err(|e| {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            (
                format!("cannot draw the chart: {message}"),
                format!("check the theme's `{TEMPLATE}`; a chart is written `{EXAMPLE}`"),
            )
        })
    }
}

/// The chart with its ids based on `id` instead of its own, and the links inside its
/// SVG made relative to `page_path` instead of the project page.
fn rebase(mut plot: ChartView, id: &str, page_path: &str, project: &str) -> ChartView {
    let old = plot
        .table_id
        .strip_suffix("-data")
        .unwrap_or(&plot.table_id)
        .to_owned();
    let mut svg = plot.svg;
    for suffix in ["title", "desc", "data"] {
        svg = svg.replace(
            &format!("\"{old}-{suffix}\""),
            &format!("\"{id}-{suffix}\""),
        );
    }
    let project_page = paths::project(project);
    let relative = paths::relative(page_path, &project_page);
    let folder = relative.strip_suffix("index.html").unwrap_or("");
    if !folder.is_empty() {
        svg = svg.replace("href=\"pdsa/", &format!("href=\"{folder}pdsa/"));
    }
    plot.svg = svg;
    plot.table_id = format!("{id}-data");
    plot
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plot() -> ChartView {
        ChartView {
            svg:
                "<svg aria-labelledby=\"chart-falls-title\" aria-describedby=\"chart-falls-desc\" \
                  aria-details=\"chart-falls-data\"><title id=\"chart-falls-title\">T</title>\
                  <desc id=\"chart-falls-desc\">D</desc><a href=\"pdsa/01-x.html\">P</a></svg>"
                    .into(),
            table_id: "chart-falls-data".into(),
            summary: String::new(),
            variation: None,
            assurance: None,
            rows: Vec::new(),
            counts_heading: None,
            centre_label: "Mean",
            trial: false,
            markers: true,
            svg_file: String::new(),
            png_file: String::new(),
            csv_file: String::new(),
        }
    }

    #[test]
    fn ids_and_links_follow_the_embedding_page() {
        let out = rebase(plot(), "chart-embed-a-falls-2", "stories/x/index.html", "a");
        assert_eq!(out.table_id, "chart-embed-a-falls-2-data");
        assert!(!out.svg.contains("\"chart-falls-"), "{}", out.svg);
        for want in [
            "aria-labelledby=\"chart-embed-a-falls-2-title\"",
            "id=\"chart-embed-a-falls-2-desc\"",
            "aria-details=\"chart-embed-a-falls-2-data\"",
            "href=\"../../projects/a/pdsa/01-x.html\"",
        ] {
            assert!(out.svg.contains(want), "{want}: {}", out.svg);
        }
        // On the project page itself the links stay as they are.
        let same = rebase(plot(), "e", "projects/a/index.html", "a");
        assert!(same.svg.contains("href=\"pdsa/01-x.html\""));
    }
}
