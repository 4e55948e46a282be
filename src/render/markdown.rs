//! Markdown → sanitised HTML: pulldown-cmark with tables, footnotes, strikethrough,
//! task lists and heading anchors; code highlighted by syntect with CSS classes; links
//! between content files rewritten to relative page URLs (broken ones reported as
//! located diagnostics); raw HTML sanitised by ammonia. Pure: no I/O.
//!
//! The renderer rewrites pulldown-cmark's event stream (headings, code blocks, links,
//! images, footnotes, table cells, task markers) and lets pulldown-cmark's HTML writer
//! do the rest; the whole result then goes through ammonia, so raw HTML written in a
//! content file can never add scripts, styles or event handlers to a page.
//! Depends on `render::links`, `render::paths`, `content::load::slugify` and `error`.

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

use super::links::{self, LinkMap, Target};
use super::paths;

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
/// `-2` appended), and raw HTML in Markdown cannot set them.
pub const RESERVED_IDS: [&str; 1] = ["main"];

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
}

impl Markdown {
    pub fn new() -> Markdown {
        Markdown {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            cleaner: cleaner(),
        }
    }

    pub fn render(&self, text: &str, at: &MdContext<'_>, links: &LinkMap) -> Html {
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
            used_ids: RESERVED_IDS.iter().map(|s| (*s).to_owned()).collect(),
            headings: Vec::new(),
            diagnostics: Vec::new(),
        };
        for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
            state.event(event, range.start);
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, state.out.into_iter());
        Html {
            html: self.cleaner.clean(&html).to_string(),
            headings: state.headings,
            diagnostics: state.diagnostics,
        }
    }

    /// Markdown to plain text (for summaries, card snippets and `<meta>` descriptions).
    pub fn plain_text(&self, text: &str) -> String {
        let mut out = String::new();
        let mut in_footnote = false;
        for event in Parser::new_ext(text, options()) {
            match event {
                Event::Start(Tag::FootnoteDefinition(_)) => in_footnote = true,
                Event::End(TagEnd::FootnoteDefinition) => in_footnote = false,
                _ if in_footnote => {}
                Event::Text(t) | Event::Code(t) => out.push_str(&t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                Event::End(_) | Event::Rule => out.push(' '),
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
            None => html.push_str(&escape(code)),
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
    footnotes: BTreeMap<String, usize>,
    referenced: HashSet<String>,
    /// The footnote definitions open around the current event.
    footnote_stack: Vec<String>,
    used_ids: HashSet<String>,
    headings: Vec<(u8, String, String)>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> State<'a, '_> {
    fn event(&mut self, event: Event<'a>, offset: usize) {
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
                    format!("<th scope=\"col\"{class}>")
                } else {
                    format!("<td{class}>")
                };
                self.push(Event::Html(tag.into()));
            }
            Event::End(TagEnd::TableCell) => {
                let tag = if self.table.in_head { "</th>" } else { "</td>" };
                self.table.cell += 1;
                self.push(Event::Html(tag.into()));
            }
            Event::TaskListMarker(done) => {
                let html = if done {
                    "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
                } else {
                    "<input type=\"checkbox\" disabled aria-label=\"Not done\"> "
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

impl<'a> State<'a, '_> {
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
        let id = unique_id(&base, &mut self.used_ids);
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
            Target::Internal(target) => Some(paths::relative(self.at.page_path, &target).into()),
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
        let next = self.footnotes.len() + 1;
        let number = *self.footnotes.entry(name.to_owned()).or_insert(next);
        let slug = match slugify(name) {
            s if s.is_empty() => number.to_string(),
            s => s,
        };
        (number, slug)
    }
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

/// HTML-escapes text for element content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
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
