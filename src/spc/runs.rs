//! The Anhøj runs analysis: unusually long runs and unusually few crossings of the
//! centre line (qicharts2 `runs.analysis` and `crsignal(method = "anhoej")`; Anhøj &
//! Olesen 2014, Anhøj 2015). Pure: slices in, numbers out.

use serde::Serialize;

/// The runs analysis of one phase around its centre line.
///
/// Source: qicharts2 `runs.analysis`. When no observation is useful the statistics are
/// `None` (R gives `NA`) and there is no signal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RunsAnalysis {
    /// Observations not on the centre line (and not missing or excluded).
    pub n_useful: usize,
    pub longest_run: Option<usize>,
    /// A run longer than this is a signal: `round(log2(n_useful)) + 3`.
    pub longest_run_max: Option<usize>,
    pub crossings: Option<usize>,
    /// Fewer crossings than this is a signal: `qbinom(0.05, n_useful - 1, 0.5)`.
    pub crossings_min: Option<usize>,
    /// `longest_run > longest_run_max OR crossings < crossings_min`.
    pub signal: bool,
}

/// The upper limit for the longest run among `n` useful observations:
/// `round(log2(n)) + 3` (qicharts2 `runs.analysis`, after Schilling 2012). `n ≥ 1`.
pub fn longest_run_max(n: usize) -> usize {
    // log2 of an integer is never exactly .5 past an integer, so R's round-half-even
    // and Rust's round-half-away agree.
    ((n.max(1) as f64).log2().round() as usize) + 3
}

/// The lower limit for the number of crossings among `n` useful observations:
/// `qbinom(0.05, n - 1, 0.5)`, the smallest `k` with `P(X ≤ k) ≥ 0.05` for
/// `X ~ Bin(n - 1, 1/2)` (qicharts2 `runs.analysis`, after Chen 2010).
///
/// Summed in log space, so it neither overflows nor underflows for any `n`; the
/// rounding error (about 1e-10 relative for n = 3000) is far below the closest approach
/// of the cumulative probability to 0.05 (4.8e-7, spc-conventions.md §2).
pub fn crossings_min(n: usize) -> usize {
    let m = n.saturating_sub(1);
    let target = 0.05f64.ln();
    // log P(X = 0) = -m ln 2; each next term multiplies by (m - i) / (i + 1).
    let mut log_pmf = -(m as f64) * std::f64::consts::LN_2;
    let mut log_cdf = log_pmf;
    let mut k = 0;
    while log_cdf < target && k < m {
        log_pmf += ((m - k) as f64).ln() - ((k + 1) as f64).ln();
        // log(e^a + e^b) with b ≥ a: below the median each term is the largest so far.
        let (hi, lo) = if log_pmf >= log_cdf {
            (log_pmf, log_cdf)
        } else {
            (log_cdf, log_pmf)
        };
        log_cdf = hi + (lo - hi).exp().ln_1p();
        k += 1;
    }
    k
}

/// Runs analysis of `y` around `cl`, skipping `None` (missing or excluded points).
/// Points exactly on the centre line neither break nor add to a run.
///
/// Source: qicharts2 `runs.analysis` (`sign(y - cl)`, zeros dropped, `rle`) and
/// `crsignal(method = "anhoej")`.
pub fn analyse(y: &[Option<f64>], cl: f64) -> RunsAnalysis {
    let lengths = run_lengths(y, cl);
    let n_useful: usize = lengths.iter().map(|r| r.len).sum();
    if n_useful == 0 {
        return RunsAnalysis {
            n_useful,
            longest_run: None,
            longest_run_max: None,
            crossings: None,
            crossings_min: None,
            signal: false,
        };
    }
    let longest = lengths.iter().map(|r| r.len).max().unwrap_or(0);
    let crossings = lengths.len().saturating_sub(1);
    let lmax = longest_run_max(n_useful);
    let cmin = crossings_min(n_useful);
    RunsAnalysis {
        n_useful,
        longest_run: Some(longest),
        longest_run_max: Some(lmax),
        crossings: Some(crossings),
        crossings_min: Some(cmin),
        signal: longest > lmax || crossings < cmin,
    }
}

/// One run: its side of the centre line, its length in useful observations, and the
/// indices (into the input slice) of those observations.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub above: bool,
    pub len: usize,
    pub indices: Vec<usize>,
}

/// The runs of useful observations in `y` around `cl`, in order.
pub fn run_lengths(y: &[Option<f64>], cl: f64) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (i, v) in y.iter().enumerate() {
        let Some(v) = v else { continue };
        if *v == cl || v.is_nan() {
            continue;
        }
        let above = *v > cl;
        match runs.last_mut() {
            Some(r) if r.above == above => {
                r.len += 1;
                r.indices.push(i);
            }
            _ => runs.push(Run {
                above,
                len: 1,
                indices: vec![i],
            }),
        }
    }
    runs
}

/// Marks the points (indices into `y`) that belong to a run longer than the limit.
/// qisite's own per-point view of the Anhøj long-run signal (spc-conventions.md §1).
pub fn in_long_run(y: &[Option<f64>], cl: f64) -> Vec<bool> {
    let mut flags = vec![false; y.len()];
    let runs = run_lengths(y, cl);
    let n_useful: usize = runs.iter().map(|r| r.len).sum();
    if n_useful == 0 {
        return flags;
    }
    let lmax = longest_run_max(n_useful);
    for r in runs.iter().filter(|r| r.len > lmax) {
        for &i in &r.indices {
            if let Some(f) = flags.get_mut(i) {
                *f = true;
            }
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Critical values for n = 10…100 from the qicharts2 vignette, Appendix 2
    /// ("Critical values for longest run and number of crossings",
    /// anhoej/qicharts2 vignettes/qicharts2.Rmd, as rendered).
    const VIGNETTE_CROSSINGS: [usize; 91] = [
        2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 10, 10, 11, 11, 11, 12, 12, 13,
        13, 14, 14, 14, 15, 15, 16, 16, 17, 17, 17, 18, 18, 19, 19, 20, 20, 21, 21, 21, 22, 22, 23,
        23, 24, 24, 25, 25, 25, 26, 26, 27, 27, 28, 28, 29, 29, 29, 30, 30, 31, 31, 32, 32, 33, 33,
        34, 34, 34, 35, 35, 36, 36, 37, 37, 38, 38, 39, 39, 39, 40, 40, 41, 41,
    ];

    fn vignette_longest_run(n: usize) -> usize {
        match n {
            10..=11 => 6,
            12..=22 => 7,
            23..=45 => 8,
            46..=90 => 9,
            _ => 10,
        }
    }

    #[test]
    fn thresholds_match_the_qicharts2_vignette_table() {
        for n in 10..=100 {
            assert_eq!(
                crossings_min(n),
                VIGNETTE_CROSSINGS[n - 10],
                "crossings, n = {n}"
            );
            assert_eq!(
                longest_run_max(n),
                vignette_longest_run(n),
                "longest run, n = {n}"
            );
        }
    }

    #[test]
    fn thresholds_for_small_and_large_n() {
        // (n, qbinom(0.05, n - 1, 0.5), round(log2(n)) + 3), as R 4.2 computes them.
        let table = [
            (1, 0, 3),
            (2, 0, 4),
            (5, 0, 5),
            (6, 1, 6),
            (9, 2, 6),
            (1000, 474, 13),
            (3000, 1454, 15),
            (100_000, 49739, 20),
        ];
        for (n, c, l) in table {
            assert_eq!(crossings_min(n), c, "n = {n}");
            assert_eq!(longest_run_max(n), l, "n = {n}");
        }
    }

    #[test]
    fn points_on_the_centre_line_are_skipped() {
        // (values, cl, n_useful, longest_run, crossings)
        let table: [(&[f64], f64, usize, usize, usize); 4] = [
            (&[1.0, 2.0, 3.0, 4.0, 5.0], 3.0, 4, 2, 1),
            (&[1.0, 3.0, 1.0, 3.0, 5.0], 3.0, 3, 2, 1),
            (&[5.0, 3.0, 1.0], 3.0, 2, 1, 1),
            (&[1.0, 5.0, 1.0, 5.0], 3.0, 4, 1, 3),
        ];
        for (values, cl, useful, longest, crossings) in table {
            let y: Vec<_> = values.iter().copied().map(Some).collect();
            let r = analyse(&y, cl);
            assert_eq!(r.n_useful, useful, "{values:?}");
            assert_eq!(r.longest_run, Some(longest), "{values:?}");
            assert_eq!(r.crossings, Some(crossings), "{values:?}");
        }
    }

    #[test]
    fn no_useful_observations_gives_no_statistics_and_no_signal() {
        let r = analyse(&[Some(2.0), None, Some(2.0)], 2.0);
        assert_eq!(r.n_useful, 0);
        assert_eq!(r.longest_run, None);
        assert_eq!(r.crossings_min, None);
        assert!(!r.signal);
    }

    #[test]
    fn signals_a_long_run_and_too_few_crossings() {
        // n = 12: the longest run may be 7; 8 below then 4 above is a signal
        // (8 > 7) and has 1 crossing (< 3).
        let mut y = vec![Some(1.0); 8];
        y.extend(vec![Some(9.0); 4]);
        let r = analyse(&y, 5.0);
        assert_eq!(r.longest_run, Some(8));
        assert_eq!(r.longest_run_max, Some(7));
        assert!(r.signal);
        let flags = in_long_run(&y, 5.0);
        assert_eq!(flags.iter().filter(|f| **f).count(), 8);
        // Exactly at the limit is not a signal: 7 + 5 alternating around 5.
        let mut y = vec![Some(1.0); 7];
        y.extend([9.0, 1.0, 9.0, 1.0, 9.0].map(Some));
        let r = analyse(&y, 5.0);
        assert_eq!((r.longest_run, r.crossings), (Some(7), Some(5)));
        assert!(!r.signal);
        assert!(in_long_run(&y, 5.0).iter().all(|f| !f));
    }

    #[test]
    fn missing_values_are_skipped_not_breaking_runs() {
        let y = [Some(1.0), None, Some(1.0), Some(9.0)];
        let r = analyse(&y, 5.0);
        assert_eq!(
            (r.n_useful, r.longest_run, r.crossings),
            (3, Some(2), Some(1))
        );
    }
}
