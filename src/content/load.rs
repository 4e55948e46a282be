//! Reading a portfolio folder into a [`Portfolio`]: walk the known folders, parse each
//! document, and collect every problem as a [`Diagnostic`] instead of stopping at the
//! first. Cross-document checks live in `validate`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::date::Date;
use super::frontmatter;
use super::measure_data;
use super::model::*;
use super::privacy;
use super::validate;
use super::yaml;
use crate::config::SiteConfig;
use crate::error::{display_path, Diagnostic, Severity, SourceFile};
use crate::fs::read_source;

/// A loaded portfolio and everything found wrong with it.
#[derive(Debug)]
pub struct Loaded {
    pub portfolio: Portfolio,
    /// Sorted by path, line and column.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
}

/// Page slugs that would collide with the site's own sections.
pub const RESERVED_SLUGS: &[&str] = &[
    "projects",
    "programmes",
    "people",
    "stories",
    "showcases",
    "status",
    "priorities",
    "directorates",
    "methods",
    "tags",
    "static",
    "search",
    "before-you-start",
    "index",
    "404",
];

/// What loading one project folder gives: the project (when its `index.md` parsed), its
/// problems, and the ids of its measures whose YAML failed to parse.
pub type ProjectLoad = (Option<Project>, Vec<Diagnostic>, Vec<String>);

/// Project folders as last loaded, kept between loads by `qisite serve` so that a
/// rebuild re-reads only the project folders in which something changed. Loading a
/// project folder depends on nothing but the files under it, so an entry stays right
/// until [`ProjectCache::changed`] is told of a change under its folder.
#[derive(Debug, Default)]
pub struct ProjectCache {
    entries: HashMap<PathBuf, ProjectLoad>,
    /// How many project folders the last load read from disk (the rest came from here).
    pub last_read: usize,
}

impl ProjectCache {
    /// Forgets what a change at `path` (a file or folder, created, changed, deleted or
    /// renamed) may have made stale: the project folder holding it, or every project
    /// when `path` is `projects/` itself or a folder above it.
    pub fn changed(&mut self, root: &Path, path: &Path) {
        let projects = root.join("projects");
        match path.strip_prefix(&projects) {
            Ok(rel) => match rel.components().next() {
                Some(first) => {
                    self.entries.remove(&projects.join(first));
                }
                None => self.entries.clear(),
            },
            Err(_) if projects.starts_with(path) => self.entries.clear(),
            Err(_) => {}
        }
    }

    /// Forgets everything, e.g. when the watcher may have missed changes.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The project folder `dir` as last loaded, if it is held.
    pub fn get(&self, dir: &Path) -> Option<&ProjectLoad> {
        self.entries.get(dir)
    }

    /// Holds `load` as what the project folder `dir` now gives (read by
    /// [`load_project`] outside a whole load).
    pub fn insert(&mut self, dir: PathBuf, load: ProjectLoad) {
        self.entries.insert(dir, load);
    }
}

/// Loads the portfolio at `root`. Never fails: problems become diagnostics, and what
/// could be read is returned.
pub fn load(root: &Path) -> Loaded {
    load_inner(root, None)
}

/// [`load`], reading only the project folders that `cache` does not hold (and keeping
/// what it read there), so the result is the same as [`load`]'s.
pub fn load_cached(root: &Path, cache: &mut ProjectCache) -> Loaded {
    load_inner(root, Some(cache))
}

fn load_inner(root: &Path, cache: Option<&mut ProjectCache>) -> Loaded {
    let mut diags = Vec::new();
    let (config, config_src) = load_config(root, &mut diags);

    let project_dirs = subdirs(root, "projects", &mut diags);
    crate::timing::mark("config and project folders");
    let projects: Vec<ProjectLoad> = match cache {
        None => crate::fs::with_io_threads(|| {
            project_dirs
                .par_iter()
                .map(|dir| load_project(root, dir))
                .collect()
        }),
        Some(cache) => {
            let read: Vec<(PathBuf, ProjectLoad)> = project_dirs
                .par_iter()
                .filter(|dir| !cache.entries.contains_key(*dir))
                .map(|dir| (dir.clone(), load_project(root, dir)))
                .collect();
            cache.last_read = read.len();
            cache.entries.extend(read);
            let present: std::collections::HashSet<&PathBuf> = project_dirs.iter().collect();
            cache.entries.retain(|dir, _| present.contains(dir));
            let entries = &cache.entries;
            project_dirs
                .par_iter()
                .map(|dir| entries[dir].clone())
                .collect()
        }
    };
    crate::timing::mark("load projects");
    // Names of documents that exist but failed to parse, so that references to them
    // are not reported a second time as unknown.
    let mut names = validate::Names::default();
    let mut all_projects = Vec::new();
    for ((p, d, failed_measures), dir) in projects.into_iter().zip(&project_dirs) {
        diags.extend(d);
        let slug = match &p {
            Some(p) => p.slug.clone(),
            None => slugify(&dir.file_name().unwrap_or_default().to_string_lossy()),
        };
        names.projects.push(slug.clone());
        names.measures.insert(slug, failed_measures);
        all_projects.extend(p);
    }
    let stem_slugs = |paths: &[PathBuf]| -> Vec<String> {
        paths
            .iter()
            .filter_map(|p| p.file_stem())
            .map(|s| slugify(&s.to_string_lossy()))
            .collect()
    };

    let programme_dirs = subdirs(root, "programmes", &mut diags);
    names.programmes = stem_slugs(&programme_dirs);
    let programmes = programme_dirs
        .iter()
        .filter_map(|dir| {
            let (doc, files) = load_folder_doc::<ProgrammeMeta>(root, dir, &mut diags)?;
            Some(Programme {
                slug: doc.slug,
                meta: doc.meta,
                body: doc.body,
                source: doc.source,
                members: Vec::new(),
                files,
            })
        })
        .collect();

    let people_files = md_files(root, "people", &mut diags);
    names.people = stem_slugs(&people_files);
    let people = people_files
        .iter()
        .filter_map(|path| {
            let doc = load_doc::<PersonMeta>(root, path, &mut diags)?;
            Some(Person {
                slug: doc.slug,
                meta: doc.meta,
                body: doc.body,
                source: doc.source,
            })
        })
        .collect();

    let stories = md_files(root, "stories", &mut diags)
        .iter()
        .filter_map(|path| load_story(root, path, &mut diags))
        .collect();

    let story_files = files_below(&root.join("stories"))
        .into_iter()
        .filter(|f| !f.contains('/') && !f.ends_with(".md"))
        .collect();

    let showcases = subdirs(root, "showcases", &mut diags)
        .iter()
        .filter_map(|dir| {
            let (doc, files) = load_folder_doc::<ShowcaseMeta>(root, dir, &mut diags)?;
            Some(Showcase {
                slug: doc.slug,
                meta: doc.meta,
                body: doc.body,
                source: doc.source,
                files,
            })
        })
        .collect();

    let pages = md_files(root, "pages", &mut diags)
        .iter()
        .filter_map(|path| {
            let doc = load_doc::<PageMeta>(root, path, &mut diags)?;
            if RESERVED_SLUGS.contains(&doc.slug.as_str()) {
                diags.push(
                    Diagnostic::file(
                        Severity::Error,
                        &doc.source.rel,
                        format!("the page name `{}` is used by the site itself", doc.slug),
                    )
                    .with_hint("rename the file, e.g. `pages/about-qi.md`"),
                );
                return None;
            }
            Some(Page {
                slug: doc.slug,
                meta: doc.meta,
                body: doc.body,
                source: doc.source,
            })
        })
        .collect();

    let theme = if config.theme == "default" {
        ThemeFiles::default()
    } else {
        let dir = root.join("themes").join(&config.theme);
        if !dir.is_dir() {
            let d = match &config_src {
                Some(src) => {
                    let line = find_key_line(src, "theme").unwrap_or(1);
                    src.error(line, 1, format!("unknown theme `{}`", config.theme))
                }
                None => Diagnostic::file(Severity::Error, "site.yaml", "unknown theme"),
            };
            diags.push(d.with_hint(format!(
                "use `theme: default`, or put the theme in `themes/{}/` (templates/ and static/)",
                config.theme
            )));
        }
        load_theme_files(root, &dir, &mut diags)
    };
    let overrides = load_theme_files(root, root, &mut diags);

    let mut portfolio = Portfolio {
        root: root.to_path_buf(),
        config,
        projects: all_projects,
        programmes,
        people,
        stories,
        story_files,
        showcases,
        pages,
        theme,
        overrides,
    };
    crate::timing::mark("load other documents");
    sort_portfolio(&mut portfolio);
    validate::validate(&mut portfolio, config_src.as_ref(), &names, &mut diags);
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
    diags.dedup();
    Loaded {
        portfolio,
        diagnostics: diags,
    }
}

fn sort_portfolio(p: &mut Portfolio) {
    p.projects.sort_by(|a, b| a.slug.cmp(&b.slug));
    p.programmes.sort_by(|a, b| a.slug.cmp(&b.slug));
    p.people.sort_by(|a, b| a.slug.cmp(&b.slug));
    p.stories
        .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    p.showcases.sort_by(|a, b| {
        b.meta
            .date
            .cmp(&a.meta.date)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    p.pages.sort_by(|a, b| {
        (a.meta.menu.unwrap_or(i32::MAX), &a.slug).cmp(&(b.meta.menu.unwrap_or(i32::MAX), &b.slug))
    });
}

fn load_config(root: &Path, diags: &mut Vec<Diagnostic>) -> (SiteConfig, Option<SourceFile>) {
    let path = root.join("site.yaml");
    if !path.is_file() {
        diags.push(
            Diagnostic::file(
                Severity::Error,
                "site.yaml",
                format!("no `site.yaml` in `{}`: this is not a portfolio folder", root.display()),
            )
            .with_hint("run qisite in the folder that holds site.yaml, or create one with `qisite init DIR`"),
        );
        return (SiteConfig::default(), None);
    }
    match read_source(root, &path) {
        Ok(src) => match yaml::parse::<SiteConfig>(&src, &src.text, 1) {
            Ok(c) => (c, Some(src)),
            Err(d) => {
                diags.push(d);
                (SiteConfig::default(), None)
            }
        },
        Err(d) => {
            diags.push(d);
            (SiteConfig::default(), None)
        }
    }
}

/// Reads a content file. An unreadable file, and any NHS number in it, is reported.
fn read(root: &Path, path: &Path, diags: &mut Vec<Diagnostic>) -> Result<SourceFile, ()> {
    match read_source(root, path) {
        Ok(src) => {
            for offset in privacy::nhs_numbers(&src.text) {
                let (line, col) = src.line_col(offset);
                diags.push(
                    src.error(line, col, "this looks like an NHS number: patient-identifiable data must never be published")
                        .with_hint("remove it; QI data holds counts, rates and times, never details of individual patients"),
                );
            }
            Ok(src)
        }
        Err(d) => {
            diags.push(d);
            Err(())
        }
    }
}

/// The 1-based line of a top-level `key:` in a YAML file.
pub fn find_key_line(src: &SourceFile, key: &str) -> Option<usize> {
    let prefix = format!("{key}:");
    src.text
        .lines()
        .position(|l| l.starts_with(&prefix))
        .map(|i| i + 1)
}

/// Sorted subfolders of `root/section`, skipping hidden ones. A missing section is fine.
fn subdirs(root: &Path, section: &str, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let dir = root.join(section);
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return out;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            out.push(path);
        } else if section != "projects" || !name.eq_ignore_ascii_case("readme.md") {
            diags.push(
                Diagnostic::file(
                    Severity::Warning,
                    display_path(root, &path),
                    format!("`{section}/` holds folders, one per item; this file is ignored"),
                )
                .with_hint(format!(
                    "move it into a folder such as `{section}/<name>/index.md`"
                )),
            );
        }
    }
    out.sort();
    out
}

/// Sorted `.md` files directly in `root/section`. Other files are allowed (images).
fn md_files(root: &Path, section: &str, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let dir = root.join(section);
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return out;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            diags.push(
                Diagnostic::file(
                    Severity::Warning,
                    display_path(root, &path),
                    format!("`{section}/` holds `.md` files; this folder is ignored"),
                )
                .with_hint(format!(
                    "put each item in a file such as `{section}/<name>.md`"
                )),
            );
        } else if name.ends_with(".md") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Every file below `dir`, as sorted paths relative to it with `/` separators.
fn files_below(dir: &Path) -> Vec<String> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| display_path(dir, e.path()))
        .filter(|rel| !rel.split('/').any(|part| part.starts_with('.')))
        .collect();
    out.sort();
    out
}

/// A parsed front-matter document before it becomes its typed model.
struct Doc<M> {
    slug: String,
    meta: M,
    body: String,
    source: Source,
}

/// A document's slug: its file or folder name, which must be a valid slug.
fn name_slug(root: &Path, path: &Path, name: &str, diags: &mut Vec<Diagnostic>) -> String {
    let slug = slugify(name);
    if slug != name {
        diags.push(
            Diagnostic::file(
                Severity::Warning,
                display_path(root, path),
                format!("the name `{name}` is not a web-safe slug; the page will be at `{slug}`"),
            )
            .with_hint(format!(
                "rename it to `{slug}`: lower case letters, digits and hyphens"
            )),
        );
    }
    slug
}

/// Whether a file name is an image a browser shows in `<img>` (a poster that is not is
/// offered as a download instead).
pub fn is_image(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    [".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Lower case letters, digits and single hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn parse_doc<M: DeserializeOwned>(src: &SourceFile) -> Result<(M, String, usize), Diagnostic> {
    let split = frontmatter::split(src)?;
    let meta = yaml::parse::<M>(src, split.yaml, split.yaml_line)?;
    Ok((meta, split.body.to_owned(), split.body_line))
}

fn load_doc<M: DeserializeOwned>(
    root: &Path,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<Doc<M>> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let src = read(root, path, diags).ok()?;
    let (meta, body, body_line) = parse_doc::<M>(&src).map_err(|d| diags.push(d)).ok()?;
    Some(Doc {
        slug: name_slug(root, path, &stem, diags),
        meta,
        body,
        source: Source {
            rel: src.rel,
            body_line,
        },
    })
}

/// A folder document (`<section>/<slug>/index.md`) and the other files beside it.
fn load_folder_doc<M: DeserializeOwned>(
    root: &Path,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Doc<M>, Vec<String>)> {
    let doc = load_folder_index::<M>(root, dir, diags)?;
    let files = files_below(dir)
        .into_iter()
        .filter(|f| f != "index.md")
        .collect();
    Some((doc, files))
}

/// A folder document (`<section>/<slug>/index.md`) alone. Projects keep their
/// attachments under `files/`, so walking the whole folder would be wasted.
fn load_folder_index<M: DeserializeOwned>(
    root: &Path,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<Doc<M>> {
    let index = dir.join("index.md");
    if !index.is_file() {
        diags.push(
            Diagnostic::file(
                Severity::Error,
                display_path(root, dir),
                "this folder has no `index.md`",
            )
            .with_hint("add an `index.md` with front matter (see README, \"Content reference\")"),
        );
        return None;
    }
    let name = dir.file_name()?.to_string_lossy().into_owned();
    let mut doc = load_doc::<M>(root, &index, diags)?;
    doc.slug = name_slug(root, dir, &name, diags);
    Some(doc)
}

fn load_story(root: &Path, path: &Path, diags: &mut Vec<Diagnostic>) -> Option<Story> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let (date_part, slug_part) = if stem.len() > 11 && stem.as_bytes()[10] == b'-' {
        (Date::parse(&stem[..10]).ok(), &stem[11..])
    } else {
        (None, stem.as_str())
    };
    let src = read(root, path, diags).ok()?;
    let (meta, body, body_line) = parse_doc::<StoryMeta>(&src)
        .map_err(|d| diags.push(d))
        .ok()?;
    let Some(date) = meta.date.or(date_part) else {
        diags.push(src.error(1, 1, "this story has no date").with_hint(
            "name the file `YYYY-MM-DD-slug.md`, or add `date: 2025-06-01` to its front matter",
        ));
        return None;
    };
    Some(Story {
        slug: name_slug(root, path, slug_part, diags),
        date,
        meta,
        body,
        source: Source {
            rel: src.rel,
            body_line,
        },
    })
}

/// Loads one project folder. Parallel-safe: returns its own diagnostics.
/// Also returns the ids of measures whose YAML failed to parse.
pub fn load_project(root: &Path, dir: &Path) -> (Option<Project>, Vec<Diagnostic>, Vec<String>) {
    let mut diags = Vec::new();
    let mut failed_measures = Vec::new();
    let Some(doc) = load_folder_index::<ProjectMeta>(root, dir, &mut diags) else {
        // Still read the rest of the folder, so that one run reports every problem.
        load_driver(root, dir, &mut diags);
        load_measures(root, dir, &mut diags, &mut failed_measures);
        load_pdsa(root, dir, &mut diags);
        return (None, diags, failed_measures);
    };
    let mut slug = doc.slug;
    if let Some(s) = &doc.meta.slug {
        let clean = slugify(&s.value);
        if clean != s.value {
            if let Ok(src) = read_source(root, &dir.join("index.md")) {
                let (line, col) = yaml::file_pos(&s.referenced, 2);
                diags.push(
                    src.error(
                        line,
                        col,
                        format!("`slug`: `{}` is not a web-safe slug", s.value),
                    )
                    .with_hint(format!(
                        "use lower case letters, digits and hyphens, e.g. `{clean}`"
                    )),
                );
            }
        }
        slug = clean;
    }
    let driver = load_driver(root, dir, &mut diags);
    let measures = load_measures(root, dir, &mut diags, &mut failed_measures);
    let pdsa = load_pdsa(root, dir, &mut diags);
    let files = files_below(&dir.join("files"));
    let project = Project {
        slug,
        meta: doc.meta,
        body: doc.body,
        source: doc.source,
        driver,
        measures,
        pdsa,
        files,
    };
    (Some(project), diags, failed_measures)
}

fn load_driver(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Option<DriverDiagram> {
    let path = dir.join("driver.yaml");
    if !path.is_file() {
        return None;
    }
    let src = read(root, &path, diags).ok()?;
    yaml::parse::<DriverDiagram>(&src, &src.text, 1)
        .map_err(|d| diags.push(d))
        .ok()
}

fn load_measures(
    root: &Path,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
    failed: &mut Vec<String>,
) -> Vec<Measure> {
    let mdir = dir.join("measures");
    let Ok(entries) = std::fs::read_dir(&mdir) else {
        return Vec::new();
    };
    let mut yamls = BTreeSet::new();
    let mut csvs = BTreeSet::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(id) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
        {
            yamls.insert((id.to_owned(), name.clone()));
        } else if let Some(id) = name.strip_suffix(".csv") {
            csvs.insert(id.to_owned());
        } else if !name.starts_with('.') {
            diags.push(
                Diagnostic::file(
                    Severity::Warning,
                    display_path(root, &e.path()),
                    "`measures/` holds `<id>.yaml` and `<id>.csv` pairs; this file is ignored",
                )
                .with_hint("move other files to the project's `files/` folder"),
            );
        }
    }
    for id in &csvs {
        if !yamls.iter().any(|(y, _)| y == id) {
            let rel = display_path(root, &mdir.join(format!("{id}.csv")));
            diags.push(
                Diagnostic::file(Severity::Error, rel, format!("this CSV has no measure definition `{id}.yaml` beside it"))
                    .with_hint(format!("add `measures/{id}.yaml` with the measure's title, kind and chart, or remove the CSV")),
            );
        }
    }
    let mut out = Vec::new();
    for (id, file) in yamls {
        let path = mdir.join(&file);
        let Ok(src) = read(root, &path, diags) else {
            failed.push(slugify(&id));
            continue;
        };
        let csv_path = mdir.join(format!("{id}.csv"));
        let Ok(meta) = yaml::parse::<MeasureMeta>(&src, &src.text, 1).map_err(|d| diags.push(d))
        else {
            failed.push(slugify(&id));
            // Still check the data, as far as it can be checked without the chart type.
            if let Ok(csv_src) = read(root, &csv_path, diags) {
                let header = csv_src.text.lines().next().unwrap_or("").to_lowercase();
                let chart = if header.contains("denominator") {
                    ChartType::U
                } else {
                    ChartType::I
                };
                diags.extend(measure_data::parse(&csv_src, chart).1);
            }
            continue;
        };
        let csv_rel = display_path(root, &csv_path);
        let data = if csv_path.is_file() {
            match read(root, &csv_path, diags) {
                Ok(csv_src) => {
                    let (data, d) = measure_data::parse(&csv_src, meta.chart);
                    diags.extend(d);
                    data
                }
                Err(()) => Vec::new(),
            }
        } else {
            diags.push(
                src.error(
                    1,
                    1,
                    format!("this measure has no data: `{id}.csv` is missing"),
                )
                .with_hint(format!(
                    "add `measures/{id}.csv` with a header such as `date,value`"
                )),
            );
            Vec::new()
        };
        out.push(Measure {
            id: slugify(&id),
            meta,
            data,
            source: Source {
                rel: src.rel,
                body_line: 1,
            },
            csv_rel,
        });
    }
    out
}

fn load_pdsa(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PdsaCycle> {
    let pdir = dir.join("pdsa");
    let Ok(entries) = std::fs::read_dir(&pdir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let mut out: Vec<PdsaCycle> = Vec::new();
    let mut seen: BTreeMap<u32, String> = BTreeMap::new();
    for path in paths {
        let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let Ok(src) = read(root, &path, diags) else {
            continue;
        };
        let Ok(split) = frontmatter::split(&src).map_err(|d| diags.push(d)) else {
            continue;
        };
        let Ok(meta) =
            yaml::parse::<PdsaMeta>(&src, split.yaml, split.yaml_line).map_err(|d| diags.push(d))
        else {
            continue;
        };
        let from_name: Option<u32> = stem.split('-').next().and_then(|n| n.parse().ok());
        let cycle = match (&meta.cycle, from_name) {
            (Some(c), _) => c.value,
            (None, Some(n)) => n,
            (None, None) => {
                diags.push(src.error(1, 1, "this PDSA cycle has no number").with_hint(
                    "name the file `NN-slug.md` (e.g. `03-night-shift.md`), or add `cycle: 3`",
                ));
                continue;
            }
        };
        if let Some(other) = seen.get(&cycle) {
            let (line, col) = meta
                .cycle
                .as_ref()
                .map_or((1, 1), |c| yaml::file_pos(&c.referenced, split.yaml_line));
            diags.push(
                src.error(
                    line,
                    col,
                    format!("cycle {cycle} is already used by `{other}`"),
                )
                .with_hint("give each PDSA cycle of a project its own number"),
            );
            continue;
        }
        seen.insert(cycle, src.rel.clone());
        if meta
            .prediction
            .as_deref()
            .is_none_or(|p| p.trim().is_empty())
        {
            diags.push(
                src.warning(split.yaml_line, 1, "this PDSA cycle has no prediction")
                    .with_hint("add `prediction: …`: what you expect to happen. Learning comes from comparing the result with the prediction"),
            );
        }
        let sections = split_sections(split.body, split.body_line);
        let slug = slugify(&stem);
        out.push(PdsaCycle {
            slug,
            cycle,
            meta,
            sections,
            source: Source {
                rel: src.rel.clone(),
                body_line: split.body_line,
            },
        });
    }
    out.sort_by_key(|c| c.cycle);
    out
}

/// Splits a PDSA body at its `Do`, `Study` and `Act` headings (any level, any case).
pub fn split_sections(body: &str, body_line: usize) -> PdsaSections {
    let mut s = PdsaSections {
        intro_line: body_line,
        ..PdsaSections::default()
    };
    let mut current = 0; // 0 intro, 1 do, 2 study, 3 act
    let mut in_fence = false;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let heading = (!in_fence && t.starts_with('#'))
            .then(|| t.trim_start_matches('#').trim().to_lowercase());
        let target = match heading.as_deref() {
            Some("do") => Some(1),
            Some("study") => Some(2),
            Some("act") => Some(3),
            _ => None,
        };
        if let Some(t) = target {
            current = t;
            let start = body_line + i + 1;
            match t {
                1 => s.do_line = start,
                2 => s.study_line = start,
                _ => s.act_line = start,
            }
            continue;
        }
        match current {
            0 => s.intro.push_str(line),
            1 => s.r#do.push_str(line),
            2 => s.study.push_str(line),
            _ => s.act.push_str(line),
        }
    }
    s
}

fn load_theme_files(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> ThemeFiles {
    let mut t = ThemeFiles::default();
    for rel in files_below(&dir.join("templates")) {
        let path = dir.join("templates").join(&rel);
        match read_source(root, &path) {
            Ok(src) => {
                t.templates.insert(rel, src.text);
            }
            Err(d) => diags.push(d),
        }
    }
    for rel in files_below(&dir.join("static")) {
        let path = dir.join("static").join(&rel);
        t.static_files.insert(rel, path);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_pdsa_sections() {
        let s = split_sections(
            "Intro\n## Do\nwe did\n## Study\nwe saw\n### Act\nadopt\n",
            5,
        );
        assert_eq!(s.intro, "Intro\n");
        assert_eq!(s.r#do, "we did\n");
        assert_eq!(s.study, "we saw\n");
        assert_eq!(s.act, "adopt\n");
        assert_eq!((s.do_line, s.study_line, s.act_line), (7, 9, 11));
    }

    #[test]
    fn slugify_is_web_safe() {
        assert_eq!(slugify("Falls Ward 7"), "falls-ward-7");
        assert_eq!(slugify("falls--ward_7!"), "falls-ward-7");
    }
}
