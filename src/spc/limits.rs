//! Centre lines and limits of one phase, chart by chart, as qicharts2 computes them
//! (`qic.run`, `qic.i`, `qic.mr`, `qic.xbar`, `qic.s`, `qic.p`, `qic.u`, `qic.c`,
//! `qic.g`, `qic.t` in `R/helper.functions.R`), and the Making Data Count XmR limits
//! (NHSRplotthedots `ptd_spc_standard`). Pure: slices in, numbers out.
//!
//! `base[i]` says whether point `i` of the phase sets the centre line and limits (a
//! baseline point that is not excluded). Every limit that is NaN or infinite becomes
//! `None` (qicharts2 `qic.agg`: "Remove control lines from missing subgroups").

/// The plotted values and lines of one phase.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhaseLimits {
    /// The centre line (NaN when the baseline has no values; the caller rejects that).
    pub cl: f64,
    /// The phase's sigma when it is one number (I, T on the transformed scale, C, G,
    /// and the NHS XmR chart); `None` when it varies by point or is undefined.
    pub sigma: Option<f64>,
    /// The plotted statistic per point.
    pub y: Vec<Option<f64>>,
    /// The value compared with the lines: `y` itself, except on a T chart, where it is
    /// the back-transformed `(y^(1/3.6))^3.6` (qicharts2 `qic.t`).
    pub y_cmp: Vec<Option<f64>>,
    pub lcl: Vec<Option<f64>>,
    pub ucl: Vec<Option<f64>>,
    /// The 2-sigma lines (qicharts2 `lcl.95`, `ucl.95`; NHSRplotthedots `nlpl`, `nupl`).
    pub lcl2: Vec<Option<f64>>,
    pub ucl2: Vec<Option<f64>>,
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// R `mean(x, na.rm = TRUE)`: NaN when nothing is left.
pub fn mean(values: impl IntoIterator<Item = f64>) -> f64 {
    let (sum, n) = values
        .into_iter()
        .filter(|v| !v.is_nan())
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        f64::NAN
    } else {
        sum / n as f64
    }
}

/// R `median(x, na.rm = TRUE)`: the mean of the two middle values for an even count.
pub fn median(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.into_iter().filter(|v| !v.is_nan()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    }
}

/// R `sd`: the sample standard deviation (n − 1 divisor); NaN for fewer than 2 values.
pub fn sd(values: &[f64]) -> f64 {
    if values.len() < 2 {
        return f64::NAN;
    }
    let m = mean(values.iter().copied());
    let ss: f64 = values.iter().map(|v| (v - m) * (v - m)).sum();
    (ss / (values.len() - 1) as f64).sqrt()
}

/// Values of points in the baseline, as f64 with missing values as NaN.
fn base_values<'a>(y: &'a [Option<f64>], base: &'a [bool]) -> impl Iterator<Item = f64> + 'a {
    y.iter()
        .zip(base)
        .filter(|(_, b)| **b)
        .map(|(v, _)| v.unwrap_or(f64::NAN))
}

/// Lines of the same width at every point: `cl ± k·sigma`, unclamped.
fn constant_lines(y: &[Option<f64>], cl: f64, sigma: f64) -> PhaseLimits {
    let n = y.len();
    PhaseLimits {
        cl,
        sigma: finite(sigma),
        y: y.to_vec(),
        y_cmp: y.to_vec(),
        lcl: vec![finite(cl - 3.0 * sigma); n],
        ucl: vec![finite(cl + 3.0 * sigma); n],
        lcl2: vec![finite(cl - 2.0 * sigma); n],
        ucl2: vec![finite(cl + 2.0 * sigma); n],
    }
}

/// Run chart: the median of the baseline, no limits (qicharts2 `qic.run`).
pub fn run(y: &[Option<f64>], base: &[bool]) -> PhaseLimits {
    let n = y.len();
    PhaseLimits {
        cl: median(base_values(y, base)),
        sigma: None,
        y: y.to_vec(),
        y_cmp: y.to_vec(),
        lcl: vec![None; n],
        ucl: vec![None; n],
        lcl2: vec![None; n],
        ucl2: vec![None; n],
    }
}

/// The average moving range of consecutive baseline values, optionally screened:
/// moving ranges ≥ 3.267·AMR are dropped and the average taken again (Nelson 1982;
/// qicharts2 `qic.i` with `qic.screenedmr = TRUE`, its default when attached). A
/// missing value gives a missing moving range. Excluded points are bridged, as in
/// qicharts2's `diff(x$y[base] - x$cl[base])`.
pub fn average_moving_range(y: &[Option<f64>], base: &[bool], cl: f64, screen: bool) -> f64 {
    let seq: Vec<f64> = base_values(y, base).map(|v| v - cl).collect();
    let mr: Vec<f64> = seq.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    let amr = mean(mr.iter().copied());
    if !screen {
        return amr;
    }
    let ulmr = 3.267 * amr;
    mean(mr.iter().copied().filter(|m| *m < ulmr))
}

/// I chart: mean of the baseline, sigma = AMR / 1.128, limits `cl ± 3·sigma`, not
/// clamped (qicharts2 `qic.i`, Montgomery 6.33).
pub fn individuals(y: &[Option<f64>], base: &[bool], screen: bool) -> PhaseLimits {
    let cl = mean(base_values(y, base));
    let sigma = average_moving_range(y, base, cl, screen) / 1.128;
    constant_lines(y, cl, sigma)
}

/// MR chart: `|y_i − y_{i−1}|` within the phase (missing for the first point), centre
/// line the mean moving range of the baseline points, `lcl = 0`, `ucl = 3.267·cl`, no
/// screening (qicharts2 `qic.mr`).
pub fn moving_range(y: &[Option<f64>], base: &[bool]) -> PhaseLimits {
    let n = y.len();
    let mr: Vec<Option<f64>> = (0..n)
        .map(|i| match (i.checked_sub(1).and_then(|p| y[p]), y[i]) {
            (Some(a), Some(b)) => Some((b - a).abs()),
            _ => None,
        })
        .collect();
    let cl = mean(base_values(&mr, base));
    PhaseLimits {
        cl,
        sigma: None,
        y: mr.clone(),
        y_cmp: mr,
        lcl: vec![finite(0.0 * cl); n],
        ucl: vec![finite(3.267 * cl); n],
        lcl2: vec![finite(0.0 * cl); n],
        ucl2: vec![finite((3.267 / 3.0) * 2.0 * cl); n],
    }
}

/// The bias-correction constant c4(n) = sqrt(2/(n−1)) · Γ(n/2) / Γ((n−1)/2); NaN for
/// n ≤ 1 (qicharts2 `c4`, exact rather than tabulated).
///
/// The gamma ratio is built by the recurrence r(n+2) = r(n) · n/(n−1) from
/// r(2) = 1/√π and r(3) = √π/2, so no special function (and no dependency) is needed;
/// for n > 1000 the asymptotic series 1 − 1/(4n) − 7/(32n²) − 19/(128n³) is used.
pub fn c4(n: usize) -> f64 {
    if n <= 1 {
        return f64::NAN;
    }
    if n > 1000 {
        let x = n as f64;
        return 1.0 - 1.0 / (4.0 * x) - 7.0 / (32.0 * x * x) - 19.0 / (128.0 * x * x * x);
    }
    let sqrt_pi = std::f64::consts::PI.sqrt();
    let (mut k, mut r) = if n.is_multiple_of(2) {
        (2usize, 1.0 / sqrt_pi)
    } else {
        (3usize, sqrt_pi / 2.0)
    };
    while k < n {
        r *= k as f64 / (k as f64 - 1.0);
        k += 2;
    }
    (2.0 / (n as f64 - 1.0)).sqrt() * r
}

/// A3(n) = k / (c4(n)·√n) for k-sigma lines (qicharts2 `a3`).
pub fn a3(n: usize, k: f64) -> f64 {
    k / (c4(n) * (n as f64).sqrt())
}

/// B3(n) = max(0, 1 − k·c5/c4) with c5 = sqrt(1 − c4²) (qicharts2 `b3`, `c5`).
pub fn b3(n: usize, k: f64) -> f64 {
    let c = c4(n);
    let v = 1.0 - k * (1.0 - c * c).sqrt() / c;
    if v.is_nan() {
        v
    } else {
        v.max(0.0)
    }
}

/// B4(n) = 1 + k·c5/c4 (qicharts2 `b4`).
pub fn b4(n: usize, k: f64) -> f64 {
    let c = c4(n);
    1.0 + k * (1.0 - c * c).sqrt() / c
}

/// The pooled or averaged subgroup standard deviation over the baseline, shared by the
/// Xbar and S charts (qicharts2 `qic.xbar`, `qic.s`; Montgomery 6.29 and 6.31).
/// `var_n` (more than one distinct subgroup size in the phase, counting every subgroup)
/// selects the pooled form `sqrt(Σ(n_i−1)s_i² / Σ(n_i−1))`.
///
/// qicharts2 sums `n_i − 1` for empty subgroups too (subtracting 1); qisite leaves
/// empty subgroups out of the pooled sum.
fn s_bar(groups: &[Vec<f64>], base: &[bool]) -> f64 {
    let sizes: std::collections::BTreeSet<usize> = groups.iter().map(Vec::len).collect();
    let var_n = sizes.len() > 1;
    let in_base = groups
        .iter()
        .zip(base)
        .filter(|(g, b)| **b && !g.is_empty());
    if var_n {
        let (num, den) = in_base.fold((0.0, 0.0), |(num, den), (g, _)| {
            let s = sd(g);
            let w = g.len() as f64 - 1.0;
            (if s.is_nan() { num } else { num + w * s * s }, den + w)
        });
        (num / den).sqrt()
    } else {
        mean(in_base.map(|(g, _)| sd(g)))
    }
}

/// Xbar chart: subgroup means, centre `Σ n_i·x̄_i / Σ n_i` over the baseline, limits
/// `cl ± A3(n_i)·s̄` (qicharts2 `qic.xbar`). No limits where `n_i ≤ 1`.
pub fn xbar(groups: &[Vec<f64>], base: &[bool]) -> PhaseLimits {
    let y: Vec<Option<f64>> = groups
        .iter()
        .map(|g| finite(mean(g.iter().copied())))
        .collect();
    let (num, den) = groups
        .iter()
        .zip(base)
        .filter(|(g, b)| **b && !g.is_empty())
        .fold((0.0, 0.0), |(num, den), (g, _)| {
            (num + g.iter().sum::<f64>(), den + g.len() as f64)
        });
    let cl = num / den;
    let s = s_bar(groups, base);
    let line = |k: f64, sign: f64| -> Vec<Option<f64>> {
        groups
            .iter()
            .map(|g| finite(cl + sign * a3(g.len(), k) * s))
            .collect()
    };
    PhaseLimits {
        cl,
        sigma: None,
        y_cmp: y.clone(),
        y,
        lcl: line(3.0, -1.0),
        ucl: line(3.0, 1.0),
        lcl2: line(2.0, -1.0),
        ucl2: line(2.0, 1.0),
    }
}

/// S chart: subgroup standard deviations (missing when `n_i < 2`), centre `s̄`,
/// `lcl = B3(n_i)·cl`, `ucl = B4(n_i)·cl` (qicharts2 `qic.s`).
pub fn stdev(groups: &[Vec<f64>], base: &[bool]) -> PhaseLimits {
    let y: Vec<Option<f64>> = groups.iter().map(|g| finite(sd(g))).collect();
    let cl = s_bar(groups, base);
    let line = |f: fn(usize, f64) -> f64, k: f64| -> Vec<Option<f64>> {
        groups.iter().map(|g| finite(f(g.len(), k) * cl)).collect()
    };
    PhaseLimits {
        cl,
        sigma: None,
        y_cmp: y.clone(),
        y,
        lcl: line(b3, 3.0),
        ucl: line(b4, 3.0),
        lcl2: line(b3, 2.0),
        ucl2: line(b4, 2.0),
    }
}

/// Shared by the P and U charts: `y_i/n_i`, centre `Σy / Σn` over the baseline (points
/// with both parts present), and `sigma_i` from `sigma_of(cl, n_i)`.
fn ratio_chart(
    num: &[Option<f64>],
    den: &[Option<f64>],
    base: &[bool],
    sigma_of: fn(f64, f64) -> f64,
    clamp_upper_at_one: bool,
) -> PhaseLimits {
    let pairs: Vec<Option<(f64, f64)>> = num.iter().zip(den).map(|(a, b)| a.zip(*b)).collect();
    let y: Vec<Option<f64>> = pairs
        .iter()
        .map(|p| p.and_then(|(a, b)| finite(a / b)))
        .collect();
    let (sy, sn) = pairs
        .iter()
        .zip(base)
        .filter(|(_, b)| **b)
        .filter_map(|(p, _)| *p)
        .fold((0.0, 0.0), |(sy, sn), (a, b)| (sy + a, sn + b));
    let cl = sy / sn;
    let line = |k: f64| -> Vec<Option<f64>> {
        den.iter()
            .map(|n| {
                let n = (*n)?;
                let mut v = cl + k * sigma_of(cl, n);
                if k < 0.0 && v < 0.0 {
                    v = 0.0;
                }
                if k > 0.0 && clamp_upper_at_one && v > 1.0 {
                    v = 1.0;
                }
                finite(v)
            })
            .collect()
    };
    PhaseLimits {
        cl,
        sigma: None,
        y_cmp: y.clone(),
        y,
        lcl: line(-3.0),
        ucl: line(3.0),
        lcl2: line(-2.0),
        ucl2: line(2.0),
    }
}

/// P chart: `sigma_i = sqrt(p̄(1−p̄)/n_i)`, upper limits clamped at 1 and lower at 0
/// (qicharts2 `qic.p`).
pub fn proportion(num: &[Option<f64>], den: &[Option<f64>], base: &[bool]) -> PhaseLimits {
    ratio_chart(num, den, base, |p, n| (p * (1.0 - p) / n).sqrt(), true)
}

/// U chart: `sigma_i = sqrt(ū/n_i)`, lower limits clamped at 0 (qicharts2 `qic.u`,
/// Montgomery 7.19).
pub fn rate(num: &[Option<f64>], den: &[Option<f64>], base: &[bool]) -> PhaseLimits {
    ratio_chart(num, den, base, |u, n| (u / n).sqrt(), false)
}

/// C chart: mean count, `sigma = sqrt(cl)`, lower limits clamped at 0 (qicharts2
/// `qic.c`, Montgomery 7.17).
pub fn count(y: &[Option<f64>], base: &[bool]) -> PhaseLimits {
    let cl = mean(base_values(y, base));
    let mut l = constant_lines(y, cl, cl.sqrt());
    clamp_lower(&mut l);
    l
}

fn clamp_lower(l: &mut PhaseLimits) {
    for v in l.lcl.iter_mut().chain(l.lcl2.iter_mut()).flatten() {
        if *v < 0.0 {
            *v = 0.0;
        }
    }
}

/// G chart: centre line the **median** of the baseline; limits from the mean `m`:
/// `sigma = sqrt(m(m+1))`, lower limits clamped at 0 (qicharts2 `qic.g`, Montgomery
/// p. 319; the median keeps the Anhøj rules valid on skewed counts).
pub fn opportunities(y: &[Option<f64>], base: &[bool]) -> PhaseLimits {
    let m = mean(base_values(y, base));
    let mut l = constant_lines(y, m, (m * (m + 1.0)).sqrt());
    clamp_lower(&mut l);
    l.cl = median(base_values(y, base));
    l
}

/// T chart: an I chart (with screening) on `y^(1/3.6)`, lines back-transformed with
/// `^3.6`; a lower limit below zero on the transformed scale becomes 0, and a lower
/// 2-sigma line there becomes missing (qicharts2 `qic.t`; Provost & Murray 2011).
pub fn time_between(y: &[Option<f64>], base: &[bool], screen: bool) -> PhaseLimits {
    let t: Vec<Option<f64>> = y.iter().map(|v| v.map(|v| v.powf(1.0 / 3.6))).collect();
    let i = individuals(&t, base, screen);
    // R gives NaN for a negative base raised to 3.6, which becomes a missing line.
    let back = |v: Option<f64>| v.and_then(|v| finite(v.powf(3.6)));
    PhaseLimits {
        cl: i.cl.powf(3.6),
        sigma: i.sigma,
        y: y.to_vec(),
        y_cmp: t.iter().map(|v| back(*v)).collect(),
        lcl: i
            .lcl
            .iter()
            .map(|v| v.map(|v| if v < 0.0 { 0.0 } else { v.powf(3.6) }))
            .collect(),
        ucl: i.ucl.iter().map(|v| back(*v)).collect(),
        lcl2: i.lcl2.iter().map(|v| back(*v)).collect(),
        ucl2: i.ucl2.iter().map(|v| back(*v)).collect(),
    }
}

/// The Making Data Count XmR chart: mean of the baseline (`fix_y`), moving ranges of
/// consecutive baseline values (`MR_1 = NA`, a missing or non-baseline value gives a
/// missing moving range), screened when `screen` (MR ≥ 3.267·AMR dropped), process
/// limits `mean ± 2.66·AMR` and near limits `mean ± (2·2.66/3)·AMR`
/// (NHSRplotthedots `ptd_spc_standard`; the 2.66 constant, not 3/1.128).
pub fn xmr_nhs(y: &[Option<f64>], base: &[bool], screen: bool) -> PhaseLimits {
    let fix: Vec<Option<f64>> = y
        .iter()
        .zip(base)
        .map(|(v, b)| if *b { *v } else { None })
        .collect();
    let cl = mean(fix.iter().map(|v| v.unwrap_or(f64::NAN)));
    let mr: Vec<f64> = fix
        .windows(2)
        .map(|w| match (w[0], w[1]) {
            (Some(a), Some(b)) => (b - a).abs(),
            _ => f64::NAN,
        })
        .collect();
    let mut amr = mean(mr.iter().copied());
    if screen {
        let ul = 3.267 * amr;
        amr = mean(mr.iter().copied().filter(|m| *m < ul));
    }
    let limit = 2.66;
    let close = 2.0 * (limit / 3.0);
    let n = y.len();
    PhaseLimits {
        cl,
        sigma: finite(limit / 3.0 * amr),
        y: y.to_vec(),
        y_cmp: y.to_vec(),
        lcl: vec![finite(cl - limit * amr); n],
        ucl: vec![finite(cl + limit * amr); n],
        lcl2: vec![finite(cl - close * amr); n],
        ucl2: vec![finite(cl + close * amr); n],
    }
}

#[cfg(test)]
mod tests;
