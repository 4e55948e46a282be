//! Tests of [`analyse`]: numbers published by the anchors, then table tests of the
//! conventions, then property tests.
// R prints 17 significant digits; keep them as printed.
#![allow(clippy::excessive_precision)]

use super::*;
#[allow(unused_imports)]
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

/// The qicharts2 vignette (`vignettes/qicharts2.Rmd`, "The Anhøj rules"):
/// `set.seed(19); y <- rnorm(24); y[22] <- 4; y[13:24] <- rnorm(12, mean = 2)`, then
/// `summary(qic(y, chart = 'i'))` prints n.useful 24, longest.run 13 (max 8),
/// n.crossings 4 (min 8), runs.signal 1, aLCL -2.114884, aLCL.95 -1.057559,
/// CL 1.057091, aUCL.95 3.171742, aUCL 4.229067, sigma.signal 0. The values are R 4.2's
/// output for that seed.
#[test]
fn qicharts2_vignette_i_chart() {
    let y = [
        -1.18945374525972269,
        0.38858122963255254,
        -0.34433334921072467,
        -0.54789613841829499,
        0.98066221575019152,
        -0.23664600727285190,
        0.80973970434771492,
        -0.74477952866404118,
        -0.25978701312709895,
        -0.18308383041021475,
        0.51862998761290513,
        0.88346510072031359,
        1.00128475258218907,
        2.53482999228741113,
        1.87623204831409418,
        4.11930330792709576,
        0.48652412607601336,
        2.25519487062243851,
        3.50474143843065544,
        1.60991952529911631,
        2.57935817012672519,
        2.21035583968694027,
        2.94404277553313198,
        0.17330676638891696,
    ];
    let a = analyse(&ChartInput::new(Chart::I, values(&y))).unwrap();
    let p = &a.phases[0];
    assert_close!(p.cl, 1.057091, 1e-6);
    assert_close!(a.points[0].lcl.unwrap(), -2.114884, 1e-6);
    assert_close!(a.points[0].lcl_2sigma.unwrap(), -1.057559, 1e-6);
    assert_close!(a.points[0].ucl_2sigma.unwrap(), 3.171742, 1e-6);
    assert_close!(a.points[0].ucl.unwrap(), 4.229067, 1e-6);
    assert_eq!(p.runs.n_useful, 24);
    assert_eq!(p.runs.longest_run, Some(13));
    assert_eq!(p.runs.longest_run_max, Some(8));
    assert_eq!(p.runs.crossings, Some(4));
    assert_eq!(p.runs.crossings_min, Some(8));
    assert!(p.runs.signal);
    assert!(a
        .points
        .iter()
        .all(|p| p.rule != Some(SignalRule::OutsideLimits)));
    // qisite's per-point view: the 13 points of the long run are flagged.
    assert_eq!(a.points.iter().filter(|p| p.signal).count(), 13);
}
