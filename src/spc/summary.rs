//! The plain-English reading of an [`Analysis`]: the Making Data Count icon kinds with
//! their text equivalents, and a one- or two-sentence summary for screen readers and
//! chart captions. Pure: the caller passes dates and numbers already formatted.
//! British English.

use super::{Analysis, Assurance, Side, SignalRule, Variation};

/// The variation icons of Making Data Count (NHS England, "Making Data Count: SPC
/// icons"; NHSRplotthedots `ptd_get_icons`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VariationIcon {
    CommonCause,
    ImprovingHigh,
    ImprovingLow,
    ConcerningHigh,
    ConcerningLow,
    NeitherHigh,
    NeitherLow,
}

impl VariationIcon {
    /// The icon for a point class and side.
    pub fn new(class: Variation, side: Option<Side>) -> VariationIcon {
        let high = side != Some(Side::Low);
        match class {
            Variation::CommonCause => VariationIcon::CommonCause,
            Variation::SpecialCauseImprovement if high => VariationIcon::ImprovingHigh,
            Variation::SpecialCauseImprovement => VariationIcon::ImprovingLow,
            Variation::SpecialCauseConcern if high => VariationIcon::ConcerningHigh,
            Variation::SpecialCauseConcern => VariationIcon::ConcerningLow,
            Variation::SpecialCauseNeither if high => VariationIcon::NeitherHigh,
            Variation::SpecialCauseNeither => VariationIcon::NeitherLow,
        }
    }

    /// The text equivalent of the icon.
    pub fn text(self) -> &'static str {
        match self {
            VariationIcon::CommonCause => "Common cause variation",
            VariationIcon::ImprovingHigh => "Special cause improving variation (high)",
            VariationIcon::ImprovingLow => "Special cause improving variation (low)",
            VariationIcon::ConcerningHigh => "Special cause concerning variation (high)",
            VariationIcon::ConcerningLow => "Special cause concerning variation (low)",
            VariationIcon::NeitherHigh => {
                "Special cause variation, neither improving nor concerning (high)"
            }
            VariationIcon::NeitherLow => {
                "Special cause variation, neither improving nor concerning (low)"
            }
        }
    }
}

/// The assurance icons of Making Data Count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AssuranceIcon {
    Pass,
    Fail,
    HitAndMiss,
}

impl From<Assurance> for AssuranceIcon {
    fn from(a: Assurance) -> Self {
        match a {
            Assurance::Pass => AssuranceIcon::Pass,
            Assurance::Fail => AssuranceIcon::Fail,
            Assurance::HitAndMiss => AssuranceIcon::HitAndMiss,
        }
    }
}

impl AssuranceIcon {
    /// The text equivalent of the icon.
    pub fn text(self) -> &'static str {
        match self {
            AssuranceIcon::Pass => "The target is consistently met",
            AssuranceIcon::Fail => "The target is consistently not met",
            AssuranceIcon::HitAndMiss => "The target is met and not met at random (hit and miss)",
        }
    }
}

/// The variation icon of an analysis (`nhs` rules only): the class of the last point.
pub fn variation_icon(a: &Analysis) -> Option<VariationIcon> {
    let v = a.variation?;
    Some(VariationIcon::new(v, a.points.last().and_then(|p| p.side)))
}

/// Formatted values the summary quotes.
#[derive(Clone, Debug, Default)]
pub struct SummaryText<'a> {
    /// Each point's date as it should read, e.g. "June 2025" (by point index).
    pub dates: &'a [String],
    /// The target as it should read, e.g. "4" or "95%".
    pub target: Option<&'a str>,
}

/// A plain-English summary of the latest state of the chart, e.g. "Special cause
/// improvement: 9 points below the centre line since June 2025. The target of 4 is
/// consistently met."
///
/// It describes the run of signal points of one class that ends at the last point;
/// without one it reports common cause variation, or a runs signal that marks no point
/// (too few crossings).
pub fn summary(a: &Analysis, text: &SummaryText<'_>) -> String {
    let mut out = String::new();
    let last_phase = a.phases.last();
    match a.points.last() {
        Some(last) if last.signal => {
            let start = last_phase.map_or(0, |p| p.start);
            let mut first = last.index;
            while first > start {
                let prev = &a.points[first - 1];
                if prev.signal && prev.class == last.class && prev.side == last.side {
                    first -= 1;
                } else {
                    break;
                }
            }
            let n = last.index - first + 1;
            let kind = match last.class {
                Variation::SpecialCauseImprovement => "Special cause improvement",
                Variation::SpecialCauseConcern => "Special cause concern",
                _ => "Special cause variation",
            };
            let high = last.side != Some(Side::Low);
            let points = if n == 1 {
                "1 point".to_owned()
            } else {
                format!("{n} points")
            };
            // A long run described by its last point's rule can understate it: a shift
            // whose last points are also "2 in 3" still reads as a shift.
            let run_like = n > 1
                && a.points[first..=last.index]
                    .iter()
                    .any(|p| matches!(p.rule, Some(SignalRule::Shift | SignalRule::LongRun)));
            let rule = if run_like {
                Some(SignalRule::Shift)
            } else {
                last.rule
            };
            let what = match rule {
                Some(SignalRule::OutsideLimits) => {
                    format!(
                        "{} the {} limit",
                        if high { "above" } else { "below" },
                        if high { "upper" } else { "lower" }
                    )
                }
                Some(SignalRule::Trend) => (if high {
                    "in a rising trend"
                } else {
                    "in a falling trend"
                })
                .to_owned(),
                Some(SignalRule::TwoInThree) => format!(
                    "close to the {} limit",
                    if high { "upper" } else { "lower" }
                ),
                _ => format!("{} the centre line", if high { "above" } else { "below" }),
            };
            out.push_str(&format!("{kind}: {points} {what}"));
            if let Some(date) = text.dates.get(first).filter(|d| !d.is_empty()) {
                out.push_str(if n == 1 { " in " } else { " since " });
                out.push_str(date);
            }
            out.push('.');
        }
        Some(_) if last_phase.is_some_and(|p| p.runs.signal) => {
            out.push_str(
                "Non-random variation: the data cross the centre line less often than expected.",
            );
        }
        Some(_) => out.push_str("Common cause variation: no signals in the latest data."),
        None => {}
    }
    if let Some(s) = a.assurance {
        let sentence = match (s, text.target) {
            (Assurance::Pass, Some(t)) => format!("The target of {t} is consistently met."),
            (Assurance::Fail, Some(t)) => format!("The target of {t} is consistently not met."),
            (Assurance::HitAndMiss, Some(t)) => {
                format!("The target of {t} is met and not met at random (hit and miss).")
            }
            (_, None) => format!("{}.", AssuranceIcon::from(s).text()),
        };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&sentence);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{analyse, Chart, ChartInput, Data, Improvement, RuleSet};
    use super::*;

    fn nhs(y: &[f64], improvement: Improvement, target: Option<f64>) -> Analysis {
        let mut input = ChartInput::new(
            Chart::I,
            Data::Values(y.iter().copied().map(Some).collect()),
        );
        input.rules = RuleSet::Nhs;
        input.improvement = improvement;
        input.target = target;
        if y.len() > 12 {
            input.freeze = Some(12);
        }
        analyse(&input).unwrap()
    }

    fn months(n: usize) -> Vec<String> {
        const M: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        (0..n)
            .map(|i| format!("{} {}", M[i % 12], 2024 + i / 12))
            .collect()
    }

    /// (values, improvement, target, target as written, summary)
    type Case<'a> = (
        &'a [f64],
        Improvement,
        Option<f64>,
        Option<&'a str>,
        &'a str,
    );

    #[test]
    fn summary_table() {
        // A baseline of twelve points alternating around 10 (limits 4.68 to 15.32), then
        // nine lower ones, inside the limits and short of the 2-sigma line (6.45).
        let mut falling: Vec<f64> = (0..12)
            .map(|i| if i % 2 == 0 { 9.0 } else { 11.0 })
            .collect();
        falling.extend([7.0, 7.5, 7.0, 7.5, 7.0, 7.5, 7.0, 7.5, 7.0]);
        let dates = months(falling.len());
        let table: &[Case] = &[
            (
                &falling,
                Improvement::Decrease,
                Some(30.0),
                Some("30"),
                "Special cause improvement: 9 points below the centre line since January 2025. \
                 The target of 30 is consistently met.",
            ),
            (
                &falling,
                Improvement::Increase,
                None,
                None,
                "Special cause concern: 9 points below the centre line since January 2025.",
            ),
            (
                &[5.0, 6.0, 5.0, 6.0, 5.0, 6.0],
                Improvement::Increase,
                Some(5.5),
                Some("5.5"),
                "Common cause variation: no signals in the latest data. \
                 The target of 5.5 is met and not met at random (hit and miss).",
            ),
            (
                &[5.0, 6.0, 5.0, 6.0, 5.0, 6.0],
                Improvement::Increase,
                Some(100.0),
                None,
                "Common cause variation: no signals in the latest data. \
                 The target is consistently not met.",
            ),
        ];
        for (y, imp, target, target_text, want) in table {
            let a = nhs(y, *imp, *target);
            let text = SummaryText {
                dates: &dates,
                target: *target_text,
            };
            assert_eq!(summary(&a, &text), *want, "{y:?}");
        }
    }

    #[test]
    fn icon_texts() {
        use Variation::*;
        let table = [
            (CommonCause, None, "Common cause variation"),
            (
                SpecialCauseImprovement,
                Some(Side::High),
                "Special cause improving variation (high)",
            ),
            (
                SpecialCauseImprovement,
                Some(Side::Low),
                "Special cause improving variation (low)",
            ),
            (
                SpecialCauseConcern,
                Some(Side::Low),
                "Special cause concerning variation (low)",
            ),
            (
                SpecialCauseConcern,
                Some(Side::High),
                "Special cause concerning variation (high)",
            ),
        ];
        for (class, side, want) in table {
            assert_eq!(VariationIcon::new(class, side).text(), want);
        }
        assert_eq!(AssuranceIcon::Pass.text(), "The target is consistently met");
        assert_eq!(
            AssuranceIcon::Fail.text(),
            "The target is consistently not met"
        );
    }

    #[test]
    fn variation_icon_follows_the_last_point() {
        let mut y: Vec<f64> = (0..12)
            .map(|i| if i % 2 == 0 { 11.0 } else { 9.0 })
            .collect();
        y.push(30.0);
        let a = nhs(&y, Improvement::Decrease, None);
        assert_eq!(variation_icon(&a), Some(VariationIcon::ConcerningHigh));
    }
}
