//! A programme's combined series of one shared measure: the member projects' data for
//! the same measure id, put together period by period in the one way the chart type
//! allows, or the reason the combination would make no statistical sense.
//!
//! | chart | combined by |
//! |---|---|
//! | p, u | numerators and denominators summed per period (a pooled proportion or rate) |
//! | c | counts summed per period |
//! | run, I, MR | `combine: sum` (values that add up) or `combine: mean` (each member weighs the same) |
//! | xbar, s | every member's observations of a period pooled into one subgroup |
//! | g, t | days between events: every member's events merged on one time line |
//!
//! Every member must use the same chart type, unit, multiplier and improvement
//! direction. Period charts cover only the periods every member reports, so the
//! programme's population is the same at every point; event charts start when every
//! member's record of events is complete.
//!
//! Pure: no I/O, no clock. Uses only the content model; the SPC analysis of the result
//! belongs to the renderer.

use super::date::Date;
use super::model::{ChartType, CombineMethod, Measure, Observation, Project};

/// One member project's measure.
#[derive(Clone, Copy, Debug)]
pub struct Member<'a> {
    pub project: &'a Project,
    pub measure: &'a Measure,
}

/// How the members' data were put together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// p and u charts: numerators and denominators summed per period.
    PooledRates,
    /// c charts: counts summed per period.
    SummedCounts,
    /// Run, I and MR charts with `combine: sum`.
    Sum,
    /// Run, I and MR charts with `combine: mean`.
    Mean,
    /// Xbar and S charts: every member's observations of a period in one subgroup.
    PooledSubgroups,
    /// G and T charts of days between events: every member's events on one time line.
    MergedEvents,
}

/// A shared measure's combined series.
#[derive(Clone, Debug)]
pub struct Combined {
    pub chart: ChartType,
    pub method: Method,
    /// The series to analyse: one observation per period (per observation of a
    /// period for xbar and s; per merged event for g and t). `line` is 0: the rows come
    /// from several files. The note says which member a missing, excluded or merged
    /// point comes from.
    pub observations: Vec<Observation>,
    /// The first and last date of the combined series.
    pub first: Date,
    pub last: Date,
    /// Event charts: the date from which every member's record of events is complete
    /// (the merged series measures from the first event on or after it).
    pub complete_from: Option<Date>,
    /// The members' common target, where the combined value is on the members' scale
    /// (pooled rates, means and subgroup means) and every member has the same one.
    pub target: Option<f64>,
    /// Rows of each member (project slug, count) left out because they fall outside
    /// the periods the combination covers.
    pub left_out: Vec<(String, usize)>,
}

/// Where a rejection points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A top-level key of a member's measure YAML.
    MeasureKey { rel: String, key: &'static str },
    /// A line of a member's measure CSV.
    CsvLine { rel: String, line: usize },
    /// The programme's `shared_measures` entry for the measure.
    SharedMeasure,
    /// The programme's `combine` entry for the measure.
    CombineEntry,
}

/// Why a shared measure cannot be combined: where, what is wrong, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub place: Place,
    pub message: String,
    pub hint: String,
}

impl Rejection {
    fn new(place: Place, message: String, hint: impl Into<String>) -> Self {
        Rejection {
            place,
            message,
            hint: hint.into(),
        }
    }
}

/// The chart's name mid-sentence, with its article: "a P chart", "an I chart".
pub fn a_chart(chart: ChartType) -> &'static str {
    match chart {
        ChartType::Run => "a run chart",
        ChartType::I => "an I chart",
        ChartType::Mr => "an MR chart",
        ChartType::Xbar => "an Xbar chart",
        ChartType::S => "an S chart",
        ChartType::P => "a P chart",
        ChartType::U => "a U chart",
        ChartType::C => "a C chart",
        ChartType::G => "a G chart",
        ChartType::T => "a T chart",
    }
}

/// Whether a unit reads as a rate or a percentage: values in it do not add up, and
/// their plain mean weighs a member with few cases as much as one with many.
pub fn is_rate_unit(unit: &str) -> bool {
    let u = unit.to_lowercase();
    let words: Vec<&str> = u
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let rate_word = |w: &&str| {
        [
            "percent",
            "percentage",
            "proportion",
            "rate",
            "rates",
            "ratio",
        ]
        .contains(w)
    };
    // "per 1,000 bed days" and "per cent" are rates; "per month" is a count.
    let per_number = words.windows(2).any(|w| {
        w[0] == "per" && (w[1] == "cent" || w[1].starts_with(|c: char| c.is_ascii_digit()))
    });
    u.contains('%') || per_number || words.iter().any(rate_word)
}

/// Combines `members` (at least one; in the programme's order) for the shared measure
/// `id`, with the method the programme gives for run, I and MR charts.
pub fn combine(
    id: &str,
    members: &[Member<'_>],
    requested: Option<CombineMethod>,
) -> Result<Combined, Rejection> {
    let Some(first) = members.first() else {
        return Err(Rejection::new(
            Place::SharedMeasure,
            format!("no member project has a measure `{id}`"),
            "a shared measure is a measure id (`measures/<id>.yaml`) used by the member projects",
        ));
    };
    same_definitions(id, members)?;
    let chart = first.measure.meta.chart;
    let method = method_for(id, first.measure, requested)?;
    let mut combined = if method == Method::MergedEvents {
        merge_events(chart, members)?
    } else {
        by_period(id, chart, method, members)?
    };
    let carries_target = matches!(
        method,
        Method::PooledRates | Method::Mean | Method::PooledSubgroups
    ) && chart != ChartType::S;
    let target = first.measure.meta.target;
    combined.target = (carries_target && members.iter().all(|m| m.measure.meta.target == target))
        .then_some(target)
        .flatten();
    Ok(combined)
}

/// Every member must draw the measure the same way: chart type, unit, multiplier and
/// improvement direction.
fn same_definitions(id: &str, members: &[Member<'_>]) -> Result<(), Rejection> {
    let first = &members[0].measure;
    fn unit_of(m: &Measure) -> &str {
        m.meta.unit.as_deref().map(str::trim).unwrap_or("")
    }
    let multiplier_of = |m: &Measure| m.meta.multiplier.as_ref().map_or(1.0, |x| x.value);
    for member in &members[1..] {
        let m = member.measure;
        let rel = m.source.rel.clone();
        let (a, b) = (first.meta.chart, m.meta.chart);
        if a != b {
            let rates = |c: ChartType| c.uses_denominator();
            let hint = if rates(a) != rates(b) {
                let rate = if rates(a) { a } else { b };
                format!(
                    "the programme pools rates by summing numerators and denominators; it \
                     cannot average percentages or rates with different denominators. Draw \
                     `{id}` as {} in every member, with `date,numerator,denominator` columns",
                    a_chart(rate)
                )
            } else {
                format!("set the same `chart:` in every member's `measures/{id}.yaml`")
            };
            return Err(Rejection::new(
                Place::MeasureKey { rel, key: "chart" },
                format!(
                    "shared measure `{id}` cannot be combined: `{}` draws {} but `{}` draws {}",
                    m.source.rel,
                    a_chart(b),
                    first.source.rel,
                    a_chart(a)
                ),
                hint,
            ));
        }
        if unit_of(m) != unit_of(first) {
            let shown = |u: &str| {
                if u.is_empty() {
                    "no unit".to_owned()
                } else {
                    format!("the unit `{u}`")
                }
            };
            return Err(Rejection::new(
                Place::MeasureKey { rel, key: "unit" },
                format!(
                    "shared measure `{id}` cannot be combined: `{}` gives {} but `{}` gives {}",
                    m.source.rel,
                    shown(unit_of(m)),
                    first.source.rel,
                    shown(unit_of(first))
                ),
                "values in different units cannot be added or compared; measure in the same \
                 unit in every member and give each the same `unit:`",
            ));
        }
        if multiplier_of(m) != multiplier_of(first) {
            return Err(Rejection::new(
                Place::MeasureKey {
                    rel,
                    key: "multiplier",
                },
                format!(
                    "shared measure `{id}` cannot be combined: `{}` multiplies by {} but `{}` by {}",
                    m.source.rel,
                    multiplier_of(m),
                    first.source.rel,
                    multiplier_of(first)
                ),
                "give every member the same `multiplier:` (e.g. 1000 for a rate per 1,000 bed days)",
            ));
        }
        if m.meta.improvement != first.meta.improvement {
            return Err(Rejection::new(
                Place::MeasureKey {
                    rel,
                    key: "improvement",
                },
                format!(
                    "shared measure `{id}` cannot be combined: `{}` and `{}` disagree on \
                     which direction is better (`improvement`)",
                    m.source.rel, first.source.rel
                ),
                "a shared measure means the same thing in every member: give each the same \
                 `improvement:` (increase, decrease or neutral)",
            ));
        }
    }
    Ok(())
}

/// The one way the chart type combines, checked against what the programme asks for.
fn method_for(
    id: &str,
    first: &Measure,
    requested: Option<CombineMethod>,
) -> Result<Method, Rejection> {
    let chart = first.meta.chart;
    let fixed = match chart {
        ChartType::P | ChartType::U => Some(Method::PooledRates),
        ChartType::C => Some(Method::SummedCounts),
        ChartType::Xbar | ChartType::S => Some(Method::PooledSubgroups),
        ChartType::G | ChartType::T => Some(Method::MergedEvents),
        ChartType::Run | ChartType::I | ChartType::Mr => None,
    };
    if let Some(method) = fixed {
        if requested.is_some() {
            let how = match method {
                Method::PooledRates => "by summing numerators and denominators",
                Method::SummedCounts => "by summing counts",
                Method::PooledSubgroups => "by pooling each period's observations",
                _ => "by merging the members' events",
            };
            return Err(Rejection::new(
                Place::CombineEntry,
                format!(
                    "`combine` only applies to run, I and MR charts; `{id}` is {}, which \
                     combines {how}",
                    a_chart(chart)
                ),
                format!("remove `{id}` from `combine`"),
            ));
        }
        return Ok(method);
    }
    let unit = first.meta.unit.as_deref().unwrap_or("");
    if is_rate_unit(unit) {
        return Err(Rejection::new(
            Place::MeasureKey {
                rel: first.source.rel.clone(),
                key: "unit",
            },
            format!(
                "shared measure `{id}` cannot be combined: its values are rates or \
                 percentages (`{unit}`), and adding or averaging them across members weighs \
                 a member with 5 cases as much as one with 500"
            ),
            format!(
                "draw `{id}` as a P chart (a proportion) or a U chart (a rate) in every \
                 member, with `date,numerator,denominator` columns: the programme then pools \
                 the numerators and denominators"
            ),
        ));
    }
    match requested {
        Some(CombineMethod::Sum) => Ok(Method::Sum),
        Some(CombineMethod::Mean) => Ok(Method::Mean),
        None => Err(Rejection::new(
            Place::SharedMeasure,
            format!(
                "shared measure `{id}` is drawn on {}: say how to combine the members' \
                 values",
                a_chart(chart)
            ),
            format!(
                "add `combine: {{{id}: sum}}` to the programme's front matter when the values \
                 add up (counts, bed days, hours), or `mean` for the mean of the members' \
                 values, each member weighing the same"
            ),
        )),
    }
}

/// A member's rows grouped by date (one group per row, except xbar and s subgroups).
struct Periods<'a> {
    member: Member<'a>,
    groups: Vec<(Date, Vec<&'a Observation>)>,
}

fn periods<'a>(member: Member<'a>) -> Periods<'a> {
    let mut groups: Vec<(Date, Vec<&'a Observation>)> = Vec::new();
    for o in &member.measure.data {
        match groups.last_mut() {
            Some((date, rows)) if *date == o.date => rows.push(o),
            _ => groups.push((o.date, vec![o])),
        }
    }
    Periods { member, groups }
}

const PERIODS_HINT: &str = "members of a programme must report the same periods: date each \
     row by the start of its period (e.g. `2025-02-01` for February 2025), and give every \
     period a row in every member, leaving the value empty when it is not known";

/// Period charts: the periods every member reports, combined one by one.
fn by_period(
    id: &str,
    chart: ChartType,
    method: Method,
    members: &[Member<'_>],
) -> Result<Combined, Rejection> {
    let all: Vec<Periods<'_>> = members.iter().map(|m| periods(*m)).collect();
    for p in &all {
        if p.groups.is_empty() {
            return Err(Rejection::new(
                Place::CsvLine {
                    rel: p.member.measure.csv_rel.clone(),
                    line: 1,
                },
                format!(
                    "shared measure `{id}` cannot be combined: `{}` has no data rows",
                    p.member.measure.csv_rel
                ),
                "add the member's data, or leave the measure out of `shared_measures`",
            ));
        }
    }
    let span = |p: &Periods<'_>| (p.groups[0].0, p.groups[p.groups.len() - 1].0);
    let start = all
        .iter()
        .map(|p| span(p).0)
        .max()
        .unwrap_or_else(|| span(&all[0]).0);
    let end = all
        .iter()
        .map(|p| span(p).1)
        .min()
        .unwrap_or_else(|| span(&all[0]).1);
    if start > end {
        let spans: Vec<String> = all
            .iter()
            .map(|p| {
                let (a, b) = span(p);
                format!("`{}` {} to {}", p.member.project.slug, a.long(), b.long())
            })
            .collect();
        return Err(Rejection::new(
            Place::SharedMeasure,
            format!(
                "shared measure `{id}` cannot be combined: no period is reported by every \
                 member ({})",
                spans.join("; ")
            ),
            "a combined chart needs periods that every member reports; add the missing \
             periods, or leave the measure out of `shared_measures`",
        ));
    }
    let in_window = |p: &Periods<'_>| -> Vec<usize> {
        (0..p.groups.len())
            .filter(|&i| (start..=end).contains(&p.groups[i].0))
            .collect()
    };
    let windows: Vec<Vec<usize>> = all.iter().map(in_window).collect();
    let reference = &all[0];
    let ref_dates: Vec<Date> = windows[0].iter().map(|&i| reference.groups[i].0).collect();
    for (p, window) in all.iter().zip(&windows).skip(1) {
        let dates: Vec<Date> = window.iter().map(|&i| p.groups[i].0).collect();
        if let Some(rejection) = mismatch(id, reference, &ref_dates, p, &dates) {
            return Err(rejection);
        }
    }

    let mut observations = Vec::new();
    for (k, date) in ref_dates.iter().enumerate() {
        let rows: Vec<(&Member<'_>, &[&Observation])> = all
            .iter()
            .zip(&windows)
            .map(|(p, w)| (&p.member, p.groups[w[k]].1.as_slice()))
            .collect();
        combine_period(chart, method, *date, &rows, &mut observations);
    }
    let left_out = all
        .iter()
        .map(|p| {
            let rows: usize = p
                .groups
                .iter()
                .filter(|(date, _)| !(start..=end).contains(date))
                .map(|(_, rows)| rows.len())
                .sum();
            (p.member.project.slug.clone(), rows)
        })
        .filter(|(_, rows)| *rows > 0)
        .collect();
    Ok(Combined {
        chart,
        method,
        observations,
        first: start,
        last: end,
        complete_from: None,
        target: None,
        left_out,
    })
}

/// The first period one member reports and the reference does not, or the other way.
fn mismatch(
    id: &str,
    reference: &Periods<'_>,
    ref_dates: &[Date],
    p: &Periods<'_>,
    dates: &[Date],
) -> Option<Rejection> {
    let csv = &p.member.measure.csv_rel;
    let ref_csv = &reference.member.measure.csv_rel;
    let line_of = |date: Date| -> usize {
        // The member's row for `date`, else its first row after it, else its last row.
        let rows = &p.member.measure.data;
        rows.iter()
            .find(|o| o.date >= date)
            .or(rows.last())
            .map_or(1, |o| o.line)
    };
    let extra = |date: Date| {
        Rejection::new(
            Place::CsvLine {
                rel: csv.clone(),
                line: line_of(date),
            },
            format!(
                "shared measure `{id}` cannot be combined: `{csv}` has a row for {}, but \
                 `{ref_csv}` has none",
                date.long()
            ),
            PERIODS_HINT,
        )
    };
    let missing = |date: Date| {
        Rejection::new(
            Place::CsvLine {
                rel: csv.clone(),
                line: line_of(date),
            },
            format!(
                "shared measure `{id}` cannot be combined: `{csv}` has no row for {}, which \
                 `{ref_csv}` has",
                date.long()
            ),
            PERIODS_HINT,
        )
    };
    let (mut i, mut j) = (0, 0);
    while i < ref_dates.len() || j < dates.len() {
        match (ref_dates.get(i), dates.get(j)) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if b < a => return Some(extra(*b)),
            (Some(a), _) => return Some(missing(*a)),
            (None, Some(b)) => return Some(extra(*b)),
            (None, None) => break,
        }
    }
    None
}

/// Adds the combined observation(s) of one period.
fn combine_period(
    chart: ChartType,
    method: Method,
    date: Date,
    rows: &[(&Member<'_>, &[&Observation])],
    out: &mut Vec<Observation>,
) {
    let title = |m: &Member<'_>| m.project.meta.title.clone();
    let excluded_by: Vec<String> = rows
        .iter()
        .filter(|(_, obs)| obs.iter().any(|o| o.exclude))
        .map(|(m, _)| title(m))
        .collect();
    let exclude = !excluded_by.is_empty();
    if method == Method::PooledSubgroups {
        let values: Vec<f64> = rows
            .iter()
            .flat_map(|(_, obs)| obs.iter().filter_map(|o| o.value))
            .collect();
        let note = notes(&[], &excluded_by);
        if values.is_empty() {
            out.push(observation(date, None, None, exclude, note));
            return;
        }
        for v in values {
            out.push(observation(date, Some(v), None, exclude, note.clone()));
        }
        return;
    }
    let missing: Vec<String> = rows
        .iter()
        .filter(|(_, obs)| {
            let o = obs[0];
            o.value.is_none() || (chart.uses_denominator() && o.denominator.is_none())
        })
        .map(|(m, _)| title(m))
        .collect();
    let note = notes(&missing, &excluded_by);
    if !missing.is_empty() {
        out.push(observation(date, None, None, exclude, note));
        return;
    }
    let sum = |f: fn(&Observation) -> Option<f64>| -> f64 {
        rows.iter().map(|(_, obs)| f(obs[0]).unwrap_or(0.0)).sum()
    };
    let value = sum(|o| o.value);
    let (value, denominator) = match method {
        Method::PooledRates => (value, Some(sum(|o| o.denominator))),
        Method::Mean => (value / rows.len() as f64, None),
        _ => (value, None),
    };
    out.push(observation(date, Some(value), denominator, exclude, note));
}

fn notes(missing: &[String], excluded_by: &[String]) -> String {
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("No value from {}.", missing.join(", ")));
    }
    if !excluded_by.is_empty() {
        parts.push(format!("Excluded by {}.", excluded_by.join(", ")));
    }
    parts.join(" ")
}

fn observation(
    date: Date,
    value: Option<f64>,
    denominator: Option<f64>,
    exclude: bool,
    note: String,
) -> Observation {
    Observation {
        date,
        value,
        denominator,
        note: (!note.is_empty()).then_some(note),
        exclude,
        line: 0,
    }
}

/// Whole days from `a` to `b`.
fn days(a: Date, b: Date) -> i64 {
    b.0.since(a.0).map_or(0, |span| i64::from(span.get_days()))
}

/// One known event of a member: a row, or (`row: None`) the previous event the first
/// row's value points back to.
struct Event<'a> {
    date: Date,
    member: usize,
    row: Option<&'a Observation>,
}

/// G and T charts of days between events: the members' events merged in date order,
/// from the date every member's record is complete.
fn merge_events(chart: ChartType, members: &[Member<'_>]) -> Result<Combined, Rejection> {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut complete_from: Vec<Date> = Vec::with_capacity(members.len());
    for (k, member) in members.iter().enumerate() {
        let rows = &member.measure.data;
        let Some(first) = rows.first() else {
            let csv = &member.measure.csv_rel;
            return Err(Rejection::new(
                Place::CsvLine {
                    rel: csv.clone(),
                    line: 1,
                },
                format!(
                    "shared measure `{}` cannot be combined: `{csv}` has no data rows",
                    member.measure.id
                ),
                "add the member's data, or leave the measure out of `shared_measures`",
            ));
        };
        days_between(chart, member)?;
        let start = match first.value {
            Some(v) => {
                let before = first
                    .date
                    .0
                    .checked_sub(jiff::Span::new().days(v as i64))
                    .map(Date)
                    .unwrap_or(first.date);
                events.push(Event {
                    date: before,
                    member: k,
                    row: None,
                });
                before
            }
            None => first.date,
        };
        complete_from.push(start);
        events.extend(rows.iter().map(|o| Event {
            date: o.date,
            member: k,
            row: Some(o),
        }));
    }
    let from = complete_from
        .iter()
        .copied()
        .max()
        .unwrap_or(complete_from[0]);
    events.retain(|e| e.date >= from);
    // Stable: events of one day keep member order, a member's own in file order.
    events.sort_by_key(|e| (e.date, e.member));
    let id = &members[0].measure.id;
    if events.len() < 2 {
        return Err(Rejection::new(
            Place::SharedMeasure,
            format!(
                "shared measure `{id}` cannot be combined: no events after {}, the date \
                 from which every member's record is complete",
                from.long()
            ),
            "the merged chart starts when every member's events are known; add the members' \
             later events, or leave the measure out of `shared_measures`",
        ));
    }
    let mut observations = Vec::with_capacity(events.len() - 1);
    for pair in events.windows(2) {
        let (before, e) = (&pair[0], &pair[1]);
        let gap = days(before.date, e.date);
        let member = &members[e.member];
        if chart == ChartType::T && gap == 0 {
            let first_row = member.measure.data.first().map_or(1, |o| o.line);
            let line = e.row.map_or(first_row, |o| o.line);
            return Err(Rejection::new(
                Place::CsvLine {
                    rel: member.measure.csv_rel.clone(),
                    line,
                },
                format!(
                    "shared measure `{id}` cannot be combined: two events fall on {} ({} \
                     and {}), and a T chart needs times between events greater than zero",
                    e.date.long(),
                    members[before.member].project.meta.title,
                    member.project.meta.title
                ),
                "dates give whole days, so events of one day are 0 days apart: draw the \
                 measure as a G chart of days between events (which allows 0) in every member",
            ));
        }
        observations.push(Observation {
            date: e.date,
            value: Some(gap as f64),
            denominator: None,
            note: Some(format!("Event: {}.", member.project.meta.title)),
            exclude: e.row.is_some_and(|o| o.exclude),
            line: 0,
        });
    }
    let left_out = members
        .iter()
        .map(|m| {
            let rows = m.measure.data.iter().filter(|o| o.date < from).count();
            (m.project.slug.clone(), rows)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    Ok(Combined {
        chart,
        method: Method::MergedEvents,
        first: observations[0].date,
        last: observations[observations.len() - 1].date,
        observations,
        complete_from: Some(from),
        target: None,
        left_out,
    })
}

/// Merging needs each value to be the days since the member's previous event: the
/// difference between the row's date and the previous row's (the first row's value
/// says when the event before it was).
fn days_between(chart: ChartType, member: &Member<'_>) -> Result<(), Rejection> {
    let m = member.measure;
    let csv = &m.csv_rel;
    let hint = "only days between events can be merged across members: the opportunities \
                (admissions, procedures) between one member's event and another's are not \
                known. Make each value the days since the previous row, or chart events per \
                opportunity as a U chart in every member";
    let mut previous: Option<Date> = None;
    for o in &m.data {
        let Some(v) = o.value else {
            previous = Some(o.date);
            continue;
        };
        let wrong = match previous {
            Some(before) => {
                let gap = days(before, o.date);
                ((v - gap as f64).abs() > 1e-9).then(|| {
                    format!(
                        "{} says {} but {} days passed since the previous row ({})",
                        o.date.long(),
                        trim_number(v),
                        gap,
                        before.long()
                    )
                })
            }
            None => (v.fract() != 0.0 || v < 0.0).then(|| {
                format!(
                    "the first row ({}) says {}, which is not a whole number of days",
                    o.date.long(),
                    trim_number(v)
                )
            }),
        };
        if let Some(what) = wrong {
            return Err(Rejection::new(
                Place::CsvLine {
                    rel: csv.clone(),
                    line: o.line,
                },
                format!(
                    "shared measure `{}` cannot be combined: {} merges the members' events, \
                     so each value must be the days since that member's previous event; in \
                     `{csv}`, {what}",
                    m.id,
                    a_chart(chart)
                ),
                hint,
            ));
        }
        previous = Some(o.date);
    }
    Ok(())
}

fn trim_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests;
