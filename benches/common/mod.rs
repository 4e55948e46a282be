//! Shared by the `cargo bench` targets: timing one stage, the bench's size, and a
//! synthetic portfolio made by the synth example's generator (compiled in from its
//! source, as `tests/integration/synth.rs` does) and loaded by qisite.
//!
//! Not a bench itself: Cargo only discovers `benches/*.rs` and `benches/*/main.rs`.

#![allow(dead_code)] // Each bench uses its own part of this module.

// The generator's unit tests come along without a test harness to run them.
#[path = "../../examples/synth/generator/mod.rs"]
#[allow(unused_imports)]
mod generator;

use std::time::Instant;

use qisite::content::model::Portfolio;

/// True under `cargo bench` (which passes `--bench`); false under `cargo test --benches`,
/// which only checks that the bench runs, so the bench then does a small amount of work.
pub fn full_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Runs `f`, prints its time and the rate of `n` `unit`s per second, and returns its result.
pub fn time<T>(label: &str, n: usize, unit: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{label:<48} {secs:>8.3} s  {:>10.0} {unit}/s",
        n as f64 / secs
    );
    out
}

/// A synthetic portfolio of `projects` projects (seed 1), written to a temporary folder
/// and loaded; the folder lives as long as this value.
pub struct Synthetic {
    pub portfolio: Portfolio,
    _dir: tempfile::TempDir,
}

impl Synthetic {
    pub fn new(projects: usize) -> Synthetic {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let out = dir.path().join("portfolio");
        generator::generate(&generator::Options {
            projects,
            seed: 1,
            out: out.clone(),
            plain_markdown: false,
        })
        .expect("the synthetic portfolio is written");
        let loaded = qisite::content::load(&out);
        if let Some(error) = loaded.diagnostics.iter().find(|d| d.is_error()) {
            panic!("the synthetic portfolio does not load: {error}");
        }
        Synthetic {
            portfolio: loaded.portfolio,
            _dir: dir,
        }
    }
}
