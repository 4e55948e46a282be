use super::*;

/// Loads a portfolio written into a temporary folder from `(path, text)` pairs.
pub(crate) fn portfolio(files: &[(&str, &str)]) -> Portfolio {
    let tmp = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = tmp.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let loaded = crate::content::load(tmp.path());
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    loaded.portfolio
}

fn site() -> Portfolio {
    portfolio(&[
        (
            "site.yaml",
            "title: Test & Co QI\norganisation: Test <Valley> Trust\n",
        ),
        ("people/ana.md", "---\nname: Ana \"Nan\" Smith\n---\n"),
        (
            "stories/2026-03-01-older.md",
            "---\ntitle: Older\nauthor: ana\ntags: [Falls prevention]\n---\nText.\n",
        ),
        (
            "stories/2026-04-01-newer.md",
            "---\ntitle: Newer <b>bold</b> & more\nsummary: \"Line\\u0001 with a control character\"\n---\nText.\n",
        ),
        (
            "projects/alpha/index.md",
            "---\ntitle: Alpha\nsummary: Fewer falls.\nstatus: completed\nstarted: 2025-01-06\nended: 2026-02-01\nprogress: 4.5\nteam:\n  - person: ana\n    role: lead\n---\n",
        ),
        (
            "projects/beta/index.md",
            "---\ntitle: Beta\nstatus: active\nstarted: 2025-06-01\n---\n",
        ),
        (
            "projects/gamma/index.md",
            "---\ntitle: Gamma\nstatus: proposed\nstarted: 2027-01-01\n---\n",
        ),
        (
            "projects/delta/index.md",
            "---\ntitle: Delta\nstatus: completed\n---\n",
        ),
        (
            "showcases/fair/index.md",
            "---\ntitle: Fair\ndate: 2026-05-14\nvenue: Hall\nentries:\n  - title: Alpha poster\n    award: Winner\n  - title: Other\n---\n",
        ),
    ])
}

#[test]
fn feeds_hold_stories_project_events_and_showcases_newest_first() {
    let p = site();
    let feeds = feeds(&p);
    let names: Vec<&str> = feeds.iter().map(|f| f.name).collect();
    assert_eq!(names, ["stories", "projects", "showcases"]);

    let stories = &feeds[0];
    let keys: Vec<&str> = stories.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["story:newer", "story:older"]);
    let older = &stories.entries[1];
    assert_eq!(older.authors, ["Ana \"Nan\" Smith"]);
    assert_eq!(older.summary, "A story by Ana \"Nan\" Smith, 1 March 2026.");
    assert_eq!(
        older.categories,
        [("falls-prevention".to_owned(), "Falls prevention".to_owned())]
    );

    // A proposed project has not started; a completed one without a date has no
    // completion entry.
    let projects = &feeds[1];
    let keys: Vec<&str> = projects.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "project-completed:alpha",
            "project-started:beta",
            "project-started:alpha"
        ]
    );
    let done = &projects.entries[0];
    assert_eq!(done.title, "Completed: Alpha");
    assert_eq!(done.updated, Date::parse("2026-02-01").unwrap());
    assert_eq!(
        done.summary,
        "Completed on 1 February 2026 with a progress score of 4.5 (Sustainable improvement). \
         Fewer falls."
    );
    assert_eq!(done.authors, ["Ana \"Nan\" Smith"]);
    assert_eq!(done.path, "projects/alpha/index.html");

    let fair = &feeds[2].entries[0];
    assert_eq!(
        fair.summary,
        "14 May 2026, Hall. 2 entries. Awards: Winner: Alpha poster."
    );
}

#[test]
fn a_feed_keeps_only_the_newest_entries() {
    let mut files = vec![("site.yaml".to_owned(), "title: T\n".to_owned())];
    for day in 1..=28 {
        for month in 1..=2 {
            files.push((
                format!("stories/2026-{month:02}-{day:02}-s{month}-{day}.md"),
                "---\ntitle: S\n---\n".to_owned(),
            ));
        }
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let p = portfolio(&files);
    let stories = &feeds(&p)[0];
    assert_eq!(stories.entries.len(), MAX_ENTRIES);
    assert_eq!(stories.entries[0].key, "story:s2-28");
    assert_eq!(stories.updated(), Some(Date::parse("2026-02-28").unwrap()));
    // 56 stories: the six oldest (1–6 January) are left out.
    assert_eq!(stories.entries.last().unwrap().key, "story:s1-7");
}

#[test]
fn a_portfolio_without_dated_things_has_no_feeds() {
    let p = portfolio(&[
        ("site.yaml", "title: T\n"),
        (
            "projects/a/index.md",
            "---\ntitle: A\nstatus: proposed\n---\n",
        ),
    ]);
    assert!(feeds(&p).is_empty());
    assert!(links(&p).is_empty());
}

#[test]
fn xml_is_escaped_and_stripped_of_characters_xml_forbids() {
    assert_eq!(
        xml_escape("a < b & \"c\" > 'd'"),
        "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;"
    );
    assert_eq!(
        xml_escape("tab\there\u{1}\u{8}\u{FFFF}ok\n"),
        "tab\thereok\n"
    );
    assert_eq!(xml_escape("Ærø – ✓"), "Ærø – ✓");
}

#[test]
fn ids_are_stable_version_8_uuids() {
    let a = uuid_urn("site", "story:a");
    assert_eq!(a, uuid_urn("site", "story:a"));
    assert_ne!(a, uuid_urn("site", "story:b"));
    assert_ne!(a, uuid_urn("other site", "story:a"));
    // The separator keeps ("ab", "c") apart from ("a", "bc").
    assert_ne!(uuid_urn("ab", "c"), uuid_urn("a", "bc"));
    let hex = a.strip_prefix("urn:uuid:").unwrap();
    let groups: Vec<&str> = hex.split('-').collect();
    assert_eq!(
        groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12]
    );
    assert!(groups[2].starts_with('8'), "version 8: {a}");
    assert!(
        matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
        "RFC variant: {a}"
    );
    // Pinned, so a change of scheme (which would re-announce every entry) is noticed.
    assert_eq!(a, "urn:uuid:f2baaebb-bd6d-8433-8e58-da602b211b32");
}

#[test]
fn fnv1a_128_matches_the_published_test_vectors() {
    let hash = |s: &str| format!("{:032x}", fnv1a_128(s.bytes()));
    assert_eq!(hash(""), "6c62272e07bb014262b821756295c58d");
    assert_eq!(hash("a"), "d228cb696f1a8caf78912b704e4a8964");
    assert_eq!(hash("foobar"), "343e1662793c64bf6f0d3597ba446f18");
}

#[test]
fn atom_xml_links_absolutely_with_a_base_url_and_relatively_without() {
    let p = site();
    let feeds = feeds(&p);
    let stories = &feeds[0];
    let with = to_xml(stories, &p.config, Some("https://qi.example/trust/"));
    assert!(with.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert!(with.contains(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://qi.example/trust/feeds/stories.xml\"/>"
    ));
    assert!(with.contains("href=\"https://qi.example/trust/stories/newer/index.html\""));
    assert!(with.contains("<title>Test &amp; Co QI: Stories</title>"));
    assert!(with.contains("<author><name>Test &lt;Valley&gt; Trust</name></author>"));
    assert!(with.contains("<title>Newer &lt;b&gt;bold&lt;/b&gt; &amp; more</title>"));
    assert!(with.contains("<summary type=\"text\">Line with a control character</summary>"));
    assert!(with.contains("<updated>2026-04-01T00:00:00Z</updated>"));
    assert!(with.contains("<category term=\"falls-prevention\" label=\"Falls prevention\"/>"));

    let without = to_xml(stories, &p.config, None);
    assert!(without.contains("rel=\"self\" type=\"application/atom+xml\" href=\"stories.xml\""));
    assert!(without.contains("href=\"../stories/newer/index.html\""));
    assert!(without.contains("rel=\"alternate\" type=\"text/html\" href=\"../stories/index.html\""));
    // The ids do not depend on the address.
    let ids = |xml: &str| -> Vec<String> {
        xml.split("<id>")
            .skip(1)
            .map(|s| s.split("</id>").next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&with), ids(&without));
    assert_eq!(ids(&with).len(), 3);
    assert_eq!(
        with,
        to_xml(stories, &p.config, Some("https://qi.example/trust/"))
    );
}
