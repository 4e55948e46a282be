//! The synthetic portfolio generator: a valid qisite portfolio of any size, with the
//! shape of content-example, for tests and benchmarks (issue 6). See README, "Synthetic
//! portfolios".
//!
//! Deterministic: the same number of projects and seed give byte-identical files. Every
//! project, person, programme, story and showcase draws from its own stream of a
//! hand-written SplitMix64 generator (`rng.rs`), so output never changes with a crate
//! version or with the order rayon runs the work in.
//!
//! Used by `examples/synth/main.rs` and, through `#[path]`, by the integration test
//! `tests/integration/synth.rs`. Depends on nothing of qisite's: it writes text files
//! that qisite must accept like any user's.

mod extras;
mod hugo;
mod plan;
mod project;
mod rng;
mod series;
mod text;
mod topics;
mod words;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// Independent random streams, one per kind of item.
const STREAM_PLAN: u64 = 1;
const STREAM_PROJECT: u64 = 2;
const STREAM_PERSON: u64 = 3;
const STREAM_PROGRAMME: u64 = 4;
const STREAM_STORY: u64 = 5;
const STREAM_SHOWCASE: u64 = 6;
const STREAM_REGION: u64 = 7;
const STREAM_RELATED: u64 = 8;
const STREAM_BIO: u64 = 9;

/// What to generate, and where.
#[derive(Clone, Debug)]
pub struct Options {
    pub projects: usize,
    pub seed: u64,
    pub out: PathBuf,
    /// Also write the plain-Markdown Hugo twin beside `out` (see [`hugo_dir`]).
    pub plain_markdown: bool,
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub projects: usize,
    pub pdsa_cycles: usize,
    pub measures: usize,
    pub people: usize,
    pub programmes: usize,
    pub stories: usize,
    pub showcases: usize,
    pub files: usize,
    pub bytes: u64,
    /// Words in all the project write-ups.
    pub write_up_words: usize,
    /// The Hugo twin's folder, files and bytes, with `--plain-markdown`.
    pub hugo: Option<(PathBuf, usize, u64)>,
}

impl std::fmt::Display for Summary {
    /// One line: what was written, e.g. "60 projects (300 PDSA cycles, 120 measures), …".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} projects ({} PDSA cycles, {} measures), {} programmes, {} people, {} stories, {} showcases: {} files, {:.1} MB; write-ups average {} words",
            self.projects,
            self.pdsa_cycles,
            self.measures,
            self.programmes,
            self.people,
            self.stories,
            self.showcases,
            self.files,
            self.bytes as f64 / 1e6,
            self.write_up_words / self.projects.max(1)
        )
    }
}

/// A file to write: its path relative to the output folder, and its text.
pub struct File {
    pub path: String,
    pub text: String,
}

impl File {
    fn new(path: impl Into<String>, text: impl Into<String>) -> File {
        File {
            path: path.into(),
            text: text.into(),
        }
    }
}

/// The Hugo twin of the portfolio at `out`: the sibling folder `<out>-hugo`.
pub fn hugo_dir(out: &Path) -> Result<PathBuf, String> {
    let abs = std::path::absolute(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let name = abs
        .file_name()
        .ok_or_else(|| format!("`{}` does not name a folder", out.display()))?;
    Ok(abs.with_file_name(format!("{}-hugo", name.to_string_lossy())))
}

/// Generates the portfolio (and, with `plain_markdown`, its Hugo twin).
///
/// The output folder must not exist, be empty, or hold an earlier output of this
/// generator (which is replaced); anything else is refused, so a mistyped `--out` can
/// never delete someone's work.
pub fn generate(opts: &Options) -> Result<Summary, String> {
    if opts.projects == 0 {
        return Err("`--projects` must be at least 1".to_owned());
    }
    let out = opts.out.as_path();
    prepare(out, "site.yaml", extras::MARKER)?;
    let twin = if opts.plain_markdown {
        let dir = hugo_dir(out)?;
        prepare(&dir, "hugo.toml", hugo::MARKER)?;
        Some(dir)
    } else {
        None
    };

    let n = opts.projects;
    let seed = opts.seed;
    let plan = plan::plan(n, seed);

    let projects = plan
        .projects
        .par_iter()
        .map(|p| {
            let pf = project::build(&plan, p, seed);
            let mut t = Tally {
                files: pf.files.len(),
                bytes: bytes(&pf.files),
                words: pf.words,
                ..Tally::default()
            };
            write_files(out, &pf.files)?;
            if let Some(dir) = &twin {
                write_files(dir, &pf.hugo)?;
                t.hugo_files = pf.hugo.len();
                t.hugo_bytes = bytes(&pf.hugo);
            }
            Ok::<Tally, String>(t)
        })
        .try_reduce(Tally::default, |a, b| Ok(a.add(&b)))?;

    let people: Vec<File> = plan
        .people
        .par_iter()
        .enumerate()
        .map(|(j, person)| {
            let mut rng = rng::Rng::derive(seed, STREAM_BIO, j as u64);
            extras::person(person, &mut rng)
        })
        .collect();
    let programmes: Vec<File> = (0..plan.programmes.len())
        .into_par_iter()
        .map(|k| extras::programme(&plan, k))
        .collect();
    let stories = extras::stories(&plan, seed);
    let showcases = extras::showcases(&plan, seed);
    let mut rest = vec![extras::site(n, seed)];
    rest.extend(extras::pages());
    let groups = [&people, &programmes, &stories, &showcases, &rest];
    groups
        .par_iter()
        .flat_map(|g| g.par_iter())
        .try_for_each(|f| write_files(out, std::slice::from_ref(f)))?;
    let mut hugo = None;
    if let Some(dir) = twin {
        let site = hugo::site(n);
        write_files(&dir, &site)?;
        hugo = Some((
            dir,
            projects.hugo_files + site.len(),
            projects.hugo_bytes + bytes(&site),
        ));
    }

    Ok(Summary {
        projects: n,
        pdsa_cycles: n * project::CYCLES,
        measures: n * 2,
        people: people.len(),
        programmes: programmes.len(),
        stories: stories.len(),
        showcases: showcases.len(),
        files: projects.files + groups.iter().map(|g| g.len()).sum::<usize>(),
        bytes: projects.bytes + groups.iter().map(|g| bytes(g)).sum::<u64>(),
        write_up_words: projects.words,
        hugo,
    })
}

#[derive(Default)]
struct Tally {
    files: usize,
    bytes: u64,
    words: usize,
    hugo_files: usize,
    hugo_bytes: u64,
}

impl Tally {
    fn add(&self, o: &Tally) -> Tally {
        Tally {
            files: self.files + o.files,
            bytes: self.bytes + o.bytes,
            words: self.words + o.words,
            hugo_files: self.hugo_files + o.hugo_files,
            hugo_bytes: self.hugo_bytes + o.hugo_bytes,
        }
    }
}

fn bytes(files: &[File]) -> u64 {
    files.iter().map(|f| f.text.len() as u64).sum()
}

/// Makes `dir` ready to write into: creates it, accepts it empty, or empties it when
/// `marker_file` in it starts with `marker` (an earlier output of this generator).
fn prepare(dir: &Path, marker_file: &str, marker: &str) -> Result<(), String> {
    let shown = dir.display();
    if !dir.exists() {
        return std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{shown}`: {e}"));
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read `{shown}`: {e}"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if entries.is_empty() {
        return Ok(());
    }
    let ours = std::fs::read_to_string(dir.join(marker_file))
        .is_ok_and(|t| t.lines().next() == Some(marker));
    if !ours {
        return Err(format!(
            "refusing to write into `{shown}`: it is not empty and was not made by this generator; choose a new folder"
        ));
    }
    // Remove the big folders' children in parallel: deleting hundreds of thousands of
    // files is slow on one thread.
    let mut children = Vec::new();
    for e in &entries {
        if e.is_dir() {
            if let Ok(rd) = std::fs::read_dir(e) {
                children.extend(rd.flatten().map(|c| c.path()));
            }
        }
    }
    children.par_iter().try_for_each(|c| remove(c))?;
    entries.sort();
    entries.iter().try_for_each(|e| remove(e))
}

fn remove(path: &Path) -> Result<(), String> {
    let r = if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
    r.map_err(|e| format!("cannot remove `{}`: {e}", path.display()))
}

/// Writes `files` under `root`, creating their folders.
fn write_files(root: &Path, files: &[File]) -> Result<(), String> {
    let mut made: Vec<&str> = Vec::new();
    for f in files {
        if let Some((parent, _)) = f.path.rsplit_once('/') {
            if !made.contains(&parent) {
                let dir = root.join(parent);
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
                made.push(parent);
            }
        }
        let path = root.join(&f.path);
        std::fs::write(&path, &f.text)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}
