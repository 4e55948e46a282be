//! The Making Data Count point rules, as NHSRplotthedots implements them
//! (`ptd_calculate_point_type`, `ptd_special_cause_type`, `ptd_point_type`,
//! `ptd_calculate_assurance_type`). Pure: one phase's values and lines in, one label per
//! point out.

use super::{Assurance, Improvement, Side};
use serde::Serialize;

/// Which Making Data Count rule labels a point, in order of precedence
/// (`ptd_special_cause_type`: outside limits > trend > two in three > shift).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NhsRule {
    /// "Above UCL" / "Below LCL": beyond the process limits (strict).
    OutsideLimits,
    /// "7 Point Trend": 7 points with 6 strict rises or 6 strict falls.
    Trend,
    /// "2 in 3 Above/Below CL": two of three consecutive points between the 2- and
    /// 3-sigma lines, all three strictly on one side of the mean.
    TwoInThree,
    /// "7 Points Above/Below CL": 7 in a row strictly on one side of the mean.
    Shift,
}

/// The lines of one phase that the rules compare with.
#[derive(Clone, Copy, Debug)]
pub struct Lines<'a> {
    pub cl: f64,
    pub lcl: &'a [Option<f64>],
    pub ucl: &'a [Option<f64>],
    pub lcl2: &'a [Option<f64>],
    pub ucl2: &'a [Option<f64>],
}

fn sign(v: f64) -> i8 {
    if v > 0.0 {
        1
    } else if v < 0.0 {
        -1
    } else {
        0
    }
}

/// `ptd_seven_point_one_side_mean`: point `i` ends 7 points with the same non-zero side.
fn seven_one_side(rtm: &[i8]) -> Vec<bool> {
    (0..rtm.len())
        .map(|i| i >= 6 && rtm[i] != 0 && (1..=6).all(|k| rtm[i - k] == rtm[i]))
        .collect()
}

/// `ptd_seven_point_trend`: +1 when point `i` ends 6 strict rises, −1 for 6 strict falls.
fn seven_trend(y: &[f64]) -> Vec<i8> {
    (0..y.len())
        .map(|i| {
            if i < 6 {
                return 0;
            }
            let d: Vec<i8> = (0..6).map(|k| sign(y[i - k] - y[i - k - 1])).collect();
            if d.iter().all(|s| *s == 1) {
                1
            } else if d.iter().all(|s| *s == -1) {
                -1
            } else {
                0
            }
        })
        .collect()
}

/// `ptd_part_of_seven_trend`: the point or one of the next 6 ends a pattern.
fn part_of_seven(ends: &[bool]) -> Vec<bool> {
    (0..ends.len())
        .map(|i| ends[i..(i + 7).min(ends.len())].iter().any(|e| *e))
        .collect()
}

/// `ptd_two_in_three` and `ptd_part_of_two_in_three`: a close point in a window of 3
/// (wholly inside the phase) holding ≥ 2 close points, all 3 on one side of the mean.
fn two_in_three(close: &[bool], rtm: &[i8]) -> Vec<bool> {
    let n = close.len();
    let fires = |start: usize| -> bool {
        if start + 3 > n {
            return false;
        }
        let c = close[start..start + 3].iter().filter(|c| **c).count();
        let r: i32 = rtm[start..start + 3].iter().map(|r| i32::from(*r)).sum();
        c >= 2 && r.abs() == 3
    };
    (0..n)
        .map(|i| close[i] && (i.saturating_sub(2)..=i).any(|s| s + 2 >= i && fires(s)))
        .collect()
}

/// The Making Data Count label of each point of one phase: the rule that fires (by
/// precedence) and its side, or `None` for common cause
/// (NHSRplotthedots `ptd_special_cause_type`).
///
/// The side follows the label's wording: "Above"/"Increasing" is high and
/// "Below"/"Decreasing" is low. For a trend point it comes from the right-hand difference
/// when the next point is also in a trend, otherwise from the left-hand one.
pub fn special_causes(y: &[f64], lines: Lines<'_>) -> Vec<Option<(NhsRule, Side)>> {
    let n = y.len();
    let get = |v: &[Option<f64>], i: usize| v.get(i).copied().flatten();
    let outside: Vec<bool> = (0..n)
        .map(|i| {
            get(lines.ucl, i).is_some_and(|u| y[i] > u)
                || get(lines.lcl, i).is_some_and(|l| y[i] < l)
        })
        .collect();
    let rtm: Vec<i8> = y.iter().map(|v| sign(v - lines.cl)).collect();
    let close: Vec<bool> = (0..n)
        .map(|i| {
            !outside[i]
                && (get(lines.lcl2, i).is_some_and(|l| y[i] < l)
                    || get(lines.ucl2, i).is_some_and(|u| y[i] > u))
        })
        .collect();
    let trend_ends: Vec<bool> = seven_trend(y).iter().map(|t| *t != 0).collect();
    let in_trend = part_of_seven(&trend_ends);
    let in_two_of_three = two_in_three(&close, &rtm);
    let in_shift = part_of_seven(&seven_one_side(&rtm));
    let side = |above: bool| if above { Side::High } else { Side::Low };
    (0..n)
        .map(|i| {
            if outside[i] {
                Some((NhsRule::OutsideLimits, side(rtm[i] == 1)))
            } else if in_trend[i] {
                let right = i + 1 < n && in_trend[i + 1];
                let d = if right {
                    sign(y[i + 1] - y[i])
                } else if i > 0 {
                    sign(y[i] - y[i - 1])
                } else {
                    0
                };
                Some((NhsRule::Trend, side(d == 1)))
            } else if in_two_of_three[i] {
                Some((NhsRule::TwoInThree, side(rtm[i] > 0)))
            } else if in_shift[i] {
                Some((NhsRule::Shift, side(rtm[i] > 0)))
            } else {
                None
            }
        })
        .collect()
}

/// The assurance icon: the target against the process limits of the last point
/// (NHSRplotthedots `ptd_calculate_assurance_type`, strict comparisons). `None` without
/// a target, for a neutral direction, or when a limit is missing.
pub fn assurance(
    target: Option<f64>,
    improvement: Improvement,
    lcl: Option<f64>,
    ucl: Option<f64>,
) -> Option<Assurance> {
    let target = target?;
    let (lcl, ucl) = (lcl?, ucl?);
    let increase = match improvement {
        Improvement::Increase => true,
        Improvement::Decrease => false,
        Improvement::Neutral => return None,
    };
    Some(if target > ucl {
        if increase {
            Assurance::Fail
        } else {
            Assurance::Pass
        }
    } else if target < lcl {
        if increase {
            Assurance::Pass
        } else {
            Assurance::Fail
        }
    } else {
        Assurance::HitAndMiss
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(y: &[f64], cl: f64, lcl: f64, ucl: f64, lcl2: f64, ucl2: f64) -> String {
        let n = y.len();
        let (l, u, l2, u2) = (
            vec![Some(lcl); n],
            vec![Some(ucl); n],
            vec![Some(lcl2); n],
            vec![Some(ucl2); n],
        );
        let lines = Lines {
            cl,
            lcl: &l,
            ucl: &u,
            lcl2: &l2,
            ucl2: &u2,
        };
        special_causes(y, lines)
            .iter()
            .map(|p| match p {
                None => '.',
                Some((NhsRule::OutsideLimits, Side::High)) => 'U',
                Some((NhsRule::OutsideLimits, Side::Low)) => 'L',
                Some((NhsRule::Trend, Side::High)) => 'I',
                Some((NhsRule::Trend, Side::Low)) => 'D',
                Some((NhsRule::TwoInThree, Side::High)) => '2',
                Some((NhsRule::TwoInThree, Side::Low)) => 'z',
                Some((NhsRule::Shift, Side::High)) => 'A',
                Some((NhsRule::Shift, Side::Low)) => 'B',
            })
            .collect()
    }

    /// Rules with a centre line of 0, limits ±3 and 2-sigma lines ±2.
    #[test]
    fn point_rules_table() {
        let table: &[(&[f64], &str)] = &[
            // a point on a limit is not outside it; beyond is
            (&[0.0, 3.0, -3.0, 3.1, -3.1], "...UL"),
            // six rises in seven points is a trend; a repeated value breaks it
            (&[-1.5, -1.0, -0.5, 0.1, 0.5, 1.0, 1.5, 1.0], "IIIIIII."),
            (&[-1.5, -1.0, -0.5, -0.5, 0.5, 1.0, 1.5], "......."),
            (&[1.5, 1.0, 0.5, -0.1, -0.5, -1.0, -1.5], "DDDDDDD"),
            // only five rises: nothing
            (&[-1.0, -0.5, 0.1, 0.5, 1.0, 1.5], "......"),
            // two of three beyond 2 sigma on one side: only the close points flagged
            (&[0.0, 2.5, 1.0, 2.5, 0.0], ".2.2."),
            (&[0.0, -2.5, -1.0, -2.5, 0.0], ".z.z."),
            // opposite sides do not count (issue #143)
            (&[0.0, 2.5, -2.5, 1.0, 0.0], "....."),
            // a point beyond 3 sigma is not "close"
            (&[0.0, 2.5, 3.5, 1.0, 0.0], "..U.."),
            // all three must be strictly on one side: a point on the mean breaks it
            (&[0.5, 2.5, 2.5, 0.0], ".22."),
            (&[0.0, 2.5, 2.5, 0.0], "...."),
            (&[-1.0, 2.5, 0.0, 2.5, -1.0], "....."),
            // seven on one side is a shift; a point on the mean breaks it
            (&[1.0, 0.5, 1.0, 0.5, 1.0, 0.5, 1.0, -1.0], "AAAAAAA."),
            (&[1.0, 0.5, 1.0, 0.0, 1.0, 0.5, 1.0, 0.5], "........"),
            (
                &[-1.0, -0.5, -1.0, -0.5, -1.0, -0.5, -1.0, -0.5],
                "BBBBBBBB",
            ),
            // precedence: outside > trend
            (&[-2.0, -1.0, -0.5, 0.1, 0.5, 1.0, 3.5], "IIIIIIU"),
        ];
        for (y, want) in table {
            assert_eq!(label(y, 0.0, -3.0, 3.0, -2.0, 2.0), *want, "{y:?}");
        }
    }

    #[test]
    fn trend_side_uses_the_right_hand_difference_inside_a_trend() {
        // A rising trend of 7 followed by a falling one of 7 sharing the peak point.
        let y = [
            -1.5, -1.0, -0.5, 0.1, 0.5, 1.0, 1.5, 1.0, 0.5, 0.1, -0.5, -1.0, -1.5,
        ];
        // The peak (index 6) takes the right-hand (falling) difference.
        assert_eq!(label(&y, 0.0, -3.0, 3.0, -2.0, 2.0), "IIIIIIDDDDDDD");
    }

    #[test]
    fn assurance_table() {
        use Assurance::*;
        use Improvement::*;
        // (target, improvement, want) with limits 2..8
        let table = [
            (Some(9.0), Increase, Some(Fail)),
            (Some(9.0), Decrease, Some(Pass)),
            (Some(1.0), Increase, Some(Pass)),
            (Some(1.0), Decrease, Some(Fail)),
            (Some(8.0), Increase, Some(HitAndMiss)),
            (Some(2.0), Decrease, Some(HitAndMiss)),
            (Some(5.0), Increase, Some(HitAndMiss)),
            (Some(9.0), Neutral, None),
            (None, Increase, None),
        ];
        for (target, imp, want) in table {
            assert_eq!(
                assurance(target, imp, Some(2.0), Some(8.0)),
                want,
                "{target:?} {imp:?}"
            );
        }
        assert_eq!(assurance(Some(1.0), Increase, None, Some(8.0)), None);
    }
}
