//! A fingerprint of everything a build's output depends on: every file and folder under
//! the portfolio folder (path and bytes), the build's options, the date it runs on and
//! the qisite executable itself. Two builds with the same fingerprint write the same
//! site, so a build whose fingerprint matches the one recorded in the output folder's
//! manifest, into a folder still as that build left it, has nothing to do.
//!
//! The fingerprint is deliberately coarse: it hashes every file under the portfolio
//! folder, not only the ones the loader reads today, so that a new kind of input can
//! never be forgotten; an unrelated change costs one ordinary build. Anything it cannot
//! read makes it give up, and the build then runs in full. Depends on nothing of ours
//! but [`super::manifest::Hash`].

use std::io;
use std::path::{Path, PathBuf};

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
    /// Files are read and hashed in parallel.
    pub fn add_folder(&mut self, root: &Path, skip: &[PathBuf]) -> io::Result<()> {
        let mut entries: Vec<(String, Option<PathBuf>)> = Vec::new();
        let walk = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !skip.iter().any(|s| s == e.path()));
        for entry in walk {
            let entry = entry?;
            let rel = crate::error::display_path(root, entry.path());
            let file = (!entry.file_type().is_dir()).then(|| entry.into_path());
            entries.push((rel, file));
        }
        let hashes: Vec<Option<Hash>> = entries
            .par_iter()
            .map(|(_, file)| match file {
                Some(path) => std::fs::read(path).map(|bytes| Some(Hash::of(&bytes))),
                None => Ok(None),
            })
            .collect::<io::Result<_>>()?;
        for ((rel, _), hash) in entries.iter().zip(hashes) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_hash(root: &Path, skip: &[PathBuf]) -> Hash {
        let mut f = Fingerprint::new();
        f.add_folder(root, skip).unwrap();
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

        std::fs::write(root.join("a/b/x.md"), "y").unwrap();
        let edited = folder_hash(root, &[]);
        assert_ne!(edited, first);

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
