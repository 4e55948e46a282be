//! Statistical process control: run charts and Shewhart control charts (run, I, MR,
//! Xbar, S, P, U, C, G, T) with phases and frozen baselines, the Anhøj runs rules
//! (qicharts2) and the Making Data Count rules and icons (NHSRplotthedots).
//!
//! Pure statistics: no I/O, no clock, no plotting, and nothing else of qisite's. The
//! formulas and conventions are those of `spc-conventions.md`, each read from the
//! anchors' source; every rule's doc comment names where it comes from.
//!
//! Call [`analyse`] with a [`ChartInput`]; it returns an [`Analysis`] or an
//! [`SpcError`]. Nothing here panics on any finite input; NaN, infinite and empty
//! input are errors.

pub mod limits;
pub mod nhs;
pub mod runs;
pub mod summary;

use serde::Serialize;

pub use nhs::NhsRule;
pub use runs::RunsAnalysis;

/// Limits computed from fewer baseline points than this are trial limits (a common
/// rule of thumb; NHSRplotthedots warns below 12 and requires `fix_after_n_points ≥ 12`).
pub const DEFAULT_MIN_POINTS: usize = 12;

/// The smallest baseline NHSRplotthedots accepts (`ptd_spc_options`:
/// `fix_after_n_points >= 12`).
pub const NHS_MIN_FREEZE: usize = 12;

/// The kind of chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Chart {
    Run,
    I,
    Mr,
    Xbar,
    S,
    P,
    U,
    C,
    G,
    T,
}

impl Chart {
    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Chart::Run => "run",
            Chart::I => "i",
            Chart::Mr => "mr",
            Chart::Xbar => "xbar",
            Chart::S => "s",
            Chart::P => "p",
            Chart::U => "u",
            Chart::C => "c",
            Chart::G => "g",
            Chart::T => "t",
        }
    }

    /// The shape of [`Data`] this chart takes.
    pub fn data_kind(self) -> DataKind {
        match self {
            Chart::P | Chart::U => DataKind::Rates,
            Chart::Xbar | Chart::S => DataKind::Subgroups,
            _ => DataKind::Values,
        }
    }
}

/// The rule set that finds special causes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSet {
    /// qicharts2: 3-sigma limits and the Anhøj runs rules.
    #[default]
    Anhoj,
    /// NHS England's Making Data Count, as NHSRplotthedots implements it.
    Nhs,
}

/// Which direction is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Improvement {
    /// The NHSRplotthedots default.
    #[default]
    Increase,
    Decrease,
    Neutral,
}

/// Which side of the centre line (or which way a trend runs) a special cause lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    High,
    Low,
}

/// The class of a point, and the variation icon (the class of the last point).
/// Names as in section 0 of spc-conventions.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variation {
    CommonCause,
    SpecialCauseImprovement,
    SpecialCauseConcern,
    /// A special cause when the improvement direction is neutral
    /// (NHSRplotthedots `special_cause_neutral_high/low`).
    SpecialCauseNeither,
}

impl Variation {
    /// The class of a special cause on `side`, oriented by `improvement`
    /// (NHSRplotthedots `ptd_point_type`).
    pub fn of_special_cause(side: Side, improvement: Improvement) -> Variation {
        match (improvement, side) {
            (Improvement::Neutral, _) => Variation::SpecialCauseNeither,
            (Improvement::Increase, Side::High) | (Improvement::Decrease, Side::Low) => {
                Variation::SpecialCauseImprovement
            }
            _ => Variation::SpecialCauseConcern,
        }
    }
}

/// The assurance icon: does the process meet the target reliably?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Assurance {
    /// The target is consistently met (the limits lie on its good side).
    Pass,
    /// The target is consistently not met.
    Fail,
    /// The target lies between the limits: met and not met at random.
    HitAndMiss,
}

/// Which rule marked a point as a signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalRule {
    /// Beyond a 3-sigma limit (both rule sets).
    OutsideLimits,
    /// In a run longer than the Anhøj limit (`anhoj` rules).
    LongRun,
    /// Making Data Count: 7-point trend.
    Trend,
    /// Making Data Count: two of three close to a limit.
    TwoInThree,
    /// Making Data Count: 7 points on one side of the mean.
    Shift,
}

impl From<NhsRule> for SignalRule {
    fn from(r: NhsRule) -> Self {
        match r {
            NhsRule::OutsideLimits => SignalRule::OutsideLimits,
            NhsRule::Trend => SignalRule::Trend,
            NhsRule::TwoInThree => SignalRule::TwoInThree,
            NhsRule::Shift => SignalRule::Shift,
        }
    }
}

/// The shape of a chart's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataKind {
    Values,
    Rates,
    Subgroups,
}

/// A chart's data. `None` is a missing value.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    /// One value per point: run, I, MR, C, G and T charts.
    Values(Vec<Option<f64>>),
    /// A numerator and a denominator per point: P and U charts. A point missing either
    /// part is a missing point.
    Rates {
        numerators: Vec<Option<f64>>,
        denominators: Vec<Option<f64>>,
    },
    /// The observations of each subgroup (missing ones left out): Xbar and S charts.
    /// An empty subgroup is a missing point.
    Subgroups(Vec<Vec<f64>>),
}

impl Data {
    /// The number of points (subgroups for Xbar and S).
    pub fn len(&self) -> usize {
        match self {
            Data::Values(v) => v.len(),
            Data::Rates { numerators, .. } => numerators.len(),
            Data::Subgroups(g) => g.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn kind(&self) -> DataKind {
        match self {
            Data::Values(_) => DataKind::Values,
            Data::Rates { .. } => DataKind::Rates,
            Data::Subgroups(_) => DataKind::Subgroups,
        }
    }

    /// Whether point `i` has a value.
    fn present(&self, i: usize) -> bool {
        match self {
            Data::Values(v) => v.get(i).copied().flatten().is_some(),
            Data::Rates {
                numerators,
                denominators,
            } => {
                numerators.get(i).copied().flatten().is_some()
                    && denominators.get(i).copied().flatten().is_some()
            }
            Data::Subgroups(g) => g.get(i).is_some_and(|g| !g.is_empty()),
        }
    }
}

/// Everything [`analyse`] needs.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartInput {
    pub chart: Chart,
    pub data: Data,
    /// The phase number (≥ 1, non-decreasing) of each point; `None` puts every point
    /// in phase 1. Under `anhoj` rules, giving phases switches `freeze` off
    /// (qicharts2 `qic`: "Ignored if part argument is given").
    pub phases: Option<Vec<u32>>,
    /// Points left out of the centre line, limits and runs analysis but still shown
    /// (qicharts2 `exclude`). Empty means none.
    pub exclude: Vec<bool>,
    /// The number of leading points (per phase under `nhs` rules) that set the centre
    /// line and limits.
    pub freeze: Option<usize>,
    pub rules: RuleSet,
    /// Used to class special causes and for the assurance icon.
    pub improvement: Improvement,
    pub target: Option<f64>,
    /// Below this many baseline points, limits are trial limits.
    pub min_points: usize,
    /// Screen moving ranges on I and T charts (qicharts2 `qic.screenedmr`,
    /// NHSRplotthedots `screen_outliers`; both default to true).
    pub screen_moving_ranges: bool,
}

impl ChartInput {
    /// An input with the defaults: one phase, no exclusions, no freeze, `anhoj` rules,
    /// improvement upwards, no target, 12 points for firm limits, screening on.
    pub fn new(chart: Chart, data: Data) -> Self {
        ChartInput {
            chart,
            data,
            phases: None,
            exclude: Vec::new(),
            freeze: None,
            rules: RuleSet::Anhoj,
            improvement: Improvement::Increase,
            target: None,
            min_points: DEFAULT_MIN_POINTS,
            screen_moving_ranges: true,
        }
    }
}

/// One point of an analysed chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    /// 0-based position (subgroup for Xbar and S).
    pub index: usize,
    /// The plotted statistic; `None` when missing.
    pub y: Option<f64>,
    pub cl: f64,
    pub lcl: Option<f64>,
    pub ucl: Option<f64>,
    /// The 2-sigma lines (qicharts2 `lcl.95`/`ucl.95`; the NHS "near" limits on I
    /// charts under `nhs` rules).
    pub lcl_2sigma: Option<f64>,
    pub ucl_2sigma: Option<f64>,
    pub phase: u32,
    /// Whether the point is in its phase's baseline (before any freeze).
    pub baseline: bool,
    pub excluded: bool,
    pub signal: bool,
    /// The rule that made it a signal, by precedence.
    pub rule: Option<SignalRule>,
    /// Which side of the centre line the signal lies (or the trend's direction).
    pub side: Option<Side>,
    pub class: Variation,
}

/// One phase of an analysed chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhaseAnalysis {
    pub phase: u32,
    /// 0-based, inclusive.
    pub start: usize,
    pub end: usize,
    pub cl: f64,
    /// See [`limits::PhaseLimits::sigma`].
    pub sigma: Option<f64>,
    /// Points with a value that set the centre line and limits.
    pub n_baseline: usize,
    /// Fewer baseline points than `min_points`.
    pub trial_limits: bool,
    /// The baseline stops before the end of the phase.
    pub frozen: bool,
    pub runs: RunsAnalysis,
    /// `nhs` rules only: the class of the phase's last point.
    pub variation: Option<Variation>,
    /// `nhs` rules only: the target against the limits of the phase's last point.
    pub assurance: Option<Assurance>,
}

/// The result of [`analyse`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    pub chart: Chart,
    pub rules: RuleSet,
    pub improvement: Improvement,
    pub target: Option<f64>,
    pub points: Vec<Point>,
    pub phases: Vec<PhaseAnalysis>,
    /// `nhs` rules only: the class of the last point (NHSRplotthedots `ptd_get_icons`).
    pub variation: Option<Variation>,
    /// `nhs` rules only (NHSRplotthedots `ptd_calculate_assurance_type`).
    pub assurance: Option<Assurance>,
}

/// Why an input cannot be analysed. `index` is a 0-based point (subgroup) position.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SpcError {
    #[error("there are no data points")]
    Empty,
    #[error("point {index}: {what} is not a finite number")]
    NotFinite { index: usize, what: &'static str },
    #[error("a {chart} chart takes {expected}")]
    WrongData {
        chart: &'static str,
        expected: &'static str,
    },
    #[error("{what} has {found} entries but there are {expected} points")]
    LengthMismatch {
        what: &'static str,
        expected: usize,
        found: usize,
    },
    #[error("point {index}: the denominator {value} must be greater than zero")]
    DenominatorNotPositive { index: usize, value: f64 },
    #[error("point {index}: the numerator {value} is negative")]
    NegativeNumerator { index: usize, value: f64 },
    #[error(
        "point {index}: the numerator {numerator} is greater than the denominator {denominator}"
    )]
    NumeratorOverDenominator {
        index: usize,
        numerator: f64,
        denominator: f64,
    },
    #[error("point {index}: time between events must be greater than zero (found {value})")]
    NotPositive { index: usize, value: f64 },
    #[error("point {index}: a count cannot be negative (found {value})")]
    Negative { index: usize, value: f64 },
    #[error("point {index}: phase numbers start at 1 (found 0)")]
    PhaseZero { index: usize },
    #[error("point {index}: phase {phase} comes after phase {previous}; phases must not go back")]
    PhaseDecreasing {
        index: usize,
        phase: u32,
        previous: u32,
    },
    #[error("the baseline (`freeze`) must be at least 1 point")]
    FreezeZero,
    #[error("under `nhs` rules the baseline (`freeze`) must be at least {NHS_MIN_FREEZE} points (found {freeze})")]
    NhsFreezeTooSmall { freeze: usize },
    #[error("`nhs` rules are not defined for {chart} charts")]
    NhsChartUnsupported { chart: &'static str },
    #[error("point {index} has no value; `nhs` rules need a complete series")]
    NhsMissing { index: usize },
    #[error("the target is not a finite number")]
    TargetNotFinite,
    #[error("phase {phase} has no values in its baseline to compute a centre line from")]
    NoCentreLine { phase: u32 },
}

impl SpcError {
    /// The point the error is about, if any.
    pub fn index(&self) -> Option<usize> {
        match self {
            SpcError::NotFinite { index, .. }
            | SpcError::DenominatorNotPositive { index, .. }
            | SpcError::NegativeNumerator { index, .. }
            | SpcError::NumeratorOverDenominator { index, .. }
            | SpcError::NotPositive { index, .. }
            | SpcError::Negative { index, .. }
            | SpcError::PhaseZero { index }
            | SpcError::PhaseDecreasing { index, .. }
            | SpcError::NhsMissing { index } => Some(*index),
            _ => None,
        }
    }
}

/// Checks the input against spc-conventions.md §1 "Errors" and returns the number of
/// points.
fn validate(input: &ChartInput) -> Result<usize, SpcError> {
    let chart = input.chart;
    let n = input.data.len();
    if n == 0 {
        return Err(SpcError::Empty);
    }
    if input.data.kind() != chart.data_kind() {
        return Err(SpcError::WrongData {
            chart: chart.name(),
            expected: match chart.data_kind() {
                DataKind::Values => "one value per point",
                DataKind::Rates => "numerators and denominators",
                DataKind::Subgroups => "subgroups of observations",
            },
        });
    }
    let check = |index: usize, v: f64, what: &'static str| {
        if v.is_finite() {
            Ok(())
        } else {
            Err(SpcError::NotFinite { index, what })
        }
    };
    match &input.data {
        Data::Values(values) => {
            for (index, v) in values.iter().enumerate() {
                let Some(v) = *v else { continue };
                check(index, v, "the value")?;
                match chart {
                    Chart::T if v <= 0.0 => return Err(SpcError::NotPositive { index, value: v }),
                    Chart::C | Chart::G if v < 0.0 => {
                        return Err(SpcError::Negative { index, value: v })
                    }
                    _ => {}
                }
            }
        }
        Data::Rates {
            numerators,
            denominators,
        } => {
            if denominators.len() != n {
                return Err(SpcError::LengthMismatch {
                    what: "the denominators",
                    expected: n,
                    found: denominators.len(),
                });
            }
            for (index, (a, b)) in numerators.iter().zip(denominators).enumerate() {
                if let Some(a) = *a {
                    check(index, a, "the numerator")?;
                    if a < 0.0 {
                        return Err(SpcError::NegativeNumerator { index, value: a });
                    }
                }
                if let Some(b) = *b {
                    check(index, b, "the denominator")?;
                    if b <= 0.0 {
                        return Err(SpcError::DenominatorNotPositive { index, value: b });
                    }
                }
                if let (Some(a), Some(b)) = (*a, *b) {
                    if chart == Chart::P && a > b {
                        return Err(SpcError::NumeratorOverDenominator {
                            index,
                            numerator: a,
                            denominator: b,
                        });
                    }
                }
            }
        }
        Data::Subgroups(groups) => {
            for (index, g) in groups.iter().enumerate() {
                for v in g {
                    check(index, *v, "an observation")?;
                }
            }
        }
    }
    if let Some(phases) = &input.phases {
        if phases.len() != n {
            return Err(SpcError::LengthMismatch {
                what: "the phase list",
                expected: n,
                found: phases.len(),
            });
        }
        for (index, p) in phases.iter().enumerate() {
            if *p == 0 {
                return Err(SpcError::PhaseZero { index });
            }
            if let Some(prev) = index.checked_sub(1).map(|i| phases[i]) {
                if *p < prev {
                    return Err(SpcError::PhaseDecreasing {
                        index,
                        phase: *p,
                        previous: prev,
                    });
                }
            }
        }
    }
    if !input.exclude.is_empty() && input.exclude.len() != n {
        return Err(SpcError::LengthMismatch {
            what: "the exclude list",
            expected: n,
            found: input.exclude.len(),
        });
    }
    if input.target.is_some_and(|t| !t.is_finite()) {
        return Err(SpcError::TargetNotFinite);
    }
    match input.freeze {
        Some(0) => return Err(SpcError::FreezeZero),
        Some(f) if input.rules == RuleSet::Nhs && f < NHS_MIN_FREEZE => {
            return Err(SpcError::NhsFreezeTooSmall { freeze: f })
        }
        _ => {}
    }
    if input.rules == RuleSet::Nhs {
        if matches!(chart, Chart::Run | Chart::Mr) {
            return Err(SpcError::NhsChartUnsupported {
                chart: chart.name(),
            });
        }
        if let Some(index) = (0..n).find(|i| !input.data.present(*i)) {
            return Err(SpcError::NhsMissing { index });
        }
    }
    Ok(n)
}

/// Contiguous phases: (phase number, first index, last index).
fn phase_ranges(phases: &[u32]) -> Vec<(u32, usize, usize)> {
    let mut out: Vec<(u32, usize, usize)> = Vec::new();
    for (i, p) in phases.iter().enumerate() {
        match out.last_mut() {
            Some(last) if last.0 == *p => last.2 = i,
            _ => out.push((*p, i, i)),
        }
    }
    out
}

/// The lines of one phase of `chart` over points `start..=end`.
fn phase_limits(
    input: &ChartInput,
    start: usize,
    end: usize,
    base: &[bool],
) -> limits::PhaseLimits {
    let screen = input.screen_moving_ranges;
    let r = start..end + 1;
    match &input.data {
        Data::Values(v) => {
            let y = &v[r];
            match input.chart {
                Chart::Run => limits::run(y, base),
                Chart::I if input.rules == RuleSet::Nhs => limits::xmr_nhs(y, base, screen),
                Chart::I => limits::individuals(y, base, screen),
                Chart::Mr => limits::moving_range(y, base),
                Chart::C => limits::count(y, base),
                Chart::G => limits::opportunities(y, base),
                _ => limits::time_between(y, base, screen),
            }
        }
        Data::Rates {
            numerators,
            denominators,
        } => {
            let (a, b) = (&numerators[r.clone()], &denominators[r]);
            if input.chart == Chart::P {
                limits::proportion(a, b, base)
            } else {
                limits::rate(a, b, base)
            }
        }
        Data::Subgroups(g) => {
            if input.chart == Chart::Xbar {
                limits::xbar(&g[r], base)
            } else {
                limits::stdev(&g[r], base)
            }
        }
    }
}

/// Analyses a chart: centre lines and limits per phase, the runs analysis, the signals
/// of the chosen rule set, and (under `nhs` rules) the variation and assurance icons.
///
/// Sources: qicharts2 `qic.agg` (phases, limits, sigma signals, runs analysis) and
/// NHSRplotthedots `ptd_spc` (Making Data Count); spc-conventions.md gives the details.
pub fn analyse(input: &ChartInput) -> Result<Analysis, SpcError> {
    let n = validate(input)?;
    let phase_of = input.phases.clone().unwrap_or_else(|| vec![1; n]);
    let excluded = |i: usize| input.exclude.get(i).copied().unwrap_or(false);
    let mut points = Vec::with_capacity(n);
    let mut phases = Vec::new();
    for (phase, start, end) in phase_ranges(&phase_of) {
        let len = end - start + 1;
        // qicharts2: `baseline = xx <= freeze` over the whole series, ignored with parts;
        // NHSRplotthedots: the first `fix_after_n_points` rows of each rebase group.
        let baseline: Vec<bool> = (0..len)
            .map(|k| match (input.rules, input.freeze) {
                (_, None) => true,
                (RuleSet::Anhoj, Some(_)) if input.phases.is_some() => true,
                (RuleSet::Anhoj, Some(f)) => start + k < f,
                (RuleSet::Nhs, Some(f)) => k < f,
            })
            .collect();
        let base: Vec<bool> = (0..len)
            .map(|k| baseline[k] && !excluded(start + k))
            .collect();
        let lim = phase_limits(input, start, end, &base);
        if !lim.cl.is_finite() {
            return Err(SpcError::NoCentreLine { phase });
        }
        let cl = lim.cl;
        let runs_y: Vec<Option<f64>> = (0..len)
            .map(|k| {
                if excluded(start + k) {
                    None
                } else {
                    lim.y_cmp[k]
                }
            })
            .collect();
        let mut runs = runs::analyse(&runs_y, cl);
        let mut long_run = vec![false; len];
        if input.chart == Chart::Mr {
            // qicharts2 `qic.agg`: runs analysis is ignored on MR charts.
            runs.signal = false;
        } else if input.rules == RuleSet::Anhoj {
            long_run = runs::in_long_run(&runs_y, cl);
        }
        let nhs_labels = if input.rules == RuleSet::Nhs {
            let mut y = Vec::with_capacity(len);
            for (k, v) in lim.y_cmp.iter().enumerate() {
                y.push(v.ok_or(SpcError::NhsMissing { index: start + k })?);
            }
            nhs::special_causes(
                &y,
                nhs::Lines {
                    cl,
                    lcl: &lim.lcl,
                    ucl: &lim.ucl,
                    lcl2: &lim.lcl2,
                    ucl2: &lim.ucl2,
                },
            )
        } else {
            vec![None; len]
        };
        for k in 0..len {
            let y = lim.y_cmp[k];
            let (rule, side) = match input.rules {
                RuleSet::Nhs => match nhs_labels[k] {
                    Some((r, s)) => (Some(SignalRule::from(r)), Some(s)),
                    None => (None, None),
                },
                RuleSet::Anhoj => {
                    let above = y.zip(lim.ucl[k]).is_some_and(|(y, u)| y > u);
                    let below = y.zip(lim.lcl[k]).is_some_and(|(y, l)| y < l);
                    if above || below {
                        let side = if above { Side::High } else { Side::Low };
                        (Some(SignalRule::OutsideLimits), Some(side))
                    } else if long_run[k] {
                        let side = if y.is_some_and(|y| y > cl) {
                            Side::High
                        } else {
                            Side::Low
                        };
                        (Some(SignalRule::LongRun), Some(side))
                    } else {
                        (None, None)
                    }
                }
            };
            let class = side.map_or(Variation::CommonCause, |s| {
                Variation::of_special_cause(s, input.improvement)
            });
            points.push(Point {
                index: start + k,
                y: lim.y[k],
                cl,
                lcl: lim.lcl[k],
                ucl: lim.ucl[k],
                lcl_2sigma: lim.lcl2[k],
                ucl_2sigma: lim.ucl2[k],
                phase,
                baseline: baseline[k],
                excluded: excluded(start + k),
                signal: rule.is_some(),
                rule,
                side,
                class,
            });
        }
        let n_baseline = (0..len)
            .filter(|k| base[*k] && input.data.present(start + k))
            .count();
        let (variation, assurance) = match (input.rules, points.last()) {
            (RuleSet::Nhs, Some(last)) => (
                Some(last.class),
                nhs::assurance(input.target, input.improvement, last.lcl, last.ucl),
            ),
            _ => (None, None),
        };
        phases.push(PhaseAnalysis {
            phase,
            start,
            end,
            cl,
            sigma: lim.sigma,
            n_baseline,
            trial_limits: n_baseline < input.min_points,
            frozen: baseline.iter().any(|b| !b),
            runs,
            variation,
            assurance,
        });
    }
    let (variation, assurance) = phases
        .last()
        .map_or((None, None), |p| (p.variation, p.assurance));
    Ok(Analysis {
        chart: input.chart,
        rules: input.rules,
        improvement: input.improvement,
        target: input.target,
        points,
        phases,
        variation,
        assurance,
    })
}

#[cfg(test)]
mod published;
#[cfg(test)]
mod tests;
