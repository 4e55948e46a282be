//! The Making Data Count variation and assurance icons, drawn by qisite as small SVGs,
//! each with its text equivalent.
//!
//! The icons follow NHS England's "Making Data Count" conventions (as NHSRplotthedots'
//! `ptd_get_icons` names them): a variation icon from the latest point's signal, and an
//! assurance icon from where the target lies against the latest phase's limits. Colour
//! is never the only cue: each icon carries a letter (H, L, P, F, ?) and a line
//! pattern, and its text is given beside it.
//!
//! Pure: no I/O. Uses nothing of ours.

use std::fmt::Write;

/// What the latest point of a chart says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VariationIcon {
    CommonCause,
    ImprovementHigh,
    ImprovementLow,
    ConcernHigh,
    ConcernLow,
    NeitherHigh,
    NeitherLow,
}

/// Whether the process can be relied on to meet its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AssuranceIcon {
    Pass,
    Fail,
    HitAndMiss,
}

const GREY: &str = "#5f6b73";
const BLUE: &str = "#005eb8";
const ORANGE: &str = "#b34a00";
const PURPLE: &str = "#6c2d87";

impl VariationIcon {
    /// The short name, for tables.
    pub fn label(self) -> &'static str {
        match self {
            VariationIcon::CommonCause => "Common cause",
            VariationIcon::ImprovementHigh => "Improvement (high)",
            VariationIcon::ImprovementLow => "Improvement (low)",
            VariationIcon::ConcernHigh => "Concern (high)",
            VariationIcon::ConcernLow => "Concern (low)",
            VariationIcon::NeitherHigh => "Special cause (high)",
            VariationIcon::NeitherLow => "Special cause (low)",
        }
    }

    /// The full text equivalent, in Making Data Count's words.
    pub fn text(self) -> &'static str {
        match self {
            VariationIcon::CommonCause => "Common cause variation: no significant change",
            VariationIcon::ImprovementHigh => {
                "Special cause variation of an improving nature: the measure is significantly higher"
            }
            VariationIcon::ImprovementLow => {
                "Special cause variation of an improving nature: the measure is significantly lower"
            }
            VariationIcon::ConcernHigh => {
                "Special cause variation of a concerning nature: the measure is significantly higher"
            }
            VariationIcon::ConcernLow => {
                "Special cause variation of a concerning nature: the measure is significantly lower"
            }
            VariationIcon::NeitherHigh => {
                "Special cause variation, neither improving nor concerning: the measure is significantly higher"
            }
            VariationIcon::NeitherLow => {
                "Special cause variation, neither improving nor concerning: the measure is significantly lower"
            }
        }
    }

    /// A CSS-friendly name, e.g. `improvement-high`.
    pub fn slug(self) -> &'static str {
        match self {
            VariationIcon::CommonCause => "common-cause",
            VariationIcon::ImprovementHigh => "improvement-high",
            VariationIcon::ImprovementLow => "improvement-low",
            VariationIcon::ConcernHigh => "concern-high",
            VariationIcon::ConcernLow => "concern-low",
            VariationIcon::NeitherHigh => "neither-high",
            VariationIcon::NeitherLow => "neither-low",
        }
    }

    /// The icon: a ringed circle holding seven dots, flat for common cause, or ending
    /// high or low with the letter H or L for a special cause.
    pub fn svg(self) -> String {
        let (colour, letter, high) = match self {
            VariationIcon::CommonCause => (GREY, "", None),
            VariationIcon::ImprovementHigh => (BLUE, "H", Some(true)),
            VariationIcon::ImprovementLow => (BLUE, "L", Some(false)),
            VariationIcon::ConcernHigh => (ORANGE, "H", Some(true)),
            VariationIcon::ConcernLow => (ORANGE, "L", Some(false)),
            VariationIcon::NeitherHigh => (PURPLE, "H", Some(true)),
            VariationIcon::NeitherLow => (PURPLE, "L", Some(false)),
        };
        let mut body = String::new();
        // Seven dots across the circle: the last four step up or down on a signal.
        for i in 0..7 {
            let x = 12 + i * 4;
            let y = match high {
                None => 24 + if i % 2 == 0 { -1 } else { 1 },
                Some(true) if i >= 3 => 26 - (i - 2) * 3,
                Some(false) if i >= 3 => 22 + (i - 2) * 3,
                Some(_) => 24,
            };
            let fill = if high.is_some() && i >= 3 {
                colour
            } else {
                GREY
            };
            let _ = write!(
                body,
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"2\" fill=\"{fill}\"/>"
            );
        }
        if !letter.is_empty() {
            let y = if high == Some(true) { 18 } else { 37 };
            let _ = write!(
                body,
                "<text x=\"17\" y=\"{y}\" text-anchor=\"middle\" font-family=\"sans-serif\" \
                 font-size=\"11\" font-weight=\"bold\" fill=\"{colour}\">{letter}</text>"
            );
        }
        icon(colour, self.text(), &body)
    }
}

impl AssuranceIcon {
    pub fn label(self) -> &'static str {
        match self {
            AssuranceIcon::Pass => "Consistently passes",
            AssuranceIcon::Fail => "Consistently fails",
            AssuranceIcon::HitAndMiss => "Hit and miss",
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            AssuranceIcon::Pass => "The system is expected to consistently meet the target",
            AssuranceIcon::Fail => "The system is expected to consistently fail the target",
            AssuranceIcon::HitAndMiss => {
                "The system may meet or fail the target, subject to random variation (hit and miss)"
            }
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            AssuranceIcon::Pass => "pass",
            AssuranceIcon::Fail => "fail",
            AssuranceIcon::HitAndMiss => "hit-and-miss",
        }
    }

    /// The icon: a ringed circle with P, F or ?, over a limit band and a target line.
    pub fn svg(self) -> String {
        let (colour, letter) = match self {
            AssuranceIcon::Pass => (BLUE, "P"),
            AssuranceIcon::Fail => (ORANGE, "F"),
            AssuranceIcon::HitAndMiss => (GREY, "?"),
        };
        let body = format!(
            "<line x1=\"10\" y1=\"34\" x2=\"38\" y2=\"34\" stroke=\"{GREY}\" stroke-width=\"2\" \
             stroke-dasharray=\"3 2\"/><text x=\"24\" y=\"29\" text-anchor=\"middle\" \
             font-family=\"sans-serif\" font-size=\"20\" font-weight=\"bold\" \
             fill=\"{colour}\">{letter}</text>"
        );
        icon(colour, self.text(), &body)
    }
}

/// A 48 × 48 icon: a white disc with a coloured ring, labelled for screen readers.
fn icon(colour: &str, text: &str, body: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\" width=\"48\" height=\"48\" \
         class=\"mdc-icon\" role=\"img\" aria-label=\"{text}\"><title>{text}</title>\
         <circle cx=\"24\" cy=\"24\" r=\"21\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"4\"/>{body}</svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const VARIATION: [VariationIcon; 7] = [
        VariationIcon::CommonCause,
        VariationIcon::ImprovementHigh,
        VariationIcon::ImprovementLow,
        VariationIcon::ConcernHigh,
        VariationIcon::ConcernLow,
        VariationIcon::NeitherHigh,
        VariationIcon::NeitherLow,
    ];

    #[test]
    fn every_icon_is_labelled_and_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for icon in VARIATION {
            let svg = icon.svg();
            assert!(svg.contains(&format!("aria-label=\"{}\"", icon.text())));
            assert!(svg.contains("role=\"img\""));
            assert!(seen.insert(svg), "{icon:?} looks like another icon");
        }
        for icon in [
            AssuranceIcon::Pass,
            AssuranceIcon::Fail,
            AssuranceIcon::HitAndMiss,
        ] {
            let svg = icon.svg();
            assert!(svg.contains(icon.text()));
            assert!(seen.insert(svg));
        }
    }

    #[test]
    fn special_causes_carry_a_letter_not_only_a_colour() {
        assert!(VariationIcon::ImprovementHigh.svg().contains(">H</text>"));
        assert!(VariationIcon::ConcernLow.svg().contains(">L</text>"));
        assert!(!VariationIcon::CommonCause.svg().contains("</text>"));
        assert!(AssuranceIcon::Pass.svg().contains(">P</text>"));
        assert!(AssuranceIcon::Fail.svg().contains(">F</text>"));
        assert!(AssuranceIcon::HitAndMiss.svg().contains(">?</text>"));
    }
}
