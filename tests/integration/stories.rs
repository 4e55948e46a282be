//! Stories: the paginated index, tag pages and the `{{ chart(…) }}` shortcode, on the
//! `good/directory` fixture (thirteen stories, five to a page) and on broken copies of
//! the base site.

use super::common::{page, qisite, site};
use super::people::{assert_links_resolve, attr_values, built, link_texts, resolve};

/// The story titles listed on a page of the index, in order.
fn titles(html: &str) -> Vec<&str> {
    link_texts(html, "<h2 class=\"card-title\">")
}

/// The pagination navigation of a page.
fn pagination(html: &str) -> &str {
    let start = html
        .find("<nav class=\"pagination\"")
        .expect("no pagination");
    &html[start..start + html[start..].find("</nav>").unwrap()]
}

#[test]
fn the_index_is_split_into_linked_pages() {
    let out = built();
    let pages = [
        "stories/index.html",
        "stories/page/2/index.html",
        "stories/page/3/index.html",
    ];
    let htmls: Vec<String> = pages.iter().map(|p| page(out, p)).collect();
    let all: Vec<Vec<&str>> = htmls.iter().map(|h| titles(h)).collect();
    // Thirteen stories, newest first, five to a page.
    assert_eq!(
        all,
        [
            vec![
                "Our falls chart",
                "Falls halved on Ward 7",
                "Update 11",
                "Update 10",
                "Update 09"
            ],
            vec![
                "Update 08",
                "Update 07",
                "Update 06",
                "Update 05",
                "Update 04"
            ],
            vec!["Update 03", "Update 02", "Update 01"],
        ]
    );
    assert!(!out.join("stories/page/1/index.html").exists());
    assert!(!out.join("stories/page/4/index.html").exists());

    // Page 2: previous and next, the first and the last page, and itself as current.
    let nav = pagination(&htmls[1]);
    assert!(nav.starts_with("<nav class=\"pagination\" aria-label=\"Pages of stories\">"));
    assert!(nav.contains("Page 2 of 3"));
    for (href, what) in [
        ("../../index.html\" rel=\"prev\"", "previous"),
        ("../3/index.html\" rel=\"next\"", "next"),
        ("../../index.html\" aria-label=\"Page 1\">1<", "first"),
        ("../3/index.html\" aria-label=\"Page 3\">3<", "last"),
        (
            "index.html\" aria-label=\"Page 2\" aria-current=\"page\">2<",
            "current",
        ),
    ] {
        assert!(nav.contains(&format!("href=\"{href}")), "{what}: {nav}");
    }
    assert_eq!(nav.matches("aria-current").count(), 1);
    // The first page has no "previous", the last no "next".
    assert!(!pagination(&htmls[0]).contains("rel=\"prev\""));
    assert!(!pagination(&htmls[2]).contains("rel=\"next\""));
    assert!(htmls[2].contains("<title>Stories (page 3 of 3) · Test Trust QI</title>"));
    for rel in pages {
        assert_links_resolve(out, rel);
    }
    // Story links on a nested page lead to the stories.
    for href in attr_values(&htmls[2], "href")
        .into_iter()
        .filter(|h| h.contains("update-0"))
    {
        assert!(resolve("stories/page/3/index.html", href).starts_with("stories/update-0"));
    }
}

#[test]
fn each_tag_has_paginated_pages_and_the_tags_are_listed() {
    let out = built();
    // `falls` is on seven stories (written "Falls" on the newest): two pages.
    let first = page(out, "stories/tags/falls/index.html");
    assert!(first.contains("<h1>Stories tagged “Falls”</h1>"), "{first}");
    assert!(first.contains("7 stories with this tag"));
    assert_eq!(
        titles(&first),
        [
            "Our falls chart",
            "Falls halved on Ward 7",
            "Update 05",
            "Update 04",
            "Update 03"
        ]
    );
    let second = page(out, "stories/tags/falls/page/2/index.html");
    assert_eq!(titles(&second), ["Update 02", "Update 01"]);
    let nav = pagination(&second);
    assert!(nav.contains("aria-label=\"Pages of stories tagged “Falls”\""));
    assert!(
        nav.contains("href=\"../../index.html\" rel=\"prev\""),
        "{nav}"
    );
    assert!(!out.join("stories/tags/charts/page/2/index.html").exists());
    assert!(!page(out, "stories/tags/charts/index.html").contains("class=\"pagination\""));

    // Story pages and cards link their tags to these pages.
    let story = page(out, "stories/chart-story/index.html");
    assert!(story.contains("<a href=\"../tags/falls/index.html\">Falls</a>"));
    let index = page(out, "stories/index.html");
    assert!(index
        .contains("<a href=\"tags/news/index.html\">news <span class=\"count\">(11)</span></a>"));
    let tags = page(out, "stories/tags/index.html");
    assert!(tags
        .contains("<a href=\"falls/index.html\">Falls</a> <span class=\"count\">7 stories</span>"));
    assert!(tags
        .contains("<a href=\"charts/index.html\">charts</a> <span class=\"count\">1 story</span>"));
    for rel in [
        "stories/tags/falls/index.html",
        "stories/tags/falls/page/2/index.html",
        "stories/tags/news/page/3/index.html",
        "stories/tags/index.html",
    ] {
        assert_links_resolve(out, rel);
    }
}

#[test]
fn a_chart_shortcode_shows_the_measures_chart() {
    let out = built();
    let html = page(out, "stories/chart-story/index.html");
    // Twice, each with its own ids, and not a trace of the shortcode.
    for id in [
        "chart-embed-falls-ward-7-falls",
        "chart-embed-falls-ward-7-falls-2",
    ] {
        for want in [
            format!("<div class=\"chart-embed\" role=\"group\" aria-labelledby=\"{id}-name\">"),
            format!("aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" aria-details=\"{id}-data\""),
            format!("<p id=\"{id}-summary\" class=\"chart-summary\">"),
            format!("<table id=\"{id}-data\">"),
        ] {
            assert!(html.contains(&want), "{want}");
        }
    }
    assert!(
        !html.contains("chart-falls-"),
        "the project page's ids leaked"
    );
    assert_eq!(
        html.matches("class=\"chart\" role=\"graphics-document\"")
            .count(),
        2
    );
    assert_eq!(
        html.matches("Data and limits for “Falls per 1,000 bed days”")
            .count(),
        2
    );
    assert!(html.contains("<a href=\"../../projects/falls-ward-7/index.html#measure-falls\">Falls per 1,000 bed days</a>"));
    assert!(html.contains("href=\"../../projects/falls-ward-7/measures/falls.csv\" download"));
    // The PDSA mark on the chart leads to the cycle from this page.
    assert!(html.contains("href=\"../../projects/falls-ward-7/pdsa/01-checklist.html\""));
    // In code, the shortcode is shown as written.
    assert!(html.contains("<code>{{ chart(project=\"falls-ward-7\", measure=\"falls\") }}</code>"));
    assert_links_resolve(out, "stories/chart-story/index.html");

    // The same works in free pages and project write-ups; the project page keeps its
    // own chart's ids apart from the embedded one's.
    let results = page(out, "results/index.html");
    assert!(results.contains("aria-details=\"chart-embed-falls-ward-7-falls-data\""));
    assert!(results.contains("href=\"../projects/falls-ward-7/pdsa/01-checklist.html\""));
    assert_links_resolve(out, "results/index.html");
    let project = page(out, "projects/falls-ward-7/index.html");
    assert!(project.contains("aria-details=\"chart-falls-data\""));
    assert!(project.contains("aria-details=\"chart-embed-falls-ward-7-falls-data\""));
    assert_links_resolve(out, "projects/falls-ward-7/index.html");
}

#[test]
fn shortcode_mistakes_are_located_errors() {
    let dir = site("");
    let root = dir.path();
    std::fs::write(
        root.join("stories/2025-08-01-mistakes.md"),
        "---\n\
         title: Mistakes\n\
         ---\n\
         {{ chart(project=\"falls-ward-8\", measure=\"falls\") }}\n\
         \n\
         {{ chart(project=\"falls-ward-7\", measure=\"fall\") }}\n\
         \n\
         {{ chart(project=\"falls-ward-7\" measure=\"falls\") }}\n\
         \n\
         See {{ chart(project=\"falls-ward-7\", measure=\"falls\") }} here.\n\
         \n\
         `{{ chart(project=\"nowhere\", measure=\"x\") }}` is literal.\n",
    )
    .unwrap();
    let (code, _out, err) = qisite(&["check", "."], root);
    assert_eq!(code, 1, "{err}");
    let rel = "stories/2025-08-01-mistakes.md";
    for (at, message, hint) in [
        (
            "4:1",
            "unknown project `falls-ward-8` in the chart shortcode",
            "did you mean `falls-ward-7`?",
        ),
        (
            "6:1",
            "project `falls-ward-7` has no measure `fall`",
            "did you mean `falls`? its measures: falls",
        ),
        (
            "8:33",
            "expected `,` or `)` after an argument",
            "separate the arguments with commas",
        ),
        (
            "10:5",
            "a chart shortcode must be a paragraph of its own",
            "on a line of its own",
        ),
    ] {
        let located = format!("--> {rel}:{at}");
        let i = err
            .find(&located)
            .unwrap_or_else(|| panic!("no error at {at}:\n{err}"));
        let before = &err[..i];
        let block = &err[before.rfind("error:").unwrap()..];
        let block = &block[..block[1..].find("\nerror").map_or(block.len(), |j| j + 1)];
        assert!(block.starts_with(&format!("error: {message}")), "{block}");
        assert!(block.contains(hint), "{block}");
    }
    assert!(!err.contains("nowhere"), "{err}");
    assert!(err.contains(": 4 errors, 0 warnings"), "{err}");
}

#[test]
fn story_settings_and_names_are_checked() {
    let dir = site("");
    let root = dir.path();
    let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        format!("{config}stories:\n  per_page: 0\n"),
    )
    .unwrap();
    std::fs::write(
        root.join("stories/2025-08-01-tags.md"),
        "---\ntitle: Tags\n---\nA story named like the tags index.\n",
    )
    .unwrap();
    let (code, _out, err) = qisite(&["check", "."], root);
    assert_eq!(code, 1, "{err}");
    let lines = config.lines().count();
    assert!(
        err.contains(&format!(
            "error: `stories.per_page` must be at least 1\n  --> site.yaml:{}:3",
            lines + 2
        )),
        "{err}"
    );
    assert!(
        err.contains("error: the story name `tags` is used by the stories index itself"),
        "{err}"
    );
}
