//! Stage timings for profiling a build: with `QISITE_TIMINGS=1` in the environment,
//! each [`mark`] prints the time since the previous mark to stderr, with the process's
//! resident memory then and at its peak so far (Linux only). Silent otherwise, so it
//! never changes a build's output.

use std::sync::Mutex;
use std::time::Instant;

static LAST: Mutex<Option<Instant>> = Mutex::new(None);

/// Whether timings are on (`QISITE_TIMINGS` set to anything but `0`).
pub fn enabled() -> bool {
    std::env::var_os("QISITE_TIMINGS").is_some_and(|v| v != "0")
}

/// Prints how long the stage that just ended (`name`) took, when timings are on.
pub fn mark(name: &str) {
    if !enabled() {
        return;
    }
    let now = Instant::now();
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(then) = *last {
        eprintln!(
            "timing: {name}: {} ms{}",
            (now - then).as_millis(),
            memory()
        );
    }
    *last = Some(now);
}

/// `, RSS … MiB (peak … MiB)` from `/proc/self/status`, or nothing where it cannot be read.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let kib = |key: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(key))?;
        line[key.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    };
    match (kib("VmRSS:"), kib("VmHWM:")) {
        (Some(rss), Some(peak)) => format!(", RSS {} MiB (peak {} MiB)", rss / 1024, peak / 1024),
        _ => String::new(),
    }
}
