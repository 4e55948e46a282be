//! Tests of [`analyse`]: numbers published by the anchors, then table tests of the
//! conventions, then property tests.
// R prints 17 significant digits; keep them as printed.
#![allow(clippy::excessive_precision)]

use super::*;
use proptest::prelude::*;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

macro_rules! assert_close {
    ($a:expr, $b:expr, $tol:expr) => {{
        let (a, b): (f64, f64) = ($a, $b);
        assert!(close(a, b, $tol), "{} = {a}, expected {b}", stringify!($a));
    }};
}

fn values(v: &[f64]) -> Data {
    Data::Values(v.iter().copied().map(Some).collect())
}

/// `set.seed(123); rnorm(20)` in R 4.x, as printed in full in NHSRplotthedots
/// `tests/testthat/_snaps/ptd_spc_standard.md` (`$ y`, to 8 significant digits there).
const RNORM_123: [f64; 20] = [
    -0.560475646552212603,
    -0.230177489483279957,
    1.558708314149124030,
    0.070508391424576003,
    0.129287735160946243,
    1.715064986883281017,
    0.460916205989202299,
    -1.265061234606533969,
    -0.686852851893526073,
    -0.445661970099958060,
    1.224081797439461550,
    0.359813827057363811,
    0.400771450594052170,
    0.110682715945119706,
    -0.555841134754074928,
    1.786913136803078173,
    0.497850478229239390,
    -1.966617156629638208,
    0.701355901563685546,
    -0.472791407727934043,
];

/// NHSRplotthedots `tests/testthat/test-ptd_spc_standard.R`, "it returns expected
/// values", with the snapshot in `_snaps/ptd_spc_standard.md`: r1 (as is), r2
/// (`y[15] <- 10`, screened) and r3 (the same, `screen_outliers = FALSE`).
#[test]
fn nhsrplotthedots_ptd_spc_standard_snapshot() {
    let mut input = ChartInput::new(Chart::I, values(&RNORM_123));
    input.rules = RuleSet::Nhs;
    let a = analyse(&input).unwrap();
    assert_close!(a.phases[0].cl, 0.1416238, 1e-6);
    assert_close!(a.points[0].lcl.unwrap(), -3.01138, 1e-5);
    assert_close!(a.points[0].ucl.unwrap(), 3.294627, 1e-6);
    assert!(a.points.iter().all(|p| !p.signal));
    assert_eq!(a.variation, Some(Variation::CommonCause));

    let mut y = RNORM_123;
    y[14] = 10.0;
    input.data = values(&y);
    let a = analyse(&input).unwrap();
    assert_close!(a.phases[0].cl, 0.6694159, 1e-6);
    assert_close!(a.points[0].lcl.unwrap(), -2.383666, 1e-6);
    assert_close!(a.points[0].ucl.unwrap(), 3.722497, 1e-6);

    input.screen_moving_ranges = false;
    let a = analyse(&input).unwrap();
    assert_close!(a.points[0].lcl.unwrap(), -4.596625, 1e-6);
    assert_close!(a.points[0].ucl.unwrap(), 5.935457, 1e-6);
}

/// NHSRplotthedots `tests/testthat/_snaps/ptd_spc.md`: the summary with a target of
/// 0.5 (between the limits, so the assurance is "inconsistent", our hit and miss).
#[test]
fn nhsrplotthedots_summary_with_target() {
    let mut input = ChartInput::new(Chart::I, values(&RNORM_123));
    input.rules = RuleSet::Nhs;
    input.target = Some(0.5);
    let a = analyse(&input).unwrap();
    assert_eq!(a.assurance, Some(Assurance::HitAndMiss));
    assert_eq!(a.variation, Some(Variation::CommonCause));
}

/// NHSRplotthedots `tests/testthat/test-ptd_spc_standard.R`, "it only reports special
/// cause for 2 of 3 points close to limits when they are on the same side of the mean".
#[test]
fn nhsrplotthedots_two_in_three_opposite_sides() {
    let mut y: Vec<f64> = (0..16)
        .map(|i| if i % 2 == 0 { 1.0 } else { -1.0 })
        .collect();
    y[14] = 5.5;
    y[15] = -5.5;
    let mut input = ChartInput::new(Chart::I, values(&y));
    input.rules = RuleSet::Nhs;
    let a = analyse(&input).unwrap();
    assert_eq!(a.points[14].class, Variation::CommonCause);
    assert_eq!(a.points[15].class, Variation::CommonCause);
}

fn input(chart: Chart, y: &[f64]) -> ChartInput {
    ChartInput::new(chart, values(y))
}

#[test]
fn a_point_exactly_on_a_limit_is_not_a_signal() {
    // C chart with a frozen baseline of mean 4: ucl = 4 + 3·2 = 10, lcl = 0.
    let mut i = input(Chart::C, &[4.0, 4.0, 4.0, 10.0, 0.0, 11.0]);
    i.freeze = Some(3);
    let a = analyse(&i).unwrap();
    assert_eq!(a.points[3].ucl, Some(10.0));
    let signals: Vec<bool> = a.points.iter().map(|p| p.signal).collect();
    assert_eq!(signals, [false, false, false, false, false, true]);
    assert_eq!(a.points[5].rule, Some(SignalRule::OutsideLimits));
    assert_eq!(a.points[5].side, Some(Side::High));
    assert!(a.phases[0].frozen);
    assert_eq!(a.phases[0].n_baseline, 3);
    assert!(a.phases[0].trial_limits);
}

#[test]
fn points_on_the_median_neither_break_nor_count_toward_a_run() {
    // Run chart, median 5: eight points below with two on the median among them.
    let y = [
        1.0, 1.0, 5.0, 1.0, 1.0, 5.0, 1.0, 1.0, 1.0, 1.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0,
    ];
    let a = analyse(&input(Chart::Run, &y)).unwrap();
    let p = &a.phases[0];
    assert_eq!(p.cl, 5.0);
    assert_eq!(p.runs.n_useful, 16);
    assert_eq!(p.runs.longest_run, Some(8));
    assert_eq!(p.runs.longest_run_max, Some(7));
    assert!(p.runs.signal);
    assert!(
        !a.points[2].signal,
        "a point on the median is never in a long run"
    );
    assert!(a.points[3].signal);
}

#[test]
fn points_on_the_mean_break_an_nhs_shift() {
    // Baseline mean 0 (alternating ±1), then 3 above, one exactly on the mean, 4 above.
    let mut y: Vec<f64> = (0..12)
        .map(|i| if i % 2 == 0 { -1.0 } else { 1.0 })
        .collect();
    y.extend([0.5, 0.5, 0.5, 0.0, 0.5, 0.5, 0.5, 0.5]);
    let mut i = input(Chart::I, &y);
    i.rules = RuleSet::Nhs;
    i.freeze = Some(12);
    let a = analyse(&i).unwrap();
    assert!(a.points.iter().all(|p| !p.signal));
    // Under Anhøj rules the point on the mean is skipped and the run is 7 + 1 = 8
    // useful points long, with 20 − 1 = 19 useful in all (limit 7).
    let mut i = input(Chart::I, &y);
    i.freeze = Some(12);
    let a = analyse(&i).unwrap();
    assert_eq!(a.phases[0].runs.longest_run, Some(8));
    assert!(a.points[19].signal);
}

#[test]
fn phases_are_analysed_independently_and_switch_freeze_off_under_anhoj() {
    let y = [1.0, 2.0, 3.0, 10.0, 11.0, 12.0];
    let mut i = input(Chart::I, &y);
    i.phases = Some(vec![1, 1, 1, 2, 2, 2]);
    i.freeze = Some(2);
    let a = analyse(&i).unwrap();
    assert_eq!(a.phases.len(), 2);
    assert_eq!(
        (a.phases[0].start, a.phases[0].end, a.phases[0].cl),
        (0, 2, 2.0)
    );
    assert_eq!(
        (a.phases[1].start, a.phases[1].end, a.phases[1].cl),
        (3, 5, 11.0)
    );
    assert!(
        !a.phases[0].frozen,
        "qicharts2 ignores freeze when parts are given"
    );
    // Under nhs rules freeze applies within each phase (and must be ≥ 12).
    let mut y: Vec<f64> = (0..26).map(|i| f64::from(i % 3)).collect();
    y[25] = 40.0;
    let mut i = input(Chart::I, &y);
    i.rules = RuleSet::Nhs;
    i.phases = Some((0..26).map(|k| if k < 13 { 1 } else { 2 }).collect());
    i.freeze = Some(12);
    let a = analyse(&i).unwrap();
    assert!(a.phases.iter().all(|p| p.frozen && p.n_baseline == 12));
    assert_eq!(a.variation, Some(Variation::SpecialCauseImprovement));
}

#[test]
fn excluded_points_are_shown_but_set_no_limits() {
    let y = [1.0, 2.0, 100.0, 3.0];
    let mut i = input(Chart::C, &y);
    i.exclude = vec![false, false, true, false];
    let a = analyse(&i).unwrap();
    assert_eq!(a.phases[0].cl, 2.0);
    assert!(a.points[2].excluded && a.points[2].signal);
    assert_eq!(a.phases[0].runs.n_useful, 2);
}

#[test]
fn missing_values_under_anhoj_are_kept_and_never_signal() {
    let i = ChartInput::new(
        Chart::I,
        Data::Values(vec![Some(1.0), None, Some(3.0), Some(2.0)]),
    );
    let a = analyse(&i).unwrap();
    assert_eq!(a.points[1].y, None);
    assert!(!a.points[1].signal);
    assert_eq!(a.phases[0].cl, 2.0);
}

#[test]
fn mr_charts_never_give_a_runs_signal() {
    let y: Vec<f64> = (0..20).map(f64::from).collect();
    let a = analyse(&input(Chart::Mr, &y)).unwrap();
    assert_eq!(a.points[0].y, None);
    assert!(!a.phases[0].runs.signal);
    assert!(a.points.iter().all(|p| p.rule != Some(SignalRule::LongRun)));
}

#[test]
fn signal_classes_follow_the_improvement_direction() {
    let mut y = vec![5.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0, 6.0];
    y.push(40.0);
    for (improvement, want) in [
        (Improvement::Increase, Variation::SpecialCauseImprovement),
        (Improvement::Decrease, Variation::SpecialCauseConcern),
        (Improvement::Neutral, Variation::SpecialCauseNeither),
    ] {
        for rules in [RuleSet::Anhoj, RuleSet::Nhs] {
            let mut i = input(Chart::I, &y);
            i.improvement = improvement;
            i.rules = rules;
            i.freeze = Some(12);
            let a = analyse(&i).unwrap();
            assert_eq!(a.points[12].class, want, "{improvement:?} {rules:?}");
            assert_eq!(a.variation.is_some(), rules == RuleSet::Nhs);
        }
    }
}

#[test]
fn errors_table() {
    let v = |y: &[f64]| values(y);
    let rates = |a: f64, b: f64| Data::Rates {
        numerators: vec![Some(a)],
        denominators: vec![Some(b)],
    };
    let cases: Vec<(ChartInput, SpcError)> = vec![
        (
            ChartInput::new(Chart::I, Data::Values(vec![])),
            SpcError::Empty,
        ),
        (
            ChartInput::new(Chart::I, v(&[1.0, f64::NAN])),
            SpcError::NotFinite {
                index: 1,
                what: "the value",
            },
        ),
        (
            ChartInput::new(Chart::C, v(&[f64::INFINITY])),
            SpcError::NotFinite {
                index: 0,
                what: "the value",
            },
        ),
        (
            ChartInput::new(Chart::T, v(&[1.0, 0.0])),
            SpcError::NotPositive {
                index: 1,
                value: 0.0,
            },
        ),
        (
            ChartInput::new(Chart::G, v(&[-1.0])),
            SpcError::Negative {
                index: 0,
                value: -1.0,
            },
        ),
        (
            ChartInput::new(Chart::P, rates(3.0, 2.0)),
            SpcError::NumeratorOverDenominator {
                index: 0,
                numerator: 3.0,
                denominator: 2.0,
            },
        ),
        (
            ChartInput::new(Chart::U, rates(1.0, 0.0)),
            SpcError::DenominatorNotPositive {
                index: 0,
                value: 0.0,
            },
        ),
        (
            ChartInput::new(Chart::U, rates(-1.0, 2.0)),
            SpcError::NegativeNumerator {
                index: 0,
                value: -1.0,
            },
        ),
        (
            ChartInput::new(Chart::P, v(&[1.0])),
            SpcError::WrongData {
                chart: "p",
                expected: "numerators and denominators",
            },
        ),
        (
            ChartInput {
                phases: Some(vec![2, 1]),
                ..ChartInput::new(Chart::I, v(&[1.0, 2.0]))
            },
            SpcError::PhaseDecreasing {
                index: 1,
                phase: 1,
                previous: 2,
            },
        ),
        (
            ChartInput {
                phases: Some(vec![0]),
                ..ChartInput::new(Chart::I, v(&[1.0]))
            },
            SpcError::PhaseZero { index: 0 },
        ),
        (
            ChartInput {
                freeze: Some(0),
                ..ChartInput::new(Chart::I, v(&[1.0]))
            },
            SpcError::FreezeZero,
        ),
        (
            ChartInput {
                freeze: Some(11),
                rules: RuleSet::Nhs,
                ..ChartInput::new(Chart::I, v(&[1.0]))
            },
            SpcError::NhsFreezeTooSmall { freeze: 11 },
        ),
        (
            ChartInput {
                rules: RuleSet::Nhs,
                ..ChartInput::new(Chart::Run, v(&[1.0]))
            },
            SpcError::NhsChartUnsupported { chart: "run" },
        ),
        (
            ChartInput {
                rules: RuleSet::Nhs,
                ..ChartInput::new(Chart::I, Data::Values(vec![Some(1.0), None]))
            },
            SpcError::NhsMissing { index: 1 },
        ),
        (
            ChartInput::new(Chart::I, Data::Values(vec![None, None])),
            SpcError::NoCentreLine { phase: 1 },
        ),
        (
            ChartInput {
                target: Some(f64::NAN),
                ..ChartInput::new(Chart::I, v(&[1.0]))
            },
            SpcError::TargetNotFinite,
        ),
    ];
    for (i, want) in cases {
        assert_eq!(analyse(&i), Err(want));
    }
}

const CHARTS: [Chart; 10] = [
    Chart::Run,
    Chart::I,
    Chart::Mr,
    Chart::Xbar,
    Chart::S,
    Chart::P,
    Chart::U,
    Chart::C,
    Chart::G,
    Chart::T,
];

/// Valid-looking data of the chart's shape built from arbitrary finite numbers.
fn data_for(chart: Chart, raw: &[f64]) -> Data {
    match chart.data_kind() {
        DataKind::Values => Data::Values(
            raw.iter()
                .map(|v| {
                    Some(if chart == Chart::T {
                        v.abs() + 1e-9
                    } else if matches!(chart, Chart::C | Chart::G) {
                        v.abs()
                    } else {
                        *v
                    })
                })
                .collect(),
        ),
        DataKind::Rates => Data::Rates {
            numerators: raw.iter().map(|v| Some(v.abs())).collect(),
            denominators: raw.iter().map(|v| Some(v.abs() + 1.0)).collect(),
        },
        DataKind::Subgroups => Data::Subgroups(raw.chunks(3).map(<[f64]>::to_vec).collect()),
    }
}

fn assert_sane(a: &Analysis) {
    for p in &a.points {
        assert!(p.cl.is_finite());
        for v in [p.y, p.lcl, p.ucl, p.lcl_2sigma, p.ucl_2sigma]
            .into_iter()
            .flatten()
        {
            assert!(v.is_finite());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_finite_input(
        raw in prop::collection::vec(-1e6f64..1e6, 1..40),
        chart_i in 0usize..10,
        nhs in any::<bool>(),
        freeze in prop::option::of(1usize..30),
        split in prop::option::of(1usize..40),
        improvement_i in 0usize..3,
        target in prop::option::of(-1e6f64..1e6),
    ) {
        let chart = CHARTS[chart_i];
        let data = data_for(chart, &raw);
        let n = data.len();
        let mut i = ChartInput::new(chart, data);
        i.rules = if nhs { RuleSet::Nhs } else { RuleSet::Anhoj };
        i.freeze = freeze;
        i.phases = split.map(|s| (0..n).map(|k| if k < s { 1 } else { 2 }).collect());
        i.improvement = [Improvement::Increase, Improvement::Decrease, Improvement::Neutral][improvement_i];
        i.target = target;
        if let Ok(a) = analyse(&i) {
            prop_assert_eq!(a.points.len(), n);
            assert_sane(&a);
        }
    }

    #[test]
    fn p_chart_data_within_range_always_analyses(
        pairs in prop::collection::vec((0u32..1000, 1u32..1000), 1..40),
    ) {
        let (num, den): (Vec<_>, Vec<_>) = pairs
            .iter()
            .map(|(a, b)| (Some(f64::from(*a.min(b))), Some(f64::from(*b))))
            .unzip();
        let a = analyse(&ChartInput::new(Chart::P, Data::Rates { numerators: num, denominators: den }));
        prop_assert!(a.is_ok());
        assert_sane(&a.unwrap());
    }

    #[test]
    fn non_finite_input_is_rejected(
        raw in prop::collection::vec(-1e6f64..1e6, 1..20),
        at in 0usize..20,
        bad in prop::sample::select(vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY]),
        chart_i in 0usize..10,
    ) {
        let chart = CHARTS[chart_i];
        let mut raw = raw;
        let at = at % raw.len();
        raw[at] = bad;
        let data = match data_for(chart, &raw) {
            Data::Values(mut v) => { v[at] = Some(bad); Data::Values(v) }
            Data::Rates { numerators, mut denominators } => { denominators[at] = Some(bad); Data::Rates { numerators, denominators } }
            Data::Subgroups(mut g) => { g[at / 3][at % 3] = bad; Data::Subgroups(g) }
        };
        let r = analyse(&ChartInput::new(chart, data));
        prop_assert!(matches!(r, Err(SpcError::NotFinite { .. })), "{:?}", r);
    }
}
