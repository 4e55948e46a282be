//! Renders content-example (and a tiny portfolio made in a temp folder) and checks the
//! site as a whole: every page type exists, every internal link and asset resolves in
//! the OutputSet, output is deterministic, overrides win, and numbers and dates read
//! the British way.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{render, RenderOptions, Rendered};
use crate::content::date::Date;
use crate::output::OutputFile;

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example")
}

fn options() -> RenderOptions {
    RenderOptions {
        base_url: None,
        today: Date::parse("2026-11-22").unwrap(),
    }
}

/// content-example, loaded and rendered once for all tests.
fn example() -> &'static Rendered {
    static SITE: OnceLock<Rendered> = OnceLock::new();
    SITE.get_or_init(|| {
        let loaded = crate::content::load(&example_dir());
        assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
        render(&loaded.portfolio, &options()).expect("content-example renders")
    })
}

fn html(site: &Rendered, path: &str) -> String {
    let bytes = site
        .output
        .bytes(path)
        .unwrap_or_else(|| panic!("no page `{path}`"));
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn pages(site: &Rendered) -> impl Iterator<Item = (&String, String)> {
    site.output
        .files
        .iter()
        .filter_map(|(path, file)| match file {
            OutputFile::Bytes(b) if path.ends_with(".html") => {
                Some((path, String::from_utf8_lossy(b).into_owned()))
            }
            _ => None,
        })
}

/// The values of every `name="…"` attribute in `html`, unescaped enough for URLs.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

/// Resolves a relative URL written on the page at `from` to an output path.
fn resolve(from: &str, url: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in url.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn is_external(url: &str) -> bool {
    url.contains("://") || url.starts_with("mailto:") || url.starts_with("tel:")
}

#[test]
fn every_page_type_exists() {
    let site = example();
    let expected = [
        "index.html",
        "404.html",
        "projects/index.html",
        "projects/ward-7-falls/index.html",
        "projects/ward-7-falls/pdsa/02-checklist-days.html",
        "programmes/index.html",
        "programmes/sepsis-collaborative/index.html",
        "people/index.html",
        "people/grace-adeyemi/index.html",
        "stories/index.html",
        "stories/ward-7-falls-checklist/index.html",
        "showcases/index.html",
        "showcases/qi-celebration-2026/index.html",
        "about/index.html",
        "status/index.html",
        "status/active/index.html",
        "priorities/patient-safety/index.html",
        "directorates/medicine/index.html",
        "methods/index.html",
        "tags/falls/index.html",
        "static/style.css",
        "static/highlight.css",
        "projects/ward-7-falls/files/falls-checklist.svg",
        "showcases/qi-celebration-2026/poster-falls.svg",
        "stories/files/ward-7-falls-chart.svg",
    ];
    for path in expected {
        assert!(site.output.files.contains_key(path), "missing `{path}`");
    }
    let pdsa = site
        .output
        .files
        .keys()
        .filter(|k| k.contains("/pdsa/"))
        .count();
    assert_eq!(pdsa, 40, "one page per PDSA cycle");
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let site = example();
    let ids: BTreeMap<&String, BTreeSet<String>> = pages(site)
        .map(|(path, text)| {
            let ids = attributes(&text, "id").into_iter().map(str::to_owned);
            (path, ids.collect())
        })
        .collect();
    // Chart PNGs are drawn by the build after rendering; each has its SVG here.
    let pngs: BTreeSet<&String> = site.png_jobs.iter().map(|(png, _)| png).collect();
    for (png, svg) in &site.png_jobs {
        assert!(site.output.files.contains_key(svg), "{png} has no SVG");
    }
    let mut broken = Vec::new();
    for (page, text) in pages(site) {
        for url in attributes(&text, "href")
            .into_iter()
            .chain(attributes(&text, "src"))
        {
            if is_external(url) {
                continue;
            }
            let (file, fragment) = url.split_once('#').unwrap_or((url, ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                resolve(page, file)
            };
            if file.ends_with('/')
                || !(site.output.files.contains_key(&target) || pngs.contains(&target))
            {
                broken.push(format!("{page}: `{url}` → `{target}` does not exist"));
                continue;
            }
            if !fragment.is_empty() {
                if let Some(ids) = ids.get(&target) {
                    if !ids.contains(fragment) {
                        broken.push(format!("{page}: `{url}`: no id `{fragment}` on `{target}`"));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn every_page_has_one_h1_a_unique_title_and_no_skipped_heading_levels() {
    let site = example();
    let mut titles = BTreeMap::new();
    for (page, text) in pages(site) {
        assert!(text.contains("<html lang=\"en-GB\">"), "{page}: lang");
        assert!(text.contains("<main id=\"main\""), "{page}: main");
        assert!(text.contains("href=\"#main\""), "{page}: skip link");
        assert_eq!(text.matches("<h1").count(), 1, "{page}: one h1");
        let title = text
            .split_once("<title>")
            .and_then(|(_, rest)| rest.split_once("</title>"))
            .map(|(t, _)| t.to_owned())
            .unwrap_or_default();
        if let Some(other) = titles.insert(title.clone(), page.clone()) {
            panic!("`{page}` and `{other}` share the title `{title}`");
        }
        let mut last = 1;
        for (i, _) in text.match_indices("<h") {
            let level = text.as_bytes().get(i + 2).copied().unwrap_or(0);
            if !(b'1'..=b'6').contains(&level) {
                continue;
            }
            let level = level - b'0';
            assert!(
                level <= last + 1,
                "{page}: h{level} follows h{last} (a skipped level)"
            );
            last = level;
        }
    }
}

#[test]
fn rendering_is_deterministic() {
    let loaded = crate::content::load(&example_dir());
    let again = render(&loaded.portfolio, &options()).unwrap();
    let first = example();
    assert_eq!(
        first.output.files.keys().collect::<Vec<_>>(),
        again.output.files.keys().collect::<Vec<_>>()
    );
    for (path, file) in &first.output.files {
        assert!(
            again.output.files.get(path) == Some(file),
            "`{path}` differs"
        );
    }
}

#[test]
fn dates_and_numbers_read_the_british_way() {
    let site = example();
    let project = html(site, "projects/ward-7-falls/index.html");
    assert!(project.contains("1 March 2024"), "long dates");
    assert!(project.contains("× 1,000"), "thousands separators");
    assert!(
        project.contains("3.5 · Improvement"),
        "progress with its label"
    );
    assert!(
        !project.contains("2024-03-01<"),
        "no ISO dates shown as text"
    );
    let home = html(site, "index.html");
    assert!(home.contains("26 February 2026"), "the showcase date");
    assert!(home.contains("Latest celebration event"));
}

#[test]
fn pdsa_pages_show_the_decision_in_words_and_link_their_ramp() {
    let site = example();
    let page = html(site, "projects/ward-7-falls/pdsa/02-checklist-days.html");
    assert!(page.contains("Decision: <strong>Adopt</strong>"));
    assert!(page.contains("href=\"01-checklist-one-bay.html\""));
    assert!(page.contains("href=\"03-checklist-nights.html\""));
    assert!(page.contains("href=\"../index.html#idea-falls-checklist\""));
}

#[test]
fn nav_marks_the_current_page() {
    let site = example();
    let projects = html(site, "projects/index.html");
    assert!(projects.contains("<a href=\"index.html\" aria-current=\"page\">Projects</a>"));
    assert_eq!(projects.matches("aria-current=\"page\"").count(), 1);
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn portfolio_templates_and_static_files_override_the_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "site.yaml", "title: Test portfolio\n");
    write(
        root,
        "projects/alpha/index.md",
        "---\ntitle: Alpha\nstatus: active\nprogress: 2.0\n---\nSome text.\n",
    );
    write(
        root,
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lost? {{ site.title }}</h1>{% endblock content %}",
    );
    write(root, "static/style.css", "body { color: black; }\n");
    write(root, "static/extra.txt", "extra\n");
    let loaded = crate::content::load(root);
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    let site = render(&loaded.portfolio, &options()).unwrap();
    assert!(html(&site, "404.html").contains("<h1>Lost? Test portfolio</h1>"));
    assert_eq!(
        site.output.files.get("static/style.css"),
        Some(&OutputFile::Copy(root.join("static/style.css")))
    );
    assert!(site.output.files.contains_key("static/extra.txt"));
    assert!(html(&site, "projects/alpha/index.html").contains("2.0 · Activity, but no changes"));
}

#[test]
fn a_broken_template_is_a_template_error() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "site.yaml", "title: Test portfolio\n");
    write(root, "templates/page.html", "{% if %}");
    let loaded = crate::content::load(root);
    match render(&loaded.portfolio, &options()) {
        Err(crate::error::Error::Template { template, .. }) => assert_eq!(template, "page.html"),
        other => panic!("expected a template error, got {:?}", other.map(|_| ())),
    }
}
