//! Stage timings for profiling a build: with `QISITE_TIMINGS=1` in the environment,
//! each [`mark`] prints the time since the previous mark to stderr, with the process's
//! resident memory then and at its peak so far (Linux only). Silent otherwise, so it
//! never changes a build's output.

use std::sync::Mutex;
use std::time::Instant;

/// When the last mark was made, and the process's CPU times then (user, system).
type Mark = (Instant, Option<(u64, u64)>);

static LAST: Mutex<Option<Mark>> = Mutex::new(None);

/// Whether timings are on (`QISITE_TIMINGS` set to anything but `0`).
pub fn enabled() -> bool {
    std::env::var_os("QISITE_TIMINGS").is_some_and(|v| v != "0")
}

/// Prints how long the stage that just ended (`name`) took, when timings are on.
pub fn mark(name: &str) {
    if !enabled() {
        return;
    }
    let now = (Instant::now(), cpu_ticks());
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((then, then_cpu)) = *last {
        let cpu = match (then_cpu, now.1) {
            (Some((u0, s0)), Some((u1, s1))) => format!(
                ", CPU {} ms user + {} ms system",
                (u1 - u0) * 10,
                (s1 - s0) * 10
            ),
            _ => String::new(),
        };
        eprintln!(
            "timing: {name}: {} ms{cpu}{}",
            (now.0 - then).as_millis(),
            memory()
        );
    }
    *last = Some(now);
}

/// The process's user and system CPU time so far, in clock ticks (1/100 s on Linux),
/// from `/proc/self/stat`.
fn cpu_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces: the fields that follow it start after the `)`.
    let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace();
    let user = fields.nth(11)?.parse().ok()?;
    let system = fields.next()?.parse().ok()?;
    Some((user, system))
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
