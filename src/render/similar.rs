//! Similar documents by TF-IDF and cosine similarity, without comparing every pair.
//!
//! Each document (a project: its title, aim, summary, change ideas and tags) becomes a
//! sparse vector of its most telling terms ([`term_vectors`]): a term's weight is
//! `(1 + ln tf) × idf`, with `idf = 1 + ln((1 + N) / (1 + df))`, the vector keeps its
//! [`Options::max_terms`] heaviest terms and is scaled to length 1, so the dot product
//! of two vectors is their cosine similarity. Numbers and time words are left out
//! ([`super::tokens::is_telling`]), and so are terms
//! found in more than [`Options::max_df_fraction`] of the documents (they say nothing
//! about what a document is about, and their long posting lists would cost the most).
//!
//! [`most_similar`] never compares all pairs: an inverted index maps each term to the
//! documents that weigh it most (at most [`Options::postings_cap`] of them), a
//! document's candidates are the documents met in the lists of its
//! [`Options::query_terms`] heaviest terms, and only the best [`Options::candidates`]
//! of those are scored exactly. The work per document is
//! bounded, so the whole is linear in the number of documents, and it runs in parallel.
//!
//! Deterministic: ties are broken by document index (callers give documents in slug
//! order). Pure: no I/O. Depends only on [`super::tokens`].

use rayon::prelude::*;

use super::tokens::{count, for_each_token, is_telling, TermMap};

/// Tuning of [`term_vectors`] and [`most_similar`].
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Terms kept per document vector (the heaviest).
    pub max_terms: usize,
    /// Terms in more than this fraction of the documents are left out…
    pub max_df_fraction: f64,
    /// …when they are also in more than this many documents (small portfolios keep
    /// their terms).
    pub min_df_cap: usize,
    /// Documents kept per term in the candidate index (the ones that weigh it most).
    pub postings_cap: usize,
    /// A document's heaviest terms, whose lists in the index give its candidates.
    pub query_terms: usize,
    /// Candidates per document scored exactly.
    pub candidates: usize,
    /// The lowest cosine similarity worth calling similar.
    pub min_score: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_terms: 64,
            max_df_fraction: 0.5,
            min_df_cap: 5,
            postings_cap: 64,
            query_terms: 24,
            candidates: 16,
            min_score: 0.1,
        }
    }
}

/// A document as texts with weights, e.g. `[(title, 2), (aim, 1)]`: each token of a
/// text counts `weight` times.
pub type Document<'a> = Vec<(&'a str, u32)>;

/// The documents' term vectors over one vocabulary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TermVectors {
    /// Every term in some vector, sorted.
    pub terms: Vec<String>,
    /// The inverse document frequency of each term.
    pub idf: Vec<f32>,
    /// Per document: (term index, weight), sorted by term index; length 1 (or empty).
    pub vectors: Vec<Vec<(u32, f32)>>,
}

/// Term counts of one document: (term, weighted count), leaving out terms that
/// tell nothing (numbers, dates, time words: [`super::tokens::is_telling`]).
fn counts(doc: &Document<'_>) -> Vec<(String, u32)> {
    let mut counts: TermMap<String, u32> = TermMap::default();
    for (text, weight) in doc {
        for_each_token(text, |t| {
            if is_telling(t) {
                count(&mut counts, t, *weight);
            }
        });
    }
    counts.into_iter().filter(|(_, c)| *c > 0).collect()
}

/// The TF-IDF vectors of `docs` (see the module comment).
pub fn term_vectors(docs: &[Document<'_>], options: &Options) -> TermVectors {
    let counts: Vec<Vec<(String, u32)>> = docs.par_iter().map(counts).collect();
    let n = docs.len();
    // Number the terms (one hash lookup per document and term), then renumber them
    // in alphabetical order, so that ties between weights go to the same term on
    // every build whatever else the portfolio holds.
    let mut ids: TermMap<&str, u32> = TermMap::default();
    let mut names: Vec<&str> = Vec::new();
    let mut df: Vec<u32> = Vec::new();
    let numbered: Vec<Vec<(u32, u32)>> = counts
        .iter()
        .map(|doc| {
            doc.iter()
                .map(|(t, c)| {
                    let id = *ids.entry(t.as_str()).or_insert_with(|| {
                        names.push(t.as_str());
                        df.push(0);
                        (names.len() - 1) as u32
                    });
                    df[id as usize] += 1;
                    (id, *c)
                })
                .collect()
        })
        .collect();
    let mut order: Vec<u32> = (0..names.len() as u32).collect();
    order.sort_unstable_by_key(|&i| names[i as usize]);
    let mut rank = vec![0u32; names.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    let cap = (options.max_df_fraction * n as f64).max(options.min_df_cap as f64);
    let idf_of = |df: u32| 1.0 + ((1.0 + n as f64) / (1.0 + f64::from(df))).ln();
    // Each document's heaviest terms, scaled to length 1, by alphabetical term number.
    let vectors: Vec<Vec<(u32, f32)>> = numbered
        .par_iter()
        .map(|doc| {
            let mut terms: Vec<(u32, f64)> = doc
                .iter()
                .filter(|(id, _)| f64::from(df[*id as usize]) <= cap)
                .map(|&(id, c)| {
                    let weight = (1.0 + f64::from(c).ln()) * idf_of(df[id as usize]);
                    (rank[id as usize], weight)
                })
                .collect();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            terms.truncate(options.max_terms);
            let norm = terms.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            let mut v: Vec<(u32, f32)> = terms
                .into_iter()
                .map(|(t, w)| (t, (w / norm) as f32))
                .collect();
            v.sort_unstable_by_key(|(t, _)| *t);
            v
        })
        .collect();
    // Keep only the terms some vector uses, numbered afresh in the same order.
    let mut used = vec![u32::MAX; names.len()];
    for &(t, _) in vectors.iter().flatten() {
        used[t as usize] = 0;
    }
    let mut terms = Vec::new();
    let mut idf = Vec::new();
    for (r, &i) in order.iter().enumerate() {
        if used[r] == 0 {
            used[r] = terms.len() as u32;
            terms.push(names[i as usize].to_owned());
            idf.push(idf_of(df[i as usize]) as f32);
        }
    }
    let vectors = vectors
        .into_iter()
        .map(|v| v.into_iter().map(|(t, w)| (used[t as usize], w)).collect())
        .collect();
    TermVectors {
        terms,
        idf,
        vectors,
    }
}

/// The dot product of two vectors sorted by term index.
pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// For each document, up to `k` others most like it: (document index, cosine
/// similarity), best first, ties by index; never the document itself, never below
/// [`Options::min_score`].
pub fn most_similar(tv: &TermVectors, k: usize, options: &Options) -> Vec<Vec<(usize, f32)>> {
    let n = tv.vectors.len();
    // The inverted index, term → the documents that weigh it most, in one array:
    // term t's documents are `entries[start[t]..start[t] + len[t]]`.
    let mut start = vec![0usize; tv.terms.len() + 1];
    for &(t, _) in tv.vectors.iter().flatten() {
        start[t as usize + 1] += 1;
    }
    for t in 0..tv.terms.len() {
        start[t + 1] += start[t];
    }
    let mut entries = vec![(0u32, 0.0f32); start[tv.terms.len()]];
    let mut next = start.clone();
    for (d, v) in tv.vectors.iter().enumerate() {
        for &(t, w) in v {
            entries[next[t as usize]] = (d as u32, w);
            next[t as usize] += 1;
        }
    }
    let mut lists: Vec<&mut [(u32, f32)]> = Vec::with_capacity(tv.terms.len());
    let mut rest = entries.as_mut_slice();
    for t in 0..tv.terms.len() {
        let (list, tail) = rest.split_at_mut(start[t + 1] - start[t]);
        lists.push(list);
        rest = tail;
    }
    lists.par_iter_mut().for_each(|list| {
        if list.len() > options.postings_cap {
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        }
    });
    let postings: Vec<&[(u32, f32)]> = lists
        .into_iter()
        .map(|list| &list[..list.len().min(options.postings_cap)])
        .collect();
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0.0f32; n], Vec::<u32>::new()),
            |(acc, touched), d| {
                let v = &tv.vectors[d];
                let mut heaviest = v.clone();
                if heaviest.len() > options.query_terms {
                    heaviest.select_nth_unstable_by(options.query_terms, |a, b| {
                        b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
                    });
                    heaviest.truncate(options.query_terms);
                }
                for &(t, w) in &heaviest {
                    for &(other, w2) in postings[t as usize] {
                        if other as usize == d {
                            continue;
                        }
                        let slot = &mut acc[other as usize];
                        if *slot == 0.0 {
                            touched.push(other);
                        }
                        *slot += w * w2;
                    }
                }
                let mut candidates: Vec<(u32, f32)> =
                    touched.iter().map(|&o| (o, acc[o as usize])).collect();
                for &o in touched.iter() {
                    acc[o as usize] = 0.0;
                }
                touched.clear();
                let best = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
                if candidates.len() > options.candidates {
                    candidates.select_nth_unstable_by(options.candidates, best);
                    candidates.truncate(options.candidates);
                }
                // The index may miss a shared term; score the candidates exactly.
                let mut scored: Vec<(u32, f32)> = candidates
                    .into_iter()
                    .map(|(o, _)| (o, dot(v, &tv.vectors[o as usize])))
                    .filter(|(_, s)| *s >= options.min_score)
                    .collect();
                scored.sort_by(best);
                scored.truncate(k);
                scored.into_iter().map(|(o, s)| (o as usize, s)).collect()
            },
        )
        .collect()
}

/// Why a project is listed as related.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Named in the project's `related`.
    Chosen,
    /// Found similar by [`most_similar`].
    Similar,
}

/// The related list of document `me`: the hand-chosen ones first, in their order, then
/// the most similar, without repeats or `me` itself, at most `k` in all.
pub fn merge_related(
    me: usize,
    chosen: &[usize],
    similar: &[(usize, f32)],
    k: usize,
) -> Vec<(usize, Reason)> {
    let mut out: Vec<(usize, Reason)> = Vec::new();
    let picks = chosen
        .iter()
        .map(|&d| (d, Reason::Chosen))
        .chain(similar.iter().map(|&(d, _)| (d, Reason::Similar)));
    for (d, reason) in picks {
        if out.len() == k {
            break;
        }
        if d != me && !out.iter().any(|(x, _)| *x == d) {
            out.push((d, reason));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(texts: &[&'static str]) -> Vec<Document<'static>> {
        texts.iter().map(|t| vec![(*t, 1)]).collect()
    }

    #[test]
    fn vectors_have_length_one_and_skip_numbers() {
        let tv = term_vectors(
            &docs(&["falls falls ward 2026", "sepsis ward", ""]),
            &Options::default(),
        );
        assert_eq!(tv.terms, ["fall", "sepsis", "ward"]);
        for v in &tv.vectors[..2] {
            let len: f32 = v.iter().map(|(_, w)| w * w).sum();
            assert!((len - 1.0).abs() < 1e-5);
        }
        assert!(tv.vectors[2].is_empty());
        // "fall" is rarer and repeated, so it outweighs "ward".
        let v = &tv.vectors[0];
        assert!(v[0].1 > v[1].1, "{v:?}");
        assert!(tv.idf[0] > tv.idf[2]);
    }

    #[test]
    fn common_terms_and_extra_terms_are_left_out() {
        let texts: Vec<String> = (0..40)
            .map(|i| {
                let common = if i % 4 == 0 { "" } else { "common" };
                format!("ward unique{i} half{} {common}", i % 2)
            })
            .collect();
        let docs: Vec<Document<'_>> = texts.iter().map(|t| vec![(t.as_str(), 1)]).collect();
        let tv = term_vectors(&docs, &Options::default());
        // "ward" is in every document and "common" in three in four: over half.
        assert!(!tv.terms.iter().any(|t| t == "ward" || t == "common"));
        assert!(tv.terms.iter().any(|t| t == "half0"));
        let options = Options {
            max_terms: 1,
            ..Options::default()
        };
        let tv = term_vectors(&docs[..2], &options);
        assert!(tv.vectors.iter().all(|v| v.len() == 1));
    }

    #[test]
    fn most_similar_ranks_by_shared_terms() {
        let tv = term_vectors(
            &docs(&[
                "falls ward checklist frailty",
                "sepsis screening antibiotics",
                "falls frailty checklist bay",
                "falls bed sensors",
                "sepsis antibiotics timely",
                "theatre start times",
            ]),
            &Options::default(),
        );
        let near = most_similar(&tv, 5, &Options::default());
        let ids = |d: usize| near[d].iter().map(|(i, _)| *i).collect::<Vec<_>>();
        assert_eq!(ids(0), [2, 3]);
        assert_eq!(ids(1), [4]);
        assert_eq!(ids(5), Vec::<usize>::new());
        assert!(near[0][0].1 > near[0][1].1);
        assert!(near
            .iter()
            .enumerate()
            .all(|(d, list)| list.iter().all(|(o, _)| *o != d)));
    }

    #[test]
    fn ties_go_to_the_lower_index_and_k_caps_the_list() {
        let tv = term_vectors(
            &docs(&["falls", "falls", "falls", "falls"]),
            &Options::default(),
        );
        let near = most_similar(&tv, 2, &Options::default());
        assert_eq!(near[0], [(1, 1.0), (2, 1.0)]);
        assert_eq!(near[3], [(0, 1.0), (1, 1.0)]);
    }

    #[test]
    fn capped_postings_still_find_neighbours() {
        // 300 documents share "falls"; the index keeps 100 per term, yet every
        // document still finds its closest match through its rarer terms.
        let texts: Vec<String> = (0..300)
            .map(|i| format!("falls pair{} other{}", i / 2, i))
            .collect();
        let docs: Vec<Document<'_>> = texts.iter().map(|t| vec![(t.as_str(), 1)]).collect();
        let options = Options {
            max_df_fraction: 1.0,
            ..Options::default()
        };
        let tv = term_vectors(&docs, &options);
        let near = most_similar(&tv, 1, &options);
        for (d, list) in near.iter().enumerate() {
            assert_eq!(list[0].0, d ^ 1, "document {d}");
        }
    }

    #[test]
    fn related_lists_put_chosen_first() {
        let similar = [(3, 0.9), (1, 0.8), (4, 0.5), (5, 0.4), (6, 0.3), (7, 0.2)];
        assert_eq!(
            merge_related(0, &[1, 0, 2], &similar, 5),
            [
                (1, Reason::Chosen),
                (2, Reason::Chosen),
                (3, Reason::Similar),
                (4, Reason::Similar),
                (5, Reason::Similar),
            ]
        );
        assert_eq!(merge_related(0, &[], &[], 5), []);
        assert_eq!(merge_related(0, &[1, 2, 3, 4, 5, 6], &similar, 5).len(), 5);
    }

    #[test]
    fn dot_product_of_sparse_vectors() {
        assert_eq!(dot(&[(0, 1.0), (2, 2.0)], &[(1, 5.0), (2, 3.0)]), 6.0);
        assert_eq!(dot(&[], &[(1, 5.0)]), 0.0);
    }
}
