//! The build manifest and the skipped rebuild: a rebuild of an unchanged portfolio into
//! an untouched output folder does nothing, and any change to an input file, a build
//! option, the date, the qisite program or the output folder makes the build run, and
//! a failed build is validated again every time.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::build::write_counts;
use super::common::{fixtures, page, qisite, site, snapshot};

const MANIFEST: &str = ".qisite-manifest";
/// The date the other tests build on (midnight UTC), as `SOURCE_DATE_EPOCH`.
const EPOCH: u64 = 1_795_305_600;

/// Runs `exe build . ARGS` in `dir` on the day of `epoch`; returns (exit code, stderr).
fn build_with(exe: &Path, dir: &Path, args: &[&str], epoch: u64) -> (i32, String) {
    let out = Command::new(exe)
        .args(["build", "."])
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `qisite build . ARGS` in `dir`, which must succeed; returns stderr.
fn build(dir: &Path, args: &[&str]) -> String {
    let (code, err) = build_with(Path::new(env!("CARGO_BIN_EXE_qisite")), dir, args, EPOCH);
    assert_eq!(code, 0, "build failed:\n{err}");
    err
}

fn skipped(err: &str) -> bool {
    err.contains("nothing changed since the last build")
}

/// The counts of a build that ran (was not skipped): (written, unchanged, removed).
fn ran(err: &str) -> (usize, usize, usize) {
    assert!(!skipped(err), "the build was skipped:\n{err}");
    write_counts(err)
}

/// Sets a file's modification time to a fixed moment, unlike any a build gives.
fn backdate(path: &Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000))
        .unwrap();
}

fn modified(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// A site built once: (its folder, the output folder, the number of site files).
fn built_site() -> (tempfile::TempDir, PathBuf, usize) {
    let dir = site("");
    let err = build(dir.path(), &[]);
    let out = dir.path().join("public");
    let total = snapshot(&out).len() - 1; // the marker is not part of the site
    assert_eq!(ran(&err), (total, 0, 0));
    (dir, out, total)
}

/// The manifest's files: (path, length, hash), in the manifest's order.
fn manifest_files(out: &Path) -> Vec<(String, u64, String)> {
    let text = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let (path, len, _mtime, hash): (String, u64, Option<u64>, String) =
                serde_json::from_str(line).unwrap();
            (path, len, hash)
        })
        .collect()
}

#[test]
fn an_unchanged_rebuild_is_skipped_and_says_what_the_site_holds() {
    let dir = site("");
    let first = build(dir.path(), &[]);
    let out = dir.path().join("public");
    let before = snapshot(&out);
    let manifest_time = modified(&out.join(MANIFEST));

    let again = build(dir.path(), &[]);
    assert!(skipped(&again), "{again}");
    let pages_and_charts = &first["built ".len()..first.find(" in `").unwrap()];
    assert!(again.contains(pages_and_charts), "{first}\n{again}");
    assert!(again.contains("(0 files written)"), "{again}");
    assert_eq!(snapshot(&out), before);
    assert_eq!(
        modified(&out.join(MANIFEST)),
        manifest_time,
        "nothing written"
    );

    // `--quiet` changes nothing the site says, so it is skipped too, silently.
    let quiet = build(dir.path(), &["--quiet"]);
    assert_eq!(quiet, "");
    assert_eq!(modified(&out.join(MANIFEST)), manifest_time);
}

#[test]
fn the_manifest_lists_every_site_file_and_is_not_part_of_the_site() {
    let (dir, out, total) = built_site();
    let files = manifest_files(&out);
    assert_eq!(files.len(), total);
    let site_files = snapshot(&out);
    let mut paths = Vec::new();
    for (path, len, hash) in &files {
        assert_eq!(site_files[path].len() as u64, *len, "{path}");
        assert_eq!(hash.len(), 32, "{path}");
        paths.push(path.clone());
    }
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "sorted by path");
    assert!(!paths.iter().any(|p| p.contains("qisite-")));
    for (path, bytes) in &site_files {
        assert!(
            !String::from_utf8_lossy(bytes).contains(MANIFEST),
            "{path} mentions the manifest"
        );
    }

    // The same site built elsewhere lists the same files, lengths and hashes.
    let other = tempfile::tempdir().unwrap();
    let other_out = other.path().join("site");
    build(dir.path(), &["--out", other_out.to_str().unwrap()]);
    assert_eq!(manifest_files(&other_out), files);
}

#[test]
fn a_failed_build_is_validated_again_and_check_is_unaffected() {
    let (dir, out, _) = built_site();
    let before = snapshot(&out);
    let project = dir.path().join("projects/falls-ward-7/index.md");
    let good = std::fs::read(&project).unwrap();
    super::common::copy_dir(&fixtures().join("bad/progress_outside_scale"), dir.path());
    for _ in 0..2 {
        let (code, err) = build_with(
            Path::new(env!("CARGO_BIN_EXE_qisite")),
            dir.path(),
            &[],
            EPOCH,
        );
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("projects/falls-ward-7/index.md:7:11"), "{err}");
        assert_eq!(snapshot(&out), before);
    }
    let (code, _, err) = qisite(&["check", "."], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("projects/falls-ward-7/index.md:7:11"), "{err}");

    // Put back, the portfolio is the one the output was built from. The file was
    // written, so the build runs (inputs count by their `stat`), and writes nothing.
    std::fs::write(&project, good).unwrap();
    let total = snapshot(&out).len() - 1;
    assert_eq!(ran(&build(dir.path(), &[])), (0, total, 0));
    assert!(skipped(&build(dir.path(), &[])));
    let (code, _, err) = qisite(&["check", "."], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(snapshot(&out), before);
}

#[test]
fn a_changed_output_folder_is_repaired() {
    let (dir, out, total) = built_site();
    let rel = "projects/falls-ward-7/index.html";
    let good = page(&out, rel);

    // Edited by hand, same length: its time gives it away, it is read and rewritten.
    std::fs::write(out.join(rel), good.replacen("<html", "<HTML", 1)).unwrap();
    backdate(&out.join(rel));
    assert_eq!(ran(&build(dir.path(), &[])), (1, total - 1, 0));
    assert_eq!(page(&out, rel), good);

    std::fs::remove_file(out.join(rel)).unwrap();
    assert_eq!(ran(&build(dir.path(), &[])), (1, total - 1, 0));
    assert_eq!(page(&out, rel), good);

    std::fs::write(out.join("extra.html"), "mine").unwrap();
    assert_eq!(ran(&build(dir.path(), &[])), (0, total, 1));
    assert!(!out.join("extra.html").exists());

    // Only touched: read, found the same, kept; its new time is then trusted.
    backdate(&out.join(rel));
    assert_eq!(ran(&build(dir.path(), &[])), (0, total, 0));
    assert!(skipped(&build(dir.path(), &[])));

    // Without a manifest (a build killed while committing, an older qisite) every
    // file is read, and the manifest is written again.
    std::fs::remove_file(out.join(MANIFEST)).unwrap();
    assert_eq!(ran(&build(dir.path(), &[])), (0, total, 0));
    assert!(skipped(&build(dir.path(), &[])));

    // A damaged manifest is ignored the same way.
    std::fs::write(out.join(MANIFEST), "{not json").unwrap();
    assert_eq!(ran(&build(dir.path(), &[])), (0, total, 0));
    assert!(skipped(&build(dir.path(), &[])));
}

#[test]
fn any_change_under_the_portfolio_folder_runs_the_build() {
    let (dir, out, total) = built_site();
    let root = dir.path();

    // A new file the site does not use: the build runs and writes nothing.
    std::fs::write(root.join("notes.txt"), "to do").unwrap();
    assert_eq!(ran(&build(root, &[])), (0, total, 0));
    assert!(skipped(&build(root, &[])));
    std::fs::rename(root.join("notes.txt"), root.join("todo.txt")).unwrap();
    assert_eq!(ran(&build(root, &[])), (0, total, 0));
    assert!(skipped(&build(root, &[])));

    // An empty folder is an input too (here it earns a warning).
    std::fs::create_dir(root.join("pages/drafts")).unwrap();
    let err = build(root, &[]);
    assert_eq!(ran(&err), (0, total, 0));
    assert!(err.contains("1 warning"), "{err}");
    let err = build(root, &[]);
    assert!(skipped(&err), "{err}");
    assert!(err.contains("1 warning (run `qisite check`"), "{err}");
    std::fs::remove_dir(root.join("pages/drafts")).unwrap();
    assert_eq!(ran(&build(root, &[])), (0, total, 0));

    // One PDSA cycle edited, then put back.
    let pdsa = root.join("projects/falls-ward-7/pdsa/01-checklist.md");
    let text = std::fs::read_to_string(&pdsa).unwrap();
    std::fs::write(&pdsa, format!("{text}\nA sentence added.\n")).unwrap();
    let (written, _, removed) = ran(&build(root, &[]));
    assert!(written >= 1 && removed == 0);
    std::fs::write(&pdsa, &text).unwrap();
    let (written_back, _, _) = ran(&build(root, &[]));
    assert_eq!(written_back, written);
    assert!(skipped(&build(root, &[])));

    // A page renamed: its old page goes, the new one comes, as a clean build has it.
    std::fs::rename(root.join("pages/about.md"), root.join("pages/about-us.md")).unwrap();
    let (written, _, removed) = ran(&build(root, &[]));
    assert!(
        written >= 1 && removed >= 1,
        "{written} written, {removed} removed"
    );
    assert!(!out.join("about").exists() && out.join("about-us/index.html").is_file());
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("site");
    build(root, &["--out", clean_out.to_str().unwrap()]);
    assert_eq!(snapshot(&out), snapshot(&clean_out));
}

#[test]
fn options_the_date_and_the_program_are_inputs_too() {
    let (dir, out, total) = built_site();
    let root = dir.path();

    let base = ["--base-url", "https://intranet.example/qi/"];
    let (written, _, _) = ran(&build(root, &base));
    assert!(written > 0);
    assert!(skipped(&build(root, &base)));
    assert!(ran(&build(root, &[])).0 > 0, "the feeds change back");

    let (_, _, removed) = ran(&build(root, &["--png", "never"]));
    assert!(removed > 0, "the chart PNGs go");
    assert!(skipped(&build(root, &["--png", "never"])));
    ran(&build(root, &[]));
    assert!(skipped(&build(root, &[])));

    // The date: later the same day is the same build; the next day is not.
    let exe = Path::new(env!("CARGO_BIN_EXE_qisite"));
    let (code, err) = build_with(exe, root, &[], EPOCH + 3_600);
    assert_eq!(code, 0, "{err}");
    assert!(skipped(&err), "{err}");
    let (code, err) = build_with(exe, root, &[], EPOCH + 86_400);
    assert_eq!(code, 0, "{err}");
    ran(&err);
    ran(&build(root, &[]));

    // The program: a rebuilt qisite (here, one byte longer) never trusts the last build.
    let bin = tempfile::tempdir().unwrap();
    let rebuilt = bin.path().join("qisite");
    let mut bytes = std::fs::read(exe).unwrap();
    bytes.push(0);
    std::fs::write(&rebuilt, bytes).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&rebuilt, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let (code, err) = build_with(&rebuilt, root, &[], EPOCH);
    assert_eq!(code, 0, "{err}");
    assert_eq!(ran(&err), (0, total, 0));
    let (code, err) = build_with(&rebuilt, root, &[], EPOCH);
    assert_eq!(code, 0, "{err}");
    assert!(skipped(&err), "{err}");
    ran(&build(root, &[]));
    assert!(skipped(&build(root, &[])));

    // Another output folder has its own manifest; building there leaves this one be.
    let other = tempfile::tempdir().unwrap();
    let other_out = other.path().join("site");
    let elsewhere = ["--out", other_out.to_str().unwrap()];
    assert_eq!(ran(&build(root, &elsewhere)), (total, 0, 0));
    assert!(skipped(&build(root, &elsewhere)));
    assert!(skipped(&build(root, &[])));
    assert!(out.join(MANIFEST).is_file());
}
