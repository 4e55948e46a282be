//! Programme pages: the members' progress over time, each shared measure's combined
//! chart (with its own limits) and the members' charts as small multiples on common
//! axes; combinations that make no statistical sense fail `check` at their location.
//! The fixture (tests/fixtures/good/programme) adds two wards to the base site's
//! sepsis programme: a P chart shared by three wards, one of which joins later, and a
//! run chart summed across two wards.

use std::collections::BTreeSet;
use std::path::Path;

use super::common::{good_site, page, qisite};
use qisite::render::{render, RenderOptions};

const PAGE: &str = "programmes/sepsis/index.html";

/// Builds `dir` and returns its output folder.
fn build(dir: &Path) -> std::path::PathBuf {
    let (code, _, err) = qisite(&["build", "."], dir);
    assert_eq!(code, 0, "build failed:\n{err}");
    dir.join("public")
}

/// `(date, numerator, denominator)` rows of a measure CSV.
fn rows(dir: &Path, rel: &str) -> Vec<(String, f64, f64)> {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (
                cells[0].to_owned(),
                cells[1].parse().unwrap(),
                cells[2].parse().unwrap(),
            )
        })
        .collect()
}

/// The texts of an SVG's `<text>` elements (its axis labels, for a panel).
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let start = t.find('>')? + 1;
            let end = t.find("</text>")?;
            Some(t[start..end].to_owned())
        })
        .collect()
}

#[test]
fn the_programme_page_combines_shared_measures_and_shows_each_member() {
    let dir = good_site("programme");
    let out = build(dir.path());
    let html = page(&out, PAGE);

    // The combined P chart: numerators and denominators summed over the dates every
    // ward reports (Ward 6 joins in March 2025).
    let wards = ["sepsis-ward-4", "sepsis-ward-5", "sepsis-ward-6"];
    let data: Vec<Vec<(String, f64, f64)>> = wards
        .iter()
        .map(|w| {
            rows(
                dir.path(),
                &format!("projects/{w}/measures/antibiotics.csv"),
            )
        })
        .collect();
    let window: Vec<String> = data[2].iter().map(|r| r.0.clone()).collect();
    let (mut num, mut den) = (0.0, 0.0);
    for date in &window {
        let (n, d) = data.iter().fold((0.0, 0.0), |(n, d), member| {
            let row = member.iter().find(|r| &r.0 == date).unwrap();
            (n + row.1, d + row.2)
        });
        num += n;
        den += d;
    }
    assert!(html.contains("<h3 id=\"measure-antibiotics\">Antibiotics within 1 hour</h3>"));
    assert!(html.contains("<table id=\"chart-antibiotics-data\">"));
    assert!(
        html.contains("<tr><th scope=\"row\">1 March 2025</th><td class=\"num\">39 / 62</td><td class=\"num\">0.629</td>"),
        "March 2025: 22 + 12 + 5 of 32 + 20 + 10"
    );
    assert!(
        !html.contains("<tr><th scope=\"row\">1 January 2025</th><td class=\"num\">30 / 50</td>")
    );
    assert!(html.contains(
        "Left out, because not every member has data then: 2 rows of Sepsis screening on \
         Ward 4, 2 rows of Sepsis screening on Ward 5."
    ));
    // Its own analysis: the centre line is the pooled proportion, not any ward's.
    let csv = page(&out, "programmes/sepsis/measures/antibiotics.csv");
    let first = csv.lines().nth(1).unwrap();
    let centre: f64 = first.split(',').nth(2).unwrap().parse().unwrap();
    assert!(
        (centre - num / den).abs() < 1e-6,
        "{centre} vs {}",
        num / den
    );
    assert!(first.starts_with("2025-03-01,0.629032,"), "{first}");
    let limits: BTreeSet<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap())
        .collect();
    assert!(
        limits.len() > 1,
        "the upper limit steps with the pooled denominator"
    );
    assert_eq!(csv.lines().count(), 1 + window.len());
    // Drawn like a project's chart: summary, icons, table, downloads.
    assert!(html.contains("<title id=\"chart-antibiotics-title\">Antibiotics within 1 hour: 3 members combined</title>"));
    assert!(html.contains("id=\"measure-antibiotics-summary\" class=\"chart-summary\""));
    assert!(html.contains("<strong>Variation:</strong>"));
    for ext in ["svg", "png", "csv"] {
        assert!(
            html.contains(&format!("href=\"measures/antibiotics.{ext}\" download")),
            "{ext}"
        );
    }
    let png = std::fs::read(out.join("programmes/sepsis/measures/antibiotics.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));

    // The run chart summed as the programme says; a missing value leaves a gap.
    assert!(html.contains("the 2 members’ values are summed"));
    assert!(html.contains("<tr><th scope=\"row\">1 April 2025</th><td class=\"num\">10</td>"));
    assert!(html.contains("No value from Sepsis screening on Ward 5."));
    assert!(html.contains("Not reported by <a href=\"../../projects/sepsis-ward-6/index.html\">Sepsis screening on Ward 6</a>."));

    // Small multiples: one lazy panel per member, labelled, linked, on common axes.
    let mut axes = Vec::new();
    for w in wards {
        let src = format!("measures/antibiotics/{w}.svg");
        assert!(html.contains(&format!("<img src=\"{src}\" alt=\"")), "{w}");
        assert!(html.contains(&format!(
            "<a href=\"../../projects/{w}/index.html#measure-antibiotics\">"
        )));
        let svg = page(&out, &format!("programmes/sepsis/{src}"));
        assert!(svg.contains("viewBox=\"0 0 380 220\""), "{w}");
        axes.push(texts(&svg));
    }
    assert!(html.contains("loading=\"lazy\""));
    assert!(!axes[0].is_empty());
    assert_eq!(axes[0], axes[1], "Ward 5's panel has Ward 4's axes");
    assert_eq!(axes[0], axes[2], "Ward 6 starts later but shares the axes");
    assert!(
        html.contains("Every panel has the same axes: dates from January 2025 to February 2026")
    );

    // Progress scores: now, and each update in words beside a step chart.
    assert!(html.contains("<caption>Progress scores of the member projects</caption>"));
    assert!(html.contains("<span class=\"score\">3.0 · Modest improvement</span>"));
    assert!(html.contains("<summary>3 updates</summary>"));
    assert!(html.contains(
        "<time datetime=\"2025-06-01\">1 June 2025</time>: 2.5 · Changes tested, but no improvement. Screening prompt tested."
    ));
    assert!(html.contains("class=\"progress-chart\""));
    assert!(
        html.contains("<span class=\"muted\">No updates recorded</span>"),
        "Ward 4 has none"
    );
}

#[test]
fn programme_output_is_byte_identical_run_to_run() {
    let dir = good_site("programme");
    let render_once = || {
        let loaded = qisite::content::load(dir.path());
        assert_eq!(loaded.error_count(), 0, "{:?}", loaded.diagnostics);
        let options = RenderOptions {
            base_url: None,
            today: qisite::content::date::Date::parse("2026-11-22").unwrap(),
        };
        let rendered = render(&loaded.portfolio, &options).unwrap();
        rendered
            .output
            .files
            .keys()
            .filter(|k| k.starts_with("programmes/"))
            .map(|k| (k.clone(), rendered.output.bytes(k).map(<[u8]>::to_vec)))
            .collect::<Vec<_>>()
    };
    let one = render_once();
    assert!(one
        .iter()
        .any(|(k, _)| k == "programmes/sepsis/measures/antibiotics/sepsis-ward-6.svg"));
    assert_eq!(one, render_once());
}

/// A change to a file of the programme fixture.
enum Edit<'a> {
    /// Replaces the first `from` with `to` in the file.
    Replace(&'a str, &'a str, &'a str),
    /// Writes the file.
    Write(&'a str, &'a str),
}

use Edit::{Replace, Write};

/// Runs `check` on the programme fixture after `edits`, expecting one error at `at`
/// whose message contains `message`; `build` must then fail and write nothing.
fn rejected(edits: &[Edit<'_>], at: &str, message: &str) {
    let dir = good_site("programme");
    for edit in edits {
        match edit {
            Replace(rel, from, to) => {
                let file = dir.path().join(rel);
                let text = std::fs::read_to_string(&file).unwrap();
                assert!(text.contains(from), "{rel} has no {from:?}");
                std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
            }
            Write(rel, text) => std::fs::write(dir.path().join(rel), text).unwrap(),
        }
    }
    let (code, _, err) = qisite(&["check", "."], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("--> {at}\n")),
        "expected {at}:\n{err}"
    );
    assert!(err.contains(message), "expected {message}:\n{err}");
    assert!(err.contains("= help: "), "{err}");
    assert!(err.contains("1 error"), "{err}");
    let (code, _, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(!dir.path().join("public").exists());
}

const PROGRAMME: &str = "programmes/sepsis/index.md";

#[test]
fn different_chart_types_are_rejected_at_the_members_chart_key() {
    rejected(
        &[Replace(
            "projects/sepsis-ward-5/measures/antibiotics.yaml",
            "chart: p",
            "chart: u",
        )],
        "projects/sepsis-ward-5/measures/antibiotics.yaml:3:8",
        "shared measure `antibiotics` cannot be combined: \
         `projects/sepsis-ward-5/measures/antibiotics.yaml` draws a U chart but \
         `projects/sepsis-ward-4/measures/antibiotics.yaml` draws a P chart",
    );
}

#[test]
fn averaging_percentages_is_rejected() {
    rejected(
        &[
            Replace(
                "projects/sepsis-ward-6/measures/antibiotics.yaml",
                "chart: p",
                "chart: i\nunit: '%'",
            ),
            Write(
                "projects/sepsis-ward-6/measures/antibiotics.csv",
                "date,value\n2025-03-01,50\n2025-04-01,60\n",
            ),
        ],
        "projects/sepsis-ward-6/measures/antibiotics.yaml:3:8",
        "cannot average percentages or rates with different denominators",
    );
}

#[test]
fn mismatched_periods_are_rejected_at_the_members_row() {
    rejected(
        &[Replace(
            "projects/sepsis-ward-6/measures/antibiotics.csv",
            "2025-04-01,",
            "2025-04-15,",
        )],
        "projects/sepsis-ward-6/measures/antibiotics.csv:3:1",
        "`projects/sepsis-ward-6/measures/antibiotics.csv` has no row for 1 April 2025, \
         which `projects/sepsis-ward-4/measures/antibiotics.csv` has",
    );
}

#[test]
fn a_run_chart_needs_the_programme_to_say_how_to_combine() {
    rejected(
        &[Replace(PROGRAMME, "combine:\n  sepsis-calls: sum\n", "")],
        "programmes/sepsis/index.md:6:32",
        "shared measure `sepsis-calls` is drawn on a run chart: say how to combine the \
         members' values",
    );
}

#[test]
fn combine_is_only_for_run_i_and_mr_charts_and_shared_measures() {
    let sum = "  sepsis-calls: sum\n";
    rejected(
        &[Replace(
            PROGRAMME,
            sum,
            "  sepsis-calls: sum\n  antibiotics: mean\n",
        )],
        "programmes/sepsis/index.md:9:16",
        "`combine` only applies to run, I and MR charts; `antibiotics` is a P chart",
    );
    rejected(
        &[Replace(
            PROGRAMME,
            sum,
            "  sepsis-calls: sum\n  falls: sum\n",
        )],
        "programmes/sepsis/index.md:9:10",
        "`combine`: `falls` is not one of the programme's `shared_measures`",
    );
}

#[test]
fn the_example_sepsis_collaborative_has_a_combined_chart() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
    let loaded = qisite::content::load(&root);
    assert_eq!(loaded.error_count(), 0, "{:?}", loaded.diagnostics);
    let options = RenderOptions {
        base_url: None,
        today: qisite::content::date::Date::parse("2026-02-15").unwrap(),
    };
    let rendered = render(&loaded.portfolio, &options).unwrap();
    let html = String::from_utf8(
        rendered
            .output
            .bytes("programmes/sepsis-collaborative/index.html")
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert!(html.contains("<table id=\"chart-antibiotics-within-1-hour-data\">"));
    assert!(html.contains("the numerators and the denominators of the 3 members are summed"));
    assert!(html.contains("<ul class=\"small-multiples\""));
    assert!(rendered
        .output
        .bytes("programmes/sepsis-collaborative/measures/antibiotics-within-1-hour.csv")
        .is_some());
}
