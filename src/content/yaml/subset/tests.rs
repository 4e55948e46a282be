//! The subset reader against serde-saphyr: wherever the subset gives a value, it must
//! be serde-saphyr's value, locations included. Checked on hand-written cases, on every
//! content file of the test fixtures, and on many small mutations of those files.

use std::fmt::Debug;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::from_str;
use crate::config::SiteConfig;
use crate::content::model::*;
use crate::error::SourceFile;

/// Whether the subset read `yaml`; panics if what it read differs from serde-saphyr's.
fn agrees<T: DeserializeOwned + Debug>(yaml: &str) -> bool {
    let Some(fast) = from_str::<T>(yaml) else {
        return false;
    };
    match serde_saphyr::from_str::<T>(yaml) {
        Ok(slow) => assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "for {yaml:?}"),
        Err(e) => panic!("the subset read {yaml:?} as {fast:?}, serde-saphyr fails: {e}"),
    }
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Probe {
    #[serde(default)]
    s: Option<String>,
    #[serde(default)]
    st: String,
    #[serde(default)]
    f: Option<f64>,
    #[serde(default)]
    u: Option<u32>,
    #[serde(default)]
    i: Option<i32>,
    #[serde(default)]
    b: Option<bool>,
    #[serde(default)]
    sp: Option<Spanned<String>>,
    #[serde(default)]
    spf: Option<Spanned<f64>>,
    #[serde(default)]
    v: Vec<Spanned<String>>,
    #[serde(default)]
    k: Option<MeasureKind>,
    #[serde(default)]
    m: std::collections::BTreeMap<String, Spanned<CombineMethod>>,
    #[serde(default)]
    nest: Option<Box<Probe>>,
    #[serde(default)]
    l: Vec<Probe>,
}

#[test]
fn reads_the_common_cases_as_serde_saphyr_does() {
    for yaml in [
        "s: 12",
        "s: 1.0\nst: 2022-05-09",
        "s: yes\nst: true",
        "s:  two  spaces   # and a comment",
        "s: a#b",
        "s: a, b]",
        "s: -a",
        "s: \"quoted: yes # no\"",
        "s: 'it''s'",
        "s: ''",
        "s: \"\"",
        "s: é x\nsp: hé",
        "sp: abc",
        "sp: \"abc\"  # c",
        "sp: 'a''b'",
        "f: 2\nu: 12\ni: -3\nb: false",
        "f: 0.5\nspf: 2.0",
        "f: -12.25",
        "v: [a, b]",
        "v: [ a , 'b c', \"d\" ]  # c",
        "v: []",
        "v:\n  - a\n  - b\n",
        "v:\n- a\n# c\n- b\ns: x\n",
        "k: outcome",
        "m:\n  falls: sum\n  b: mean\n",
        "nest:\n  s: a\n  nest:\n    st: b\n",
        "l:\n  - s: a\n    st: b\n  - st: c\n    v: [x]\n",
        "l:\n-   s: a\n    nest:\n      st: x\n",
        "\n# leading comment\ns: a\n\n# trailing\n",
        "s: Café ‘quotes’\nv: [é, ü]\nsp: ñ",
    ] {
        assert!(agrees::<Probe>(yaml), "the subset should read {yaml:?}");
    }
}

#[test]
fn leaves_everything_else_to_serde_saphyr() {
    for yaml in [
        "s: null",
        "s: ~",
        "s:",
        "st:",
        "x: 1",
        "s: a\ns: b",
        "s: a\n  b",
        "s: a: b",
        "s: &a x",
        "s: *a",
        "s: !tag x",
        "s: |\n  text\n",
        "s: >\n  text\n",
        "s: \"a\\\"b\"",
        "s: \"a\n  b\"",
        "s: [a",
        "v: [a, [b]]",
        "v: [a,]",
        "v: {a: b}",
        "m: {}",
        "f: 1e3",
        "f: .5",
        "f: +3",
        "f: 010",
        "f: \"2\"",
        "u: 2.0",
        "u: 0o14",
        "u: 99999999999",
        "b: yes",
        "b: True",
        "k: 'outcome'",
        "\"s\": a",
        "s: a\r\n",
        "s:\ta",
        "---\ns: a",
        "s: a\n---\n",
        "%YAML 1.2\n---\ns: a",
        "  s: a",
        "- a",
        "l:\n  - - a\n",
        "l:\n  -\n    s: a\n",
        "\u{feff}s: a",
        "s: a\u{85}b",
        "nest:\n    s: a\n  st: b\n",
        "s: x\n  # indented comment\n",
        "no: x",
    ] {
        assert!(!agrees::<Probe>(yaml), "the subset should leave {yaml:?}");
    }
}

/// Content files below `root` and the YAML in each: the file's text, or its front matter.
fn content_files(root: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str());
        if !matches!(ext, Some("md" | "yaml" | "yml")) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        out.push((path.to_path_buf(), text));
    }
    out
}

/// Checks the YAML of one content file against the type the loader reads it into.
/// Returns whether the subset read it (`None` for files the loader does not read).
fn check_file(path: &Path, text: &str) -> Option<bool> {
    let p = path.to_string_lossy().replace('\\', "/");
    let src = SourceFile::new("x", text);
    let front = || {
        crate::content::frontmatter::split(&src)
            .ok()
            .map(|s| s.yaml)
    };
    let name = path.file_name()?.to_str()?;
    Some(if name == "site.yaml" {
        agrees::<SiteConfig>(text)
    } else if p.contains("/measures/") {
        agrees::<MeasureMeta>(text)
    } else if name == "driver.yaml" {
        agrees::<DriverDiagram>(text)
    } else if p.contains("/pdsa/") {
        agrees::<PdsaMeta>(front()?)
    } else if p.contains("/projects/") && name == "index.md" {
        agrees::<ProjectMeta>(front()?)
    } else if p.contains("/programmes/") && name == "index.md" {
        agrees::<ProgrammeMeta>(front()?)
    } else if p.contains("/showcases/") && name == "index.md" {
        agrees::<ShowcaseMeta>(front()?)
    } else if p.contains("/people/") {
        agrees::<PersonMeta>(front()?)
    } else if p.contains("/stories/") {
        agrees::<StoryMeta>(front()?)
    } else if p.contains("/pages/") {
        agrees::<PageMeta>(front()?)
    } else {
        return None;
    })
}

fn fixtures() -> Vec<(PathBuf, String)> {
    content_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
}

#[test]
fn agrees_on_every_fixture() {
    let files = fixtures();
    let read = files
        .iter()
        .filter(|(path, text)| check_file(path, text) == Some(true))
        .count();
    // Most fixtures are plain YAML; the subset must actually be used.
    assert!(read * 2 > files.len(), "{read} of {}", files.len());
}

/// Small edits that push YAML towards and past the subset's edges.
const EDITS: &[&str] = &[
    "#", " #", ": ", ":", "- ", "-", "  ", " ", "\"", "'", "''", "[", "]", ",", "{", "}", "~",
    "null", "\n", "\n  ", "\n- ", "yes", "0", "01", ".5", "1e3", "&a ", "*a", "!", "|", ">", "é",
    "\t", "\r", "\\", "?", "%", "@", "`", "---", "\n---\n", "x: y", "\nx:", "\n  x: 1",
];

/// Mutations of every fixture (a deterministic pseudo-random walk): wherever the subset
/// still reads the result, it must read it as serde-saphyr does.
#[test]
fn agrees_on_mutated_fixtures() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let mut read = 0;
    for (path, text) in fixtures() {
        for _ in 0..150 {
            let mut t = text.clone();
            for _ in 0..1 + next(3) {
                let mut at = next(t.len() + 1);
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                match next(3) {
                    0 => t.insert_str(at, EDITS[next(EDITS.len())]),
                    1 => {
                        let mut end = (at + 1 + next(4)).min(t.len());
                        while !t.is_char_boundary(end) {
                            end += 1;
                        }
                        t.replace_range(at..end, "");
                    }
                    _ => t.replace_range(at..at, " "),
                }
            }
            if check_file(&path, &t) == Some(true) {
                read += 1;
            }
        }
    }
    assert!(read > 1000, "only {read} mutants were read by the subset");
}

/// `QISITE_SUBSET_CORPUS=/path/to/portfolio cargo test --release -- --ignored corpus`
/// checks a whole portfolio (e.g. the synthetic one from `examples/synth`).
#[test]
#[ignore]
fn agrees_on_a_corpus() {
    let Some(root) = std::env::var_os("QISITE_SUBSET_CORPUS") else {
        return;
    };
    let files = content_files(Path::new(&root));
    let (mut read, mut left) = (0, 0);
    for (path, text) in &files {
        match check_file(path, text) {
            Some(true) => read += 1,
            Some(false) => left += 1,
            None => {}
        }
    }
    println!("the subset read {read} files and left {left} to serde-saphyr");
}
