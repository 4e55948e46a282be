//! `cargo bench --bench similar`: the cost of similar projects and of the search index.
//!
//! 5,000 and 50,000 synthetic projects (issue 6: 5,000 projects must build in well
//! under a second for this, and 50,000 linearly). Each project has a title, aim,
//! summary, five change ideas and three tags, drawn from a vocabulary with a Zipf-like
//! spread (a few words in most projects, most words in few), so that posting lists are
//! as uneven as a real portfolio's. Timed: term vectors, most similar projects, and
//! the full-text search index files for the same documents. Prints one line per stage,
//! wall and CPU time (run with `RAYON_NUM_THREADS=1` for CPU time that other
//! processes on the machine do not inflate); no timing assertions anywhere.

use std::time::Instant;

use qisite::render::search::{self, Kind, SearchDoc};
use qisite::render::similar::{most_similar, term_vectors, Document, Options};

/// Common QI words, then made-up rarer ones (`topic0`, `topic1`, …).
const COMMON: &[&str] = &[
    "falls",
    "ward",
    "sepsis",
    "antibiotics",
    "discharge",
    "patients",
    "nurses",
    "checklist",
    "screening",
    "handover",
    "pressure",
    "ulcers",
    "insulin",
    "doses",
    "theatre",
    "stroke",
    "frailty",
    "reduce",
    "improve",
    "increase",
    "harm",
    "delays",
    "waiting",
    "clinic",
    "community",
    "medicines",
    "safety",
    "huddle",
    "audit",
    "referral",
    "outpatients",
    "admission",
    "assessment",
    "bundle",
    "escalation",
    "training",
    "staff",
    "wellbeing",
    "nutrition",
    "hydration",
    "infection",
    "catheter",
    "delirium",
    "dementia",
    "mobility",
    "pain",
    "prescribing",
    "pharmacy",
    "radiology",
    "endoscopy",
];
const RARE: usize = 20_000;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A word: common ones often, rare ones with a long tail (rank ∝ u³).
    fn word(&mut self) -> String {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        let rank = ((COMMON.len() + RARE) as f64 * u * u * u) as usize;
        match COMMON.get(rank) {
            Some(w) => (*w).to_owned(),
            None => format!("topic{}", rank - COMMON.len()),
        }
    }
}

/// A synthetic project's fields: title, aim, summary, change ideas, tags. Projects
/// come in topics (a few hundred, of uneven size) whose own words make up a third of
/// their text, so that some projects are alike, as in a real portfolio.
fn project(seed: u64) -> Vec<String> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let topic = rng.word();
    let text = |rng: &mut Rng, words: usize| {
        (0..words)
            .map(|_| match rng.next() % 3 {
                0 => format!("{topic}x{}", rng.next() % 8),
                _ => rng.word(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut fields = vec![text(&mut rng, 6), text(&mut rng, 20), text(&mut rng, 25)];
    fields.extend((0..5).map(|_| text(&mut rng, 6)));
    fields.extend((0..3).map(|_| rng.word()));
    fields
}

/// CPU seconds this process has used (Linux; 0 elsewhere). On a shared machine the
/// wall time depends on the other processes; with one thread, this does not.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime, fields 14 and 15 of the line (11 and 12 after the name).
    (ticks(11) + ticks(12)) / 100.0
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let out = f();
    println!(
        "{label:<44} {:>8.3} s wall {:>8.2} s CPU",
        start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
    out
}

fn run(n: usize) {
    let projects: Vec<Vec<String>> = (0..n as u64).map(project).collect();
    // Weights as `search::project_document` gives them: aim 3, title and tags 2.
    let docs: Vec<Document<'_>> = projects
        .iter()
        .map(|f| {
            f.iter()
                .enumerate()
                .map(|(i, t)| {
                    let weight = match i {
                        0 => 2,
                        1 => 3,
                        8.. => 2,
                        _ => 1,
                    };
                    (t.as_str(), weight)
                })
                .collect()
        })
        .collect();
    let options = Options::default();
    println!("{n} projects, {} threads", rayon::current_num_threads());
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let tv = time("  term vectors", || term_vectors(&docs, &options));
    let near = time("  most similar (5 per project)", || {
        most_similar(&tv, 5, &options)
    });
    println!(
        "{:<44} {:>8.3} s wall {:>8.2} s CPU",
        "  similar projects in all",
        start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
    let found = near.iter().filter(|l| !l.is_empty()).count();
    println!("  projects with a similar project: {found} of {n}");

    let search_docs: Vec<SearchDoc> = projects
        .iter()
        .enumerate()
        .map(|(i, f)| SearchDoc {
            kind: Kind::Project,
            title: f[0].clone(),
            path: format!("projects/p{i}/index.html"),
            context: String::new(),
            fields: f.iter().map(|t| (t.clone(), 1)).collect(),
            text: f[1..].join(" "),
        })
        .collect();
    let files = time("  search index files (same documents)", || {
        search::files(&search_docs, &tv)
    });
    let bytes: usize = files.iter().map(|(_, js)| js.len()).sum();
    println!(
        "  search index: {} files, {:.1} MiB",
        files.len(),
        bytes as f64 / 1024.0 / 1024.0
    );
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: keep that quick.
    // QISITE_BENCH_SIZES=5000 picks the sizes (comma-separated).
    let sizes: Vec<usize> = match std::env::var("QISITE_BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect(),
        Err(_) if std::env::args().any(|a| a == "--bench") => vec![5_000, 50_000],
        Err(_) => vec![200],
    };
    for n in sizes {
        run(n);
    }
}
