//! `qisite build`: fixture sites are built with the binary and the HTML is asserted on;
//! output safety (changed files only, marker, refused folders) and determinism are checked on
//! the real output folder.

use std::path::Path;

use super::common::{copy_dir, fixtures, good_site, page, qisite, site, snapshot};

/// Builds `dir` into `dir/public` and returns the output folder.
fn build(dir: &Path) -> std::path::PathBuf {
    let (code, _out, err) = qisite(&["build", "."], dir);
    assert_eq!(code, 0, "build failed:\n{err}");
    dir.join("public")
}

/// Every `href="…"` and `src="…"` value in an HTML page.
fn urls(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            found.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    found
}

#[test]
fn every_page_type_is_written() {
    let dir = site("");
    let out = build(dir.path());
    for rel in [
        "index.html",
        "404.html",
        "projects/index.html",
        "projects/falls-ward-7/index.html",
        "projects/falls-ward-7/pdsa/01-checklist.html",
        "projects/sepsis-ward-4/index.html",
        "programmes/index.html",
        "programmes/sepsis/index.html",
        "people/index.html",
        "people/ada-lovelace/index.html",
        "stories/index.html",
        "stories/falls-halved/index.html",
        "showcases/index.html",
        "showcases/celebration-2026/index.html",
        "about/index.html",
        "status/index.html",
        "status/active/index.html",
        "priorities/patient-safety/index.html",
        "directorates/medicine/index.html",
        "methods/model-for-improvement/index.html",
        "tags/falls/index.html",
        "static/style.css",
        "static/highlight.css",
        ".qisite-output",
    ] {
        assert!(out.join(rel).is_file(), "missing {rel}");
    }
    // Files are copied through byte for byte.
    let base = fixtures().join("base");
    for (from, to) in [
        (
            "projects/falls-ward-7/files/checklist.txt",
            "projects/falls-ward-7/files/checklist.txt",
        ),
        (
            "showcases/celebration-2026/poster.svg",
            "showcases/celebration-2026/poster.svg",
        ),
    ] {
        assert_eq!(
            std::fs::read(base.join(from)).unwrap(),
            std::fs::read(out.join(to)).unwrap(),
            "{to}"
        );
    }
}

#[test]
fn project_page_answers_the_three_questions() {
    let dir = site("");
    let out = build(dir.path());
    let html = page(&out, "projects/falls-ward-7/index.html");
    for text in [
        "<h1",
        "Reducing falls on Ward 7",
        "Reduce falls with harm on Ward 7 by 50% by March 2026",
        // The driver diagram: aim → primary → secondary → change idea, as text.
        "Reliable risk assessment",
        "Assessment on admission",
        "Falls risk checklist",
        // Measures, the team, attachments and the write-up.
        "Falls per 1,000 bed days",
        "../../people/ada-lovelace/index.html",
        "files/checklist.txt",
        "Falls checklist",
        "Falls were rising.",
        // Links between content files become page links.
        "../sepsis-ward-4/index.html",
        "pdsa/01-checklist.html",
        // Dates read like "6 January 2025"; the score has its label.
        "6 January 2025",
        "Improvement",
        "Medicine",
        "Patient safety",
    ] {
        assert!(html.contains(text), "project page lacks {text:?}");
    }
    assert_eq!(html.matches("<h1").count(), 1, "one h1 per page");
}

#[test]
fn pdsa_page_shows_plan_do_study_act() {
    let dir = site("");
    let out = build(dir.path());
    let html = page(&out, "projects/falls-ward-7/pdsa/01-checklist.html");
    for text in [
        "Checklist in one bay",
        "Test the checklist for a week in bay A.",
        "Nurses will complete it for 8 of 10 admissions.",
        "We used it for a week.",
        "Completed for 6 of 10 admissions.",
        "Adapt",
        "Falls risk checklist",
        "3 February 2025",
        "../../index.html",
    ] {
        assert!(html.contains(text), "PDSA page lacks {text:?}");
    }
    for heading in ["Plan", "Do", "Study", "Act"] {
        assert!(
            html.contains(&format!(" {heading}</h2>")),
            "PDSA page lacks the {heading} heading"
        );
    }
}

#[test]
fn indexes_home_and_facets_list_projects() {
    let dir = site("");
    let out = build(dir.path());
    let index = page(&out, "projects/index.html");
    assert!(index.contains("falls-ward-7/index.html"));
    assert!(index.contains("sepsis-ward-4/index.html"));
    assert!(index.contains("Fewer falls with harm on an elderly care ward."));
    let home = page(&out, "index.html");
    assert!(home.contains("Test Trust QI"));
    assert!(home.contains("projects/falls-ward-7/index.html"));
    assert!(home.contains("status/active/index.html"));
    let facet = page(&out, "directorates/medicine/index.html");
    assert!(facet.contains("../../projects/falls-ward-7/index.html"));
    let person = page(&out, "people/ada-lovelace/index.html");
    assert!(person.contains("../../projects/falls-ward-7/index.html"));
}

#[test]
fn every_link_is_relative_and_resolves() {
    let dir = site("");
    let out = build(dir.path());
    let files = snapshot(&out);
    for (rel, bytes) in files.iter().filter(|(k, _)| k.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        for url in urls(&html) {
            assert!(
                !url.starts_with('/') && !url.starts_with("//"),
                "{rel}: `{url}` is not relative, so the site would break under a sub-path"
            );
            if url.starts_with("http:") || url.starts_with("https:") || url.starts_with("mailto:") {
                assert!(
                    !html.contains(&format!("src=\"{url}\"")),
                    "{rel}: loads `{url}` from the internet"
                );
                continue;
            }
            let path = url.split('#').next().unwrap();
            if path.is_empty() {
                continue;
            }
            assert!(
                !path.ends_with('/'),
                "{rel}: `{url}` links to a folder, which fails from file://"
            );
            let base = Path::new(rel).parent().unwrap();
            let joined = base.join(path);
            let mut target = Vec::new();
            for part in joined.components() {
                match part {
                    std::path::Component::ParentDir => {
                        assert!(target.pop().is_some(), "{rel}: `{url}` leaves the site");
                    }
                    std::path::Component::Normal(p) => target.push(p.to_string_lossy()),
                    _ => {}
                }
            }
            let target = target.join("/");
            assert!(
                files.contains_key(&target),
                "{rel}: `{url}` → `{target}` does not exist"
            );
        }
    }
}

#[test]
fn markdown_extensions_and_sanitising() {
    let dir = good_site("markdown");
    // A `javascript:` link is an error to fix, not something to publish.
    let (code, _, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("pages/markdown.md:40:4"), "{err}");
    assert!(err.contains("`javascript:` links are not allowed"), "{err}");
    let file = dir.path().join("pages/markdown.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("<a href=\"javascript:alert('owned')\">bad link</a>\n", ""),
    )
    .unwrap();
    // Everything else dangerous in raw HTML is removed quietly.
    let out = build(dir.path());
    let html = page(&out, "markdown/index.html");
    assert!(html.contains("<table"), "tables");
    assert!(html.contains("<del>Paper forms</del>"), "strikethrough");
    assert!(html.contains("type=\"checkbox\""), "task lists");
    assert!(html.contains("From the March audit."), "footnotes");
    assert!(html.contains("id=\"tables\""), "heading anchors");
    assert!(html.contains("<h2"), "`#` headings sit below the page's h1");
    assert!(
        html.contains("class=\"hl-"),
        "code is highlighted with classes"
    );
    assert!(
        !html.contains("<span style="),
        "no inline styles in highlighted code"
    );
    assert!(html.contains("../projects/falls-ward-7/index.html"));
    assert!(html.contains("../projects/falls-ward-7/files/checklist.txt"));
    for bad in ["<script>alert", "onclick", "onerror", "javascript:"] {
        assert!(!html.contains(bad), "`{bad}` survived sanitising");
    }
}

#[test]
fn same_input_gives_byte_identical_output() {
    let dir = site("");
    let one = build(dir.path());
    let two = tempfile::tempdir().unwrap();
    let two_out = two.path().join("site");
    let (code, _, err) = qisite(
        &["build", ".", "--out", two_out.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(snapshot(&one), snapshot(&two_out));
}

/// The file counts in the build's summary line: (written, unchanged, removed).
pub fn write_counts(stderr: &str) -> (usize, usize, usize) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("no summary line in:\n{stderr}"));
    let inner = &line[line.find('(').unwrap() + 1..line.find(')').unwrap()];
    let n: Vec<usize> = inner
        .split(", ")
        .map(|part| part.split(' ').next().unwrap().parse().unwrap())
        .collect();
    (n[0], n[1], n[2])
}

#[test]
fn a_rebuild_writes_only_the_files_whose_bytes_changed() {
    let dir = site("");
    let (code, _, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 0, "{err}");
    let (written, _, _) = write_counts(&err);
    let out = dir.path().join("public");
    let total = snapshot(&out).len() - 1; // the marker is not part of the site
    assert_eq!(written, total, "{err}");
    assert!(err.contains(" chart"), "the summary counts charts: {err}");

    // Nothing changed: the build is skipped.
    let (code, _, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("nothing changed"), "{err}");
    // A file the site does not use: the build runs, and writes nothing.
    std::fs::write(dir.path().join("notes.txt"), "to do").unwrap();
    let (code, _, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(write_counts(&err), (0, total, 0), "{err}");

    // One PDSA cycle's words change: its page changes, an unrelated page is not touched.
    let mtime = |rel: &str| {
        std::fs::metadata(out.join(rel))
            .unwrap()
            .modified()
            .unwrap()
    };
    let unrelated = "projects/sepsis-ward-4/pdsa/01-sepsis-six.html";
    let before = mtime(unrelated);
    let pdsa = dir
        .path()
        .join("projects/falls-ward-7/pdsa/01-checklist.md");
    let text = std::fs::read_to_string(&pdsa).unwrap();
    std::fs::write(
        &pdsa,
        format!("{text}\nA sentence added after the study.\n"),
    )
    .unwrap();
    let old = snapshot(&out);
    let (code, _, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 0, "{err}");
    let (written, unchanged, removed) = write_counts(&err);
    // Exactly the files whose bytes changed were written: the cycle's page and the
    // search files that hold its words.
    let new = snapshot(&out);
    let differ = new.iter().filter(|(k, v)| old.get(*k) != Some(*v)).count();
    assert_eq!(written, differ, "{err}");
    assert!(written >= 1 && written < total / 3, "{err}");
    assert_eq!((written + unchanged, removed), (total, 0), "{err}");
    assert!(page(&out, "projects/falls-ward-7/pdsa/01-checklist.html")
        .contains("A sentence added after the study."));
    assert_eq!(mtime(unrelated), before);

    // The updated folder is byte for byte what a clean build gives.
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("site");
    let (code, _, err) = qisite(
        &["build", ".", "--out", clean_out.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(snapshot(&out), snapshot(&clean_out));
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let dir = site("");
    let out = build(dir.path());
    let before = snapshot(&out);
    copy_dir(&fixtures().join("bad/progress_outside_scale"), dir.path());
    let (code, _, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 1);
    assert!(err.contains("projects/falls-ward-7/index.md:7:11"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(snapshot(&out), before);
    // A broken link found while rendering fails the build the same way.
    let dir = site("");
    let out = build(dir.path());
    copy_dir(&fixtures().join("bad/broken_link_project"), dir.path());
    let (code, _, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("projects/falls-ward-7/index.md:22:24"),
        "{err}"
    );
    assert_eq!(snapshot(&out), before);
}

#[test]
fn a_build_never_changes_content() {
    let dir = site("");
    let before = snapshot(dir.path());
    let out = build(dir.path());
    build(dir.path());
    let mut after = snapshot(dir.path());
    after.retain(|k, _| !k.starts_with("public/"));
    assert_eq!(after, before);
    assert!(out.join(".qisite-output").is_file());
}

#[test]
fn refuses_output_folders_it_did_not_create() {
    let dir = site("");
    let foreign = tempfile::tempdir().unwrap();
    std::fs::write(foreign.path().join("precious.txt"), "keep me").unwrap();
    let (code, _, err) = qisite(
        &["build", ".", "--out", foreign.path().to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("was not made by qisite"), "{err}");
    assert!(foreign.path().join("precious.txt").is_file());

    let (code, _, err) = qisite(&["build", ".", "--out", "."], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is the content folder"), "{err}");

    let parent = dir.path().parent().unwrap().to_str().unwrap().to_owned();
    let (code, _, err) = qisite(&["build", ".", "--out", &parent], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("contains the content folder"), "{err}");

    let (code, _, err) = qisite(&["build", ".", "--out", "projects/out"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("inside the content folder"), "{err}");
}

#[test]
fn a_portfolio_template_overrides_the_theme() {
    let dir = site("");
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("404.html"),
        "<!doctype html><html lang=\"en-GB\"><title>Lost</title><p>Our own 404 page</p></html>",
    )
    .unwrap();
    let out = build(dir.path());
    assert!(page(&out, "404.html").contains("Our own 404 page"));
    assert!(!page(&out, "index.html").contains("Our own 404 page"));
}

#[test]
fn measures_are_drawn_with_summary_icons_table_and_downloads() {
    let dir = site("");
    let out = build(dir.path());
    let html = page(&out, "projects/falls-ward-7/index.html");
    // The chart: an inline SVG with an accessible name and description.
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 760 380\" class=\"chart\" role=\"graphics-document\""));
    assert!(html.contains("aria-details=\"chart-falls-data\""));
    assert!(html.contains("<table id=\"chart-falls-data\">"));
    assert!(html.contains("<title id=\"chart-falls-title\">Falls per 1,000 bed days</title>"));
    // The PDSA cycle that watches this measure is a link on the chart.
    assert!(html.contains("<a href=\"pdsa/01-checklist.html\" class=\"chart-marker\">"));
    // The plain-English summary, the icons with their text, the table with limits.
    assert!(html.contains("class=\"chart-summary\""));
    assert!(html.contains("Common cause variation") || html.contains("Special cause"));
    assert!(html.contains("<strong>Variation:</strong>"));
    assert!(html.contains("class=\"mdc-icon\" role=\"img\" aria-label=\""));
    assert!(html.contains("<th scope=\"col\" class=\"num\">Upper limit</th>"));
    assert!(html.contains("Numerator / denominator"));
    // The board-report table of the project's measures.
    assert!(html.contains("<table class=\"icon-table\">"));
    // Downloads: SVG (standalone, links relative to its folder), PNG and CSV.
    for ext in ["svg", "png", "csv"] {
        assert!(
            html.contains(&format!("href=\"measures/falls.{ext}\" download")),
            "{ext}"
        );
    }
    let svg = page(&out, "projects/falls-ward-7/measures/falls.svg");
    assert!(svg.starts_with("<?xml"));
    assert!(svg.contains("href=\"../pdsa/01-checklist.html\""));
    let png = std::fs::read(out.join("projects/falls-ward-7/measures/falls.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let csv = page(&out, "projects/falls-ward-7/measures/falls.csv");
    assert!(csv.starts_with(
        "date,value,centre,lower_limit,upper_limit,phase,signal,class,excluded\n2025-01-01,"
    ));
    assert_eq!(csv.lines().count(), 15, "a header and one row per point");
    // Home, programme and directorate pages carry the icon summary table too.
    for rel in [
        "index.html",
        "programmes/sepsis/index.html",
        "directorates/medicine/index.html",
    ] {
        assert!(
            page(&out, rel).contains("<table class=\"icon-table\">"),
            "{rel}"
        );
    }
    // A rebuild reuses the PNGs and gives the same bytes.
    let before = snapshot(&out);
    build(dir.path());
    assert_eq!(snapshot(&out), before);
}

#[test]
fn a_chart_that_cannot_be_computed_fails_the_build_at_its_row() {
    let dir = site("");
    let yaml = dir.path().join("projects/falls-ward-7/measures/falls.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}rules: nhs\n")).unwrap();
    let csv = dir.path().join("projects/falls-ward-7/measures/falls.csv");
    let data = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(&csv, data.replace("2025-02-01,6,910", "2025-02-01,,910")).unwrap();
    let (code, _, err) = qisite(&["check", "."], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("projects/falls-ward-7/measures/falls.csv:3:1"),
        "{err}"
    );
    assert!(err.contains("cannot compute the chart of `falls`"), "{err}");
}
