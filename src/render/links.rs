//! Links between content files: which output path each content file becomes, and how
//! a link written in Markdown (`../other-project/index.md`, `files/poster.pdf`) is
//! resolved to it. Pure: built from the Portfolio, no I/O.
//!
//! Links are written the way an author sees the portfolio folder: relative to the file
//! they are in, or from the portfolio root with a leading `/`. A link that works in a
//! Markdown preview on the author's machine therefore works on the site too.
//! Depends on `content::model` and `render::paths` only.

use std::collections::BTreeMap;

use crate::content::model::Portfolio;

use super::paths;

/// What a link in a content file points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Left as written: `https:`, `mailto:`, `tel:` and other schemes.
    External(String),
    /// Output path of a page or file of this site, with any `#fragment` kept.
    Internal(String),
    /// A link into this site that leads nowhere; the text says why.
    Broken(String),
}

/// Content path (relative to the portfolio root, `/` separators) → output path.
#[derive(Clone, Debug, Default)]
pub struct LinkMap {
    targets: BTreeMap<String, String>,
}

/// URL schemes that run code or smuggle content into the page; never linked.
const DISALLOWED_SCHEMES: [&str; 3] = ["javascript", "data", "vbscript"];

impl LinkMap {
    /// Every page source and every copied-through file of the portfolio.
    pub fn new(portfolio: &Portfolio) -> LinkMap {
        let mut map = LinkMap::default();
        // The portfolio root and the section folders lead to their index pages.
        map.insert(String::new(), paths::HOME.to_owned());
        map.insert("projects".into(), paths::section("projects"));
        let sections = [
            ("programmes", portfolio.programmes.is_empty()),
            ("people", portfolio.people.is_empty()),
            ("stories", portfolio.stories.is_empty()),
            ("showcases", portfolio.showcases.is_empty()),
        ];
        for (section, empty) in sections {
            if !empty {
                map.insert(section.into(), paths::section(section));
            }
        }

        for project in &portfolio.projects {
            let page = paths::project(&project.slug);
            let folder = folder_of(&project.source.rel);
            map.insert(folder.to_owned(), page.clone());
            map.insert(project.source.rel.clone(), page.clone());
            for pdsa in &project.pdsa {
                let out = paths::pdsa(&project.slug, &pdsa.slug);
                map.insert(pdsa.source.rel.clone(), out);
            }
            for file in &project.files {
                let out = paths::project_file(&project.slug, file);
                map.insert(format!("{folder}/files/{file}"), out);
            }
            for measure in &project.measures {
                let anchor = format!("{page}#{}", super::views::anchor("measure", &measure.id));
                map.insert(measure.csv_rel.clone(), anchor.clone());
                map.insert(measure.source.rel.clone(), anchor);
            }
        }
        for programme in &portfolio.programmes {
            let page = paths::programme(&programme.slug);
            let folder = folder_of(&programme.source.rel);
            map.insert(folder.to_owned(), page.clone());
            map.insert(programme.source.rel.clone(), page);
            for file in &programme.files {
                let out = paths::programme_file(&programme.slug, file);
                map.insert(format!("{folder}/{file}"), out);
            }
        }
        for person in &portfolio.people {
            map.insert(person.source.rel.clone(), paths::person(&person.slug));
        }
        for story in &portfolio.stories {
            map.insert(story.source.rel.clone(), paths::story(&story.slug));
        }
        for file in &portfolio.story_files {
            map.insert(format!("stories/{file}"), paths::story_file(file));
        }
        for showcase in &portfolio.showcases {
            let page = paths::showcase(&showcase.slug);
            let folder = folder_of(&showcase.source.rel);
            map.insert(folder.to_owned(), page.clone());
            map.insert(showcase.source.rel.clone(), page);
            for file in &showcase.files {
                let out = paths::showcase_file(&showcase.slug, file);
                map.insert(format!("{folder}/{file}"), out);
            }
        }
        for page in &portfolio.pages {
            map.insert(page.source.rel.clone(), paths::page(&page.slug));
        }
        map
    }

    fn insert(&mut self, rel: String, out: String) {
        self.targets.insert(rel, out);
    }

    /// The output path for the content path `rel`, if it becomes part of the site.
    pub fn output_path(&self, rel: &str) -> Option<&str> {
        self.targets.get(rel).map(String::as_str)
    }

    /// Resolves `href` written in the content file `from_rel`.
    pub fn resolve(&self, from_rel: &str, href: &str) -> Target {
        let written = href.trim();
        if written.is_empty() {
            return Target::Broken("the link has no target".into());
        }
        if let Some(scheme) = scheme(written) {
            return self.resolve_scheme(&scheme, written);
        }
        if written.starts_with("//") {
            // Protocol-relative: another host.
            return Target::External(written.to_owned());
        }
        let (path_and_query, fragment) = match written.find('#') {
            Some(i) => (&written[..i], &written[i..]),
            None => (written, ""),
        };
        let path = path_and_query
            .split_once('?')
            .map_or(path_and_query, |(p, _)| p);
        if path.is_empty() {
            // `#fragment` (or `?query#fragment`): this very page.
            let own = self
                .output_path(from_rel)
                .map(|out| out.split('#').next().unwrap_or(out))
                .unwrap_or("");
            return Target::Internal(format!("{own}{fragment}"));
        }
        let decoded = percent_decode(path);
        let Some(rel) = join(from_rel, &decoded) else {
            return Target::Broken(format!("`{written}` leads outside the portfolio folder"));
        };
        match self.output_path(&rel) {
            Some(out) => match out.split_once('#') {
                // A measure's CSV or YAML: its anchor on the project page wins.
                Some(_) => Target::Internal(out.to_owned()),
                None => Target::Internal(format!("{out}{fragment}")),
            },
            None => Target::Broken(self.why_missing(from_rel, &rel)),
        }
    }

    fn resolve_scheme(&self, scheme: &str, href: &str) -> Target {
        if DISALLOWED_SCHEMES.contains(&scheme) {
            return Target::Broken(format!("`{scheme}:` links are not allowed"));
        }
        if scheme == "file" {
            return Target::Broken(
                "`file:` links point at a computer's own disk and do not work on the site".into(),
            );
        }
        if scheme.len() == 1 {
            return Target::Broken(format!(
                "`{href}` looks like a path on a computer's own disk, not part of the portfolio"
            ));
        }
        Target::External(href.to_owned())
    }

    /// Why `rel` is not part of the site, with the nearest existing path when one is
    /// close enough to be a typo.
    fn why_missing(&self, from_rel: &str, rel: &str) -> String {
        let shown = if rel.is_empty() { "/" } else { rel };
        let mut reason = format!("`{shown}` does not exist in this portfolio");
        if let Some(near) = self.nearest(rel) {
            let near = paths::relative(from_rel, near);
            reason.push_str(&format!(" (did you mean `{near}`?)"));
        } else if self.is_unpublished_project_file(rel) {
            reason.push_str(" as a published file (only files in a project's `files/` folder are)");
        }
        reason
    }

    /// `projects/<folder>/<not files/ or pdsa/>…` of an existing project: perhaps a
    /// file on disk, but not one copied to the site.
    fn is_unpublished_project_file(&self, rel: &str) -> bool {
        let parts: Vec<&str> = rel.split('/').collect();
        parts.len() >= 3
            && parts[0] == "projects"
            && !matches!(parts[2], "files" | "pdsa" | "index.md")
            && self.targets.contains_key(&format!("projects/{}", parts[1]))
    }

    fn nearest(&self, rel: &str) -> Option<&str> {
        self.targets
            .keys()
            .filter(|k| !k.is_empty())
            .filter_map(|k| near_miss(k, rel).map(|d| (d, k)))
            .min()
            .map(|(_, k)| k.as_str())
    }
}

/// Whether `href` uses a scheme that must never become a link (`javascript:`, `data:`,
/// `vbscript:`), as browsers read it (ignoring case, tabs and newlines).
pub fn is_disallowed(href: &str) -> bool {
    scheme(href.trim()).is_some_and(|s| DISALLOWED_SCHEMES.contains(&s.as_str()))
}

/// The scheme of an absolute URL, lower-cased, read as browsers do: tabs and newlines
/// inside it are ignored.
fn scheme(href: &str) -> Option<String> {
    let cleaned: String = href
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| !matches!(c, '/' | '?' | '#'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Joins `path` (decoded, `/` separators) to the folder of `from_rel`, or to the root
/// for a leading `/`, and normalises `.` and `..`. `None` when it climbs above the root.
fn join(from_rel: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    if !path.starts_with('/') {
        parts.extend(folder_of(from_rel).split('/').filter(|p| !p.is_empty()));
    }
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The folder of a content file, e.g. `projects/a` for `projects/a/index.md`.
fn folder_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// `%20` → space; invalid sequences are kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// The edit distance between two paths with as many segments, when every segment
/// that differs is close enough to be a typo of the other (a third of its length).
fn near_miss(a: &str, b: &str) -> Option<usize> {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split('/').collect(), b.split('/').collect());
    if a.len() != b.len() {
        return None;
    }
    let mut total = 0;
    for (x, y) in a.iter().zip(&b) {
        let d = edit_distance(x, y);
        let longest = x.chars().count().max(y.chars().count());
        if d > (longest + 1) / 3 {
            return None;
        }
        total += d;
    }
    Some(total)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::content::date::Date;
    use crate::content::model::{
        Measure, PdsaCycle, Person, Programme, Project, Showcase, Source, Story,
    };

    fn meta<T: serde::de::DeserializeOwned>(yaml: &str) -> T {
        serde_saphyr::from_str(yaml).expect("test front matter parses")
    }

    fn source(rel: &str) -> Source {
        Source {
            rel: rel.into(),
            body_line: 1,
        }
    }

    /// A project in folder `folder` whose slug is `slug`, with one PDSA cycle, one
    /// file and one measure.
    fn project(folder: &str, slug: &str) -> Project {
        let dir = format!("projects/{folder}");
        Project {
            slug: slug.into(),
            meta: meta("title: A\nstatus: active\n"),
            body: String::new(),
            source: source(&format!("{dir}/index.md")),
            driver: None,
            measures: vec![Measure {
                id: "falls-rate".into(),
                meta: meta("title: Falls\nkind: outcome\nchart: run\n"),
                data: Vec::new(),
                source: source(&format!("{dir}/measures/falls-rate.yaml")),
                csv_rel: format!("{dir}/measures/falls-rate.csv"),
            }],
            pdsa: vec![PdsaCycle {
                slug: "01-first".into(),
                cycle: 1,
                meta: meta("title: First\n"),
                sections: Default::default(),
                source: source(&format!("{dir}/pdsa/01-first.md")),
            }],
            files: vec!["poster.pdf".into(), "img/chart one.png".into()],
        }
    }

    /// Projects `a`, `b` and `new` (in folder `old`), each with a PDSA cycle
    /// `01-first`, files `poster.pdf` and `img/chart one.png`, and a measure
    /// `falls-rate`; a programme, a person, a story, a showcase and a page.
    pub(crate) fn portfolio() -> Portfolio {
        Portfolio {
            projects: vec![project("a", "a"), project("b", "b"), project("old", "new")],
            programmes: vec![Programme {
                slug: "sepsis".into(),
                meta: meta("title: Sepsis\n"),
                body: String::new(),
                source: source("programmes/sepsis/index.md"),
                members: Vec::new(),
                files: vec!["logo.svg".into()],
            }],
            people: vec![Person {
                slug: "ana".into(),
                meta: meta("name: Ana\n"),
                body: String::new(),
                source: source("people/ana.md"),
            }],
            stories: vec![Story {
                slug: "falls".into(),
                date: Date::parse("2025-02-14").unwrap(),
                meta: meta("title: Falls\n"),
                body: String::new(),
                source: source("stories/2025-02-14-falls.md"),
            }],
            story_files: vec!["chart.svg".into()],
            showcases: vec![Showcase {
                slug: "celebration".into(),
                meta: meta("title: Celebration\ndate: 2026-03-01\n"),
                body: String::new(),
                source: source("showcases/celebration/index.md"),
                files: vec!["poster.svg".into()],
            }],
            pages: vec![crate::content::model::Page {
                slug: "about".into(),
                meta: meta("title: About\n"),
                body: String::new(),
                source: source("pages/about.md"),
            }],
            ..Portfolio::default()
        }
    }

    fn internal(path: &str) -> Target {
        Target::Internal(path.into())
    }

    fn external(url: &str) -> Target {
        Target::External(url.into())
    }

    #[test]
    fn resolves_links_between_content_files() {
        let map = LinkMap::new(&portfolio());
        let a = "projects/a/index.md";
        let cycle = "projects/a/pdsa/01-first.md";
        let cases = [
            (a, "../b/index.md", internal("projects/b/index.html")),
            (a, "../b/", internal("projects/b/index.html")),
            (a, "../b", internal("projects/b/index.html")),
            (
                a,
                "./../b/./index.md#aim",
                internal("projects/b/index.html#aim"),
            ),
            (a, "../old/index.md", internal("projects/new/index.html")),
            (
                a,
                "pdsa/01-first.md",
                internal("projects/a/pdsa/01-first.html"),
            ),
            (
                a,
                "files/poster.pdf",
                internal("projects/a/files/poster.pdf"),
            ),
            (
                a,
                "files/poster.pdf?v=2",
                internal("projects/a/files/poster.pdf"),
            ),
            (
                a,
                "files/img/chart%20one.png",
                internal("projects/a/files/img/chart one.png"),
            ),
            (
                a,
                "../old/files/poster.pdf",
                internal("projects/new/files/poster.pdf"),
            ),
            (a, "#aim", internal("projects/a/index.html#aim")),
            (
                cycle,
                "#plan",
                internal("projects/a/pdsa/01-first.html#plan"),
            ),
            (cycle, "../index.md", internal("projects/a/index.html")),
            (
                cycle,
                "../../b/pdsa/01-first.md",
                internal("projects/b/pdsa/01-first.html"),
            ),
            (
                a,
                "measures/falls-rate.csv",
                internal("projects/a/index.html#measure-falls-rate"),
            ),
            (
                a,
                "measures/falls-rate.yaml",
                internal("projects/a/index.html#measure-falls-rate"),
            ),
            (a, "../../people/ana.md", internal("people/ana/index.html")),
            (a, "/people/ana.md", internal("people/ana/index.html")),
            (a, "/", internal("index.html")),
            (a, "../../", internal("index.html")),
            (a, "..", internal("projects/index.html")),
            (
                a,
                "../../programmes/sepsis/index.md",
                internal("programmes/sepsis/index.html"),
            ),
            (
                a,
                "/programmes/sepsis/logo.svg",
                internal("programmes/sepsis/logo.svg"),
            ),
            (
                "stories/2025-02-14-falls.md",
                "chart.svg",
                internal("stories/files/chart.svg"),
            ),
            (
                "people/ana.md",
                "../stories/2025-02-14-falls.md",
                internal("stories/falls/index.html"),
            ),
            (
                "pages/about.md",
                "../showcases/celebration/",
                internal("showcases/celebration/index.html"),
            ),
            (
                "showcases/celebration/index.md",
                "poster.svg",
                internal("showcases/celebration/poster.svg"),
            ),
            (
                "people/ana.md",
                "../pages/about.md",
                internal("about/index.html"),
            ),
            (a, "https://nhs.uk/a?b#c", external("https://nhs.uk/a?b#c")),
            (a, "HTTP://nhs.uk", external("HTTP://nhs.uk")),
            (
                a,
                "mailto:qi@example.nhs.uk",
                external("mailto:qi@example.nhs.uk"),
            ),
            (a, "tel:+441234567890", external("tel:+441234567890")),
            (
                a,
                "//cdn.example.org/x.js",
                external("//cdn.example.org/x.js"),
            ),
        ];
        for (from, href, want) in cases {
            assert_eq!(map.resolve(from, href), want, "`{href}` in `{from}`");
        }
    }

    #[test]
    fn broken_links_say_why() {
        let map = LinkMap::new(&portfolio());
        let a = "projects/a/index.md";
        let cases = [
            (
                a,
                "../x/index.md",
                "`projects/x/index.md` does not exist in this portfolio",
            ),
            (a, "../bb/index.md", "did you mean `../b/index.md`?"),
            (a, "files/poster.pfd", "did you mean `files/poster.pdf`?"),
            (a, "pdsa/01-frist.md", "did you mean `pdsa/01-first.md`?"),
            (
                a,
                "notes.txt",
                "only files in a project's `files/` folder are",
            ),
            (
                a,
                "../../../secret.md",
                "leads outside the portfolio folder",
            ),
            (a, "/../x", "leads outside the portfolio folder"),
            (
                a,
                "javascript:alert(1)",
                "`javascript:` links are not allowed",
            ),
            (
                a,
                "JavaScript:alert(1)",
                "`javascript:` links are not allowed",
            ),
            (
                a,
                "java\tscript:alert(1)",
                "`javascript:` links are not allowed",
            ),
            (
                a,
                "data:text/html,<script>",
                "`data:` links are not allowed",
            ),
            (a, "vbscript:x", "`vbscript:` links are not allowed"),
            (a, "file:///C:/x.pdf", "computer's own disk"),
            (a, "C:\\Users\\x.pdf", "computer's own disk"),
            (a, "", "the link has no target"),
        ];
        for (from, href, want) in cases {
            match map.resolve(from, href) {
                Target::Broken(reason) => {
                    assert!(reason.contains(want), "`{href}`: {reason}")
                }
                other => panic!("`{href}` should be broken, got {other:?}"),
            }
        }
    }

    #[test]
    fn suggestions_are_only_for_likely_typos() {
        let map = LinkMap::new(&portfolio());
        let Target::Broken(reason) = map.resolve("projects/a/index.md", "../x/index.md") else {
            panic!("`../x/index.md` should be broken");
        };
        assert!(!reason.contains("did you mean"), "{reason}");
    }

    #[test]
    fn output_paths_of_content_files() {
        let map = LinkMap::new(&portfolio());
        assert_eq!(
            map.output_path("projects/old/index.md"),
            Some("projects/new/index.html")
        );
        assert_eq!(
            map.output_path("projects/old"),
            Some("projects/new/index.html")
        );
        assert_eq!(
            map.output_path("people/ana.md"),
            Some("people/ana/index.html")
        );
        assert_eq!(map.output_path("projects/a/driver.yaml"), None);
    }

    #[test]
    fn disallowed_schemes() {
        assert!(is_disallowed(" javascript:x"));
        assert!(is_disallowed("DATA:x"));
        assert!(!is_disallowed("https://x"));
        assert!(!is_disallowed("../javascript:x"));
    }
}
