//! Watches the portfolio folder with notify and rebuilds the site when something in it
//! changes: created, changed, deleted or renamed files and folders alike. Events are
//! debounced: a rebuild starts once the folder has been quiet for [`QUIET`] (editors
//! write a file in several steps), or after [`MAX_WAIT`] of continuous changes.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::site::{self, Live, Outcome};

/// How long the folder must be quiet before a rebuild.
pub const QUIET: Duration = Duration::from_millis(30);
/// The longest a rebuild waits while changes keep coming.
pub const MAX_WAIT: Duration = Duration::from_millis(500);

/// Whether a change to `path` can change the site: everything under `dir` except
/// hidden files and folders (`.git`, editors' swap files), editors' backup files and
/// the `public/` folder `qisite build` writes.
pub fn matters(dir: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(dir) else {
        return false;
    };
    let mut components = rel.components().peekable();
    if components.peek().is_some_and(|c| c.as_os_str() == "public") {
        return false;
    }
    rel.components().all(|c| {
        let name = c.as_os_str().to_string_lossy();
        !name.starts_with('.') && !name.ends_with('~') && !name.ends_with(".swp")
    })
}

/// A watch on the portfolio folder, registered when made, so that no change made after
/// [`Watching::start`] returns is missed, even before [`Watching::run`] begins.
pub struct Watching {
    dir: PathBuf,
    _watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
}

impl Watching {
    pub fn start(dir: PathBuf) -> notify::Result<Watching> {
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        watcher.watch(&dir, RecursiveMode::Recursive)?;
        Ok(Watching {
            dir,
            _watcher: watcher,
            events,
        })
    }

    /// Rebuilds after each burst of changes and publishes the result, until the process
    /// ends. `builder` built the site first and is told of every change, so that it
    /// re-reads only what changed. `on_build` is told how each rebuild went (for the
    /// terminal).
    pub fn run(
        self,
        mut builder: site::Builder,
        live: Arc<Live>,
        on_build: impl Fn(&Outcome, Duration),
    ) {
        while let Ok(event) = self.events.recv() {
            if !note(&self.dir, &mut builder, event) {
                continue;
            }
            let first = Instant::now();
            loop {
                let left = MAX_WAIT.saturating_sub(first.elapsed());
                match self.events.recv_timeout(QUIET.min(left)) {
                    Ok(event) if !left.is_zero() => {
                        note(&self.dir, &mut builder, event);
                    }
                    Ok(event) => {
                        note(&self.dir, &mut builder, event);
                        break;
                    }
                    Err(_) => break,
                }
            }
            let started = Instant::now();
            let outcome = builder.build();
            on_build(&outcome, started.elapsed());
            live.publish(outcome);
        }
    }
}

/// Tells `builder` of every change an event reports, even one that does not matter to
/// the site on its own, and says whether any did matter (so a rebuild is due).
fn note(dir: &Path, builder: &mut site::Builder, event: notify::Result<notify::Event>) -> bool {
    match event {
        Ok(e) if e.kind.is_access() => false,
        Ok(e) => {
            if e.need_rescan() {
                builder.forget();
            }
            for p in &e.paths {
                builder.changed(p);
            }
            e.need_rescan() || e.paths.iter().any(|p| matters(dir, p))
        }
        // The watcher may have missed changes: read everything again.
        Err(_) => {
            builder.forget();
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_changes_matter() {
        let dir = Path::new("/site");
        assert!(matters(dir, Path::new("/site/projects/a/index.md")));
        assert!(matters(dir, Path::new("/site/site.yaml")));
        assert!(matters(dir, Path::new("/site/templates/base.html")));
        assert!(!matters(dir, Path::new("/site/public/index.html")));
        assert!(!matters(dir, Path::new("/site/.git/index")));
        assert!(!matters(dir, Path::new("/site/projects/a/.index.md.swp")));
        assert!(!matters(dir, Path::new("/site/projects/a/index.md~")));
        assert!(!matters(dir, Path::new("/elsewhere/x.md")));
        assert!(matters(dir, Path::new("/site/projects/public/index.md")));
    }
}
