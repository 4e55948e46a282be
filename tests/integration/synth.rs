//! The synthetic portfolio generator (`examples/synth`): its output has the promised
//! shape, passes `qisite check` with no errors and no warnings, and the same seed gives
//! the same bytes. The generator is compiled into this test from the example's source,
//! so the test calls it directly (and runs its unit tests too).

#[path = "../../examples/synth/generator/mod.rs"]
mod generator;

use std::path::{Path, PathBuf};

use super::common::{qisite, snapshot};
use generator::{generate, hugo_dir, Options, Summary};

fn options(out: PathBuf, projects: usize, seed: u64) -> Options {
    Options {
        projects,
        seed,
        out,
        plain_markdown: true,
    }
}

fn files_under(dir: &Path) -> Vec<String> {
    snapshot(dir).into_keys().collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Lines of a measure YAML up to its per-project parts (phases and annotations).
fn definition(yaml: &str) -> String {
    yaml.lines()
        .take_while(|l| !l.starts_with("phases:") && !l.starts_with("annotations:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn synthetic_portfolio_has_the_shape_and_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("portfolio");
    let s: Summary = generate(&options(out.clone(), 60, 3)).unwrap();
    let line = s.to_string();
    assert!(
        line.starts_with("60 projects (300 PDSA cycles, 120 measures), 2 programmes, 12 people, 6 stories, 1 showcases: "),
        "{line}"
    );
    let words = s.write_up_words / s.projects;
    assert!(
        (500..=750).contains(&words),
        "write-ups average {words} words"
    );

    let (code, _, err) = qisite(&["check", out.to_str().unwrap()], tmp.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("checked 60 projects, 300 PDSA cycles, 120 measures: 0 errors, 0 warnings"),
        "{err}"
    );

    // Every project: a write-up, a driver diagram, 5 cycles and 2 measures of 36 points,
    // one of them a p chart and the other a u or I chart.
    let files = files_under(&out);
    assert_eq!(files.len(), s.files);
    let total: u64 = snapshot(&out).values().map(|b| b.len() as u64).sum();
    assert_eq!(total, s.bytes);
    let projects: Vec<PathBuf> = std::fs::read_dir(out.join("projects"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(projects.len(), 60);
    for p in &projects {
        assert!(p.join("index.md").is_file() && p.join("driver.yaml").is_file());
        assert_eq!(std::fs::read_dir(p.join("pdsa")).unwrap().count(), 5);
        let mut charts = Vec::new();
        for e in std::fs::read_dir(p.join("measures")).unwrap() {
            let path = e.unwrap().path();
            let text = read(&path);
            if path.extension().is_some_and(|x| x == "csv") {
                assert_eq!(text.lines().count(), 37, "{}", path.display());
            } else {
                let chart = text.lines().find(|l| l.starts_with("chart: ")).unwrap();
                charts.push(chart.to_owned());
            }
        }
        charts.sort();
        assert!(
            charts == ["chart: i", "chart: p"] || charts == ["chart: p", "chart: u"],
            "{charts:?}"
        );
    }

    // Programme members share a measure whose definition, and dates, are identical.
    for prog in std::fs::read_dir(out.join("programmes")).unwrap() {
        let index = read(&prog.unwrap().path().join("index.md"));
        let list = |key: &str| -> Vec<String> {
            let line = index.lines().find(|l| l.starts_with(key)).unwrap();
            line[key.len()..]
                .trim_matches(|c| c == '[' || c == ']' || c == ' ')
                .split(", ")
                .map(str::to_owned)
                .collect()
        };
        let members = list("projects:");
        let shared = list("shared_measures:");
        assert!(members.len() >= 2, "{members:?}");
        let measure = |m: &str, ext: &str| {
            read(&out.join(format!("projects/{m}/measures/{}.{ext}", shared[0])))
        };
        let dates = |csv: String| -> Vec<String> {
            csv.lines()
                .map(|l| l.split(',').next().unwrap().to_owned())
                .collect()
        };
        let first = definition(&measure(&members[0], "yaml"));
        for m in &members[1..] {
            assert_eq!(definition(&measure(m, "yaml")), first, "{m}");
            assert_eq!(dates(measure(m, "csv")), dates(measure(&members[0], "csv")));
        }
    }

    // The Hugo twin: one page per project and per cycle, with the same taxonomies.
    let twin = hugo_dir(&out).unwrap();
    assert_eq!(twin, tmp.path().join("portfolio-hugo"));
    let (hugo_at, hugo_files, hugo_bytes) = s.hugo.clone().unwrap();
    assert_eq!(hugo_at, twin);
    let pages = files_under(&twin.join("content/projects"));
    assert_eq!(
        pages.iter().filter(|p| p.ends_with("/_index.md")).count(),
        60
    );
    assert_eq!(pages.iter().filter(|p| p.contains("/pdsa/")).count(), 300);
    assert_eq!(files_under(&twin).len(), hugo_files);
    assert!(hugo_bytes > 0);
    let some = pages.iter().find(|p| p.ends_with("/_index.md")).unwrap();
    let page = read(&twin.join("content/projects").join(some));
    for key in [
        "status: [",
        "priorities: [",
        "directorates: [",
        "methods: [",
        "tags: [",
    ] {
        assert!(page.contains(key), "{key} missing from {some}");
    }
    assert!(read(&twin.join("hugo.toml")).contains("directorate = \"directorates\""));
}

#[test]
fn same_seed_gives_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    generate(&options(a.clone(), 25, 11)).unwrap();
    generate(&options(b.clone(), 25, 11)).unwrap();
    assert!(snapshot(&a) == snapshot(&b));
    assert!(snapshot(&hugo_dir(&a).unwrap()) == snapshot(&hugo_dir(&b).unwrap()));

    // Generating again into an earlier output replaces it, byte for byte.
    generate(&options(b.clone(), 25, 12)).unwrap();
    assert!(snapshot(&a) != snapshot(&b));
    generate(&options(b.clone(), 25, 11)).unwrap();
    assert!(snapshot(&a) == snapshot(&b));
}

#[test]
fn refuses_a_folder_it_did_not_make() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.md"), "mine").unwrap();
    let err = generate(&options(tmp.path().to_owned(), 5, 1)).unwrap_err();
    assert!(err.contains("refusing to write into"), "{err}");
    assert_eq!(read(&tmp.path().join("notes.md")), "mine");
}
