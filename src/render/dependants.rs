//! Which other projects' own pages (a project's page and its PDSA cycles' pages) can
//! show something of the projects an edit changed: what `qisite serve` renders again
//! besides the changed projects' pages and the pages that list projects (see
//! [`super::render_dependants`]).
//!
//! A project's page shows of other projects only: its related list (the projects named
//! in its `related`, then the most similar, with their titles, summaries and tags), the
//! project it is `adapted_from` (its title), its stories (whose views hold the titles
//! of every project each story lists), and what its texts and its PDSA cycles' texts
//! link to or embed (a link's target, a chart drawn with the chart shortcode).
//! Links and shortcodes name the other project's folder or slug, so a text that names
//! neither cannot depend on that project. A PDSA cycle's page shows nothing else of
//! other projects.
//!
//! Pure: no I/O. Uses the content model and [`super::similar::merge_related`].

use rayon::prelude::*;

use super::similar::merge_related;
use crate::content::model::{Portfolio, Project, Story};

/// The projects (indices in `portfolio.projects`, sorted), other than `changed`, whose
/// own pages can differ after `changed` changed: their related list changed
/// (`old_similar` and `new_similar` are each project's most similar projects before
/// and after, as [`super::search::SimilarProjects`] finds them, for the same list of
/// projects) or lists a changed project, they are adapted from a changed project, a
/// story lists them with a changed project, or their texts name a changed project's
/// slug or folder. `keep` adds projects to render
/// again whatever they show (e.g. those whose pages gave diagnostics, whose hints may
/// name other projects' files).
pub fn dependants(
    portfolio: &Portfolio,
    changed: &[usize],
    old_similar: &[Vec<(usize, f32)>],
    new_similar: &[Vec<(usize, f32)>],
    keep: &(dyn Fn(&Project) -> bool + Sync),
) -> Vec<usize> {
    let projects = &portfolio.projects;
    let mut names: Vec<&str> = Vec::new();
    for &i in changed {
        let p = &projects[i];
        names.push(&p.slug);
        names.push(folder_name(&p.source.rel));
    }
    names.sort_unstable();
    names.dedup();
    names.retain(|n| !n.is_empty());
    let position = |slug: &str| {
        projects
            .binary_search_by(|x| x.slug.as_str().cmp(slug))
            .ok()
    };
    // A story's view (on each of its projects' pages) holds the titles of all its
    // projects; the default theme shows only the story's title, but a theme may.
    let mut in_a_story: std::collections::BTreeSet<usize> = Default::default();
    for story in &portfolio.stories {
        let listed: Vec<usize> = story_projects(portfolio, story).collect();
        if listed.iter().any(|i| changed.contains(i)) {
            in_a_story.extend(listed);
        }
    }
    (0..projects.len())
        .into_par_iter()
        .filter(|i| !changed.contains(i))
        .filter(|&i| {
            let p = &projects[i];
            let chosen: Vec<usize> = p
                .meta
                .related
                .iter()
                .filter_map(|r| position(&r.value))
                .collect();
            let old = old_similar.get(i).map_or(&[][..], Vec::as_slice);
            let new = new_similar.get(i).map_or(&[][..], Vec::as_slice);
            keep(p)
                || in_a_story.contains(&i)
                || related_changed(i, &chosen, old, new, changed)
                || p.meta
                    .adapted_from
                    .as_ref()
                    .is_some_and(|r| names.contains(&r.value.as_str()))
                || texts(p).any(|t| mentions(t, &names))
        })
        .collect()
}

/// A document that is not a project, by slug.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document<'a> {
    Person(&'a str),
    Programme(&'a str),
    Story(&'a str),
    Showcase(&'a str),
}

/// The projects (indices in `portfolio.projects`, sorted) whose own pages can show
/// something of the `changed` documents, as they are in `portfolio` or were in `old`
/// (the same projects, in the same order): a person's name in a project's team, and
/// as the author of the project's stories; a programme's title on its members' pages
/// (those it lists or that name it); a story's title on its projects' pages; a
/// showcase's entries on their projects' pages; and the texts that name a document's
/// slug (in a link to it).
pub fn showing(portfolio: &Portfolio, old: &Portfolio, changed: &[Document<'_>]) -> Vec<usize> {
    let projects = &portfolio.projects;
    let position = |slug: &str| {
        projects
            .binary_search_by(|x| x.slug.as_str().cmp(slug))
            .ok()
    };
    let mut shown: std::collections::BTreeSet<usize> = Default::default();
    let mut names: Vec<&str> = Vec::new();
    for both in [portfolio, old] {
        for doc in changed {
            match *doc {
                Document::Person(slug) => {
                    names.push(slug);
                    for (i, p) in projects.iter().enumerate() {
                        let m = &p.meta;
                        let in_team = m.team.iter().any(|t| t.person.value == slug)
                            || [&m.sponsor, &m.coach]
                                .iter()
                                .any(|who| who.as_ref().is_some_and(|w| w.value == slug));
                        if in_team {
                            shown.insert(i);
                        }
                    }
                    let wrote =
                        |s: &&Story| s.meta.author.as_ref().is_some_and(|a| a.value == slug);
                    for story in both.stories.iter().filter(wrote) {
                        shown.extend(story_projects(portfolio, story));
                    }
                }
                Document::Programme(slug) => {
                    names.push(slug);
                    for g in both.programmes.iter().filter(|g| g.slug == slug) {
                        shown.extend(g.members.iter().filter_map(|x| position(x)));
                    }
                    for (i, p) in projects.iter().enumerate() {
                        if p.meta.programme.as_ref().is_some_and(|g| g.value == slug) {
                            shown.insert(i);
                        }
                    }
                }
                Document::Story(slug) => {
                    names.push(slug);
                    for story in both.stories.iter().filter(|s| s.slug == slug) {
                        shown.extend(story_projects(portfolio, story));
                    }
                }
                Document::Showcase(slug) => {
                    names.push(slug);
                    for sc in both.showcases.iter().filter(|s| s.slug == slug) {
                        let entries = sc.meta.entries.iter();
                        shown.extend(entries.filter_map(|e| position(&e.project.as_ref()?.value)));
                    }
                }
            }
        }
    }
    names.sort_unstable();
    names.dedup();
    names.retain(|n| !n.is_empty());
    let named: Vec<usize> = (0..projects.len())
        .into_par_iter()
        .filter(|&i| texts(&projects[i]).any(|t| mentions(t, &names)))
        .collect();
    shown.extend(named);
    shown.into_iter().collect()
}

/// The projects a story lists, by index in `portfolio.projects`.
fn story_projects<'a>(
    portfolio: &'a Portfolio,
    story: &'a Story,
) -> impl Iterator<Item = usize> + 'a {
    story.meta.projects.iter().filter_map(|x| {
        portfolio
            .projects
            .binary_search_by(|p| p.slug.as_str().cmp(&x.value))
            .ok()
    })
}

/// Whether the related list of project `me` (its `chosen` projects, then its most
/// similar) differs between the `old` and the `new` similar projects, or lists one of
/// the `changed` projects, whose title, summary and tags it shows.
pub fn related_changed(
    me: usize,
    chosen: &[usize],
    old: &[(usize, f32)],
    new: &[(usize, f32)],
    changed: &[usize],
) -> bool {
    let k = super::search::RELATED;
    let before = merge_related(me, chosen, old, k);
    let after = merge_related(me, chosen, new, k);
    before != after || after.iter().any(|(d, _)| changed.contains(d))
}

/// Whether `text` names any of `names` (a slug or folder name), anywhere: a link or a
/// shortcode that refers to a project names it.
pub fn mentions(text: &str, names: &[&str]) -> bool {
    names.iter().any(|n| text.contains(n))
}

/// The Markdown texts of a project's pages: its write-up and its PDSA cycles' sections.
pub fn texts(p: &Project) -> impl Iterator<Item = &str> {
    std::iter::once(p.body.as_str()).chain(p.pdsa.iter().flat_map(|c| {
        let s = &c.sections;
        [
            s.intro.as_str(),
            s.r#do.as_str(),
            s.study.as_str(),
            s.act.as_str(),
        ]
    }))
}

/// The folder name of a project's `index.md`, e.g. `a` for `projects/a/index.md`.
fn folder_name(rel: &str) -> &str {
    let folder = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
    folder.rsplit('/').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_lists_that_change_or_show_a_changed_project() {
        // (chosen, old similar, new similar, changed, expected)
        type Case<'a> = (&'a [usize], &'a [usize], &'a [usize], &'a [usize], bool);
        let cases: &[Case] = &[
            // The same list, none of it changed.
            (&[], &[1, 2], &[1, 2], &[3], false),
            // The same list, showing the changed project.
            (&[], &[1, 3], &[1, 3], &[3], true),
            // A changed project joins the list.
            (&[], &[1, 2], &[1, 3], &[3], true),
            // A changed project leaves the list.
            (&[], &[1, 3], &[1, 2], &[3], true),
            // Another project moves up.
            (&[], &[1, 2], &[2, 1], &[3], true),
            // Chosen projects fill the list: the similar ones do not show.
            (&[4, 5, 6, 7, 8], &[1], &[2], &[3], false),
            // A chosen project that changed.
            (&[3], &[1], &[1], &[3], true),
        ];
        for (n, (chosen, old, new, changed, expected)) in cases.iter().enumerate() {
            let scored = |list: &[usize]| list.iter().map(|&d| (d, 0.5)).collect::<Vec<_>>();
            assert_eq!(
                related_changed(0, chosen, &scored(old), &scored(new), changed),
                *expected,
                "case {n}"
            );
        }
    }

    #[test]
    fn texts_that_name_a_project() {
        let names = ["ward-7-falls", "falls-folder"];
        let cases = [
            ("See [the falls work](../ward-7-falls/index.md).", true),
            ("{{ chart(project=\"ward-7-falls\", measure=\"x\") }}", true),
            ("[data](../falls-folder/measures/x.csv)", true),
            ("Nothing about other projects.", false),
            ("", false),
        ];
        for (text, expected) in cases {
            assert_eq!(mentions(text, &names), expected, "{text}");
        }
    }

    fn meta<T: serde::de::DeserializeOwned>(yaml: &str) -> T {
        serde_saphyr::from_str(yaml).expect("test front matter parses")
    }

    /// Projects `a`, `b` and `new` (in folder `old`), a programme `sepsis`, a person
    /// `ana`, a story `falls` and a showcase `celebration`, none referring to another.
    fn portfolio() -> Portfolio {
        super::super::links::tests::portfolio()
    }

    #[test]
    fn projects_that_show_a_changed_project() {
        let none = |_: &Project| false;
        let plain = portfolio();
        assert_eq!(
            dependants(&plain, &[0], &[], &[], &none),
            Vec::<usize>::new()
        );

        let mut adapted = portfolio();
        adapted.projects[1].meta = meta("title: B\nstatus: active\nadapted_from: a\n");
        assert_eq!(dependants(&adapted, &[0], &[], &[], &none), [1]);

        let mut linked = portfolio();
        linked.projects[2].pdsa[0].sections.study = "See [a](../../a/index.md).".into();
        assert_eq!(dependants(&linked, &[0], &[], &[], &none), [2]);
        // The folder counts as much as the slug: `new` lives in `old`.
        linked.projects[0].body = "Like [theirs](../old/index.md).".into();
        assert_eq!(dependants(&linked, &[2], &[], &[], &none), [0]);

        let mut story = portfolio();
        story.stories[0].meta = meta("title: Falls\nprojects: [a, new]\n");
        assert_eq!(dependants(&story, &[0], &[], &[], &none), [2]);

        // `b` finds `a` similar now.
        let old = vec![vec![], vec![], vec![]];
        let new = vec![vec![], vec![(0, 0.5)], vec![]];
        assert_eq!(dependants(&plain, &[0], &old, &new, &none), [1]);

        let keep = |p: &Project| p.slug == "new";
        assert_eq!(dependants(&plain, &[0], &[], &[], &keep), [2]);
    }

    #[test]
    fn projects_that_show_a_changed_document() {
        let old = portfolio();
        let mut new = portfolio();
        assert_eq!(showing(&new, &old, &[]), Vec::<usize>::new());

        // A person: in `b`'s team, and the author of a story about `new`.
        new.projects[1].meta =
            meta("title: B\nstatus: active\nteam:\n  - person: ana\n    role: lead\n");
        new.stories[0].meta = meta("title: Falls\nauthor: ana\nprojects: [new]\n");
        assert_eq!(showing(&new, &old, &[Document::Person("ana")]), [1, 2]);
        assert_eq!(
            showing(&new, &old, &[Document::Person("bea")]),
            Vec::<usize>::new()
        );

        // A programme: its members before and after, and a project naming it.
        let mut old_members = portfolio();
        old_members.programmes[0].members = vec!["a".into()];
        let mut members = portfolio();
        members.programmes[0].members = vec!["b".into()];
        members.projects[2].meta = meta("title: N\nstatus: active\nprogramme: sepsis\n");
        let sepsis = [Document::Programme("sepsis")];
        assert_eq!(showing(&members, &old_members, &sepsis), [0, 1, 2]);

        // A story's projects, before and after.
        let mut story = portfolio();
        story.stories[0].meta = meta("title: Falls\nprojects: [b]\n");
        assert_eq!(showing(&story, &new, &[Document::Story("falls")]), [1, 2]);

        // A showcase's entries, and a text linking to the showcase.
        let mut showcase = portfolio();
        showcase.showcases[0].meta =
            meta("title: Celebration\ndate: 2026-03-01\nentries:\n  - title: X\n    project: a\n");
        showcase.projects[2].body = "[Our poster](../../showcases/celebration/index.md)".into();
        let celebration = [Document::Showcase("celebration")];
        assert_eq!(showing(&showcase, &old, &celebration), [0, 2]);
    }

    #[test]
    fn folder_names() {
        assert_eq!(folder_name("projects/a/index.md"), "a");
        assert_eq!(folder_name("index.md"), "");
    }
}
