//! Splitting a Markdown file into its YAML front matter and its body.

use crate::error::{Diagnostic, SourceFile};

/// A Markdown document split at its front-matter fences.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based file line of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based file line of the first body line.
    pub body_line: usize,
}

/// Splits `src` at its `---` fences. The file must start with a `---` line, and the
/// front matter must be closed by another `---` line.
pub fn split(src: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = src.text.as_str();
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(src
            .error(
                1,
                1,
                "missing front matter: the file must start with a `---` line",
            )
            .with_hint(
                "put `---` on the first line, then the fields (e.g. `title: …`), then `---` \
                 on a line of its own, then the text",
            ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(src
        .error(1, 1, "the front matter is not closed: no second `---` line")
        .with_hint("add a line `---` after the last front-matter field, before the text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_fences() {
        let s = SourceFile::new("a.md", "---\ntitle: x\n---\nBody\n");
        let p = split(&s).unwrap();
        assert_eq!(p.yaml, "title: x\n");
        assert_eq!(p.yaml_line, 2);
        assert_eq!(p.body, "Body\n");
        assert_eq!(p.body_line, 4);
    }

    #[test]
    fn reports_missing_and_unclosed_fences() {
        let missing = split(&SourceFile::new("a.md", "title: x\n")).unwrap_err();
        assert!(missing.message.starts_with("missing front matter"));
        let unclosed = split(&SourceFile::new("a.md", "---\ntitle: x\nBody\n")).unwrap_err();
        assert!(unclosed.message.contains("not closed"));
        assert_eq!((unclosed.line, unclosed.col), (1, 1));
    }

    #[test]
    fn handles_crlf() {
        let s = SourceFile::new("a.md", "---\r\ntitle: x\r\n---\r\nBody\r\n");
        assert_eq!(split(&s).unwrap().body, "Body\r\n");
    }
}
