//! `cargo run --release --example synth -- --projects N --seed S --out DIR [--plain-markdown]`
//!
//! Writes a synthetic QI portfolio of N projects (with programmes, people, stories and
//! showcases in proportion) that passes `qisite check`, for tests and benchmarks. With
//! `--plain-markdown` it also writes the same words as a plain Hugo site in `DIR-hugo`.
//! See README, "Synthetic portfolios".

mod generator;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

/// Generate a synthetic QI portfolio that passes `qisite check`.
#[derive(Parser)]
#[command(name = "synth")]
struct Args {
    /// Number of projects.
    #[arg(long, default_value_t = 100)]
    projects: usize,
    /// Seed: the same seed and number of projects give byte-identical files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder: new, empty, or an earlier output of this generator (replaced).
    #[arg(long)]
    out: PathBuf,
    /// Also write the same words as a plain Hugo site in the sibling folder `<out>-hugo`.
    #[arg(long)]
    plain_markdown: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    let opts = generator::Options {
        projects: args.projects,
        seed: args.seed,
        out: args.out.clone(),
        plain_markdown: args.plain_markdown,
    };
    match generator::generate(&opts) {
        Ok(s) => {
            let secs = started.elapsed().as_secs_f64();
            eprintln!("wrote `{}` in {secs:.2} s: {s}", args.out.display());
            if let Some((dir, files, bytes)) = &s.hugo {
                eprintln!(
                    "wrote the Hugo twin: {files} files, {:.1} MB in {}",
                    *bytes as f64 / 1e6,
                    dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
