//! How numbers and dates read on the site: thousands separators ("1,234"), trimmed
//! decimals ("3.5", never "3.50"), British long dates ("22 November 2026"). Pure.

use crate::content::date::Date;

/// A number with thousands separators and at most `max_decimals` decimals, trailing
/// zeros trimmed: `1234.5` → "1,234.5", `2000.0` → "2,000", `-0.25` → "-0.25".
pub fn number(value: f64, max_decimals: usize) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let text = format!("{:.*}", max_decimals, value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (text.as_str(), ""),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let negative =
        value < 0.0 && (grouped.chars().any(|c| c != '0' && c != ',') || !frac.is_empty());
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
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

    #[test]
    fn dates_are_british() {
        assert_eq!(long_date("2026-11-22"), "22 November 2026");
        assert_eq!(month_year("2026-11-22"), "November 2026");
        assert_eq!(long_date("soon"), "soon");
    }
}
