//! Table tests of each chart's centre line and limits, computed by hand from the
//! qicharts2 formulas (spc-conventions.md §3).

use super::*;

fn some(v: &[f64]) -> Vec<Option<f64>> {
    v.iter().copied().map(Some).collect()
}

fn all(n: usize) -> Vec<bool> {
    vec![true; n]
}

fn near(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() <= 1e-6 * b.abs().max(1.0))
}

#[test]
fn c4_and_the_factors_match_the_tables() {
    // c4, B3, B4 from the standard tables (Montgomery, Appendix VI).
    let table = [
        (2, 0.7979, 0.0, 3.267),
        (5, 0.9400, 0.0, 2.089),
        (10, 0.9727, 0.284, 1.716),
        (25, 0.9896, 0.565, 1.435),
    ];
    for (n, c, lo, hi) in table {
        assert!((c4(n) - c).abs() < 5e-5, "c4({n}) = {}", c4(n));
        assert!((b3(n, 3.0) - lo).abs() < 5e-4, "B3({n}) = {}", b3(n, 3.0));
        assert!((b4(n, 3.0) - hi).abs() < 5e-4, "B4({n}) = {}", b4(n, 3.0));
    }
    assert!(c4(1).is_nan() && c4(0).is_nan());
    // The asymptotic series takes over smoothly.
    assert!((c4(1000) - c4(1001)).abs() < 1e-6);
    assert!((a3(3, 3.0) - 1.954).abs() < 5e-4);
}

#[test]
fn mean_median_sd_ignore_missing_values() {
    assert_eq!(median([1.0, 3.0, 2.0, 4.0]), 2.5);
    assert_eq!(median([3.0, f64::NAN, 1.0, 2.0]), 2.0);
    assert!(median([]).is_nan());
    assert_eq!(mean([1.0, f64::NAN, 3.0]), 2.0);
    assert!(mean([]).is_nan());
    assert_eq!(sd(&[1.0, 2.0, 3.0]), 1.0);
    assert!(sd(&[1.0]).is_nan());
}

#[test]
fn run_chart_median_of_the_baseline() {
    let y = some(&[1.0, 3.0, 2.0, 4.0]);
    assert_eq!(run(&y, &all(4)).cl, 2.5);
    assert_eq!(run(&y, &[true, true, true, false]).cl, 2.0);
    assert!(run(&y, &all(4)).ucl.iter().all(Option::is_none));
}

#[test]
fn individuals_chart_table() {
    // (values, screen, cl, sigma)
    let table: [(&[f64], bool, f64, f64); 3] = [
        (&[1.0, 3.0, 2.0, 4.0], true, 2.5, (5.0 / 3.0) / 1.128),
        // the moving range 10 is ≥ 3.267 × 2.8 and is screened out
        (&[0.0, 1.0, 0.0, 1.0, 0.0, 10.0], true, 2.0, 1.0 / 1.128),
        (&[0.0, 1.0, 0.0, 1.0, 0.0, 10.0], false, 2.0, 2.8 / 1.128),
    ];
    for (y, screen, cl, sigma) in table {
        let l = individuals(&some(y), &all(y.len()), screen);
        assert!((l.cl - cl).abs() < 1e-12, "{y:?}");
        assert!(near(l.ucl[0], cl + 3.0 * sigma), "{y:?}: {:?}", l.ucl[0]);
        assert!(near(l.lcl[0], cl - 3.0 * sigma), "{y:?}");
        assert!(near(l.ucl2[0], cl + 2.0 * sigma), "{y:?}");
    }
    // A constant baseline: every moving range is 0, none is < 3.267 × 0, so screening
    // leaves none and there are no limits (qicharts2 and NHSRplotthedots alike).
    let l = individuals(&some(&[5.0, 5.0, 5.0]), &all(3), true);
    assert_eq!(l.cl, 5.0);
    assert_eq!(l.ucl[0], None);
    // A missing value gives missing moving ranges, not a bridged one.
    let l = individuals(&[Some(1.0), None, Some(9.0), Some(10.0)], &all(4), false);
    assert!(near(l.sigma, 1.0 / 1.128));
}

#[test]
fn moving_range_chart() {
    let l = moving_range(&some(&[1.0, 3.0, 2.0, 4.0]), &all(4));
    assert_eq!(l.y, vec![None, Some(2.0), Some(1.0), Some(2.0)]);
    assert!((l.cl - 5.0 / 3.0).abs() < 1e-12);
    assert!(near(l.ucl[0], 3.267 * 5.0 / 3.0));
    assert_eq!(l.lcl[0], Some(0.0));
}

#[test]
fn count_charts_table() {
    // C: cl 2, sigma √2; the lower lines are clamped at 0.
    let l = count(&some(&[1.0, 2.0, 3.0]), &all(3));
    assert_eq!(l.cl, 2.0);
    assert!(near(l.ucl[0], 2.0 + 3.0 * 2f64.sqrt()));
    assert_eq!((l.lcl[0], l.lcl2[0]), (Some(0.0), Some(0.0)));
    // G: median centre line, limits from the mean 4: sigma √20.
    let l = opportunities(&some(&[1.0, 2.0, 3.0, 10.0]), &all(4));
    assert_eq!(l.cl, 2.5);
    assert!(near(l.ucl[0], 4.0 + 3.0 * 20f64.sqrt()));
    assert_eq!(l.lcl[0], Some(0.0));
}

#[test]
fn ratio_charts_table() {
    // U: ubar = 6/30; sigma_i = sqrt(0.2/n_i); lower limit clamped at 0.
    let l = rate(&some(&[2.0, 4.0]), &some(&[10.0, 20.0]), &all(2));
    assert!((l.cl - 0.2).abs() < 1e-12);
    assert!(near(l.ucl[0], 0.2 + 3.0 * (0.02f64).sqrt()));
    assert!(near(l.ucl[1], 0.2 + 3.0 * (0.01f64).sqrt()));
    assert_eq!(l.lcl[0], Some(0.0));
    assert_eq!(l.y, vec![Some(0.2), Some(0.2)]);
    // P: pbar 0.5, sigma = sqrt(0.025).
    let l = proportion(&some(&[1.0, 9.0]), &some(&[10.0, 10.0]), &all(2));
    assert!(near(l.ucl[0], 0.5 + 3.0 * 0.025f64.sqrt()));
    assert!(near(l.lcl[0], 0.5 - 3.0 * 0.025f64.sqrt()));
    // P: the upper limit is clamped at 1.
    let l = proportion(&some(&[9.0, 9.0]), &some(&[10.0, 10.0]), &all(2));
    assert_eq!(l.ucl[0], Some(1.0));
    // A point missing its denominator is missing and has no limits.
    let l = rate(&[Some(2.0), Some(3.0)], &[Some(10.0), None], &all(2));
    assert_eq!((l.y[1], l.ucl[1]), (None, None));
    assert!((l.cl - 0.2).abs() < 1e-12);
}

#[test]
fn subgroup_charts_table() {
    // Constant n = 3: s̄ = mean(s) = 1, A3(3) = 3 / (c4(3)·√3).
    let g = vec![vec![1.0, 2.0, 3.0], vec![2.0, 3.0, 4.0]];
    let l = xbar(&g, &all(2));
    assert_eq!(l.y, vec![Some(2.0), Some(3.0)]);
    assert_eq!(l.cl, 2.5);
    assert!(near(l.ucl[0], 2.5 + a3(3, 3.0)));
    let s = stdev(&g, &all(2));
    assert_eq!(s.cl, 1.0);
    assert!(near(s.ucl[0], b4(3, 3.0)));
    assert_eq!(s.lcl[0], Some(0.0));
    // Varying n: pooled s̄ = sqrt((2·1 + 4·2.5) / 6) = √2, and the weighted centre.
    let g = vec![vec![1.0, 2.0, 3.0], vec![1.0, 2.0, 3.0, 4.0, 5.0]];
    let s = stdev(&g, &all(2));
    assert!((s.cl - 2f64.sqrt()).abs() < 1e-12);
    let x = xbar(&g, &all(2));
    assert!((x.cl - 21.0 / 8.0).abs() < 1e-12);
    // A subgroup of one has a mean but no limits and no SD.
    let g = vec![vec![1.0, 2.0, 3.0], vec![5.0]];
    let x = xbar(&g, &all(2));
    assert_eq!((x.y[1], x.ucl[1]), (Some(5.0), None));
    assert_eq!(stdev(&g, &all(2)).y[1], None);
}

#[test]
fn t_chart_back_transforms_the_i_chart() {
    let y = [1.0, 8.0, 27.0, 4.0, 2.0];
    let l = time_between(&some(&y), &all(5), true);
    let t: Vec<f64> = y.iter().map(|v| v.powf(1.0 / 3.6)).collect();
    let i = individuals(&some(&t), &all(5), true);
    assert!((l.cl - i.cl.powf(3.6)).abs() < 1e-9);
    assert!(near(l.ucl[0], i.ucl[0].unwrap().powf(3.6)));
    // The original values are plotted.
    assert_eq!(l.y[2], Some(27.0));
    // A negative transformed lower limit becomes 0; a negative 2-sigma line is missing.
    let i_lcl = i.lcl[0].unwrap();
    if i_lcl < 0.0 {
        assert_eq!(l.lcl[0], Some(0.0));
    }
    if i.lcl2[0].unwrap() < 0.0 {
        assert_eq!(l.lcl2[0], None);
    }
}

#[test]
fn nhs_xmr_uses_2_66_and_near_lines() {
    let y = some(&[1.0, 3.0, 2.0, 4.0]);
    let l = xmr_nhs(&y, &all(4), true);
    let amr = 5.0 / 3.0;
    assert!(near(l.ucl[0], 2.5 + 2.66 * amr));
    assert!(near(l.ucl2[0], 2.5 + 2.0 * 2.66 / 3.0 * amr));
    // A frozen baseline: only the first two values count.
    let l = xmr_nhs(&y, &[true, true, false, false], true);
    assert_eq!(l.cl, 2.0);
    assert!(near(l.ucl[0], 2.0 + 2.66 * 2.0));
}
