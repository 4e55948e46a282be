//! Where a rendered site goes: into memory ([`OutputSet`], for `serve` and tests), to
//! disk ([`DiskSink`], for `build`) or nowhere ([`Discard`], for `check`), one file at a
//! time as it is rendered (the [`Sink`] trait), so a large site is never held whole.
//!
//! A failed build never touches the previous site: a [`DiskSink`] stages every file
//! beside the output folder and moves them into place only when the whole site rendered
//! without error. The first build stages the whole site in a fresh sibling folder and
//! renames it into place. Later builds stage only the files whose bytes changed, rename
//! each over the old one, and remove the files the site no longer has: on this machine
//! kind every new file costs about 0.2 ms of system time and deleting a 10,000-file
//! folder about 20 s, so rewriting an unchanged site would cost seconds. An output
//! folder is only ever written into when it carries our marker file, so qisite never
//! deletes a folder it did not create.
//!
//! Every build leaves a [`manifest`] in the output folder (each file's length, time and
//! hash), so a rebuild knows an untouched file's bytes without reading it, and a
//! [`fingerprint`] of its inputs, so a rebuild of an unchanged portfolio into an
//! untouched folder can skip the whole build.

pub mod fingerprint;
pub mod manifest;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{display_path, Error, Result};
use manifest::{BuildRecord, Entry, Hash, Manifest, MANIFEST};

/// The name of the marker file written into every output folder.
pub const MARKER: &str = ".qisite-output";

/// One file of the rendered site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputFile {
    /// Bytes rendered in memory.
    Bytes(Vec<u8>),
    /// A content file copied through unchanged (posters, attachments).
    Copy(PathBuf),
}

/// The whole rendered site: output path (relative, `/` separators) → file.
#[derive(Clone, Debug, Default)]
pub struct OutputSet {
    pub files: BTreeMap<String, OutputFile>,
}

impl OutputSet {
    pub fn insert_bytes(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files
            .insert(path.into(), OutputFile::Bytes(bytes.into()));
    }

    pub fn insert_copy(&mut self, path: impl Into<String>, from: PathBuf) {
        self.files.insert(path.into(), OutputFile::Copy(from));
    }

    /// The bytes of a rendered file (not of copied files).
    pub fn bytes(&self, path: &str) -> Option<&[u8]> {
        match self.files.get(path)? {
            OutputFile::Bytes(b) => Some(b),
            OutputFile::Copy(_) => None,
        }
    }

    /// Number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".html")).count()
    }
}

/// Checks that `out` may be written for a portfolio at `content`: never the content
/// folder itself, never a folder that contains it, never inside it except `public/`,
/// and never an existing non-empty folder without our marker.
pub fn check_output_dir(content: &Path, out: &Path) -> Result<()> {
    let content = absolute(content);
    let out = absolute(out);
    if out == content {
        return Err(Error::Refused(format!(
            "the output folder `{}` is the content folder; choose another with `--out`",
            out.display()
        )));
    }
    if content.starts_with(&out) {
        return Err(Error::Refused(format!(
            "the output folder `{}` contains the content folder; choose a folder outside it with `--out`",
            out.display()
        )));
    }
    if out.starts_with(&content) && !out.starts_with(content.join("public")) {
        return Err(Error::Refused(format!(
            "the output folder `{}` is inside the content folder; qisite only writes to `public/` there",
            out.display()
        )));
    }
    if out.is_dir() && !out.join(MARKER).is_file() {
        let empty = fs::read_dir(&out)
            .map_err(|source| Error::Read {
                path: out.clone(),
                source,
            })?
            .next()
            .is_none();
        if !empty {
            return Err(Error::Refused(format!(
                "`{}` exists and was not made by qisite (it has no `{MARKER}` file); \
                 qisite will not replace it: remove it yourself or choose another folder with `--out`",
                out.display()
            )));
        }
    }
    if out.exists() && !out.is_dir() {
        return Err(Error::Refused(format!(
            "`{}` is a file, not a folder; choose another with `--out`",
            out.display()
        )));
    }
    Ok(())
}

/// What a write did, for the build's summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written because they were new or their bytes changed.
    pub written: usize,
    /// Files left alone because their bytes were already right.
    pub unchanged: usize,
    /// Files removed because the site no longer has them.
    pub removed: usize,
}

/// Where rendered files go as they are made: the in-memory [`OutputSet`] (for `serve`
/// and tests), a [`DiskSink`] (for `build`), or nowhere (for `check`).
pub trait Sink: Sync {
    /// Takes one file of the site. Paths are relative, with `/` separators.
    fn put(&self, path: String, file: OutputFile) -> Result<()>;
}

impl Sink for std::sync::Mutex<OutputSet> {
    fn put(&self, path: String, file: OutputFile) -> Result<()> {
        self.lock()
            .unwrap_or_else(|e| e.into_inner())
            .files
            .insert(path, file);
        Ok(())
    }
}

/// A sink that drops every file: `check` renders only for the problems rendering finds.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _path: String, _file: OutputFile) -> Result<()> {
        Ok(())
    }
}

/// Writes `set` to `out`. An existing output folder of ours is brought up to date in
/// place, touching only the files that differ; otherwise the site goes into a fresh
/// sibling folder that is then renamed into place. The caller must have called
/// [`check_output_dir`].
pub fn write(set: &OutputSet, out: &Path) -> Result<WriteStats> {
    let sink = DiskSink::new(out, &|| {})?;
    set.files
        .par_iter()
        .try_for_each(|(rel, file)| sink.put(rel.clone(), file.clone()))?;
    sink.commit(None)
}

/// The paths a build of `out` writes to: `out` itself and its two staging folders
/// (see [`DiskSink`]). A build's inputs never include them.
pub fn build_paths(out: &Path) -> [PathBuf; 3] {
    let out = absolute(out);
    let parent = out.parent().unwrap_or(&out).to_path_buf();
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_owned());
    [
        parent.join(format!(".{name}.qisite-new")),
        parent.join(format!(".{name}.qisite-changes")),
        out,
    ]
}

/// The record of the last build into `out`, when `out` is an output folder of ours
/// that is, by `stat`, exactly as that build left it: then building inputs with the
/// record's fingerprint again would change nothing.
pub fn untouched_build(out: &Path) -> Option<BuildRecord> {
    if !out.join(MARKER).is_file() {
        return None;
    }
    Manifest::read(out).untouched(out).cloned()
}

/// How a [`DiskSink`] stages the files it is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// No site of ours yet: every file goes into a fresh staging folder that replaces
    /// `out` at the end.
    Fresh,
    /// A site of ours is there: only files whose bytes differ go into the staging
    /// folder, and are renamed over the old ones at the end.
    Sync,
}

/// Writes a site to disk as it is rendered, without holding it in memory, while keeping
/// the promise that a failed build leaves the previous site untouched: every file goes
/// to a staging folder beside `out` (all of them on a first build, only the changed ones
/// on a rebuild), and only [`DiskSink::commit`], called once the whole site rendered
/// without error, moves them into `out`. Dropping the sink without committing removes
/// the staging folder and leaves `out` as it was.
pub struct DiskSink<'t> {
    out: PathBuf,
    staging: PathBuf,
    mode: Mode,
    /// The previous build's manifest (sync mode), to know old files without reading them.
    previous: Manifest,
    /// Every path put, with what was written or kept there: the new manifest, and the
    /// stale files are the ones not in it.
    entries: std::sync::Mutex<Vec<(String, Entry)>>,
    /// Staged files to move into `out` (sync mode).
    changed: std::sync::Mutex<Vec<String>>,
    /// Folders already made in the staging folder.
    dirs: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    unchanged: std::sync::atomic::AtomicUsize,
    tick: &'t (dyn Fn() + Sync),
    committed: bool,
}

impl<'t> DiskSink<'t> {
    /// A sink for the output folder `out` (checked by [`check_output_dir`]); `tick` is
    /// called once per file (for a progress bar).
    pub fn new(out: &Path, tick: &'t (dyn Fn() + Sync)) -> Result<Self> {
        let [fresh_staging, sync_staging, out] = build_paths(out);
        let parent = out
            .parent()
            .ok_or_else(|| Error::Refused(format!("`{}` has no parent folder", out.display())))?;
        create_dir(parent)?;
        let (mode, staging, previous) = if out.join(MARKER).is_file() {
            (Mode::Sync, sync_staging, Manifest::read(&out))
        } else {
            (Mode::Fresh, fresh_staging, Manifest::default())
        };
        if fs::symlink_metadata(&staging).is_ok() {
            // Left by a build that was killed: ours, by its name.
            fs::remove_dir_all(&staging).map_err(|source| Error::Write {
                path: staging.clone(),
                source,
            })?;
        }
        create_dir(&staging)?;
        if mode == Mode::Fresh {
            fs::write(
                staging.join(MARKER),
                b"This folder is generated by qisite build.\n",
            )
            .map_err(|source| Error::Write {
                path: staging.join(MARKER),
                source,
            })?;
        }
        Ok(DiskSink {
            out,
            staging,
            mode,
            previous,
            entries: Default::default(),
            changed: Default::default(),
            dirs: Default::default(),
            unchanged: Default::default(),
            tick,
            committed: false,
        })
    }

    /// Makes the folder `dir` (and its parents) unless this sink already made it.
    fn make_dir(&self, dir: &Path) -> Result<()> {
        let known = |d: &Path| {
            self.dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(d)
        };
        if known(dir) {
            return Ok(());
        }
        // One `mkdir` per folder, parents first: `create_dir_all` tries the folder
        // before its parents and a known parent again, a failed call each time (a
        // third of the calls at N = 500).
        if !dir.starts_with(&self.staging) {
            return create_dir(dir);
        }
        if let Some(parent) = dir.parent().filter(|p| p.starts_with(&self.staging)) {
            if parent != self.staging.as_path() {
                self.make_dir(parent)?;
            }
        }
        match fs::create_dir(dir) {
            Ok(()) => {}
            // Another thread made it meanwhile.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(source) => {
                return Err(Error::Write {
                    path: dir.to_path_buf(),
                    source,
                })
            }
        }
        self.dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf());
        Ok(())
    }

    /// Writes one file into the staging folder and returns its manifest entry (its
    /// time survives the rename into place).
    fn stage(&self, rel: &str, bytes: &[u8], hash: Hash) -> Result<Entry> {
        let target = self.staging.join(rel);
        if let Some(dir) = target.parent() {
            self.make_dir(dir)?;
        }
        let write_err = |source| Error::Write {
            path: target.clone(),
            source,
        };
        // The time is read from the open file: no second look-up of its path.
        let mut file = fs::File::create(&target).map_err(write_err)?;
        std::io::Write::write_all(&mut file, bytes).map_err(write_err)?;
        let meta = file.metadata().map_err(write_err)?;
        Ok(Entry::new(&meta, hash))
    }

    /// The metadata of the previous build's file at `rel` when it holds exactly `bytes`
    /// (hashing to `hash`): known from the manifest when the file is as that build left
    /// it, otherwise by reading it, so a file edited by hand is always repaired.
    fn unchanged(&self, rel: &str, bytes: &[u8], hash: Hash) -> Option<fs::Metadata> {
        if self.mode != Mode::Sync {
            return None;
        }
        let target = self.out.join(rel);
        let meta = fs::symlink_metadata(&target).ok()?;
        if !meta.is_file() || meta.len() != bytes.len() as u64 {
            return None;
        }
        let same = match self.previous.files.get(rel) {
            Some(entry) if entry.matches(&meta) => entry.hash == hash,
            _ => fs::read(&target).is_ok_and(|old| old == bytes),
        };
        same.then_some(meta)
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Whether the previous build's output already holds `bytes` at `rel`.
    pub fn previous_holds(&self, rel: &str, bytes: &[u8]) -> bool {
        self.unchanged(rel, bytes, Hash::of(bytes)).is_some()
    }

    /// Moves the staged files into `out`, removes the files the site no longer has and
    /// writes the manifest, with `build` when given. Call it only when the whole site
    /// rendered without error.
    pub fn commit(mut self, build: Option<BuildRecord>) -> Result<WriteStats> {
        self.committed = true;
        let entries = std::mem::take(&mut *self.entries.lock().unwrap_or_else(|e| e.into_inner()));
        let paths: Vec<String> = entries.iter().map(|(rel, _)| rel.clone()).collect();
        let manifest = Manifest {
            build,
            files: entries.into_iter().collect(),
        };
        if self.mode == Mode::Fresh {
            manifest.write(
                &self.staging.join(MANIFEST),
                &self.staging.join(".qisite-manifest.new"),
            )?;
            // `out` is absent or an empty folder (check_output_dir refuses anything else).
            if self.out.is_dir() {
                fs::remove_dir(&self.out).map_err(|source| Error::Write {
                    path: self.out.clone(),
                    source,
                })?;
            }
            fs::rename(&self.staging, &self.out).map_err(|source| Error::Write {
                path: self.out.clone(),
                source,
            })?;
            return Ok(WriteStats {
                written: paths.len(),
                ..WriteStats::default()
            });
        }
        let mut changed =
            std::mem::take(&mut *self.changed.lock().unwrap_or_else(|e| e.into_inner()));
        changed.sort();
        // No manifest while the folder is half updated: if this commit fails, the next
        // build reads the old files rather than trust a manifest that no longer fits.
        let old_manifest = self.out.join(MANIFEST);
        if fs::symlink_metadata(&old_manifest).is_ok() {
            remove_file(&old_manifest)?;
        }
        let result = self.move_into_place(&changed, &paths).and_then(|removed| {
            let temp = self.staging.join(".qisite-manifest.new");
            manifest.write(&old_manifest, &temp)?;
            Ok(removed)
        });
        let _ = fs::remove_dir_all(&self.staging);
        let removed = result?;
        Ok(WriteStats {
            written: changed.len(),
            unchanged: self.unchanged.load(std::sync::atomic::Ordering::Relaxed),
            removed,
        })
    }

    /// Sync mode's commit: renames each staged file over its old self (a file where a
    /// folder must now go gives way, and the other way round), then removes the stale
    /// files and the folders left empty. Returns how many files it removed.
    fn move_into_place(&self, changed: &[String], paths: &[String]) -> Result<usize> {
        let out = &self.out;
        let mut made: BTreeSet<PathBuf> = BTreeSet::new();
        for rel in changed {
            let target = out.join(rel);
            if let Some(dir) = target.parent() {
                if !made.contains(dir) {
                    let mut d = dir;
                    while d != out.as_path() {
                        if d.is_file() {
                            remove_file(d)?;
                        }
                        d = d.parent().unwrap_or(out);
                    }
                    create_dir(dir)?;
                    made.insert(dir.to_path_buf());
                }
            }
            if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
                fs::remove_dir_all(&target).map_err(|source| Error::Write {
                    path: target.clone(),
                    source,
                })?;
            }
            fs::rename(self.staging.join(rel), &target).map_err(|source| Error::Write {
                path: target.clone(),
                source,
            })?;
        }
        let wanted: std::collections::HashSet<&str> = paths.iter().map(String::as_str).collect();
        let mut removed = 0;
        for rel in existing_files(out)? {
            if !wanted.contains(rel.as_str()) {
                let path = out.join(&rel);
                if path.is_file() {
                    remove_file(&path)?;
                    removed += 1;
                }
            }
        }
        if removed > 0 || !changed.is_empty() {
            remove_empty_dirs(out)?;
        }
        Ok(removed)
    }
}

impl Sink for DiskSink<'_> {
    fn put(&self, rel: String, file: OutputFile) -> Result<()> {
        let copied;
        let bytes: &[u8] = match &file {
            OutputFile::Bytes(b) => b,
            OutputFile::Copy(from) => {
                copied = fs::read(from).map_err(|source| Error::Read {
                    path: from.clone(),
                    source,
                })?;
                &copied
            }
        };
        let hash = Hash::of(bytes);
        let entry = match self.unchanged(&rel, bytes, hash) {
            Some(meta) => {
                self.unchanged
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Entry::new(&meta, hash)
            }
            None => {
                let entry = self.stage(&rel, bytes, hash)?;
                if self.mode == Mode::Sync {
                    self.changed
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(rel.clone());
                }
                entry
            }
        };
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((rel, entry));
        (self.tick)();
        Ok(())
    }
}

impl Drop for DiskSink<'_> {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Every file under `out` (relative, `/` separators), except the marker and manifest.
fn existing_files(out: &Path) -> Result<BTreeSet<String>> {
    let mut files = BTreeSet::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1) {
        let entry = entry.map_err(|e| Error::Read {
            path: e.path().unwrap_or(out).to_path_buf(),
            source: e.into(),
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = display_path(out, entry.path());
        if rel != MARKER && rel != MANIFEST {
            files.insert(rel);
        }
    }
    Ok(files)
}

/// Removes the folders under `out` that no longer hold any file.
fn remove_empty_dirs(out: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() {
            // Fails, harmlessly, when the folder is not empty.
            let _ = fs::remove_dir(entry.path());
        }
    }
    Ok(())
}

fn create_dir(p: &Path) -> Result<()> {
    fs::create_dir_all(p).map_err(|source| Error::Write {
        path: p.to_path_buf(),
        source,
    })
}

fn remove_file(p: &Path) -> Result<()> {
    fs::remove_file(p).map_err(|source| Error::Write {
        path: p.to_path_buf(),
        source,
    })
}

/// An absolute, lexically normalised path (no `.` or `..`), without touching the disk.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_content_folder_and_its_parents() {
        let c = Path::new("/tmp/portfolio");
        assert!(check_output_dir(c, c).is_err());
        assert!(check_output_dir(c, Path::new("/tmp")).is_err());
        assert!(check_output_dir(c, Path::new("/tmp/portfolio/projects")).is_err());
        assert!(check_output_dir(c, Path::new("/tmp/portfolio/public/../pages")).is_err());
    }

    #[test]
    fn writes_and_swaps() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let mut set = OutputSet::default();
        set.insert_bytes("index.html", "one");
        set.insert_bytes("a/b/index.html", "two");
        write(&set, &out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("a/b/index.html")).unwrap(),
            "two"
        );
        let mut set2 = OutputSet::default();
        set2.insert_bytes("index.html", "three");
        check_output_dir(tmp.path().join("content").as_path(), &out).unwrap();
        write(&set2, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "three");
        assert!(!out.join("a").exists());
        assert!(out.join(MARKER).exists());
    }

    fn site(files: &[(&str, &str)]) -> OutputSet {
        let mut set = OutputSet::default();
        for (path, text) in files {
            set.insert_bytes(*path, *text);
        }
        set
    }

    #[test]
    fn a_rebuild_writes_only_what_changed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let first = site(&[
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("b/index.html", "b"),
        ]);
        let stats = write(&first, &out).unwrap();
        assert_eq!(stats.written, 3);
        let mtime = |p: &str| fs::metadata(out.join(p)).unwrap().modified().unwrap();
        let before = mtime("a/index.html");
        std::thread::sleep(std::time::Duration::from_millis(20));

        let stats = write(&first, &out).unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 0,
                unchanged: 3,
                removed: 0
            }
        );
        assert_eq!(mtime("a/index.html"), before);

        // Same length, different bytes: still rewritten.
        let second = site(&[("index.html", "HOME"), ("a/index.html", "a")]);
        let stats = write(&second, &out).unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "HOME");
        assert_eq!(mtime("a/index.html"), before);
        assert!(!out.join("b").exists(), "an emptied folder is removed");
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("qisite-tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_rebuild_copes_with_files_becoming_folders_and_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write(&site(&[("x", "file"), ("y/index.html", "folder")]), &out).unwrap();
        write(
            &site(&[("x/index.html", "now a folder"), ("y", "now a file")]),
            &out,
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(out.join("x/index.html")).unwrap(),
            "now a folder"
        );
        assert_eq!(fs::read_to_string(out.join("y")).unwrap(), "now a file");
    }

    /// Sets a file's modification time to a fixed moment, unlike any a build gives.
    fn backdate(path: &Path) {
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000))
            .unwrap();
    }

    #[test]
    fn the_manifest_lists_every_file_as_written() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let first = site(&[("index.html", "home"), ("a/index.html", "a")]);
        write(&first, &out).unwrap();
        let check = |names: &[&str]| {
            let manifest = Manifest::read(&out);
            assert_eq!(manifest.files.keys().collect::<Vec<_>>(), names);
            for (rel, entry) in &manifest.files {
                let meta = fs::symlink_metadata(out.join(rel)).unwrap();
                assert!(entry.matches(&meta), "{rel}");
                assert_eq!(entry.hash, Hash::of(&fs::read(out.join(rel)).unwrap()));
            }
            assert!(manifest.untouched(&out).is_none(), "no build record");
        };
        check(&["a/index.html", "index.html"]);
        write(&site(&[("index.html", "HOME"), ("b.html", "b")]), &out).unwrap();
        check(&["b.html", "index.html"]);
    }

    #[test]
    fn an_old_file_is_known_by_its_manifest_entry_while_its_stat_matches() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let set = site(&[("index.html", "home"), ("a.html", "a")]);
        write(&set, &out).unwrap();
        // A manifest that is wrong about a file whose stat matches is believed: the
        // file is rewritten, which shows the old bytes were not read.
        let mut manifest = Manifest::read(&out);
        manifest.files.get_mut("a.html").unwrap().hash = Hash::of(b"something else");
        manifest
            .write(&out.join(MANIFEST), &tmp.path().join("temp"))
            .unwrap();
        let stats = write(&set, &out).unwrap();
        assert_eq!((stats.written, stats.unchanged), (1, 1));
        assert_eq!(Manifest::read(&out).files["a.html"].hash, Hash::of(b"a"));

        // A file changed by hand (same length, another time) is read, and repaired.
        fs::write(out.join("index.html"), "HOME").unwrap();
        backdate(&out.join("index.html"));
        let stats = write(&set, &out).unwrap();
        assert_eq!((stats.written, stats.unchanged), (1, 1));
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home");

        // A file only touched is read, found the same, and kept; its new time recorded.
        backdate(&out.join("index.html"));
        let stats = write(&set, &out).unwrap();
        assert_eq!((stats.written, stats.unchanged), (0, 2));
        let meta = fs::symlink_metadata(out.join("index.html")).unwrap();
        assert!(Manifest::read(&out).files["index.html"].matches(&meta));
    }

    #[test]
    fn without_a_manifest_old_files_are_read() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let set = site(&[("index.html", "home")]);
        write(&set, &out).unwrap();
        fs::write(out.join(MANIFEST), "damaged").unwrap();
        assert_eq!(write(&set, &out).unwrap().unchanged, 1);
        fs::remove_file(out.join(MANIFEST)).unwrap();
        assert_eq!(write(&set, &out).unwrap().unchanged, 1);
        assert_eq!(Manifest::read(&out).files.len(), 1, "written again");
    }

    #[test]
    fn up_to_date_needs_the_fingerprint_and_an_untouched_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let record = BuildRecord {
            fingerprint: Hash::of(b"inputs"),
            pages: 1,
            charts: 0,
            warnings: 0,
            note: None,
        };
        let build = |files: &[(&str, &str)]| {
            let sink = DiskSink::new(&out, &|| {}).unwrap();
            for (rel, text) in files {
                sink.put(
                    (*rel).to_owned(),
                    OutputFile::Bytes(text.as_bytes().to_vec()),
                )
                .unwrap();
            }
            sink.commit(Some(record.clone())).unwrap()
        };
        let up_to_date = |fingerprint: Hash| {
            untouched_build(&out).filter(|build| build.fingerprint == fingerprint)
        };
        let files = [("index.html", "home"), ("a/b.html", "b")];
        build(&files);
        assert_eq!(up_to_date(record.fingerprint), Some(record.clone()));
        assert_eq!(up_to_date(Hash::of(b"other inputs")), None);

        fs::write(out.join("extra.html"), "mine").unwrap();
        assert_eq!(up_to_date(record.fingerprint), None, "a file added");
        build(&files);
        fs::remove_file(out.join("a/b.html")).unwrap();
        assert_eq!(up_to_date(record.fingerprint), None, "a file removed");
        build(&files);
        backdate(&out.join("index.html"));
        assert_eq!(up_to_date(record.fingerprint), None, "a file touched");
        build(&files);
        fs::remove_file(out.join(MARKER)).unwrap();
        assert_eq!(up_to_date(record.fingerprint), None, "not ours");
    }

    #[test]
    fn refuses_foreign_non_empty_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("docs");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("keep.txt"), "mine").unwrap();
        let err = check_output_dir(&tmp.path().join("content"), &out).unwrap_err();
        assert!(err.to_string().contains("was not made by qisite"));
    }
}
