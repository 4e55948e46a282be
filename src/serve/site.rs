//! The served site: the last good render of the portfolio, the errors of the latest
//! build (shown as an overlay on every page), and a version number that browsers wait
//! on to reload.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

use crate::output::OutputSet;

/// One published state of the site.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Bumped by every rebuild, good or bad.
    pub version: u64,
    /// The last site that built without errors (empty until one does).
    pub output: OutputSet,
    /// Chart PNGs, drawn on request: PNG path → the SVG path it is drawn from.
    pub png_sources: HashMap<String, String>,
    /// The latest build's errors, as printed by `qisite check`; empty when it built.
    pub errors: Vec<String>,
}

/// The state shared by the server's threads and the watcher.
#[derive(Debug, Default)]
pub struct Live {
    current: RwLock<Arc<Snapshot>>,
    version: Mutex<u64>,
    changed: Condvar,
    /// PNGs drawn so far, for the current version only.
    pngs: Mutex<PngCache>,
}

/// Drawn PNGs by path, for one version of the site.
type PngCache = (u64, HashMap<String, Arc<Vec<u8>>>);

/// What one build of the portfolio gave.
pub enum Outcome {
    Built(OutputSet, HashMap<String, String>),
    Failed(Vec<String>),
}

/// Loads, validates and renders the portfolio at `dir`, in memory. Never writes.
pub fn build(dir: &Path) -> Outcome {
    Builder::new(dir.to_path_buf()).build()
}

/// Builds the portfolio at `dir` again and again, as it changes: it keeps each project
/// folder as it last read it, and re-reads only those it is told have changed, so a
/// rebuild after one edit reads one project folder instead of all of them. What it
/// builds is the same as a clean [`build`] of the same files.
#[derive(Debug)]
pub struct Builder {
    dir: PathBuf,
    projects: crate::content::ProjectCache,
}

impl Builder {
    pub fn new(dir: PathBuf) -> Builder {
        Builder {
            dir,
            projects: Default::default(),
        }
    }

    /// Notes that something at `path` was created, changed, deleted or renamed.
    pub fn changed(&mut self, path: &Path) {
        self.projects.changed(&self.dir, path);
    }

    /// Forgets what it has read: the next build reads everything.
    pub fn forget(&mut self) {
        self.projects.clear();
    }

    /// How many project folders the last build read from disk.
    pub fn projects_read(&self) -> usize {
        self.projects.last_read
    }

    /// Loads (re-reading only what changed), validates and renders the portfolio, in
    /// memory. Never writes.
    pub fn build(&mut self) -> Outcome {
        let loaded = crate::content::load_cached(&self.dir, &mut self.projects);
        render(loaded)
    }
}

fn render(mut loaded: crate::content::Loaded) -> Outcome {
    // PNGs are drawn only when a browser asks for one, so every chart can offer one.
    loaded.portfolio.config.charts.png = crate::config::PngExport::Always;
    let mut diagnostics = loaded.diagnostics.clone();
    let mut rendered = None;
    if loaded.error_count() == 0 {
        let options = crate::commands::render_options(&loaded, None);
        match crate::render::render(&loaded.portfolio, &options) {
            Ok(r) => {
                diagnostics.extend(r.diagnostics.iter().cloned());
                rendered = Some(r);
            }
            Err(e) => return Outcome::Failed(vec![e.to_string()]),
        }
    }
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    match rendered {
        Some(r) if errors.is_empty() => {
            let pngs = r.png_jobs.into_iter().collect();
            Outcome::Built(r.output, pngs)
        }
        _ => Outcome::Failed(errors),
    }
}

impl Live {
    /// The site as it is now.
    pub fn current(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Publishes a build: a good one replaces the site and clears the errors; a failed
    /// one keeps the last good site and shows its errors. Wakes every waiting browser.
    pub fn publish(&self, outcome: Outcome) -> u64 {
        let mut version = self.version.lock().unwrap_or_else(|e| e.into_inner());
        *version += 1;
        let previous = self.current();
        let snapshot = match outcome {
            Outcome::Built(output, png_sources) => Snapshot {
                version: *version,
                output,
                png_sources,
                errors: Vec::new(),
            },
            Outcome::Failed(errors) => Snapshot {
                version: *version,
                output: previous.output.clone(),
                png_sources: previous.png_sources.clone(),
                errors,
            },
        };
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
        self.changed.notify_all();
        *version
    }

    /// Waits until the version differs from `since`, or `timeout` passes; returns the
    /// version then.
    pub fn wait_for_change(&self, since: u64, timeout: Duration) -> u64 {
        let version = self.version.lock().unwrap_or_else(|e| e.into_inner());
        let (version, _) = self
            .changed
            .wait_timeout_while(version, timeout, |v| *v == since)
            .unwrap_or_else(|e| e.into_inner());
        *version
    }

    /// The PNG at `path` of snapshot `snap`, drawn from its SVG on first request.
    pub fn png(&self, snap: &Snapshot, path: &str) -> Option<Arc<Vec<u8>>> {
        let svg_path = snap.png_sources.get(path)?;
        {
            let cache = self.pngs.lock().unwrap_or_else(|e| e.into_inner());
            if cache.0 == snap.version {
                if let Some(png) = cache.1.get(path) {
                    return Some(png.clone());
                }
            }
        }
        let svg = std::str::from_utf8(snap.output.bytes(svg_path)?).ok()?;
        let png = Arc::new(crate::render::png::svg_to_png(svg, 2.0).ok()?);
        let mut cache = self.pngs.lock().unwrap_or_else(|e| e.into_inner());
        if cache.0 != snap.version {
            *cache = (snap.version, HashMap::new());
        }
        cache.1.insert(path.to_owned(), png.clone());
        Some(png)
    }
}
