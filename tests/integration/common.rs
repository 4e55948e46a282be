//! Fixture helpers: copy a fixture site (a base site plus an overlay of changed files)
//! into a temporary folder, and run the qisite binary on it.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the base fixture site with `tests/fixtures/bad/<case>/` laid
/// over it (`case` may be empty for the base site alone).
pub fn site(case: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("base"), tmp.path());
    if !case.is_empty() {
        let overlay = fixtures().join("bad").join(case);
        assert!(overlay.is_dir(), "no fixture {case}");
        copy_dir(&overlay, tmp.path());
    }
    tmp
}

/// Runs the qisite binary and returns (exit code, stdout, stderr).
pub fn qisite(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_qisite"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795305600")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A temporary copy of the base fixture site with `tests/fixtures/good/<case>/` laid
/// over it: valid content that exercises a feature.
pub fn good_site(case: &str) -> tempfile::TempDir {
    let tmp = site("");
    let overlay = fixtures().join("good").join(case);
    assert!(overlay.is_dir(), "no fixture {case}");
    copy_dir(&overlay, tmp.path());
    tmp
}

/// Every file below `dir` (relative path with `/` separators) → its bytes, leaving out
/// the build manifest: it records file times, and it is not part of the site.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.file_name() != ".qisite-manifest" {
            let rel = entry.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// The text of a built page.
pub fn page(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("no page {rel}: {e}"))
}
