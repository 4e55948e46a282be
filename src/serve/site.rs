//! The served site: the last good render of the portfolio, the errors of the latest
//! build (shown as an overlay on every page), and a version number that browsers wait
//! on to reload.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

use crate::content::{Loaded, ProjectCache};
use crate::output::{OutputFile, OutputSet};
use crate::render::{RenderOptions, Reuse};

/// The served files: output path → file. A version of the site shares the files it did
/// not render again with the version before, so a rebuild that renders a few files
/// makes a new version without copying the rest.
pub type Files = BTreeMap<String, Arc<OutputFile>>;

/// One published state of the site.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Bumped by every rebuild, good or bad.
    pub version: u64,
    /// The last site that built without errors (empty until one does).
    pub output: Arc<Files>,
    /// Chart PNGs, drawn on request: PNG path → the SVG path it is drawn from.
    pub png_sources: Arc<HashMap<String, String>>,
    /// The latest build's errors, as printed by `qisite check`; empty when it built.
    pub errors: Vec<String>,
}

impl Snapshot {
    /// The bytes of a rendered file (not of copied files).
    pub fn bytes(&self, path: &str) -> Option<&[u8]> {
        match &**self.output.get(path)? {
            OutputFile::Bytes(b) => Some(b),
            OutputFile::Copy(_) => None,
        }
    }
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
    /// The site, and its chart PNGs to draw on request (PNG path → SVG path).
    Built(Arc<Files>, Arc<HashMap<String, String>>),
    Failed(Vec<String>),
}

impl Outcome {
    /// A built site from rendered files.
    pub fn built(output: OutputSet, png_sources: HashMap<String, String>) -> Outcome {
        let files = output
            .files
            .into_iter()
            .map(|(path, file)| (path, Arc::new(file)))
            .collect();
        Outcome::Built(Arc::new(files), Arc::new(png_sources))
    }
}

/// Loads, validates and renders the portfolio at `dir`, in memory. Never writes.
pub fn build(dir: &Path) -> Outcome {
    Builder::new(dir.to_path_buf()).build()
}

/// How the last [`Builder::build`] made the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rendering {
    /// Every page, from the portfolio as loaded (or not at all, when it had errors).
    Whole,
    /// Only the pages of the project with this slug, and the search index: the edit
    /// changed nothing but that project's texts.
    Project(String),
    /// The edit was inside these project folders (names under `projects/`), each still
    /// there with its slug, and these people, programmes, stories and showcases (paths,
    /// e.g. `people/a.md`), the same ones still there: the changed projects' pages,
    /// charts and files, the other projects' pages that show something of what
    /// changed, every page and file that is not a project's own, and the search index
    /// (or nothing, when it had errors).
    Dependants(Vec<String>),
}

/// Builds the portfolio at `dir` again and again, as it changes. It keeps each project
/// folder as it last read it, and re-reads only those it is told have changed, so a
/// rebuild after one edit reads one project folder instead of all of them. When an
/// edit changes nothing but the texts of one project (its write-up, its PDSA cycles'
/// Do, Study and Act), it renders only that project's pages and the search index, and
/// keeps every other file of the last build. When an edit changes anything else inside
/// existing project folders (front matter, measures, driver diagram, PDSA cycles or
/// files added or removed), it renders those projects' pages and files, the pages of
/// the other projects that show something of them, and every page that is not a
/// project's own ([`Rendering::Dependants`]). What it builds is always the same as a
/// clean [`build`] of the same files.
pub struct Builder {
    dir: PathBuf,
    projects: ProjectCache,
    /// What it has been told changed since the last build.
    pending: Vec<PathBuf>,
    /// The last build that rendered, kept for rendering some pages again.
    last: Option<Last>,
    /// Project folders re-read, and other documents edited, since `last` was rendered
    /// (by builds that failed before rendering): they may differ from those of `last`,
    /// so only a render that compares the whole portfolio with `last`'s may follow.
    unrendered: BTreeSet<PathBuf>,
    rendering: Rendering,
}

/// A build that rendered: the portfolio as rendered, what the render can reuse, and
/// its files (published unless the last edit gave errors).
struct Last {
    loaded: Loaded,
    options: RenderOptions,
    reuse: Reuse,
    files: Arc<Files>,
    png_sources: Arc<HashMap<String, String>>,
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("dir", &self.dir)
            .field("rendering", &self.rendering)
            .finish_non_exhaustive()
    }
}

impl Builder {
    pub fn new(dir: PathBuf) -> Builder {
        Builder {
            dir,
            projects: Default::default(),
            pending: Vec::new(),
            last: None,
            unrendered: BTreeSet::new(),
            rendering: Rendering::Whole,
        }
    }

    /// Notes that something at `path` was created, changed, deleted or renamed.
    pub fn changed(&mut self, path: &Path) {
        self.pending.push(path.to_path_buf());
    }

    /// Forgets what it has read: the next build reads and renders everything.
    pub fn forget(&mut self) {
        self.projects.clear();
        self.pending.clear();
        self.last = None;
        self.unrendered.clear();
    }

    /// How many project folders the last build read from disk.
    pub fn projects_read(&self) -> usize {
        self.projects.last_read
    }

    /// How the last build made the site.
    pub fn rendering(&self) -> &Rendering {
        &self.rendering
    }

    /// Loads (re-reading only what changed), validates and renders the portfolio, in
    /// memory. Never writes.
    pub fn build(&mut self) -> Outcome {
        let changed = std::mem::take(&mut self.pending);
        if self.unrendered.is_empty() {
            if let Some(outcome) = self.build_project(&changed) {
                return outcome;
            }
        }
        let edited = self.edited(&changed);
        for path in &changed {
            self.projects.changed(&self.dir, path);
        }
        let mut loaded = crate::content::load_cached(&self.dir, &mut self.projects);
        // PNGs are drawn only when a browser asks for one, so every chart can offer one.
        loaded.portfolio.config.charts.png = crate::config::PngExport::Always;
        if let Some(edited) = edited {
            loaded = match self.build_dependants(edited, loaded) {
                Ok(outcome) => return outcome,
                Err(loaded) => *loaded,
            };
        }
        self.rendering = Rendering::Whole;
        self.last = None;
        self.unrendered.clear();
        let (outcome, last) = render(loaded);
        self.last = last;
        outcome
    }

    /// What `changed` touched, when every path is inside (not) a project folder that
    /// was there at the last load and is still there, or inside `people/`,
    /// `programmes/`, `stories/` or `showcases/`, and there is a last build to start
    /// from; `None` otherwise.
    fn edited(&self, changed: &[PathBuf]) -> Option<Edited> {
        self.last.as_ref()?;
        let projects = self.dir.join("projects");
        let mut edited = Edited::default();
        for path in changed {
            if let Ok(rel) = path.strip_prefix(&projects) {
                let mut parts = rel.components();
                let folder = projects.join(parts.next()?);
                // A change to the folder itself (created, deleted, renamed) is not an edit.
                parts.next()?;
                if self.projects.get(&folder).is_none() || !folder.is_dir() {
                    return None;
                }
                edited.folders.insert(folder);
                continue;
            }
            let rel = path.strip_prefix(&self.dir).ok()?;
            let mut parts = rel.components();
            let section = parts.next()?.as_os_str().to_str()?;
            if !DOCUMENT_SECTIONS.contains(&section) {
                return None;
            }
            // Whether a document was created, deleted or renamed, the portfolio says.
            parts.next()?;
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            edited.documents.push(rel.join("/"));
        }
        edited.documents.sort();
        edited.documents.dedup();
        (!edited.folders.is_empty() || !edited.documents.is_empty()).then_some(edited)
    }

    /// Rebuilds after the edits `edited` found (see [`edited`]), from the portfolio as
    /// `loaded` now: with errors, reports them (as a whole build does) and keeps the
    /// last build to start from next time; otherwise renders what
    /// [`crate::render::render_dependants`] renders, when the portfolio's projects are
    /// the same ones (by slug and folder), so are its people, programmes, stories and
    /// showcases (by slug and file), and nothing else changed. Gives `loaded` back when
    /// it cannot: the caller then builds the whole site.
    ///
    /// [`edited`]: Builder::edited
    fn build_dependants(&mut self, edited: Edited, loaded: Loaded) -> Result<Outcome, Box<Loaded>> {
        let Some(last) = self.last.as_mut() else {
            return Err(Box::new(loaded));
        };
        let Edited { folders, documents } = edited;
        let mut names: Vec<String> = folders
            .iter()
            .filter_map(|f| f.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        let document_paths = documents.iter().map(|rel| self.dir.join(rel));
        let document_paths: Vec<PathBuf> = document_paths.collect();
        names.extend(documents);
        if loaded.error_count() > 0 {
            self.unrendered.extend(document_paths);
            let errors = errors_of(&loaded.diagnostics);
            self.unrendered.extend(folders);
            self.rendering = Rendering::Dependants(names);
            return Ok(Outcome::Failed(errors));
        }
        let old = &last.loaded.portfolio;
        let new = &loaded.portfolio;
        let same_projects = old.projects.len() == new.projects.len()
            && old
                .projects
                .iter()
                .zip(&new.projects)
                .all(|(a, b)| a.slug == b.slug && a.source.rel == b.source.rel);
        if !same_projects || !same_but_documents(old, new) {
            return Err(Box::new(loaded));
        }
        let options = crate::commands::render_options(&loaded, None);
        if options.today != last.options.today || options.base_url != last.options.base_url {
            return Err(Box::new(loaded));
        }
        let edited: BTreeSet<&PathBuf> = folders.iter().chain(&self.unrendered).collect();
        let changed: Vec<String> = new
            .projects
            .iter()
            .filter(|p| {
                let index = self.dir.join(&p.source.rel);
                index
                    .parent()
                    .is_some_and(|f| edited.contains(&f.to_path_buf()))
            })
            .map(|p| p.slug.clone())
            .collect();
        let documents = changed_documents(old, new);
        let shown: Vec<String> = crate::render::dependants::showing(new, old, &documents)
            .into_iter()
            .map(|i| new.projects[i].slug.clone())
            .collect();
        crate::timing::mark("dependants: loaded");
        let sink = Mutex::new(OutputSet::default());
        let changes = crate::render::Changes {
            old,
            projects: &changed,
            shown: &shown,
            documents: !documents.is_empty(),
        };
        let summary =
            match crate::render::render_dependants(new, &options, &mut last.reuse, &changes, &sink)
            {
                Ok(Some(summary)) => summary,
                Ok(None) => return Err(Box::new(loaded)),
                Err(e) => {
                    // What was kept may be half updated: build everything next time.
                    self.last = None;
                    self.unrendered.clear();
                    self.rendering = Rendering::Dependants(names);
                    return Ok(Outcome::Failed(vec![e.to_string()]));
                }
            };
        if crate::timing::enabled() {
            eprintln!(
                "timing:   projects rendered: {} ({} pages)",
                summary.projects.len(),
                summary.pages
            );
        }
        self.rendering = Rendering::Dependants(names);
        self.unrendered.clear();
        // The other projects' own files stay as they were, and so do the search files
        // not made again; everything else is what the render made.
        let mut files = Files::new();
        let changed: std::collections::HashSet<&str> = changed.iter().map(String::as_str).collect();
        for project in new
            .projects
            .iter()
            .filter(|p| !changed.contains(p.slug.as_str()))
        {
            for path in crate::render::project_outputs(project) {
                if let Some(file) = last.files.get(&path) {
                    files.insert(path, file.clone());
                }
            }
        }
        let removed: std::collections::HashSet<&String> = summary.removed.iter().collect();
        for (path, file) in last.files.range::<str, _>((
            std::ops::Bound::Included("search/"),
            std::ops::Bound::Excluded("search0"),
        )) {
            if !removed.contains(path) {
                files.insert(path.clone(), file.clone());
            }
        }
        let rendered = sink.into_inner().unwrap_or_else(|e| e.into_inner());
        for (path, file) in rendered.files {
            files.insert(path, Arc::new(file));
        }
        last.files = Arc::new(files);
        last.png_sources = Arc::new(summary.pngs.into_iter().collect());
        last.loaded = loaded;
        last.options = options;
        crate::timing::mark("dependants: files");
        Ok(last.outcome(&summary.diagnostics))
    }

    /// Rebuilds after changes that are all inside one project folder and leave
    /// everything but its texts as they were, rendering that project's pages and the
    /// search index only. `None` when the changes are of another kind (or there is no
    /// last build to start from): the caller then builds the whole site.
    fn build_project(&mut self, changed: &[PathBuf]) -> Option<Outcome> {
        let projects = self.dir.join("projects");
        let mut folder: Option<PathBuf> = None;
        for path in changed {
            let rel = path.strip_prefix(&projects).ok()?;
            let mut parts = rel.components();
            let first = projects.join(parts.next()?);
            // A change to the folder itself (created, deleted, renamed) is not an edit.
            parts.next()?;
            match &folder {
                Some(f) if *f != first => return None,
                _ => folder = Some(first),
            }
        }
        let folder = folder?;
        let last = self.last.as_mut()?;
        let before = self.projects.get(&folder)?;
        let old = before.0.as_ref()?;
        if !folder.is_dir() {
            return None;
        }
        crate::timing::mark("project: before load");
        let load = crate::content::load::load_project(&self.dir, &folder);
        crate::timing::mark("project: loaded");
        let fresh = match &load.0 {
            Some(p) if same_but_texts(old, p) && load.2 == before.2 => p,
            _ => return None,
        };
        if load.1.iter().any(|d| d.is_error()) {
            return None;
        }
        let options = crate::commands::render_options(&last.loaded, None);
        if options.today != last.options.today || options.base_url != last.options.base_url {
            return None;
        }
        // The portfolio's project differs from the one loaded only by what validation
        // added, which depends on nothing the edit changed: so only its texts change.
        let portfolio = &mut last.loaded.portfolio;
        let i = portfolio
            .projects
            .binary_search_by(|p| p.slug.cmp(&fresh.slug))
            .ok()?;
        let slug = fresh.slug.clone();
        let project = &mut portfolio.projects[i];
        project.body.clone_from(&fresh.body);
        for (cycle, new) in project.pdsa.iter_mut().zip(&fresh.pdsa) {
            cycle.sections.clone_from(&new.sections);
        }
        self.projects.insert(folder, load);
        self.projects.last_read = 1;
        self.rendering = Rendering::Project(slug.clone());

        let sink = Mutex::new(OutputSet::default());
        let mut summary = match crate::render::render_project(
            &last.loaded.portfolio,
            &options,
            &mut last.reuse,
            &slug,
            &sink,
        ) {
            Ok(summary) => summary,
            Err(e) => {
                // What was kept may be half updated: build everything next time.
                self.last = None;
                return Some(Outcome::Failed(vec![e.to_string()]));
            }
        };
        let mut diagnostics = std::mem::take(&mut summary.diagnostics);
        diagnostics.sort_by(|a, b| {
            (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
        });
        diagnostics.dedup();
        crate::timing::mark("project: rendered");
        // The files follow the portfolio as it now is even when it failed, because the
        // next edit's render updates them from this state. The browsers are shown them
        // only once they build without errors.
        let mut files = (*last.files).clone();
        let rendered = sink.into_inner().unwrap_or_else(|e| e.into_inner());
        for (path, file) in rendered.files {
            files.insert(path, Arc::new(file));
        }
        for path in &summary.removed {
            files.remove(path);
        }
        last.files = Arc::new(files);
        crate::timing::mark("project: files");
        Some(last.outcome(&diagnostics))
    }
}

impl Last {
    /// Its files, or the errors among `diagnostics` when there are any (the files
    /// still follow the portfolio as it now is, since the next edit's render updates
    /// them from this state; the browsers are shown them once they build).
    fn outcome(&self, diagnostics: &[crate::error::Diagnostic]) -> Outcome {
        let errors = errors_of(diagnostics);
        if !errors.is_empty() {
            return Outcome::Failed(errors);
        }
        Outcome::Built(self.files.clone(), self.png_sources.clone())
    }
}

/// The errors among `diagnostics`, as `qisite check` prints them.
fn errors_of(diagnostics: &[crate::error::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect()
}

/// Whether two loads of one project folder differ only in their texts: the project's
/// Markdown body and its PDSA cycles' sections. Everything else (front matter, driver
/// diagram, measures and their data, files, where each text starts) is what other pages
/// show or what validation reads, so a change there needs the whole site built again.
fn same_but_texts(a: &crate::content::model::Project, b: &crate::content::model::Project) -> bool {
    let without_texts = |p: &crate::content::model::Project| {
        let mut p = p.clone();
        p.body.clear();
        for cycle in &mut p.pdsa {
            let s = &mut cycle.sections;
            // Where each section starts moves with the text before it; it is used only
            // for the project's own diagnostics.
            *s = Default::default();
        }
        format!("{p:?}")
    };
    without_texts(a) == without_texts(b)
}

/// The sections whose documents (people, programmes, stories, showcases) an edit may
/// change without every page being made again.
const DOCUMENT_SECTIONS: [&str; 4] = ["people", "programmes", "stories", "showcases"];

/// What an edit touched: project folders, and documents by path (see
/// [`DOCUMENT_SECTIONS`]).
#[derive(Default)]
struct Edited {
    folders: BTreeSet<PathBuf>,
    documents: Vec<String>,
}

/// Whether two portfolios hold the same everything but their projects and the
/// contents of their people, programmes, stories and showcases: each of those has the
/// same documents (by slug and file) in both.
fn same_but_documents(
    a: &crate::content::model::Portfolio,
    b: &crate::content::model::Portfolio,
) -> bool {
    let rest = |p: &crate::content::model::Portfolio| {
        format!(
            "{:?}",
            (
                &p.root,
                &p.config,
                &p.story_files,
                &p.pages,
                &p.theme,
                &p.overrides,
                p.people
                    .iter()
                    .map(|x| (&x.slug, &x.source.rel))
                    .collect::<Vec<_>>(),
                p.programmes
                    .iter()
                    .map(|x| (&x.slug, &x.source.rel))
                    .collect::<Vec<_>>(),
                p.stories
                    .iter()
                    .map(|x| (&x.slug, &x.source.rel))
                    .collect::<Vec<_>>(),
                p.showcases
                    .iter()
                    .map(|x| (&x.slug, &x.source.rel))
                    .collect::<Vec<_>>(),
            )
        )
    };
    rest(a) == rest(b)
}

/// The people, programmes, stories and showcases that differ between `old` and `new`
/// (which [`same_but_documents`] found to hold the same ones).
fn changed_documents<'a>(
    old: &crate::content::model::Portfolio,
    new: &'a crate::content::model::Portfolio,
) -> Vec<crate::render::dependants::Document<'a>> {
    use crate::render::dependants::Document;
    fn differ<'a, T: std::fmt::Debug>(
        old: &[T],
        new: &'a [T],
        doc: impl Fn(&'a T) -> Document<'a>,
    ) -> Vec<Document<'a>> {
        old.iter()
            .zip(new)
            .filter(|(a, b)| format!("{a:?}") != format!("{b:?}"))
            .map(|(_, b)| doc(b))
            .collect()
    }
    let mut out = differ(&old.people, &new.people, |x| Document::Person(&x.slug));
    out.extend(differ(&old.programmes, &new.programmes, |x| {
        Document::Programme(&x.slug)
    }));
    out.extend(differ(&old.stories, &new.stories, |x| {
        Document::Story(&x.slug)
    }));
    out.extend(differ(&old.showcases, &new.showcases, |x| {
        Document::Showcase(&x.slug)
    }));
    out
}

fn render(mut loaded: Loaded) -> (Outcome, Option<Last>) {
    // PNGs are drawn only when a browser asks for one, so every chart can offer one.
    loaded.portfolio.config.charts.png = crate::config::PngExport::Always;
    if loaded.error_count() > 0 {
        return (Outcome::Failed(errors_of(&loaded.diagnostics)), None);
    }
    let options = crate::commands::render_options(&loaded, None);
    let sink = Mutex::new(OutputSet::default());
    let (summary, reuse) = match crate::render::render_keeping(&loaded.portfolio, &options, &sink) {
        Ok(r) => r,
        Err(e) => return (Outcome::Failed(vec![e.to_string()]), None),
    };
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .chain(&summary.diagnostics)
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    if !errors.is_empty() {
        return (Outcome::Failed(errors), None);
    }
    let output = sink.into_inner().unwrap_or_else(|e| e.into_inner());
    let pngs = summary
        .png_jobs
        .into_iter()
        .map(|(png, svg, _)| (png, svg))
        .collect();
    let outcome = Outcome::built(output, pngs);
    let Outcome::Built(files, png_sources) = &outcome else {
        unreachable!("just built")
    };
    let last = Last {
        files: files.clone(),
        png_sources: png_sources.clone(),
        loaded,
        options,
        reuse,
    };
    (outcome, Some(last))
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
        let svg = std::str::from_utf8(snap.bytes(svg_path)?).ok()?;
        let png = Arc::new(crate::render::png::svg_to_png(svg, 2.0).ok()?);
        let mut cache = self.pngs.lock().unwrap_or_else(|e| e.into_inner());
        if cache.0 != snap.version {
            *cache = (snap.version, HashMap::new());
        }
        cache.1.insert(path.to_owned(), png.clone());
        Some(png)
    }
}
