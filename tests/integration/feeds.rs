//! Feeds and machine outputs on fixture sites: the Atom feeds, sitemap.xml and
//! robots.txt (with and without a site address, and with `noindex`), and the data
//! downloads portfolio.json, portfolio.csv and measures.csv.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::common::{good_site, page, qisite, site, snapshot};
use super::links;

const BASE: &str = "https://qi.example/trust/";
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// Builds `dir` into `dir/public` with extra arguments; returns the output folder and
/// the build's messages.
fn build(dir: &Path, args: &[&str]) -> (PathBuf, String) {
    let mut all = vec!["build", "."];
    all.extend_from_slice(args);
    let (code, _out, err) = qisite(&all, dir);
    assert_eq!(code, 0, "build failed:\n{err}");
    (dir.join("public"), err)
}

fn add_to_site_yaml(dir: &Path, lines: &str) {
    let path = dir.join("site.yaml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(lines);
    std::fs::write(path, text).unwrap();
}

/// Every HTML page of a built site, by output path.
fn html_pages(out: &Path) -> Vec<String> {
    snapshot(out)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect()
}

/// The text of the single child element `name` of `node`.
fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    let found: Vec<_> = node
        .children()
        .filter(|c| c.has_tag_name((ATOM, name)))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one <{name}> in <{}>",
        node.tag_name().name()
    );
    found[0].text().unwrap_or("")
}

fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 20 && b[4] == b'-' && b[10] == b'T' && text.ends_with('Z')
}

/// One feed, parsed and checked against RFC 4287's required elements.
struct ParsedFeed {
    id: String,
    updated: String,
    /// (id, updated, alternate link href) of each entry.
    entries: Vec<(String, String, String)>,
}

fn parse_feed(xml: &str) -> ParsedFeed {
    let doc = roxmltree::Document::parse(xml).expect("a well-formed feed");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "the root is atom:feed");
    let id = child_text(feed, "id").to_owned();
    assert!(id.starts_with("urn:uuid:"), "feed id {id}");
    assert!(!child_text(feed, "title").is_empty());
    let updated = child_text(feed, "updated").to_owned();
    assert!(is_rfc3339(&updated), "feed updated {updated}");
    let self_links = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .count();
    assert_eq!(self_links, 1, "one self link");
    let feed_author = feed.children().any(|c| c.has_tag_name((ATOM, "author")));
    let mut entries = Vec::new();
    for entry in feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))) {
        let id = child_text(entry, "id").to_owned();
        assert!(id.starts_with("urn:uuid:"), "entry id {id}");
        assert!(!child_text(entry, "title").is_empty());
        assert!(!child_text(entry, "summary").is_empty());
        let updated = child_text(entry, "updated").to_owned();
        assert!(is_rfc3339(&updated), "entry updated {updated}");
        let alternate: Vec<&str> = entry
            .children()
            .filter(|c| c.has_tag_name((ATOM, "link")))
            .filter(|c| c.attribute("rel").unwrap_or("alternate") == "alternate")
            .filter_map(|c| c.attribute("href"))
            .collect();
        assert_eq!(alternate.len(), 1, "one alternate link in {id}");
        let has_author = entry.children().any(|c| c.has_tag_name((ATOM, "author")));
        assert!(feed_author || has_author, "an author for {id}");
        entries.push((id, updated, alternate[0].to_owned()));
    }
    assert!(!entries.is_empty(), "feeds are written only with entries");
    let newest = entries.iter().map(|e| e.1.clone()).max().unwrap();
    assert_eq!(updated, newest, "the feed is as new as its newest entry");
    ParsedFeed {
        id,
        updated,
        entries,
    }
}

const FEEDS: [&str; 3] = [
    "feeds/stories.xml",
    "feeds/projects.xml",
    "feeds/showcases.xml",
];

#[test]
fn feeds_are_valid_atom_with_ids_that_survive_a_move() {
    let dir = site("");
    let (out, _) = build(dir.path(), &["--base-url", BASE]);
    let mut with_base = Vec::new();
    let mut all_ids = BTreeSet::new();
    for rel in FEEDS {
        let feed = parse_feed(&page(&out, rel));
        for (id, _, href) in &feed.entries {
            assert!(href.starts_with(BASE), "{rel}: {href} is absolute");
            assert!(all_ids.insert(id.clone()), "{rel}: {id} is unique");
        }
        assert!(all_ids.insert(feed.id.clone()));
        with_base.push(feed);
    }
    let projects = &with_base[1];
    // Falls started; sepsis started and completed.
    assert_eq!(projects.entries.len(), 3);
    assert_eq!(projects.updated, "2026-02-01T00:00:00Z");
    assert_eq!(
        projects.entries[0].2,
        format!("{BASE}projects/sepsis-ward-4/index.html")
    );
    assert_eq!(with_base[0].entries[0].1, "2025-06-01T00:00:00Z");
    assert_eq!(with_base[2].entries[0].1, "2026-05-14T00:00:00Z");
    let links = links::check(&out, Some(BASE));
    assert!(links.problems.is_empty(), "{:#?}", links.problems);

    // Without an address the links are relative to the feed, and the ids are the same.
    let (out, _) = build(dir.path(), &[]);
    let first = snapshot(&out);
    for (rel, before) in FEEDS.iter().zip(&with_base) {
        let feed = parse_feed(&page(&out, rel));
        assert_eq!(feed.id, before.id);
        let ids = |f: &ParsedFeed| f.entries.iter().map(|e| e.0.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&feed), ids(before), "{rel}: stable ids");
        for (_, _, href) in &feed.entries {
            assert!(href.starts_with("../"), "{rel}: {href} is relative");
        }
    }
    // The same portfolio gives the same bytes.
    let (again, _) = build(dir.path(), &[]);
    let again = snapshot(&again);
    for rel in FEEDS.iter().chain(&[
        "portfolio.json",
        "portfolio.csv",
        "measures.csv",
        "robots.txt",
    ]) {
        assert_eq!(first.get(*rel), again.get(*rel), "{rel}");
        assert!(first.contains_key(*rel), "{rel}");
    }
    let links = links::check(&out, None);
    assert!(links.problems.is_empty(), "{:#?}", links.problems);
}

#[test]
fn every_page_names_the_feeds_and_the_footer_lists_feeds_and_downloads() {
    let dir = site("");
    let (out, _) = build(dir.path(), &[]);
    for rel in html_pages(&out) {
        let html = page(&out, &rel);
        assert_eq!(
            html.matches("<link rel=\"alternate\" type=\"application/atom+xml\"")
                .count(),
            3,
            "{rel}"
        );
        assert!(!html.contains("name=\"robots\""), "{rel}: indexable");
    }
    let person = page(&out, "people/ada-lovelace/index.html");
    assert!(person.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Stories\" href=\"../../feeds/stories.xml\">"
    ));
    assert!(person.contains("<a href=\"../../feeds/projects.xml\">New and completed projects</a>"));
    assert!(person.contains("<a href=\"../../portfolio.csv\">portfolio.csv</a>"));
    assert!(person.contains("<a href=\"../../portfolio.json\">portfolio.json</a>"));
    assert!(person.contains("<a href=\"../../measures.csv\">measures.csv</a>"));
}

#[test]
fn a_site_without_stories_or_showcases_has_only_the_feeds_it_can_fill() {
    let dir = site("");
    std::fs::remove_dir_all(dir.path().join("stories")).unwrap();
    std::fs::remove_dir_all(dir.path().join("showcases")).unwrap();
    let (out, _) = build(dir.path(), &[]);
    assert!(!out.join("feeds/stories.xml").exists());
    assert!(!out.join("feeds/showcases.xml").exists());
    parse_feed(&page(&out, "feeds/projects.xml"));
    let home = page(&out, "index.html");
    assert_eq!(home.matches("application/atom+xml").count(), 1);
    assert!(!home.contains("stories.xml"));
}

#[test]
fn the_sitemap_lists_every_page_when_the_address_is_known() {
    let dir = site("");
    let (out, _) = build(dir.path(), &[]);
    assert!(!out.join("sitemap.xml").exists(), "no address, no sitemap");
    assert_eq!(
        page(&out, "robots.txt"),
        "# Written by qisite.\nUser-agent: *\nDisallow:\n"
    );

    add_to_site_yaml(dir.path(), &format!("base_url: {BASE}\n"));
    let (out, _) = build(dir.path(), &[]);
    assert!(page(&out, "robots.txt").ends_with(&format!("\nSitemap: {BASE}sitemap.xml\n")));
    let xml = page(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "loc")))
        .map(|n| n.text().unwrap().to_owned())
        .collect();
    let pages: BTreeSet<String> = html_pages(&out)
        .into_iter()
        .filter(|p| p != "404.html")
        .map(|p| format!("{BASE}{p}"))
        .collect();
    assert_eq!(locs, pages);
    // Content dates, not the build date.
    assert!(xml.contains(&format!(
        "<loc>{BASE}stories/falls-halved/index.html</loc><lastmod>2025-06-01</lastmod>"
    )));
    assert!(xml.contains(&format!(
        "<loc>{BASE}projects/sepsis-ward-4/index.html</loc><lastmod>2026-02-01</lastmod>"
    )));
    let links = links::check(&out, Some(BASE));
    assert!(links.problems.is_empty(), "{:#?}", links.problems);
}

#[test]
fn noindex_keeps_search_engines_out_of_an_intranet() {
    let dir = site("");
    add_to_site_yaml(dir.path(), &format!("base_url: {BASE}\nnoindex: true\n"));
    let (out, _) = build(dir.path(), &[]);
    assert_eq!(
        page(&out, "robots.txt"),
        "# Written by qisite.\nUser-agent: *\nDisallow: /trust/\n"
    );
    assert!(!out.join("sitemap.xml").exists());
    let pages = html_pages(&out);
    assert!(pages.len() > 20);
    for rel in pages {
        assert!(
            page(&out, &rel).contains("<meta name=\"robots\" content=\"noindex\">"),
            "{rel}"
        );
    }
}

#[test]
fn a_base_url_that_is_not_an_address_is_a_warning() {
    let dir = site("");
    let (out, err) = build(dir.path(), &["--base-url", "qi.example/trust"]);
    assert!(
        err.contains("`base_url` `qi.example/trust` is not an absolute web address"),
        "{err}"
    );
    assert!(!out.join("sitemap.xml").exists());
    assert!(page(&out, "feeds/stories.xml").contains("href=\"../stories/falls-halved/index.html\""));
}

/// Reads a CSV download: checks its byte order mark, returns header and rows.
fn read_csv(out: &Path, rel: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = page(out, rel);
    let body = text
        .strip_prefix('\u{FEFF}')
        .expect("a UTF-8 byte order mark");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn cell<'a>(header: &[String], row: &'a [String], column: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column}"));
    &row[i]
}

#[test]
fn portfolio_json_and_csv_have_a_row_per_project() {
    let dir = site("");
    let (out, _) = build(dir.path(), &["--base-url", BASE]);
    let json: serde_json::Value = serde_json::from_str(&page(&out, "portfolio.json")).unwrap();
    assert_eq!(json["title"], "Test Trust QI");
    assert_eq!(json["url"], BASE);
    let projects = json["projects"].as_array().unwrap();
    let slugs: Vec<&str> = projects
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["falls-ward-7", "sepsis-ward-4"]);
    let falls = &projects[0];
    assert_eq!(falls["status"], "active");
    assert_eq!(falls["directorate"]["name"], "Medicine");
    assert_eq!(falls["priorities"][0]["slug"], "patient-safety");
    assert_eq!(falls["leads"][0]["name"], "Ada Lovelace");
    assert_eq!(falls["progress"], 3.5);
    assert_eq!(falls["progress_label"], "Improvement");
    assert_eq!(
        falls["url"],
        format!("{BASE}projects/falls-ward-7/index.html")
    );
    let measure = &falls["measures"][0];
    assert_eq!(measure["id"], "falls");
    assert_eq!(measure["chart"], "u");
    assert_eq!(measure["target"], 4.0);
    assert!(measure["latest"]["date"].is_string());
    assert!(measure["latest"]["value"].is_number());
    assert!(measure["variation"]["code"].is_string());
    assert_eq!(
        measure["chart_url"],
        format!("{BASE}projects/falls-ward-7/measures/falls.svg")
    );
    assert_eq!(projects[1]["programme"]["slug"], "sepsis");
    assert_eq!(projects[1]["ended"], "2026-02-01");

    let (header, rows) = read_csv(&out, "portfolio.csv");
    assert_eq!(header[..4], ["slug", "title", "summary", "status"]);
    assert_eq!(header.len(), 26);
    assert_eq!(rows.len(), 2);
    assert_eq!(cell(&header, &rows[0], "title"), "Reducing falls on Ward 7");
    assert_eq!(cell(&header, &rows[0], "priorities"), "Patient safety");
    assert_eq!(cell(&header, &rows[0], "tags"), "falls; frailty");
    assert_eq!(cell(&header, &rows[0], "measures"), "1");
    assert!(cell(&header, &rows[0], "measure_summary").starts_with("Falls per 1,000 bed days: "));
    assert_eq!(cell(&header, &rows[1], "status"), "Completed");
    assert_eq!(cell(&header, &rows[1], "programme"), "Sepsis collaborative");

    let (header, rows) = read_csv(&out, "measures.csv");
    assert_eq!(
        header[..4],
        ["project", "project_title", "measure", "title"]
    );
    assert_eq!(rows.len(), 2);
    let measures: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (cell(&header, r, "project"), cell(&header, r, "measure")))
        .collect();
    assert_eq!(
        measures,
        [("falls-ward-7", "falls"), ("sepsis-ward-4", "antibiotics")]
    );
    // The latest value is the last row of the data, in the chart's units (× 1,000).
    let falls_csv =
        std::fs::read_to_string(dir.path().join("projects/falls-ward-7/measures/falls.csv"))
            .unwrap();
    let last = falls_csv.lines().last().unwrap();
    let parts: Vec<&str> = last.split(',').collect();
    let want = parts[1].parse::<f64>().unwrap() / parts[2].parse::<f64>().unwrap() * 1000.0;
    let got: f64 = cell(&header, &rows[0], "latest_value").parse().unwrap();
    assert!((got - want).abs() < 1e-6, "{got} vs {want}");
    assert_eq!(cell(&header, &rows[0], "latest_date"), parts[0]);
    assert_eq!(cell(&header, &rows[0], "target"), "4");
}

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let dir = good_site("exports");
    let (out, _) = build(dir.path(), &[]);
    let (header, rows) = read_csv(&out, "portfolio.csv");
    let row = rows
        .iter()
        .find(|r| cell(&header, r, "slug") == "formula")
        .unwrap();
    assert_eq!(
        cell(&header, row, "title"),
        "'=HYPERLINK(\"http://evil.example\",\"Click me\")"
    );
    assert_eq!(cell(&header, row, "tags"), "'+cmd; @sum; -2");
    assert_eq!(
        cell(&header, row, "summary"),
        "Text with a comma, \"quotes\" and\na second line."
    );
    // The JSON keeps the text as written: it is data, not a spreadsheet.
    let json: serde_json::Value = serde_json::from_str(&page(&out, "portfolio.json")).unwrap();
    let formula = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "formula")
        .unwrap();
    assert_eq!(
        formula["title"],
        "=HYPERLINK(\"http://evil.example\",\"Click me\")"
    );
    assert_eq!(formula["tags"][0], "+cmd");
}
