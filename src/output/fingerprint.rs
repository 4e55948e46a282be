//! A fingerprint of everything a build's output depends on: every file and folder under
//! the portfolio folder (path and `stat`), the build's options, the date it runs on and
//! the qisite executable itself. Two builds with the same fingerprint write the same
//! site, so a build whose fingerprint matches the one recorded in the output folder's
//! manifest, into a folder still as that build left it, has nothing to do.
//!
//! The fingerprint is deliberately coarse: it covers every file under the portfolio
//! folder, not only the ones the loader reads today, so that a new kind of input can
//! never be forgotten; an unrelated change costs one ordinary build. Anything it cannot
//! read makes it give up, and the build then runs in full.
//!
//! A file counts by what `stat` says of it (length, modification and change times,
//! inode and device), as Git's index does, rather than by its bytes: reading 56,000
//! files took about a second of system time at 5,000 projects, a `stat` of each a
//! fraction of that. Every write to a file sets its change time, which no user command
//! can set back, so an edited file never looks the same, even when it is put back as
//! it was (that costs one ordinary build). The times are in nanoseconds; a file system
//! whose clock ticks more coarsely could give two writes of the same length within one
//! tick the same times, a window of milliseconds that Git lives with too.
//!
//! Depends on [`crate::fs::with_io_threads`] to look at many files at once.

use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use super::manifest::Hash;

/// A fingerprint being built up from named parts. The parts' order matters.
pub struct Fingerprint {
    hasher: Xxh3,
}

impl Default for Fingerprint {
    fn default() -> Self {
        Self::new()
    }
}

impl Fingerprint {
    pub fn new() -> Fingerprint {
        let mut f = Fingerprint {
            hasher: Xxh3::new(),
        };
        f.add("qisite fingerprint", b"1");
        f
    }

    /// Adds a named part. Names and values are length-prefixed, so no two different
    /// sequences of parts hash the same bytes.
    pub fn add(&mut self, name: &str, value: impl AsRef<[u8]>) {
        for bytes in [name.as_bytes(), value.as_ref()] {
            self.hasher.update(&(bytes.len() as u64).to_le_bytes());
            self.hasher.update(bytes);
        }
    }

    /// Adds the running executable: qisite's version and a hash of the program file, so
    /// a rebuilt qisite (a fix to a template or a chart) never trusts an older build.
    pub fn add_executable(&mut self) -> io::Result<()> {
        self.add("version", env!("CARGO_PKG_VERSION"));
        // Streamed: the program is tens of megabytes, and needs no holding whole.
        let mut file = std::fs::File::open(std::env::current_exe()?)?;
        let mut hasher = Xxh3::new();
        let mut buf = vec![0; 1 << 20];
        loop {
            match io::Read::read(&mut file, &mut buf)? {
                0 => break,
                n => hasher.update(&buf[..n]),
            }
        }
        self.add("executable", hasher.digest128().to_le_bytes());
        Ok(())
    }

    /// Adds every folder and file under `root` (following symbolic links, as the loader
    /// does), in sorted order, except the paths in `skip` and everything under them.
    /// Files are looked at in parallel. Fails when a file or folder changed at or after
    /// `since`, the time the build started: the build may then have read it before or
    /// after the change, so its fingerprint would not say what it read. That lets the
    /// fingerprint be taken while the build reads the portfolio.
    pub fn add_folder(
        &mut self,
        root: &Path,
        skip: &[PathBuf],
        since: SystemTime,
    ) -> io::Result<()> {
        let (entries, hashes) = crate::fs::with_io_threads(|| -> io::Result<_> {
            let entries = list(root, skip)?;
            let hashes: Vec<Option<Hash>> = entries
                .par_iter()
                .map(|(_, path, is_dir, _)| match is_dir {
                    false => file_hash(path, since).map(Some),
                    true => unchanged_since(path, since).map(|()| None),
                })
                .collect::<io::Result<_>>()?;
            Ok((entries, hashes))
        })?;
        for ((rel, _, _, _), hash) in entries.iter().zip(hashes) {
            match hash {
                Some(hash) => self.add(&format!("file {rel}"), hash.0.to_le_bytes()),
                None => self.add("folder", rel),
            }
        }
        Ok(())
    }

    pub fn finish(&self) -> Hash {
        Hash(self.hasher.digest128())
    }
}

/// One entry of a walk: its path relative to the portfolio folder, its path, whether
/// it is a folder, and its depth below the folder the walk started at.
type Entry = (String, PathBuf, bool, usize);

/// Every folder and file under `root` but `skip`, sorted by name, each folder followed
/// by what it holds. The walk is split at the second level (each project folder, say),
/// and the subtrees below it are walked in parallel: on a cold page cache, reading the
/// folders one at a time was most of the time.
fn list(root: &Path, skip: &[PathBuf]) -> io::Result<Vec<Entry>> {
    let top = walk_entries(root, root, skip, 2, 0)?;
    let below: Vec<Vec<Entry>> = top
        .par_iter()
        .map(|(_, path, is_dir, depth)| match *is_dir && *depth == 2 {
            true => walk_entries(root, path, skip, usize::MAX, 1),
            false => Ok(Vec::new()),
        })
        .collect::<io::Result<_>>()?;
    let mut entries = Vec::with_capacity(top.len() + below.iter().map(Vec::len).sum::<usize>());
    for (entry, below) in top.into_iter().zip(below) {
        entries.push(entry);
        entries.extend(below);
    }
    Ok(entries)
}

/// Every entry under `dir` from `min_depth` to `max_depth` (following symbolic links,
/// sorted by name, and leaving out the paths in `skip` and everything under them).
fn walk_entries(
    root: &Path,
    dir: &Path,
    skip: &[PathBuf],
    max_depth: usize,
    min_depth: usize,
) -> io::Result<Vec<Entry>> {
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .min_depth(min_depth)
        .max_depth(max_depth)
        .into_iter()
        .filter_entry(|e| !skip.iter().any(|s| s == e.path()))
        .map(|entry| {
            let entry = entry?;
            let rel = crate::error::display_path(root, entry.path());
            let is_dir = entry.file_type().is_dir();
            let depth = entry.depth();
            Ok((rel, entry.into_path(), is_dir, depth))
        })
        .collect()
}

/// Fails when the folder at `path` gained, lost or renamed an entry at or after `since`.
fn unchanged_since(path: &Path, since: SystemTime) -> io::Result<()> {
    check_times(path, &std::fs::metadata(path)?, since)
}

/// Fails when `meta` (of `path`) says it was modified or changed at or after `since`.
fn check_times(path: &Path, meta: &std::fs::Metadata, since: SystemTime) -> io::Result<()> {
    if meta.modified()? >= since || changed(meta).is_some_and(|t| t >= since) {
        return Err(io::Error::other(format!(
            "{} changed while the build was reading the portfolio",
            path.display()
        )));
    }
    Ok(())
}

/// When the file's inode last changed (its bytes, name or permissions), where known.
fn changed(meta: &std::fs::Metadata) -> Option<SystemTime> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let seconds = u64::try_from(meta.ctime()).ok()?;
        let nanos = u32::try_from(meta.ctime_nsec()).ok()?;
        Some(std::time::UNIX_EPOCH + std::time::Duration::new(seconds, nanos))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// A file's part of the fingerprint: its `stat` (see the module's notes). Fails when
/// it changed at or after `since`.
fn file_hash(path: &Path, since: SystemTime) -> io::Result<Hash> {
    let meta = std::fs::metadata(path)?;
    check_times(path, &meta, since)?;
    let mut stat = Fingerprint::new();
    stat.add("length", meta.len().to_le_bytes());
    stat.add("modified", format!("{:?}", meta.modified()?));
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        stat.add(
            "changed",
            [meta.ctime(), meta.ctime_nsec()]
                .map(i64::to_le_bytes)
                .concat(),
        );
        stat.add(
            "inode",
            [meta.ino(), meta.dev()].map(u64::to_le_bytes).concat(),
        );
    }
    Ok(stat.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_hash(root: &Path, skip: &[PathBuf]) -> Hash {
        let mut f = Fingerprint::new();
        let since = SystemTime::now() + std::time::Duration::from_secs(1);
        f.add_folder(root, skip, since).unwrap();
        f.finish()
    }

    #[test]
    fn every_path_and_byte_counts_and_skipped_folders_do_not() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/x.md"), "x").unwrap();
        let first = folder_hash(root, &[]);
        assert_eq!(folder_hash(root, &[]), first, "deterministic");

        // (A longer text: two writes of the same length within one tick of a coarse
        // file system clock could look the same; see the module's notes.)
        std::fs::write(root.join("a/b/x.md"), "yy").unwrap();
        let edited = folder_hash(root, &[]);
        assert_ne!(edited, first);

        // A file counts by its stat: its bytes are not read.
        let old = root.join("a/b/old.md");
        std::fs::write(&old, "old").unwrap();
        let later = SystemTime::now() + std::time::Duration::from_secs(1);
        let stat = file_hash(&old, later).unwrap();
        assert_eq!(file_hash(&old, later).unwrap(), stat, "deterministic");
        let started = SystemTime::now() - std::time::Duration::from_secs(1);
        assert!(
            file_hash(&old, started).is_err(),
            "changed after the build started"
        );
        assert!(
            Fingerprint::new().add_folder(root, &[], started).is_err(),
            "a folder with such a file"
        );
        std::fs::remove_file(&old).unwrap();

        std::fs::rename(root.join("a/b/x.md"), root.join("a/b/z.md")).unwrap();
        let renamed = folder_hash(root, &[]);
        assert_ne!(renamed, edited);

        std::fs::create_dir(root.join("a/empty")).unwrap();
        let with_folder = folder_hash(root, &[]);
        assert_ne!(with_folder, renamed, "an empty folder counts");

        std::fs::create_dir(root.join("public")).unwrap();
        std::fs::write(root.join("public/index.html"), "out").unwrap();
        assert_eq!(folder_hash(root, &[root.join("public")]), with_folder);
    }

    /// The walk split at the second level lists what one sorted walk lists, in the same
    /// order, skipped paths left out at any depth.
    #[test]
    fn the_split_walk_is_one_sorted_walk() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for dir in [
            "projects/b/pdsa",
            "projects/a/measures",
            "people",
            "z/y/x/w",
        ] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        for file in [
            "site.yaml",
            "projects/a/index.md",
            "projects/a/measures/m.csv",
            "projects/b/pdsa/01.md",
            "projects/b/skipped.md",
            "projects/c.md",
            "people/p.md",
            "z/y/x/w/deep.md",
        ] {
            std::fs::write(root.join(file), file).unwrap();
        }
        let skip = [root.join("projects/b/skipped.md"), root.join("z/y/x")];
        let split: Vec<String> = crate::fs::with_io_threads(|| list(root, &skip))
            .unwrap()
            .into_iter()
            .map(|e| e.0)
            .collect();
        let one: Vec<String> = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !skip.iter().any(|s| s == e.path()))
            .map(|e| crate::error::display_path(root, e.unwrap().path()))
            .collect();
        assert_eq!(split, one);
        assert!(one.iter().any(|p| p.ends_with("measures/m.csv")));
        assert!(!one
            .iter()
            .any(|p| p.contains("skipped") || p.contains("deep")));
    }

    #[test]
    fn parts_do_not_run_into_each_other() {
        let hash = |parts: &[(&str, &str)]| {
            let mut f = Fingerprint::new();
            for (name, value) in parts {
                f.add(name, value);
            }
            f.finish()
        };
        assert_ne!(hash(&[("ab", "c")]), hash(&[("a", "bc")]));
        assert_ne!(hash(&[("a", "b"), ("c", "")]), hash(&[("a", "bc")]));
    }
}
