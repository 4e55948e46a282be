//! The programme pages: the list of programmes, and each programme's page with its
//! member projects and their progress scores over time, each shared measure's combined
//! chart and small multiple (drawn by [`crate::render::programme`]), and the icon
//! summary of the members' measures. Per page, the work is linear in its members.

use serde::Serialize;

use super::{Builder, Link, Term};
use crate::content::date::Date;
use crate::content::model::{Programme, Project};
use crate::content::validate::progress_label;
use crate::render::programme::{progress_chart, SharedChart};
use crate::render::{chart, format, paths, views};

/// A programme in the list, and at the top of its page.
#[derive(Serialize)]
struct ProgrammeSummary {
    path: String,
    title: String,
    summary: String,
    status: Option<Term>,
    members: usize,
}

/// A member project's progress score, now and over time.
#[derive(Serialize)]
struct ProgressRow {
    project: Link,
    /// "4.5 · Sustainable improvement".
    current: Option<String>,
    /// A decorative step chart of the updates (empty without updates).
    chart: String,
    /// The dated updates, oldest first.
    updates: Vec<views::ProgressView>,
}

/// A member's panel in a small multiple.
#[derive(Serialize)]
struct PanelView {
    project: Link,
    /// The measure's section on the project page.
    measure: Link,
    /// Output path of the panel's SVG; none when the member's data cannot be charted.
    src: Option<String>,
    alt: String,
    width: u32,
    height: u32,
}

/// A shared measure on the programme page.
#[derive(Serialize)]
struct SharedMeasureView {
    id: String,
    anchor: String,
    title: String,
    /// How the members' data were combined.
    method: String,
    /// The combined chart (the `m.plot` of partials/chart.html).
    plot: Option<views::ChartView>,
    /// Why there is no combined chart.
    absent: Option<String>,
    panels: Vec<PanelView>,
    /// The panels' common axes, in words.
    axes: String,
    /// Member projects that do not report the measure.
    without: Vec<Link>,
    /// Links to the measure's section on each reporting member's page.
    links: Vec<Link>,
}

impl Builder<'_> {
    pub(super) fn programmes(&mut self) {
        let p = self.p;
        if p.programmes.is_empty() {
            return;
        }
        let list: Vec<ProgrammeSummary> = p.programmes.iter().map(|g| self.summary(g)).collect();
        self.page(
            paths::section("programmes"),
            "programmes.html",
            "Programmes",
            "",
            |ctx| ctx.insert("programmes", &list),
        );
        for (g, summary) in p.programmes.iter().zip(list) {
            self.programme(g, summary);
        }
    }

    fn summary(&self, g: &Programme) -> ProgrammeSummary {
        ProgrammeSummary {
            path: paths::programme(&g.slug),
            title: g.meta.title.clone(),
            summary: g.meta.summary.clone(),
            status: g.meta.status.map(|s| self.index.status(s)),
            members: g.members.len(),
        }
    }

    fn programme(&mut self, g: &Programme, summary: ProgrammeSummary) {
        let path = paths::programme(&g.slug);
        let body = self
            .bodies
            .html(&g.body, &g.source.rel, g.source.body_line, &path, 2);
        let idx = self.index;
        let members: Vec<&Project> = g.members.iter().filter_map(|m| idx.project(m)).collect();
        let cards = self.listed_cards(members.iter().copied(), "h3");
        let icon_rows = views::icon_rows(&members, self.charts);
        let (progress, progress_axis) = progress_rows(idx, &members);
        let shared: Vec<SharedMeasureView> = self
            .programme_charts
            .get(&g.slug)
            .map(|charts| charts.iter().map(|c| self.shared_view(g, c)).collect())
            .unwrap_or_default();
        let files: Vec<views::FileView> = g
            .files
            .iter()
            .map(|f| views::FileView {
                title: format::file_name(f).to_owned(),
                path: paths::programme_file(&g.slug, f),
                name: format::file_name(f).to_owned(),
                is_image: format::is_image(f),
            })
            .collect();
        let meta = &g.meta;
        let lead = meta.lead.as_ref().map(|x| idx.person_link(&x.value));
        let sponsor = meta.sponsor.as_ref().map(|x| idx.person_link(&x.value));
        let priorities: Vec<Term> = meta
            .priorities
            .iter()
            .map(|x| idx.priority(&x.value))
            .collect();
        let tags: Vec<Term> = meta.tags.iter().map(|t| idx.tag(t)).collect();
        self.page(path, "programme.html", &meta.title, &meta.summary, |ctx| {
            ctx.insert("programme", &summary);
            ctx.insert("aim", &meta.aim);
            ctx.insert("started", &meta.started);
            ctx.insert("ended", &meta.ended);
            ctx.insert("lead", &lead);
            ctx.insert("sponsor", &sponsor);
            ctx.insert("projects", &cards);
            ctx.insert("progress", &progress);
            ctx.insert("progress_from", &progress_axis.map(|(from, _)| from));
            ctx.insert("progress_to", &progress_axis.map(|(_, to)| to));
            ctx.insert("shared_measures", &shared);
            ctx.insert("icon_rows", &icon_rows);
            ctx.insert("priorities", &priorities);
            ctx.insert("tags", &tags);
            ctx.insert("files", &files);
            ctx.insert("body", &body);
        });
    }

    fn shared_view(&self, g: &Programme, c: &SharedChart) -> SharedMeasureView {
        let idx = &self.index;
        let measure_link = |slug: &str| Link {
            title: idx.project_link(slug).title,
            path: format!(
                "{}#{}",
                paths::project(slug),
                views::anchor("measure", &c.id)
            ),
        };
        let (width, height) = (chart::PANEL_WIDTH, chart::PANEL_HEIGHT);
        SharedMeasureView {
            id: c.id.clone(),
            anchor: views::anchor("measure", &c.id),
            title: c.title.clone(),
            method: c.method.clone(),
            plot: c.combined.as_ref().map(|chart| {
                views::chart_view(chart, |ext| {
                    paths::programme_measure_file(&g.slug, &c.id, ext)
                })
            }),
            absent: c.absent.clone(),
            panels: c
                .panels
                .iter()
                .map(|panel| PanelView {
                    project: idx.project_link(&panel.project),
                    measure: measure_link(&panel.project),
                    src: panel
                        .svg
                        .as_ref()
                        .map(|_| paths::programme_panel(&g.slug, &c.id, &panel.project)),
                    alt: panel.alt.clone(),
                    width,
                    height,
                })
                .collect(),
            axes: c.axes.clone(),
            without: c.without.iter().map(|s| idx.project_link(s)).collect(),
            links: c.panels.iter().map(|x| measure_link(&x.project)).collect(),
        }
    }
}

/// Each member's current score and its updates, with step charts on one time axis
/// (from the earliest update of any member to the latest). Empty when no member has a
/// score. Also returns the time axis, when any member has updates.
fn progress_rows(
    idx: &views::Index<'_>,
    members: &[&Project],
) -> (Vec<ProgressRow>, Option<(Date, Date)>) {
    let scored = |x: &&&Project| x.progress().is_some() || !x.meta.progress_history.is_empty();
    if !members.iter().any(|x| scored(&x)) {
        return (Vec::new(), None);
    }
    let dates = || {
        members
            .iter()
            .flat_map(|x| x.meta.progress_history.iter().map(|u| u.date))
    };
    let axis = dates().min().zip(dates().max());
    let rows = members.iter().map(|x| progress_row(idx, x, axis)).collect();
    (rows, axis)
}

fn progress_row(idx: &views::Index<'_>, x: &Project, axis: Option<(Date, Date)>) -> ProgressRow {
    let updates: Vec<(Date, f64)> = x
        .meta
        .progress_history
        .iter()
        .map(|u| (u.date, u.score.value))
        .collect();
    let chart = axis.map_or_else(String::new, |(from, to)| progress_chart(&updates, from, to));
    ProgressRow {
        project: idx.project_link(&x.slug),
        current: x.progress().map(|s| match progress_label(s) {
            Some(label) => format!("{s:.1} · {label}"),
            None => format!("{s:.1}"),
        }),
        chart,
        updates: views::progress_history(x),
    }
}
