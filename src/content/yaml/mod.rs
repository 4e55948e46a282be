//! YAML documents (front matter and `.yaml` files) into typed values, with serde-saphyr's
//! located errors turned into [`Diagnostic`]s that point at the right line of the file
//! (front matter starts below its fence) and say how to fix the problem.

mod subset;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, SourceFile};

/// Parses `yaml`, which starts at 1-based line `first_line` of `src`, into `T`.
///
/// The plain YAML that nearly every content file holds is read by [`subset`], several
/// times faster; anything else, and every error, is left to serde-saphyr, so values and
/// messages are serde-saphyr's either way.
pub fn parse<T: DeserializeOwned>(
    src: &SourceFile,
    yaml: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    if let Some(value) = subset::from_str::<T>(yaml) {
        return Ok(value);
    }
    serde_saphyr::from_str::<T>(yaml).map_err(|e| to_diagnostic(src, &e, first_line))
}

/// The file position of a serde-saphyr location inside a block starting at `first_line`.
pub fn file_pos(loc: &serde_saphyr::Location, first_line: usize) -> (usize, usize) {
    let line = loc.line() as usize;
    if line == 0 {
        return (first_line.max(1), 1);
    }
    (line + first_line - 1, (loc.column() as usize).max(1))
}

fn to_diagnostic(src: &SourceFile, err: &serde_saphyr::Error, first_line: usize) -> Diagnostic {
    let (line, col) = match err.location() {
        Some(loc) => file_pos(&loc, first_line),
        None => (first_line.max(1), 1),
    };
    let raw = err.without_snippet().to_string();
    let raw = strip_position(&raw);
    let key = src.line_text(line).and_then(key_of_line);
    let (message, hint) = explain(raw, key.as_deref()).unwrap_or_else(|| {
        (
            format!("YAML syntax error: {raw}"),
            Some(syntax_hint(src, first_line, line)),
        )
    });
    let mut d = src.error(line, col, message);
    d.hint = hint;
    d
}

/// A hint for a syntax error: names an earlier line that opens a bracket or a quote
/// it never closes, the usual cause of an error reported further down.
fn syntax_hint(src: &SourceFile, first_line: usize, line: usize) -> String {
    for n in (first_line..=line).rev() {
        let Some(text) = src.line_text(n) else {
            continue;
        };
        let code = text.split(" #").next().unwrap_or(text);
        let opens = code.matches('[').count() + code.matches('{').count();
        let closes = code.matches(']').count() + code.matches('}').count();
        let quotes = code.matches('"').count();
        if opens > closes {
            return format!("line {n} opens a bracket that is not closed: add the missing `]` or `}}` at its end");
        }
        if quotes % 2 == 1 {
            return format!("line {n} opens a quote that is not closed: add the missing `\"`");
        }
    }
    "check the YAML on this line and the one before it: indentation, a space after each \
     colon, and matching quotes and brackets"
        .to_owned()
}

/// serde-saphyr appends " at line N, column M"; the diagnostic shows the position itself.
fn strip_position(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains(", column ") => &msg[..i],
        _ => msg,
    }
    .trim()
}

/// The mapping key written on a line (`  progress: 6` → `progress`), if any.
fn key_of_line(line: &str) -> Option<String> {
    let t = line.trim_start().trim_start_matches("- ");
    let (k, _) = t.split_once(':')?;
    let k = k.trim();
    (!k.is_empty() && !k.contains(' ') && !k.starts_with('#')).then(|| k.to_owned())
}

/// Words listed by serde after "expected one of", without backticks.
fn expected_list(msg: &str) -> Vec<String> {
    let Some(i) = msg.find("expected one of") else {
        return Vec::new();
    };
    msg[i + "expected one of".len()..]
        .split(',')
        .map(|w| w.trim().trim_matches('`').to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The text between the first pair of backticks.
fn quoted(msg: &str) -> Option<&str> {
    let start = msg.find('`')? + 1;
    let len = msg[start..].find('`')?;
    Some(&msg[start..start + len])
}

/// Turns a serde-saphyr message into our message and hint; `None` for a syntax error.
fn explain(raw: &str, key: Option<&str>) -> Option<(String, Option<String>)> {
    let key_part = key.map(|k| format!("`{k}`: ")).unwrap_or_default();
    if raw.starts_with("unknown field") {
        let found = quoted(raw).unwrap_or("?");
        let allowed = expected_list(raw);
        let hint = match did_you_mean(found, &allowed) {
            Some(best) => format!(
                "did you mean `{best}`? Allowed keys here: {}",
                allowed.join(", ")
            ),
            None => format!(
                "remove it, or use one of the allowed keys: {}",
                allowed.join(", ")
            ),
        };
        return Some((format!("unknown key `{found}`"), Some(hint)));
    }
    if raw.starts_with("unknown variant") {
        let found = quoted(raw).unwrap_or("?");
        let allowed = expected_list(raw);
        let mut hint = format!("use one of: {}", allowed.join(", "));
        if let Some(best) = did_you_mean(found, &allowed) {
            hint = format!("did you mean `{best}`? {hint}");
        }
        return Some((
            format!("{key_part}`{found}` is not an allowed value"),
            Some(hint),
        ));
    }
    if raw.starts_with("missing field") {
        let field = quoted(raw).unwrap_or("?");
        return Some((
            format!("missing required key `{field}`"),
            Some(format!(
                "add a line `{field}: …` (see README, \"Content reference\")"
            )),
        ));
    }
    if raw.starts_with("duplicate mapping key") {
        return Some((
            format!("{key_part}this key is given twice"),
            Some("keep one of the two lines".to_owned()),
        ));
    }
    if raw.contains("is not a date") || raw.contains("is not a calendar date") {
        let example = key.unwrap_or("date");
        return Some((
            format!("{key_part}{raw}"),
            Some(format!(
                "for example `{example}: 2025-01-06` for 6 January 2025"
            )),
        ));
    }
    if raw.starts_with("invalid type")
        || raw.starts_with("invalid value")
        || raw.starts_with("invalid floating point")
        || raw.starts_with("invalid integer")
        || raw.starts_with("expected")
        || raw.contains("invalid boolean")
    {
        return Some((
            format!("{key_part}wrong type of value: {raw}"),
            Some(type_hint(key)),
        ));
    }
    None
}

/// What a key expects, for the common fields.
fn type_hint(key: Option<&str>) -> String {
    match key {
        Some("progress" | "score") => {
            "write a number from the IHI scale, e.g. `progress: 3.5`".to_owned()
        }
        Some("target" | "multiplier") => "write a number, e.g. `target: 4`".to_owned(),
        Some("baseline" | "cycle" | "menu") => {
            "write a whole number, e.g. `baseline: 12`".to_owned()
        }
        Some("service_user_involvement") => "write `true` or `false`".to_owned(),
        Some("combine") => {
            "write each shared measure's id with `sum` or `mean`, e.g. `combine: {falls: sum}`"
                .to_owned()
        }
        Some(
            "priorities" | "methods" | "tags" | "related" | "measures" | "questions" | "projects"
            | "roles" | "shared_measures" | "change_ideas",
        ) => "write a list, e.g. `tags: [falls, frailty]`".to_owned(),
        Some(k) => format!("check the value of `{k}` against README, \"Content reference\""),
        None => "check the value against README, \"Content reference\"".to_owned(),
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &'a [String]) -> Option<&'a str> {
    let word_l = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (levenshtein(&word_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(3) / 3).max(1) + 1)
        .min_by_key(|(d, c)| (*d, (*c).clone()))
        .map(|(_, c)| c.as_str())
}

/// Edit distance between two strings, in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: String,
        #[serde(default)]
        progress: Option<f64>,
        #[serde(default)]
        flag: bool,
    }

    fn src(text: &str) -> SourceFile {
        SourceFile::new("a.md", text)
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let s = src("---\ntitle: a\nprogres: 3\n---\n");
        let d = parse::<Meta>(&s, "title: a\nprogres: 3\n", 2).unwrap_err();
        assert_eq!((d.line, d.col), (3, 1));
        assert_eq!(d.message, "unknown key `progres`");
        assert!(d.hint.unwrap().starts_with("did you mean `progress`?"));
    }

    #[test]
    fn wrong_type_names_the_key() {
        let s = src("---\ntitle: a\nprogress: lots\n---\n");
        let d = parse::<Meta>(&s, "title: a\nprogress: lots\n", 2).unwrap_err();
        assert_eq!((d.line, d.col), (3, 11));
        assert!(
            d.message.starts_with("`progress`: wrong type of value"),
            "{}",
            d.message
        );
    }

    #[test]
    fn syntax_error_line_is_the_file_line() {
        let s = src("---\ntitle: [a\nprogress: 1\n---\n");
        let d = parse::<Meta>(&s, "title: [a\nprogress: 1\n", 2).unwrap_err();
        assert!(d.line >= 2, "{d:?}");
    }

    #[test]
    fn yaml_no_reads_as_false() {
        // Pinned: serde-saphyr reads `no` as false into a bool (YAML 1.1 style).
        let s = src("title: a\nflag: no\n");
        let m = parse::<Meta>(&s, "title: a\nflag: no\n", 1).unwrap();
        assert!(!m.flag);
    }

    #[test]
    fn levenshtein_and_suggestions() {
        assert_eq!(levenshtein("progres", "progress"), 1);
        let c = vec!["active".to_owned(), "closed".to_owned()];
        assert_eq!(did_you_mean("activ", &c), Some("active"));
        assert_eq!(did_you_mean("zzzzzz", &c), None);
    }
}
