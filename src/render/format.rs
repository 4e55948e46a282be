//! How numbers and dates read on the site: thousands separators ("1,234"), trimmed
//! decimals ("3.5", never "3.50"), British long dates ("22 November 2026"). Pure.

use crate::content::date::Date;

/// A number with thousands separators and at most `max_decimals` decimals, trailing
/// zeros trimmed: `1234.5` → "1,234.5", `2000.0` → "2,000", `-0.25` → "-0.25".
pub fn number(value: f64, max_decimals: usize) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let (int, frac) = match rounded(value.abs(), max_decimals) {
        Some(digits) => digits,
        None => {
            let text = format!("{:.*}", max_decimals, value.abs());
            match text.split_once('.') {
                Some((i, f)) => (i.to_owned(), f.to_owned()),
                None => (text, String::new()),
            }
        }
    };
    let frac = frac.trim_end_matches('0');
    let mut out = String::with_capacity(int.len() + int.len() / 3 + frac.len() + 2);
    let negative = value < 0.0 && (int.bytes().any(|c| c != b'0') || !frac.is_empty());
    if negative {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// The digits of `x` (not negative) rounded to `decimals` places, as `format!("{:.d}")`
/// gives them (integer part, and fraction of exactly `decimals` digits), worked out in
/// integers: the standard library's exact formatting was 3% of a build's time. Gives
/// none when that cannot be sure of the same answer: a number too large, or one whose
/// scaled value lies so near a half that rounding the inexact product could go either
/// way (the standard library decides those on the exact binary value).
fn rounded(x: f64, decimals: usize) -> Option<(String, String)> {
    const POWERS: [f64; 7] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];
    let scale = *POWERS.get(decimals)?;
    let scaled = x * scale;
    // Below 2^52 every integer and half is exact, and the product is within a few
    // units in the last place of the true one.
    if scaled >= 4.0e15 {
        return None;
    }
    let floor = scaled.floor();
    let frac = scaled - floor;
    let margin = scaled * 4.0 * f64::EPSILON + f64::MIN_POSITIVE;
    if (frac - 0.5).abs() <= margin {
        return None;
    }
    let whole = if frac > 0.5 { floor + 1.0 } else { floor } as u64;
    let unit = scale as u64;
    let int = (whole / unit).to_string();
    let frac = match decimals {
        0 => String::new(),
        d => format!("{:0d$}", whole % unit),
    };
    Some((int, frac))
}

/// An ISO date (`2026-11-22`) as "22 November 2026"; other text is returned unchanged.
pub fn long_date(iso: &str) -> String {
    Date::parse(iso)
        .map(|d| d.long())
        .unwrap_or_else(|_| iso.to_owned())
}

/// An ISO date as "November 2026"; other text is returned unchanged.
pub fn month_year(iso: &str) -> String {
    Date::parse(iso)
        .map(|d| d.month_year())
        .unwrap_or_else(|_| iso.to_owned())
}

/// Whether a file name is an image a browser shows in `<img>`.
pub fn is_image(file: &str) -> bool {
    crate::content::load::is_image(file)
}

/// The last part of a path, for link text: `posters/a.pdf` → "a.pdf".
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Escapes text for HTML and SVG element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A number with its unit: "4 falls per 1,000 bed days", but "80% of admissions" when
/// the unit starts with a percent sign (no space before it, as in plain English).
pub fn with_unit(number: &str, unit: Option<&str>) -> String {
    match unit.map(str::trim) {
        Some(u) if u.starts_with('%') => format!("{number}{u}"),
        Some(u) if !u.is_empty() => format!("{number} {u}"),
        _ => number.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_numbers_with_a_space_except_percent() {
        assert_eq!(
            with_unit("80", Some("% of admissions")),
            "80% of admissions"
        );
        assert_eq!(
            with_unit("4", Some("falls per 1,000 bed days")),
            "4 falls per 1,000 bed days"
        );
        assert_eq!(with_unit("4", None), "4");
    }

    #[test]
    fn numbers_have_thousands_separators() {
        let cases = [
            (1234.0, 2, "1,234"),
            (1234567.891, 2, "1,234,567.89"),
            (999.0, 2, "999"),
            (3.5, 2, "3.5"),
            (0.0, 2, "0"),
            (-1500.25, 2, "-1,500.25"),
            (-0.001, 2, "0"),
            (1000.0, 0, "1,000"),
        ];
        for (v, d, want) in cases {
            assert_eq!(number(v, d), want, "{v}");
        }
    }

    proptest::proptest! {
        /// The integer rounding gives what the standard library's exact formatting
        /// gives, for any number and any number of decimals.
        #[test]
        fn rounding_in_integers_agrees_with_format(
            mantissa in -1_000_000_000i64..1_000_000_000,
            exponent in -12i32..8,
            bits in proptest::num::f64::NORMAL | proptest::num::f64::ZERO,
            decimals in 0usize..8,
        ) {
            for x in [mantissa as f64 * 10f64.powi(exponent), bits, (mantissa as f64 + 0.5) / 100.0] {
                let x = x.abs();
                if let Some((int, frac)) = rounded(x, decimals) {
                    let want = format!("{:.*}", decimals, x);
                    let got = if decimals == 0 { int } else { format!("{int}.{frac}") };
                    proptest::prop_assert_eq!(got, want, "{} to {} places", x, decimals);
                }
            }
        }
    }

    #[test]
    fn halves_and_large_numbers_fall_back_to_exact_formatting() {
        // Exact halves: the standard library rounds them to even.
        assert_eq!(rounded(0.125, 2), None);
        assert_eq!(number(0.125, 2), "0.12");
        assert_eq!(number(2.5, 0), "2");
        assert_eq!(rounded(1e20, 2), None);
        assert_eq!(number(1e20, 0), "100,000,000,000,000,000,000");
        assert_eq!(rounded(10.594, 2), Some(("10".to_owned(), "59".to_owned())));
        assert_eq!(number(0.05, 1), "0.1");
        assert_eq!(number(-0.04, 1), "0");
    }

    #[test]
    fn dates_are_british() {
        assert_eq!(long_date("2026-11-22"), "22 November 2026");
        assert_eq!(month_year("2026-11-22"), "November 2026");
        assert_eq!(long_date("soon"), "soon");
    }
}
