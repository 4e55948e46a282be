//! Calendar dates as written in content (`YYYY-MM-DD`), with messages that say how to
//! write them. Pure: no clock.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date. Content writes it as `2025-03-14`; the site shows it as
/// "14 March 2025".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

/// Why a date could not be read, as a sentence fragment for diagnostics.
pub fn date_error(text: &str) -> String {
    format!("`{text}` is not a date: write dates as YYYY-MM-DD, e.g. 2025-03-14")
}

impl Date {
    /// Parses `YYYY-MM-DD` strictly (a real calendar day, four-digit year).
    pub fn parse(text: &str) -> Result<Date, String> {
        let t = text.trim();
        let bytes = t.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(date_error(t));
        }
        let num = |r: std::ops::Range<usize>| t[r].parse::<i16>().map_err(|_| date_error(t));
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let m = i8::try_from(m).map_err(|_| date_error(t))?;
        let d = i8::try_from(d).map_err(|_| date_error(t))?;
        jiff::civil::Date::new(y, m, d)
            .map(Date)
            .map_err(|_| format!("`{t}` is not a calendar date (check the month and day)"))
    }

    /// ISO form, `2025-03-14`.
    pub fn iso(&self) -> String {
        self.0.to_string()
    }

    /// British long form, "14 March 2025".
    pub fn long(&self) -> String {
        self.0.strftime("%-d %B %Y").to_string()
    }

    /// Month and year, "March 2025".
    pub fn month_year(&self) -> String {
        self.0.strftime("%B %Y").to_string()
    }

    pub fn year(&self) -> i16 {
        self.0.year()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates_only() {
        assert_eq!(Date::parse("2025-03-14").unwrap().iso(), "2025-03-14");
        for bad in [
            "14/03/2025",
            "2025-3-14",
            "2025-13-01",
            "2025-02-30",
            "",
            "March 2025",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(Date::parse("2025-02-30").unwrap_err().contains("calendar"));
    }

    #[test]
    fn formats_british_long_dates() {
        assert_eq!(
            Date::parse("2026-11-22").unwrap().long(),
            "22 November 2026"
        );
        assert_eq!(Date::parse("2025-06-01").unwrap().long(), "1 June 2025");
        assert_eq!(Date::parse("2025-06-01").unwrap().month_year(), "June 2025");
    }
}
