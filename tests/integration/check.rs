//! `qisite check`: every kind of bad input has its own fixture (an overlay on the base
//! site in tests/fixtures/bad/<case>/) and is reported with its message and location.

use super::common::{qisite, site};
use qisite::commands::check::diagnose;
use qisite::error::Severity::{self, Error, Warning};

/// (fixture, severity, path:line:col, message)
const CASES: &[(&str, Severity, &str, &str)] = &[
    (
        "missing_front_matter_fence",
        Error,
        "people/ada-lovelace.md:1:1",
        "missing front matter: the file must start with a `---` line",
    ),
    (
        "unclosed_front_matter",
        Error,
        "pages/about.md:1:1",
        "the front matter is not closed: no second `---` line",
    ),
    (
        "yaml_syntax_error",
        Error,
        "projects/falls-ward-7/index.md:12:5",
        "YAML syntax error: illegal placement of ':' indicator",
    ),
    (
        "unknown_key_typo",
        Error,
        "projects/falls-ward-7/index.md:7:1",
        "unknown key `progres`",
    ),
    (
        "wrong_type",
        Error,
        "projects/falls-ward-7/index.md:7:11",
        "`progress`: wrong type of value: invalid floating point",
    ),
    (
        "progress_outside_scale",
        Error,
        "projects/falls-ward-7/index.md:7:11",
        "`progress` must be one of 0.5, 1.0 … 5.0 (found 6)",
    ),
    (
        "bad_status",
        Error,
        "projects/falls-ward-7/index.md:4:9",
        "`status`: `ongoing` is not an allowed value",
    ),
    (
        "bad_decision",
        Error,
        "projects/falls-ward-7/pdsa/01-checklist.md:9:11",
        "`decision`: `adopted` is not an allowed value",
    ),
    (
        "bad_chart",
        Error,
        "projects/falls-ward-7/measures/falls.yaml:5:8",
        "`chart`: `xmr` is not an allowed value",
    ),
    (
        "bad_kind",
        Error,
        "projects/falls-ward-7/measures/falls.yaml:2:7",
        "`kind`: `result` is not an allowed value",
    ),
    (
        "bad_improvement",
        Error,
        "projects/falls-ward-7/measures/falls.yaml:6:14",
        "`improvement`: `down` is not an allowed value",
    ),
    (
        "undeclared_taxonomy",
        Error,
        "projects/falls-ward-7/index.md:9:14",
        "`directorate`: `cardiology` is not declared in site.yaml",
    ),
    (
        "unknown_person",
        Error,
        "projects/falls-ward-7/index.md:15:10",
        "`sponsor`: unknown person `grace-hoper`",
    ),
    (
        "unknown_project",
        Error,
        "projects/falls-ward-7/index.md:16:11",
        "`related`: unknown project `sepsis-ward-5`",
    ),
    (
        "unknown_programme",
        Error,
        "projects/sepsis-ward-4/index.md:9:12",
        "`programme`: unknown programme `sepsis-collab`",
    ),
    (
        "unknown_change_idea",
        Error,
        "projects/falls-ward-7/pdsa/01-checklist.md:3:14",
        "`change_idea`: unknown change idea `check-list`",
    ),
    (
        "unknown_measure",
        Error,
        "projects/falls-ward-7/pdsa/01-checklist.md:6:19",
        "`measures`: unknown measure `harm`",
    ),
    (
        "csv_not_a_number",
        Error,
        "projects/falls-ward-7/measures/falls.csv:6:12",
        "row 5, column `numerator`: `7a` is not a number",
    ),
    (
        "unparseable_date",
        Error,
        "projects/falls-ward-7/index.md:5:10",
        "`started`: `06/01/2025` is not a date: write dates as YYYY-MM-DD, e.g. 2025-03-14",
    ),
    (
        "duplicate_date",
        Error,
        "projects/falls-ward-7/measures/falls.csv:5:1",
        "row 4: the date 2025-03-01 is already on line 4",
    ),
    (
        "zero_denominator",
        Error,
        "projects/falls-ward-7/measures/falls.csv:7:14",
        "row 6, column `denominator`: 0 must be greater than zero",
    ),
    (
        "numerator_over_denominator",
        Error,
        "projects/sepsis-ward-4/measures/antibiotics.csv:4:12",
        "row 3: the numerator 50 is greater than the denominator 40",
    ),
    (
        "measure_yaml_without_csv",
        Error,
        "projects/falls-ward-7/measures/bed-rails.yaml:1:1",
        "this measure has no data: `bed-rails.csv` is missing",
    ),
    (
        "csv_without_yaml",
        Error,
        "projects/falls-ward-7/measures/harm.csv:1:1",
        "this CSV has no measure definition `harm.yaml` beside it",
    ),
    (
        "empty_file",
        Error,
        "pages/training.md:1:1",
        "this file is empty",
    ),
    (
        "not_utf8",
        Error,
        "people/ada-lovelace.md:3:15",
        "this file is not UTF-8 text",
    ),
    (
        "duplicate_project_slug",
        Error,
        "projects/falls-ward-7/index.md:1:1",
        "duplicate project slug `falls-ward-7`: `projects/falls-copy/index.md` has it too",
    ),
    (
        "pdsa_without_prediction",
        Warning,
        "projects/falls-ward-7/pdsa/01-checklist.md:2:1",
        "this PDSA cycle has no prediction",
    ),
    (
        "measure_with_few_points",
        Warning,
        "projects/falls-ward-7/measures/falls.csv:1:1",
        "this measure has only 8 points",
    ),
    (
        "broken_link_project",
        Error,
        "projects/falls-ward-7/index.md:22:24",
        "broken link `../other-project/index.md`: `projects/other-project/index.md` does not exist in this portfolio",
    ),
    (
        "broken_link_file",
        Error,
        "projects/falls-ward-7/index.md:23:1",
        "broken link `files/missing.pdf`: `projects/falls-ward-7/files/missing.pdf` does not exist in this portfolio",
    ),
];

#[test]
fn base_fixture_is_clean() {
    let tmp = site("");
    let (_, diagnostics) = diagnose(tmp.path()).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[test]
fn every_bad_input_is_reported_with_its_location() {
    for (case, severity, location, message) in CASES {
        let tmp = site(case);
        let (_, diagnostics) = diagnose(tmp.path()).unwrap();
        let found = diagnostics
            .iter()
            .find(|d| d.message == *message)
            .unwrap_or_else(|| panic!("{case}: no diagnostic `{message}` in {diagnostics:#?}"));
        assert_eq!(found.location(), *location, "{case}");
        assert_eq!(found.severity, *severity, "{case}");
        assert!(
            found.hint.is_some(),
            "{case}: every diagnostic says how to fix it"
        );
        // One problem gives one diagnostic: no cascade of follow-on errors.
        assert_eq!(diagnostics.len(), 1, "{case}: {diagnostics:#?}");
    }
}

#[test]
fn diagnostics_quote_the_line_with_a_caret() {
    let tmp = site("unknown_key_typo");
    let (code, _, stderr) = qisite(&["check", "."], tmp.path());
    assert_eq!(code, 1);
    assert!(
        stderr.contains(
            "error: unknown key `progres`\n --> projects/falls-ward-7/index.md:7:1\n  |\n7 | progres: 3.5\n  | ^\n  = help: did you mean `progress`?"
        ),
        "{stderr}"
    );
}

#[test]
fn check_reports_every_problem_in_one_run() {
    let tmp = site("");
    for case in [
        "unknown_key_typo",
        "zero_denominator",
        "not_utf8",
        "unclosed_front_matter",
        "bad_kind",
    ] {
        super::common::copy_dir(
            &super::common::fixtures().join("bad").join(case),
            tmp.path(),
        );
    }
    let (code, _, stderr) = qisite(&["check", "."], tmp.path());
    assert_eq!(code, 1, "{stderr}");
    for needle in [
        "projects/falls-ward-7/index.md:7:1",
        "projects/falls-ward-7/measures/falls.csv:7:14",
        "people/ada-lovelace.md:3:15",
        "pages/about.md:1:1",
        "projects/falls-ward-7/measures/falls.yaml:2:7",
    ] {
        assert!(stderr.contains(needle), "missing {needle} in {stderr}");
    }
}

#[test]
fn warnings_alone_exit_zero() {
    let tmp = site("measure_with_few_points");
    let (code, _, stderr) = qisite(&["check", "."], tmp.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning: this measure has only 8 points"));
    assert!(stderr.contains("0 errors, 1 warning"));
}

#[test]
fn a_folder_without_site_yaml_is_not_a_portfolio() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = qisite(&["check", "."], tmp.path());
    assert_eq!(code, 1);
    assert!(stderr.contains("no `site.yaml`"), "{stderr}");
}
