//! Atom feeds (RFC 4287) of what is new in a portfolio: stories, projects started or
//! completed, and celebration showcases, as `feeds/<name>.xml`.
//!
//! Every date comes from the content (a story's date, a project's `started` and
//! `ended`, an event's date), never from the clock, so the same portfolio always gives
//! the same bytes. Ids are `urn:uuid:` names made from the site's title and
//! organisation and the entry's own key, so they stay the same when the site moves to
//! another address or `base_url` is set later. Links are absolute when the site's
//! address is known, and otherwise relative to the feed file (RFC 4287 §2 allows
//! relative references; a reader resolves them against the feed's own address).
//!
//! Pure: no I/O. Uses the content model, [`paths`] and [`views::Link`].

use super::views::Link;
use super::{format, paths};
use crate::config::SiteConfig;
use crate::content::date::Date;
use crate::content::load::slugify;
use crate::content::model::{Portfolio, Project, Status, TeamRole};
use crate::content::validate::progress_label;

/// The most entries a feed keeps: the newest. Feed readers poll often, and a feed of
/// every project of a large portfolio would be megabytes.
pub const MAX_ENTRIES: usize = 50;

/// One feed, before it is written as XML.
#[derive(Clone, Debug, PartialEq)]
pub struct Feed {
    /// `stories`, `projects` or `showcases`: the file is [`paths::feed`] of it.
    pub name: &'static str,
    /// What the feed follows, e.g. "Stories".
    pub title: String,
    /// The output path of the page that lists the same things (the `alternate` link).
    pub page: String,
    /// Newest first, at most [`MAX_ENTRIES`].
    pub entries: Vec<Entry>,
}

/// One entry of a feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Unique within the site and never reused, e.g. `story:falls-halved` or
    /// `project-completed:falls-ward-7`: the entry's id is made from it.
    pub key: String,
    pub title: String,
    /// The output path of the entry's page.
    pub path: String,
    pub updated: Date,
    /// Plain text.
    pub summary: String,
    /// People's names.
    pub authors: Vec<String>,
    /// `(term, label)` pairs, e.g. a story's tags.
    pub categories: Vec<(String, String)>,
}

impl Feed {
    /// The output path of the feed file.
    pub fn path(&self) -> String {
        paths::feed(self.name)
    }

    /// The newest entry's date: the feed's `updated`.
    pub fn updated(&self) -> Option<Date> {
        self.entries.iter().map(|e| e.updated).max()
    }
}

/// The portfolio's feeds that have at least one entry, in a fixed order: stories,
/// projects, showcases.
pub fn feeds(p: &Portfolio) -> Vec<Feed> {
    [stories(p), projects(p), showcases(p)]
        .into_iter()
        .filter(|f| !f.entries.is_empty())
        .collect()
}

/// Links to the portfolio's feeds, for `<link rel="alternate">` and the footer.
pub fn links(p: &Portfolio) -> Vec<Link> {
    feeds(p)
        .into_iter()
        .map(|f| Link {
            path: f.path(),
            title: f.title,
        })
        .collect()
}

/// The name of a person by slug, or the slug when the person is unknown.
fn person_name(p: &Portfolio, slug: &str) -> String {
    p.people
        .binary_search_by(|x| x.slug.as_str().cmp(slug))
        .map(|i| p.people[i].meta.name.clone())
        .unwrap_or_else(|_| slug.to_owned())
}

/// Keeps the newest items (by date, then key, so ties are stable), newest first, and
/// only then makes their entries: a large portfolio's feed costs a sort of dates, not
/// an entry per project.
fn newest<T>(
    mut items: Vec<(Date, String, T)>,
    entry: impl Fn(Date, String, T) -> Entry,
) -> Vec<Entry> {
    items.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    items.truncate(MAX_ENTRIES);
    items
        .into_iter()
        .map(|(date, key, item)| entry(date, key, item))
        .collect()
}

fn stories(p: &Portfolio) -> Feed {
    let items = p
        .stories
        .iter()
        .map(|s| (s.date, format!("story:{}", s.slug), s))
        .collect();
    let entries = newest(items, |date, key, s| {
        let author = s.meta.author.as_ref().map(|a| person_name(p, &a.value));
        let summary = if s.meta.summary.trim().is_empty() {
            match &author {
                Some(name) => format!("A story by {name}, {}.", date.long()),
                None => format!("A story from {}.", date.long()),
            }
        } else {
            s.meta.summary.trim().to_owned()
        };
        Entry {
            key,
            title: s.meta.title.clone(),
            path: paths::story(&s.slug),
            updated: date,
            summary,
            authors: author.into_iter().collect(),
            categories: s
                .meta
                .tags
                .iter()
                .map(|t| (slugify(t), t.clone()))
                .filter(|(slug, _)| !slug.is_empty())
                .collect(),
        }
    });
    Feed {
        name: "stories",
        title: "Stories".to_owned(),
        page: paths::section("stories"),
        entries,
    }
}

/// The project leads' names, in team order.
fn leads(p: &Portfolio, project: &Project) -> Vec<String> {
    project
        .meta
        .team
        .iter()
        .filter(|m| m.role == TeamRole::Lead)
        .map(|m| person_name(p, &m.person.value))
        .collect()
}

/// What a project entry announces.
#[derive(Clone, Copy)]
enum ProjectEvent {
    Started,
    Completed,
}

/// A project's start (when it is under way or over) and its completion, with their
/// dates. A completed project without `ended` is dated by `updated`; without either it
/// has no completion entry, since there is no date to give it.
fn project_events(project: &Project) -> impl Iterator<Item = (Date, ProjectEvent)> {
    let meta = &project.meta;
    let started = meta
        .started
        .filter(|_| meta.status != Status::Proposed)
        .map(|d| (d, ProjectEvent::Started));
    let completed = meta
        .ended
        .or(meta.updated)
        .filter(|_| meta.status == Status::Completed)
        .map(|d| (d, ProjectEvent::Completed));
    started.into_iter().chain(completed)
}

fn project_entry(
    p: &Portfolio,
    project: &Project,
    event: ProjectEvent,
    date: Date,
    key: String,
) -> Entry {
    let meta = &project.meta;
    let (title, lead_in) = match event {
        ProjectEvent::Started => (
            format!("Started: {}", meta.title),
            format!("Started on {}.", date.long()),
        ),
        ProjectEvent::Completed => {
            let progress = project
                .progress()
                .map(|score| {
                    let label = progress_label(score)
                        .map(|l| format!(" ({l})"))
                        .unwrap_or_default();
                    format!(" with a progress score of {score:.1}{label}")
                })
                .unwrap_or_default();
            (
                format!("Completed: {}", meta.title),
                format!("Completed on {}{progress}.", date.long()),
            )
        }
    };
    let summary = meta.summary.trim();
    Entry {
        key,
        title,
        path: paths::project(&project.slug),
        updated: date,
        summary: if summary.is_empty() {
            lead_in
        } else {
            format!("{lead_in} {summary}")
        },
        authors: leads(p, project),
        categories: vec![(
            meta.status.slug().to_owned(),
            meta.status.label().to_owned(),
        )],
    }
}

fn projects(p: &Portfolio) -> Feed {
    let items = p
        .projects
        .iter()
        .flat_map(|project| {
            project_events(project).map(move |(date, event)| {
                let kind = match event {
                    ProjectEvent::Started => "project-started",
                    ProjectEvent::Completed => "project-completed",
                };
                (date, format!("{kind}:{}", project.slug), (project, event))
            })
        })
        .collect();
    let entries = newest(items, |date, key, (project, event)| {
        project_entry(p, project, event, date, key)
    });
    Feed {
        name: "projects",
        title: "New and completed projects".to_owned(),
        page: paths::section("projects"),
        entries,
    }
}

fn showcases(p: &Portfolio) -> Feed {
    let items = p
        .showcases
        .iter()
        .map(|s| (s.meta.date, format!("showcase:{}", s.slug), s))
        .collect();
    let entries = newest(items, |date, key, s| {
        let meta = &s.meta;
        let mut summary = meta.date.long();
        if let Some(venue) = meta.venue.as_deref().filter(|v| !v.trim().is_empty()) {
            summary.push_str(&format!(", {}", venue.trim()));
        }
        summary.push('.');
        if !meta.summary.trim().is_empty() {
            summary.push_str(&format!(" {}", meta.summary.trim()));
        }
        match meta.entries.len() {
            0 => {}
            1 => summary.push_str(" 1 entry."),
            n => summary.push_str(&format!(" {n} entries.")),
        }
        let awards: Vec<String> = meta
            .entries
            .iter()
            .filter_map(|e| Some(format!("{}: {}", e.award.as_deref()?.trim(), e.title)))
            .collect();
        if !awards.is_empty() {
            summary.push_str(&format!(" Awards: {}.", awards.join("; ")));
        }
        Entry {
            key,
            title: meta.title.clone(),
            path: paths::showcase(&s.slug),
            updated: date,
            summary,
            authors: Vec::new(),
            categories: Vec::new(),
        }
    });
    Feed {
        name: "showcases",
        title: "Celebration showcases".to_owned(),
        page: paths::section("showcases"),
        entries,
    }
}

/// Escapes text for XML element content and quoted attributes, dropping the characters
/// XML 1.0 does not allow at all (control characters other than tab, line feed and
/// carriage return), so that no content can make a feed ill-formed.
pub fn xml_escape(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|c| match c {
            '\t' | '\n' | '\r' => true,
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => false,
            _ => true,
        })
        .collect();
    format::escape(&allowed)
}

/// A stable `urn:uuid:` for `key` within the site named by `namespace`: a version 8
/// (custom) UUID (RFC 9562 §5.8) holding the 128-bit FNV-1a hash of both. Not secret,
/// only unique and the same on every build.
pub fn uuid_urn(namespace: &str, key: &str) -> String {
    let mut hash = fnv1a_128(namespace.bytes().chain([0]).chain(key.bytes()));
    // Version 8 in bits 48–51, variant 0b10 in bits 64–65 (counting from the left).
    hash = (hash & !(0xF << 76)) | (0x8 << 76);
    hash = (hash & !(0x3 << 62)) | (0x2 << 62);
    let hex = format!("{hash:032x}");
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The 128-bit FNV-1a hash (Fowler, Noll and Vo; draft-eastlake-fnv).
fn fnv1a_128(bytes: impl Iterator<Item = u8>) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    bytes.fold(OFFSET, |hash, byte| {
        (hash ^ u128::from(byte)).wrapping_mul(PRIME)
    })
}

/// What names the site in entry ids: its organisation and title.
fn id_namespace(config: &SiteConfig) -> String {
    format!("qisite\0{}\0{}", config.organisation, config.title)
}

/// An RFC 3339 date-time for a calendar date: midnight UTC.
fn timestamp(date: Date) -> String {
    format!("{}T00:00:00Z", date.iso())
}

/// Writes a feed as Atom XML. `base_url` is the site's checked address (see the module
/// documentation for what happens without one).
pub fn to_xml(feed: &Feed, config: &SiteConfig, base_url: Option<&str>) -> String {
    let self_path = feed.path();
    let href = |path: &str| -> String {
        let url = match base_url {
            Some(base) => paths::absolute(base, path),
            None => paths::relative(&self_path, path),
        };
        xml_escape(&url)
    };
    let namespace = id_namespace(config);
    let author = if config.organisation.trim().is_empty() {
        config.title.trim()
    } else {
        config.organisation.trim()
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n");
    out.push_str(&format!(
        "  <id>{}</id>\n",
        uuid_urn(&namespace, &format!("feed:{}", feed.name))
    ));
    out.push_str(&format!(
        "  <title>{}: {}</title>\n",
        xml_escape(config.title.trim()),
        xml_escape(&feed.title)
    ));
    if !config.description.trim().is_empty() {
        out.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            xml_escape(config.description.trim())
        ));
    }
    if let Some(updated) = feed.updated() {
        out.push_str(&format!("  <updated>{}</updated>\n", timestamp(updated)));
    }
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        href(&self_path)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        href(&feed.page)
    ));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(author)
    ));
    out.push_str("  <generator>qisite</generator>\n");
    for e in &feed.entries {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <id>{}</id>\n", uuid_urn(&namespace, &e.key)));
        out.push_str(&format!("    <title>{}</title>\n", xml_escape(&e.title)));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(e.updated)
        ));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            href(&e.path)
        ));
        for name in &e.authors {
            out.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                xml_escape(name)
            ));
        }
        for (term, label) in &e.categories {
            out.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                xml_escape(term),
                xml_escape(label)
            ));
        }
        out.push_str(&format!(
            "    <summary type=\"text\">{}</summary>\n",
            xml_escape(&e.summary)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
pub(crate) mod tests;
