//! Tests that reproduce the anchors' numbers for every chart type, each with its source.
//!
//! P, C, U and Xbar: the textbook examples qicharts2 tests itself against
//! (`tests/testthat/test_montgomery.R`, "Control charts from Montgomery"). qicharts2
//! keeps its expected values as binary `.rds` files, so the figures here are the ones
//! Montgomery prints (D. C. Montgomery, *Introduction to Statistical Quality Control*,
//! examples 6.3, 7.1, 7.3, 7.4 and 7.5). The data are the book's tables as the R
//! package qcc ships them in text form (`data/pistonrings.txt`, `orangejuice.txt`,
//! `circuit.txt`, `pcmanufact.txt`, `dyedcloth.txt`). Montgomery rounds the centre
//! line before he computes the limits, so a printed limit can differ from the exact one
//! by one unit in its last digit; centre lines must round to the printed figure.
//!
//! S, MR, G and T: neither anchor publishes these with text data (the qicharts2
//! vignette's `cabg` and `cdi` data ship only as `.rda`). The figures are the output
//! of qicharts2's own `qic.s`, `qic.mr`, `qic.g`, `qic.t` and `runs.analysis`
//! (`R/qic.charts.R`), run unchanged in R 4.2.2 on the inputs below and printed to 15
//! significant digits. The same R run reproduces the vignette's printed I chart
//! (CL 1.057091, aUCL 4.229067, aLCL −2.114884; the first test below), which is the check
//! that the run is faithful.

// R prints 17 significant digits; keep them as printed.
#![allow(clippy::excessive_precision)]

use super::*;

/// Whether `a` is within `units` units of the last printed digit of `b`, printed to
/// `decimals` places (½ for a figure computed directly, 1 for a limit Montgomery
/// computes from a rounded centre line).
fn printed(a: f64, b: f64, decimals: i32, units: f64) -> bool {
    (a - b).abs() <= units * 10f64.powi(-decimals) + 1e-12
}

/// A figure computed directly (a centre line): it rounds to the printed figure.
macro_rules! assert_cl {
    ($a:expr, $b:expr, $decimals:expr) => {{
        let (a, b): (f64, f64) = ($a, $b);
        assert!(
            printed(a, b, $decimals, 0.5),
            "{} = {a}, the source prints {b}",
            stringify!($a)
        );
    }};
}

/// A limit: within one unit of the last printed digit.
macro_rules! assert_limit {
    ($a:expr, $b:expr, $decimals:expr) => {{
        let (a, b): (f64, f64) = ($a, $b);
        assert!(
            printed(a, b, $decimals, 1.0),
            "{} = {a}, the source prints {b}",
            stringify!($a)
        );
    }};
}

/// Agreement with a figure R printed to 15 significant digits.
macro_rules! assert_r {
    ($a:expr, $b:expr) => {{
        let (a, b): (f64, f64) = ($a, $b);
        assert!(
            (a - b).abs() <= 1e-12 * b.abs().max(1.0),
            "{} = {a}, qicharts2 in R gives {b}",
            stringify!($a)
        );
    }};
}

fn values(v: &[f64]) -> Data {
    Data::Values(v.iter().copied().map(Some).collect())
}

fn rates(x: &[f64], n: &[f64]) -> Data {
    Data::Rates {
        numerators: x.iter().copied().map(Some).collect(),
        denominators: n.iter().copied().map(Some).collect(),
    }
}

/// The qicharts2 vignette (`vignettes/qicharts2.Rmd`, "The Anhøj rules"):
/// `set.seed(19); y <- rnorm(24); y[22] <- 4; y[13:24] <- rnorm(12, mean = 2)`, then
/// `summary(qic(y, chart = 'i'))` prints n.useful 24, longest.run 13 (max 8),
/// n.crossings 4 (min 8), runs.signal 1, aLCL -2.114884, aLCL.95 -1.057559,
/// CL 1.057091, aUCL.95 3.171742, aUCL 4.229067, sigma.signal 0. The values are R 4.2's
/// output for that seed.
#[test]
fn qicharts2_vignette_i_chart() {
    let a = analyse(&ChartInput::new(Chart::I, values(&VIGNETTE_Y))).unwrap();
    let p = &a.phases[0];
    assert_cl!(p.cl, 1.057091, 6);
    assert_cl!(a.points[0].lcl.unwrap(), -2.114884, 6);
    assert_cl!(a.points[0].lcl_2sigma.unwrap(), -1.057559, 6);
    assert_cl!(a.points[0].ucl_2sigma.unwrap(), 3.171742, 6);
    assert_cl!(a.points[0].ucl.unwrap(), 4.229067, 6);
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

/// qcc `orangejuice`: nonconforming cans in samples of 50, samples 1–30 before and
/// 31–54 after the machine adjustment.
const ORANGE_JUICE: [f64; 54] = [
    12., 15., 8., 10., 4., 7., 16., 9., 14., 10., 5., 6., 17., 12., 22., 8., 10., 5., 13., 11.,
    20., 18., 24., 15., 9., 12., 7., 13., 9., 6., 9., 6., 12., 5., 6., 4., 6., 3., 7., 6., 2., 4.,
    3., 6., 5., 4., 8., 5., 6., 7., 5., 6., 3., 5.,
];

/// Example 7.1: trial limits from the first 30 samples: p̄ = 0.2313, UCL = 0.4102,
/// LCL = 0.0524. Samples 15 and 23 are above the UCL.
#[test]
fn montgomery_7_1_p_chart_trial_limits() {
    let x = &ORANGE_JUICE[..30];
    let a = analyse(&ChartInput::new(Chart::P, rates(x, &[50.0; 30]))).unwrap();
    assert_cl!(a.phases[0].cl, 0.2313, 4);
    assert_limit!(a.points[0].ucl.unwrap(), 0.4102, 4);
    assert_limit!(a.points[0].lcl.unwrap(), 0.0524, 4);
    let above: Vec<usize> = a
        .points
        .iter()
        .filter(|p| p.rule == Some(SignalRule::OutsideLimits))
        .map(|p| p.index + 1)
        .collect();
    assert_eq!(above, [15, 23]);
}

/// Example 7.1 as qicharts2's test runs it (`exclude = c(15, 23), part = 30`): revised
/// limits without samples 15 and 23, p̄ = 0.2150, UCL = 0.3893, LCL = 0.0407; then the
/// new process after the adjustment, p̄ = 0.1108, UCL = 0.2440, LCL = 0 (Montgomery's
/// "new control limits" for samples 31–54).
#[test]
fn montgomery_7_1_p_chart_revised_and_second_phase() {
    let mut input = ChartInput::new(Chart::P, rates(&ORANGE_JUICE, &[50.0; 54]));
    input.exclude = (1..=54).map(|i| i == 15 || i == 23).collect();
    input.phases = Some((1..=54).map(|i| if i <= 30 { 1 } else { 2 }).collect());
    let a = analyse(&input).unwrap();
    assert_cl!(a.phases[0].cl, 0.2150, 4);
    assert_limit!(a.points[0].ucl.unwrap(), 0.3893, 4);
    assert_limit!(a.points[0].lcl.unwrap(), 0.0407, 4);
    assert_cl!(a.phases[1].cl, 0.1108, 4);
    assert_limit!(a.points[30].ucl.unwrap(), 0.2440, 4);
    assert_eq!(a.points[30].lcl, Some(0.0));
    assert!(a.points[14].excluded && a.points[22].excluded);
}

/// qcc `circuit`: nonconformities per 100 printed circuit boards, samples 1–26 trial.
const CIRCUIT: [f64; 26] = [
    21., 24., 16., 12., 15., 5., 28., 20., 31., 25., 20., 24., 16., 19., 10., 17., 13., 22., 18.,
    39., 30., 24., 16., 19., 17., 15.,
];

/// Example 7.3: c̄ = 19.85, UCL = 33.22, LCL = 6.48, with samples 6 and 20 outside;
/// revised without them (qicharts2: `exclude = c(6, 20)`): c̄ = 19.67, UCL = 32.97,
/// LCL = 6.36.
#[test]
fn montgomery_7_3_c_chart() {
    let values = Data::Values(CIRCUIT.iter().copied().map(Some).collect());
    let a = analyse(&ChartInput::new(Chart::C, values.clone())).unwrap();
    assert_cl!(a.phases[0].cl, 19.85, 2);
    assert_limit!(a.points[0].ucl.unwrap(), 33.22, 2);
    assert_limit!(a.points[0].lcl.unwrap(), 6.48, 2);
    let outside: Vec<usize> = a
        .points
        .iter()
        .filter(|p| p.rule == Some(SignalRule::OutsideLimits))
        .map(|p| p.index + 1)
        .collect();
    assert_eq!(outside, [6, 20]);

    let mut input = ChartInput::new(Chart::C, values);
    input.exclude = (1..=26).map(|i| i == 6 || i == 20).collect();
    let a = analyse(&input).unwrap();
    assert_cl!(a.phases[0].cl, 19.67, 2);
    assert_limit!(a.points[0].ucl.unwrap(), 32.97, 2);
    assert_limit!(a.points[0].lcl.unwrap(), 6.36, 2);
}

/// qcc `pcmanufact`: nonconformities in samples of 5 personal computers.
const PC_MANUFACTURE: [f64; 20] = [
    10., 12., 8., 14., 10., 16., 11., 7., 10., 15., 9., 5., 7., 11., 12., 6., 8., 10., 7., 5.,
];

/// Example 7.4: ū = 1.93 nonconformities per computer, UCL = 3.79, LCL = 0.07; the
/// process is in control.
#[test]
fn montgomery_7_4_u_chart() {
    let a = analyse(&ChartInput::new(
        Chart::U,
        rates(&PC_MANUFACTURE, &[5.0; 20]),
    ))
    .unwrap();
    assert_cl!(a.phases[0].cl, 1.93, 2);
    assert_limit!(a.points[0].ucl.unwrap(), 3.79, 2);
    assert_limit!(a.points[0].lcl.unwrap(), 0.07, 2);
    assert!(a
        .points
        .iter()
        .all(|p| p.rule != Some(SignalRule::OutsideLimits)));
}

/// Example 7.5 (qcc `dyedcloth`): nonconformities in rolls of dyed cloth, the size in
/// inspection units of 50 m². ū = 153 / 107.5 = 1.42, and the limits step with each
/// roll's size (Montgomery's table: n = 10: 0.29–2.55; n = 8: 0.16–2.68; n = 13:
/// 0.43–2.41; n = 9.5: 0.26–2.58; n = 12: 0.39–2.45; n = 10.5: 0.32–2.52; n = 12.5:
/// 0.41–2.43). qicharts2's test gives the size in square metres with `multiply = 50`,
/// the same chart.
#[test]
fn montgomery_7_5_u_chart_with_varying_sizes() {
    let x = [14., 12., 20., 11., 7., 10., 21., 16., 19., 23.];
    let n = [10., 8., 13., 10., 9.5, 10., 12., 10.5, 12., 12.5];
    let a = analyse(&ChartInput::new(Chart::U, rates(&x, &n))).unwrap();
    assert_cl!(a.phases[0].cl, 1.42, 2);
    let published = [
        (10.0, 0.29, 2.55),
        (8.0, 0.16, 2.68),
        (13.0, 0.43, 2.41),
        (9.5, 0.26, 2.58),
        (12.0, 0.39, 2.45),
        (10.5, 0.32, 2.52),
        (12.5, 0.41, 2.43),
    ];
    for (size, lcl, ucl) in published {
        let i = n.iter().position(|&v| v == size).unwrap();
        assert_limit!(a.points[i].lcl.unwrap(), lcl, 2);
        assert_limit!(a.points[i].ucl.unwrap(), ucl, 2);
    }
    assert!(a.points.iter().all(|p| !p.signal));
}

/// qcc `pistonrings`, samples 1–25 (the trial samples): inside diameters of forged
/// piston rings, 5 per sample, in mm.
const PISTON_RINGS: [[f64; 5]; 25] = [
    [74.030, 74.002, 74.019, 73.992, 74.008],
    [73.995, 73.992, 74.001, 74.011, 74.004],
    [73.988, 74.024, 74.021, 74.005, 74.002],
    [74.002, 73.996, 73.993, 74.015, 74.009],
    [73.992, 74.007, 74.015, 73.989, 74.014],
    [74.009, 73.994, 73.997, 73.985, 73.993],
    [73.995, 74.006, 73.994, 74.000, 74.005],
    [73.985, 74.003, 73.993, 74.015, 73.988],
    [74.008, 73.995, 74.009, 74.005, 74.004],
    [73.998, 74.000, 73.990, 74.007, 73.995],
    [73.994, 73.998, 73.994, 73.995, 73.990],
    [74.004, 74.000, 74.007, 74.000, 73.996],
    [73.983, 74.002, 73.998, 73.997, 74.012],
    [74.006, 73.967, 73.994, 74.000, 73.984],
    [74.012, 74.014, 73.998, 73.999, 74.007],
    [74.000, 73.984, 74.005, 73.998, 73.996],
    [73.994, 74.012, 73.986, 74.005, 74.007],
    [74.006, 74.010, 74.018, 74.003, 74.000],
    [73.984, 74.002, 74.003, 74.005, 73.997],
    [74.000, 74.010, 74.013, 74.020, 74.003],
    [73.988, 74.001, 74.009, 74.005, 73.996],
    [74.004, 73.999, 73.990, 74.006, 74.009],
    [74.010, 73.989, 73.990, 74.009, 74.014],
    [74.015, 74.008, 73.993, 74.000, 74.010],
    [73.982, 73.984, 73.995, 74.017, 74.013],
];

fn piston_rings() -> Data {
    Data::Subgroups(PISTON_RINGS.iter().map(|s| s.to_vec()).collect())
}

/// Example 6.3: x̿ = 74.001; the x̄ chart has UCL = 74.014 and LCL = 73.988
/// (A3 = 1.427) and is in control.
#[test]
fn montgomery_6_3_xbar_chart() {
    let a = analyse(&ChartInput::new(Chart::Xbar, piston_rings())).unwrap();
    assert_cl!(a.phases[0].cl, 74.001, 3);
    assert_limit!(a.points[0].ucl.unwrap(), 74.014, 3);
    assert_limit!(a.points[0].lcl.unwrap(), 73.988, 3);
    assert!(a
        .points
        .iter()
        .all(|p| p.rule != Some(SignalRule::OutsideLimits)));
}

/// The S chart of the same samples, as qicharts2's `qic.s` computes it for equal
/// subgroup sizes: s̄ = mean of the subgroup SDs = 0.00924003660228554, UCL = B4·s̄ =
/// 0.0193024167682403 with the exact B4(5) (qicharts2's tabulated 2.089 gives
/// 0.0193024364621745), LCL = 0. In control.
#[test]
fn piston_rings_s_chart_as_qicharts2() {
    let a = analyse(&ChartInput::new(Chart::S, piston_rings())).unwrap();
    assert_r!(a.phases[0].cl, 0.00924003660228554);
    assert_r!(a.points[0].ucl.unwrap(), 0.0193024167682403);
    assert_eq!(a.points[0].lcl, Some(0.0));
    assert!(a
        .points
        .iter()
        .all(|p| p.rule != Some(SignalRule::OutsideLimits)));
}

/// Asserts a phase's runs analysis: n useful, longest run and its limit, crossings and
/// their limit, as `runs.analysis` returns them.
fn assert_runs(p: &PhaseAnalysis, expected: [usize; 5]) {
    let r = &p.runs;
    let got = [
        r.n_useful,
        r.longest_run.unwrap_or(0),
        r.longest_run_max.unwrap_or(0),
        r.crossings.unwrap_or(0),
        r.crossings_min.unwrap_or(0),
    ];
    assert_eq!(got, expected, "[n_useful, longest, max, crossings, min]");
}

/// MR chart of the qicharts2 vignette's I-chart data (`set.seed(19)`, see
/// [`VIGNETTE_Y`]): `qic.mr` gives CL 1.1926628224739, UCL 3.89642944102225, LCL 0, and
/// runs 23 useful, longest 5 (max 8), 10 crossings (min 7). The CL is also what the
/// vignette's printed I chart implies: (4.229067 − 1.057091) × 1.128 / 3.
#[test]
fn vignette_data_mr_chart_as_qicharts2() {
    let a = analyse(&ChartInput::new(Chart::Mr, values(&VIGNETTE_Y))).unwrap();
    assert_r!(a.phases[0].cl, 1.1926628224739);
    assert_r!(a.points[1].ucl.unwrap(), 3.89642944102225);
    assert_eq!(a.points[1].lcl, Some(0.0));
    assert_eq!(a.points[0].y, None);
    assert_runs(&a.phases[0], [23, 5, 8, 10, 7]);
}

/// The vignette's `y` (`set.seed(19); y <- rnorm(24); y[22] <- 4;
/// y[13:24] <- rnorm(12, mean = 2)` in R 4.2).
const VIGNETTE_Y: [f64; 24] = [
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

/// G chart of 24 counts of opportunities between events: `qic.g` gives CL (the
/// median) 14.5, UCL 82.3152220414308 from the mean, LCL 0; runs 24 useful, longest 2
/// (max 8), 15 crossings (min 8).
#[test]
fn g_chart_as_qicharts2() {
    let g = [
        19., 43., 4., 9., 37., 11., 2., 26., 61., 8., 15., 5., 33., 21., 0., 12., 47., 6., 14.,
        29., 3., 18., 52., 10.,
    ];
    let a = analyse(&ChartInput::new(Chart::G, values(&g))).unwrap();
    assert_r!(a.phases[0].cl, 14.5);
    assert_r!(a.points[0].ucl.unwrap(), 82.3152220414308);
    assert_eq!(a.points[0].lcl, Some(0.0));
    assert_runs(&a.phases[0], [24, 2, 8, 15, 8]);
    assert!(a.points.iter().all(|p| !p.signal));
}

/// T chart of 20 times between failures: `qic.t` (an I chart of y^(1/3.6), screened,
/// back-transformed) gives CL 430.040951789758, UCL 6937.93348816658, LCL 0 (the
/// transformed LCL is negative); runs 20 useful, longest 5 (max 7), 10 crossings
/// (min 6).
#[test]
fn t_chart_as_qicharts2() {
    let t = [
        286., 948., 536., 124., 816., 729., 4., 143., 431., 8., 2837., 596., 81., 227., 603., 492.,
        1199., 1214., 2831., 96.,
    ];
    let a = analyse(&ChartInput::new(Chart::T, values(&t))).unwrap();
    assert_r!(a.phases[0].cl, 430.040951789758);
    assert_r!(a.points[0].ucl.unwrap(), 6937.93348816658);
    assert_eq!(a.points[0].lcl, Some(0.0));
    assert_runs(&a.phases[0], [20, 5, 7, 10, 6]);
}
