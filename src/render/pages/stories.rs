//! Stories: the index, split into numbered pages (`stories/index.html`,
//! `stories/page/2/index.html`, …), a page per tag paginated the same way
//! (`stories/tags/<tag>/index.html`), the list of tags, and each story's page. A story
//! body may embed a project's chart with `{{ chart(project="…", measure="…") }}`
//! (see `render::embed`). The page size is `stories.per_page` in site.yaml.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Builder;
use crate::content::date::Date;
use crate::content::load::slugify;
use crate::content::model::Story;
use crate::render::pagination::{self, Pagination};
use crate::render::paths;
use crate::render::views::{Link, Term};

/// A story in a list or on its page.
#[derive(Serialize)]
pub(super) struct StoryView {
    slug: String,
    pub(super) path: String,
    pub(super) title: String,
    date: Date,
    pub(super) summary: String,
    author: Option<Link>,
    projects: Vec<Link>,
    /// Each tag links to its page of stories.
    tags: Vec<Term>,
    image: Option<ImageView>,
}

#[derive(Serialize)]
struct ImageView {
    path: String,
    alt: String,
}

/// A tag with the number of stories that have it.
#[derive(Serialize)]
struct TagCount {
    slug: String,
    name: String,
    path: String,
    count: usize,
}

/// A story's tag, linked to the tag's page of stories.
fn tag_term(tag: &str) -> Term {
    let slug = slugify(tag);
    Term {
        path: if slug.is_empty() {
            String::new()
        } else {
            paths::story_tag(&slug, 1)
        },
        slug,
        name: tag.to_owned(),
    }
}

/// "Stories" on the first page, "Stories (page 2 of 3)" after.
fn numbered(title: &str, page: &Pagination) -> String {
    if page.current == 1 {
        title.to_owned()
    } else {
        format!("{title} (page {} of {})", page.current, page.total)
    }
}

impl Builder<'_> {
    pub(super) fn story_view(&self, s: &Story) -> StoryView {
        let image = s.meta.image.as_ref().and_then(|img| {
            let file = img.value.trim_start_matches("files/");
            self.p
                .story_files
                .iter()
                .any(|f| f == file)
                .then(|| ImageView {
                    path: paths::story_file(file),
                    alt: s.meta.image_alt.clone().unwrap_or_default(),
                })
        });
        StoryView {
            slug: s.slug.clone(),
            path: paths::story(&s.slug),
            title: s.meta.title.clone(),
            date: s.date,
            summary: s.meta.summary.clone(),
            author: s
                .meta
                .author
                .as_ref()
                .map(|a| self.index.person_link(&a.value)),
            projects: s
                .meta
                .projects
                .iter()
                .map(|x| self.index.project_link(&x.value))
                .collect(),
            tags: s.meta.tags.iter().map(|t| tag_term(t)).collect(),
            image,
        }
    }

    pub(super) fn stories(&mut self) {
        let p = self.p;
        if p.stories.is_empty() {
            return;
        }
        let per_page = p.config.stories.per_page;
        let list: Vec<StoryView> = p.stories.iter().map(|s| self.story_view(s)).collect();

        // Tag slug → its name as first written and the stories (newest first) with it.
        let mut tagged: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for (i, s) in p.stories.iter().enumerate() {
            for tag in &s.meta.tags {
                let slug = slugify(tag);
                if slug.is_empty() {
                    continue;
                }
                let (_, stories) = tagged
                    .entry(slug)
                    .or_insert_with(|| (tag.clone(), Vec::new()));
                if stories.last() != Some(&i) {
                    stories.push(i);
                }
            }
        }
        let tags: Vec<TagCount> = tagged
            .iter()
            .map(|(slug, (name, stories))| TagCount {
                slug: slug.clone(),
                name: name.clone(),
                path: paths::story_tag(slug, 1),
                count: stories.len(),
            })
            .collect();

        for page in pagination::paginate(list.len(), per_page, paths::stories_page) {
            let stories = &list[page.items.clone()];
            let title = numbered("Stories", &page);
            self.page(page.path.clone(), "stories.html", &title, "", |ctx| {
                ctx.insert("stories", stories);
                ctx.insert("pagination", &page);
                ctx.insert("pagination_label", "Pages of stories");
                // The tag list is on the first page only, to keep the others small.
                let first: &[TagCount] = if page.current == 1 { &tags } else { &[] };
                ctx.insert("tags", first);
            });
        }
        if !tags.is_empty() {
            self.page(
                paths::STORY_TAGS.into(),
                "story_tags.html",
                "Story tags",
                "Every tag given to a story, with the number of stories that have it.",
                |ctx| ctx.insert("tags", &tags),
            );
        }
        for (tag, (slug, (name, members))) in tags.iter().zip(&tagged) {
            let stories: Vec<&StoryView> = members.iter().map(|i| &list[*i]).collect();
            let pages =
                pagination::paginate(stories.len(), per_page, |n| paths::story_tag(slug, n));
            for page in pages {
                let on_page = &stories[page.items.clone()];
                let title = numbered(&format!("Stories tagged “{name}”"), &page);
                let label = format!("Pages of stories tagged “{name}”");
                let description = format!("Stories tagged “{name}”, newest first.");
                self.page(
                    page.path.clone(),
                    "stories.html",
                    &title,
                    &description,
                    |ctx| {
                        ctx.insert("stories", on_page);
                        ctx.insert("tag", tag);
                        ctx.insert("pagination", &page);
                        ctx.insert("pagination_label", &label);
                    },
                );
            }
        }

        for (story, view) in p.stories.iter().zip(list) {
            let path = view.path.clone();
            let body = self.bodies.html(
                &story.body,
                &story.source.rel,
                story.source.body_line,
                &path,
                2,
            );
            self.page(
                path,
                "story.html",
                &view.title.clone(),
                &view.summary.clone(),
                |ctx| {
                    ctx.insert("story", &view);
                    ctx.insert("body", &body);
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_link_to_their_story_pages() {
        let t = tag_term("QI celebration");
        assert_eq!(t.slug, "qi-celebration");
        assert_eq!(t.name, "QI celebration");
        assert_eq!(t.path, "stories/tags/qi-celebration/index.html");
        assert_eq!(tag_term("!!").path, "");
    }

    #[test]
    fn later_pages_say_their_number() {
        let pages = pagination::paginate(25, 10, paths::stories_page);
        assert_eq!(numbered("Stories", &pages[0]), "Stories");
        assert_eq!(numbered("Stories", &pages[2]), "Stories (page 3 of 3)");
    }
}
