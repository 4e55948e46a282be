//! The `{{ chart(project="falls-ward-7", measure="falls") }}` shortcode that embeds a
//! project's chart in Markdown: finding it in text and parsing it, with the byte
//! offset of any mistake so that it can be reported at its line and column.
//!
//! Pure: no I/O; uses only `content::yaml::did_you_mean`. Whether the project and the
//! measure exist is for the caller to decide (see `render::embed`).

use crate::content::yaml::did_you_mean;

/// A parsed chart shortcode: which project's measure to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartRef {
    pub project: String,
    pub measure: String,
}

/// A mistake in a shortcode: where it is (a byte offset from the start of the text
/// given to [`parse`]), what is wrong and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShortcodeError {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

/// A shortcode and its length in bytes, or its first mistake.
pub type Parsed = Result<(ChartRef, usize), ShortcodeError>;

/// How a correct chart shortcode reads, for hints.
pub const EXAMPLE: &str = "{{ chart(project=\"falls-ward-7\", measure=\"falls\") }}";

/// The arguments `chart` takes, in the order written in [`EXAMPLE`].
const ARGUMENTS: [&str; 2] = ["project", "measure"];

/// The byte offset of the first thing in `text` that is meant as a shortcode: `{{`,
/// optional spaces, a name and `(`. Other double braces (`{{ name }}`) are left alone,
/// so text that merely mentions a template variable is not an error.
pub fn find(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find("{{") {
        let start = from + i;
        let rest = text[start + 2..].trim_start();
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        if name_len > 0 && rest[name_len..].trim_start().starts_with('(') {
            return Some(start);
        }
        from = start + 2;
    }
    None
}

/// Parses the shortcode at the start of `text` (which must begin with `{{`). Returns
/// the chart and the length of the shortcode in bytes, or the first mistake.
pub fn parse(text: &str) -> Parsed {
    let mut p = Parser { text, at: 0 };
    p.expect("{{", "a shortcode starts with `{{`")?;
    p.spaces();
    let name_at = p.at;
    let name = p.word();
    if name != "chart" {
        return Err(ShortcodeError {
            offset: name_at,
            message: if name.is_empty() {
                "a shortcode needs a name after `{{`".to_owned()
            } else {
                format!("unknown shortcode `{name}`")
            },
            hint: format!("the only shortcode is `chart`: `{EXAMPLE}`"),
        });
    }
    p.spaces();
    p.expect("(", "write the arguments in brackets after `chart`")?;
    let mut project = None;
    let mut measure = None;
    loop {
        p.spaces();
        if p.eat(")") {
            break;
        }
        let key_at = p.at;
        let key = p.word();
        let slot = match key {
            "project" => &mut project,
            "measure" => &mut measure,
            "" => {
                return Err(p.error(
                    key_at,
                    "expected an argument or `)`".to_owned(),
                    format!("write the arguments as `name=\"value\"`: `{EXAMPLE}`"),
                ))
            }
            other => {
                let known = ARGUMENTS.map(str::to_owned);
                let hint = match did_you_mean(other, &known) {
                    Some(best) => {
                        format!("did you mean `{best}`? `chart` takes `project` and `measure`")
                    }
                    None => "`chart` takes `project` and `measure`".to_owned(),
                };
                return Err(p.error(key_at, format!("unknown argument `{other}`"), hint));
            }
        };
        if slot.is_some() {
            return Err(p.error(
                key_at,
                format!("`{key}` is given twice"),
                format!("keep one `{key}=\"…\"`"),
            ));
        }
        p.spaces();
        p.expect("=", &format!("write `{key}=\"…\"`"))?;
        p.spaces();
        let value_at = p.at;
        let quote = match p.rest().chars().next() {
            Some(q @ ('"' | '\'')) => q,
            _ => {
                return Err(p.error(
                    value_at,
                    format!("the value of `{key}` must be in double quotes"),
                    format!("e.g. `{key}=\"{}\"`", example_value(key)),
                ))
            }
        };
        p.at += 1;
        let Some(len) = p.rest().find(quote) else {
            return Err(p.error(
                value_at,
                format!("the value of `{key}` has no closing quote"),
                format!("end it with `{quote}`"),
            ));
        };
        let value = p.rest()[..len].trim().to_owned();
        if value.is_empty() || value.contains('\n') {
            return Err(p.error(
                value_at,
                format!("`{key}` is empty"),
                format!("e.g. `{key}=\"{}\"`", example_value(key)),
            ));
        }
        p.at += len + 1;
        *slot = Some(value);
        p.spaces();
        if p.eat(",") {
            continue;
        }
        p.spaces();
        if !p.rest().starts_with(')') {
            let at = p.at;
            return Err(p.error(
                at,
                "expected `,` or `)` after an argument".to_owned(),
                format!("separate the arguments with commas: `{EXAMPLE}`"),
            ));
        }
    }
    p.spaces();
    p.expect("}}", "end the shortcode with `}}`")?;
    let end = p.at;
    match (project, measure) {
        (Some(project), Some(measure)) => Ok((ChartRef { project, measure }, end)),
        (project, _) => {
            let missing = if project.is_none() {
                "project"
            } else {
                "measure"
            };
            Err(ShortcodeError {
                offset: name_at,
                message: format!("`chart` needs `{missing}`"),
                hint: format!("name both the project and the measure: `{EXAMPLE}`"),
            })
        }
    }
}

/// Every shortcode-like piece of `text` with where it starts: used to check text in
/// which a chart may not stand (inside a sentence, a heading or a link).
pub fn find_all(text: &str) -> Vec<(usize, Parsed)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = find(&text[from..]) {
        let start = from + i;
        let parsed = parse(&text[start..]).map_err(|mut e| {
            e.offset += start;
            e
        });
        from = match &parsed {
            Ok((_, len)) => start + len,
            Err(_) => start + 2,
        };
        out.push((start, parsed));
    }
    out
}

/// `text` with every well-formed shortcode removed (for plain-text summaries).
pub fn strip(text: &str) -> String {
    let mut out = String::new();
    let mut done = 0;
    for (start, parsed) in find_all(text) {
        if let Ok((_, len)) = parsed {
            out.push_str(&text[done..start]);
            done = start + len;
        }
    }
    out.push_str(&text[done..]);
    out
}

fn example_value(key: &str) -> &'static str {
    if key == "project" {
        "falls-ward-7"
    } else {
        "falls"
    }
}

struct Parser<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Parser<'t> {
    fn rest(&self) -> &'t str {
        &self.text[self.at..]
    }

    fn spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, token: &str) -> bool {
        if self.rest().starts_with(token) {
            self.at += token.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, token: &str, hint: &str) -> Result<(), ShortcodeError> {
        if self.eat(token) {
            return Ok(());
        }
        let message = if self.rest().is_empty() || self.rest().starts_with('\n') {
            format!("the shortcode ends before `{token}`")
        } else {
            format!("expected `{token}`")
        };
        Err(self.error(self.at, message, hint.to_owned()))
    }

    /// A name: letters, digits, `_` and `-`.
    fn word(&mut self) -> &'t str {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        self.at += len;
        &rest[..len]
    }

    fn error(&self, offset: usize, message: String, hint: String) -> ShortcodeError {
        ShortcodeError {
            offset,
            message,
            hint,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(project: &str, measure: &str) -> ChartRef {
        ChartRef {
            project: project.into(),
            measure: measure.into(),
        }
    }

    #[test]
    fn well_formed_shortcodes_parse() {
        let cases = [
            (EXAMPLE, chart("falls-ward-7", "falls")),
            (
                "{{chart(measure='rate',project='a')}} and more",
                chart("a", "rate"),
            ),
            (
                "{{ chart( project = \"a\" ,\n  measure = \"b\", ) }}",
                chart("a", "b"),
            ),
        ];
        for (text, want) in cases {
            let (got, len) = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(got, want, "{text}");
            assert!(text[..len].ends_with("}}"), "{text}: {len}");
        }
    }

    #[test]
    fn mistakes_are_located() {
        // (text, offset of the mistake, start of the message)
        let cases = [
            ("{{ chrat(project=\"a\") }}", 3, "unknown shortcode `chrat`"),
            (
                "{{ chart(projct=\"a\", measure=\"b\") }}",
                9,
                "unknown argument `projct`",
            ),
            (
                "{{ chart(project=a, measure=\"b\") }}",
                17,
                "the value of `project` must be in double quotes",
            ),
            (
                "{{ chart(project=\"a) }}",
                17,
                "the value of `project` has no closing quote",
            ),
            ("{{ chart(project=\"a\") }}", 3, "`chart` needs `measure`"),
            ("{{ chart(measure=\"a\") }}", 3, "`chart` needs `project`"),
            (
                "{{ chart(project=\"a\" measure=\"b\") }}",
                21,
                "expected `,` or `)`",
            ),
            (
                "{{ chart(project=\"a\", measure=\"b\")",
                34,
                "the shortcode ends before `}}`",
            ),
            (
                "{{ chart(project=\"a\", project=\"b\") }}",
                22,
                "`project` is given twice",
            ),
            (
                "{{ chart(project=\"\", measure=\"b\") }}",
                17,
                "`project` is empty",
            ),
            ("{{ chart(, ) }}", 9, "expected an argument or `)`"),
        ];
        for (text, offset, message) in cases {
            let err = parse(text).expect_err(text);
            assert_eq!(err.offset, offset, "{text}: {err:?}");
            assert!(err.message.starts_with(message), "{text}: {err:?}");
            assert!(!err.hint.is_empty());
        }
        let typo = parse("{{ chart(projct=\"a\", measure=\"b\") }}").unwrap_err();
        assert!(typo.hint.starts_with("did you mean `project`?"), "{typo:?}");
    }

    #[test]
    fn only_name_and_bracket_make_a_shortcode() {
        assert_eq!(find("a {{ chart(x) }}"), Some(2));
        assert_eq!(find("{{chart ("), Some(0));
        assert_eq!(find("{{ name }} then {{ x(1) }}"), Some(16));
        assert_eq!(find("{{ name }}"), None);
        assert_eq!(find("{ chart() }"), None);
        assert_eq!(find("{{"), None);
    }

    #[test]
    fn all_shortcodes_are_found_and_stripped() {
        let text = "A {{ chart(project=\"a\", measure=\"b\") }} B {{ chart(x) }} C";
        let found = find_all(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, 2);
        assert!(found[0].1.is_ok());
        assert_eq!(found[1].0, 42);
        assert_eq!(found[1].1.as_ref().unwrap_err().offset, 51);
        assert_eq!(strip(text), "A  B {{ chart(x) }} C");
        assert_eq!(strip("no shortcode"), "no shortcode");
    }
}
