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

use crate::spc::summary::{AssuranceIcon, VariationIcon};

const GREY: &str = "#5f6b73";
const BLUE: &str = "#005eb8";
const ORANGE: &str = "#b34a00";
const PURPLE: &str = "#6c2d87";

/// The variation icon: a ringed circle holding seven dots, flat for common cause, or
/// ending high or low with the letter H or L for a special cause.
pub fn variation_svg(icon: VariationIcon) -> String {
    let (colour, letter, high) = match icon {
        VariationIcon::CommonCause => (GREY, "", None),
        VariationIcon::ImprovingHigh => (BLUE, "H", Some(true)),
        VariationIcon::ImprovingLow => (BLUE, "L", Some(false)),
        VariationIcon::ConcerningHigh => (ORANGE, "H", Some(true)),
        VariationIcon::ConcerningLow => (ORANGE, "L", Some(false)),
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
    ring(colour, icon.text(), &body)
}

/// The assurance icon: a ringed circle with P, F or ?, over a target line.
pub fn assurance_svg(icon: AssuranceIcon) -> String {
    let (colour, letter) = match icon {
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
    ring(colour, icon.text(), &body)
}

/// A 48 × 48 icon: a white disc with a coloured ring, labelled for screen readers.
fn ring(colour: &str, text: &str, body: &str) -> String {
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
        VariationIcon::ImprovingHigh,
        VariationIcon::ImprovingLow,
        VariationIcon::ConcerningHigh,
        VariationIcon::ConcerningLow,
        VariationIcon::NeitherHigh,
        VariationIcon::NeitherLow,
    ];
    const ASSURANCE: [AssuranceIcon; 3] = [
        AssuranceIcon::Pass,
        AssuranceIcon::Fail,
        AssuranceIcon::HitAndMiss,
    ];

    #[test]
    fn every_icon_is_labelled_and_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for icon in VARIATION {
            let svg = variation_svg(icon);
            assert!(svg.contains(&format!("aria-label=\"{}\"", icon.text())));
            assert!(svg.contains("role=\"img\""));
            assert!(seen.insert(svg), "{icon:?} looks like another icon");
        }
        for icon in ASSURANCE {
            let svg = assurance_svg(icon);
            assert!(svg.contains(icon.text()));
            assert!(seen.insert(svg));
        }
    }

    #[test]
    fn special_causes_carry_a_letter_not_only_a_colour() {
        assert!(variation_svg(VariationIcon::ImprovingHigh).contains(">H</text>"));
        assert!(variation_svg(VariationIcon::ConcerningLow).contains(">L</text>"));
        assert!(!variation_svg(VariationIcon::CommonCause).contains("</text>"));
        assert!(assurance_svg(AssuranceIcon::Pass).contains(">P</text>"));
        assert!(assurance_svg(AssuranceIcon::Fail).contains(">F</text>"));
        assert!(assurance_svg(AssuranceIcon::HitAndMiss).contains(">?</text>"));
    }
}
