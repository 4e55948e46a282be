//! The rendered site in memory ([`OutputSet`]) and writing it to disk atomically.
//!
//! A build renders everything into an `OutputSet` first. Only then is it written to a
//! fresh sibling folder, which is swapped in for the old output, so a failed build never
//! touches the previous site. An output folder is only ever replaced when it carries
//! our marker file, so qisite never deletes a folder it did not create.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

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

/// Writes `set` to `out`: into a fresh sibling folder first, then swapped in.
/// The caller must have called [`check_output_dir`].
pub fn write(set: &OutputSet, out: &Path) -> Result<()> {
    let out = absolute(out);
    let parent = out
        .parent()
        .ok_or_else(|| Error::Refused(format!("`{}` has no parent folder", out.display())))?;
    fs::create_dir_all(parent).map_err(|source| Error::Write {
        path: parent.to_path_buf(),
        source,
    })?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_owned());
    let staging = parent.join(format!(".{name}.qisite-new"));
    let old = parent.join(format!(".{name}.qisite-old"));
    for leftover in [&staging, &old] {
        if leftover.exists() {
            fs::remove_dir_all(leftover).map_err(|source| Error::Write {
                path: leftover.clone(),
                source,
            })?;
        }
    }
    if let Err(e) = write_tree(set, &staging) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if out.exists() {
        fs::rename(&out, &old).map_err(|source| Error::Write {
            path: out.clone(),
            source,
        })?;
    }
    fs::rename(&staging, &out).map_err(|source| Error::Write {
        path: out.clone(),
        source,
    })?;
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|source| Error::Write { path: old, source })?;
    }
    Ok(())
}

fn write_tree(set: &OutputSet, dir: &Path) -> Result<()> {
    let mk = |p: &Path| {
        fs::create_dir_all(p).map_err(|source| Error::Write {
            path: p.to_path_buf(),
            source,
        })
    };
    mk(dir)?;
    fs::write(
        dir.join(MARKER),
        b"This folder is generated by qisite build.\n",
    )
    .map_err(|source| Error::Write {
        path: dir.join(MARKER),
        source,
    })?;
    for (rel, file) in &set.files {
        let target = dir.join(rel);
        if let Some(p) = target.parent() {
            mk(p)?;
        }
        match file {
            OutputFile::Bytes(bytes) => fs::write(&target, bytes),
            OutputFile::Copy(from) => fs::copy(from, &target).map(|_| ()),
        }
        .map_err(|source| Error::Write {
            path: target.clone(),
            source,
        })?;
    }
    Ok(())
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
