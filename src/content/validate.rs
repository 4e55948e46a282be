//! Checks across documents once everything is parsed: taxonomy values declared in
//! site.yaml, references to people, projects, programmes, change ideas and measures,
//! the progress scale, duplicate slugs, and the measure settings. Fills in the derived
//! programme membership.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::load::find_key_line;
use super::model::*;
use super::yaml::{did_you_mean, file_pos};
use crate::config::SiteConfig;
use crate::error::{Diagnostic, Severity, SourceFile};
use crate::fs::read_source;

/// The IHI progress scale: score → label.
pub const PROGRESS_SCALE: [(f64, &str); 10] = [
    (0.5, "Intent to participate"),
    (1.0, "Charter and team established"),
    (1.5, "Planning for the project has begun"),
    (2.0, "Activity, but no changes"),
    (2.5, "Changes tested, but no improvement"),
    (3.0, "Modest improvement"),
    (3.5, "Improvement"),
    (4.0, "Significant improvement"),
    (4.5, "Sustainable improvement"),
    (5.0, "Outstanding sustainable results"),
];

/// The IHI label of a progress score, if it is on the scale.
pub fn progress_label(score: f64) -> Option<&'static str> {
    PROGRESS_SCALE
        .iter()
        .find(|(s, _)| (s - score).abs() < 1e-9)
        .map(|(_, l)| *l)
}

/// Quotes lines of files for diagnostics, reading each file at most once.
struct Quoter<'a> {
    root: &'a Path,
    cache: BTreeMap<String, Option<SourceFile>>,
}

impl Quoter<'_> {
    /// A diagnostic at a spanned value of the YAML block starting at `first_line`.
    fn at<T>(
        &mut self,
        rel: &str,
        s: &Spanned<T>,
        first_line: usize,
        severity: Severity,
        msg: String,
    ) -> Diagnostic {
        let (line, col) = file_pos(&s.referenced, first_line);
        self.line(rel, line, col, severity, msg)
    }

    fn line(
        &mut self,
        rel: &str,
        line: usize,
        col: usize,
        severity: Severity,
        msg: String,
    ) -> Diagnostic {
        let root = self.root;
        let src = self
            .cache
            .entry(rel.to_owned())
            .or_insert_with(|| read_source(root, &root.join(rel)).ok());
        match src {
            Some(src) => src.diag(severity, line, col, msg),
            None => Diagnostic {
                line,
                col,
                ..Diagnostic::file(severity, rel, msg)
            },
        }
    }
}

/// Names of documents found on disk, including those that failed to parse: a
/// reference to one of them is not reported again as unknown.
#[derive(Debug, Default)]
pub struct Names {
    pub people: Vec<String>,
    pub projects: Vec<String>,
    pub programmes: Vec<String>,
    /// Project slug → ids of its measures whose YAML failed to parse.
    pub measures: BTreeMap<String, Vec<String>>,
}

/// Names of the things one can refer to.
struct Known {
    /// People, projects and programmes are sorted (see [`union`]): looked up by binary
    /// search, so checking N projects' references costs N log N, not N².
    people: Vec<String>,
    projects: Vec<String>,
    programmes: Vec<String>,
    priorities: Vec<String>,
    directorates: Vec<String>,
    methods: Vec<String>,
}

fn unknown_hint(value: &str, known: &[String], what: &str, place: &str) -> String {
    let mut hint = match did_you_mean(value, known) {
        Some(best) => format!("did you mean `{best}`? "),
        None => String::new(),
    };
    if known.is_empty() {
        hint.push_str(&format!("there are no {what} yet; {place}"));
    } else if known.len() <= 12 {
        hint.push_str(&format!("known {what}: {}; {place}", known.join(", ")));
    } else {
        hint.push_str(place);
    }
    hint
}

/// Runs every cross-document check and fills in programme members.
pub fn validate(
    p: &mut Portfolio,
    config_src: Option<&SourceFile>,
    names: &Names,
    diags: &mut Vec<Diagnostic>,
) {
    let root = p.root.clone();
    let mut q = Quoter {
        root: &root,
        cache: BTreeMap::new(),
    };
    if let Some(src) = config_src {
        check_config(&p.config, src, diags);
    }
    let known = Known {
        people: union(p.people.iter().map(|x| &x.slug), &names.people),
        projects: union(p.projects.iter().map(|x| &x.slug), &names.projects),
        programmes: union(p.programmes.iter().map(|x| &x.slug), &names.programmes),
        priorities: terms(&p.config.taxonomies.priorities),
        directorates: terms(&p.config.taxonomies.directorates),
        methods: terms(&p.config.taxonomies.methods),
    };
    let taxonomies_ok = config_src.is_some();

    check_duplicate_slugs(p, &mut q, diags);
    for project in &p.projects {
        let failed = names.measures.get(&project.slug).map_or(&[][..], |v| v);
        check_project(project, &known, failed, taxonomies_ok, &mut q, diags);
    }
    let members = programme_members(p);
    let shared = SharedContext::new(p, diags);
    for (prog, members) in p.programmes.iter().zip(&members) {
        check_programme(prog, &known, taxonomies_ok, &mut q, diags);
        check_shared_measures(prog, members, &shared, &mut q, diags);
    }
    for person in &p.people {
        if let Some(d) = &person.meta.directorate {
            if taxonomies_ok && !known.directorates.contains(&d.value) {
                let msg = format!("`directorate`: `{}` is not declared in site.yaml", d.value);
                let hint = unknown_hint(
                    &d.value,
                    &known.directorates,
                    "directorates",
                    "declare it under `taxonomies.directorates` in site.yaml",
                );
                diags.push(
                    q.at(&person.source.rel, d, 2, Severity::Error, msg)
                        .with_hint(hint),
                );
            }
        }
    }
    for story in &p.stories {
        let rel = &story.source.rel;
        if let Some(a) = &story.meta.author {
            person_ref(&mut q, diags, rel, a, &known, "author");
        }
        for proj in &story.meta.projects {
            project_ref(&mut q, diags, rel, proj, &known, "projects");
        }
        if let Some(img) = &story.meta.image {
            if !root.join("stories").join(&img.value).is_file() {
                let msg = format!("`image`: there is no file `stories/{}`", img.value);
                diags.push(
                    q.at(rel, img, 2, Severity::Error, msg)
                        .with_hint("put the image in the `stories/` folder, or correct the name"),
                );
            }
        }
    }
    for sc in &p.showcases {
        check_showcase(sc, &known, &mut q, diags);
    }
    for (prog, members) in p.programmes.iter_mut().zip(members) {
        prog.members = members;
    }
}

fn union<'a>(parsed: impl Iterator<Item = &'a String>, found: &[String]) -> Vec<String> {
    let set: BTreeSet<String> = parsed.cloned().chain(found.iter().cloned()).collect();
    set.into_iter().collect()
}

fn terms(list: &[crate::config::TaxonomyTerm]) -> Vec<String> {
    list.iter().map(|t| t.slug.value.clone()).collect()
}

fn check_config(c: &SiteConfig, src: &SourceFile, diags: &mut Vec<Diagnostic>) {
    for (name, list) in [
        ("priorities", &c.taxonomies.priorities),
        ("directorates", &c.taxonomies.directorates),
        ("methods", &c.taxonomies.methods),
    ] {
        let mut seen = BTreeSet::new();
        for t in list {
            let (line, col) = file_pos(&t.slug.referenced, 1);
            if !seen.insert(t.slug.value.clone()) {
                diags.push(
                    src.error(
                        line,
                        col,
                        format!(
                            "`{}` is declared twice in `taxonomies.{name}`",
                            t.slug.value
                        ),
                    )
                    .with_hint("keep one of the two entries"),
                );
            }
            if super::load::slugify(&t.slug.value) != t.slug.value {
                diags.push(
                    src.error(
                        line,
                        col,
                        format!("`{}` is not a web-safe slug", t.slug.value),
                    )
                    .with_hint(format!(
                        "use lower case letters, digits and hyphens, e.g. `{}`",
                        super::load::slugify(&t.slug.value)
                    )),
                );
            }
        }
    }
    if c.stories.per_page == 0 {
        // The `per_page:` line under `stories:`.
        let section = find_key_line(src, "stories").unwrap_or(1);
        let (line, col) = src
            .text
            .lines()
            .enumerate()
            .skip(section)
            .find_map(|(i, l)| {
                let indent = l.len() - l.trim_start().len();
                l.trim_start()
                    .starts_with("per_page:")
                    .then_some((i + 1, indent + 1))
            })
            .unwrap_or((section, 1));
        diags.push(
            src.error(line, col, "`stories.per_page` must be at least 1")
                .with_hint("set how many stories each page lists, e.g. `per_page: 10`"),
        );
    }
    if c.spc.min_points < 2 {
        let line = find_key_line(src, "spc").unwrap_or(1);
        diags.push(
            src.error(line, 1, "`spc.min_points` must be at least 2")
                .with_hint("the usual value is 12"),
        );
    }
}

fn check_duplicate_slugs(p: &Portfolio, q: &mut Quoter<'_>, diags: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for project in &p.projects {
        if let Some(first) = seen.get(project.slug.as_str()) {
            let msg = format!(
                "duplicate project slug `{}`: `{first}` has it too",
                project.slug
            );
            let hint =
                "give each project its own folder name, or set a different `slug:` in one of them";
            let d = match &project.meta.slug {
                Some(s) => q.at(&project.source.rel, s, 2, Severity::Error, msg),
                None => q.line(&project.source.rel, 1, 1, Severity::Error, msg),
            };
            diags.push(d.with_hint(hint));
        } else {
            seen.insert(&project.slug, &project.source.rel);
        }
    }
    let mut stories: BTreeMap<&str, &str> = BTreeMap::new();
    for s in &p.stories {
        if RESERVED_STORY_SLUGS.contains(&s.slug.as_str()) {
            diags.push(
                q.line(
                    &s.source.rel,
                    1,
                    1,
                    Severity::Error,
                    format!(
                        "the story name `{}` is used by the stories index itself",
                        s.slug
                    ),
                )
                .with_hint("rename the file, e.g. `stories/2025-06-01-our-tags.md`"),
            );
        }
        if let Some(first) = stories.insert(&s.slug, &s.source.rel) {
            diags.push(
                q.line(&s.source.rel, 1, 1, Severity::Error, format!("duplicate story slug `{}`: `{first}` has it too", s.slug))
                    .with_hint("story pages are named after the file without its date; rename one of the two files"),
            );
        }
    }
}

/// Story slugs that would collide with the stories index's own pages
/// (`stories/page/2/`, `stories/tags/`).
const RESERVED_STORY_SLUGS: [&str; 2] = ["page", "tags"];

/// Showcase slugs that would collide with the celebration wall (`showcases/wall/`).
const RESERVED_SHOWCASE_SLUGS: [&str; 1] = ["wall"];

fn person_ref(
    q: &mut Quoter<'_>,
    diags: &mut Vec<Diagnostic>,
    rel: &str,
    s: &Spanned<String>,
    known: &Known,
    key: &str,
) {
    if known.people.binary_search(&s.value).is_err() {
        let msg = format!("`{key}`: unknown person `{}`", s.value);
        let hint = unknown_hint(
            &s.value,
            &known.people,
            "people",
            "each person is a file `people/<slug>.md`",
        );
        diags.push(q.at(rel, s, 2, Severity::Error, msg).with_hint(hint));
    }
}

fn project_ref(
    q: &mut Quoter<'_>,
    diags: &mut Vec<Diagnostic>,
    rel: &str,
    s: &Spanned<String>,
    known: &Known,
    key: &str,
) {
    if known.projects.binary_search(&s.value).is_err() {
        let msg = format!("`{key}`: unknown project `{}`", s.value);
        let hint = unknown_hint(
            &s.value,
            &known.projects,
            "projects",
            "each project is a folder `projects/<slug>/`",
        );
        diags.push(q.at(rel, s, 2, Severity::Error, msg).with_hint(hint));
    }
}

#[allow(clippy::too_many_arguments)]
fn taxonomy_ref(
    q: &mut Quoter<'_>,
    diags: &mut Vec<Diagnostic>,
    rel: &str,
    s: &Spanned<String>,
    known: &[String],
    key: &str,
    what: &str,
    section: &str,
) {
    if !known.contains(&s.value) {
        let msg = format!("`{key}`: `{}` is not declared in site.yaml", s.value);
        let hint = unknown_hint(
            &s.value,
            known,
            what,
            &format!("declare it under `taxonomies.{section}` in site.yaml"),
        );
        diags.push(q.at(rel, s, 2, Severity::Error, msg).with_hint(hint));
    }
}

fn check_progress(
    q: &mut Quoter<'_>,
    diags: &mut Vec<Diagnostic>,
    rel: &str,
    s: &Spanned<f64>,
    key: &str,
) {
    if progress_label(s.value).is_none() {
        let msg = format!("`{key}` must be one of 0.5, 1.0 … 5.0 (found {})", s.value);
        diags.push(q.at(rel, s, 2, Severity::Error, msg).with_hint(
            "use the IHI scale in steps of 0.5: 0.5 intent to participate, 1.0 charter and team established, … 5.0 outstanding sustainable results",
        ));
    }
}

fn check_project(
    project: &Project,
    known: &Known,
    failed_measures: &[String],
    taxonomies_ok: bool,
    q: &mut Quoter<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let m = &project.meta;
    let rel = project.source.rel.as_str();
    if let Some(pr) = &m.progress {
        check_progress(q, diags, rel, pr, "progress");
    }
    for u in &m.progress_history {
        check_progress(q, diags, rel, &u.score, "progress_history.score");
    }
    if taxonomies_ok {
        for pr in &m.priorities {
            taxonomy_ref(
                q,
                diags,
                rel,
                pr,
                &known.priorities,
                "priorities",
                "priorities",
                "priorities",
            );
        }
        if let Some(d) = &m.directorate {
            taxonomy_ref(
                q,
                diags,
                rel,
                d,
                &known.directorates,
                "directorate",
                "directorates",
                "directorates",
            );
        }
        for me in &m.methods {
            taxonomy_ref(
                q,
                diags,
                rel,
                me,
                &known.methods,
                "methods",
                "methods",
                "methods",
            );
        }
    }
    for t in &m.team {
        person_ref(q, diags, rel, &t.person, known, "team");
    }
    if let Some(s) = &m.sponsor {
        person_ref(q, diags, rel, s, known, "sponsor");
    }
    if let Some(s) = &m.coach {
        person_ref(q, diags, rel, s, known, "coach");
    }
    if let Some(s) = &m.programme {
        if known.programmes.binary_search(&s.value).is_err() {
            let msg = format!("`programme`: unknown programme `{}`", s.value);
            let hint = unknown_hint(
                &s.value,
                &known.programmes,
                "programmes",
                "each programme is a folder `programmes/<slug>/`",
            );
            diags.push(q.at(rel, s, 2, Severity::Error, msg).with_hint(hint));
        }
    }
    for r in &m.related {
        project_ref(q, diags, rel, r, known, "related");
    }
    if let Some(a) = &m.adapted_from {
        project_ref(q, diags, rel, a, known, "adapted_from");
    }
    for a in &m.attachments {
        if !project.files.contains(&a.file.value) {
            let msg = format!("`attachments`: there is no file `files/{}`", a.file.value);
            diags.push(
                q.at(rel, &a.file, 2, Severity::Error, msg).with_hint(
                    "put the file in the project's `files/` folder, or correct the name",
                ),
            );
        }
    }
    if let (Some(s), Some(e)) = (m.started, m.ended) {
        if e < s {
            let line = q_key_line(q, rel, "ended");
            diags.push(
                q.line(
                    rel,
                    line,
                    1,
                    Severity::Error,
                    format!("`ended` ({}) is before `started` ({})", e.iso(), s.iso()),
                )
                .with_hint("check the two dates"),
            );
        }
    }

    // Driver diagram: unique change-idea ids, and secondary drivers naming real ones.
    let mut ideas: Vec<String> = Vec::new();
    if let Some(driver) = &project.driver {
        let drel = format!("{}/driver.yaml", parent_of(rel));
        for idea in &driver.change_ideas {
            if ideas.contains(&idea.id.value) {
                let msg = format!("change idea `{}` is listed twice", idea.id.value);
                diags.push(
                    q.at(&drel, &idea.id, 1, Severity::Error, msg)
                        .with_hint("give each change idea its own `id`"),
                );
            } else {
                ideas.push(idea.id.value.clone());
            }
        }
        for pd in &driver.primary_drivers {
            for sd in &pd.secondary_drivers {
                for ci in &sd.change_ideas {
                    if !ideas.contains(&ci.value) {
                        let msg = format!("unknown change idea `{}`", ci.value);
                        let hint = unknown_hint(
                            &ci.value,
                            &ideas,
                            "change ideas",
                            "list it under `change_ideas:` with an `id` and a `title`",
                        );
                        diags.push(q.at(&drel, ci, 1, Severity::Error, msg).with_hint(hint));
                    }
                }
            }
        }
    }

    let measure_ids: Vec<String> = project.measures.iter().map(|m| m.id.clone()).collect();
    for cycle in &project.pdsa {
        let crel = cycle.source.rel.as_str();
        if let Some(ci) = &cycle.meta.change_idea {
            if project.driver.is_none() {
                let msg = format!(
                    "`change_idea`: `{}` cannot be found: the project has no driver.yaml",
                    ci.value
                );
                diags.push(
                    q.at(crel, ci, 2, Severity::Error, msg)
                        .with_hint("add a driver.yaml to the project listing its change ideas"),
                );
            } else if !ideas.contains(&ci.value) {
                let msg = format!("`change_idea`: unknown change idea `{}`", ci.value);
                let hint = unknown_hint(
                    &ci.value,
                    &ideas,
                    "change ideas",
                    "change ideas are listed in the project's driver.yaml",
                );
                diags.push(q.at(crel, ci, 2, Severity::Error, msg).with_hint(hint));
            }
        }
        for me in &cycle.meta.measures {
            if !measure_ids.contains(&me.value) && !failed_measures.contains(&me.value) {
                let msg = format!("`measures`: unknown measure `{}`", me.value);
                let hint = unknown_hint(
                    &me.value,
                    &measure_ids,
                    "measures",
                    "measures are the files `measures/<id>.yaml` of this project",
                );
                diags.push(q.at(crel, me, 2, Severity::Error, msg).with_hint(hint));
            }
        }
        if let (Some(s), Some(e)) = (cycle.meta.started, cycle.meta.ended) {
            if e < s {
                let line = q_key_line(q, crel, "ended");
                diags.push(
                    q.line(
                        crel,
                        line,
                        1,
                        Severity::Error,
                        format!("`ended` ({}) is before `started` ({})", e.iso(), s.iso()),
                    )
                    .with_hint("check the two dates"),
                );
            }
        }
    }
    for measure in &project.measures {
        check_measure(measure, q, diags);
    }
}

fn q_key_line(q: &mut Quoter<'_>, rel: &str, key: &str) -> usize {
    let root = q.root;
    q.cache
        .entry(rel.to_owned())
        .or_insert_with(|| read_source(root, &root.join(rel)).ok())
        .as_ref()
        .and_then(|s| find_key_line(s, key))
        .unwrap_or(1)
}

fn parent_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(p, _)| p)
}

fn check_measure(m: &Measure, q: &mut Quoter<'_>, diags: &mut Vec<Diagnostic>) {
    let rel = m.source.rel.as_str();
    let meta = &m.meta;
    if let Some(mult) = &meta.multiplier {
        if mult.value <= 0.0 || !mult.value.is_finite() {
            let msg = format!(
                "`multiplier` must be greater than zero (found {})",
                mult.value
            );
            diags.push(
                q.at(rel, mult, 1, Severity::Error, msg)
                    .with_hint("e.g. `multiplier: 1000` for a rate per 1,000 bed days"),
            );
        } else if !meta.chart.uses_denominator() && mult.value != 1.0 {
            let msg = "`multiplier` only applies to p and u charts".to_owned();
            diags.push(
                q.at(rel, mult, 1, Severity::Error, msg)
                    .with_hint("remove it, or change `chart` to `p` or `u`"),
            );
        }
    }
    if meta.rules == Some(Rules::Nhs) && matches!(meta.chart, ChartType::Run | ChartType::Mr) {
        let line = q_key_line(q, rel, "rules");
        diags.push(
            q.line(
                rel,
                line,
                1,
                Severity::Error,
                format!(
                    "Making Data Count rules (`nhs`) do not apply to a {}",
                    meta.chart.label().to_lowercase()
                ),
            )
            .with_hint("use `rules: anhoj`, or draw the measure on an i chart"),
        );
    }
    if meta.improvement == Improvement::Neutral && meta.target.is_some() {
        let line = q_key_line(q, rel, "target");
        diags.push(
            q.line(
                rel,
                line,
                1,
                Severity::Warning,
                "a target has no meaning when `improvement` is `neutral`".to_owned(),
            )
            .with_hint("set `improvement: increase` or `decrease`, or remove the target"),
        );
    }
    let points: BTreeSet<_> = m.data.iter().map(|o| o.date).collect();
    let n = points.len();
    if let Some(b) = &meta.baseline {
        if b.value < 1 || b.value as usize > n.max(1) {
            let msg = format!(
                "`baseline` must be between 1 and the number of points ({n}), found {}",
                b.value
            );
            diags.push(
                q.at(rel, b, 1, Severity::Error, msg)
                    .with_hint("the baseline is how many leading points set the frozen limits"),
            );
        }
    }
    let mut prev = None;
    for (i, ph) in meta.phases.iter().enumerate() {
        if prev.is_some_and(|p| ph.date <= p) {
            let line = phase_line(q, rel, i);
            diags.push(
                q.line(
                    rel,
                    line,
                    1,
                    Severity::Error,
                    format!(
                        "phase dates must increase: {} is not after the phase before it",
                        ph.date.iso()
                    ),
                )
                .with_hint("list phases in date order"),
            );
        }
        if let (Some(first), Some(last)) = (points.first(), points.last()) {
            if ph.date <= *first || ph.date > *last {
                let line = phase_line(q, rel, i);
                diags.push(
                    q.line(
                        rel,
                        line,
                        1,
                        Severity::Error,
                        format!(
                            "the phase starting {} is outside the data ({} to {})",
                            ph.date.iso(),
                            first.iso(),
                            last.iso()
                        ),
                    )
                    .with_hint(
                        "a phase starts at a date after the first point and no later than the last",
                    ),
                );
            }
        }
        prev = Some(ph.date);
    }
    if n > 0 && n < 12 && !m.data.is_empty() {
        diags.push(
            Diagnostic::file(Severity::Warning, &m.csv_rel, format!("this measure has only {n} points"))
                .with_hint("limits from fewer than 12 points are trial limits; they will settle as data is added"),
        );
    }
}

/// The line of the `i`-th `- date:` entry under `phases:` (best effort).
fn phase_line(q: &mut Quoter<'_>, rel: &str, i: usize) -> usize {
    let start = q_key_line(q, rel, "phases");
    let Some(Some(src)) = q.cache.get(rel) else {
        return start;
    };
    src.text
        .lines()
        .enumerate()
        .skip(start)
        .filter(|(_, l)| l.trim_start().starts_with("- "))
        .nth(i)
        .map_or(start, |(n, _)| n + 1)
}

fn check_programme(
    prog: &Programme,
    known: &Known,
    taxonomies_ok: bool,
    q: &mut Quoter<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let rel = prog.source.rel.as_str();
    let m = &prog.meta;
    if let Some(l) = &m.lead {
        person_ref(q, diags, rel, l, known, "lead");
    }
    if let Some(s) = &m.sponsor {
        person_ref(q, diags, rel, s, known, "sponsor");
    }
    for pr in &m.projects {
        project_ref(q, diags, rel, pr, known, "projects");
    }
    if taxonomies_ok {
        for pr in &m.priorities {
            taxonomy_ref(
                q,
                diags,
                rel,
                pr,
                &known.priorities,
                "priorities",
                "priorities",
                "priorities",
            );
        }
    }
}

/// What the shared-measure checks look up: projects by slug, and the files that
/// already have errors (a combination is not checked on top of them).
struct SharedContext<'a> {
    projects: BTreeMap<&'a str, &'a Project>,
    broken: BTreeSet<String>,
}

impl<'a> SharedContext<'a> {
    fn new(p: &'a Portfolio, diags: &[Diagnostic]) -> Self {
        SharedContext {
            projects: p.projects.iter().map(|x| (x.slug.as_str(), x)).collect(),
            broken: diags
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.path.clone())
                .collect(),
        }
    }
}

/// Each shared measure is held by a member, and its members' data combine in a way
/// that makes statistical sense (see [`super::combine`]); `combine` names only shared
/// measures.
fn check_shared_measures(
    prog: &Programme,
    members: &[String],
    cx: &SharedContext<'_>,
    q: &mut Quoter<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let rel = prog.source.rel.as_str();
    let m = &prog.meta;
    for sm in &m.shared_measures {
        let holders: Vec<super::combine::Member<'_>> = members
            .iter()
            .filter_map(|slug| cx.projects.get(slug.as_str()))
            .filter_map(|project| {
                let measure = project.measures.iter().find(|me| me.id == sm.value)?;
                Some(super::combine::Member { project, measure })
            })
            .collect();
        if holders.is_empty() {
            let msg = format!(
                "`shared_measures`: no member project has a measure `{}`",
                sm.value
            );
            diags.push(q.at(rel, sm, 2, Severity::Error, msg).with_hint(
                "a shared measure is a measure id (`measures/<id>.yaml`) used by the member projects",
            ));
            continue;
        }
        let broken = holders.iter().any(|h| {
            cx.broken.contains(&h.measure.source.rel) || cx.broken.contains(&h.measure.csv_rel)
        });
        if holders.len() < 2 || broken {
            continue;
        }
        let method = m.combine.get(&sm.value);
        let Err(r) = super::combine::combine(&sm.value, &holders, method.map(|x| x.value)) else {
            continue;
        };
        use super::combine::Place;
        let d = match &r.place {
            Place::MeasureKey { rel, key } => {
                let line = q_key_line(q, rel, key);
                let at_key = q
                    .cache
                    .get(rel.as_str())
                    .and_then(|src| src.as_ref()?.line_text(line))
                    .is_some_and(|text| text.starts_with(&format!("{key}:")));
                let col = if at_key { key.len() + 3 } else { 1 };
                q.line(rel, line, col, Severity::Error, r.message)
            }
            Place::CsvLine { rel, line } => q.line(rel, *line, 1, Severity::Error, r.message),
            Place::CombineEntry => match method {
                Some(entry) => q.at(rel, entry, 2, Severity::Error, r.message),
                None => q.at(rel, sm, 2, Severity::Error, r.message),
            },
            Place::SharedMeasure => q.at(rel, sm, 2, Severity::Error, r.message),
        };
        diags.push(d.with_hint(r.hint));
    }
    for (id, method) in &m.combine {
        if !m.shared_measures.iter().any(|sm| &sm.value == id) {
            let msg = format!("`combine`: `{id}` is not one of the programme's `shared_measures`");
            diags.push(
                q.at(rel, method, 2, Severity::Error, msg)
                    .with_hint(format!(
                        "list `{id}` under `shared_measures`, or remove it from `combine`"
                    )),
            );
        }
    }
}

/// Each programme's members, in programme order: the projects it lists and those that
/// name it in `programme:`, sorted, known projects only. One pass over the projects.
fn programme_members(p: &Portfolio) -> Vec<Vec<String>> {
    let mut joined: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for project in &p.projects {
        if let Some(g) = &project.meta.programme {
            joined
                .entry(g.value.as_str())
                .or_default()
                .push(&project.slug);
        }
    }
    let exists: BTreeSet<&str> = p.projects.iter().map(|x| x.slug.as_str()).collect();
    p.programmes
        .iter()
        .map(|prog| {
            let listed = prog.meta.projects.iter().map(|s| s.value.as_str());
            let naming = joined
                .get(prog.slug.as_str())
                .into_iter()
                .flatten()
                .copied();
            let members: BTreeSet<&str> = listed.chain(naming).collect();
            members
                .into_iter()
                .filter(|s| exists.contains(s))
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

fn check_showcase(sc: &Showcase, known: &Known, q: &mut Quoter<'_>, diags: &mut Vec<Diagnostic>) {
    let rel = sc.source.rel.as_str();
    if RESERVED_SHOWCASE_SLUGS.contains(&sc.slug.as_str()) {
        diags.push(
            Diagnostic::file(
                Severity::Error,
                rel,
                format!(
                    "the showcase name `{}` is used by the celebration wall",
                    sc.slug
                ),
            )
            .with_hint("rename the folder, e.g. `showcases/wall-of-fame-2026/`"),
        );
    }
    let mut cats = Vec::new();
    for c in &sc.meta.categories {
        if cats.contains(&c.id.value) {
            let msg = format!("category `{}` is listed twice", c.id.value);
            diags.push(
                q.at(rel, &c.id, 2, Severity::Error, msg)
                    .with_hint("give each category its own `id`"),
            );
        }
        cats.push(c.id.value.clone());
    }
    for e in &sc.meta.entries {
        if let Some(pr) = &e.project {
            project_ref(q, diags, rel, pr, known, "project");
        }
        if let Some(c) = &e.category {
            if !cats.contains(&c.value) {
                let msg = format!("`category`: unknown category `{}`", c.value);
                let hint = unknown_hint(
                    &c.value,
                    &cats,
                    "categories",
                    "list it under `categories:` with an `id` and a `name`",
                );
                diags.push(q.at(rel, c, 2, Severity::Error, msg).with_hint(hint));
            }
        }
        if let Some(poster) = &e.poster {
            let alt = e.poster_alt.as_deref().unwrap_or("").trim();
            if sc.files.contains(&poster.value)
                && super::load::is_image(&poster.value)
                && alt.is_empty()
            {
                let msg = format!("the poster `{}` has no `poster_alt`", poster.value);
                diags.push(q.at(rel, poster, 2, Severity::Warning, msg).with_hint(
                    "describe what the poster shows in `poster_alt`, for people who cannot see it",
                ));
            }
            if !sc.files.contains(&poster.value) {
                let msg = format!(
                    "`poster`: there is no file `{}` beside this showcase",
                    poster.value
                );
                diags.push(
                    q.at(rel, poster, 2, Severity::Error, msg)
                        .with_hint("put the poster in the showcase's folder, or correct the name"),
                );
            }
        }
        for t in &e.team {
            person_ref(q, diags, rel, t, known, "team");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_scale_is_ihi() {
        assert_eq!(progress_label(3.5), Some("Improvement"));
        assert_eq!(progress_label(0.5), Some("Intent to participate"));
        assert_eq!(progress_label(6.0), None);
        assert_eq!(progress_label(3.2), None);
        assert_eq!(progress_label(0.0), None);
    }
}
