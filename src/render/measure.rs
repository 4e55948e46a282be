//! A measure's chart, as shown on the site: its data (CSV) and definition (YAML) run
//! through the SPC engine, then drawn (SVG, PNG), summarised in plain English, given
//! its Making Data Count icons, and laid out as a table and a CSV download.
//!
//! Pure: no I/O. Uses `content` (the measure), `spc` (the statistics) and the drawing
//! modules beside it.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::SpcDefaults;
use crate::content::date::Date;
use crate::content::model::{ChartType, Improvement, Measure, PdsaCycle, Portfolio, Rules};
use crate::error::{Diagnostic, Severity};
use crate::spc::summary::{AssuranceIcon, SummaryText, VariationIcon};
use crate::spc::{self, Analysis, Chart, ChartInput, Data, RuleSet, Variation};

use super::chart::{ChartMarker, ChartModel, ChartPoint, PointClass};
use super::{format, paths};

/// Every measure's chart, by (project slug, measure id).
pub type Charts = BTreeMap<(String, String), MeasureChart>;

/// Analyses and draws every measure of the portfolio, in parallel. A measure whose data
/// cannot be charted is left out and reported as an error at its CSV row (or YAML).
pub fn charts(p: &Portfolio) -> (Charts, Vec<Diagnostic>) {
    charts_each(p, &|_, _| Ok(())).expect("a callback that never fails")
}

/// What [`charts_each`] calls with each chart as soon as it is drawn.
pub type EachChart<'e> =
    dyn Fn(&(String, String), &mut MeasureChart) -> crate::error::Result<()> + Sync + 'e;

/// [`charts`], calling `each` with every chart as soon as it is drawn, e.g. to hand its
/// downloads to the sink and drop them, so that the site's charts never all hold their
/// downloads in memory at once. Stops at the first error `each` gives.
pub fn charts_each(
    p: &Portfolio,
    each: &EachChart<'_>,
) -> crate::error::Result<(Charts, Vec<Diagnostic>)> {
    let (charts, diagnostics) = charts_of(p, p.projects.iter(), each)?;
    Ok((charts, diagnostics.into_iter().map(|(_, d)| d).collect()))
}

/// [`charts_each`] for some of the portfolio's projects only (e.g. the projects
/// `qisite serve` renders again after an edit). Each diagnostic comes with the slug of
/// its project.
pub fn charts_of<'p>(
    p: &'p Portfolio,
    projects: impl Iterator<Item = &'p crate::content::model::Project>,
    each: &EachChart<'_>,
) -> crate::error::Result<(Charts, Vec<(String, Diagnostic)>)> {
    let jobs: Vec<(&crate::content::model::Project, &Measure)> = projects
        .flat_map(|project| project.measures.iter().map(move |m| (project, m)))
        .collect();
    let results: Vec<_> = jobs
        .par_iter()
        .map(|(project, measure)| {
            let page = paths::project(&project.slug);
            let pdsa = project
                .pdsa
                .iter()
                .filter(|c| c.meta.measures.iter().any(|m| m.value == measure.id))
                .map(|c| {
                    (
                        c,
                        paths::relative(&page, &paths::pdsa(&project.slug, &c.slug)),
                    )
                })
                .collect();
            let cx = ChartContext {
                id: format!("chart-{}", crate::content::load::slugify(&measure.id)),
                defaults: &p.config.spc,
                pdsa,
            };
            let key = (project.slug.clone(), measure.id.clone());
            let mut chart = measure_chart(measure, &cx).map_err(|e| chart_error(measure, &e));
            if let Ok(chart) = chart.as_mut() {
                each(&key, chart)?;
            }
            Ok((key, chart))
        })
        .collect::<crate::error::Result<Vec<_>>>()?;
    let mut charts = Charts::new();
    let mut diagnostics = Vec::new();
    for (key, result) in results {
        match result {
            Ok(chart) => {
                charts.insert(key, chart);
            }
            Err(d) => diagnostics.push((key.0, d)),
        }
    }
    Ok((charts, diagnostics))
}

/// Locates an SPC error: at the CSV row of the point it names, else at the YAML.
fn chart_error(measure: &Measure, error: &ChartError) -> Diagnostic {
    let message = format!(
        "cannot compute the chart of `{}`: {}",
        measure.id, error.message
    );
    let hint = "check the values, or choose a chart type or rule set that suits the data \
                (see \"Measure\" in README)";
    match error.line {
        Some(line) => Diagnostic {
            severity: Severity::Error,
            path: measure.csv_rel.clone(),
            line,
            col: 1,
            message,
            hint: Some(hint.to_owned()),
            source_line: None,
        },
        None => Diagnostic::file(Severity::Error, &measure.source.rel, message).with_hint(hint),
    }
}

/// Why a measure cannot be charted, and the CSV line of the point concerned.
#[derive(Clone, Debug)]
pub struct ChartError {
    pub message: String,
    pub line: Option<usize>,
}

/// One row of a chart's data table, as numbers: the charts of a whole portfolio are
/// held until every page is made, so the row is formatted for reading ([`DataRow::view`])
/// only when its page is (at 50,000 projects, formatted rows held about a gigabyte).
#[derive(Clone, Debug, PartialEq)]
pub struct DataRow {
    pub date: Date,
    /// The plotted value, in the chart's units (multiplier applied); none when missing.
    pub value: Option<f64>,
    /// p and u charts: "12 / 40"; xbar and s charts: the subgroup size.
    pub counts: String,
    pub centre: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// "Special cause: improvement" or "Common cause" (text, never colour alone).
    pub signal: &'static str,
    pub excluded: bool,
    pub note: String,
}

/// One row of a chart's data table, formatted for reading.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DataRowView {
    /// "6 January 2025".
    pub date: String,
    /// The plotted value, in the chart's units ("" when missing).
    pub value: String,
    pub counts: String,
    pub centre: String,
    pub lower: String,
    pub upper: String,
    pub signal: &'static str,
    pub excluded: bool,
    pub note: String,
}

impl DataRow {
    /// The row as the data table shows it, with numbers to `decimals` places at most.
    pub fn view(&self, decimals: usize) -> DataRowView {
        let num = |v: Option<f64>| v.map(|v| format::number(v, decimals)).unwrap_or_default();
        DataRowView {
            date: self.date.long(),
            value: num(self.value),
            counts: self.counts.clone(),
            centre: num(Some(self.centre)),
            lower: num(self.lower),
            upper: num(self.upper),
            signal: self.signal,
            excluded: self.excluded,
            note: self.note.clone(),
        }
    }
}

/// Everything the site shows for one measure's chart.
#[derive(Clone, Debug)]
pub struct MeasureChart {
    /// The chart as an inline SVG, with links relative to the project page.
    pub svg: String,
    /// The `.svg` download: a standalone file, with links relative to its own folder.
    pub svg_file: String,
    /// The id of the data table on the page (the SVG points at it with `aria-details`).
    pub table_id: String,
    /// The computed data as CSV: the `.csv` download.
    pub csv: String,
    /// The plain-English summary, e.g. "Special cause improvement: 9 points below the
    /// mean since June 2025. The target of 4 is consistently met."
    pub summary: String,
    pub variation: Option<VariationIcon>,
    pub assurance: Option<AssuranceIcon>,
    pub rows: Vec<DataRow>,
    /// The most decimal places the data table shows (see [`DataRow::view`]).
    pub decimals: usize,
    /// The latest plotted value, formatted, and its date.
    pub latest: Option<(String, String)>,
    /// The same point as plain numbers, for the data downloads.
    pub latest_point: Option<LatestPoint>,
    /// Whether limits are trial limits (set from too few points).
    pub trial: bool,
    /// Whether the latest phase shows special cause improvement (for facets and counts).
    pub improving: bool,
    /// The column heading for `counts` ("Numerator / denominator", "Subgroup size"), if
    /// the chart has one.
    pub counts_heading: Option<&'static str>,
    /// "Median" for run charts, "Mean" otherwise.
    pub centre_label: &'static str,
    /// What the chart was drawn from, to draw it again in another frame (a panel of a
    /// programme's small multiple).
    pub model: ChartModel,
    /// Whether the site offers the chart as a PNG download (see `charts.png` in
    /// site.yaml); the render decides once it knows how many charts there are.
    pub png: bool,
}

/// A chart's latest point with a value, in the chart's units (multiplier applied),
/// rounded to 6 decimals like the CSV download.
#[derive(Clone, Debug, PartialEq)]
pub struct LatestPoint {
    pub date: Date,
    pub value: f64,
    /// The centre line and limits at that point (its phase's; p, u, xbar and s limits
    /// also depend on the point's own subgroup size).
    pub centre: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

/// What a chart needs besides the measure itself.
pub struct ChartContext<'a> {
    /// A unique id for the SVG's title and description on its page.
    pub id: String,
    pub defaults: &'a SpcDefaults,
    /// The project's PDSA cycles that list this measure, each with the relative URL of
    /// its page from the page the chart is shown on.
    pub pdsa: Vec<(&'a PdsaCycle, String)>,
}

/// The points of a measure: one per CSV row, or per subgroup (date) for xbar and s.
struct Points {
    dates: Vec<Date>,
    /// The CSV line of each point (of a subgroup's first row).
    lines: Vec<usize>,
    data: Data,
    exclude: Vec<bool>,
    counts: Vec<String>,
    notes: Vec<String>,
}

fn spc_chart(chart: ChartType) -> Chart {
    match chart {
        ChartType::Run => Chart::Run,
        ChartType::I => Chart::I,
        ChartType::Mr => Chart::Mr,
        ChartType::Xbar => Chart::Xbar,
        ChartType::S => Chart::S,
        ChartType::P => Chart::P,
        ChartType::U => Chart::U,
        ChartType::C => Chart::C,
        ChartType::G => Chart::G,
        ChartType::T => Chart::T,
    }
}

fn spc_improvement(improvement: Improvement) -> spc::Improvement {
    match improvement {
        Improvement::Increase => spc::Improvement::Increase,
        Improvement::Decrease => spc::Improvement::Decrease,
        Improvement::Neutral => spc::Improvement::Neutral,
    }
}

fn points(measure: &Measure) -> Points {
    let obs = &measure.data;
    let notes_of = |o: &crate::content::model::Observation| o.note.clone().unwrap_or_default();
    match measure.meta.chart {
        ChartType::Xbar | ChartType::S => {
            let mut p = Points {
                dates: Vec::new(),
                lines: Vec::new(),
                data: Data::Subgroups(Vec::new()),
                exclude: Vec::new(),
                counts: Vec::new(),
                notes: Vec::new(),
            };
            let mut groups: Vec<Vec<f64>> = Vec::new();
            for o in obs {
                if p.dates.last() != Some(&o.date) {
                    p.dates.push(o.date);
                    p.lines.push(o.line);
                    groups.push(Vec::new());
                    p.exclude.push(o.exclude);
                    p.notes.push(notes_of(o));
                }
                let last = groups.len() - 1;
                if let Some(v) = o.value {
                    groups[last].push(v);
                }
                p.exclude[last] &= o.exclude;
                if let Some(note) = &o.note {
                    if !p.notes[last].contains(note.as_str()) {
                        if !p.notes[last].is_empty() {
                            p.notes[last].push_str("; ");
                        }
                        p.notes[last].push_str(note);
                    }
                }
            }
            p.counts = groups
                .iter()
                .map(|g| format::number(g.len() as f64, 0))
                .collect();
            p.data = Data::Subgroups(groups);
            p
        }
        ChartType::P | ChartType::U => Points {
            dates: obs.iter().map(|o| o.date).collect(),
            lines: obs.iter().map(|o| o.line).collect(),
            data: Data::Rates {
                numerators: obs.iter().map(|o| o.value).collect(),
                denominators: obs.iter().map(|o| o.denominator).collect(),
            },
            exclude: obs.iter().map(|o| o.exclude).collect(),
            counts: obs
                .iter()
                .map(|o| match (o.value, o.denominator) {
                    (Some(n), Some(d)) => {
                        format!("{} / {}", format::number(n, 2), format::number(d, 2))
                    }
                    _ => String::new(),
                })
                .collect(),
            notes: obs.iter().map(notes_of).collect(),
        },
        _ => Points {
            dates: obs.iter().map(|o| o.date).collect(),
            lines: obs.iter().map(|o| o.line).collect(),
            data: Data::Values(obs.iter().map(|o| o.value).collect()),
            exclude: obs.iter().map(|o| o.exclude).collect(),
            counts: Vec::new(),
            notes: obs.iter().map(notes_of).collect(),
        },
    }
}

/// Days since 1970-01-01: the chart's x axis.
fn day_number(date: &Date) -> f64 {
    let epoch = jiff::civil::date(1970, 1, 1);
    date.0
        .since(epoch)
        .map(|span| f64::from(span.get_days()))
        .unwrap_or(0.0)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An x axis label: "Jan 2025".
fn axis_date(days: f64) -> String {
    let epoch = jiff::civil::date(1970, 1, 1);
    match epoch.checked_add(jiff::Span::new().days(days.round() as i64)) {
        Ok(d) => format!("{} {}", MONTHS[d.month() as usize - 1], d.year()),
        Err(_) => String::new(),
    }
}

fn axis_number(value: f64) -> String {
    format::number(value, 2)
}

/// Analyses and draws a measure. An error is a message for the page and the build's
/// diagnostics: the data cannot be charted (for example, every value is missing).
pub fn measure_chart(measure: &Measure, cx: &ChartContext<'_>) -> Result<MeasureChart, ChartError> {
    let meta = &measure.meta;
    let pts = points(measure);
    let multiplier = match meta.chart {
        ChartType::P | ChartType::U => meta.multiplier.as_ref().map_or(1.0, |m| m.value),
        _ => 1.0,
    };
    let phase_of = |date: &Date| 1 + meta.phases.iter().filter(|p| p.date <= *date).count() as u32;
    let phases: Vec<u32> = pts.dates.iter().map(phase_of).collect();
    // The site's default rule set gives way on run and MR charts, where Making Data
    // Count's rules are not defined; a measure that asks for them is an error the
    // loader reports.
    let rules = match meta.rules.unwrap_or(cx.defaults.rules) {
        _ if meta.rules.is_none() && matches!(meta.chart, ChartType::Run | ChartType::Mr) => {
            RuleSet::Anhoj
        }
        Rules::Nhs => RuleSet::Nhs,
        Rules::Anhoj => RuleSet::Anhoj,
    };
    let mut input = ChartInput::new(spc_chart(meta.chart), pts.data.clone());
    input.phases = (!meta.phases.is_empty()).then_some(phases);
    input.exclude = pts.exclude.clone();
    input.freeze = meta.baseline.as_ref().map(|b| b.value as usize);
    input.rules = rules;
    input.improvement = spc_improvement(meta.improvement);
    input.target = meta.target.map(|t| t / multiplier);
    input.min_points = cx.defaults.min_points;
    let mut analysis = spc::analyse(&input).map_err(|e| ChartError {
        message: e.to_string(),
        line: e.index().and_then(|i| pts.lines.get(i).copied()),
    })?;
    if analysis.assurance.is_none() {
        // Making Data Count's assurance reads the target against the latest limits;
        // the same reading holds for limits found under the `anhoj` rules.
        let last = analysis.points.last();
        analysis.assurance = spc::nhs::assurance(
            analysis.target,
            analysis.improvement,
            last.and_then(|p| p.lcl),
            last.and_then(|p| p.ucl),
        );
    }
    Ok(present(measure, cx, &pts, &analysis, multiplier))
}

fn scaled(v: Option<f64>, multiplier: f64) -> Option<f64> {
    v.map(|v| v * multiplier)
}

/// The signal class of a point, for its shape, colour and table text.
fn point_class(point: &spc::Point) -> PointClass {
    if !point.signal {
        return PointClass::Common;
    }
    match point.class {
        Variation::CommonCause => PointClass::Common,
        Variation::SpecialCauseImprovement => PointClass::Improvement,
        Variation::SpecialCauseConcern => PointClass::Concern,
        Variation::SpecialCauseNeither => PointClass::Neither,
    }
}

/// The variation icon of a point: its signal class and side (for any rule set).
fn variation_icon(point: &spc::Point) -> VariationIcon {
    let class = if point.signal {
        point.class
    } else {
        Variation::CommonCause
    };
    VariationIcon::new(class, point.side)
}

fn present(
    measure: &Measure,
    cx: &ChartContext<'_>,
    pts: &Points,
    analysis: &Analysis,
    multiplier: f64,
) -> MeasureChart {
    let meta = &measure.meta;
    let decimals = if multiplier == 1.0 && matches!(meta.chart, ChartType::P) {
        3
    } else {
        2
    };
    let num = |v: Option<f64>| v.map(|v| format::number(v * multiplier, decimals));
    let centre_label = if meta.chart == ChartType::Run {
        "Median"
    } else {
        "Mean"
    };
    let last_phase = analysis.phases.last();
    let trial = last_phase.is_some_and(|p| p.trial_limits) && meta.chart != ChartType::Run;

    let chart_points: Vec<ChartPoint> = analysis
        .points
        .iter()
        .map(|p| ChartPoint {
            x: day_number(&pts.dates[p.index]),
            y: scaled(p.y, multiplier),
            cl: Some(p.cl * multiplier),
            lcl: scaled(p.lcl, multiplier),
            ucl: scaled(p.ucl, multiplier),
            class: point_class(p),
            excluded: p.excluded,
            phase: p.phase as usize,
        })
        .collect();
    let mut markers: Vec<ChartMarker> = cx
        .pdsa
        .iter()
        .filter_map(|(cycle, href)| {
            let date = cycle.meta.started.or(cycle.meta.ended)?;
            Some(ChartMarker {
                x: day_number(&date),
                label: format!("PDSA {}", cycle.cycle),
                text: format!(
                    "PDSA {}: {} ({})",
                    cycle.cycle,
                    cycle.meta.title,
                    date.long()
                ),
                href: Some(href.clone()),
            })
        })
        .collect();
    markers.extend(
        meta.annotations
            .iter()
            .enumerate()
            .map(|(i, a)| ChartMarker {
                x: day_number(&a.date),
                label: format!("Note {}", i + 1),
                text: format!("{}: {}", a.date.long(), a.text),
                href: None,
            }),
    );
    markers.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.label.cmp(&b.label)));

    let variation = analysis.points.last().map(variation_icon);
    let assurance = analysis.assurance.map(AssuranceIcon::from);

    let summary = summary(measure, pts, analysis, trial, cx);
    let table_id = format!("{}-data", cx.id);
    let model = ChartModel {
        id: cx.id.clone(),
        title: meta.title.clone(),
        description: description(&summary, measure),
        y_label: meta.unit.clone().unwrap_or_else(|| meta.title.clone()),
        centre_label: centre_label.to_owned(),
        points: chart_points,
        target: meta.target,
        phase_starts: meta
            .phases
            .iter()
            .map(|p| (day_number(&p.date) - 0.5, p.reason.clone()))
            .collect(),
        markers,
        trial,
        min_points: cx.defaults.min_points,
        table_id: Some(table_id.clone()),
        x_format: axis_date,
        y_format: axis_number,
    };
    let svg = super::chart::draw_svg(&model);
    // The download sits in `measures/`, one folder below the project page.
    let svg_file = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
        svg.replace("href=\"pdsa/", "href=\"../pdsa/")
    );

    let rows: Vec<DataRow> = analysis
        .points
        .iter()
        .map(|p| DataRow {
            date: pts.dates[p.index],
            value: p.y.map(|v| v * multiplier),
            counts: pts.counts.get(p.index).cloned().unwrap_or_default(),
            centre: p.cl * multiplier,
            lower: p.lcl.map(|v| v * multiplier),
            upper: p.ucl.map(|v| v * multiplier),
            signal: point_class(p).label(),
            excluded: p.excluded,
            note: pts.notes.get(p.index).cloned().unwrap_or_default(),
        })
        .collect();
    let csv = csv(pts, analysis, multiplier);
    let last_valued = analysis.points.iter().rev().find(|p| p.y.is_some());
    let latest = last_valued.map(|p| (num(p.y).unwrap_or_default(), pts.dates[p.index].long()));
    let plain = |v: f64| (v * multiplier * 1e6).round() / 1e6;
    let latest_point = last_valued.map(|p| LatestPoint {
        date: pts.dates[p.index],
        value: plain(p.y.unwrap_or_default()),
        centre: plain(p.cl),
        lower: p.lcl.map(plain),
        upper: p.ucl.map(plain),
    });
    let improving = last_phase.is_some_and(|phase| {
        analysis.points[phase.start..=phase.end.min(analysis.points.len() - 1)]
            .iter()
            .any(|p| point_class(p) == PointClass::Improvement)
    });
    MeasureChart {
        svg,
        svg_file,
        table_id,
        csv,
        summary,
        variation,
        assurance,
        rows,
        decimals,
        latest,
        latest_point,
        trial,
        improving,
        counts_heading: match meta.chart {
            ChartType::P | ChartType::U => Some("Numerator / denominator"),
            ChartType::Xbar | ChartType::S => Some("Subgroup size"),
            _ => None,
        },
        centre_label,
        model,
        png: true,
    }
}

/// The chart's text alternative: the summary, then what the drawing alone shows (the
/// phases and the dated notes). PDSA cycles are links on the chart itself.
fn description(summary: &str, measure: &Measure) -> String {
    let mut text = summary.to_owned();
    for phase in &measure.meta.phases {
        text.push_str(&format!(
            " Limits recalculated from {}: {}.",
            phase.date.long(),
            phase.reason.trim_end_matches('.')
        ));
    }
    for (i, note) in measure.meta.annotations.iter().enumerate() {
        text.push_str(&format!(
            " Note {} ({}): {}.",
            i + 1,
            note.date.long(),
            note.text.trim_end_matches('.')
        ));
    }
    text
}

/// The computed data as CSV, with plain numbers (no separators) for spreadsheets.
fn csv(pts: &Points, analysis: &Analysis, multiplier: f64) -> String {
    let plain = |v: Option<f64>| v.map(|v| format!("{}", (v * multiplier * 1e6).round() / 1e6));
    let mut out =
        String::from("date,value,centre,lower_limit,upper_limit,phase,signal,class,excluded\n");
    for p in &analysis.points {
        let class = match point_class(p) {
            PointClass::Common => "common_cause",
            PointClass::Improvement => "special_cause_improvement",
            PointClass::Concern => "special_cause_concern",
            PointClass::Neither => "special_cause_neither",
        };
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            pts.dates[p.index].iso(),
            plain(p.y).unwrap_or_default(),
            plain(Some(p.cl)).unwrap_or_default(),
            plain(p.lcl).unwrap_or_default(),
            plain(p.ucl).unwrap_or_default(),
            p.phase,
            p.signal,
            class,
            p.excluded
        ));
    }
    out
}

/// The plain-English summary of a chart: the SPC engine's reading of the latest points
/// and the target, with the target's unit, and a note when limits are trial limits.
fn summary(
    measure: &Measure,
    pts: &Points,
    analysis: &Analysis,
    trial: bool,
    cx: &ChartContext<'_>,
) -> String {
    let meta = &measure.meta;
    let dates: Vec<String> = pts.dates.iter().map(Date::month_year).collect();
    let target = meta
        .target
        .map(|t| format::with_unit(&format::number(t, 2), meta.unit.as_deref()));
    let mut text = spc::summary::summary(
        analysis,
        &SummaryText {
            dates: &dates,
            target: target.as_deref(),
        },
    );
    if analysis.assurance.is_none() {
        if let Some(target) = &target {
            text.push_str(&format!(" The target is {target}."));
        }
    }
    if trial {
        text.push_str(&format!(
            " The limits are trial limits: fewer than {} points set them.",
            cx.defaults.min_points
        ));
    }
    text.trim().to_owned()
}
