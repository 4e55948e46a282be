use super::*;
use crate::render::feeds::tests::portfolio;
use crate::render::measure;

/// A portfolio with a charted measure, a measure without data rows worth charting
/// elsewhere, a programme, and text that a spreadsheet could take for a formula.
fn site() -> Portfolio {
    let mut falls_csv = String::from("date,value\n");
    // 12 months around 10, then 8 months around 4: a shift down, which is improvement
    // when lower is better.
    let values = [
        10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9, 4, 3, 4, 5, 4, 3, 4, 4,
    ];
    for (i, v) in values.iter().enumerate() {
        let (year, month) = (2024 + i / 12, i % 12 + 1);
        falls_csv.push_str(&format!("{year}-{month:02}-01,{v}\n"));
    }
    portfolio(&[
        (
            "site.yaml",
            "title: Test QI\norganisation: Test Trust\ntaxonomies:\n  priorities:\n    - slug: safety\n      name: Patient safety\n  directorates:\n    - slug: medicine\n      name: Medicine\n",
        ),
        ("people/ana.md", "---\nname: Ana Smith\n---\n"),
        ("people/bo.md", "---\nname: \"@Bo, \\\"the\\\" lead\"\n---\n"),
        (
            "programmes/safe/index.md",
            "---\ntitle: Safer wards\nprojects: [alpha]\n---\n",
        ),
        (
            "projects/alpha/index.md",
            "---\ntitle: \"=HYPERLINK(\\\"http://evil.example\\\")\"\nsummary: \"Fewer falls, \\\"safer\\\" wards\\nsecond line\"\nstatus: active\nstarted: 2024-01-01\nupdated: 2025-09-01\nprogress: 3.5\nprogress_history:\n  - date: 2025-03-01\n    score: 3.0\n  - date: 2025-08-01\n    score: 3.5\npriorities: [safety]\ndirectorate: medicine\nmethods: [lean]\ntags: [\"-1\", falls]\nservice_user_involvement: true\nteam:\n  - person: ana\n    role: lead\n  - person: bo\n    role: lead\n---\n",
        ),
        (
            "projects/alpha/measures/falls.yaml",
            "title: Falls\nkind: outcome\nunit: falls\nchart: i\nimprovement: decrease\ntarget: 5\n",
        ),
        ("projects/alpha/measures/falls.csv", &falls_csv),
        (
            "projects/beta/index.md",
            "---\ntitle: Beta\nstatus: proposed\nprogress_history:\n  - date: 2025-01-01\n    score: 1.0\n---\n",
        ),
    ])
}

fn exported(base_url: Option<&str>) -> (Portfolio, Vec<ProjectRow>) {
    let p = site();
    let (charts, diagnostics) = measure::charts(&p);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let rows = rows(&p, &charts, base_url);
    (p, rows)
}

#[test]
fn a_formula_like_text_cell_is_neutralised() {
    let cases = [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Falls", "Falls"),
        ("a=b", "a=b"),
        ("", ""),
    ];
    for (text, want) in cases {
        assert_eq!(text_cell(text), want, "{text:?}");
    }
}

#[test]
fn rows_carry_names_progress_and_the_latest_point_of_each_measure() {
    let (_, rows) = exported(None);
    let slugs: Vec<&str> = rows.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(slugs, ["alpha", "beta"]);
    let alpha = &rows[0];
    assert_eq!(alpha.status, "active");
    assert_eq!(alpha.status_label, "Active");
    assert_eq!(
        alpha.directorate,
        Some(Named {
            slug: "medicine".into(),
            name: "Medicine".into()
        })
    );
    assert_eq!(alpha.priorities[0].name, "Patient safety");
    assert_eq!(alpha.methods[0].name, "Lean");
    assert_eq!(alpha.programme.as_ref().unwrap().name, "Safer wards");
    assert_eq!(alpha.leads.len(), 2);
    assert_eq!(alpha.progress, Some(3.5));
    assert_eq!(alpha.progress_label.as_deref(), Some("Improvement"));
    assert_eq!(
        alpha.progress_date,
        Some(Date::parse("2025-08-01").unwrap())
    );
    assert_eq!(alpha.url, "projects/alpha/index.html");

    let falls = &alpha.measures[0];
    assert_eq!(
        (
            falls.kind.as_str(),
            falls.chart.as_str(),
            falls.improvement.as_str()
        ),
        ("outcome", "i", "decrease")
    );
    let latest = falls.latest.as_ref().unwrap();
    assert_eq!(latest.date, Date::parse("2025-08-01").unwrap());
    assert_eq!(latest.value, 4.0);
    assert_eq!(latest.centre, 7.65);
    assert!(latest.upper_limit.unwrap() > latest.centre);
    assert_eq!(falls.variation.as_ref().unwrap().code, "improving_low");
    assert_eq!(falls.url, "projects/alpha/index.html#measure-falls");
    assert_eq!(
        falls.chart_url.as_deref(),
        Some("projects/alpha/measures/falls.svg")
    );

    // Without `progress`, the latest history entry is the current score.
    assert_eq!(rows[1].progress, Some(1.0));
    assert_eq!(
        rows[1].progress_label.as_deref(),
        Some("Charter and team established")
    );
    assert!(rows[1].measures.is_empty());
}

#[test]
fn urls_are_absolute_on_a_known_address() {
    let (p, rows) = exported(Some("https://qi.example/"));
    assert_eq!(rows[0].url, "https://qi.example/projects/alpha/index.html");
    assert_eq!(
        rows[0].measures[0].data_url.as_deref(),
        Some("https://qi.example/projects/alpha/measures/falls.csv")
    );
    let json: serde_json::Value =
        serde_json::from_str(&portfolio_json(&p, &rows, Some("https://qi.example/"))).unwrap();
    assert_eq!(json["url"], "https://qi.example/");
}

#[test]
fn portfolio_json_has_codes_and_words() {
    let (p, rows) = exported(None);
    let text = portfolio_json(&p, &rows, None);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["title"], "Test QI");
    assert_eq!(json["url"], serde_json::Value::Null);
    let alpha = &json["projects"][0];
    assert_eq!(alpha["title"], "=HYPERLINK(\"http://evil.example\")");
    assert_eq!(alpha["started"], "2024-01-01");
    assert_eq!(alpha["service_user_involvement"], true);
    assert_eq!(alpha["leads"][1]["name"], "@Bo, \"the\" lead");
    let falls = &alpha["measures"][0];
    assert_eq!(falls["variation"]["code"], "improving_low");
    assert_eq!(
        falls["variation"]["text"],
        "Special cause improving variation (low)"
    );
    assert_eq!(falls["latest"]["value"], 4.0);
    assert_eq!(falls["target"], 5.0);
    // One project to a line.
    assert_eq!(text.lines().count(), 4);
    assert!(text
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("{\"slug\":\"alpha\""));
}

/// Reads a CSV written by this module back into rows, checking the byte order mark.
fn read(csv_text: &str) -> Vec<Vec<String>> {
    let body = csv_text
        .strip_prefix('\u{FEFF}')
        .expect("a byte order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn portfolio_csv_is_quoted_guarded_and_summarised() {
    let (_, rows) = exported(None);
    let text = portfolio_csv(&rows);
    assert!(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""));
    let table = read(&text);
    assert_eq!(table[0], PORTFOLIO_COLUMNS);
    assert_eq!(table.len(), 3);
    let cell = |row: usize, column: &str| -> &str {
        let i = PORTFOLIO_COLUMNS.iter().position(|c| *c == column).unwrap();
        &table[row][i]
    };
    assert_eq!(cell(1, "title"), "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(
        cell(1, "summary"),
        "Fewer falls, \"safer\" wards\nsecond line"
    );
    assert_eq!(cell(1, "tags"), "'-1; falls");
    assert_eq!(cell(1, "leads"), "Ana Smith; @Bo, \"the\" lead");
    assert_eq!(cell(1, "status"), "Active");
    assert_eq!(cell(1, "programme"), "Safer wards");
    assert_eq!(cell(1, "progress"), "3.5");
    assert_eq!(cell(1, "progress_date"), "2025-08-01");
    assert_eq!(cell(1, "service_user_involvement"), "yes");
    assert_eq!(cell(1, "measures"), "1");
    assert_eq!(cell(1, "measures_improving"), "1");
    assert_eq!(cell(1, "measures_concerning"), "0");
    assert_eq!(
        cell(1, "measure_summary"),
        format!(
            "Falls: Special cause improving variation (low); {}",
            rows[0].measures[0].assurance.as_ref().unwrap().text
        )
    );
    assert_eq!(cell(2, "measures"), "0");
    assert_eq!(cell(2, "measure_summary"), "");
    assert_eq!(cell(2, "service_user_involvement"), "no");
}

#[test]
fn measures_csv_has_one_row_per_measure() {
    let (_, rows) = exported(Some("https://qi.example/"));
    let table = read(&measures_csv(&rows));
    assert_eq!(table[0], MEASURE_COLUMNS);
    assert_eq!(table.len(), 2);
    let row: BTreeMap<&str, &str> = MEASURE_COLUMNS
        .iter()
        .copied()
        .zip(table[1].iter().map(String::as_str))
        .collect();
    assert_eq!(row["project"], "alpha");
    assert_eq!(row["project_title"], "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(row["measure"], "falls");
    assert_eq!(row["chart"], "i");
    assert_eq!(row["target"], "5");
    assert_eq!(row["latest_date"], "2025-08-01");
    assert_eq!(row["latest_value"], "4");
    assert_eq!(row["centre"], "7.65");
    assert_eq!(row["trial_limits"], "no");
    assert_eq!(row["variation"], "Special cause improving variation (low)");
    assert_eq!(
        row["chart_url"],
        "https://qi.example/projects/alpha/measures/falls.svg"
    );
}

#[test]
fn exports_are_deterministic() {
    let (p, a) = exported(None);
    let (_, b) = exported(None);
    assert_eq!(portfolio_csv(&a), portfolio_csv(&b));
    assert_eq!(measures_csv(&a), measures_csv(&b));
    assert_eq!(portfolio_json(&p, &a, None), portfolio_json(&p, &b, None));
}
