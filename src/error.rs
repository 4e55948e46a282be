//! Diagnostics a person can act on: a severity, a message, a source location
//! (`path:line:col`), the offending line with a caret under the column, and a hint.
//!
//! This module knows nothing about content, YAML or CSV; loaders build
//! [`Diagnostic`]s through a [`SourceFile`], which supplies the offending line.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is. Errors fail `check` and `build`; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a user's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the portfolio root, with `/` separators.
    pub path: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The text of `line`, when there is one.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about a whole file or folder, with no line to show.
    pub fn file(severity: Severity, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            path: path.into(),
            line: 1,
            col: 1,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// Adds a hint: the next step for the reader.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, the location as editors understand it.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.path, self.line, self.col)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let gutter = self.line.to_string().len();
        let pad = " ".repeat(gutter);
        writeln!(f, "{pad}--> {}", self.location())?;
        if let Some(text) = &self.source_line {
            let shown: String = text.replace('\t', "    ");
            let caret_at: usize = text
                .chars()
                .take(self.col.saturating_sub(1))
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            writeln!(f, "{pad} |")?;
            writeln!(f, "{} | {}", self.line, shown.trim_end())?;
            writeln!(f, "{pad} | {}^", " ".repeat(caret_at))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = help: {hint}")?;
        }
        Ok(())
    }
}

/// The text of one content file, kept so that diagnostics can quote its lines.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the portfolio root, with `/` separators.
    pub rel: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(rel: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            rel: rel.into(),
            text: text.into(),
        }
    }

    /// The text of 1-based line `line`, if the file has it.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        if line == 0 {
            return None;
        }
        self.text.lines().nth(line - 1)
    }

    /// A diagnostic at `line:col` of this file, quoting the line.
    pub fn diag(
        &self,
        severity: Severity,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let line = line.max(1);
        Diagnostic {
            severity,
            path: self.rel.clone(),
            line,
            col: col.max(1),
            message: message.into(),
            hint: None,
            source_line: self.line_text(line).map(str::to_owned),
        }
    }

    pub fn error(&self, line: usize, col: usize, message: impl Into<String>) -> Diagnostic {
        self.diag(Severity::Error, line, col, message)
    }

    pub fn warning(&self, line: usize, col: usize, message: impl Into<String>) -> Diagnostic {
        self.diag(Severity::Warning, line, col, message)
    }

    /// The 1-based line and column (in characters) of byte offset `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }
}

/// The 1-based line and column (in characters) of byte offset `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// A path shown to users: relative to `root` when it lies inside it, with `/` separators.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Errors of the commands themselves (not of the content): I/O on the output folder,
/// refused output folders, theme problems. Content problems are [`Diagnostic`]s.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read `{path}`: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write `{path}`: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Refused(String),
    #[error("the portfolio has {errors} error(s); nothing was written")]
    Content { errors: usize },
    #[error("template error in `{template}`: {message}")]
    Template { template: String, message: String },
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_line_and_caret() {
        let src = SourceFile::new("projects/a/index.md", "---\nprogress: 6\n---\n");
        let d = src
            .error(2, 11, "`progress` must be one of 0.5, 1.0 … 5.0 (found 6)")
            .with_hint("use a score from the IHI scale");
        let text = d.to_string();
        assert_eq!(
            text,
            "error: `progress` must be one of 0.5, 1.0 … 5.0 (found 6)\n \
             --> projects/a/index.md:2:11\n  |\n2 | progress: 6\n  |           ^\n  \
             = help: use a score from the IHI scale\n"
        );
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
        assert_eq!(line_col("abc", 0), (1, 1));
        assert_eq!(line_col("a\n", 2), (2, 1));
    }
}
