//! `qisite spc FILE.csv --chart …`: read one CSV of measurements, analyse it with the
//! SPC engine, and print the result (JSON with `--json`). The command-line and JSON
//! contract is section 0 of spc-conventions.md. Wiring only: the statistics live in
//! [`crate::spc`], and the enums of the CLI are mapped onto the engine's here.

use serde::Serialize;

use crate::cli::{SpcArgs, SpcChart, SpcImprovement, SpcRules};
use crate::content::measure_data::{field_col, parse_number, record_line};
use crate::error::{Diagnostic, Result, SourceFile};
use crate::spc::{self, Chart, ChartInput, Data, Improvement, RuleSet, SpcError};

/// Runs the command; returns 1 (after printing located errors) on bad input.
pub fn run(args: &SpcArgs) -> Result<i32> {
    let rel = args.file.to_string_lossy().replace('\\', "/");
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::file(
                crate::error::Severity::Error,
                &rel,
                format!("cannot read this file: {e}"),
            )
            .with_hint("check the path to the CSV file");
            return Ok(fail(&[d]));
        }
    };
    let src = match crate::fs::source_from_bytes(rel, bytes) {
        Ok(s) => s,
        Err(d) => return Ok(fail(&[d])),
    };
    let chart = chart(args.chart);
    let table = match read_csv(&src, chart) {
        Ok(t) => t,
        Err(diags) => return Ok(fail(&diags)),
    };
    let mut input = ChartInput::new(chart, table.data.clone());
    input.phases = table.phases.clone();
    input.exclude = table.exclude.clone();
    input.freeze = args.freeze;
    input.rules = match args.rules {
        SpcRules::Anhoj => RuleSet::Anhoj,
        SpcRules::Nhs => RuleSet::Nhs,
    };
    input.improvement = match args.improvement {
        SpcImprovement::Increase => Improvement::Increase,
        SpcImprovement::Decrease => Improvement::Decrease,
        SpcImprovement::Neutral => Improvement::Neutral,
    };
    input.target = args.target;
    input.min_points = args.min_points;
    let analysis = match spc::analyse(&input) {
        Ok(a) => a,
        Err(e) => return Ok(fail(&[locate(&src, &table, &e)])),
    };
    if args.json {
        let json = serde_json::to_string_pretty(&to_json(&analysis, &table.labels))
            .map_err(|e| crate::error::Error::Other(format!("cannot write JSON: {e}")))?;
        println!("{json}");
    } else {
        print!("{}", readable(&analysis, &table.labels));
    }
    Ok(0)
}

fn fail(diags: &[Diagnostic]) -> i32 {
    for d in diags {
        eprintln!("{d}");
    }
    1
}

/// Maps the CLI's chart onto the engine's.
fn chart(c: SpcChart) -> Chart {
    match c {
        SpcChart::Run => Chart::Run,
        SpcChart::I => Chart::I,
        SpcChart::Mr => Chart::Mr,
        SpcChart::Xbar => Chart::Xbar,
        SpcChart::S => Chart::S,
        SpcChart::P => Chart::P,
        SpcChart::U => Chart::U,
        SpcChart::C => Chart::C,
        SpcChart::G => Chart::G,
        SpcChart::T => Chart::T,
    }
}

/// Where a point came from in the CSV.
#[derive(Clone, Debug, Default)]
struct RowRef {
    line: usize,
    value_col: usize,
    denominator_col: usize,
    phase_col: usize,
}

/// The CSV read into engine input, with each point's row for diagnostics and labels.
#[derive(Clone, Debug)]
struct Table {
    data: Data,
    phases: Option<Vec<u32>>,
    exclude: Vec<bool>,
    /// The `date` (or subgroup) label of each point.
    labels: Vec<Option<String>>,
    rows: Vec<RowRef>,
}

#[derive(Default)]
struct Columns {
    value: Option<usize>,
    denominator: Option<usize>,
    subgroup: Option<usize>,
    phase: Option<usize>,
    date: Option<usize>,
    exclude: Option<usize>,
}

/// One data row after its cells are parsed.
struct Row {
    at: RowRef,
    value: Option<f64>,
    denominator: Option<f64>,
    phase: Option<u32>,
    exclude: bool,
    date: Option<String>,
    group: Option<String>,
}

/// Reads the CSV of `qisite spc` (spc-conventions.md §0): columns found by name, other
/// columns ignored, an empty cell a missing value. Every bad cell is reported.
fn read_csv(src: &SourceFile, chart: Chart) -> std::result::Result<Table, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(src.text.as_bytes());
    let header_line = src.text.lines().next().unwrap_or("");
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![src.error(
                1,
                1,
                format!("cannot read the CSV header: {e}"),
            )])
        }
    };
    let mut cols = Columns::default();
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim().to_lowercase();
        let slot = match name.as_str() {
            "value" | "numerator" => &mut cols.value,
            "denominator" => &mut cols.denominator,
            "subgroup" => &mut cols.subgroup,
            "phase" => &mut cols.phase,
            "date" => &mut cols.date,
            "exclude" => &mut cols.exclude,
            _ => continue,
        };
        if slot.is_some() {
            diags.push(
                src.error(
                    1,
                    field_col(header_line, i),
                    format!("column `{name}` is given twice"),
                )
                .with_hint("keep one of the two columns"),
            );
        }
        *slot = Some(i);
    }
    let rates = chart.data_kind() == spc::DataKind::Rates;
    if cols.value.is_none() {
        diags.push(
            src.error(1, 1, "the CSV has no `value` column")
                .with_hint(if rates {
                    "name the columns in the first line, e.g. `date,value,denominator` (value is the numerator)"
                } else {
                    "name the columns in the first line, e.g. `date,value`"
                }),
        );
    }
    match (rates, cols.denominator) {
        (true, None) => diags.push(
            src.error(
                1,
                1,
                format!("a {} chart needs a `denominator` column", chart.name()),
            )
            .with_hint(
                "add a `denominator` column: the number of patients, bed days or opportunities",
            ),
        ),
        (false, Some(i)) => diags.push(
            src.error(
                1,
                field_col(header_line, i),
                "`denominator` is only used by p and u charts",
            )
            .with_hint("remove the column, or use `--chart p` or `--chart u`"),
        ),
        _ => {}
    }
    let subgroups = chart.data_kind() == spc::DataKind::Subgroups;
    if subgroups && cols.subgroup.is_none() && cols.date.is_none() {
        diags.push(
            src.error(
                1,
                1,
                format!(
                    "an {} chart needs a `subgroup` or `date` column",
                    chart.name()
                ),
            )
            .with_hint("consecutive rows with the same subgroup (or date) form one subgroup"),
        );
    }
    if !diags.is_empty() {
        return Err(diags);
    }

    let mut rows: Vec<Row> = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| record_line(&src.text, p));
                diags.push(src.error(line, 1, format!("cannot read this CSV row: {e}")));
                continue;
            }
        };
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let line = rec.position().map_or(1, |p| record_line(&src.text, p));
        let row_text = src.line_text(line).unwrap_or("");
        let row_no = line.saturating_sub(1);
        let at = |i: Option<usize>| field_col(row_text, i.unwrap_or(0));
        let cell = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("");
        let mut number = |i: Option<usize>, name: &str| -> Option<f64> {
            let text = cell(i);
            if text.is_empty() {
                return None;
            }
            let v = parse_number(text);
            if v.is_none() {
                diags.push(
                    src.error(line, at(i), format!("row {row_no}, column `{name}`: `{text}` is not a number"))
                        .with_hint("write a plain number such as `12` or `0.75`, or leave the cell empty for a missing value"),
                );
            }
            v
        };
        let value = number(cols.value, "value");
        let denominator = number(cols.denominator, "denominator");
        let phase = match cols.phase.map(|_| cell(cols.phase)) {
            None => None,
            Some(text) => match text.parse::<u32>() {
                Ok(p) if p >= 1 => Some(p),
                _ => {
                    diags.push(
                        src.error(
                            line,
                            at(cols.phase),
                            format!("row {row_no}, column `phase`: `{text}` is not a phase number"),
                        )
                        .with_hint(
                            "number the phases 1, 2, 3 … down the file; every row needs one",
                        ),
                    );
                    None
                }
            },
        };
        let exclude = match cell(cols.exclude).to_lowercase().as_str() {
            "" | "false" | "no" | "0" | "n" => false,
            "true" | "yes" | "1" | "y" | "x" => true,
            other => {
                diags.push(
                    src.error(line, at(cols.exclude), format!("row {row_no}, column `exclude`: `{other}` is not true or false"))
                        .with_hint("write `true` to leave this point out of the limits, or leave the cell empty"),
                );
                false
            }
        };
        let label = |i: Option<usize>| i.map(|_| cell(i).to_owned()).filter(|s| !s.is_empty());
        rows.push(Row {
            at: RowRef {
                line,
                value_col: at(cols.value),
                denominator_col: at(cols.denominator),
                phase_col: at(cols.phase),
            },
            value,
            denominator,
            phase,
            exclude,
            date: label(cols.date),
            group: label(cols.subgroup.or(cols.date)),
        });
    }
    if rows.is_empty() && diags.is_empty() {
        diags.push(
            src.error(1, 1, "the CSV has a header but no data rows")
                .with_hint("add one row per period under the header"),
        );
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(build_table(rows, chart, cols.phase.is_some()))
}

/// Turns rows into points: one per row, or one per run of rows with the same subgroup
/// label for Xbar and S charts.
fn build_table(rows: Vec<Row>, chart: Chart, has_phase: bool) -> Table {
    let mut labels = Vec::new();
    let mut refs = Vec::new();
    let mut phases = Vec::new();
    let mut exclude = Vec::new();
    let data = match chart.data_kind() {
        spc::DataKind::Subgroups => {
            let mut groups: Vec<Vec<f64>> = Vec::new();
            let mut last: Option<Option<String>> = None;
            for row in rows {
                if last.as_ref() != Some(&row.group) {
                    groups.push(Vec::new());
                    labels.push(row.group.clone());
                    refs.push(row.at.clone());
                    phases.push(row.phase.unwrap_or(1));
                    exclude.push(row.exclude);
                    last = Some(row.group.clone());
                }
                if let (Some(v), Some(g)) = (row.value, groups.last_mut()) {
                    g.push(v);
                }
                // A subgroup is excluded if any of its rows is.
                if let Some(e) = exclude.last_mut() {
                    *e |= row.exclude;
                }
            }
            Data::Subgroups(groups)
        }
        kind => {
            let mut values = Vec::new();
            let mut dens = Vec::new();
            for row in rows {
                values.push(row.value);
                dens.push(row.denominator);
                labels.push(row.date);
                refs.push(row.at);
                phases.push(row.phase.unwrap_or(1));
                exclude.push(row.exclude);
            }
            if kind == spc::DataKind::Rates {
                Data::Rates {
                    numerators: values,
                    denominators: dens,
                }
            } else {
                Data::Values(values)
            }
        }
    };
    Table {
        data,
        phases: has_phase.then_some(phases),
        exclude,
        labels,
        rows: refs,
    }
}

/// An engine error as a located diagnostic, at the offending cell where there is one.
fn locate(src: &SourceFile, table: &Table, e: &SpcError) -> Diagnostic {
    let hint = match e {
        SpcError::NotPositive { .. } => {
            "a t chart shows the time between events, which must be positive"
        }
        SpcError::Negative { .. } => {
            "c and g charts count events or opportunities, which cannot be below zero"
        }
        SpcError::NegativeNumerator { .. } => {
            "a numerator counts events, so it cannot be below zero"
        }
        SpcError::NumeratorOverDenominator { .. } => {
            "a p chart shows a proportion; use a u chart for rates above 1"
        }
        SpcError::DenominatorNotPositive { .. } => {
            "a period with no opportunities has no rate: leave both cells empty"
        }
        SpcError::PhaseDecreasing { .. } | SpcError::PhaseZero { .. } => {
            "phases are contiguous: number them 1, 2, 3 … down the file"
        }
        SpcError::NhsMissing { .. } => {
            "fill in the value, or use `--rules anhoj`, which allows gaps"
        }
        SpcError::NhsFreezeTooSmall { .. } => {
            "Making Data Count needs a baseline of at least 12 points"
        }
        SpcError::NhsChartUnsupported { .. } => "use `--rules anhoj` for run and mr charts",
        SpcError::NoCentreLine { .. } => "give the phase at least one value in its baseline",
        _ => "check the data and the options",
    };
    let Some(row) = e.index().and_then(|i| table.rows.get(i)) else {
        return Diagnostic::file(crate::error::Severity::Error, &src.rel, e.to_string())
            .with_hint(hint);
    };
    let col = match e {
        SpcError::DenominatorNotPositive { .. } => row.denominator_col,
        SpcError::PhaseDecreasing { .. } | SpcError::PhaseZero { .. } => row.phase_col,
        _ => row.value_col,
    };
    let message = format!(
        "row {}: {}",
        row.line.saturating_sub(1),
        strip_point(&e.to_string())
    );
    src.error(row.line, col, message).with_hint(hint)
}

/// Drops the engine's "point N: " prefix, since the diagnostic names the row.
fn strip_point(msg: &str) -> &str {
    match msg.strip_prefix("point ") {
        Some(rest) => rest.split_once(": ").map_or(msg, |(_, m)| m),
        None => msg,
    }
}

/// A point as section 0 of spc-conventions.md names it, then qisite's added keys.
#[derive(Serialize)]
struct JsonPoint<'a> {
    index: usize,
    y: Option<f64>,
    cl: f64,
    lcl: Option<f64>,
    ucl: Option<f64>,
    phase: u32,
    signal: bool,
    date: Option<&'a str>,
    class: spc::Variation,
    rule: Option<spc::SignalRule>,
    excluded: bool,
    baseline: bool,
    lcl_2sigma: Option<f64>,
    ucl_2sigma: Option<f64>,
}

#[derive(Serialize)]
struct JsonPhase<'a> {
    phase: u32,
    start: usize,
    end: usize,
    cl: f64,
    runs: &'a spc::RunsAnalysis,
    sigma: Option<f64>,
    n_baseline: usize,
    trial_limits: bool,
    frozen: bool,
}

#[derive(Serialize)]
struct JsonAnalysis<'a> {
    chart: &'static str,
    points: Vec<JsonPoint<'a>>,
    phases: Vec<JsonPhase<'a>>,
    variation: Option<spc::Variation>,
    assurance: Option<spc::Assurance>,
    rules: RuleSet,
    improvement: Improvement,
    target: Option<f64>,
}

fn to_json<'a>(a: &'a spc::Analysis, labels: &'a [Option<String>]) -> JsonAnalysis<'a> {
    JsonAnalysis {
        chart: a.chart.name(),
        points: a
            .points
            .iter()
            .map(|p| JsonPoint {
                index: p.index,
                y: p.y,
                cl: p.cl,
                lcl: p.lcl,
                ucl: p.ucl,
                phase: p.phase,
                signal: p.signal,
                date: labels.get(p.index).and_then(|l| l.as_deref()),
                class: p.class,
                rule: p.rule,
                excluded: p.excluded,
                baseline: p.baseline,
                lcl_2sigma: p.lcl_2sigma,
                ucl_2sigma: p.ucl_2sigma,
            })
            .collect(),
        phases: a
            .phases
            .iter()
            .map(|p| JsonPhase {
                phase: p.phase,
                start: p.start,
                end: p.end,
                cl: p.cl,
                runs: &p.runs,
                sigma: p.sigma,
                n_baseline: p.n_baseline,
                trial_limits: p.trial_limits,
                frozen: p.frozen,
            })
            .collect(),
        variation: a.variation,
        assurance: a.assurance,
        rules: a.rules,
        improvement: a.improvement,
        target: a.target,
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{v:.4}"))
}

/// The readable report printed without `--json`.
fn readable(a: &spc::Analysis, labels: &[Option<String>]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} chart, {} points, {} rules",
        a.chart.name(),
        a.points.len(),
        match a.rules {
            RuleSet::Anhoj => "Anhøj",
            RuleSet::Nhs => "Making Data Count",
        }
    );
    for p in &a.phases {
        let r = &p.runs;
        let _ = writeln!(
            out,
            "phase {} (points {}–{}): centre line {}{}",
            p.phase,
            p.start + 1,
            p.end + 1,
            num(Some(p.cl)),
            if p.trial_limits { ", trial limits" } else { "" }
        );
        let _ = writeln!(
            out,
            "  runs: {} useful, longest run {} (limit {}), crossings {} (minimum {}){}",
            r.n_useful,
            r.longest_run.map_or("–".into(), |v| v.to_string()),
            r.longest_run_max.map_or("–".into(), |v| v.to_string()),
            r.crossings.map_or("–".into(), |v| v.to_string()),
            r.crossings_min.map_or("–".into(), |v| v.to_string()),
            if r.signal {
                ": non-random variation"
            } else {
                ""
            }
        );
    }
    let signals: Vec<_> = a.points.iter().filter(|p| p.signal).collect();
    if !signals.is_empty() {
        let _ = writeln!(out, "signals:");
        for p in signals {
            let label = labels
                .get(p.index)
                .and_then(|l| l.clone())
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  point {} {}: {} (limits {} to {})",
                p.index + 1,
                label,
                num(p.y),
                num(p.lcl),
                num(p.ucl)
            );
        }
    }
    if let Some(v) = a.variation {
        let _ = writeln!(
            out,
            "variation: {}",
            spc::summary::variation_icon(a)
                .map_or_else(|| format!("{v:?}"), |i| i.text().to_owned())
        );
    }
    if let Some(s) = a.assurance {
        let _ = writeln!(
            out,
            "assurance: {}",
            spc::summary::AssuranceIcon::from(s).text()
        );
    }
    out
}
