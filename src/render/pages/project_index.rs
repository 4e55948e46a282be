//! The project index (`projects/index.html`): every project as a card, in title order,
//! and a form of facet filters and sort orders that `static/filter.js` brings to life.
//!
//! Each card carries what the script filters and sorts on, as data attributes: its
//! terms as space-separated `field:value` tokens (`status:active priority:patient-safety
//! tag:falls improving:yes`, where `field` is the form control's name), its progress
//! score and its start and last-update dates. Without JavaScript the form stays hidden
//! and the page is a plain list; the static facet pages do the browsing.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::{stats, views::ProjectCard};
use super::{facet_list, Builder};
use crate::content::date::Date;
use crate::content::load::slugify;
use crate::content::model::{Project, Status};
use crate::content::validate::PROGRESS_SCALE;

/// A card on the index, with what the filters need.
#[derive(Serialize)]
struct IndexCard {
    #[serde(flatten)]
    card: ProjectCard,
    filter: CardFilter,
}

#[derive(Serialize)]
struct CardFilter {
    /// `field:value` tokens, space-separated (values are slugs, so never contain one).
    terms: String,
    /// The score as written in the form's options, e.g. "3.5".
    progress: Option<String>,
    started: Option<Date>,
    updated: Option<Date>,
    improving: bool,
}

/// A group of the form: checkboxes for one facet, or (`range`) the progress score's
/// "from" and "to" selects, named `<name>-min` and `<name>-max`.
#[derive(Serialize)]
struct FilterGroup {
    /// The controls' `name`, also the query-string key and the token field.
    name: &'static str,
    legend: &'static str,
    range: bool,
    options: Vec<FilterOption>,
}

#[derive(Serialize)]
struct FilterOption {
    value: String,
    label: String,
    /// Projects with this term, in the whole portfolio.
    count: usize,
}

/// The form's groups, in order: `(name, legend)`.
const GROUPS: [(&str, &str); 7] = [
    ("status", "Status"),
    ("priority", "Strategic priority"),
    ("directorate", "Directorate"),
    ("method", "Method"),
    ("progress", "Progress score"),
    ("improving", "Measures"),
    ("tag", "Tag"),
];

/// A project's filter tokens, as `(field, value)`, in a stable order.
fn tokens(p: &Project, improving: bool) -> Vec<(&'static str, String)> {
    let m = &p.meta;
    let mut out = vec![("status", m.status.slug().to_owned())];
    out.extend(m.priorities.iter().map(|x| ("priority", x.value.clone())));
    out.extend(
        m.directorate
            .iter()
            .map(|x| ("directorate", x.value.clone())),
    );
    out.extend(m.methods.iter().map(|x| ("method", x.value.clone())));
    out.extend(
        m.tags
            .iter()
            .map(|t| ("tag", slugify(t)))
            .filter(|(_, slug)| !slug.is_empty()),
    );
    if improving {
        out.push(("improving", "yes".to_owned()));
    }
    out.sort();
    out.dedup();
    out
}

impl Builder<'_> {
    pub(super) fn project_index(&mut self) {
        let p = self.p;
        let idx = &self.index;
        let today = self.options.today;
        let mut projects: Vec<&Project> = p.projects.iter().collect();
        // Title order, as the script's "Title (A to Z)" restores it.
        projects.sort_by_cached_key(|x| (x.meta.title.to_lowercase(), x.slug.clone()));

        let mut counts: BTreeMap<(&'static str, String), usize> = BTreeMap::new();
        let cards: Vec<IndexCard> = projects
            .iter()
            .map(|x| {
                let improving = stats::improving(x, self.charts);
                let tokens = tokens(x, improving);
                let terms: Vec<String> = tokens.iter().map(|(f, v)| format!("{f}:{v}")).collect();
                for token in tokens {
                    *counts.entry(token).or_default() += 1;
                }
                IndexCard {
                    card: idx.card(x),
                    filter: CardFilter {
                        terms: terms.join(" "),
                        progress: x.progress().map(|s| format!("{s:.1}")),
                        started: x.meta.started,
                        updated: stats::last_update(x, today),
                        improving,
                    },
                }
            })
            .collect();

        let count = |field: &'static str, value: &str| -> usize {
            counts.get(&(field, value.to_owned())).copied().unwrap_or(0)
        };
        let declared = |field: &'static str, terms: &[crate::config::TaxonomyTerm]| {
            terms
                .iter()
                .map(|t| FilterOption {
                    value: t.slug.value.clone(),
                    label: t.name.clone(),
                    count: count(field, &t.slug.value),
                })
                .collect::<Vec<_>>()
        };
        let scored = cards.iter().filter(|c| c.filter.progress.is_some()).count();
        let tax = &p.config.taxonomies;
        let groups: Vec<FilterGroup> = GROUPS
            .iter()
            .map(|(name, legend)| {
                let options = match *name {
                    "status" => Status::ALL
                        .iter()
                        .map(|s| FilterOption {
                            value: s.slug().to_owned(),
                            label: s.label().to_owned(),
                            count: count("status", s.slug()),
                        })
                        .collect(),
                    "priority" => declared("priority", &tax.priorities),
                    "directorate" => declared("directorate", &tax.directorates),
                    "method" => declared("method", &tax.methods),
                    "tag" => idx
                        .tags
                        .iter()
                        .map(|(slug, name)| FilterOption {
                            value: slug.clone(),
                            label: name.clone(),
                            count: count("tag", slug),
                        })
                        .collect(),
                    "progress" => PROGRESS_SCALE
                        .iter()
                        .map(|(score, label)| FilterOption {
                            value: format!("{score:.1}"),
                            label: format!("{score:.1} {label}"),
                            count: scored,
                        })
                        .collect(),
                    _ => vec![FilterOption {
                        value: "yes".to_owned(),
                        label: "Shows special cause improvement".to_owned(),
                        count: count("improving", "yes"),
                    }],
                };
                FilterGroup {
                    name,
                    legend,
                    range: *name == "progress",
                    // A term no project has would only ever filter everything out; the
                    // range keeps every score, and goes when no project has one.
                    options: options.into_iter().filter(|o| o.count > 0).collect(),
                }
            })
            .filter(|g| !g.options.is_empty())
            .collect();
        let facets = facet_list(p, idx);
        self.page(
            super::paths::section("projects"),
            "projects.html",
            "Projects",
            "",
            |ctx| {
                ctx.insert("projects", &cards);
                ctx.insert("facets", &facets);
                ctx.insert("filter_groups", &groups);
            },
        );
    }
}
