//! The home dashboard and the faceted project index, on the `good/dashboard` fixture
//! (five projects, three showcases) built with today = 22 November 2026: headline
//! figures, bar charts with their numbers, recent activity, next and latest events, the
//! filter data on the index cards, and the static facet pages beside them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::common::{copy_dir, fixtures, page, qisite};

/// The fixture, built once for every test here, in Cargo's folder for test files.
fn site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dashboard-site");
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&fixtures().join("base"), &dir);
        copy_dir(&fixtures().join("good/dashboard"), &dir);
        let (code, _out, err) = qisite(&["build", "."], &dir);
        assert_eq!(code, 0, "build failed:\n{err}");
        dir.join("public")
    })
}

/// The part of `html` from `start` up to the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no `{start}` in the page"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// Asserts that `needles` appear in `html` in this order.
fn in_order(html: &str, needles: &[&str]) {
    let mut at = 0;
    for needle in needles {
        match html[at..].find(needle) {
            Some(i) => at += i + needle.len(),
            None => panic!("`{needle}` missing or out of order in:\n{html}"),
        }
    }
}

fn stat(value: &str, label: &str) -> String {
    format!("<span class=\"stat-value\">{value}</span> <span class=\"stat-label\">{label}</span>")
}

#[test]
fn headline_figures_count_the_fixture() {
    let home = page(site(), "index.html");
    assert!(
        home.contains(&stat("2", "active projects")),
        "status: active"
    );
    assert!(
        home.contains(&stat("3", "PDSA cycles run")),
        "decided, or started by today; the cycle planned for 2027 is not run"
    );
    assert!(home.contains("1 more PDSA cycle is planned."));
    assert!(home.contains(&stat("1", "project showing special cause improvement")));
    assert!(home.contains(&stat("2", "projects with service-user involvement")));
    assert!(home.contains(">5 projects</a> and 3 measures"));
}

#[test]
fn bar_charts_are_named_described_and_keep_their_numbers_as_text() {
    let home = page(site(), "index.html");
    let charts = [
        (
            "chart-status",
            "Projects by status",
            "Projects by status: Proposed 1, Active 2, On hold 1, Completed 1 and Closed 0.",
        ),
        (
            "chart-priorities",
            "Projects by strategic priority",
            "Projects by strategic priority: Patient safety 2 and Timely care 3.",
        ),
        (
            "chart-directorates",
            "Projects by directorate",
            "Projects by directorate: Medicine 1 and Surgery 2.",
        ),
        (
            "chart-progress",
            "Projects by progress score",
            "Projects by progress score: 0.5 Intent to participate 0, 1.0 Charter and team \
             established 0, 1.5 Planning for the project has begun 1, 2.0 Activity, but no \
             changes 1, 2.5 Changes tested, but no improvement 0, 3.0 Modest improvement 0, \
             3.5 Improvement 1, 4.0 Significant improvement 1, 4.5 Sustainable improvement 0 \
             and 5.0 Outstanding sustainable results 0.",
        ),
    ];
    for (id, title, desc) in charts {
        let figure = between(
            &home,
            &format!("<section class=\"dash-chart\" aria-labelledby=\"{id}-heading\">"),
            "</section>",
        );
        assert!(figure.contains(&format!("<h3 id=\"{id}-heading\">{title}</h3>")));
        assert!(
            figure.contains(&format!(
                "role=\"graphics-document\" aria-roledescription=\"bar chart\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" aria-details=\"{id}-data\">"
            )),
            "{id}: named, described and pointing at its table"
        );
        assert!(figure.contains(&format!("<title id=\"{id}-title\">{title}</title>")));
        assert!(
            figure.contains(&format!("<desc id=\"{id}-desc\">{desc}</desc>")),
            "{id}"
        );
        assert!(
            figure.contains("<g aria-hidden=\"true\">"),
            "the drawing is hidden"
        );
        assert!(
            figure.contains(&format!("<table id=\"{id}-data\">")),
            "{id}: data table"
        );
        assert!(figure.contains(&format!("<caption>{title}</caption>")));
    }
    let status = between(
        &home,
        "<section class=\"dash-chart\" aria-labelledby=\"chart-status-heading\">",
        "</section>",
    );
    // The numbers are drawn on the bars, and the table links each status's page.
    assert!(status.contains(">On hold</text>") && status.contains(">2</text>"));
    assert!(status.contains(
        "<th scope=\"row\"><a href=\"status/on-hold/index.html\">On hold</a></th><td class=\"num\">1</td>"
    ));
    // Bars link to the same pages for pointer users only, inside the hidden drawing.
    assert!(status.contains(
        "<a href=\"status/active/index.html\" tabindex=\"-1\"><title>Active: 2 projects</title>"
    ));
    let svg = between(status, "<svg", "</svg>");
    assert!(!svg.contains("tabindex=\"0\""), "no tab stop in the chart");
    let progress = between(
        &home,
        "aria-labelledby=\"chart-progress-heading\"",
        "</section>",
    );
    assert!(progress.contains(
        "<th scope=\"row\">1.5 Planning for the project has begun</th><td class=\"num\">1</td>"
    ));
    assert!(progress.contains("1 project has no progress score."));
    assert!(home.contains("2 projects name no directorate."));
    assert!(home.contains("A project may serve several priorities. 1 project names no priority."));
}

#[test]
fn recent_activity_is_newest_first_and_ignores_the_future() {
    let home = page(site(), "index.html");
    let updated = between(&home, "<h3 id=\"recently-updated\">", "</ol>");
    // Explicit `updated`, else the latest dated activity; a future `updated` is ignored.
    in_order(
        updated,
        &[
            "Hand hygiene in theatres</a><span class=\"meta\">Last update <time datetime=\"2026-10-01\">1 October 2026</time>",
            "Reducing falls on Ward 7</a><span class=\"meta\">Last update <time datetime=\"2026-02-01\">",
            "Sepsis screening on Ward 4</a><span class=\"meta\">Last update <time datetime=\"2026-02-01\">",
            "Discharge lounge before noon</a><span class=\"meta\">Last update <time datetime=\"2025-06-01\">",
        ],
    );
    assert!(!updated.contains("A future plan"), "nothing dated by today");
    let started = between(&home, "<h3 id=\"recently-started\">", "</ol>");
    in_order(
        started,
        &[
            "Hand hygiene in theatres",
            "Discharge lounge before noon",
            "Reducing falls on Ward 7",
            "Sepsis screening on Ward 4",
        ],
    );
    assert!(!started.contains("A future plan"), "starts in 2027");
    let completed = between(&home, "<h3 id=\"recently-completed\">", "</ol>");
    assert!(completed.contains(
        "Sepsis screening on Ward 4</a><span class=\"meta\">Ended <time datetime=\"2026-02-01\">1 February 2026</time> · Completed"
    ));
    assert_eq!(completed.matches("<li>").count(), 1);
}

#[test]
fn the_next_and_the_latest_celebration_events_follow_today() {
    let home = page(site(), "index.html");
    let events = between(&home, "<h2 id=\"celebration\">", "</section>");
    in_order(
        events,
        &[
            "Next celebration event",
            "<a href=\"showcases/celebration-2027/index.html\">QI celebration 2027</a>",
            "10 March 2027",
            "Latest celebration event",
            "<a href=\"showcases/celebration-2026/index.html\">QI celebration 2026</a>",
            "14 May 2026",
        ],
    );
    assert!(
        !events.contains("Spring improvement fair"),
        "older than the latest"
    );
}

#[test]
fn index_cards_carry_the_filter_data_in_title_order() {
    let index = page(site(), "projects/index.html");
    in_order(
        &index,
        &[
            "<li class=\"card\" data-terms=\"status:proposed\" data-started=\"2027-01-01\">",
            ">A future plan<",
            "<li class=\"card\" data-terms=\"priority:timely-care status:on-hold tag:patient-flow\" data-progress=\"1.5\" data-started=\"2025-06-01\" data-updated=\"2025-06-01\">",
            ">Discharge lounge before noon<",
            "<li class=\"card\" data-terms=\"directorate:surgery improving:yes method:lean priority:patient-safety priority:timely-care status:active tag:falls tag:infection\" data-progress=\"2.0\" data-started=\"2026-03-01\" data-updated=\"2026-10-01\">",
            ">Hand hygiene in theatres<",
            "data-progress=\"3.5\" data-started=\"2025-01-06\" data-updated=\"2026-02-01\">",
            ">Reducing falls on Ward 7<",
            ">Sepsis screening on Ward 4<",
        ],
    );
    assert!(index.contains("<dt>Measures</dt><dd>Special cause improvement</dd>"));
    assert!(index.contains("Started <time datetime=\"2026-03-01\">1 March 2026</time> · Last update <time datetime=\"2026-10-01\">1 October 2026</time>"));
}

#[test]
fn the_index_form_is_hidden_until_the_script_runs_and_names_every_control() {
    let out = site();
    let index = page(out, "projects/index.html");
    assert!(index.contains("<form id=\"project-filters\" class=\"filters\" aria-labelledby=\"filters-heading\" hidden>"));
    assert!(index.contains(
        "<p id=\"project-count\" class=\"result-count\" role=\"status\" aria-live=\"polite\"></p>"
    ));
    assert!(index.contains("<script src=\"../static/filter.js\"></script>"));
    assert!(out.join("static/filter.js").is_file());
    for legend in [
        "Status",
        "Strategic priority",
        "Directorate",
        "Method",
        "Progress score",
        "Measures",
        "Tag",
    ] {
        assert!(
            index.contains(&format!("<legend>{legend}</legend>")),
            "{legend}"
        );
    }
    let checkbox = |name: &str, value: &str, label: &str| {
        format!(
            "<input type=\"checkbox\" id=\"filter-{name}-{value}\" name=\"{name}\" value=\"{value}\"><label for=\"filter-{name}-{value}\">{label}</label>"
        )
    };
    for (name, value, label) in [
        (
            "status",
            "on-hold",
            "On hold <span class=\"filter-count\">(1)</span>",
        ),
        (
            "priority",
            "timely-care",
            "Timely care <span class=\"filter-count\">(3)</span>",
        ),
        (
            "tag",
            "patient-flow",
            "Patient flow <span class=\"filter-count\">(1)</span>",
        ),
        (
            "tag",
            "falls",
            "falls <span class=\"filter-count\">(2)</span>",
        ),
        (
            "improving",
            "yes",
            "Shows special cause improvement <span class=\"filter-count\">(1)</span>",
        ),
    ] {
        assert!(
            index.contains(&checkbox(name, value, label)),
            "{name}={value}"
        );
    }
    assert!(
        !index.contains("value=\"closed\""),
        "no option that matches nothing"
    );
    assert!(index.contains("<label for=\"filter-progress-min\">From</label>"));
    assert!(index.contains("<option value=\"3.5\">3.5 Improvement</option>"));
    assert!(index.contains("<label for=\"filter-sort\">Sort by</label>"));
    for sort in ["title", "started", "updated", "progress"] {
        assert!(
            index.contains(&format!("<option value=\"{sort}\">")),
            "{sort}"
        );
    }
}

#[test]
fn the_static_facet_pages_still_list_their_projects() {
    let out = site();
    let on_hold = page(out, "status/on-hold/index.html");
    assert!(on_hold.contains("../../projects/discharge-lounge/index.html"));
    assert!(
        !on_hold.contains("data-terms="),
        "filter data only on the index"
    );
    let flow = page(out, "tags/patient-flow/index.html");
    assert!(flow.contains("Discharge lounge before noon"));
    let timely = page(out, "priorities/timely-care/index.html");
    assert!(timely.contains("<p>3 projects.</p>"));
    for slug in ["sepsis-ward-4", "hand-hygiene", "discharge-lounge"] {
        assert!(
            timely.contains(&format!("../../projects/{slug}/index.html")),
            "{slug}"
        );
    }
    let surgery = page(out, "directorates/surgery/index.html");
    assert!(
        surgery.contains("Hand hygiene compliance"),
        "icon table of the directorate"
    );
}
