//! Table tests of the combination per chart type, and of each rejection.

use super::*;
use crate::content::model::{MeasureMeta, ProjectMeta, Source};

fn project(slug: &str) -> Project {
    let meta: ProjectMeta =
        serde_saphyr::from_str(&format!("title: Ward {slug}\nstatus: active\n")).unwrap();
    Project {
        slug: slug.into(),
        meta,
        body: String::new(),
        source: Source::default(),
        driver: None,
        measures: Vec::new(),
        pdsa: Vec::new(),
        files: Vec::new(),
    }
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// A measure `m` of project `slug` from its YAML and rows `(date, value, denominator)`;
/// CSV lines count from 2 (after the header).
fn measure(slug: &str, yaml: &str, rows: &[(&str, Option<f64>, Option<f64>)]) -> Measure {
    let meta: MeasureMeta = serde_saphyr::from_str(yaml).unwrap();
    Measure {
        id: "m".into(),
        meta,
        data: rows
            .iter()
            .enumerate()
            .map(|(i, (d, v, n))| Observation {
                date: date(d),
                value: *v,
                denominator: *n,
                note: None,
                exclude: false,
                line: i + 2,
            })
            .collect(),
        source: Source {
            rel: format!("projects/{slug}/measures/m.yaml"),
            body_line: 1,
        },
        csv_rel: format!("projects/{slug}/measures/m.csv"),
    }
}

/// Runs `combine` over members given as (project slug, measure).
fn run(
    members: &[(Project, Measure)],
    method: Option<CombineMethod>,
) -> Result<Combined, Rejection> {
    let list: Vec<Member<'_>> = members
        .iter()
        .map(|(project, measure)| Member { project, measure })
        .collect();
    combine("m", &list, method)
}

/// Where a rejection at line `line` of member `slug`'s CSV points.
fn csv(slug: &str, line: usize) -> Place {
    Place::CsvLine {
        rel: format!("projects/{slug}/measures/m.csv"),
        line,
    }
}

/// Where a rejection at `key` of member `slug`'s YAML points.
fn yaml_key(slug: &str, key: &'static str) -> Place {
    Place::MeasureKey {
        rel: format!("projects/{slug}/measures/m.yaml"),
        key,
    }
}

/// A member with a value on every row.
fn events(slug: &str, yaml: &str, rows: &[(&str, f64)]) -> (Project, Measure) {
    let rows: Vec<_> = rows.iter().map(|(d, v)| (*d, Some(*v))).collect();
    series(slug, yaml, &rows)
}

/// The combined series as (date, value).
fn points(c: &Combined) -> Vec<(String, Option<f64>)> {
    c.observations
        .iter()
        .map(|o| (o.date.iso(), o.value))
        .collect()
}

fn values(c: &Combined) -> Vec<(String, Option<f64>, Option<f64>)> {
    c.observations
        .iter()
        .map(|o| (o.date.iso(), o.value, o.denominator))
        .collect()
}

const P: &str =
    "title: T\nkind: process\nchart: p\nunit: '% of patients'\nmultiplier: 100\ntarget: 90\n";

fn rates(slug: &str, yaml: &str, rows: &[(&str, f64, f64)]) -> (Project, Measure) {
    let rows: Vec<_> = rows
        .iter()
        .map(|(d, a, b)| (*d, Some(*a), Some(*b)))
        .collect();
    (project(slug), measure(slug, yaml, &rows))
}

fn series(slug: &str, yaml: &str, rows: &[(&str, Option<f64>)]) -> (Project, Measure) {
    let rows: Vec<_> = rows.iter().map(|(d, v)| (*d, *v, None)).collect();
    (project(slug), measure(slug, yaml, &rows))
}

#[test]
fn p_charts_pool_numerators_and_denominators() {
    let a = rates(
        "a",
        P,
        &[("2025-01-01", 3.0, 4.0), ("2025-02-01", 5.0, 10.0)],
    );
    let b = rates(
        "b",
        P,
        &[("2025-01-01", 7.0, 16.0), ("2025-02-01", 1.0, 2.0)],
    );
    let c = run(&[a, b], None).unwrap();
    assert_eq!(c.method, Method::PooledRates);
    assert_eq!(
        values(&c),
        vec![
            ("2025-01-01".into(), Some(10.0), Some(20.0)),
            ("2025-02-01".into(), Some(6.0), Some(12.0)),
        ]
    );
    assert_eq!(
        c.target,
        Some(90.0),
        "the same target in every member carries over"
    );
    assert!(c.left_out.is_empty());
    assert_eq!((c.first, c.last), (date("2025-01-01"), date("2025-02-01")));
}

#[test]
fn u_charts_pool_too_and_differing_targets_are_dropped() {
    let u = "title: T\nkind: outcome\nchart: u\nunit: falls per 1,000 bed days\nmultiplier: 1000\nimprovement: decrease\n";
    let a = rates(
        "a",
        &format!("{u}target: 4\n"),
        &[("2025-01-01", 2.0, 500.0)],
    );
    let b = rates(
        "b",
        &format!("{u}target: 5\n"),
        &[("2025-01-01", 3.0, 700.0)],
    );
    let c = run(&[a, b], None).unwrap();
    assert_eq!(
        values(&c),
        vec![("2025-01-01".into(), Some(5.0), Some(1200.0))]
    );
    assert_eq!(c.target, None);
}

#[test]
fn a_missing_part_makes_the_pooled_point_missing() {
    let a = (
        project("a"),
        measure(
            "a",
            P,
            &[
                ("2025-01-01", Some(3.0), None),
                ("2025-02-01", Some(1.0), Some(2.0)),
            ],
        ),
    );
    let b = rates(
        "b",
        P,
        &[("2025-01-01", 7.0, 16.0), ("2025-02-01", 1.0, 2.0)],
    );
    let c = run(&[a, b], None).unwrap();
    assert_eq!(c.observations[0].value, None);
    assert_eq!(
        c.observations[0].note.as_deref(),
        Some("No value from Ward a.")
    );
    assert_eq!(c.observations[1].value, Some(2.0));
}

const C: &str =
    "title: T\nkind: outcome\nchart: c\nunit: falls\nimprovement: decrease\ntarget: 3\n";

#[test]
fn c_charts_sum_counts_and_drop_the_target() {
    let a = events("a", C, &[("2025-01-01", 2.0), ("2025-02-01", 0.0)]);
    let b = series("b", C, &[("2025-01-01", Some(5.0)), ("2025-02-01", None)]);
    let c = run(&[a, b], None).unwrap();
    assert_eq!(c.method, Method::SummedCounts);
    assert_eq!(
        values(&c),
        vec![
            ("2025-01-01".into(), Some(7.0), None),
            ("2025-02-01".into(), None, None)
        ]
    );
    assert_eq!(
        c.target, None,
        "a member's target does not apply to the total"
    );
}

#[test]
fn c_charts_cover_only_the_periods_every_member_reports() {
    let a = events(
        "a",
        C,
        &[
            ("2025-01-01", 2.0),
            ("2025-02-01", 1.0),
            ("2025-03-01", 4.0),
        ],
    );
    let b = events("b", C, &[("2025-02-01", 5.0), ("2025-03-01", 1.0)]);
    let c = run(&[a, b], None).unwrap();
    assert_eq!(
        values(&c),
        vec![
            ("2025-02-01".into(), Some(6.0), None),
            ("2025-03-01".into(), Some(5.0), None)
        ]
    );
    assert_eq!(c.left_out, vec![("a".to_owned(), 1)]);
}

const I: &str = "title: T\nkind: outcome\nchart: i\nunit: minutes\ntarget: 30\n";

#[test]
fn run_and_i_charts_sum_or_average_as_the_programme_says() {
    let rows_a = [("2025-01-01", Some(10.0)), ("2025-02-01", Some(20.0))];
    let rows_b = [("2025-01-01", Some(30.0)), ("2025-02-01", Some(40.0))];
    let make = |yaml: &str| vec![series("a", yaml, &rows_a), series("b", yaml, &rows_b)];
    let sum = run(&make(I), Some(CombineMethod::Sum)).unwrap();
    assert_eq!(sum.method, Method::Sum);
    assert_eq!(values(&sum)[1], ("2025-02-01".into(), Some(60.0), None));
    assert_eq!(sum.target, None);
    let mean = run(&make(I), Some(CombineMethod::Mean)).unwrap();
    assert_eq!(mean.method, Method::Mean);
    assert_eq!(values(&mean)[0], ("2025-01-01".into(), Some(20.0), None));
    assert_eq!(mean.target, Some(30.0));
    let run_chart = I.replace("chart: i", "chart: run");
    let mr = I.replace("chart: i", "chart: mr");
    for yaml in [run_chart, mr] {
        let c = run(&make(&yaml), Some(CombineMethod::Sum)).unwrap();
        assert_eq!(values(&c)[0].1, Some(40.0));
    }
}

#[test]
fn run_and_i_charts_need_a_method() {
    let a = events("a", I, &[("2025-01-01", 1.0)]);
    let b = events("b", I, &[("2025-01-01", 2.0)]);
    let r = run(&[a, b], None).unwrap_err();
    assert_eq!(r.place, Place::SharedMeasure);
    assert_eq!(
        r.message,
        "shared measure `m` is drawn on an I chart: say how to combine the members' values"
    );
    assert!(r.hint.contains("`combine: {m: sum}`"), "{}", r.hint);
}

#[test]
fn rates_on_run_and_i_charts_are_never_added_or_averaged() {
    let pct = "title: T\nkind: process\nchart: i\nunit: '% of patients'\n";
    let a = events("a", pct, &[("2025-01-01", 50.0)]);
    let b = events("b", pct, &[("2025-01-01", 90.0)]);
    for method in [Some(CombineMethod::Mean), Some(CombineMethod::Sum), None] {
        let r = run(&[a.clone(), b.clone()], method).unwrap_err();
        assert_eq!(r.place, yaml_key("a", "unit"));
        assert!(
            r.message.contains("rates or percentages (`% of patients`)"),
            "{}",
            r.message
        );
        assert!(r.hint.contains("P chart"), "{}", r.hint);
    }
}

#[test]
fn rate_units_are_recognised() {
    let cases = [
        ("% of patients", true),
        ("percent", true),
        ("falls per 1,000 bed days", true),
        ("infection rate", true),
        ("proportion", true),
        ("falls", false),
        ("falls per month", false),
        ("minutes", false),
        ("operations", false),
        ("rate of harm", true),
        ("per cent", true),
        ("moderate harms", false),
        ("", false),
    ];
    for (unit, rate) in cases {
        assert_eq!(is_rate_unit(unit), rate, "{unit}");
    }
}

#[test]
fn combine_applies_only_to_run_i_and_mr_charts() {
    let a = rates("a", P, &[("2025-01-01", 3.0, 4.0)]);
    let b = rates("b", P, &[("2025-01-01", 3.0, 4.0)]);
    let r = run(&[a, b], Some(CombineMethod::Mean)).unwrap_err();
    assert_eq!(r.place, Place::CombineEntry);
    assert_eq!(
        r.message,
        "`combine` only applies to run, I and MR charts; `m` is a P chart, which combines by \
         summing numerators and denominators"
    );
}

const XBAR: &str = "title: T\nkind: outcome\nchart: xbar\nunit: minutes\ntarget: 40\n";

#[test]
fn xbar_and_s_charts_pool_each_periods_observations() {
    let a = events(
        "a",
        XBAR,
        &[
            ("2025-01-01", 1.0),
            ("2025-01-01", 2.0),
            ("2025-02-01", 3.0),
        ],
    );
    let b = series(
        "b",
        XBAR,
        &[
            ("2025-01-01", Some(4.0)),
            ("2025-02-01", None),
            ("2025-02-01", Some(5.0)),
        ],
    );
    let c = run(&[a.clone(), b.clone()], None).unwrap();
    assert_eq!(c.method, Method::PooledSubgroups);
    let got = points(&c);
    assert_eq!(
        got,
        vec![
            ("2025-01-01".into(), Some(1.0)),
            ("2025-01-01".into(), Some(2.0)),
            ("2025-01-01".into(), Some(4.0)),
            ("2025-02-01".into(), Some(3.0)),
            ("2025-02-01".into(), Some(5.0)),
        ]
    );
    assert_eq!(c.target, Some(40.0));
    let s = XBAR.replace("chart: xbar", "chart: s");
    let (a, b) = (
        (a.0, measure("a", &s, &[("2025-01-01", Some(1.0), None)])),
        (b.0, measure("b", &s, &[("2025-01-01", Some(2.0), None)])),
    );
    let c = run(&[a, b], None).unwrap();
    assert_eq!(c.observations.len(), 2);
    assert_eq!(
        c.target, None,
        "a target for the mean says nothing of the spread"
    );
}

const G: &str = "title: T\nkind: outcome\nchart: g\nunit: days\nimprovement: increase\n";

#[test]
fn g_and_t_charts_merge_events_once_every_record_is_complete() {
    for yaml in [G.to_owned(), G.replace("chart: g", "chart: t")] {
        let members = [
            // a: events on 1 Jan (the one before 11 Jan), 11 Jan, 31 Jan, 10 Mar.
            events(
                "a",
                &yaml,
                &[
                    ("2025-01-11", 10.0),
                    ("2025-01-31", 20.0),
                    ("2025-03-10", 38.0),
                ],
            ),
            // b: events on 5 Jan (the one before 25 Jan), 25 Jan, 1 Mar.
            events("b", &yaml, &[("2025-01-25", 20.0), ("2025-03-01", 35.0)]),
        ];
        let c = run(&members, None).unwrap();
        assert_eq!(c.method, Method::MergedEvents);
        assert_eq!(c.complete_from, Some(date("2025-01-05")));
        // Merged: 5 Jan (b), 11 Jan (a), 25 Jan (b), 31 Jan (a), 1 Mar (b), 10 Mar (a).
        let got = points(&c);
        assert_eq!(
            got,
            vec![
                ("2025-01-11".into(), Some(6.0)),
                ("2025-01-25".into(), Some(14.0)),
                ("2025-01-31".into(), Some(6.0)),
                ("2025-03-01".into(), Some(29.0)),
                ("2025-03-10".into(), Some(9.0)),
            ]
        );
        assert_eq!(c.observations[1].note.as_deref(), Some("Event: Ward b."));
        assert!(c.left_out.is_empty(), "a's rows all fall after 5 January");
        assert_eq!((c.first, c.last), (date("2025-01-11"), date("2025-03-10")));
    }
}

#[test]
fn events_before_every_record_is_complete_are_left_out() {
    let a = events(
        "a",
        G,
        &[
            ("2025-01-02", 1.0),
            ("2025-01-04", 2.0),
            ("2025-02-01", 28.0),
        ],
    );
    let b = events("b", G, &[("2025-01-20", 10.0), ("2025-02-05", 16.0)]);
    let c = run(&[a, b], None).unwrap();
    assert_eq!(c.complete_from, Some(date("2025-01-10")));
    assert_eq!(c.left_out, vec![("a".to_owned(), 2)]);
    let got: Vec<Option<f64>> = c.observations.iter().map(|o| o.value).collect();
    // 10 Jan (b) → 20 Jan (b) → 1 Feb (a) → 5 Feb (b).
    assert_eq!(got, vec![Some(10.0), Some(12.0), Some(4.0)]);
}

#[test]
fn opportunities_other_than_days_cannot_be_merged() {
    let admissions = G.replace("unit: days", "unit: admissions");
    let a = events(
        "a",
        &admissions,
        &[("2025-01-07", 1724.0), ("2025-01-29", 1822.0)],
    );
    let b = events(
        "b",
        &admissions,
        &[("2025-01-09", 300.0), ("2025-01-30", 21.0)],
    );
    let r = run(&[a, b], None).unwrap_err();
    assert_eq!(r.place, csv("a", 3));
    assert_eq!(
        r.message,
        "shared measure `m` cannot be combined: a G chart merges the members' events, so each \
         value must be the days since that member's previous event; in \
         `projects/a/measures/m.csv`, 29 January 2025 says 1822 but 22 days passed since the \
         previous row (7 January 2025)"
    );
    assert!(r.hint.contains("admissions"), "{}", r.hint);
}

#[test]
fn t_charts_reject_events_on_the_same_day() {
    let t = G.replace("chart: g", "chart: t");
    let a = events("a", &t, &[("2025-01-10", 5.0), ("2025-01-20", 10.0)]);
    let b = events("b", &t, &[("2025-01-08", 4.0), ("2025-01-20", 12.0)]);
    let r = run(&[a, b], None).unwrap_err();
    assert_eq!(r.place, csv("b", 3));
    assert!(
        r.message.contains("two events fall on 20 January 2025"),
        "{}",
        r.message
    );
    assert!(r.hint.contains("G chart"), "{}", r.hint);
    // The same events on a G chart are 0 days apart, which a G chart allows.
    let a = events("a", G, &[("2025-01-10", 5.0), ("2025-01-20", 10.0)]);
    let b = events("b", G, &[("2025-01-08", 4.0), ("2025-01-20", 12.0)]);
    let c = run(&[a, b], None).unwrap();
    assert_eq!(c.observations.last().unwrap().value, Some(0.0));
}

#[test]
fn different_chart_types_are_rejected_with_the_pooling_hint_for_rates() {
    let a = rates("a", P, &[("2025-01-01", 3.0, 4.0)]);
    let pct = "title: T\nkind: process\nchart: i\nunit: '% of patients'\nmultiplier: 100\n";
    let b = events("b", pct, &[("2025-01-01", 75.0)]);
    let r = run(&[a.clone(), b], None).unwrap_err();
    assert_eq!(r.place, yaml_key("b", "chart"));
    assert_eq!(
        r.message,
        "shared measure `m` cannot be combined: `projects/b/measures/m.yaml` draws an I chart \
         but `projects/a/measures/m.yaml` draws a P chart"
    );
    assert!(r
        .hint
        .contains("cannot average percentages or rates with different denominators"));
    let u = P.replace("chart: p", "chart: u");
    let b = rates("b", &u, &[("2025-01-01", 3.0, 4.0)]);
    let r = run(&[a, b], None).unwrap_err();
    assert!(r.hint.contains("set the same `chart:`"), "{}", r.hint);
}

#[test]
fn different_units_multipliers_and_directions_are_rejected() {
    let a = rates("a", P, &[("2025-01-01", 3.0, 4.0)]);
    let cases = [
        (P.replace("'% of patients'", "'% of cases'"), "unit", "gives the unit `% of cases` but `projects/a/measures/m.yaml` gives the unit `% of patients`"),
        (P.replace("multiplier: 100", "multiplier: 1000"), "multiplier", "multiplies by 1000 but `projects/a/measures/m.yaml` by 100"),
        (format!("{P}improvement: decrease\n"), "improvement", "disagree on which direction is better"),
    ];
    for (yaml, key, words) in cases {
        let b = rates("b", &yaml, &[("2025-01-01", 3.0, 4.0)]);
        let r = run(&[a.clone(), b], None).unwrap_err();
        assert_eq!(r.place, yaml_key("b", key));
        assert!(r.message.contains(words), "{key}: {}", r.message);
    }
}

#[test]
fn mismatched_periods_are_rejected_at_the_members_row() {
    let a = rates(
        "a",
        P,
        &[
            ("2025-01-01", 3.0, 4.0),
            ("2025-02-01", 3.0, 4.0),
            ("2025-03-01", 3.0, 4.0),
        ],
    );
    let b = rates(
        "b",
        P,
        &[
            ("2025-01-01", 3.0, 4.0),
            ("2025-02-15", 3.0, 4.0),
            ("2025-03-01", 3.0, 4.0),
        ],
    );
    let r = run(&[a.clone(), b], None).unwrap_err();
    assert_eq!(r.place, csv("b", 3));
    assert_eq!(
        r.message,
        "shared measure `m` cannot be combined: `projects/b/measures/m.csv` has no row for 1 \
         February 2025, which `projects/a/measures/m.csv` has"
    );
    assert!(r.hint.contains("start of its period"), "{}", r.hint);
    let b = rates(
        "b",
        P,
        &[
            ("2025-01-01", 3.0, 4.0),
            ("2025-01-15", 3.0, 4.0),
            ("2025-02-01", 3.0, 4.0),
            ("2025-03-01", 3.0, 4.0),
        ],
    );
    let r = run(&[a, b], None).unwrap_err();
    assert_eq!(r.place, csv("b", 3));
    assert!(
        r.message.contains("has a row for 15 January 2025, but"),
        "{}",
        r.message
    );
}

#[test]
fn members_that_never_overlap_are_rejected() {
    let a = rates("a", P, &[("2024-01-01", 3.0, 4.0)]);
    let b = rates("b", P, &[("2025-01-01", 3.0, 4.0)]);
    let r = run(&[a, b], None).unwrap_err();
    assert_eq!(r.place, Place::SharedMeasure);
    assert_eq!(
        r.message,
        "shared measure `m` cannot be combined: no period is reported by every member (`a` 1 \
         January 2024 to 1 January 2024; `b` 1 January 2025 to 1 January 2025)"
    );
}

#[test]
fn a_member_without_data_is_rejected() {
    let a = rates("a", P, &[("2024-01-01", 3.0, 4.0)]);
    let b = rates("b", P, &[]);
    let r = run(&[a, b], None).unwrap_err();
    assert_eq!(r.place, csv("b", 1));
}

#[test]
fn an_excluded_row_excludes_the_combined_point() {
    let a = rates("a", P, &[("2025-01-01", 3.0, 4.0)]);
    let mut b = rates("b", P, &[("2025-01-01", 1.0, 4.0)]);
    b.1.data[0].exclude = true;
    let c = run(&[a, b], None).unwrap();
    assert!(c.observations[0].exclude);
    assert_eq!(
        c.observations[0].note.as_deref(),
        Some("Excluded by Ward b.")
    );
}

#[test]
fn one_member_is_its_own_series_and_none_is_an_error() {
    let a = rates("a", P, &[("2025-01-01", 3.0, 4.0)]);
    let c = run(&[a], None).unwrap();
    assert_eq!(
        values(&c),
        vec![("2025-01-01".into(), Some(3.0), Some(4.0))]
    );
    assert_eq!(run(&[], None).unwrap_err().place, Place::SharedMeasure);
}
