//! A programme's view of its members' work: each shared measure's combined chart (the
//! members' data put together by [`crate::content::combine`], given its own SPC
//! analysis and drawn exactly like a project's chart), the members' own charts as small
//! multiples on common axes, and the members' progress scores over time as small step
//! charts.
//!
//! Pure: no I/O, no clock. Uses `content` (the portfolio and the combination) and the
//! chart modules beside it. Linear in the number of member projects.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::content::combine::{self, Combined, Member, Method};
use crate::content::date::Date;
use crate::content::load::slugify;
use crate::content::model::{Measure, Portfolio, Programme, Project, Source};
use crate::content::yaml::file_pos;
use crate::error::{Diagnostic, Severity};

use super::chart::{self, ChartModel, Frame};
use super::format::{self, escape};
use super::measure::{measure_chart, ChartContext, Charts, MeasureChart};

/// Every programme's shared measures, by programme slug, in `shared_measures` order.
pub type ProgrammeCharts = BTreeMap<String, Vec<SharedChart>>;

/// One shared measure of a programme, as its page shows it.
#[derive(Clone, Debug)]
pub struct SharedChart {
    pub id: String,
    /// The measure's title (the first member's).
    pub title: String,
    /// How the members' data were combined, in plain English.
    pub method: String,
    /// The programme's own chart, when the members' data combine.
    pub combined: Option<MeasureChart>,
    /// Why there is no combined chart.
    pub absent: Option<String>,
    /// One panel per member that reports the measure, in member order.
    pub panels: Vec<Panel>,
    /// The panels' common axes, in words.
    pub axes: String,
    /// Members that do not report the measure (project slugs).
    pub without: Vec<String>,
}

/// A member's chart in a small multiple.
#[derive(Clone, Debug)]
pub struct Panel {
    /// The member project's slug.
    pub project: String,
    /// The panel as a standalone SVG file; `None` when the member's data cannot be
    /// charted.
    pub svg: Option<String>,
    /// The panel's text alternative: the member's chart summary.
    pub alt: String,
}

/// Builds every programme's shared-measure charts from the members' charts, in
/// parallel. Diagnostics are combined series the SPC engine cannot analyse (a
/// combination that makes no statistical sense is found earlier, by validation).
pub fn charts(p: &Portfolio, charts: &Charts) -> (ProgrammeCharts, Vec<Diagnostic>) {
    let projects: BTreeMap<&str, &Project> =
        p.projects.iter().map(|x| (x.slug.as_str(), x)).collect();
    let jobs: Vec<(&Programme, usize)> = p
        .programmes
        .iter()
        .flat_map(|g| (0..g.meta.shared_measures.len()).map(move |i| (g, i)))
        .collect();
    let results: Vec<(String, SharedChart, Option<Diagnostic>)> = jobs
        .par_iter()
        .map(|(g, i)| {
            let (chart, diagnostic) = shared_chart(p, g, *i, &projects, charts);
            (g.slug.clone(), chart, diagnostic)
        })
        .collect();
    let mut out = ProgrammeCharts::new();
    let mut diagnostics = Vec::new();
    for (slug, chart, diagnostic) in results {
        out.entry(slug).or_default().push(chart);
        diagnostics.extend(diagnostic);
    }
    (out, diagnostics)
}

fn shared_chart(
    p: &Portfolio,
    g: &Programme,
    index: usize,
    projects: &BTreeMap<&str, &Project>,
    charts: &Charts,
) -> (SharedChart, Option<Diagnostic>) {
    let entry = &g.meta.shared_measures[index];
    let id = entry.value.as_str();
    let mut holders: Vec<Member<'_>> = Vec::new();
    let mut without = Vec::new();
    for slug in &g.members {
        let Some(project) = projects.get(slug.as_str()) else {
            continue;
        };
        match project.measures.iter().find(|m| m.id == id) {
            Some(measure) => holders.push(Member { project, measure }),
            None => without.push(slug.clone()),
        }
    }
    let title = holders
        .first()
        .map_or_else(|| id.to_owned(), |h| h.measure.meta.title.clone());
    let (panels, axes) = panels(id, &holders, charts);
    let mut shared = SharedChart {
        id: id.to_owned(),
        title,
        method: String::new(),
        combined: None,
        absent: None,
        panels,
        axes,
        without,
    };
    if holders.len() < 2 {
        shared.absent = Some(
            "Fewer than two member projects report this measure, so there is nothing to \
             combine yet."
                .to_owned(),
        );
        return (shared, None);
    }
    let method = g.meta.combine.get(id).map(|m| m.value);
    let combined = match combine::combine(id, &holders, method) {
        Ok(c) => c,
        Err(rejection) => {
            shared.absent = Some(format!(
                "The members’ data cannot be combined: {}.",
                rejection.message
            ));
            return (shared, None);
        }
    };
    shared.method = method_text(&combined, &holders);
    let measure = programme_measure(g, id, &holders, &combined);
    let cx = ChartContext {
        id: format!("chart-{}", slugify(id)),
        defaults: &p.config.spc,
        pdsa: Vec::new(),
    };
    match measure_chart(&measure, &cx) {
        Ok(chart) => {
            shared.combined = Some(chart);
            (shared, None)
        }
        Err(e) => {
            let message = format!(
                "cannot compute the combined chart of shared measure `{id}`: {}",
                e.message
            );
            shared.absent = Some(format!(
                "The combined chart cannot be computed: {}.",
                e.message
            ));
            let (line, col) = file_pos(&entry.referenced, 2);
            let d = Diagnostic {
                line,
                col,
                ..Diagnostic::file(Severity::Error, &g.source.rel, message)
            }
            .with_hint(
                "check the members' data, or choose a rule set that suits the combined series \
                 (see \"Programmes\" in README)",
            );
            (shared, Some(d))
        }
    }
}

/// The combined series as a measure of the programme: the first member's definition,
/// with the combination's target, the members' common rule set, and no phases,
/// baseline or notes of its own (those belong to each member's changes).
fn programme_measure(g: &Programme, id: &str, holders: &[Member<'_>], c: &Combined) -> Measure {
    let first = &holders[0].measure.meta;
    let mut meta = first.clone();
    meta.title = format!("{}: {} members combined", first.title, holders.len());
    meta.phases.clear();
    meta.annotations.clear();
    meta.baseline = None;
    meta.target = c.target;
    meta.rules = first
        .rules
        .filter(|r| holders.iter().all(|h| h.measure.meta.rules == Some(*r)));
    Measure {
        id: id.to_owned(),
        meta,
        data: c.observations.clone(),
        source: Source {
            rel: g.source.rel.clone(),
            body_line: 1,
        },
        csv_rel: g.source.rel.clone(),
    }
}

/// How the members' data were combined, for the page: what each point is, which
/// periods it covers, what was left out and why the target is or is not shown.
fn method_text(c: &Combined, holders: &[Member<'_>]) -> String {
    let n = holders.len();
    let span = format!("from {} to {}", c.first.long(), c.last.long());
    let mut text = match c.method {
        Method::PooledRates => format!(
            "For each date {span}, the numerators and the denominators of the {n} members \
             are summed, so each point is the rate across all of them and each member counts \
             in proportion to its denominator."
        ),
        Method::SummedCounts => format!(
            "For each date {span}, the {n} members’ counts are summed. A C chart assumes the \
             same area of opportunity at every point: the combined area is the sum of the \
             members’ areas, and it stays comparable because the chart covers only the dates \
             every member reports."
        ),
        Method::Sum => format!(
            "The programme says these values add up (combine: sum): for each date {span}, \
             the {n} members’ values are summed."
        ),
        Method::Mean => format!(
            "The programme asks for the mean (combine: mean): for each date {span}, the \
             combined value is the mean of the {n} members’ values, each member weighing the \
             same."
        ),
        Method::PooledSubgroups => format!(
            "For each date {span}, every observation of the {n} members is pooled into one \
             subgroup. Differences between the members add to the spread within each \
             subgroup, so the limits are wider than a single member’s."
        ),
        Method::MergedEvents => format!(
            "The {n} members’ events are merged on one time line from {}, when every \
             member’s record of events is complete; each point is the days since the \
             previous event at any member, from {} to {}. This assumes every member’s data \
             is up to date.",
            c.complete_from.unwrap_or(c.first).long(),
            c.first.long(),
            c.last.long()
        ),
    };
    if !c.left_out.is_empty() {
        let titles: BTreeMap<&str, &str> = holders
            .iter()
            .map(|h| (h.project.slug.as_str(), h.project.meta.title.as_str()))
            .collect();
        let title = |slug: &str| titles.get(slug).copied().unwrap_or(slug).to_owned();
        let parts: Vec<String> = c
            .left_out
            .iter()
            .map(|(slug, rows)| {
                let s = if *rows == 1 { "" } else { "s" };
                format!("{rows} row{s} of {}", title(slug))
            })
            .collect();
        text.push_str(&format!(
            " Left out, because not every member has data then: {}.",
            parts.join(", ")
        ));
    }
    let has_target = holders.iter().any(|h| h.measure.meta.target.is_some());
    if has_target && c.target.is_none() {
        let why = match c.method {
            Method::PooledRates | Method::Mean => "the members’ targets differ",
            Method::PooledSubgroups if c.chart == crate::content::model::ChartType::Xbar => {
                "the members’ targets differ"
            }
            _ => "a member’s target does not apply to the combined value",
        };
        text.push_str(&format!(" The combined chart shows no target: {why}."));
    }
    text.push_str(
        " It has one phase: each member changed at its own time, and its own chart shows its \
         phases.",
    );
    text
}

/// The members' charts redrawn as panels on common axes, and those axes in words.
fn panels(id: &str, holders: &[Member<'_>], charts: &Charts) -> (Vec<Panel>, String) {
    let charted: Vec<Option<&MeasureChart>> = holders
        .iter()
        .map(|h| charts.get(&(h.project.slug.clone(), id.to_owned())))
        .collect();
    let models: Vec<&ChartModel> = charted.iter().flatten().map(|c| &c.model).collect();
    if models.is_empty() {
        let panels = holders.iter().map(|h| no_panel(h.project)).collect();
        return (panels, String::new());
    }
    let (x_range, y_range) = chart::common_ranges(&models);
    let frame = Frame::panel(x_range, y_range);
    let panels = holders
        .iter()
        .zip(&charted)
        .map(|(h, chart)| match chart {
            Some(c) => {
                let mut model = c.model.clone();
                model.id = format!("panel-{}", slugify(&h.project.slug));
                model.title = format!("{}: {}", h.project.meta.title, h.measure.meta.title);
                model.table_id = None;
                let svg = chart::draw_svg_in(&model, &frame);
                Panel {
                    project: h.project.slug.clone(),
                    svg: Some(format!(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{svg}\n"
                    )),
                    alt: format!("{}: {}", h.project.meta.title, c.summary),
                }
            }
            None => no_panel(h.project),
        })
        .collect();
    let first_date = holders
        .iter()
        .filter_map(|h| h.measure.data.first())
        .map(|o| o.date)
        .min();
    let last_date = holders
        .iter()
        .filter_map(|h| h.measure.data.last())
        .map(|o| o.date)
        .max();
    let unit = holders[0]
        .measure
        .meta
        .unit
        .as_deref()
        .map(|u| format!(" ({u})"))
        .unwrap_or_default();
    let axes = match (first_date, last_date) {
        (Some(a), Some(b)) => format!(
            "Every panel has the same axes: dates from {} to {}, and values from {} to {}{unit}.",
            a.month_year(),
            b.month_year(),
            format::number(y_range.0, 1),
            format::number(y_range.1, 1)
        ),
        _ => String::new(),
    };
    (panels, axes)
}

fn no_panel(project: &Project) -> Panel {
    Panel {
        project: project.slug.clone(),
        svg: None,
        alt: format!(
            "{}: the data cannot be charted (see the project page).",
            project.meta.title
        ),
    }
}

/// Width and height of a progress step chart.
pub const PROGRESS_WIDTH: u32 = 200;
pub const PROGRESS_HEIGHT: u32 = 44;

/// A small step chart of a project's progress score over time, on a time axis shared
/// by every row of the programme's table (`from` to `to`), and the score scale 0.5 to 5.
/// Decorative (`aria-hidden`): the table beside it gives the scores in words. Empty
/// when there are no dated updates.
pub fn progress_chart(updates: &[(Date, f64)], from: Date, to: Date) -> String {
    if updates.is_empty() {
        return String::new();
    }
    let day = |d: Date| -> f64 {
        d.0.since(from.0)
            .map_or(0.0, |span| f64::from(span.get_days()))
    };
    let total = day(to).max(1.0);
    let (w, h) = (f64::from(PROGRESS_WIDTH), f64::from(PROGRESS_HEIGHT));
    let (left, right, top, bottom) = (4.0, w - 4.0, 4.0, h - 4.0);
    let x = |d: Date| left + (right - left) * day(d) / total;
    let y = |score: f64| bottom - (bottom - top) * (score - 0.5) / 4.5;
    let mut grid = String::new();
    for score in [1.0, 2.0, 3.0, 4.0, 5.0] {
        grid.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{right}\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"#e8edee\"/>",
            y(score)
        ));
    }
    let mut points = Vec::new();
    let mut dots = String::new();
    for (i, (date, score)) in updates.iter().enumerate() {
        let (px, py) = (x(*date), y(*score));
        if i > 0 {
            points.push(format!("{px:.1},{:.1}", y(updates[i - 1].1)));
        }
        points.push(format!("{px:.1},{py:.1}"));
        dots.push_str(&format!(
            "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"2.5\" fill=\"#005eb8\"/>"
        ));
    }
    if let Some((_, score)) = updates.last() {
        points.push(format!("{:.1},{:.1}", x(to), y(*score)));
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"progress-chart\" viewBox=\"0 0 {PROGRESS_WIDTH} {PROGRESS_HEIGHT}\" width=\"{PROGRESS_WIDTH}\" height=\"{PROGRESS_HEIGHT}\" aria-hidden=\"true\" focusable=\"false\">{grid}<polyline fill=\"none\" stroke=\"#005eb8\" stroke-width=\"2\" points=\"{}\"/>{dots}</svg>",
        escape(&points.join(" "))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn progress_charts_step_on_a_shared_time_axis() {
        let from = date("2024-01-01");
        let to = date("2025-01-01");
        let svg = progress_chart(
            &[(date("2024-01-01"), 1.0), (date("2024-07-01"), 3.5)],
            from,
            to,
        );
        assert!(svg.contains("aria-hidden=\"true\""));
        // Starts at the left edge at 1.0, steps up to 3.5 half way, holds to the end.
        assert!(
            svg.contains("points=\"4.0,36.0 99.5,36.0 99.5,16.0 196.0,16.0\""),
            "{svg}"
        );
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(progress_chart(&[], from, to), "");
    }
}
