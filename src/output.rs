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

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};

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
    sink.commit()
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
    /// Every path put, to find the stale files at the end.
    paths: std::sync::Mutex<Vec<String>>,
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
        let out = absolute(out);
        let parent = out
            .parent()
            .ok_or_else(|| Error::Refused(format!("`{}` has no parent folder", out.display())))?
            .to_path_buf();
        create_dir(&parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_owned());
        let mode = if out.join(MARKER).is_file() {
            Mode::Sync
        } else {
            Mode::Fresh
        };
        let staging = parent.join(match mode {
            Mode::Fresh => format!(".{name}.qisite-new"),
            Mode::Sync => format!(".{name}.qisite-changes"),
        });
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
            paths: Default::default(),
            changed: Default::default(),
            dirs: Default::default(),
            unchanged: Default::default(),
            tick,
            committed: false,
        })
    }

    /// Makes the folder `dir` (and its parents) unless this sink already made it.
    fn make_dir(&self, dir: &Path) -> Result<()> {
        if self
            .dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(dir)
        {
            return Ok(());
        }
        create_dir(dir)?;
        self.dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf());
        Ok(())
    }

    /// Writes one file into the staging folder.
    fn stage(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let target = self.staging.join(rel);
        if let Some(dir) = target.parent() {
            self.make_dir(dir)?;
        }
        fs::write(&target, bytes).map_err(|source| Error::Write {
            path: target.clone(),
            source,
        })
    }

    /// Moves the staged files into `out` and removes the files the site no longer has.
    /// Call it only when the whole site rendered without error.
    pub fn commit(mut self) -> Result<WriteStats> {
        self.committed = true;
        let paths = std::mem::take(&mut *self.paths.lock().unwrap_or_else(|e| e.into_inner()));
        if self.mode == Mode::Fresh {
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
        let result = self.move_into_place(&changed, &paths);
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
        match self.mode {
            Mode::Fresh => self.stage(&rel, bytes)?,
            Mode::Sync => {
                let target = self.out.join(&rel);
                let same = fs::symlink_metadata(&target)
                    .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
                    && fs::read(&target).is_ok_and(|old| old == bytes);
                if same {
                    self.unchanged
                        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                } else {
                    self.stage(&rel, bytes)?;
                    self.changed
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(rel.clone());
                }
            }
        }
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(rel);
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

/// Every file under `out` (relative, `/` separators), except the marker.
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
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel != MARKER {
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
