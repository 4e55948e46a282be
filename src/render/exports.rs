//! Data downloads for board reports and other tools: `portfolio.json` and
//! `portfolio.csv` (one row per project: its key fields, latest progress, and each
//! measure's latest variation and assurance) and `measures.csv` (one row per measure).
//!
//! The JSON gives codes (`active`, `improving_low`) beside labels; the CSVs give the
//! words a spreadsheet reader wants. CSV cells are quoted where needed, the files start
//! with a UTF-8 byte order mark (so Excel reads accented names correctly), and a text
//! cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
//! apostrophe, so a spreadsheet shows it as text and never runs it as a formula (CSV
//! injection, OWASP). Numbers and dates qisite writes itself are never changed.
//!
//! URLs are absolute when the site's address is known, otherwise relative to the site
//! root (where these files are). Pure: no I/O. Uses the content model, the charts of
//! [`measure`](super::measure), [`paths`] and [`views`].

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::measure::{Charts, MeasureChart};
use super::{paths, views};
use crate::content::date::Date;
use crate::content::model::{Measure, Portfolio, Project, TeamRole};
use crate::content::validate::progress_label;
use crate::spc::summary::{AssuranceIcon, VariationIcon};

/// A taxonomy term, person or programme: its slug and what people call it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Named {
    pub slug: String,
    pub name: String,
}

/// An icon of Making Data Count as a code and its words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Icon {
    /// e.g. `improving_low`, `hit_and_miss`.
    pub code: &'static str,
    /// e.g. "Special cause improving variation (low)".
    pub text: &'static str,
}

/// A measure's latest point, in the chart's units.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Latest {
    pub date: Date,
    pub value: f64,
    pub centre: f64,
    pub lower_limit: Option<f64>,
    pub upper_limit: Option<f64>,
}

/// One measure of a project, as exported.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureRow {
    pub id: String,
    pub title: String,
    /// `outcome`, `process` or `balancing`.
    pub kind: String,
    pub unit: Option<String>,
    /// `run`, `i`, `p`, …: as written in the measure's YAML.
    pub chart: String,
    /// `increase`, `decrease` or `neutral`.
    pub improvement: String,
    pub target: Option<f64>,
    /// None when the measure has no charted value yet.
    pub latest: Option<Latest>,
    pub trial_limits: bool,
    pub variation: Option<Icon>,
    pub assurance: Option<Icon>,
    /// The measure's section on its project page.
    pub url: String,
    /// The chart (SVG) and its computed data (CSV), when the measure is charted.
    pub chart_url: Option<String>,
    pub data_url: Option<String>,
}

/// One project, as exported.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectRow {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// `proposed`, `active`, `on-hold`, `completed` or `closed`.
    pub status: String,
    pub status_label: String,
    pub directorate: Option<Named>,
    pub priorities: Vec<Named>,
    pub methods: Vec<Named>,
    pub tags: Vec<String>,
    pub programme: Option<Named>,
    pub started: Option<Date>,
    pub ended: Option<Date>,
    pub updated: Option<Date>,
    pub leads: Vec<Named>,
    /// The current IHI progress score: `progress`, else the latest `progress_history`.
    pub progress: Option<f64>,
    pub progress_label: Option<String>,
    /// The date of the latest `progress_history` entry.
    pub progress_date: Option<Date>,
    pub service_user_involvement: bool,
    pub pdsa_cycles: usize,
    pub url: String,
    pub measures: Vec<MeasureRow>,
}

/// What `portfolio.json` says before its `projects`.
#[derive(Clone, Debug, Serialize)]
struct PortfolioHead<'a> {
    title: &'a str,
    organisation: &'a str,
    /// The site's address, when known.
    url: Option<&'a str>,
}

/// A URL for an output path: absolute on a known address, else from the site root.
fn url(base_url: Option<&str>, path: &str) -> String {
    match base_url {
        Some(base) => paths::absolute(base, path),
        None => path.to_owned(),
    }
}

/// The code serde gives a content enum, which is the word written in the content.
fn code<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub fn variation_icon(icon: VariationIcon) -> Icon {
    let code = match icon {
        VariationIcon::CommonCause => "common_cause",
        VariationIcon::ImprovingHigh => "improving_high",
        VariationIcon::ImprovingLow => "improving_low",
        VariationIcon::ConcerningHigh => "concerning_high",
        VariationIcon::ConcerningLow => "concerning_low",
        VariationIcon::NeitherHigh => "neither_high",
        VariationIcon::NeitherLow => "neither_low",
    };
    Icon {
        code,
        text: icon.text(),
    }
}

pub fn assurance_icon(icon: AssuranceIcon) -> Icon {
    let code = match icon {
        AssuranceIcon::Pass => "pass",
        AssuranceIcon::Fail => "fail",
        AssuranceIcon::HitAndMiss => "hit_and_miss",
    };
    Icon {
        code,
        text: icon.text(),
    }
}

fn measure_row(
    project: &Project,
    m: &Measure,
    chart: Option<&MeasureChart>,
    base_url: Option<&str>,
) -> MeasureRow {
    let meta = &m.meta;
    let page = paths::project(&project.slug);
    let file = |ext: &str| url(base_url, &paths::measure_file(&project.slug, &m.id, ext));
    MeasureRow {
        id: m.id.clone(),
        title: meta.title.clone(),
        kind: code(&meta.kind),
        unit: meta.unit.clone(),
        chart: code(&meta.chart),
        improvement: code(&meta.improvement),
        target: meta.target,
        latest: chart.and_then(|c| c.latest_point.as_ref()).map(|l| Latest {
            date: l.date,
            value: l.value,
            centre: l.centre,
            lower_limit: l.lower,
            upper_limit: l.upper,
        }),
        trial_limits: chart.is_some_and(|c| c.trial),
        variation: chart.and_then(|c| c.variation).map(variation_icon),
        assurance: chart.and_then(|c| c.assurance).map(assurance_icon),
        url: url(
            base_url,
            &format!("{page}#{}", views::anchor("measure", &m.id)),
        ),
        chart_url: chart.map(|_| file("svg")),
        data_url: chart.map(|_| file("csv")),
    }
}

/// The three downloads as `(output path, text)`: portfolio.json, portfolio.csv and
/// measures.csv, written in parallel.
pub fn files(
    p: &Portfolio,
    charts: &Charts,
    base_url: Option<&str>,
) -> [(&'static str, String); 3] {
    let rows = rows(p, charts, base_url);
    let (json, (portfolio, measures)) = rayon::join(
        || portfolio_json(p, &rows, base_url),
        || rayon::join(|| portfolio_csv(&rows), || measures_csv(&rows)),
    );
    [
        (paths::PORTFOLIO_JSON, json),
        (paths::PORTFOLIO_CSV, portfolio),
        (paths::MEASURES_CSV, measures),
    ]
}

/// Every project as a row, in slug order.
pub fn rows(p: &Portfolio, charts: &Charts, base_url: Option<&str>) -> Vec<ProjectRow> {
    let idx = views::Index::new(p);
    // Each project's programme: named in its front matter, else the one listing it.
    let mut programme_of: BTreeMap<&str, &str> = BTreeMap::new();
    for g in &p.programmes {
        for member in &g.members {
            programme_of
                .entry(member.as_str())
                .or_insert(g.slug.as_str());
        }
    }
    let term = |t: views::Term| Named {
        slug: t.slug,
        name: t.name,
    };
    p.projects
        .par_iter()
        .map(|project| {
            let meta = &project.meta;
            let programme = meta
                .programme
                .as_ref()
                .map(|g| g.value.as_str())
                .or_else(|| programme_of.get(project.slug.as_str()).copied())
                .map(|slug| Named {
                    slug: slug.to_owned(),
                    name: idx.programme_link(slug).title,
                });
            let latest_update = meta.progress_history.iter().max_by_key(|u| u.date);
            let progress = project
                .progress()
                .or_else(|| latest_update.map(|u| u.score.value));
            let measures = project
                .measures
                .iter()
                .map(|m| {
                    let chart = charts.get(&(project.slug.clone(), m.id.clone()));
                    measure_row(project, m, chart, base_url)
                })
                .collect();
            ProjectRow {
                slug: project.slug.clone(),
                title: meta.title.clone(),
                summary: meta.summary.trim().to_owned(),
                status: meta.status.slug().to_owned(),
                status_label: meta.status.label().to_owned(),
                directorate: meta
                    .directorate
                    .as_ref()
                    .map(|d| term(idx.directorate(&d.value))),
                priorities: meta
                    .priorities
                    .iter()
                    .map(|x| term(idx.priority(&x.value)))
                    .collect(),
                methods: meta
                    .methods
                    .iter()
                    .map(|x| term(idx.method(&x.value)))
                    .collect(),
                tags: meta.tags.clone(),
                programme,
                started: meta.started,
                ended: meta.ended,
                updated: meta.updated,
                leads: meta
                    .team
                    .iter()
                    .filter(|t| t.role == TeamRole::Lead)
                    .map(|t| Named {
                        slug: t.person.value.clone(),
                        name: idx.person_link(&t.person.value).title,
                    })
                    .collect(),
                progress,
                progress_label: progress.and_then(progress_label).map(str::to_owned),
                progress_date: latest_update.map(|u| u.date),
                service_user_involvement: meta.service_user_involvement,
                pdsa_cycles: project.pdsa.len(),
                url: url(base_url, &paths::project(&project.slug)),
                measures,
            }
        })
        .collect()
}

/// `portfolio.json`: the site's title, organisation and address, and every project,
/// one project to a line, so the file stays small for a large portfolio and a change to
/// one project is a one-line difference.
pub fn portfolio_json(p: &Portfolio, rows: &[ProjectRow], base_url: Option<&str>) -> String {
    let head = PortfolioHead {
        title: &p.config.title,
        organisation: &p.config.organisation,
        url: base_url,
    };
    // Serialising plain data to a string cannot fail.
    let head = serde_json::to_string(&head).unwrap_or_else(|_| "{}".to_owned());
    let head = head.strip_suffix('}').unwrap_or(&head);
    let projects: Vec<String> = rows
        .iter()
        .map(|r| serde_json::to_string(r).unwrap_or_default())
        .collect();
    format!("{head},\"projects\":[\n{}\n]}}\n", projects.join(",\n"))
}

/// The header of `portfolio.csv`.
pub const PORTFOLIO_COLUMNS: [&str; 26] = [
    "slug",
    "title",
    "summary",
    "status",
    "directorate",
    "priorities",
    "methods",
    "tags",
    "programme",
    "started",
    "ended",
    "updated",
    "leads",
    "progress",
    "progress_label",
    "progress_date",
    "service_user_involvement",
    "pdsa_cycles",
    "measures",
    "measures_improving",
    "measures_concerning",
    "targets_met",
    "targets_not_met",
    "targets_hit_and_miss",
    "measure_summary",
    "url",
];

/// The header of `measures.csv`.
pub const MEASURE_COLUMNS: [&str; 20] = [
    "project",
    "project_title",
    "measure",
    "title",
    "kind",
    "unit",
    "chart",
    "improvement",
    "target",
    "latest_date",
    "latest_value",
    "centre",
    "lower_limit",
    "upper_limit",
    "trial_limits",
    "variation",
    "assurance",
    "url",
    "chart_url",
    "data_url",
];

/// A text cell a spreadsheet will never run as a formula: one that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe.
pub fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn number_cell(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn date_cell(date: Option<Date>) -> String {
    date.map(|d| d.iso()).unwrap_or_default()
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

fn names(list: &[Named]) -> String {
    list.iter()
        .map(|n| n.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Writes rows as CSV (quoted where needed), after a UTF-8 byte order mark.
fn write_csv<const N: usize>(header: [&str; N], rows: impl Iterator<Item = [String; N]>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail; the header and every row have N cells.
    let _ = out.write_record(header);
    for row in rows {
        let _ = out.write_record(&row);
    }
    let bytes = out.into_inner().unwrap_or_default();
    format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes))
}

/// The `measure_summary` cell: each measure's title, variation and assurance, e.g.
/// "Falls: Special cause improving variation (low); The target is consistently met",
/// measures separated by " | ".
fn measure_summary(measures: &[MeasureRow]) -> String {
    measures
        .iter()
        .map(|m| {
            let icons: Vec<&str> = [&m.variation, &m.assurance]
                .into_iter()
                .flatten()
                .map(|i| i.text)
                .collect();
            if icons.is_empty() {
                format!("{}: not charted", m.title)
            } else {
                format!("{}: {}", m.title, icons.join("; "))
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `portfolio.csv`: one row per project (see [`PORTFOLIO_COLUMNS`]).
pub fn portfolio_csv(rows: &[ProjectRow]) -> String {
    let count = |m: &[MeasureRow], f: &dyn Fn(&MeasureRow) -> bool| -> String {
        m.iter().filter(|x| f(x)).count().to_string()
    };
    let variation = |prefix: &'static str| {
        move |m: &MeasureRow| {
            m.variation
                .as_ref()
                .is_some_and(|v| v.code.starts_with(prefix))
        }
    };
    let assurance = |code: &'static str| {
        move |m: &MeasureRow| m.assurance.as_ref().is_some_and(|a| a.code == code)
    };
    write_csv(
        PORTFOLIO_COLUMNS,
        rows.iter().map(|r| {
            let m = r.measures.as_slice();
            [
                text_cell(&r.slug),
                text_cell(&r.title),
                text_cell(&r.summary),
                text_cell(&r.status_label),
                text_cell(
                    &r.directorate
                        .as_ref()
                        .map(|d| d.name.clone())
                        .unwrap_or_default(),
                ),
                text_cell(&names(&r.priorities)),
                text_cell(&names(&r.methods)),
                text_cell(&r.tags.join("; ")),
                text_cell(
                    &r.programme
                        .as_ref()
                        .map(|g| g.name.clone())
                        .unwrap_or_default(),
                ),
                date_cell(r.started),
                date_cell(r.ended),
                date_cell(r.updated),
                text_cell(&names(&r.leads)),
                number_cell(r.progress),
                text_cell(r.progress_label.as_deref().unwrap_or_default()),
                date_cell(r.progress_date),
                yes_no(r.service_user_involvement),
                r.pdsa_cycles.to_string(),
                m.len().to_string(),
                count(m, &variation("improving")),
                count(m, &variation("concerning")),
                count(m, &assurance("pass")),
                count(m, &assurance("fail")),
                count(m, &assurance("hit_and_miss")),
                text_cell(&measure_summary(m)),
                text_cell(&r.url),
            ]
        }),
    )
}

/// `measures.csv`: one row per measure across the portfolio (see [`MEASURE_COLUMNS`]).
pub fn measures_csv(rows: &[ProjectRow]) -> String {
    let icon = |i: &Option<Icon>| i.as_ref().map(|i| i.text).unwrap_or_default();
    write_csv(
        MEASURE_COLUMNS,
        rows.iter().flat_map(|r| {
            r.measures.iter().map(move |m| {
                let latest = m.latest.as_ref();
                [
                    text_cell(&r.slug),
                    text_cell(&r.title),
                    text_cell(&m.id),
                    text_cell(&m.title),
                    m.kind.clone(),
                    text_cell(m.unit.as_deref().unwrap_or_default()),
                    m.chart.clone(),
                    m.improvement.clone(),
                    number_cell(m.target),
                    date_cell(latest.map(|l| l.date)),
                    number_cell(latest.map(|l| l.value)),
                    number_cell(latest.map(|l| l.centre)),
                    number_cell(latest.and_then(|l| l.lower_limit)),
                    number_cell(latest.and_then(|l| l.upper_limit)),
                    yes_no(m.trial_limits),
                    icon(&m.variation).to_owned(),
                    icon(&m.assurance).to_owned(),
                    text_cell(&m.url),
                    text_cell(m.chart_url.as_deref().unwrap_or_default()),
                    text_cell(m.data_url.as_deref().unwrap_or_default()),
                ]
            })
        }),
    )
}

#[cfg(test)]
mod tests;
