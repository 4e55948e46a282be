//! The search page, the "Before you start" page, and the related projects listed on
//! each project page. The index they read is built by [`crate::render::search`].

use serde::Serialize;

use super::{paths, Builder, Link, Project};
use crate::content::load::slugify;
use crate::render::search::RELATED;
use crate::render::similar::{merge_related, Reason};

/// The search page's folder: `search/index.html`.
pub const SEARCH: &str = "search";
/// The "Before you start" page's folder.
pub const BEFORE_YOU_START: &str = "before-you-start";

/// A related project on a project page.
#[derive(Serialize)]
pub(super) struct RelatedView {
    title: String,
    path: String,
    summary: String,
    /// Named by the team in `related`, rather than found similar.
    chosen: bool,
    /// Tags both projects carry, as the project itself writes them.
    shared_tags: Vec<String>,
}

/// What the portfolio holds, for the pages' introductions.
#[derive(Serialize)]
struct Counts {
    projects: usize,
    pdsa: usize,
    stories: usize,
    people: usize,
    pages: usize,
}

impl Builder<'_> {
    /// The projects `project` lists as related: those its team named, then the most
    /// similar (see [`crate::render::similar`]), five at most.
    pub(super) fn related(&self, project: &Project) -> Vec<RelatedView> {
        let all = &self.p.projects;
        let position = |slug: &str| all.binary_search_by(|x| x.slug.as_str().cmp(slug)).ok();
        let Some(me) = position(&project.slug) else {
            return Vec::new();
        };
        let chosen: Vec<usize> = project
            .meta
            .related
            .iter()
            .filter_map(|r| position(&r.value))
            .collect();
        let similar = self.similar.similar.get(me).map_or(&[][..], Vec::as_slice);
        merge_related(me, &chosen, similar, RELATED)
            .into_iter()
            .map(|(i, reason)| {
                let other = &all[i];
                let shared_tags = project
                    .meta
                    .tags
                    .iter()
                    .filter(|t| other.meta.tags.iter().any(|o| slugify(o) == slugify(t)))
                    .cloned()
                    .collect();
                RelatedView {
                    title: other.meta.title.clone(),
                    path: paths::project(&other.slug),
                    summary: other.meta.summary.clone(),
                    chosen: reason == Reason::Chosen,
                    shared_tags,
                }
            })
            .collect()
    }

    /// `search/index.html` and `before-you-start/index.html`.
    pub(super) fn search(&mut self) {
        let p = self.p;
        let counts = Counts {
            projects: p.projects.len(),
            pdsa: p.projects.iter().map(|x| x.pdsa.len()).sum(),
            stories: p.stories.len(),
            people: p.people.len(),
            pages: p.pages.len(),
        };
        let mut browse = vec![Link {
            title: "All projects".into(),
            path: paths::section("projects"),
        }];
        browse.extend(paths::FACETS.iter().map(|(key, _, plural)| Link {
            title: format!("Projects by {}", plural.to_lowercase()),
            path: paths::section(key),
        }));
        let sections = [
            ("Programmes", "programmes", !p.programmes.is_empty()),
            ("People", "people", !p.people.is_empty()),
            ("Stories", "stories", !p.stories.is_empty()),
            ("Showcases", "showcases", !p.showcases.is_empty()),
        ];
        browse.extend(sections.into_iter().filter(|(_, _, shown)| *shown).map(
            |(title, key, _)| Link {
                title: title.into(),
                path: paths::section(key),
            },
        ));
        let search_description = format!(
            "Search the projects, PDSA cycles, stories, people and pages of {}.",
            p.config.title
        );
        let pages = [
            (SEARCH, "search.html", "Search", search_description.as_str()),
            (
                BEFORE_YOU_START,
                "before_you_start.html",
                "Before you start a project",
                "Describe the aim of the project you have in mind and see the most similar projects already in the portfolio.",
            ),
        ];
        for (folder, template, title, description) in pages {
            self.page(paths::page(folder), template, title, description, |ctx| {
                ctx.insert("counts", &counts);
                ctx.insert("browse", &browse);
            });
        }
    }
}
