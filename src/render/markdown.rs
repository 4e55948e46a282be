//! Markdown → sanitised HTML: pulldown-cmark with tables, footnotes, strikethrough,
//! task lists and heading anchors; code highlighted by syntect with CSS classes; links
//! between content files rewritten to relative page URLs (broken ones reported as
//! located diagnostics); raw HTML sanitised by ammonia. Pure: no I/O.
//!
//! SKELETON: the contract other render modules use. Helper M replaces the bodies.

use crate::error::Diagnostic;

use super::links::LinkMap;

/// Where a piece of Markdown comes from and where it is shown.
#[derive(Clone, Copy, Debug)]
pub struct MdContext<'a> {
    /// The content file, relative to the portfolio root (`projects/a/index.md`).
    pub source_rel: &'a str,
    /// The file line of the first line of `text` (for diagnostics).
    pub first_line: usize,
    /// The output page it is rendered into (`projects/a/index.html`), for relative links.
    pub page_path: &'a str,
}

/// Rendered Markdown.
#[derive(Clone, Debug, Default)]
pub struct Html {
    /// Sanitised HTML. Markdown `#` headings become `<h2>` (the page title is the
    /// only `<h1>`), each with a unique `id`.
    pub html: String,
    /// The headings, for a table of contents: (level after shifting, id, text).
    pub headings: Vec<(u8, String, String)>,
    /// Broken links and other problems, located in the source file.
    pub diagnostics: Vec<Diagnostic>,
}

/// The Markdown renderer. Build it once per build (it loads syntect's syntax set,
/// which is slow) and share it by reference across threads.
pub struct Markdown {}

impl Markdown {
    pub fn new() -> Markdown {
        Markdown {}
    }

    pub fn render(&self, text: &str, _at: &MdContext<'_>, _links: &LinkMap) -> Html {
        let parser = pulldown_cmark::Parser::new(text);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, parser);
        Html {
            html,
            ..Html::default()
        }
    }

    /// Markdown to plain text (for summaries, card snippets and `<meta>` descriptions).
    pub fn plain_text(&self, text: &str) -> String {
        text.to_owned()
    }
}

impl Default for Markdown {
    fn default() -> Self {
        Markdown::new()
    }
}

/// The stylesheet for highlighted code (syntect classes), with AA contrast; written to
/// `static/highlight.css`.
pub fn highlight_css() -> String {
    String::new()
}
