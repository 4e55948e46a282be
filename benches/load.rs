//! `cargo bench --bench load`: the cost of loading and validating a portfolio, the
//! first stage of every build.
//!
//! Loads a synthetic portfolio (examples/synth), or the portfolio folder named by
//! `QISITE_BENCH_PORTFOLIO` (e.g. one written by `cargo run --release --example synth --
//! --projects 5000 --seed 1 --out DIR`), several times with a warm page cache. Prints
//! the wall time and the CPU time of each load (CPU time says more than wall time on a
//! busy machine); no timing assertions anywhere.

mod common;

use std::path::PathBuf;
use std::time::Instant;

use common::{full_run, Synthetic};

/// User plus system CPU time of this process so far, in seconds (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields 14 and 15 (utime, stime), counted after the parenthesised command name.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let (projects, runs) = if full_run() { (1000, 5) } else { (4, 1) };
    let synthetic;
    let root: PathBuf = match std::env::var_os("QISITE_BENCH_PORTFOLIO") {
        Some(dir) => PathBuf::from(dir),
        None => {
            synthetic = Synthetic::new(projects);
            synthetic.portfolio.root.clone()
        }
    };
    // Once to warm the page cache.
    let loaded = qisite::content::load(&root);
    println!(
        "{}: {} projects, {} diagnostics",
        root.display(),
        loaded.portfolio.projects.len(),
        loaded.diagnostics.len()
    );
    for run in 1..=runs {
        let (start, cpu) = (Instant::now(), cpu_seconds());
        let loaded = qisite::content::load(&root);
        let (wall, cpu) = (start.elapsed().as_secs_f64(), cpu_seconds() - cpu);
        std::hint::black_box(loaded);
        println!("load {run}: {wall:>7.3} s wall {cpu:>7.2} s CPU");
    }
}
