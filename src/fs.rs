//! File helpers that put the path into every error: reading a content file as UTF-8
//! text, with an empty file or invalid bytes reported as located diagnostics. Also the
//! thread pool that reads many files at once.

use std::path::Path;

use crate::error::{display_path, line_col, Diagnostic, Severity, SourceFile};

/// Runs `f`, which reads or looks at many small files in parallel (rayon), on a pool of
/// more threads than there are cores. When the files are not in the page cache, each
/// thread spends most of its time waiting for the disk, and the disk serves many reads
/// at once: on 2 cores, 2 threads loaded a cold N = 5,000 portfolio's projects in
/// 4.4 s, this pool in 1.8 s. When the files are cached the extra threads cost next to
/// nothing (0.5 s either way). Falls back to the global pool should this one not start.
pub fn with_io_threads<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    let pool = POOL.get_or_init(|| {
        let threads = (rayon::current_num_threads() * 4).clamp(8, 32);
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("qisite-read-{i}"))
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// Reads a content file as text. An unreadable, empty or non-UTF-8 file is a diagnostic.
pub fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let rel = display_path(root, path);
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::file(Severity::Error, &rel, format!("cannot read this file: {e}"))
            .with_hint("check that the file exists and that you may read it")
    })?;
    source_from_bytes(rel, bytes)
}

/// Checks bytes for UTF-8 and emptiness (pure; see [`read_source`]).
pub fn source_from_bytes(rel: String, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let (line, col) = line_col(&prefix, prefix.len());
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            let src = SourceFile::new(rel, lossy);
            return Err(src
                .error(line, col, "this file is not UTF-8 text")
                .with_hint(
                    "save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8); \
                     the first bad byte is marked",
                ));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::file(Severity::Error, rel, "this file is empty")
            .with_hint("add its content, or delete the file if it is not needed"));
    }
    Ok(SourceFile::new(rel, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_first_invalid_byte() {
        let d = source_from_bytes("a.md".into(), b"---\ntitle: caf\xe9\n".to_vec()).unwrap_err();
        assert_eq!((d.line, d.col), (2, 11));
        assert!(d.message.contains("not UTF-8"));
    }

    #[test]
    fn reports_empty_files() {
        let d = source_from_bytes("a.md".into(), b" \n\n".to_vec()).unwrap_err();
        assert_eq!(d.message, "this file is empty");
    }
}
