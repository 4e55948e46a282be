//! The build manifest, `.qisite-manifest` in the output folder: for every file of the
//! site its path, length, modification time (as written) and a hash of its bytes, and a
//! [`BuildRecord`] of what the build was made from. It lets a rebuild tell that a file
//! is unchanged from one `stat` instead of reading it, and tell that the whole folder is
//! exactly as the last build left it without reading anything.
//!
//! A file whose length and modification time still match its entry is taken to hold the
//! bytes the entry's hash describes, as make and rsync assume; any other file (edited by
//! hand, touched, replaced) is read again. The manifest is removed before a rebuild
//! changes the folder and written after, so it never describes a half-updated folder.
//!
//! One JSON value a line: a header, then one `[path, length, mtime, hash]` per file,
//! sorted by path, so the same folder always gives the same manifest. Depends on nothing
//! of ours but [`crate::error`].

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The name of the manifest in the output folder.
pub const MANIFEST: &str = ".qisite-manifest";

/// The manifest format; a manifest of another format is ignored (files are then read).
const FORMAT: u32 = 1;

/// A 128-bit hash of some bytes (XXH3-128): not cryptographic, which is fine here, since
/// it guards against accidents (a stale file), not against someone forging content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Hash(pub u128);

impl Hash {
    pub fn of(bytes: &[u8]) -> Hash {
        Hash(xxhash_rust::xxh3::xxh3_128(bytes))
    }
}

impl std::fmt::Display for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl Serialize for Hash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hash {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Hash, D::Error> {
        let text = String::deserialize(d)?;
        u128::from_str_radix(&text, 16)
            .map(Hash)
            .map_err(serde::de::Error::custom)
    }
}

/// What one file of the output folder was when the build wrote (or kept) it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub len: u64,
    /// Nanoseconds since the Unix epoch; `None` when the file system gives no usable
    /// time, and then the entry never vouches for the file.
    pub mtime: Option<u64>,
    pub hash: Hash,
}

impl Entry {
    /// The entry for a file with metadata `meta` and bytes hashing to `hash`.
    pub fn new(meta: &fs::Metadata, hash: Hash) -> Entry {
        Entry {
            len: meta.len(),
            mtime: mtime(meta),
            hash,
        }
    }

    /// Whether a file with metadata `meta` (from `symlink_metadata`) is, by `stat`, the
    /// file this entry describes.
    pub fn matches(&self, meta: &fs::Metadata) -> bool {
        meta.is_file()
            && meta.len() == self.len
            && self.mtime.is_some()
            && mtime(meta) == self.mtime
    }
}

fn mtime(meta: &fs::Metadata) -> Option<u64> {
    let since = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    u64::try_from(since.as_nanos()).ok()
}

/// What a successful build was made from and what it reported, so that a rebuild of the
/// same inputs can skip the work and still say the same.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildRecord {
    /// The hash of everything the output depends on (see [`super::fingerprint`]).
    pub fingerprint: Hash,
    pub pages: usize,
    pub charts: usize,
    pub warnings: usize,
    /// A note the build printed after its summary line, if any.
    pub note: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: u32,
    build: Option<BuildRecord>,
}

/// The manifest of an output folder: every file of the site, and the last build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    pub build: Option<BuildRecord>,
    pub files: BTreeMap<String, Entry>,
}

impl Manifest {
    /// The manifest in the output folder `out`; an empty one when there is none or it
    /// cannot be read (files are then compared by reading them, as before manifests).
    pub fn read(out: &Path) -> Manifest {
        fs::read(out.join(MANIFEST))
            .ok()
            .and_then(|bytes| Manifest::parse(&bytes))
            .unwrap_or_default()
    }

    fn parse(bytes: &[u8]) -> Option<Manifest> {
        let text = std::str::from_utf8(bytes).ok()?;
        let mut lines = text.lines();
        let header: Header = serde_json::from_str(lines.next()?).ok()?;
        if header.format != FORMAT {
            return None;
        }
        let mut files = BTreeMap::new();
        for line in lines {
            let (path, len, mtime, hash): (String, u64, Option<u64>, Hash) =
                serde_json::from_str(line).ok()?;
            files.insert(path, Entry { len, mtime, hash });
        }
        Some(Manifest {
            build: header.build,
            files,
        })
    }

    /// The manifest as bytes: deterministic for the same files and build.
    pub fn to_bytes(&self) -> Vec<u8> {
        let header = Header {
            format: FORMAT,
            build: self.build.clone(),
        };
        let mut out = Vec::with_capacity(64 * (self.files.len() + 1));
        // Serialising plain strings and numbers into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, &header);
        out.push(b'\n');
        for (path, e) in &self.files {
            let _ = serde_json::to_writer(&mut out, &(path, e.len, e.mtime, e.hash));
            out.push(b'\n');
        }
        out
    }

    /// Writes the manifest to `path` through `temp` (a path on the same file system),
    /// so that a reader never sees half a manifest.
    pub fn write(&self, path: &Path, temp: &Path) -> Result<()> {
        let write_err = |source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        let mut file = fs::File::create(temp).map_err(write_err)?;
        file.write_all(&self.to_bytes()).map_err(write_err)?;
        drop(file);
        fs::rename(temp, path).map_err(write_err)
    }

    /// The last build's record, when the output folder `out` is still exactly as that
    /// build left it by `stat` alone: the same files, none added or removed, each with
    /// its recorded length and modification time.
    pub fn untouched(&self, out: &Path) -> Option<&BuildRecord> {
        let build = self.build.as_ref()?;
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(out).min_depth(1) {
            let entry = entry.ok()?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = crate::error::display_path(out, entry.path());
            if rel == super::MARKER || rel == MANIFEST {
                continue;
            }
            let meta = entry.metadata().ok()?;
            if !self.files.get(&rel)?.matches(&meta) {
                return None;
            }
            seen += 1;
        }
        (seen == self.files.len()).then_some(build)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_is_sorted() {
        let mut m = Manifest {
            build: Some(BuildRecord {
                fingerprint: Hash::of(b"inputs"),
                pages: 2,
                charts: 1,
                warnings: 0,
                note: Some("a \"note\"\n".to_owned()),
            }),
            files: BTreeMap::new(),
        };
        for (path, mtime) in [("z.html", Some(5)), ("a b\n.txt", None)] {
            m.files.insert(
                path.to_owned(),
                Entry {
                    len: 3,
                    mtime,
                    hash: Hash::of(path.as_bytes()),
                },
            );
        }
        let bytes = m.to_bytes();
        assert_eq!(Manifest::parse(&bytes), Some(m.clone()));
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text.lines().count(), 3);
        assert!(text
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("[\"a b\\n.txt\",3,null,"));
    }

    #[test]
    fn a_damaged_or_foreign_manifest_is_ignored() {
        for text in [
            "",
            "not json\n",
            "{\"format\":99,\"build\":null}\n",
            "{\"format\":1,\"build\":null}\n[1,2]\n",
        ] {
            assert_eq!(Manifest::parse(text.as_bytes()), None, "{text:?}");
        }
    }
}
