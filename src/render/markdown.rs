//! Markdown → sanitised HTML: pulldown-cmark with tables, footnotes, strikethrough,
//! task lists and heading anchors; code highlighted by syntect with CSS classes; links
//! between content files rewritten to relative page URLs (broken ones reported as
//! located diagnostics); raw HTML sanitised by ammonia. Pure: no I/O.
//!
//! The renderer rewrites pulldown-cmark's event stream (headings, code blocks, links,
//! images, footnotes, table cells, task markers) and lets pulldown-cmark's HTML writer
//! do the rest; the whole result then goes through ammonia, so raw HTML written in a
//! content file can never add scripts, styles or event handlers to a page.
//!
//! A paragraph that is only a `{{ chart(project="…", measure="…") }}` shortcode becomes
//! that chart, drawn by a [`ChartEmbedder`] and put in after sanitising (the chart is
//! qisite's own markup); a shortcode anywhere else, or a malformed one, is a located
//! error. Shortcodes in code spans and blocks stay literal.
//! Depends on `render::links`, `render::paths`, `render::shortcode`,
//! `content::load::slugify` and `error`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd,
};
use syntect::highlighting::{Color, ThemeSet};
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::content::load::slugify;
use crate::error::{Diagnostic, Severity};

use super::format::escape;
use super::links::{self, LinkMap, Target};
use super::paths;
use super::shortcode::{self, ChartRef};

/// Draws the charts that `{{ chart(…) }}` shortcodes embed.
pub trait ChartEmbedder {
    /// The HTML of `chart` for the page at `page_path`, with `id` as the base of every
    /// id in it (unique on the page); or why it cannot be shown, as (message, hint).
    /// The HTML is put in as it is, after sanitising: it must be qisite's own markup.
    fn embed(
        &self,
        chart: &ChartRef,
        page_path: &str,
        id: &str,
    ) -> Result<String, (String, String)>;
}

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

/// Ids the page templates use themselves; a heading never takes one of them (it gets
/// `-2` appended), and raw HTML in Markdown cannot set them. Besides `main`, they are
/// the ids of the Making Data Count icons' symbols (`render::icons`).
pub const RESERVED_IDS: [&str; 11] = [
    "main",
    "mdc-common",
    "mdc-improving-high",
    "mdc-improving-low",
    "mdc-concerning-high",
    "mdc-concerning-low",
    "mdc-neither-high",
    "mdc-neither-low",
    "mdc-pass",
    "mdc-fail",
    "mdc-hit-and-miss",
];

/// Syntax highlighting classes are prefixed so they never meet the theme's own classes.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Classes our own markup uses; raw HTML may use them too, and no others (besides the
/// `hl-` and `language-` families).
const ALLOWED_CLASSES: [&str; 8] = [
    "code",
    "footnote-ref",
    "footnote-definition",
    "footnote-label",
    "footnote-back",
    "align-left",
    "align-center",
    "align-right",
];

/// The Markdown renderer. Build it once per build (it loads syntect's syntax set,
/// which is slow) and share it by reference across threads.
pub struct Markdown {
    syntaxes: SyntaxSet,
    cleaner: ammonia::Builder<'static>,
    /// Sanitise every text, even one that cannot hold raw HTML (for tests that check
    /// the shortcut changes nothing).
    always_clean: bool,
}

impl Markdown {
    pub fn new() -> Markdown {
        Markdown {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            cleaner: cleaner(),
            always_clean: false,
        }
    }

    /// Renders one Markdown text shown on a page of its own.
    pub fn render(&self, text: &str, at: &MdContext<'_>, links: &LinkMap) -> Html {
        let mut ids = RESERVED_IDS.iter().map(|s| (*s).to_owned()).collect();
        self.render_on_page(text, at, links, &mut ids)
    }

    /// Renders one of several Markdown texts shown on the same page (the sections of a
    /// PDSA cycle): heading and footnote ids avoid every id in `ids` (seed it with
    /// [`RESERVED_IDS`] and the template's own ids) and are added to it, so ids stay
    /// unique across the page.
    pub fn render_on_page(
        &self,
        text: &str,
        at: &MdContext<'_>,
        links: &LinkMap,
        ids: &mut HashSet<String>,
    ) -> Html {
        self.render_with_charts(text, at, links, ids, None)
    }

    /// Like [`Markdown::render_on_page`], with `{{ chart(…) }}` shortcodes drawn by
    /// `charts`. Without it, shortcodes are left as text and not checked.
    pub fn render_with_charts(
        &self,
        text: &str,
        at: &MdContext<'_>,
        links: &LinkMap,
        ids: &mut HashSet<String>,
        charts: Option<&dyn ChartEmbedder>,
    ) -> Html {
        let mut state = State {
            md: self,
            text,
            at,
            links,
            out: Vec::new(),
            heading: None,
            code: None,
            link_stack: Vec::new(),
            table: TableState::default(),
            footnotes: BTreeMap::new(),
            referenced: HashSet::new(),
            footnote_stack: Vec::new(),
            used_ids: ids,
            headings: Vec::new(),
            diagnostics: Vec::new(),
            charts,
            embeds: Vec::new(),
            checked_until: 0,
        };
        let parser = Parser::new_ext(text, options()).into_offset_iter();
        if charts.is_some() && shortcode::find(text).is_some() {
            state.events_with_charts(parser.collect());
        } else {
            for (event, range) in parser {
                state.event(event, range.start);
            }
        }
        // Raw HTML needs a `<` in the text, so without one every tag comes from our own
        // markup, and only a link or image address could carry something ammonia
        // would take out (`javascript:`).
        let trusted =
            !self.always_clean && !text.contains('<') && state.out.iter().all(safe_address);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, state.out.into_iter());
        let mut html = if trusted {
            // pulldown-cmark closes void elements XML-style (`<hr />`); ammonia, as
            // HTML does, not. Text and attribute values escape `>`, so ` />` is a tag's.
            // Nor does it leave a no-break space bare.
            let html = match html.contains(" />") {
                true => html.replace(" />", ">"),
                false => html,
            };
            match html.contains('\u{a0}') {
                true => html.replace('\u{a0}', "&nbsp;"),
                false => html,
            }
        } else {
            self.cleaner.clean(&html).to_string()
        };
        // The charts go in after sanitising, each in place of its placeholder.
        for (placeholder, chart) in &state.embeds {
            html = html.replacen(placeholder.as_str(), chart, 1);
        }
        Html {
            html,
            headings: state.headings,
            diagnostics: state.diagnostics,
        }
    }

    /// Markdown to plain text (for summaries, card snippets and `<meta>` descriptions).
    pub fn plain_text(&self, text: &str) -> String {
        let mut out = String::new();
        let mut in_footnote = false;
        // Inline `<script>…</script>`: its text is code, not words.
        let mut in_script = false;
        for event in Parser::new_ext(text, options()) {
            match event {
                Event::Start(Tag::FootnoteDefinition(_)) => in_footnote = true,
                Event::End(TagEnd::FootnoteDefinition) => in_footnote = false,
                Event::InlineHtml(tag) if is_tag(&tag, &["<script", "<style"]) => in_script = true,
                Event::InlineHtml(tag) if is_tag(&tag, &["</script", "</style"]) => {
                    in_script = false
                }
                _ if in_footnote || in_script => {}
                Event::Text(t) => out.push_str(&shortcode::strip(&t)),
                Event::Code(t) => out.push_str(&t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                Event::InlineHtml(tag) if tag.to_ascii_lowercase().starts_with("<br") => {
                    out.push(' ')
                }
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::BlockQuote(_)
                    | TagEnd::CodeBlock
                    | TagEnd::HtmlBlock
                    | TagEnd::List(_)
                    | TagEnd::TableCell
                    | TagEnd::TableRow
                    | TagEnd::TableHead,
                )
                | Event::Rule => out.push(' '),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// `<pre class="code"><code class="language-x">` with syntect's classed spans, or
    /// the escaped text when the language is unknown.
    fn code_block(&self, lang: Option<&str>, code: &str) -> String {
        let mut html = String::from("<pre class=\"code\"><code");
        if let Some(lang) = lang {
            html.push_str(" class=\"language-");
            html.push_str(&escape(lang));
            html.push('"');
        }
        html.push('>');
        let syntax = lang.and_then(|l| self.syntaxes.find_syntax_by_token(l));
        match syntax.and_then(|s| self.highlight(s, code)) {
            Some(highlighted) => html.push_str(&highlighted),
            // Element content: `&`, `<` and `>` only, as ammonia would leave it.
            None => {
                for c in code.chars() {
                    match c {
                        '&' => html.push_str("&amp;"),
                        '<' => html.push_str("&lt;"),
                        '>' => html.push_str("&gt;"),
                        c => html.push(c),
                    }
                }
            }
        }
        html.push_str("</code></pre>\n");
        html
    }

    fn highlight(&self, syntax: &syntect::parsing::SyntaxReference, code: &str) -> Option<String> {
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    }
}

impl Default for Markdown {
    fn default() -> Self {
        Markdown::new()
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The sanitiser: ammonia's defaults (no scripts, styles, frames, event handlers or
/// `javascript:` URLs), plus the attributes our own markup needs.
fn cleaner() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_tags(["input"])
        .add_tag_attributes("a", ["id", "class", "aria-label"])
        .add_tag_attributes("div", ["id", "class"])
        .add_tag_attributes("sup", ["id", "class"])
        .add_tag_attributes("pre", ["class"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("span", ["class"])
        .add_tag_attributes("th", ["class"])
        .add_tag_attributes("td", ["class"])
        .add_tag_attributes("details", ["open"])
        .add_tag_attributes("input", ["type", "disabled", "checked", "aria-label"])
        // Relative URLs are the whole point of a site that works from any sub-path.
        .url_relative(ammonia::UrlRelative::PassThrough)
        // Without `target`, `rel="noopener"` protects nothing; leave links as written.
        .link_rel(None)
        .attribute_filter(filter_attribute);
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(h, ["id"]);
    }
    b
}

/// Whether an event's link or image address (if it has one) is relative or uses a
/// scheme ammonia keeps.
fn safe_address(event: &Event<'_>) -> bool {
    let url = match event {
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
        _ => return true,
    };
    match url.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &url[..colon];
            url[..colon].contains(['/', '?', '#'])
                || ["http", "https", "mailto", "tel"]
                    .iter()
                    .any(|s| scheme.eq_ignore_ascii_case(s))
        }
    }
}

/// Narrows what raw HTML may say in the attributes we allow for our own markup.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match attribute {
        "class" => {
            let kept: Vec<&str> = value
                .split_whitespace()
                .filter(|c| {
                    ALLOWED_CLASSES.contains(c)
                        || c.starts_with("hl-")
                        || c.starts_with("language-")
                })
                .collect();
            if kept.is_empty() {
                None
            } else {
                Some(Cow::Owned(kept.join(" ")))
            }
        }
        "id" if RESERVED_IDS.contains(&value) => None,
        "type" if element == "input" && !value.eq_ignore_ascii_case("checkbox") => None,
        _ => Some(Cow::Borrowed(value)),
    }
}

#[derive(Default)]
struct TableState {
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
    /// The header cell being read: where it starts, and whether it has any content.
    head_cell: Option<(usize, bool)>,
}

/// A heading being collected: its level, any explicit `{#id}`, its inner events and text.
struct OpenHeading<'a> {
    level: u8,
    id: Option<String>,
    events: Vec<Event<'a>>,
    text: String,
}

/// A link or image being rendered: whether its start was kept (not broken), and for
/// images, whether any alt text was seen and where it starts.
struct OpenLink {
    kept: bool,
    image_at: Option<usize>,
    has_text: bool,
}

/// The event rewriter for one render.
struct State<'a, 'r> {
    md: &'r Markdown,
    text: &'a str,
    at: &'r MdContext<'r>,
    links: &'r LinkMap,
    out: Vec<Event<'a>>,
    heading: Option<OpenHeading<'a>>,
    code: Option<(Option<String>, String)>,
    link_stack: Vec<OpenLink>,
    table: TableState,
    /// Footnote name → number, in order of first mention.
    /// Footnote name → (number, unique id slug), in order of first mention.
    footnotes: BTreeMap<String, (usize, String)>,
    referenced: HashSet<String>,
    /// The footnote definitions open around the current event.
    footnote_stack: Vec<String>,
    used_ids: &'r mut HashSet<String>,
    headings: Vec<(u8, String, String)>,
    diagnostics: Vec<Diagnostic>,
    charts: Option<&'r dyn ChartEmbedder>,
    /// (placeholder, chart HTML) for each chart drawn, in order.
    embeds: Vec<(String, String)>,
    /// Events up to this index were checked for shortcodes already.
    checked_until: usize,
}

impl<'a> State<'a, '_> {
    fn event(&mut self, event: Event<'a>, offset: usize) {
        if let Some((_, seen)) = &mut self.table.head_cell {
            if !matches!(event, Event::End(TagEnd::TableCell)) {
                *seen = true;
            }
        }
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, code) = self.code.take().unwrap_or_default();
                    let html = self.md.code_block(lang.as_deref(), &code);
                    self.push(Event::Html(html.into()));
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some(OpenHeading {
                    level: (level as u8 + 1).min(6),
                    id: id.map(|i| i.to_string()),
                    events: Vec::new(),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.close_heading(),
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => language(&info),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((lang, String::new()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match self.link_url(link_type, &dest_url, offset, false) {
                Some(url) => {
                    self.link_stack.push(OpenLink {
                        kept: true,
                        image_at: None,
                        has_text: false,
                    });
                    self.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: url,
                        title,
                        id,
                    }));
                }
                None => self.link_stack.push(OpenLink {
                    kept: false,
                    image_at: None,
                    has_text: false,
                }),
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let url = self.link_url(link_type, &dest_url, offset, true);
                self.link_stack.push(OpenLink {
                    kept: url.is_some(),
                    image_at: Some(offset),
                    has_text: false,
                });
                if let Some(url) = url {
                    self.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                let open = self.link_stack.pop();
                if let Some(OpenLink {
                    image_at: Some(at),
                    has_text: false,
                    ..
                }) = open
                {
                    self.diagnostic(
                        Severity::Warning,
                        at,
                        "image has no alt text".into(),
                        "describe what the image shows: `![what the image shows](file.png)`",
                    );
                }
                if open.is_none_or(|o| o.kept) {
                    self.push(Event::End(end));
                }
            }
            Event::Start(Tag::Table(alignments)) => {
                self.table = TableState {
                    alignments: alignments.clone(),
                    ..TableState::default()
                };
                self.push(Event::Start(Tag::Table(alignments)));
            }
            Event::Start(Tag::TableHead) => {
                self.table.in_head = true;
                self.table.cell = 0;
                self.push(Event::Start(Tag::TableHead));
            }
            Event::End(TagEnd::TableHead) => {
                self.table.in_head = false;
                self.push(Event::End(TagEnd::TableHead));
            }
            Event::Start(Tag::TableRow) => {
                self.table.cell = 0;
                self.push(Event::Start(Tag::TableRow));
            }
            Event::Start(Tag::TableCell) => {
                let class = match self.table.alignments.get(self.table.cell) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                let tag = if self.table.in_head {
                    self.table.head_cell = Some((offset, false));
                    format!("<th scope=\"col\"{class}>")
                } else {
                    format!("<td{class}>")
                };
                self.push(Event::Html(tag.into()));
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((at, false)) = self.table.head_cell.take() {
                    // An empty column heading is announced as nothing (WCAG 1.3.1).
                    self.diagnostic(
                        Severity::Warning,
                        at,
                        "a table column has an empty heading".into(),
                        "give every column a heading, e.g. `| Measure | Before | After |`",
                    );
                }
                let tag = if self.table.in_head { "</th>" } else { "</td>" };
                self.table.cell += 1;
                self.push(Event::Html(tag.into()));
            }
            Event::TaskListMarker(done) => {
                let html = if done {
                    "<input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Done\"> "
                } else {
                    "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\"> "
                };
                self.push(Event::Html(html.into()));
            }
            Event::FootnoteReference(name) => {
                let (number, slug) = self.footnote(&name);
                let id = if self.referenced.insert(name.to_string()) {
                    format!(" id=\"fnref-{slug}\"")
                } else {
                    String::new()
                };
                let html = format!(
                    "<sup class=\"footnote-ref\"><a href=\"#fn-{slug}\"{id}>{number}</a></sup>"
                );
                self.push(Event::Html(html.into()));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let (number, slug) = self.footnote(&name);
                let html = format!(
                    "<div class=\"footnote-definition\" id=\"fn-{slug}\">\
                     <sup class=\"footnote-label\">{number}</sup>"
                );
                self.footnote_stack.push(name.to_string());
                self.push(Event::Html(html.into()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let name = self.footnote_stack.pop().unwrap_or_default();
                let mut html = String::new();
                if self.referenced.contains(&name) {
                    let (number, slug) = self.footnote(&name);
                    html.push_str(&format!(
                        "<a href=\"#fnref-{slug}\" class=\"footnote-back\" \
                         aria-label=\"Back to reference {number}\">↩</a>"
                    ));
                }
                html.push_str("</div>\n");
                self.push(Event::Html(html.into()));
            }
            Event::Html(html) => {
                let html = self.raw_html(html, offset);
                self.push(Event::Html(html));
            }
            Event::InlineHtml(html) => {
                let html = self.raw_html(html, offset);
                self.push(Event::InlineHtml(html));
            }
            Event::Text(t) => {
                self.saw_text(&t);
                self.push(Event::Text(t));
            }
            Event::Code(t) => {
                self.saw_text(&t);
                self.push(Event::Code(t));
            }
            other => self.push(other),
        }
    }
}

/// The events of a paragraph, with their byte ranges in the text.
type Spanned<'a> = (Event<'a>, std::ops::Range<usize>);

impl<'a> State<'a, '_> {
    /// Handles every event, drawing the charts of paragraphs that are a shortcode and
    /// reporting shortcodes that are anywhere else or malformed.
    fn events_with_charts(&mut self, mut events: Vec<Spanned<'a>>) {
        let mut i = 0;
        while i < events.len() {
            if let Some(next) = self.chart_paragraph(&events, i) {
                i = next;
                continue;
            }
            let (event, range) = std::mem::replace(&mut events[i], (Event::Rule, 0..0));
            if matches!(event, Event::Text(_)) && self.code.is_none() && i >= self.checked_until {
                self.misplaced_shortcodes(range.clone());
            }
            self.event(event, range.start);
            i += 1;
        }
    }

    /// When the paragraph starting at event `i` is a chart shortcode alone, draws the
    /// chart in its place and returns the index after the paragraph. A malformed
    /// shortcode or an unknown chart is reported, and the paragraph kept as text.
    fn chart_paragraph(&mut self, events: &[Spanned<'a>], i: usize) -> Option<usize> {
        let (Event::Start(Tag::Paragraph), range) = &events[i] else {
            return None;
        };
        if !self.text[range.clone()].contains("{{") {
            return None;
        }
        let end = events[i..]
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
            .map_or(events.len(), |j| i + j);
        let (text, to_source) = paragraph_text(self.text, range.clone(), &events[i + 1..end]);
        let lead = text.len() - text.trim_start().len();
        if shortcode::find(&text[lead..]) != Some(0) {
            return None;
        }
        let start = to_source(lead);
        let parsed = match shortcode::parse(&text[lead..]) {
            Ok((chart, len)) if text[lead + len..].trim().is_empty() => chart,
            // More text after it: reported as misplaced with the paragraph's text.
            Ok(_) => return None,
            Err(e) => {
                let at = to_source(lead + e.offset);
                self.diagnostic(Severity::Error, at, e.message, &e.hint);
                self.checked_until = end;
                return None;
            }
        };
        let charts = self.charts?;
        let base = format!(
            "chart-embed-{}-{}",
            slugify(&parsed.project),
            slugify(&parsed.measure)
        );
        let id = unique_id(&base, self.used_ids);
        match charts.embed(&parsed, self.at.page_path, &id) {
            Ok(html) => {
                let placeholder = self.placeholder(self.embeds.len());
                self.push(Event::Html(format!("\n{placeholder}\n").into()));
                self.embeds.push((placeholder, html));
                Some(end + 1)
            }
            Err((message, hint)) => {
                self.diagnostic(Severity::Error, start, message, &hint);
                self.checked_until = end;
                None
            }
        }
    }

    /// A word that stands for chart `n` until sanitising is done: plain letters and
    /// digits (which the sanitiser keeps), found nowhere in the text itself.
    fn placeholder(&self, n: usize) -> String {
        let mut base = String::from("qisitechartembed");
        while self.text.contains(&base) {
            base.push('x');
        }
        format!("{base}{n:06}")
    }

    /// Reports each shortcode in the text at `range`: a chart may only stand in a
    /// paragraph of its own.
    fn misplaced_shortcodes(&mut self, range: std::ops::Range<usize>) {
        let mut from = range.start;
        while let Some(i) = shortcode::find(&self.text[from..range.end]) {
            let start = from + i;
            match shortcode::parse(&self.text[start..]) {
                Ok(_) => self.diagnostic(
                    Severity::Error,
                    start,
                    "a chart shortcode must be a paragraph of its own".into(),
                    "put `{{ chart(…) }}` on a line of its own, with a blank line before and \
                     after it, outside lists, tables, headings and links",
                ),
                Err(e) => self.diagnostic(Severity::Error, start + e.offset, e.message, &e.hint),
            }
            from = start + 2;
        }
    }

    /// Sends an event to the open heading, or to the output.
    fn push(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some(h) => h.events.push(event),
            None => self.out.push(event),
        }
    }

    fn saw_text(&mut self, text: &str) {
        if let Some(h) = &mut self.heading {
            h.text.push_str(text);
        }
        if let Some(open) = self.link_stack.last_mut() {
            if !text.trim().is_empty() {
                open.has_text = true;
            }
        }
    }

    /// Writes the open heading with its level shifted and a unique id.
    fn close_heading(&mut self) {
        let Some(h) = self.heading.take() else {
            return;
        };
        let text = h.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let base = match h.id.filter(|i| !i.trim().is_empty()) {
            Some(explicit) => explicit,
            None => match slugify(&text) {
                slug if slug.is_empty() => "section".to_owned(),
                slug => slug,
            },
        };
        let id = unique_id(&base, self.used_ids);
        let level = h.level;
        self.out.push(Event::Html(
            format!("<h{level} id=\"{}\">", escape(&id)).into(),
        ));
        self.out.extend(h.events);
        self.out.push(Event::Html(format!("</h{level}>\n").into()));
        self.headings.push((level, id, text));
    }

    /// The URL to write for a link or image, or `None` (with a diagnostic) when the
    /// link is broken.
    fn link_url(
        &mut self,
        link_type: LinkType,
        dest: &str,
        offset: usize,
        image: bool,
    ) -> Option<CowStr<'a>> {
        if link_type == LinkType::Email {
            // `<someone@example.org>`: the HTML writer adds `mailto:`.
            return Some(dest.to_owned().into());
        }
        match self.links.resolve(self.at.source_rel, dest) {
            Target::Internal(target) => {
                // A fragment of this very page stays a bare `#fragment`.
                let url = match target.split_once('#') {
                    Some((page, fragment)) if page == self.at.page_path => format!("#{fragment}"),
                    _ => paths::relative(self.at.page_path, &target),
                };
                Some(url.into())
            }
            Target::External(url) => Some(url.into()),
            Target::Broken(reason) => {
                let what = if image { "broken image" } else { "broken link" };
                let hint = if links::is_disallowed(dest) {
                    "remove the link, or link to a page or a file of the portfolio instead"
                } else {
                    "check the path; links are relative to this file, \
                     e.g. `../other-project/index.md` or `files/poster.pdf`"
                };
                let message = format!("{what} `{}`: {reason}", dest.trim());
                self.diagnostic(Severity::Error, offset, message, hint);
                None
            }
        }
    }

    /// Raw HTML with its quoted `href` and `src` values resolved like Markdown links;
    /// a broken one is reported and its attribute removed.
    fn raw_html(&mut self, html: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let attributes = url_attributes(&html);
        if attributes.is_empty() {
            return html;
        }
        let mut out = String::with_capacity(html.len());
        let mut done = 0;
        for (attr_start, value_start, value_end) in attributes {
            let value = &html[value_start..value_end];
            let image = html[attr_start..].to_ascii_lowercase().starts_with("src");
            out.push_str(&html[done..value_start]);
            match self.link_url(LinkType::Inline, value, offset + attr_start, image) {
                Some(url) if *url != *value => out.push_str(&escape(&url)),
                Some(_) => out.push_str(value),
                None => {
                    // Drop the whole attribute: ` href="…"`.
                    let keep = out.len() - (value_start - attr_start) - 1;
                    out.truncate(keep.min(out.len()));
                    done = value_end + 1;
                    continue;
                }
            }
            done = value_end;
        }
        out.push_str(&html[done.min(html.len())..]);
        out.into()
    }

    /// A diagnostic at byte `offset` of the text, located in the source file.
    fn diagnostic(&mut self, severity: Severity, offset: usize, message: String, hint: &str) {
        let (line, col) = crate::error::line_col(self.text, offset);
        self.diagnostics.push(Diagnostic {
            severity,
            path: self.at.source_rel.to_owned(),
            line: self.at.first_line.max(1) + line - 1,
            col,
            message,
            hint: Some(hint.to_owned()),
            source_line: self.text.lines().nth(line - 1).map(str::to_owned),
        });
    }

    /// The number and id slug of a footnote, numbering it on first mention.
    fn footnote(&mut self, name: &str) -> (usize, String) {
        if let Some(known) = self.footnotes.get(name) {
            return known.clone();
        }
        let number = self.footnotes.len() + 1;
        let base = match slugify(name) {
            s if s.is_empty() => number.to_string(),
            s => s,
        };
        // Another body on the same page may already have a footnote `fn-1`.
        let id = unique_id(&format!("fn-{base}"), self.used_ids);
        let slug = id["fn-".len()..].to_owned();
        self.used_ids.insert(format!("fnref-{slug}"));
        self.footnotes
            .insert(name.to_owned(), (number, slug.clone()));
        (number, slug)
    }
}

/// The text of a paragraph as written, and a map from a byte offset in it to one in
/// the source. A paragraph of plain text and line breaks is read from its events, so
/// that the `>` of a block quote does not count; one with any markup in it is read
/// from the source.
fn paragraph_text<'t>(
    source: &'t str,
    range: std::ops::Range<usize>,
    inner: &[Spanned<'_>],
) -> (Cow<'t, str>, impl Fn(usize) -> usize) {
    let plain = inner
        .iter()
        .all(|(e, _)| matches!(e, Event::Text(_) | Event::SoftBreak));
    // (offset in the text, offset in the source) where each piece starts.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let text = if plain && !inner.is_empty() {
        let mut text = String::new();
        for (event, r) in inner {
            pieces.push((text.len(), r.start));
            match event {
                Event::Text(t) => text.push_str(t),
                _ => text.push('\n'),
            }
        }
        Cow::Owned(text)
    } else {
        pieces.push((0, range.start));
        Cow::Borrowed(&source[range])
    };
    let to_source = move |offset: usize| {
        let (text_at, source_at) = pieces
            .iter()
            .rev()
            .find(|(t, _)| *t <= offset)
            .copied()
            .unwrap_or((0, 0));
        source_at + (offset - text_at)
    };
    (text, to_source)
}

/// The quoted `href` and `src` attributes in a piece of raw HTML, as byte positions
/// (attribute name, value start, value end).
fn url_attributes(html: &str) -> Vec<(usize, usize, usize)> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 1;
    while i < bytes.len() {
        let name_len = if bytes[i..].len() >= 4 && bytes[i..i + 4].eq_ignore_ascii_case(b"href") {
            4
        } else if bytes[i..].len() >= 3 && bytes[i..i + 3].eq_ignore_ascii_case(b"src") {
            3
        } else {
            i += 1;
            continue;
        };
        let start = i;
        i += name_len;
        if !bytes[start - 1].is_ascii_whitespace() {
            continue;
        }
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let Some(&quote) = bytes.get(j).filter(|q| matches!(q, b'"' | b'\'')) else {
            continue;
        };
        let Some(len) = bytes[j + 1..].iter().position(|b| *b == quote) else {
            break;
        };
        found.push((start, j + 1, j + 1 + len));
        i = j + 2 + len;
    }
    found
}

/// Whether a piece of inline HTML starts with one of `prefixes` (lower case).
fn is_tag(html: &str, prefixes: &[&str]) -> bool {
    let lower = html.trim_start().to_ascii_lowercase();
    prefixes.iter().any(|p| lower.starts_with(p))
}

/// `base`, or `base-2`, `base-3` … whichever is not taken yet; records it as taken.
fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let mut id = base.to_owned();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// The language of a fenced code block: the first word of its info string, when it
/// looks like a language name (`rust`, `c++`, `objective-c`).
fn language(info: &str) -> Option<String> {
    let word = info
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()?;
    let ok = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.' | '#'));
    ok.then(|| word.to_owned())
}

/// The background of code blocks; every token colour is made to reach WCAG AA contrast
/// (4.5:1) on it.
pub const CODE_BACKGROUND: &str = "#f6f8fa";

/// The stylesheet for highlighted code (syntect classes), with AA contrast; written to
/// `static/highlight.css`.
pub fn highlight_css() -> String {
    let themes = ThemeSet::load_defaults();
    let Some(mut theme) = themes.themes.get("InspiredGitHub").cloned() else {
        return String::new();
    };
    let background = parse_hex(CODE_BACKGROUND).unwrap_or(Color::WHITE);
    // Scope backgrounds (diff lines, invalid code) sit on the code background.
    let mut backgrounds = vec![background];
    for item in &mut theme.scopes {
        if let Some(bg) = item.style.background {
            let bg = blend(bg, background);
            item.style.background = Some(bg);
            backgrounds.push(bg);
        }
    }
    for item in &mut theme.scopes {
        if let Some(fg) = item.style.foreground {
            item.style.foreground = Some(accessible(blend(fg, background), &backgrounds));
        }
    }
    let text = theme.settings.foreground.unwrap_or(Color::BLACK);
    let text = accessible(blend(text, background), &backgrounds);
    theme.settings.foreground = Some(text);
    theme.settings.background = Some(background);
    let css = css_for_theme_with_class_style(&theme, CLASS_STYLE).unwrap_or_default();
    format!(
        "/* Code highlighting: syntect's InspiredGitHub theme, every colour darkened\n   \
         where needed to reach WCAG AA contrast (4.5:1) on the code background. */\n\
         pre.code {{ color: {}; background-color: {}; }}\n\n{css}",
        hex(text),
        hex(background),
    )
}

/// `color` darkened, step by step, until it reaches 4.5:1 against every background.
fn accessible(color: Color, backgrounds: &[Color]) -> Color {
    let passes = |c: Color| backgrounds.iter().all(|bg| contrast(c, *bg) >= 4.5);
    let mut c = color;
    let mut factor = 1.0;
    while !passes(c) && factor > 0.0 {
        factor -= 0.02;
        c = scale(color, factor);
    }
    c
}

fn scale(c: Color, factor: f64) -> Color {
    let channel = |v: u8| (f64::from(v) * factor.max(0.0)).round() as u8;
    Color {
        r: channel(c.r),
        g: channel(c.g),
        b: channel(c.b),
        a: 0xff,
    }
}

/// A translucent colour as it shows over `under`.
fn blend(c: Color, under: Color) -> Color {
    let a = f64::from(c.a) / 255.0;
    let mix =
        |top: u8, bottom: u8| (f64::from(top) * a + f64::from(bottom) * (1.0 - a)).round() as u8;
    Color {
        r: mix(c.r, under.r),
        g: mix(c.g, under.g),
        b: mix(c.b, under.b),
        a: 0xff,
    }
}

/// WCAG 2 contrast ratio.
fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// WCAG 2 relative luminance.
fn luminance(c: Color) -> f64 {
    let linear = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// `#rrggbb` → colour.
fn parse_hex(text: &str) -> Option<Color> {
    let h = text.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
    Some(Color {
        r: channel(0)?,
        g: channel(2)?,
        b: channel(4)?,
        a: 0xff,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: MdContext<'static> = MdContext {
        source_rel: "projects/a/index.md",
        first_line: 1,
        page_path: "projects/a/index.html",
    };

    fn render_at(text: &str, at: &MdContext<'_>) -> Html {
        static MD: std::sync::OnceLock<Markdown> = std::sync::OnceLock::new();
        static LINKS: std::sync::OnceLock<LinkMap> = std::sync::OnceLock::new();
        let md = MD.get_or_init(Markdown::new);
        let links = LINKS.get_or_init(|| LinkMap::new(&super::links::tests::portfolio()));
        md.render(text, at, links)
    }

    fn render(text: &str) -> Html {
        render_at(text, &A)
    }

    /// A text with no `<` in it skips ammonia: what it renders must be what ammonia
    /// would have made of it, for every kind of Markdown and every character that
    /// HTML escapes.
    #[test]
    fn texts_without_raw_html_render_as_ammonia_would_leave_them() {
        let links = LinkMap::new(&super::links::tests::portfolio());
        let fast = Markdown::new();
        let careful = Markdown {
            always_clean: true,
            ..Markdown::new()
        };
        let texts = [
            "# Heading {#custom .wide}\n\nA *b* **c** ~~d~~ `e & f` \"q\" 'a' & &amp; &copy; &#60; x > y.\n",
            "- [x] done\n- [ ] to do\n\n1. one\n2. two\n\n> quoted \"text\"\n\n---\n",
            "| a | \"b\" |\n|:-:|--:|\n| 1 & 2 | 3 |\n",
            "Text[^n] and more.\n\n[^n]: The note, with a [link](https://example.org/?a=1&b=2 \"T & t\").\n",
            "```rust\nfn main() { let s = \"<&>\"; }\n```\n\n```\nplain & code\n```\n",
            "![A chart & \"data\"](chart.png \"Title\") and [mail](mailto:a@b.nhs.uk), [tel](tel:0123).\n",
            "[internal](../b/index.md) and [a page](https://example.org/a_b#c) and [rel](./x.pdf).\n",
            "## Questions?\n\nLine one  \nline two\\\nthree.\n\n    indented code & \"quotes\"\n",
            "Smart -- dashes ... and \u{a0}non-breaking and emoji 🙂 and tab\there.\n",
            "[it's](https://example.org/it's%20a \"it's \u{a0}\") [sp](<https://x.org/a b>) [q](https://x.org/?q=\"a\")\n",
            "Auto https://example.org and www.example.org, \\* not a list, \\_x\\_ and 5 * 3.\n",
            "Term | with | pipes\n\n* a\n  * b\n    * c\n\n[ref]: https://example.org\n\nSee [ref] & [ref][].\n",
        ];
        for text in texts {
            let mut ids = RESERVED_IDS.iter().map(|s| (*s).to_owned()).collect();
            let got = fast.render_on_page(text, &A, &links, &mut ids).html;
            let mut ids = RESERVED_IDS.iter().map(|s| (*s).to_owned()).collect();
            let want = careful.render_on_page(text, &A, &links, &mut ids).html;
            assert_eq!(got, want, "{text:?}");
        }
        // An address ammonia would take out goes through ammonia.
        for url in ["javascript:alert(1)", "data:text/html,x", "vbscript:x"] {
            let html = render(&format!("[x]({url})")).html;
            assert!(!html.contains(url), "{html}");
        }
    }

    #[test]
    fn markdown_is_shared_across_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Markdown>();
        send_sync::<LinkMap>();
    }

    #[test]
    fn each_extension_renders() {
        let cases = [
            ("| a | b |\n|:-:|--:|\n| 1 | 2 |\n", "<th scope=\"col\" class=\"align-center\">a</th>"),
            ("| a | b |\n|:-:|--:|\n| 1 | 2 |\n", "<td class=\"align-right\">2</td>"),
            ("| a |\n|---|\n| 1 |\n", "<th scope=\"col\">a</th>"),
            ("~~old~~ new", "<del>old</del> new"),
            ("- [x] done\n- [ ] to do\n", "<input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Done\">"),
            ("- [ ] to do\n", "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\">"),
            ("Falls fell[^note].\n\n[^note]: By a third.\n", "<sup class=\"footnote-ref\"><a href=\"#fn-note\" id=\"fnref-note\">1</a></sup>"),
            ("Falls fell[^note].\n\n[^note]: By a third.\n", "<div class=\"footnote-definition\" id=\"fn-note\"><sup class=\"footnote-label\">1</sup>"),
            ("Falls fell[^note].\n\n[^note]: By a third.\n", "<a href=\"#fnref-note\" class=\"footnote-back\" aria-label=\"Back to reference 1\">↩</a></div>"),
            ("# Our aim {#aim}\n", "<h2 id=\"aim\">Our aim</h2>"),
            ("<details><summary>More</summary>\n\nHidden *text*.\n\n</details>\n", "<details><summary>More</summary>"),
            ("<figure><img src=\"files/poster.pdf\" alt=\"A poster\"><figcaption>Poster</figcaption></figure>\n", "<figcaption>Poster</figcaption></figure>"),
            ("The <abbr title=\"National Early Warning Score\">NEWS</abbr> 2<sup>nd</sup>", "<abbr title=\"National Early Warning Score\">NEWS</abbr> 2<sup>nd</sup>"),
            ("`x < 1`", "<code>x &lt; 1</code>"),
        ];
        for (text, want) in cases {
            let html = render(text).html;
            assert!(html.contains(want), "{text:?}\nwant {want}\ngot  {html}");
        }
    }

    #[test]
    fn headings_shift_down_one_level_with_unique_ids() {
        let out = render(
            "# Aim\n\n## Measures\n\n# Aim\n\n# Aim\n\n###### Deep\n\n# Main\n\n# `Code` and *more*\n\n# ???\n",
        );
        let want = [
            (2, "aim", "Aim"),
            (3, "measures", "Measures"),
            (2, "aim-2", "Aim"),
            (2, "aim-3", "Aim"),
            (6, "deep", "Deep"),
            (2, "main-2", "Main"),
            (2, "code-and-more", "Code and more"),
            (2, "section", "???"),
        ];
        let got: Vec<(u8, &str, &str)> = out
            .headings
            .iter()
            .map(|(l, id, t)| (*l, id.as_str(), t.as_str()))
            .collect();
        assert_eq!(got, want);
        assert!(out.html.contains("<h2 id=\"aim\">Aim</h2>"), "{}", out.html);
        assert!(
            out.html.contains("<h6 id=\"deep\">Deep</h6>"),
            "{}",
            out.html
        );
        assert!(
            out.html
                .contains("<h2 id=\"code-and-more\"><code>Code</code> and <em>more</em></h2>"),
            "{}",
            out.html
        );
        assert!(!out.html.contains("<h1"), "{}", out.html);
        assert!(!out.html.contains("id=\"main\""), "{}", out.html);
    }

    #[test]
    fn code_is_highlighted_with_classes_not_styles() {
        let html = render("```rust\nfn main() { let x = \"<b>\"; }\n```\n").html;
        assert!(
            html.starts_with("<pre class=\"code\"><code class=\"language-rust\"><span class=\"hl-"),
            "{html}"
        );
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("style="), "{html}");

        let cases = [
            ("```nosuchlanguage\n<b>&\n```\n", "<pre class=\"code\"><code class=\"language-nosuchlanguage\">&lt;b&gt;&amp;\n</code></pre>"),
            ("```\nplain\n```\n", "<pre class=\"code\"><code>plain\n</code></pre>"),
            ("    indented\n", "<pre class=\"code\"><code>indented\n</code></pre>"),
            ("```python title=\"x\"\npass\n```\n", "<code class=\"language-python\"><span class=\"hl-source hl-python\">"),
        ];
        for (text, want) in cases {
            let html = render(text).html;
            assert!(html.contains(want), "{text:?}\nwant {want}\ngot  {html}");
        }
    }

    #[test]
    fn dangerous_html_is_removed() {
        let cases = [
            ("<script>alert(1)</script>Hi", "<script", "alert"),
            ("<style>body{display:none}</style>Hi", "<style", "display"),
            (
                "<iframe src=\"https://example.org\"></iframe>Hi",
                "<iframe",
                "example.org",
            ),
            ("<p onclick=\"steal()\">Hi</p>", "onclick", "steal"),
            (
                "<a href=\"javascript:alert(1)\">Hi</a>",
                "javascript",
                "alert",
            ),
            (
                "<img src=\"x.png\" onerror=\"steal()\" alt=\"x\">",
                "onerror",
                "steal",
            ),
            ("<div style=\"position:fixed\">Hi</div>", "style=", "fixed"),
            ("<h2 id=\"main\">Hi</h2>", "id=\"main\"", "id=\"main\""),
            (
                "<span class=\"site-header\">Hi</span>",
                "site-header",
                "site-header",
            ),
            (
                "<input type=\"text\" value=\"x\">",
                "type=\"text\"",
                "type=\"text\"",
            ),
            (
                "<form action=\"https://x\"><button>Go</button></form>",
                "<form",
                "<button",
            ),
        ];
        for (text, tag, content) in cases {
            let html = render(text).html;
            assert!(
                !html.contains(tag) && !html.contains(content),
                "{text:?} gave {html}"
            );
        }
        let out = render("[Hi](javascript:alert(1))");
        assert_eq!(out.html, "<p>Hi</p>\n");
        assert_eq!(out.diagnostics.len(), 1);
        assert!(out.diagnostics[0]
            .message
            .contains("`javascript:` links are not allowed"));
    }

    #[test]
    fn links_and_images_point_at_pages_and_files() {
        let cases = [
            ("[B](../b/index.md)", "<a href=\"../b/index.html\">B</a>"),
            ("[B](../b/)", "<a href=\"../b/index.html\">B</a>"),
            (
                "[cycle](pdsa/01-first.md)",
                "<a href=\"pdsa/01-first.html\">cycle</a>",
            ),
            ("[aim](#aim)", "<a href=\"#aim\">aim</a>"),
            (
                "[their aim](../b/index.md#aim)",
                "<a href=\"../b/index.html#aim\">their aim</a>",
            ),
            (
                "[Ana](../../people/ana.md)",
                "<a href=\"../../people/ana/index.html\">Ana</a>",
            ),
            (
                "[rate](measures/falls-rate.csv)",
                "<a href=\"#measure-falls-rate\">rate</a>",
            ),
            (
                "![Chart](files/img/chart%20one.png)",
                "<img src=\"files/img/chart%20one.png\" alt=\"Chart\">",
            ),
            (
                "![Poster](files/poster.pdf \"A3\")",
                "<img src=\"files/poster.pdf\" alt=\"Poster\" title=\"A3\">",
            ),
            (
                "[NHS](https://www.nhs.uk/)",
                "<a href=\"https://www.nhs.uk/\">NHS</a>",
            ),
            (
                "<https://www.nhs.uk/>",
                "<a href=\"https://www.nhs.uk/\">https://www.nhs.uk/</a>",
            ),
            (
                "<qi@example.nhs.uk>",
                "<a href=\"mailto:qi@example.nhs.uk\">qi@example.nhs.uk</a>",
            ),
            (
                "[B][b]\n\n[b]: ../b/index.md\n",
                "<a href=\"../b/index.html\">B</a>",
            ),
            (
                "<a href=\"files/poster.pdf\">raw</a>",
                "<a href=\"files/poster.pdf\">raw</a>",
            ),
        ];
        for (text, want) in cases {
            let out = render(text);
            assert!(
                out.html.contains(want),
                "{text:?}\nwant {want}\ngot  {}",
                out.html
            );
            assert!(
                out.diagnostics.is_empty(),
                "{text:?}: {:?}",
                out.diagnostics
            );
            assert!(!out.html.contains("rel="), "{}", out.html);
        }
        let cycle = MdContext {
            source_rel: "projects/a/pdsa/01-first.md",
            first_line: 1,
            page_path: "projects/a/pdsa/01-first.html",
        };
        let html = render_at(
            "[project](../index.md) [chart](../files/poster.pdf)",
            &cycle,
        )
        .html;
        assert!(
            html.contains("<a href=\"../index.html\">project</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"../files/poster.pdf\">chart</a>"),
            "{html}"
        );
    }

    #[test]
    fn broken_links_are_plain_text_with_a_located_error() {
        let at = MdContext {
            first_line: 12,
            ..A
        };
        let text = "Intro.\n\nSee the ünïcode [other project](../other/index.md) and\n  ![a chart](files/missing.png).\n";
        let out = render_at(text, &at);
        assert!(
            out.html.contains("See the ünïcode other project and"),
            "{}",
            out.html
        );
        assert!(out.html.contains("a chart."), "{}", out.html);
        assert!(
            !out.html.contains("<a") && !out.html.contains("<img"),
            "{}",
            out.html
        );
        let found: Vec<(Severity, &str, usize, usize, Option<&str>)> = out
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.severity,
                    d.path.as_str(),
                    d.line,
                    d.col,
                    d.source_line.as_deref(),
                )
            })
            .collect();
        let want = [
            (
                Severity::Error,
                "projects/a/index.md",
                14,
                17,
                Some("See the ünïcode [other project](../other/index.md) and"),
            ),
            (
                Severity::Error,
                "projects/a/index.md",
                15,
                3,
                Some("  ![a chart](files/missing.png)."),
            ),
        ];
        assert_eq!(found, want);
        let first = &out.diagnostics[0];
        assert_eq!(
            first.message,
            "broken link `../other/index.md`: `projects/other/index.md` does not exist in this portfolio"
        );
        assert_eq!(
            first.hint.as_deref(),
            Some("check the path; links are relative to this file, e.g. `../other-project/index.md` or `files/poster.pdf`")
        );
        assert!(out.diagnostics[1]
            .message
            .starts_with("broken image `files/missing.png`"));
    }

    #[test]
    fn raw_html_links_resolve_like_markdown_links() {
        let cases = [
            (
                "<a href=\"../b/index.md\">B</a>",
                "<a href=\"../b/index.html\">B</a>",
            ),
            (
                "<p>Go <a class='x' href='../b/'>B</a></p>",
                "<a href=\"../b/index.html\">B</a>",
            ),
            (
                "<img alt=\"Chart\" src=\"files/poster.pdf\">",
                "<img alt=\"Chart\" src=\"files/poster.pdf\">",
            ),
            (
                "<a href=\"https://nhs.uk\">NHS</a>",
                "<a href=\"https://nhs.uk\">NHS</a>",
            ),
            (
                "<a data-href=\"x\" href=\"#aim\">aim</a>",
                "<a href=\"#aim\">aim</a>",
            ),
        ];
        for (text, want) in cases {
            let out = render(text);
            assert!(
                out.html.contains(want),
                "{text:?}\nwant {want}\ngot  {}",
                out.html
            );
            assert!(
                out.diagnostics.is_empty(),
                "{text:?}: {:?}",
                out.diagnostics
            );
        }
        let at = MdContext { first_line: 3, ..A };
        let out = render_at(
            "Text\n\n<div>\n<a title=\"t\" href=\"../x/index.md\">X</a>\n</div>\n",
            &at,
        );
        assert!(out.html.contains("<a title=\"t\">X</a>"), "{}", out.html);
        let found: Vec<(usize, usize, &str)> = out
            .diagnostics
            .iter()
            .map(|d| (d.line, d.col, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [(6, 14, "broken link `../x/index.md`: `projects/x/index.md` does not exist in this portfolio")]
        );
    }

    #[test]
    fn ids_stay_unique_across_the_bodies_of_one_page() {
        let md = Markdown::new();
        let links = LinkMap::default();
        let mut ids: HashSet<String> = ["main", "plan", "do"].map(String::from).into();
        let first = md.render_on_page(
            "# Plan\n\n# Notes\n\nA[^1].\n\n[^1]: One.\n",
            &A,
            &links,
            &mut ids,
        );
        let second = md.render_on_page("# Notes\n\nB[^1].\n\n[^1]: Two.\n", &A, &links, &mut ids);
        let heading_ids = |h: &Html| {
            h.headings
                .iter()
                .map(|(_, id, _)| id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(heading_ids(&first), ["plan-2", "notes"]);
        assert_eq!(heading_ids(&second), ["notes-2"]);
        assert!(first.html.contains("id=\"fn-1\"") && first.html.contains("href=\"#fn-1\""));
        assert!(
            second.html.contains("id=\"fn-1-2\"") && second.html.contains("href=\"#fn-1-2\""),
            "{}",
            second.html
        );
        assert!(
            second.html.contains("id=\"fnref-1-2\"") && second.html.contains("href=\"#fnref-1-2\"")
        );
    }

    #[test]
    fn empty_column_headings_are_warned_about() {
        let at = MdContext {
            first_line: 10,
            ..A
        };
        let out = render_at("| | Before |\n|---|---|\n| Falls | 9 |\n", &at);
        let found: Vec<(Severity, usize, usize, &str)> = out
            .diagnostics
            .iter()
            .map(|d| (d.severity, d.line, d.col, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [(
                Severity::Warning,
                10,
                2,
                "a table column has an empty heading"
            )]
        );
        assert!(render_at("| Ward | Before |\n|---|---|\n| 7 | 9 |\n", &at)
            .diagnostics
            .is_empty());
    }

    #[test]
    fn images_without_alt_text_are_warned_about() {
        let at = MdContext { first_line: 5, ..A };
        let out = render_at(
            "Text\n\nA ![](files/poster.pdf) and ![ ](files/poster.pdf)\n",
            &at,
        );
        let found: Vec<(Severity, usize, usize, &str)> = out
            .diagnostics
            .iter()
            .map(|d| (d.severity, d.line, d.col, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (Severity::Warning, 7, 3, "image has no alt text"),
                (Severity::Warning, 7, 29, "image has no alt text"),
            ]
        );
        assert!(
            out.html.contains("<img src=\"files/poster.pdf\" alt=\"\">"),
            "{}",
            out.html
        );
        assert!(render("![A poster](files/poster.pdf)")
            .diagnostics
            .is_empty());
    }

    /// Draws a chart as a marker the sanitiser would strip (so a test can tell that
    /// the chart went in after sanitising); knows only project `a`, measure `m`.
    struct FakeCharts;

    impl ChartEmbedder for FakeCharts {
        fn embed(
            &self,
            chart: &ChartRef,
            page_path: &str,
            id: &str,
        ) -> Result<String, (String, String)> {
            if chart.project != "a" || chart.measure != "m" {
                return Err((
                    format!("no chart `{}`/`{}`", chart.project, chart.measure),
                    "use a/m".into(),
                ));
            }
            Ok(format!(
                "<div data-chart=\"{id}\" data-page=\"{page_path}\"></div>"
            ))
        }
    }

    fn render_charts(text: &str, first_line: usize) -> Html {
        let md = Markdown::new();
        let links = LinkMap::default();
        let mut ids = RESERVED_IDS.iter().map(|s| (*s).to_owned()).collect();
        let at = MdContext { first_line, ..A };
        md.render_with_charts(text, &at, &links, &mut ids, Some(&FakeCharts))
    }

    fn located(out: &Html) -> Vec<(usize, usize, &str)> {
        out.diagnostics
            .iter()
            .map(|d| (d.line, d.col, d.message.as_str()))
            .collect()
    }

    #[test]
    fn a_chart_shortcode_paragraph_becomes_the_chart() {
        let text = "# Results\n\nBefore.\n\n{{ chart(project=\"a\", measure=\"m\") }}\n\n\
                    > {{ chart( project = 'a',\n> measure = 'm' ) }}\n\nAfter.\n";
        let out = render_charts(text, 1);
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        let first = out
            .html
            .find("<div data-chart=\"chart-embed-a-m\" data-page=\"projects/a/index.html\"></div>");
        let second = out.html.find("<div data-chart=\"chart-embed-a-m-2\"");
        assert!(first.is_some() && second.is_some(), "{}", out.html);
        assert!(!out.html.contains("{{"), "{}", out.html);
        assert!(!out.html.contains("qisitechartembed"), "{}", out.html);
        assert!(!out.html.contains("<p>\n<div"), "{}", out.html);
        assert!(out.html.contains("<p>Before.</p>") && out.html.contains("<p>After.</p>"));
    }

    #[test]
    fn shortcodes_in_code_stay_literal() {
        let text = "Write `{{ chart(project=\"a\", measure=\"m\") }}`.\n\n\
                    ```\n{{ chart(project=\"a\", measure=\"m\") }}\n```\n\n\
                    ```markdown\n{{ chart(nonsense\n```\n\n    {{ chart(project=\"x\") }}\n";
        let out = render_charts(text, 1);
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        assert!(!out.html.contains("data-chart"), "{}", out.html);
        assert!(
            out.html
                .contains("<code>{{ chart(project=\"a\", measure=\"m\") }}</code>"),
            "{}",
            out.html
        );
        assert!(out.html.contains("{{ chart(nonsense"), "{}", out.html);
    }

    #[test]
    fn misplaced_or_malformed_shortcodes_are_located_errors() {
        let text = "Intro.\n\n\
                    See {{ chart(project=\"a\", measure=\"m\") }} here.\n\n\
                    {{ chart(project=\"a\", mesure=\"m\") }}\n\n\
                    {{ chart(project=\"zz\", measure=\"m\") }}\n\n\
                    - {{ chart(project=\"a\", measure=\"m\") }}\n\n\
                    {{ graph(x=\"1\") }}\n\n\
                    A {{ template }} is fine.\n\n\
                    {{ chart(project=\"a\", measure=\"m_x_y\") }}\n\n\
                    {{ chart(project=\"a\", measure=\"*m*\") }}\n";
        let out = render_charts(text, 10);
        assert_eq!(
            located(&out),
            [
                (12, 5, "a chart shortcode must be a paragraph of its own"),
                (14, 23, "unknown argument `mesure`"),
                (16, 1, "no chart `zz`/`m`"),
                (18, 3, "a chart shortcode must be a paragraph of its own"),
                (20, 4, "unknown shortcode `graph`"),
                (24, 1, "no chart `a`/`m_x_y`"),
                (26, 1, "no chart `a`/`*m*`"),
            ]
        );
        assert!(out
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Error));
        let typo = &out.diagnostics[1];
        assert_eq!(
            typo.source_line.as_deref(),
            Some("{{ chart(project=\"a\", mesure=\"m\") }}")
        );
        assert!(typo
            .hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `measure`?"));
        assert_eq!(out.diagnostics[2].hint.as_deref(), Some("use a/m"));
        // Shortcodes that are not drawn stay as the author wrote them.
        assert!(!out.html.contains("data-chart"), "{}", out.html);
        assert!(out.html.contains("{{ chart(project=\"zz\""), "{}", out.html);
        assert!(
            out.html.contains("A {{ template }} is fine."),
            "{}",
            out.html
        );
    }

    #[test]
    fn charts_need_an_embedder_and_leave_no_trace_in_plain_text() {
        let text = "{{ chart(project=\"a\", measure=\"m\") }}\n\nText.\n";
        let out = render(text);
        assert!(out.diagnostics.is_empty());
        assert!(out.html.contains("{{ chart("), "{}", out.html);
        assert_eq!(Markdown::new().plain_text(text), "Text.");
        // Text that happens to hold the placeholder word cannot be mistaken for a chart.
        let sneaky = "qisitechartembed000000\n\n{{ chart(project=\"a\", measure=\"m\") }}\n";
        let out = render_charts(sneaky, 1);
        assert!(
            out.html.starts_with("<p>qisitechartembed000000</p>"),
            "{}",
            out.html
        );
        assert_eq!(out.html.matches("data-chart").count(), 1, "{}", out.html);
    }

    #[test]
    fn plain_text_has_no_markup() {
        let md = Markdown::new();
        let cases = [
            (
                "# Aim\n\nReduce **falls** by *half*.",
                "Aim Reduce falls by half.",
            ),
            (
                "See [the chart](x.md) and `code`.",
                "See the chart and code.",
            ),
            ("- one\n- two\n\n> quoted\n", "one two quoted"),
            ("A<br>b <span>c</span>", "A b c"),
            ("Hi <script>alert(1)</script>there", "Hi there"),
            ("Note[^1].\n\n[^1]: Hidden.\n", "Note."),
            ("  lots\n\n\n   of    space  ", "lots of space"),
            ("| a | b |\n|---|---|\n| 1 | 2 |\n", "a b 1 2"),
            ("", ""),
        ];
        for (text, want) in cases {
            assert_eq!(md.plain_text(text), want, "{text:?}");
        }
    }

    /// Every colour the stylesheet gives text reaches 4.5:1 on every background it
    /// names (the code background and any token backgrounds).
    #[test]
    fn highlight_css_has_aa_contrast() {
        let css = highlight_css();
        let values = |property: &str| -> Vec<Color> {
            css.split(';')
                .filter_map(|decl| {
                    let decl = decl.trim().rsplit(['{', '\n']).next()?.trim();
                    let value = decl.strip_prefix(property)?.strip_prefix(':')?.trim();
                    Some(parse_hex(value).unwrap_or_else(|| panic!("`{value}` is not #rrggbb")))
                })
                .collect()
        };
        let colors = values("color");
        let backgrounds = values("background-color");
        assert!(colors.len() > 20, "{css}");
        assert!(backgrounds.contains(&parse_hex(CODE_BACKGROUND).unwrap()));
        for fg in &colors {
            for bg in &backgrounds {
                let ratio = contrast(*fg, *bg);
                assert!(ratio >= 4.5, "{} on {}: {ratio:.2}", hex(*fg), hex(*bg));
            }
        }
        assert!(css.contains("pre.code {"), "{css}");
        assert!(css.contains(".hl-comment {"), "{css}");
    }

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 1e-9);
        let grey = parse_hex("#767676").unwrap();
        assert!((contrast(grey, Color::WHITE) - 4.54).abs() < 0.01);
        let light = parse_hex("#999999").unwrap();
        assert!(contrast(accessible(light, &[Color::WHITE]), Color::WHITE) >= 4.5);
    }
}
