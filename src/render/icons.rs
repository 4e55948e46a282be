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

/// Every icon, in the order a page's sprite lists them.
const ALL: [Icon; 10] = [
    Icon::Variation(VariationIcon::CommonCause),
    Icon::Variation(VariationIcon::ImprovingHigh),
    Icon::Variation(VariationIcon::ImprovingLow),
    Icon::Variation(VariationIcon::ConcerningHigh),
    Icon::Variation(VariationIcon::ConcerningLow),
    Icon::Variation(VariationIcon::NeitherHigh),
    Icon::Variation(VariationIcon::NeitherLow),
    Icon::Assurance(AssuranceIcon::Pass),
    Icon::Assurance(AssuranceIcon::Fail),
    Icon::Assurance(AssuranceIcon::HitAndMiss),
];

/// The prefix of every icon's id in a page's sprite; [`with_sprite`] looks for it.
const REFERENCE: &str = "href=\"#mdc-";

/// A Making Data Count icon of either kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Icon {
    Variation(VariationIcon),
    Assurance(AssuranceIcon),
}

impl Icon {
    /// The id of the icon's `<symbol>` in the page's sprite.
    fn id(self) -> &'static str {
        match self {
            Icon::Variation(v) => match v {
                VariationIcon::CommonCause => "mdc-common",
                VariationIcon::ImprovingHigh => "mdc-improving-high",
                VariationIcon::ImprovingLow => "mdc-improving-low",
                VariationIcon::ConcerningHigh => "mdc-concerning-high",
                VariationIcon::ConcerningLow => "mdc-concerning-low",
                VariationIcon::NeitherHigh => "mdc-neither-high",
                VariationIcon::NeitherLow => "mdc-neither-low",
            },
            Icon::Assurance(a) => match a {
                AssuranceIcon::Pass => "mdc-pass",
                AssuranceIcon::Fail => "mdc-fail",
                AssuranceIcon::HitAndMiss => "mdc-hit-and-miss",
            },
        }
    }

    fn text(self) -> &'static str {
        match self {
            Icon::Variation(v) => v.text(),
            Icon::Assurance(a) => a.text(),
        }
    }

    /// The drawing, in a 48 × 48 box: a white disc with a coloured ring, and what the
    /// icon holds.
    fn drawing(self) -> String {
        let (colour, body) = match self {
            Icon::Variation(v) => variation_body(v),
            Icon::Assurance(a) => assurance_body(a),
        };
        format!(
            "<circle cx=\"24\" cy=\"24\" r=\"21\" fill=\"#fff\" stroke=\"{colour}\" \
             stroke-width=\"4\"/>{body}"
        )
    }

    /// The icon as a page shows it: a labelled image that draws the page's `<symbol>`
    /// of it, so a page with thousands of icons holds each drawing once. No `<title>`:
    /// the label names it, and its text is written beside it.
    fn reference(self) -> String {
        let text = self.text();
        format!(
            "<svg viewBox=\"0 0 48 48\" width=\"48\" height=\"48\" class=\"mdc-icon\" \
             role=\"img\" aria-label=\"{text}\"><use href=\"#{}\"/></svg>",
            self.id()
        )
    }
}

/// The variation icon: a ringed circle holding seven dots, flat for common cause, or
/// ending high or low with the letter H or L for a special cause. It draws the page's
/// sprite, which [`with_sprite`] adds.
pub fn variation_svg(icon: VariationIcon) -> String {
    Icon::Variation(icon).reference()
}

/// The assurance icon: a ringed circle with P, F or ?, over a target line. It draws
/// the page's sprite, which [`with_sprite`] adds.
pub fn assurance_svg(icon: AssuranceIcon) -> String {
    Icon::Assurance(icon).reference()
}

/// The ring's colour and the inside of a variation icon.
fn variation_body(icon: VariationIcon) -> (&'static str, String) {
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
    (colour, body)
}

/// The ring's colour and the inside of an assurance icon.
fn assurance_body(icon: AssuranceIcon) -> (&'static str, String) {
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
    (colour, body)
}

/// The page with a hidden sprite before `</body>` that holds a `<symbol>` for each icon
/// the page shows (found by its `href="#mdc-…"`), so every icon's `<use>` finds its
/// drawing within the page itself: no external file, which works from `file://` and
/// under any sub-path. A page that shows no icon is returned as it is.
pub fn with_sprite(mut html: String) -> String {
    // Every page passes through here, so the search is memchr's (SIMD) rather than
    // `str::find`, and the sprite is put in place rather than the page copied.
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new(REFERENCE));
    let mut used = [false; ALL.len()];
    let mut rest = html.as_str();
    while let Some(at) = finder.find(rest.as_bytes()) {
        rest = &rest[at + REFERENCE.len() - "mdc-".len()..];
        let id_end = rest.find('"').unwrap_or(rest.len());
        if let Some(i) = ALL.iter().position(|icon| icon.id() == &rest[..id_end]) {
            used[i] = true;
        }
        rest = &rest[id_end..];
    }
    if !used.contains(&true) {
        return html;
    }
    let mut sprite = String::from(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\" \
         style=\"position:absolute;overflow:hidden\" aria-hidden=\"true\" focusable=\"false\">",
    );
    for (icon, _) in ALL.iter().zip(used).filter(|(_, used)| *used) {
        let _ = write!(
            sprite,
            "<symbol id=\"{}\" viewBox=\"0 0 48 48\">{}</symbol>",
            icon.id(),
            icon.drawing()
        );
    }
    sprite.push_str("</svg>\n");
    let at = html.rfind("</body>").unwrap_or(html.len());
    html.insert_str(at, &sprite);
    html
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
        let drawings: std::collections::BTreeSet<String> =
            ALL.iter().map(|icon| icon.drawing()).collect();
        assert_eq!(drawings.len(), ALL.len());
    }

    #[test]
    fn special_causes_carry_a_letter_not_only_a_colour() {
        let drawing = |icon| Icon::drawing(icon);
        let v = Icon::Variation;
        let a = Icon::Assurance;
        assert!(drawing(v(VariationIcon::ImprovingHigh)).contains(">H</text>"));
        assert!(drawing(v(VariationIcon::ConcerningLow)).contains(">L</text>"));
        assert!(!drawing(v(VariationIcon::CommonCause)).contains("</text>"));
        assert!(drawing(a(AssuranceIcon::Pass)).contains(">P</text>"));
        assert!(drawing(a(AssuranceIcon::Fail)).contains(">F</text>"));
        assert!(drawing(a(AssuranceIcon::HitAndMiss)).contains(">?</text>"));
    }

    #[test]
    fn a_page_holds_the_symbols_of_the_icons_it_shows_once() {
        let page = format!(
            "<body><p>{}{}{}</p></body>",
            variation_svg(VariationIcon::ImprovingHigh),
            assurance_svg(AssuranceIcon::Fail),
            variation_svg(VariationIcon::ImprovingHigh),
        );
        let out = with_sprite(page);
        assert_eq!(out.matches("<symbol ").count(), 2);
        assert!(out.contains("<symbol id=\"mdc-improving-high\""));
        assert!(out.contains("<symbol id=\"mdc-fail\""));
        assert!(out.ends_with("</svg>\n</body>"));
        let plain = "<body><p>No icons</p></body>".to_owned();
        assert_eq!(with_sprite(plain.clone()), plain);
    }

    #[test]
    fn markdown_cannot_take_an_icon_id() {
        for icon in ALL {
            assert!(crate::render::markdown::RESERVED_IDS.contains(&icon.id()));
        }
    }
}
