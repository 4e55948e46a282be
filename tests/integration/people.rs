//! The people directory, showcases and the celebration wall, on the `good/directory`
//! fixture (the base site plus people in every role, a second event with a PDF poster,
//! and more projects led by one person).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::common::{copy_dir, good_site, page, qisite, site};

/// The output of the `good/directory` fixture, built once for every test that only
/// reads it (in Cargo's temporary folder for integration tests, replaced each run).
pub fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = good_site("directory");
        let (code, _out, err) = qisite(&["build", "."], dir.path());
        assert_eq!(code, 0, "build failed:\n{err}");
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("directory-site");
        if out.exists() {
            std::fs::remove_dir_all(&out).unwrap();
        }
        copy_dir(&dir.path().join("public"), &out);
        out
    })
}

/// The output path a relative URL on the page at `from` leads to (fragment dropped).
pub fn resolve(from: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or_default();
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                assert!(parts.pop().is_some(), "{href} leaves the site from {from}");
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// The values of every `attr="…"` in `html`.
pub fn attr_values<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Asserts that every internal link and image of the page at `rel` leads to a file of
/// the site and every `#fragment` to an id of its page, and that ids are unique.
pub fn assert_links_resolve(out: &Path, rel: &str) {
    let html = page(out, rel);
    let ids = attr_values(&html, "id");
    let mut seen = std::collections::BTreeSet::new();
    for id in &ids {
        assert!(seen.insert(*id), "{rel}: duplicate id `{id}`");
    }
    for url in attr_values(&html, "href")
        .into_iter()
        .chain(attr_values(&html, "src"))
    {
        if url.contains("://") || url.starts_with("mailto:") {
            continue;
        }
        let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
        let target = if path.is_empty() {
            rel.to_owned()
        } else {
            resolve(rel, path)
        };
        assert!(
            out.join(&target).is_file(),
            "{rel}: `{url}` leads to no file"
        );
        if !fragment.is_empty() && target.ends_with(".html") {
            let other = page(out, &target);
            assert!(
                attr_values(&other, "id").contains(&fragment),
                "{rel}: `{url}`: no id `{fragment}` in {target}"
            );
        }
    }
}

/// The HTML of the element whose `id` is `id`, up to the next `</section>`.
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no id {id}"));
    let end = html[start..]
        .find("</section>")
        .map_or(html.len(), |i| start + i);
    &html[start..end]
}

/// The text of each link that comes right after `before` (an opening tag), in order.
pub fn link_texts<'h>(html: &'h str, before: &str) -> Vec<&'h str> {
    html.split(&format!("{before}<a href=\""))
        .skip(1)
        .map(|s| {
            let s = &s[s.find("\">").unwrap() + 2..];
            &s[..s.find("</a>").unwrap()]
        })
        .collect()
}

/// The names listed in a directory group, in order.
fn names(group: &str) -> Vec<&str> {
    link_texts(group, "<h3 class=\"directory-name\">")
}

#[test]
fn the_directory_groups_people_by_role_with_counts() {
    let out = built();
    let html = page(out, "people/index.html");
    // (group id, heading, people in order): roles come from the people files and from
    // the projects and programmes; a title such as "Dr" does not count for the order.
    let want: [(&str, &str, &[&str]); 6] = [
        ("leads", "Project leads", &["Ada Lovelace", "Grace Hopper"]),
        ("sponsors", "Sponsors", &["Grace Hopper"]),
        ("coaches", "QI coaches", &["Dr Mary Seacole"]),
        (
            "improvement-advisors",
            "Improvement advisors",
            &["Dr Mary Seacole"],
        ),
        ("members", "Team members", &["Edith Cavell"]),
        ("others", "Other people", &["Florence Nightingale"]),
    ];
    let mut at = 0;
    for (id, heading, people) in want {
        let group = section(&html, id);
        let count = format!(
            "{heading} <span class=\"count\">({})</span></h2>",
            people.len()
        );
        assert!(group.contains(&count), "{id}: want `{count}` in\n{group}");
        assert_eq!(names(group), people, "{id}");
        assert!(
            html.contains(&format!(
                "<a href=\"#{id}\">{heading} ({})</a>",
                people.len()
            )),
            "contents entry for {id}"
        );
        // The groups come in this order.
        let pos = html.find(&format!("id=\"{id}\"")).unwrap();
        assert!(pos > at, "{id} out of order");
        at = pos;
    }
    assert!(html.contains("the 5 people in this portfolio"));
    assert_links_resolve(out, "people/index.html");
}

#[test]
fn directory_entries_name_the_job_and_the_projects_of_the_role() {
    let out = built();
    let html = page(out, "people/index.html");
    let leads = section(&html, "leads");
    let ada = &leads[leads.find("Ada Lovelace").unwrap()..leads.find("Grace Hopper").unwrap()];
    assert!(ada.contains("<p class=\"meta\">Ward manager</p>"), "{ada}");
    // Seven projects: the first five, then "and 2 more" on her page.
    assert_eq!(ada.matches("href=\"../projects/").count(), 5, "{ada}");
    assert!(
        ada.contains(
            "<a href=\"../projects/falls-ward-7/index.html\">Reducing falls on Ward 7</a>"
        ),
        "{ada}"
    );
    assert!(
        ada.contains(" and <a href=\"ada-lovelace/index.html#section-leads\">2 more</a>"),
        "{ada}"
    );
    // Grace leads a project and a programme, and sponsors another project.
    let grace = &leads[leads.find("Grace Hopper").unwrap()..];
    assert!(grace.contains("Sepsis screening on Ward 4"), "{grace}");
    assert!(
        grace.contains("<span class=\"label\">Programme:</span> <a href=\"../programmes/sepsis/index.html\">Sepsis collaborative</a>"),
        "{grace}"
    );
    let sponsors = section(&html, "sponsors");
    assert!(sponsors.contains("Reducing falls on Ward 7"), "{sponsors}");
    assert!(!sponsors.contains("Sepsis screening"), "{sponsors}");
    assert!(section(&html, "others").contains("Statistician"));
}

#[test]
fn person_pages_list_projects_by_role() {
    let out = built();
    let mary = page(out, "people/mary-seacole/index.html");
    for heading in [
        "<h2 id=\"section-coaches\">Projects coached <span class=\"count\">(1)</span></h2>",
        "<h2 id=\"section-improvement-advisors\">Improvement advisor to <span class=\"count\">(1)</span></h2>",
    ] {
        assert!(mary.contains(heading), "{heading}");
    }
    assert!(
        mary.contains("<dd>QI coach, Improvement advisor</dd>"),
        "{mary}"
    );
    let ada = page(out, "people/ada-lovelace/index.html");
    assert!(ada.contains("Projects led <span class=\"count\">(7)</span>"));
    assert_eq!(ada.matches("<li class=\"card\">").count(), 7);
    let florence = page(out, "people/florence-nightingale/index.html");
    assert!(florence.contains("Not named in any project yet."));
    for rel in [
        "people/mary-seacole/index.html",
        "people/ada-lovelace/index.html",
    ] {
        assert_links_resolve(out, rel);
    }
}

#[test]
fn event_pages_show_a_gallery_with_awards_in_words() {
    let out = built();
    let html = page(out, "showcases/celebration-2025/index.html");
    let awarded = &html[html
        .find("<li class=\"entry entry-awarded\" id=\"entry-2\">")
        .unwrap()..];
    assert!(
        awarded.contains("<p class=\"award\"><span class=\"award-mark\" aria-hidden=\"true\">★</span> <strong>Award:</strong> Highly commended: Timely care</p>"),
        "{awarded}"
    );
    // A PDF poster is a labelled link, not an image.
    assert!(
        awarded.contains("<a class=\"poster poster-file\" href=\"sepsis-poster.pdf\">"),
        "{awarded}"
    );
    assert!(awarded.contains("Poster (PDF): sepsis-poster.pdf"));
    assert!(html.contains("<li class=\"entry\" id=\"entry-1\">"));
    // An entry without a category is under "Other entries".
    let other = section(&html, "category-other");
    assert!(other.contains("Other entries") && other.contains("A talk without a category"));
    // An image poster is a thumbnail with its alt text.
    let base_event = page(out, "showcases/celebration-2026/index.html");
    assert!(
        base_event.contains("<img src=\"poster.svg\" alt=\"Poster showing falls halving\""),
        "{base_event}"
    );
    assert!(base_event.contains("<strong>Award:</strong> Winner: Patient safety"));
    for rel in [
        "showcases/index.html",
        "showcases/celebration-2025/index.html",
        "showcases/celebration-2026/index.html",
    ] {
        assert_links_resolve(out, rel);
    }
}

#[test]
fn the_celebration_wall_lists_every_entry_winners_first() {
    let out = built();
    let index = page(out, "showcases/index.html");
    assert!(index.contains("<a href=\"wall/index.html\">The celebration wall: all 4 entries"));
    let html = page(out, "showcases/wall/index.html");
    assert!(html.contains("All 4 entries from 2 celebration events."));
    let winners = section(&html, "award-winners");
    assert!(winners.contains("Award winners <span class=\"count\">(2)</span>"));
    let titles = |part| link_texts(part, "<h3 class=\"entry-title\">");
    // Newest event first.
    assert_eq!(titles(winners), ["Falls on Ward 7", "Sepsis screening"]);
    assert_eq!(winners.matches("<strong>Award:</strong>").count(), 2);
    // Each event is a section of its own, its winners first, reached from the contents.
    let event = section(&html, "event-celebration-2025");
    assert!(event.contains("QI celebration 2025 <span class=\"count\">(3)</span>"));
    assert_eq!(
        titles(event),
        [
            "Sepsis screening",
            "A checklist on every ward",
            "A talk without a category"
        ]
    );
    assert!(html.contains("<a href=\"#event-celebration-2025\">QI celebration 2025 (3)</a>"));
    assert!(html.contains("<a href=\"#award-winners\">Award winners (2)</a>"));
    assert!(
        event.contains("<a href=\"../celebration-2025/index.html#entry-2\">Sepsis screening</a>")
    );
    assert!(event.contains("<dt>Event</dt><dd><a href=\"../celebration-2025/index.html\">"));
    assert_links_resolve(out, "showcases/wall/index.html");
}

#[test]
fn project_pages_have_a_badge_per_entry_and_award() {
    let out = built();
    let html = page(out, "projects/falls-ward-7/index.html");
    let badges = &html[html.find("<ul class=\"badges\"").unwrap()..];
    let badges = &badges[..badges.find("</ul>").unwrap()];
    assert!(badges.contains("<li class=\"badge badge-award\"><a href=\"../../showcases/celebration-2026/index.html#entry-1\"><span aria-hidden=\"true\">★ </span>Award: Winner: Patient safety, QI celebration 2026</a></li>"), "{badges}");
    assert!(badges.contains("<li class=\"badge\"><a href=\"../../showcases/celebration-2025/index.html#entry-1\">Showcased at QI celebration 2025</a></li>"), "{badges}");
    let sepsis = page(out, "projects/sepsis-ward-4/index.html");
    assert!(sepsis.contains("Award: Highly commended: Timely care, QI celebration 2025"));
    let other = page(out, "projects/ward-1-checklist/index.html");
    assert!(!other.contains("class=\"badges\""));
    assert_links_resolve(out, "projects/falls-ward-7/index.html");
}

#[test]
fn showcase_mistakes_are_reported() {
    let dir = site("");
    let root = dir.path();
    std::fs::rename(
        root.join("showcases/celebration-2026"),
        root.join("showcases/wall"),
    )
    .unwrap();
    let index = root.join("showcases/wall/index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    std::fs::write(
        &index,
        text.replace("    poster_alt: Poster showing falls halving\n", ""),
    )
    .unwrap();
    let (code, _out, err) = qisite(&["check", "."], root);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the showcase name `wall` is used by the celebration wall"),
        "{err}"
    );
    assert!(err.contains("showcases/wall/index.md"), "{err}");
    assert!(
        err.contains("warning: the poster `poster.svg` has no `poster_alt`"),
        "{err}"
    );
    assert!(err.contains("showcases/wall/index.md:11:13"), "{err}");
}
