//! Small text helpers: filling sentence templates, slugs, YAML scalars, months and dates.

/// Replaces each `{key}` in `template` with its value; `{Key}` (capitalised) gives the
/// value with a capital first letter. Unknown keys are left as they are.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let key = &after[..close];
        let lower = key.to_ascii_lowercase();
        match vars.iter().find(|(k, _)| *k == lower) {
            Some((_, v)) if key != lower => out.push_str(&capitalise(v)),
            Some((_, v)) => out.push_str(v),
            None => {
                out.push('{');
                out.push_str(key);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Lower-case letters, digits and single hyphens.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if ch != '\'' && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A YAML scalar for any text: plain when that is unambiguous, double-quoted otherwise.
pub fn yaml(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_alphanumeric() || " ,.()'-/+%".contains(c))
        && !s.ends_with(' ')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        s.to_owned()
    } else {
        let mut q = String::with_capacity(s.len() + 2);
        q.push('"');
        for c in s.chars() {
            match c {
                '"' => q.push_str("\\\""),
                '\\' => q.push_str("\\\\"),
                _ => q.push(c),
            }
        }
        q.push('"');
        q
    }
}

/// A YAML flow list of plain slugs or quoted text: `[a, "b c: d"]`.
pub fn yaml_list<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<String> = items.iter().map(|s| yaml(s.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}

/// A calendar month, counted from January of year 0 (so months add as integers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month(pub i32);

impl Month {
    pub fn new(year: i32, month: i32) -> Month {
        Month(year * 12 + month - 1)
    }

    pub fn plus(self, months: i32) -> Month {
        Month(self.0 + months)
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// 1 to 12.
    pub fn number(self) -> i32 {
        self.0.rem_euclid(12) + 1
    }

    /// `2025-03-DD`.
    pub fn day(self, day: u32) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year(),
            self.number(),
            day.clamp(1, 28)
        )
    }

    /// "March 2025".
    pub fn long(self) -> String {
        jiff::civil::date(self.year() as i16, self.number() as i8, 1)
            .strftime("%B %Y")
            .to_string()
    }
}

/// A whole-number percentage, e.g. "54%".
pub fn pct(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

/// Counts words in Markdown-ish text (for the generator's own summary).
pub fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_and_capitalises() {
        let v = [("place", "the Emergency Department"), ("n", "3")];
        assert_eq!(
            fill("{Place} saw {n} in {place} {x}", &v),
            "The Emergency Department saw 3 in the Emergency Department {x}"
        );
    }

    #[test]
    fn slugs_and_yaml() {
        assert_eq!(
            slugify("Children's Ward, Ashford"),
            "childrens-ward-ashford"
        );
        assert_eq!(slugify("  A -- B  "), "a-b");
        assert_eq!(yaml("Ward 7"), "Ward 7");
        assert_eq!(yaml("PDSA 1: a \"test\""), "\"PDSA 1: a \\\"test\\\"\"");
        assert_eq!(yaml("no"), "\"no\"");
        assert_eq!(yaml("4AT screening"), "\"4AT screening\"");
    }

    #[test]
    fn months_roll_over_years() {
        let m = Month::new(2024, 11).plus(3);
        assert_eq!(m.day(1), "2025-02-01");
        assert_eq!(m.long(), "February 2025");
    }
}
