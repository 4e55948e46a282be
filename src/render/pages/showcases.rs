//! Celebration showcases: the list of events, each event's page (its categories, a
//! gallery of entries with poster thumbnails, abstracts and teams, and its awards),
//! the celebration wall (`showcases/wall/index.html`: every entry of every event, award
//! winners first), and the badges project pages show for their entries and awards.
//!
//! Award winners are marked in text ("Award: …") as well as by their look, never by
//! colour alone.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Builder;
use crate::content::date::Date;
use crate::content::model::{Portfolio, Showcase, ShowcaseEntry};
use crate::render::views::{self, Index, Link};
use crate::render::{format, paths};

/// A showcase in a list.
#[derive(Serialize)]
pub(super) struct ShowcaseSummary {
    slug: String,
    path: String,
    title: String,
    date: Date,
    venue: Option<String>,
    summary: String,
    entries: usize,
    awards: usize,
    upcoming: bool,
}

/// An entry (poster or talk) in a gallery.
#[derive(Clone, Serialize)]
struct EntryView {
    title: String,
    /// Its `id` on the event page.
    anchor: String,
    /// Its place on the event page: `showcases/<slug>/index.html#entry-3`.
    path: String,
    /// The event, for the celebration wall.
    event: Link,
    category: Option<String>,
    project: Option<Link>,
    poster: Option<PosterView>,
    r#abstract: String,
    team: Vec<Link>,
    award: Option<String>,
}

#[derive(Clone, Serialize)]
struct PosterView {
    path: String,
    name: String,
    alt: String,
    is_image: bool,
    /// The kind of file in words, e.g. "PDF", for a poster that is not an image.
    kind: String,
}

/// An award given at a showcase, with the entry and the project it went to.
#[derive(Serialize)]
struct AwardView {
    award: String,
    entry: Link,
    project: Option<Link>,
}

#[derive(Serialize)]
struct CategoryView {
    id: String,
    anchor: String,
    name: String,
    description: Option<String>,
    entries: Vec<EntryView>,
}

/// One event on the celebration wall.
#[derive(Serialize)]
struct WallSection {
    id: String,
    title: String,
    path: String,
    date: Date,
    venue: Option<String>,
    /// Award winners first, then the others in the order the event lists them.
    entries: Vec<EntryView>,
    awards: usize,
}

/// What a project page shows for one of its showcase entries.
#[derive(Clone, Serialize)]
pub(super) struct ShowcaseBadge {
    event: String,
    date: Date,
    /// The entry on the event page.
    entry: Link,
    award: Option<String>,
}

/// Every project's showcase entries, newest event first, by project slug: one pass
/// over the entries, so project pages need not search them.
pub(super) fn badges(p: &Portfolio) -> BTreeMap<String, Vec<ShowcaseBadge>> {
    let mut out: BTreeMap<String, Vec<ShowcaseBadge>> = BTreeMap::new();
    for s in &p.showcases {
        for (i, e) in s.meta.entries.iter().enumerate() {
            let Some(project) = &e.project else {
                continue;
            };
            out.entry(project.value.clone())
                .or_default()
                .push(ShowcaseBadge {
                    event: s.meta.title.clone(),
                    date: s.meta.date,
                    entry: Link {
                        title: e.title.clone(),
                        path: entry_path(s, i),
                    },
                    award: e.award.clone(),
                });
        }
    }
    out
}

fn entry_anchor(i: usize) -> String {
    format!("entry-{}", i + 1)
}

fn entry_path(s: &Showcase, i: usize) -> String {
    format!("{}#{}", paths::showcase(&s.slug), entry_anchor(i))
}

/// The kind of a poster file in words, from its extension: "PDF", "PowerPoint" …
fn file_kind(file: &str) -> String {
    let ext = file
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => "PDF".to_owned(),
        "ppt" | "pptx" => "PowerPoint".to_owned(),
        "doc" | "docx" => "Word document".to_owned(),
        "" => "File".to_owned(),
        other => other.to_ascii_uppercase(),
    }
}

fn entry_view(idx: &Index<'_>, s: &Showcase, i: usize, e: &ShowcaseEntry) -> EntryView {
    EntryView {
        title: e.title.clone(),
        anchor: entry_anchor(i),
        path: entry_path(s, i),
        event: Link {
            title: s.meta.title.clone(),
            path: paths::showcase(&s.slug),
        },
        category: e.category.as_ref().and_then(|c| {
            s.meta
                .categories
                .iter()
                .find(|x| x.id.value == c.value)
                .map(|x| x.name.clone())
        }),
        project: e.project.as_ref().map(|x| idx.project_link(&x.value)),
        poster: e.poster.as_ref().and_then(|f| {
            s.files.iter().any(|x| x == &f.value).then(|| PosterView {
                path: paths::showcase_file(&s.slug, &f.value),
                name: format::file_name(&f.value).to_owned(),
                alt: e.poster_alt.clone().unwrap_or_default(),
                is_image: format::is_image(&f.value),
                kind: file_kind(&f.value),
            })
        }),
        r#abstract: e.r#abstract.clone(),
        team: e.team.iter().map(|x| idx.person_link(&x.value)).collect(),
        award: e.award.clone(),
    }
}

/// Award winners first; otherwise the order is kept.
fn winners_first(entries: &mut [EntryView]) {
    entries.sort_by_key(|e| e.award.is_none());
}

impl Builder<'_> {
    pub(super) fn showcase_summary(&self, s: &Showcase) -> ShowcaseSummary {
        ShowcaseSummary {
            slug: s.slug.clone(),
            path: paths::showcase(&s.slug),
            title: s.meta.title.clone(),
            date: s.meta.date,
            venue: s.meta.venue.clone(),
            summary: s.meta.summary.clone(),
            entries: s.meta.entries.len(),
            awards: s.meta.entries.iter().filter(|e| e.award.is_some()).count(),
            upcoming: s.meta.date >= self.options.today,
        }
    }

    /// A project's showcase entries and awards, for the badges on its page.
    pub(super) fn showcase_badges(&self, project: &str) -> &[ShowcaseBadge] {
        self.badges.get(project).map_or(&[], |v| v.as_slice())
    }

    pub(super) fn showcases(&mut self) {
        let p = self.p;
        if p.showcases.is_empty() {
            return;
        }
        let list: Vec<ShowcaseSummary> = p
            .showcases
            .iter()
            .map(|s| self.showcase_summary(s))
            .collect();
        let entries: usize = list.iter().map(|s| s.entries).sum();
        self.page(
            paths::section("showcases"),
            "showcases.html",
            "Showcases",
            "",
            |ctx| {
                ctx.insert("showcases", &list);
                ctx.insert("wall", paths::SHOWCASE_WALL);
                ctx.insert("entry_count", &entries);
            },
        );
        self.wall();
        for (s, summary) in p.showcases.iter().zip(list) {
            let path = summary.path.clone();
            let body = self
                .bodies
                .html(&s.body, &s.source.rel, s.source.body_line, &path, 2);
            let idx = &self.index;
            let mut categories: Vec<CategoryView> = s
                .meta
                .categories
                .iter()
                .map(|c| CategoryView {
                    id: c.id.value.clone(),
                    anchor: views::anchor("category", &c.id.value),
                    name: c.name.clone(),
                    description: c.description.clone(),
                    entries: Vec::new(),
                })
                .collect();
            let mut others = Vec::new();
            for (i, e) in s.meta.entries.iter().enumerate() {
                let view = entry_view(idx, s, i, e);
                let cat = e
                    .category
                    .as_ref()
                    .and_then(|c| categories.iter_mut().find(|x| x.id == c.value));
                match cat {
                    Some(cat) => cat.entries.push(view),
                    None => others.push(view),
                }
            }
            if !others.is_empty() {
                categories.push(CategoryView {
                    id: String::new(),
                    anchor: "category-other".into(),
                    name: if categories.is_empty() {
                        "Entries".into()
                    } else {
                        "Other entries".into()
                    },
                    description: None,
                    entries: others,
                });
            }
            let awards: Vec<AwardView> = s
                .meta
                .entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    Some(AwardView {
                        award: e.award.clone()?,
                        entry: Link {
                            title: e.title.clone(),
                            path: entry_path(s, i),
                        },
                        project: e.project.as_ref().map(|x| idx.project_link(&x.value)),
                    })
                })
                .collect();
            let title = summary.title.clone();
            let description = summary.summary.clone();
            self.page(path, "showcase.html", &title, &description, |ctx| {
                ctx.insert("showcase", &summary);
                ctx.insert("categories", &categories);
                ctx.insert("awards", &awards);
                ctx.insert("wall", paths::SHOWCASE_WALL);
                ctx.insert("body", &body);
            });
        }
    }

    /// The celebration wall: award winners of every event, then every event's entries.
    fn wall(&mut self) {
        let p = self.p;
        let idx = &self.index;
        let sections: Vec<WallSection> = p
            .showcases
            .iter()
            .map(|s| {
                let mut entries: Vec<EntryView> = s
                    .meta
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| entry_view(idx, s, i, e))
                    .collect();
                winners_first(&mut entries);
                WallSection {
                    id: views::anchor("event", &s.slug),
                    title: s.meta.title.clone(),
                    path: paths::showcase(&s.slug),
                    date: s.meta.date,
                    venue: s.meta.venue.clone(),
                    awards: entries.iter().filter(|e| e.award.is_some()).count(),
                    entries,
                }
            })
            .collect();
        let winners: Vec<EntryView> = sections
            .iter()
            .flat_map(|s| s.entries.iter().filter(|e| e.award.is_some()).cloned())
            .collect();
        let total: usize = sections.iter().map(|s| s.entries.len()).sum();
        self.page(
            paths::SHOWCASE_WALL.into(),
            "showcase_wall.html",
            "Celebration wall",
            "Every poster and talk from every celebration event, award winners first.",
            |ctx| {
                ctx.insert("sections", &sections);
                ctx.insert("winners", &winners);
                ctx.insert("entry_count", &total);
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, award: Option<&str>) -> EntryView {
        EntryView {
            title: title.into(),
            anchor: String::new(),
            path: String::new(),
            event: Link {
                title: String::new(),
                path: String::new(),
            },
            category: None,
            project: None,
            poster: None,
            r#abstract: String::new(),
            team: Vec::new(),
            award: award.map(str::to_owned),
        }
    }

    #[test]
    fn winners_come_first_and_the_rest_keep_their_order() {
        let mut entries = vec![
            entry("a", None),
            entry("b", Some("Winner")),
            entry("c", None),
            entry("d", Some("Highly commended")),
        ];
        winners_first(&mut entries);
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["b", "d", "a", "c"]);
    }

    #[test]
    fn poster_kinds_are_words() {
        let cases = [
            ("posters/a.pdf", "PDF"),
            ("a.PPTX", "PowerPoint"),
            ("a.docx", "Word document"),
            ("a.odp", "ODP"),
            ("poster", "File"),
        ];
        for (file, want) in cases {
            assert_eq!(file_kind(file), want, "{file}");
        }
    }
}
