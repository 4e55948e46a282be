//! Search and similar projects: the related list on project pages, the search index
//! files, the search and "Before you start" pages, and the header search form. The
//! browser side is tested in tests/e2e/search.test.js.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::common::{good_site, page, qisite, site, snapshot};

fn build(dir: &Path) -> PathBuf {
    let (code, _out, err) = qisite(&["build", "."], dir);
    assert_eq!(code, 0, "build failed:\n{err}");
    dir.join("public")
}

/// The related-project lines of a project page: (kind, link text, note).
fn related(out: &Path, slug: &str) -> Vec<(String, String, String)> {
    let html = page(out, &format!("projects/{slug}/index.html"));
    html.split("<li class=\"related-project\">")
        .skip(1)
        .map(|item| {
            let kind = item.split(':').next().unwrap().to_owned();
            let title = item
                .split("\">")
                .nth(1)
                .unwrap()
                .split("</a>")
                .next()
                .unwrap();
            let note = item.split("<span class=\"meta\">(").nth(1).unwrap();
            let note = note.split(")</span>").next().unwrap();
            (kind, title.to_owned(), note.to_owned())
        })
        .collect()
}

/// The data a `search/<name>.js` file hands to the search script, parsed.
fn data(out: &Path, name: &str) -> serde_json::Value {
    let js = page(out, &format!("search/{name}.js"));
    let prefix = format!("qisiteSearch.load(\"{name}\",");
    let json = js
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("search/{name}.js is not a load call: {js:.80}"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("search/{name}.js: {e}"))
}

#[test]
fn project_pages_list_similar_projects() {
    let dir = good_site("similar");
    let out = build(dir.path());
    let list = related(&out, "falls-ward-7");
    let titles: Vec<&str> = list.iter().map(|(_, t, _)| t.as_str()).collect();
    assert_eq!(
        titles[..2],
        ["Fewer falls on Ward 9", "Falls prevention at home"]
    );
    assert!(list.iter().all(|(kind, _, _)| kind == "Similar project"));
    assert_eq!(
        list[0].2,
        "similar aim, summary or change ideas; shared tags: falls, frailty"
    );
    // Unrelated projects are not listed, and never the project itself.
    for slug in [
        "falls-ward-7",
        "falls-ward-9",
        "falls-community",
        "theatre-start",
    ] {
        let list = related(&out, slug);
        assert!(list.len() <= 5);
        assert!(!list
            .iter()
            .any(|(_, t, _)| t == "Starting theatre lists on time"));
        let own = page(&out, &format!("projects/{slug}/index.html"));
        let own_title = own
            .split("<h1>")
            .nth(1)
            .unwrap()
            .split("</h1>")
            .next()
            .unwrap();
        assert!(
            !list.iter().any(|(_, t, _)| t == own_title),
            "{slug} lists itself"
        );
    }
    assert!(related(&out, "theatre-start").is_empty());
    assert!(!page(&out, "projects/theatre-start/index.html").contains("section-related"));
}

#[test]
fn projects_chosen_by_hand_come_first() {
    let dir = good_site("similar");
    let out = build(dir.path());
    let list = related(&out, "falls-community");
    assert_eq!(
        list[0],
        (
            "Related project".into(),
            "Sepsis screening on Ward 4".into(),
            "chosen by the team".into()
        )
    );
    let rest: Vec<&str> = list[1..].iter().map(|(_, t, _)| t.as_str()).collect();
    assert_eq!(rest, ["Fewer falls on Ward 9", "Reducing falls on Ward 7"]);
    assert!(list[1..].iter().all(|(k, _, _)| k == "Similar project"));
}

#[test]
fn at_most_five_related_with_chosen_ones_counting() {
    let dir = good_site("similar");
    let index = dir.path().join("projects/falls-community/index.md");
    let text = std::fs::read_to_string(&index).unwrap().replace(
        "related: [sepsis-ward-4]",
        "related: [sepsis-ward-4, theatre-start, falls-community, sepsis-ward-4]",
    );
    std::fs::write(&index, text).unwrap();
    let add = |slug: String, title: String, aim: &str| {
        let dir = dir.path().join("projects").join(slug);
        std::fs::create_dir_all(&dir).unwrap();
        let text = format!("---\ntitle: {title}\nstatus: active\naim: {aim}\n---\n");
        std::fs::write(dir.join("index.md"), text).unwrap();
    };
    // Four copies of the project's aim, and unrelated projects so that "falls" is
    // not in half of them (which would make it too common to count).
    for i in 0..4 {
        let aim = "Reduce falls with harm among frail older people at home";
        add(
            format!("falls-copy-{i}"),
            format!("Falls prevention at home {i}"),
            aim,
        );
    }
    for (i, word) in [
        "audiology",
        "dermatology",
        "endoscopy",
        "histology",
        "pharmacy",
        "radiology",
        "urology",
        "virology",
    ]
    .iter()
    .enumerate()
    {
        add(
            format!("other-{i}"),
            format!("Better {word}"),
            &format!("Improve {word} waiting lists"),
        );
    }
    let out = build(dir.path());
    let list = related(&out, "falls-community");
    let titles: Vec<&str> = list.iter().map(|(_, t, _)| t.as_str()).collect();
    // Itself and the repeat are dropped; the copies are ranked by slug on a tie.
    assert_eq!(
        titles,
        [
            "Sepsis screening on Ward 4",
            "Starting theatre lists on time",
            "Falls prevention at home 0",
            "Falls prevention at home 1",
            "Falls prevention at home 2",
        ]
    );
}

#[test]
fn the_search_index_holds_every_kind_of_page() {
    let dir = good_site("similar");
    let out = build(dir.path());
    let manifest = data(&out, "manifest");
    assert_eq!(manifest["projects"], 5);
    let kinds = manifest["kinds"].as_array().unwrap();
    assert_eq!(kinds[0], "Project");
    let docs_per_shard = manifest["docsPerShard"].as_u64().unwrap() as usize;
    let count = manifest["docs"].as_u64().unwrap() as usize;
    let mut docs = Vec::new();
    for n in 0..count.div_ceil(docs_per_shard) {
        docs.extend(data(&out, &format!("d-{n}")).as_array().unwrap().clone());
    }
    assert_eq!(docs.len(), count);
    let find = |title: &str| {
        docs.iter()
            .position(|d| d[1] == title)
            .unwrap_or_else(|| panic!("no document {title:?}"))
    };
    let kind = |i: usize| {
        kinds[docs[i][0].as_u64().unwrap() as usize]
            .as_str()
            .unwrap()
    };
    let path = |i: usize| docs[i][2].as_str().unwrap();
    // Projects come first, in slug order.
    let falls = find("Reducing falls on Ward 7");
    assert_eq!(falls, 1);
    assert_eq!(
        (kind(falls), path(falls)),
        ("Project", "projects/falls-ward-7/index.html")
    );
    assert!(docs[falls][4]
        .as_str()
        .unwrap()
        .contains("Falls were rising."));
    let cycle = find("PDSA cycle 1: Checklist in one bay");
    assert_eq!(kind(cycle), "PDSA cycle");
    assert_eq!(docs[cycle][3], "Reducing falls on Ward 7");
    assert_eq!(kind(find("Ada Lovelace")), "Person");
    assert_eq!(kind(find("Falls halved on Ward 7")), "Story");
    assert_eq!(kind(find("About")), "Page");
    assert_eq!(kind(find("Sepsis collaborative")), "Programme");
    assert_eq!(kind(find("QI celebration 2026")), "Showcase");
    assert_eq!(path(find("Ada Lovelace")), "people/ada-lovelace/index.html");

    // The term "fall" (stemmed) is in the shard its key names, pointing at the documents
    // that contain it.
    let shards: Vec<String> = manifest["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect();
    let shard = shards
        .iter()
        .filter(|k| "fall".starts_with(k.as_str()))
        .max_by_key(|k| k.len())
        .unwrap();
    let postings = data(&out, &format!("t-{shard}"))["fall"].clone();
    let mut at = 0;
    let mut found = Vec::new();
    for pair in postings.as_array().unwrap().chunks(2) {
        at += pair[0].as_u64().unwrap() as usize;
        let weight = pair[1].as_u64().unwrap();
        assert!((1..=100).contains(&weight));
        found.push(docs[at][1].as_str().unwrap().to_owned());
    }
    for title in [
        "Reducing falls on Ward 7",
        "Fewer falls on Ward 9",
        "Falls halved on Ward 7",
    ] {
        assert!(
            found.iter().any(|t| t == title),
            "{title} not under \"fall\": {found:?}"
        );
    }
    assert!(!found.iter().any(|t| t == "Starting theatre lists on time"));

    // The projects' vectors for "Before you start".
    let similar_shards = manifest["similar"].as_array().unwrap();
    assert!(!similar_shards.is_empty());
    for k in similar_shards {
        let shard = data(&out, &format!("s-{}", k.as_str().unwrap()));
        for (term, list) in shard.as_object().unwrap() {
            let list = list.as_array().unwrap();
            assert!(list.len() >= 3 && list.len() % 2 == 1, "{term}: {list:?}");
        }
    }
}

#[test]
fn search_files_are_deterministic() {
    let dir = good_site("similar");
    let out = build(dir.path());
    let first: BTreeMap<String, Vec<u8>> = snapshot(&out.join("search"));
    assert!(first.len() > 5);
    let again = build(dir.path());
    assert_eq!(first, snapshot(&again.join("search")));
}

#[test]
fn the_search_page_and_before_you_start() {
    let dir = site("");
    let out = build(dir.path());
    let search = page(&out, "search/index.html");
    assert!(search.contains("<label for=\"search-q\">Search 2 projects, 2 PDSA cycles, stories, people and pages</label>"));
    assert!(search.contains("data-index=\"manifest.js\" data-root=\"../index.html\""));
    assert!(search.contains("<script src=\"../static/search.js\"></script>"));
    assert!(search.contains("<strong>Search needs JavaScript</strong>"));
    assert!(search.contains("<li><a href=\"../projects/index.html\">All projects</a></li>"));
    assert!(search.contains("<p class=\"search-status\" role=\"status\"></p>"));
    // The header's own search box is left off the search page.
    assert!(!search.contains("site-search-q"));

    let before = page(&out, "before-you-start/index.html");
    assert!(before.contains("<h1>Before you start a project</h1>"));
    assert!(before.contains("<label for=\"aim-q\">Your aim</label>"));
    assert!(before.contains("<textarea id=\"aim-q\" name=\"q\""));
    assert!(before.contains("data-search=\"similar\" data-index=\"../search/manifest.js\""));
    assert!(before.contains("<strong>Finding similar projects needs JavaScript</strong>"));
    assert!(before.contains("<a href=\"../tags/index.html\">Projects by tags</a>"));
    assert!(before.contains("<script src=\"../static/search.js\"></script>"));
    assert!(page(&out, "static/search.js").contains("window.qisiteSearch"));

    // Linked from the navigation and the projects index.
    let home = page(&out, "index.html");
    assert!(home.contains("<a href=\"before-you-start/index.html\">Before you start</a>"));
    let projects = page(&out, "projects/index.html");
    assert!(projects.contains(
        "<a href=\"../before-you-start/index.html\">See the projects most like your aim</a>"
    ));
}

#[test]
fn the_header_search_form_links_to_the_search_page_from_every_depth() {
    let dir = site("");
    let out = build(dir.path());
    for (rel, action) in [
        ("index.html", "search/index.html"),
        ("404.html", "search/index.html"),
        ("about/index.html", "../search/index.html"),
        (
            "projects/falls-ward-7/index.html",
            "../../search/index.html",
        ),
        (
            "projects/falls-ward-7/pdsa/01-checklist.html",
            "../../../search/index.html",
        ),
        ("tags/falls/index.html", "../../search/index.html"),
    ] {
        let html = page(&out, rel);
        let form = format!(
            "<form class=\"site-search\" role=\"search\" aria-label=\"Site\" action=\"{action}\" method=\"get\"><label class=\"visually-hidden\" for=\"site-search-q\">Search the portfolio</label><input id=\"site-search-q\" name=\"q\" type=\"search\""
        );
        assert!(html.contains(&form), "{rel}: no search form to {action}");
    }
}

#[test]
fn a_page_cannot_take_the_before_you_start_address() {
    let dir = site("");
    std::fs::write(
        dir.path().join("pages/before-you-start.md"),
        "---\ntitle: Mine\n---\nText.\n",
    )
    .unwrap();
    let (code, _out, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 1);
    assert!(
        err.contains("the page name `before-you-start` is used by the site itself"),
        "{err}"
    );
}
