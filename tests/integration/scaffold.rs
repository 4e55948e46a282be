//! `qisite init` and `qisite new`: the files they create pass `qisite check`.

use super::common::qisite;

#[test]
fn init_then_new_project_and_pdsa_pass_check() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = qisite(&["init", "portfolio"], tmp.path());
    assert_eq!(code, 0, "{err}");
    let dir = tmp.path().join("portfolio");
    let (code, _, err) = qisite(&["check", "."], &dir);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 errors, 0 warnings"), "{err}");

    let (code, _, err) = qisite(&["new", "project", "Falls: ward 7 \"pilot\""], &dir);
    assert_eq!(code, 0, "{err}");
    let index = std::fs::read_to_string(dir.join("projects/falls-ward-7-pilot/index.md")).unwrap();
    assert!(
        index.contains("title: \"Falls: ward 7 \\\"pilot\\\"\""),
        "{index}"
    );
    // SOURCE_DATE_EPOCH=1795305600 in the test helper is 22 November 2026.
    assert!(index.contains("started: 2026-11-22"), "{index}");

    for title in ["Checklist in one bay", "Checklist on nights"] {
        let (code, _, err) = qisite(&["new", "pdsa", "falls-ward-7-pilot", title], &dir);
        assert_eq!(code, 0, "{err}");
    }
    let second = dir.join("projects/falls-ward-7-pilot/pdsa/02-checklist-on-nights.md");
    let text = std::fs::read_to_string(second).unwrap();
    assert!(text.contains("cycle: 2\n"), "{text}");
    let (code, _, err) = qisite(&["check", "."], &dir);
    assert_eq!(code, 0, "{err}");
    // The only warnings are the reminders to write a prediction.
    assert!(err.contains("0 errors, 2 warnings"), "{err}");
}

#[test]
fn init_refuses_a_non_empty_folder_and_new_refuses_duplicates() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let (code, _, err) = qisite(&["init", "."], tmp.path());
    assert_ne!(code, 0);
    assert!(err.contains("not empty"), "{err}");

    let (code, _, _) = qisite(&["init", "p"], tmp.path());
    assert_eq!(code, 0);
    let dir = tmp.path().join("p");
    let (code, _, err) = qisite(&["new", "project", "Our first project"], &dir);
    assert_ne!(code, 0);
    assert!(err.contains("already exists"), "{err}");
    let (code, _, err) = qisite(&["new", "pdsa", "no-such-project", "A test"], &dir);
    assert_ne!(code, 0);
    assert!(err.contains("there is no project"), "{err}");
}
