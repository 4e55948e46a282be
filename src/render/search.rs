//! The site's search index and similar projects, as JavaScript data files that work
//! offline, from `file://` and under any sub-path.
//!
//! Browsers refuse `fetch()` of local files, so the index is a set of `.js` files that
//! each call `qisiteSearch.load(name, data)`; `static/search.js` loads them on demand
//! by adding `<script>` elements. Everything lives in `search/`:
//! - `manifest.js`: counts, the document kinds, the list of shards, and the word lists
//!   of [`super::tokens`] (the browser's tokeniser uses these, so they cannot differ);
//! - `d-<n>.js`: documents in blocks of [`DOCS_PER_SHARD`], each
//!   `[kind, title, path, context, text]`, the text (for snippets) cut only past
//!   [`TEXT_CHARS`] characters;
//! - `t-<prefix>.js`: the full-text index, term → `[doc, weight, doc, weight, …]`
//!   with document numbers as differences from the one before, and BM25 term weights
//!   (field boosts and length normalisation included, scaled to 1–100), so that the
//!   browser needs only the idf, which follows from the list's length;
//! - `s-<prefix>.js`: the projects' TF-IDF vectors inverted, term →
//!   `[idf × 1000, doc, weight × 1000, …]`, for the "Before you start" page.
//!
//! Shards are keyed by the start of the term: a key grows a letter longer while its
//! shard would hold more than [`SHARD_POSTINGS`] postings, so no file is large and a
//! query loads only the shards of its own terms. A term lives in the shard with the
//! longest key that starts it (characters other than `a`–`z` and `0`–`9` count as `_`).
//!
//! Documents are numbered projects first (in slug order, so project `i` is document
//! `i`), then PDSA cycles, programmes, stories, showcases, people and pages. Terms come
//! from [`super::tokens`]. Deterministic: sorted maps throughout. Pure: no I/O.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rayon::prelude::*;

use super::markdown::Markdown;
use super::paths;
use super::similar::{self, Document, TermVectors};
use super::tokens::{self, count, for_each_token, TermMap};
use crate::content::model::*;

/// Documents per `d-<n>.js` file: few, since a page of results needs the full text
/// of its documents only.
pub const DOCS_PER_SHARD: usize = 25;
/// Characters of each document's text kept for result snippets: all of it, unless a
/// page is very long.
pub const TEXT_CHARS: usize = 10_000;
/// Postings above which a shard is split by a longer key.
pub const SHARD_POSTINGS: usize = 12_000;
/// The longest shard key.
const MAX_KEY: usize = 4;
/// BM25 parameters (the usual defaults).
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// How many related projects a project page lists.
pub const RELATED: usize = 5;

/// What a search result is, in the order the manifest lists the labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Project,
    Pdsa,
    Programme,
    Story,
    Showcase,
    Person,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Project,
        Kind::Pdsa,
        Kind::Programme,
        Kind::Story,
        Kind::Showcase,
        Kind::Person,
        Kind::Page,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Project => "Project",
            Kind::Pdsa => "PDSA cycle",
            Kind::Programme => "Programme",
            Kind::Story => "Story",
            Kind::Showcase => "Showcase",
            Kind::Person => "Person",
            Kind::Page => "Page",
        }
    }
}

/// One searchable page.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchDoc {
    pub kind: Kind,
    pub title: String,
    /// Output path of the page.
    pub path: String,
    /// A short line shown under the title: the project of a PDSA cycle, a person's job.
    pub context: String,
    /// The texts to index, with their boosts (title 3, short descriptions 2, text 1).
    pub fields: Vec<(String, u32)>,
    /// Plain text for snippets, at most [`TEXT_CHARS`] characters.
    pub text: String,
}

/// The text a project is compared by: the aim counts three times, the title and tags
/// twice, the summary and the change ideas (the driver diagram's, and each PDSA
/// cycle's) once. The aim weighs most because "Before you start" compares aims.
pub fn project_document(p: &Project) -> Document<'_> {
    let mut doc: Document<'_> = vec![
        (p.meta.title.as_str(), 2),
        (p.meta.aim.as_str(), 3),
        (p.meta.summary.as_str(), 1),
    ];
    doc.extend(p.meta.tags.iter().map(|t| (t.as_str(), 2)));
    if let Some(driver) = &p.driver {
        for idea in &driver.change_ideas {
            doc.push((idea.title.as_str(), 1));
            if let Some(d) = &idea.description {
                doc.push((d.as_str(), 1));
            }
        }
    }
    for cycle in &p.pdsa {
        if let Some(idea) = super::views::change_idea(p, cycle) {
            doc.push((idea.title.as_str(), 1));
        }
    }
    doc
}

/// The projects' term vectors and, for each project, its most similar projects.
pub struct SimilarProjects {
    pub vectors: TermVectors,
    /// Per project (by index in `portfolio.projects`): (project index, similarity).
    pub similar: Vec<Vec<(usize, f32)>>,
}

impl SimilarProjects {
    pub fn new(p: &Portfolio) -> SimilarProjects {
        let docs: Vec<Document<'_>> = p.projects.iter().map(project_document).collect();
        let options = similar::Options::default();
        let vectors = similar::term_vectors(&docs, &options);
        let similar = similar::most_similar(&vectors, RELATED, &options);
        SimilarProjects { vectors, similar }
    }
}

/// Every searchable page of the portfolio, numbered as the module comment says.
pub fn documents(p: &Portfolio, md: &Markdown) -> Vec<SearchDoc> {
    let text = |body: &str| plain(md, body);
    let mut docs: Vec<SearchDoc> = p
        .projects
        .par_iter()
        .map(|x| project_doc(p, x, &text(&x.body)))
        .collect();
    let cycles: Vec<(&Project, &PdsaCycle)> = p
        .projects
        .iter()
        .flat_map(|x| x.pdsa.iter().map(move |c| (x, c)))
        .collect();
    docs.par_extend(cycles.par_iter().map(|(x, c)| pdsa_doc(x, c, &text)));
    docs.extend(other_docs(p, md));
    docs
}

/// The documents of [`documents`] that are not projects' or PDSA cycles': programmes,
/// stories, showcases, people and pages, in that order (they follow the cycles').
pub fn other_docs(p: &Portfolio, md: &Markdown) -> Vec<SearchDoc> {
    let text = |body: &str| plain(md, body);
    let mut docs = Vec::new();
    for g in &p.programmes {
        let m = &g.meta;
        docs.push(doc(
            Kind::Programme,
            &m.title,
            paths::programme(&g.slug),
            String::new(),
            vec![
                (m.summary.clone(), 2),
                (m.aim.clone(), 2),
                (m.tags.join(" "), 2),
                (text(&g.body), 1),
            ],
        ));
    }
    for s in &p.stories {
        let m = &s.meta;
        docs.push(doc(
            Kind::Story,
            &m.title,
            paths::story(&s.slug),
            s.date.long(),
            vec![
                (m.summary.clone(), 2),
                (m.tags.join(" "), 2),
                (text(&s.body), 1),
            ],
        ));
    }
    for s in &p.showcases {
        let m = &s.meta;
        let mut fields = vec![
            (m.summary.clone(), 2),
            (m.venue.clone().unwrap_or_default(), 1),
            (text(&s.body), 1),
        ];
        for c in &m.categories {
            fields.push((c.name.clone(), 1));
        }
        for e in &m.entries {
            fields.push((format!("{} {}", e.title, e.r#abstract), 1));
        }
        docs.push(doc(
            Kind::Showcase,
            &m.title,
            paths::showcase(&s.slug),
            m.date.long(),
            fields,
        ));
    }
    for x in &p.people {
        let m = &x.meta;
        let job = [m.job_title.as_deref(), m.team.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        let roles: Vec<&str> = m.roles.iter().map(|r| r.label()).collect();
        docs.push(doc(
            Kind::Person,
            &m.name,
            paths::person(&x.slug),
            job.clone(),
            vec![(job, 2), (roles.join(", "), 1), (text(&x.body), 1)],
        ));
    }
    for page in &p.pages {
        let m = &page.meta;
        docs.push(doc(
            Kind::Page,
            &m.title,
            paths::page(&page.slug),
            String::new(),
            vec![(m.summary.clone(), 2), (text(&page.body), 1)],
        ));
    }
    docs
}

/// A document whose snippet text is its fields after the title, in order.
/// The words of a Markdown text, without its markup and shortcodes.
fn plain(md: &Markdown, body: &str) -> String {
    strip_shortcodes(&md.plain_text(body))
}

/// Project `i`'s documents (its own and its PDSA cycles'), numbered as in
/// [`documents`]. `qisite serve` makes them again after an edit of the project's texts,
/// for [`TextIndex::update`].
pub fn project_docs(p: &Portfolio, i: usize, md: &Markdown) -> Vec<(usize, SearchDoc)> {
    let text = |body: &str| plain(md, body);
    let project = &p.projects[i];
    let mut docs = vec![(i, project_doc(p, project, &text(&project.body)))];
    let first = p.projects.len() + p.projects[..i].iter().map(|x| x.pdsa.len()).sum::<usize>();
    for (k, cycle) in project.pdsa.iter().enumerate() {
        docs.push((first + k, pdsa_doc(project, cycle, &text)));
    }
    docs
}

fn doc(
    kind: Kind,
    title: &str,
    path: String,
    context: String,
    fields: Vec<(String, u32)>,
) -> SearchDoc {
    // Fields read as sentences: "Objective. Change idea. Prediction."
    let mut joined = String::new();
    for t in fields
        .iter()
        .map(|(t, _)| t.trim())
        .filter(|t| !t.is_empty())
    {
        if !joined.is_empty() {
            let ends_sentence = joined.ends_with(['.', '!', '?', ':', ';', '…']);
            joined.push_str(if ends_sentence { " " } else { ". " });
        }
        joined.push_str(t);
    }
    let text = cut(&joined, TEXT_CHARS);
    let mut all = vec![(title.to_owned(), 3)];
    all.extend(fields);
    SearchDoc {
        kind,
        title: title.to_owned(),
        path,
        context,
        fields: all,
        text,
    }
}

fn project_doc(p: &Portfolio, x: &Project, body: &str) -> SearchDoc {
    let m = &x.meta;
    let cfg = &p.config.taxonomies;
    let name = |terms: &[crate::config::TaxonomyTerm], slug: &str| {
        terms
            .iter()
            .find(|t| t.slug.value == slug)
            .map_or(slug.to_owned(), |t| t.name.clone())
    };
    let mut facets: Vec<String> = m
        .priorities
        .iter()
        .map(|s| name(&cfg.priorities, &s.value))
        .collect();
    facets.extend(
        m.directorate
            .iter()
            .map(|s| name(&cfg.directorates, &s.value)),
    );
    facets.extend(m.methods.iter().map(|s| name(&cfg.methods, &s.value)));
    let mut changes = String::new();
    if let Some(d) = &x.driver {
        for primary in &d.primary_drivers {
            changes.push_str(&primary.title);
            changes.push(' ');
            for s in &primary.secondary_drivers {
                changes.push_str(&s.title);
                changes.push(' ');
            }
        }
        for idea in &d.change_ideas {
            changes.push_str(&idea.title);
            changes.push(' ');
            changes.push_str(idea.description.as_deref().unwrap_or(""));
            changes.push(' ');
        }
    }
    let measures: Vec<String> = x
        .measures
        .iter()
        .map(|ms| format!("{} {}", ms.meta.title, ms.meta.definition))
        .collect();
    doc(
        Kind::Project,
        &m.title,
        paths::project(&x.slug),
        m.status.label().to_owned(),
        vec![
            (m.summary.clone(), 2),
            (m.aim.clone(), 2),
            (m.tags.join(" "), 2),
            (body.to_owned(), 1),
            (changes, 1),
            (measures.join(" "), 1),
            (facets.join(" "), 1),
        ],
    )
}

fn pdsa_doc(x: &Project, c: &PdsaCycle, text: &(impl Fn(&str) -> String + Sync)) -> SearchDoc {
    let m = &c.meta;
    let s = &c.sections;
    let idea = super::views::change_idea(x, c).map_or(String::new(), |i| i.title.clone());
    doc(
        Kind::Pdsa,
        &format!("PDSA cycle {}: {}", c.cycle, m.title),
        paths::pdsa(&x.slug, &c.slug),
        x.meta.title.clone(),
        vec![
            (m.objective.clone(), 2),
            (idea, 2),
            (m.prediction.clone().unwrap_or_default(), 1),
            (m.questions.join(" "), 1),
            (text(&s.intro), 1),
            (text(&s.r#do), 1),
            (text(&s.study), 1),
            (text(&s.act), 1),
            (m.next.clone().unwrap_or_default(), 1),
        ],
    )
}

/// Plain text without `{{ … }}` shortcodes (a chart embedded in a story).
fn strip_shortcodes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters of `text`, cut at a space when there is one near the end.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((end, _)) => {
            let head = &text[..end];
            let at = head.rfind(' ').filter(|&i| i > end / 2).unwrap_or(end);
            format!("{}…", head[..at].trim_end())
        }
    }
}

/// A term's postings: (document, BM25 weight 1–100), by document.
pub type Postings = Vec<(u32, u8)>;

/// Field-weighted term frequencies and the length of a document.
fn counted(d: &SearchDoc) -> (TermMap<String, u32>, u32) {
    let mut tf: TermMap<String, u32> = TermMap::default();
    let mut len = 0;
    for (text, boost) in &d.fields {
        for_each_token(text, |t| {
            count(&mut tf, t, *boost);
            len += boost;
        });
    }
    (tf, len)
}

/// The average document length BM25 divides by, rounded to two significant figures
/// (BM25 hardly notices), so that an edit of one document's text seldom changes it,
/// and with it every weight in the index: `qisite serve` then updates only the edited
/// document's terms.
fn average(total: u64, docs: usize) -> f64 {
    let avg = total as f64 / docs.max(1) as f64;
    if avg < 10.0 {
        return avg.round().max(1.0);
    }
    let unit = 10f64.powi(avg.log10().floor() as i32 - 1);
    (avg / unit).round() * unit
}

/// The BM25 weight of a term found `f` times in a document of length `len`, scaled to
/// 1–100.
fn weight(f: u32, len: u32, avg: f64) -> u8 {
    let (f, norm) = (f64::from(f), K1 * (1.0 - B + B * f64::from(len) / avg));
    let w = f * (K1 + 1.0) / (f + norm) / (K1 + 1.0) * 100.0;
    w.round().clamp(1.0, 100.0) as u8
}

/// The full-text index: term → postings.
pub fn postings(docs: &[SearchDoc]) -> BTreeMap<String, Postings> {
    TextIndex::new(docs).postings
}

/// The full-text index and how its files are cut, kept by `qisite serve` so that new
/// texts of a few documents update it ([`TextIndex::update`]) without reading every
/// document again.
pub struct TextIndex {
    /// Each document's length (field-weighted tokens).
    lens: Vec<u32>,
    total: u64,
    avg: f64,
    postings: BTreeMap<String, Postings>,
    /// The `t-` shards: key → terms.
    shards: BTreeMap<String, Vec<String>>,
    /// Each term's part of its shard file, kept (by [`files_keeping`]) so an update
    /// writes again only the parts of the terms that changed.
    fragments: HashMap<String, String>,
    /// The keys of the `s-` shards and the number of projects, for the manifest.
    similar_keys: Vec<String>,
    projects: usize,
}

impl TextIndex {
    fn new(docs: &[SearchDoc]) -> TextIndex {
        let counted: Vec<(TermMap<String, u32>, u32)> = docs.par_iter().map(counted).collect();
        let lens: Vec<u32> = counted.iter().map(|(_, len)| *len).collect();
        let total: u64 = lens.iter().map(|len| u64::from(*len)).sum();
        let avg = average(total, lens.len());
        // One pass over every (document, term) pair, in document order, so each list is
        // sorted by document.
        let mut ids: TermMap<&str, usize> = TermMap::default();
        let mut lists: Vec<(&str, Postings)> = Vec::new();
        for (d, (tf, len)) in counted.iter().enumerate() {
            for (t, f) in tf {
                let id = *ids.entry(t.as_str()).or_insert_with(|| {
                    lists.push((t.as_str(), Vec::new()));
                    lists.len() - 1
                });
                lists[id].1.push((d as u32, weight(*f, *len, avg)));
            }
        }
        let postings: BTreeMap<String, Postings> = lists
            .into_iter()
            .map(|(t, list)| (t.to_owned(), list))
            .collect();
        let shards = owned_shards(&postings);
        TextIndex {
            lens,
            total,
            avg,
            postings,
            shards,
            fragments: HashMap::new(),
            similar_keys: Vec::new(),
            projects: 0,
        }
    }

    /// Puts each `(d, doc)` of `new` in place of document `d` of `docs` (the documents
    /// this index was made from) and updates the index to match. Returns the search
    /// files that changed, and the paths of those that are no longer made: the same
    /// as [`files`] would give for the new documents.
    pub fn update(
        &mut self,
        docs: &mut [SearchDoc],
        new: Vec<(usize, SearchDoc)>,
    ) -> (Vec<(String, String)>, Vec<String>) {
        // Terms whose postings changed, and the first letters of terms that came or
        // went (whose shards may be cut differently now).
        let mut touched: std::collections::HashSet<String> = Default::default();
        let mut regroup: std::collections::BTreeSet<String> = Default::default();
        let mut blocks = std::collections::BTreeSet::new();
        let mut fresh = Vec::new();
        for (d, doc) in new {
            if docs[d] == doc {
                continue;
            }
            let (old, old_len) = counted(&docs[d]);
            let (tf, len) = counted(&doc);
            self.total = self.total - u64::from(old_len) + u64::from(len);
            self.lens[d] = len;
            docs[d] = doc;
            blocks.insert(d / DOCS_PER_SHARD);
            fresh.push((d, old, tf, len));
        }
        let mut files = Vec::new();
        if average(self.total, self.lens.len()) != self.avg {
            // Every weight may have moved: index everything again.
            let old_shards = std::mem::take(&mut self.shards);
            let TextIndex {
                lens,
                total,
                avg,
                postings,
                shards,
                ..
            } = TextIndex::new(docs);
            (self.lens, self.total, self.avg) = (lens, total, avg);
            (self.postings, self.shards) = (postings, shards);
            if !self.fragments.is_empty() {
                self.fragments = fragments(&self.postings);
            }
            files.par_extend(
                self.shards
                    .par_iter()
                    .map(|(k, terms)| term_file(k, terms, &self.postings, &self.fragments)),
            );
            let removed = old_shards
                .keys()
                .filter(|k| !self.shards.contains_key(*k))
                .map(|k| format!("search/t-{k}.js"))
                .collect();
            return (self.finish(files, docs, blocks), removed);
        }
        for (d, old, tf, len) in fresh {
            let d = d as u32;
            for t in old.keys().filter(|t| !tf.contains_key(*t)) {
                if let Some(list) = self.postings.get_mut(t) {
                    if let Ok(i) = list.binary_search_by_key(&d, |p| p.0) {
                        list.remove(i);
                    }
                    if list.is_empty() {
                        self.postings.remove(t);
                    }
                }
                regroup.insert(key(t, 1));
                touched.insert(t.clone());
            }
            for (t, f) in tf {
                let posting = (d, weight(f, len, self.avg));
                let list = self.postings.entry(t.clone()).or_default();
                match list.binary_search_by_key(&d, |p| p.0) {
                    Ok(i) if list[i] == posting => continue,
                    Ok(i) => list[i] = posting,
                    Err(i) => {
                        list.insert(i, posting);
                        regroup.insert(key(&t, 1));
                    }
                }
                touched.insert(t);
            }
        }
        // Cut again the shards of the first letters whose lists grew or shrank.
        let mut removed = Vec::new();
        for first in &regroup {
            let group: Vec<&str> = if first == "_" {
                self.postings
                    .keys()
                    .map(String::as_str)
                    .filter(|t| key(t, 1) == "_")
                    .collect()
            } else {
                self.postings
                    .range::<str, _>((
                        std::ops::Bound::Included(first.as_str()),
                        std::ops::Bound::Unbounded,
                    ))
                    .map(|(t, _)| t.as_str())
                    .take_while(|t| t.starts_with(first.as_str()))
                    .collect()
            };
            let mut cut = BTreeMap::new();
            split(&group, 1, &self.postings, Vec::len, &mut cut);
            let keys: Vec<String> = self
                .shards
                .keys()
                .filter(|k| k.starts_with(first.as_str()))
                .cloned()
                .collect();
            let mut before: BTreeMap<String, Vec<String>> = keys
                .into_iter()
                .filter_map(|k| self.shards.remove_entry(&k))
                .collect();
            for (k, terms) in cut {
                let terms: Vec<String> = terms.into_iter().map(str::to_owned).collect();
                // A shard cut differently is written again.
                if before.remove(&k).as_ref() != Some(&terms) {
                    touched.extend(terms.first().cloned());
                }
                self.shards.insert(k, terms);
            }
            removed.extend(before.keys().map(|k| format!("search/t-{k}.js")));
        }
        if !self.fragments.is_empty() {
            for t in &touched {
                match self.postings.get(t) {
                    Some(list) => {
                        let text = fragment(t, list);
                        self.fragments.insert(t.clone(), text);
                    }
                    None => {
                        self.fragments.remove(t);
                    }
                }
            }
        }
        files.par_extend(
            self.shards
                .par_iter()
                .filter(|(_, terms)| terms.iter().any(|t| touched.contains(t)))
                .map(|(k, terms)| term_file(k, terms, &self.postings, &self.fragments)),
        );
        (self.finish(files, docs, blocks), removed)
    }

    /// Takes new term vectors of the projects (as [`SimilarProjects`] makes them):
    /// returns the `s-` files and the manifest for `docs` documents, and the paths of
    /// the `s-` files no longer made.
    pub fn set_similar(
        &mut self,
        projects: &TermVectors,
        docs: usize,
    ) -> (Vec<(String, String)>, Vec<String>) {
        let (mut files, keys) = similar_files(projects);
        let removed = self
            .similar_keys
            .iter()
            .filter(|k| !keys.contains(k))
            .map(|k| format!("search/s-{k}.js"))
            .collect();
        self.similar_keys = keys;
        self.projects = projects.vectors.len();
        files.push(self.manifest(docs));
        files.sort();
        (files, removed)
    }

    /// The paths of every file of `search/` this index gives for `docs` documents.
    pub fn paths(&self, docs: usize) -> Vec<String> {
        let mut paths: Vec<String> = self
            .shards
            .keys()
            .map(|k| format!("search/t-{k}.js"))
            .chain(self.similar_keys.iter().map(|k| format!("search/s-{k}.js")))
            .chain((0..docs.div_ceil(DOCS_PER_SHARD)).map(|n| format!("search/d-{n}.js")))
            .collect();
        paths.push("search/manifest.js".into());
        paths.sort();
        paths
    }

    /// `files` with the changed blocks of documents and the manifest, sorted.
    fn finish(
        &self,
        mut files: Vec<(String, String)>,
        docs: &[SearchDoc],
        blocks: std::collections::BTreeSet<usize>,
    ) -> Vec<(String, String)> {
        for n in blocks {
            let from = n * DOCS_PER_SHARD;
            let to = (from + DOCS_PER_SHARD).min(docs.len());
            files.push(doc_file(n, &docs[from..to]));
        }
        files.push(self.manifest(docs.len()));
        files.sort();
        files
    }

    fn manifest(&self, docs: usize) -> (String, String) {
        let manifest = serde_json::json!({
            "docs": docs,
            "projects": self.projects,
            "docsPerShard": DOCS_PER_SHARD,
            "kinds": Kind::ALL.iter().map(|k| k.label()).collect::<Vec<_>>(),
            "terms": self.shards.keys().collect::<Vec<_>>(),
            "similar": self.similar_keys,
            "stopWords": tokens::STOP_WORDS,
            "genericTerms": tokens::GENERIC_TERMS,
        });
        (
            "search/manifest.js".into(),
            load_call("manifest", &manifest.to_string()),
        )
    }
}

/// [`shards`] of the full-text index, owned.
fn owned_shards(postings: &BTreeMap<String, Postings>) -> BTreeMap<String, Vec<String>> {
    shards(postings, Vec::len)
        .into_iter()
        .map(|(k, terms)| (k, terms.into_iter().map(str::to_owned).collect()))
        .collect()
}

/// A `t-` shard: its terms' postings, document numbers as differences.
fn term_file(
    k: &str,
    terms: &[impl AsRef<str>],
    index: &BTreeMap<String, Postings>,
    fragments: &HashMap<String, String>,
) -> (String, String) {
    let mut data = String::from("{");
    for (i, t) in terms.iter().enumerate() {
        let t = t.as_ref();
        if i > 0 {
            data.push(',');
        }
        match fragments.get(t) {
            Some(text) => data.push_str(text),
            None => data.push_str(&fragment(t, &index[t])),
        }
    }
    data.push('}');
    let name = format!("t-{k}");
    (format!("search/{name}.js"), load_call(&name, &data))
}

/// A term and its postings as a `t-` shard holds them: `"term":[doc,weight,…]`, each
/// document number as the difference from the one before.
fn fragment(t: &str, list: &Postings) -> String {
    let mut data = json(t);
    data.push_str(":[");
    let mut last = 0;
    for (j, (d, w)) in list.iter().enumerate() {
        if j > 0 {
            data.push(',');
        }
        let _ = write!(data, "{},{}", d - last, w);
        last = *d;
    }
    data.push(']');
    data
}

/// Every term's [`fragment`], made in parallel.
fn fragments(postings: &BTreeMap<String, Postings>) -> HashMap<String, String> {
    postings
        .par_iter()
        .map(|(t, list)| (t.clone(), fragment(t, list)))
        .collect()
}

/// A `d-` file: block `n` of the documents.
fn doc_file(n: usize, block: &[SearchDoc]) -> (String, String) {
    let name = format!("d-{n}");
    let mut data = String::from("[");
    for (i, d) in block.iter().enumerate() {
        if i > 0 {
            data.push_str(",\n");
        }
        let kind = Kind::ALL.iter().position(|k| *k == d.kind).unwrap_or(0);
        data.push_str(&json(&(kind, &*d.title, &*d.path, &*d.context, &*d.text)));
    }
    data.push(']');
    (format!("search/{name}.js"), load_call(&name, &data))
}

/// The shard key of a term at length `n`: its first `n` characters, with anything
/// but `a`–`z` and `0`–`9` as `_`.
pub fn key(term: &str, n: usize) -> String {
    term.chars()
        .take(n)
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Terms grouped into shards (see the module comment): shard key → terms. `size`
/// tells how many postings a term brings.
pub fn shards<T>(
    terms: &BTreeMap<String, T>,
    size: impl Fn(&T) -> usize + Copy,
) -> BTreeMap<String, Vec<&str>> {
    let mut out = BTreeMap::new();
    let all: Vec<&str> = terms.keys().map(String::as_str).collect();
    split(&all, 1, terms, size, &mut out);
    out
}

fn split<'a, T>(
    group: &[&'a str],
    n: usize,
    terms: &BTreeMap<String, T>,
    size: impl Fn(&T) -> usize + Copy,
    out: &mut BTreeMap<String, Vec<&'a str>>,
) {
    let mut by_key: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    for t in group {
        by_key.entry(key(t, n)).or_default().push(t);
    }
    for (k, members) in by_key {
        let total: usize = members.iter().map(|t| size(&terms[*t])).sum();
        if total <= SHARD_POSTINGS || n >= MAX_KEY {
            out.insert(k, members);
            continue;
        }
        // Terms no longer than the key stay in its shard; the rest go a level down.
        let (short, long): (Vec<&str>, Vec<&str>) =
            members.into_iter().partition(|t| t.chars().count() <= n);
        if !short.is_empty() {
            out.insert(k, short);
        }
        split(&long, n + 1, terms, size, out);
    }
}

/// A JavaScript file that hands `data` (JSON text) to the search script.
fn load_call(name: &str, data: &str) -> String {
    format!("qisiteSearch.load({},{});\n", json(name), data)
}

fn json(value: &(impl serde::Serialize + ?Sized)) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// The `s-` shards of the projects' term vectors, and their keys.
fn similar_files(projects: &TermVectors) -> (Vec<(String, String)>, Vec<String>) {
    // The projects' vectors, inverted: term → (idf, [(project, weight)]).
    let mut inverted: BTreeMap<String, (f32, Vec<(u32, f32)>)> = BTreeMap::new();
    for (d, v) in projects.vectors.iter().enumerate() {
        for &(t, w) in v {
            let t = t as usize;
            inverted
                .entry(projects.terms[t].clone())
                .or_insert_with(|| (projects.idf[t], Vec::new()))
                .1
                .push((d as u32, w));
        }
    }
    let similar_shards = shards(&inverted, |(_, list)| list.len());
    let files = similar_shards
        .par_iter()
        .map(|(k, terms)| {
            let mut data = String::from("{");
            for (i, t) in terms.iter().enumerate() {
                if i > 0 {
                    data.push(',');
                }
                let (idf, list) = &inverted[*t];
                let _ = write!(data, "{}:[{}", json(t), (idf * 1000.0).round() as u32);
                let mut last = 0;
                for (d, w) in list {
                    let _ = write!(data, ",{},{}", d - last, (w * 1000.0).round() as u32);
                    last = *d;
                }
                data.push(']');
            }
            data.push('}');
            let name = format!("s-{k}");
            (format!("search/{name}.js"), load_call(&name, &data))
        })
        .collect();
    (files, similar_shards.keys().cloned().collect())
}

/// Every file of `search/` (output path → JavaScript).
pub fn files(docs: &[SearchDoc], projects: &TermVectors) -> Vec<(String, String)> {
    files_keeping(docs, projects, false).0
}

/// [`files`], also returning the index, for [`TextIndex::update`]. With `parts`, the
/// index keeps each term's part of its shard file too, so that updates are quicker.
pub fn files_keeping(
    docs: &[SearchDoc],
    projects: &TermVectors,
    parts: bool,
) -> (Vec<(String, String)>, TextIndex) {
    let mut index = TextIndex::new(docs);
    if parts {
        index.fragments = fragments(&index.postings);
    }
    let mut files = Vec::new();
    files.par_extend(
        index
            .shards
            .par_iter()
            .map(|(k, terms)| term_file(k, terms, &index.postings, &index.fragments)),
    );

    let (similar_files, similar_keys) = similar_files(projects);
    files.extend(similar_files);
    index.similar_keys = similar_keys;
    index.projects = projects.vectors.len();

    files.par_extend(
        docs.par_chunks(DOCS_PER_SHARD)
            .enumerate()
            .map(|(n, block)| doc_file(n, block)),
    );
    files.push(index.manifest(docs.len()));
    files.sort();
    (files, index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sdoc(title: &str, text: &str) -> SearchDoc {
        doc(
            Kind::Page,
            title,
            paths::page(title),
            String::new(),
            vec![(text.to_owned(), 1)],
        )
    }

    #[test]
    fn postings_weigh_titles_and_short_documents_higher() {
        let docs = [
            sdoc("falls", "a ward"),
            sdoc(
                "ward",
                "falls falls and more words about other things entirely",
            ),
            sdoc("sepsis", "screening"),
        ];
        let index = postings(&docs);
        let falls = &index["fall"];
        assert_eq!(falls.iter().map(|(d, _)| *d).collect::<Vec<_>>(), [0, 1]);
        assert!(falls[0].1 > falls[1].1, "{falls:?}");
        assert_eq!(index["screen"], [(2, index["screen"][0].1)]);
        assert!(index.values().flatten().all(|(_, w)| (1..=100).contains(w)));
        assert!(!index.contains_key("and"));
    }

    #[test]
    fn shard_keys_split_large_groups_only() {
        let mut terms: BTreeMap<String, usize> = BTreeMap::new();
        terms.insert("fa".into(), 10);
        terms.insert("fall".into(), SHARD_POSTINGS);
        terms.insert("fast".into(), 5);
        terms.insert("ward".into(), 3);
        terms.insert("ærø".into(), 1);
        let shards = shards(&terms, |n| *n);
        let want: BTreeMap<String, Vec<&str>> = [
            ("_", vec!["ærø"]),
            ("fa", vec!["fa"]),
            ("fal", vec!["fall"]),
            ("fas", vec!["fast"]),
            ("w", vec!["ward"]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        assert_eq!(shards, want);
        // A term is in the shard with the longest key that starts it.
        for (k, members) in &shards {
            for t in members {
                let longest = shards
                    .keys()
                    .filter(|k| key(t, 4).starts_with(k.as_str()))
                    .max_by_key(|k| k.len())
                    .unwrap();
                assert_eq!(longest, k);
            }
        }
    }

    #[test]
    fn snippet_text_is_cut_at_a_space() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three four", 12), "one two…");
        assert_eq!(cut("abcdefghij", 4), "abcd…");
        assert_eq!(strip_shortcodes("a {{ chart(x=\"y\") }} b"), "a b");
        assert_eq!(strip_shortcodes("a {{ open"), "a {{ open");
    }

    /// Words that start with `c`, some of them in many documents.
    fn c_words(i: usize) -> String {
        format!("care{} cart{} cab{} c{}x", i % 3, i % 5, i % 400, i % 50)
    }

    /// An index updated with new texts of some documents gives the same files as one
    /// made from the new documents, whether or not the average length moves.
    #[test]
    fn updating_the_index_gives_the_files_of_a_fresh_one() {
        let words = [
            "falls",
            "ward",
            "sepsis",
            "screening",
            "handover",
            "bedside",
            "insulin",
            "doses",
            "theatre",
            "start",
            "discharge",
            "noon",
            "pressure",
            "ulcer",
            "zebra",
        ];
        let text = |seed: usize, n: usize| -> String {
            (0..n)
                .map(|k| words[(seed * 7 + k * k * 3 + k) % words.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        // Enough documents that the shards of `c` are cut by longer keys.
        let mut docs: Vec<SearchDoc> = (0..3000)
            .map(|i| {
                sdoc(
                    &format!("doc{i}"),
                    &format!("{} {}", text(i, 5 + i % 9), c_words(i)),
                )
            })
            .collect();
        let tv = similar::term_vectors(&[vec![("falls ward", 1)]], &similar::Options::default());
        let (mut served, mut index) = files_keeping(&docs, &tv, true);
        // Edits: a word or two (the average stays), a long text (it moves), a new
        // term, and a term's last use taken away.
        // The shards of `c` hold exactly SHARD_POSTINGS postings, so the first edit
        // makes them cut by longer keys and the second joins them again.
        assert_eq!(3000 * 4, SHARD_POSTINGS);
        let edits: Vec<(usize, String)> = vec![
            (7, format!("{} cabbage cabin cabinet", c_words(7))),
            (7, "cab".into()),
            (3, format!("{} ward {}", text(3, 5), c_words(3))),
            (59, text(11, 4000)),
            (10, "quokka falls".into()),
            (10, "falls".into()),
            (0, String::new()),
        ];
        for (d, new) in edits {
            let fresh = sdoc(&format!("doc{d}"), &new);
            let (changed, removed) = index.update(&mut docs, vec![(d, fresh)]);
            for path in &removed {
                served.retain(|(p, _)| p != path);
            }
            for (path, js) in changed {
                match served.iter_mut().find(|(p, _)| *p == path) {
                    Some(file) => file.1 = js,
                    None => served.push((path, js)),
                }
            }
            served.sort();
            assert_eq!(served, files(&docs, &tv), "after the edit of document {d}");
        }
    }

    #[test]
    fn files_are_javascript_that_calls_the_loader() {
        let docs = vec![sdoc("falls", "ward checklist"), sdoc("sepsis", "screening")];
        let tv = similar::term_vectors(
            &[vec![("falls ward", 1)], vec![("sepsis ward", 1)]],
            &similar::Options::default(),
        );
        let files = files(&docs, &tv);
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "search/d-0.js",
                "search/manifest.js",
                "search/s-f.js",
                "search/s-s.js",
                "search/s-w.js",
                "search/t-c.js",
                "search/t-f.js",
                "search/t-s.js",
                "search/t-w.js",
            ]
        );
        let get = |name: &str| &files.iter().find(|(p, _)| p == name).unwrap().1;
        assert!(get("search/t-w.js").starts_with("qisiteSearch.load(\"t-w\",{\"ward\":[0,"));
        assert!(get("search/s-w.js").starts_with("qisiteSearch.load(\"s-w\",{\"ward\":["));
        let d0 = get("search/d-0.js");
        assert!(d0.contains("[6,\"falls\",\"falls/index.html\",\"\",\"ward checklist\"]"));
        let manifest = get("search/manifest.js");
        assert!(
            manifest.contains("\"terms\":[\"c\",\"f\",\"s\",\"w\"]"),
            "{manifest}"
        );
        assert!(manifest.contains("\"docs\":2"));
    }
}
