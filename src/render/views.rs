//! View models: the plain, serialisable data each template receives, built from the
//! typed portfolio. Every link is an output path from [`paths`] (site-root relative);
//! templates make it relative to the page with the `rel` filter. Everything is ordered
//! deterministically. No Markdown here: rendered HTML is passed in by the caller.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{format, paths};
use crate::config::TaxonomyTerm;
use crate::content::date::Date;
use crate::content::load::slugify;
use crate::content::model::*;
use crate::content::validate::progress_label;

/// A link to a page of the site.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub title: String,
    /// Output path, e.g. `people/ana/index.html`, or `projects/a/index.html#aim`.
    pub path: String,
}

/// A term of a facet (a status, priority, directorate, method or tag) with its page.
#[derive(Clone, Debug, Serialize)]
pub struct Term {
    pub slug: String,
    pub name: String,
    /// Output path of the term's page; empty when the term has no page.
    pub path: String,
}

/// What every project card shows.
#[derive(Clone, Debug, Serialize)]
pub struct ProjectCard {
    pub slug: String,
    pub title: String,
    pub path: String,
    pub summary: String,
    pub status: Term,
    pub progress: Option<f64>,
    /// The IHI label of the score, e.g. "Improvement".
    pub progress_label: Option<String>,
    /// Score and label, e.g. "3.5 · Improvement".
    pub progress_text: Option<String>,
    pub directorate: Option<Term>,
    pub priorities: Vec<Term>,
    pub methods: Vec<Term>,
    pub tags: Vec<Term>,
    pub started: Option<Date>,
    pub ended: Option<Date>,
    pub programme: Option<Link>,
}

/// A team member on a project page.
#[derive(Clone, Debug, Serialize)]
pub struct TeamMemberView {
    pub person: Link,
    pub role: String,
}

/// A change idea with the PDSA cycles that test it (a ramp).
#[derive(Clone, Debug, Serialize)]
pub struct Ramp {
    /// The change idea's id, or empty for cycles that name none.
    pub id: String,
    /// The `id` attribute of the ramp's section on the project page.
    pub anchor: String,
    pub title: String,
    pub description: Option<String>,
    pub cycles: Vec<PdsaSummary>,
}

/// A PDSA cycle in a list.
#[derive(Clone, Debug, Serialize)]
pub struct PdsaSummary {
    pub cycle: u32,
    pub title: String,
    pub path: String,
    pub objective: String,
    pub started: Option<Date>,
    pub ended: Option<Date>,
    pub decision: Option<DecisionView>,
}

/// A PDSA decision with its label and the symbol shown beside it.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionView {
    /// `adopt`, `adapt` or `abandon`.
    pub slug: String,
    pub label: String,
    /// A text symbol, so the decision never relies on colour: ✓ adopt, ↻ adapt, ✗ abandon.
    pub symbol: String,
}

/// The driver diagram: aim → primary drivers → secondary drivers → change ideas.
#[derive(Clone, Debug, Serialize)]
pub struct DriverView {
    pub aim: String,
    pub primary: Vec<PrimaryView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PrimaryView {
    pub title: String,
    pub secondary: Vec<SecondaryView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SecondaryView {
    pub title: String,
    /// Links to the change ideas' ramps on the project page (`#idea-…`).
    pub ideas: Vec<Link>,
}

/// A measure with its definition and data.
#[derive(Clone, Debug, Serialize)]
pub struct MeasureView {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub kind: String,
    pub kind_label: String,
    pub definition: String,
    pub unit: Option<String>,
    pub target: Option<String>,
    /// The target with its unit, e.g. "95% of admissions".
    pub target_text: Option<String>,
    pub improvement: String,
    pub chart: String,
    pub source: Option<String>,
    pub frequency: Option<String>,
    pub multiplier: Option<String>,
    /// Whether rows have a numerator and a denominator.
    pub has_denominator: bool,
    pub rows: Vec<RowView>,
    /// The drawn chart, when the measure has data to chart.
    pub plot: Option<ChartView>,
}

/// A measure's chart with everything shown beside it.
#[derive(Clone, Debug, Serialize)]
pub struct ChartView {
    /// The inline SVG (trusted: drawn by qisite, every text escaped).
    pub svg: String,
    /// The id of the data table, which the SVG names in `aria-details`.
    pub table_id: String,
    pub summary: String,
    pub variation: Option<IconView>,
    pub assurance: Option<IconView>,
    /// The data with its centre line, limits and signals.
    pub rows: Vec<super::measure::DataRowView>,
    pub counts_heading: Option<&'static str>,
    pub centre_label: &'static str,
    pub trial: bool,
    /// Whether PDSA cycles or notes are marked on the chart.
    pub markers: bool,
    /// Output paths of the downloads; `png_file` is empty when the site draws no PNGs.
    pub svg_file: String,
    pub png_file: String,
    pub csv_file: String,
}

/// A Making Data Count icon and its text equivalent.
#[derive(Clone, Debug, Serialize)]
pub struct IconView {
    pub svg: String,
    pub text: &'static str,
}

/// One row of an icon summary table: a measure's latest value, target and icons.
#[derive(Clone, Debug, Serialize)]
pub struct IconRow {
    pub project: Link,
    /// The measure, linked to its section of the project page.
    pub measure: Link,
    pub latest: Option<String>,
    pub latest_date: Option<String>,
    pub target: Option<String>,
    pub unit: Option<String>,
    pub variation: Option<IconView>,
    pub assurance: Option<IconView>,
}

/// The icon summary rows of the measures of `projects` that have a chart.
pub fn icon_rows(projects: &[&Project], charts: &super::measure::Charts) -> Vec<IconRow> {
    let mut rows = Vec::new();
    for project in projects {
        for m in &project.measures {
            let Some(chart) = charts.get(&(project.slug.clone(), m.id.clone())) else {
                continue;
            };
            let page = super::paths::project(&project.slug);
            rows.push(IconRow {
                project: Link {
                    title: project.meta.title.clone(),
                    path: page.clone(),
                },
                measure: Link {
                    title: m.meta.title.clone(),
                    path: format!("{page}#{}", anchor("measure", &m.id)),
                },
                latest: chart.latest.as_ref().map(|(v, _)| v.clone()),
                latest_date: chart.latest.as_ref().map(|(_, d)| d.clone()),
                target: m.meta.target.map(measure_value),
                unit: m.meta.unit.clone(),
                variation: chart.variation.map(variation_view),
                assurance: chart.assurance.map(assurance_view),
            });
        }
    }
    rows
}

fn variation_view(icon: crate::spc::summary::VariationIcon) -> IconView {
    IconView {
        svg: super::icons::variation_svg(icon),
        text: icon.text(),
    }
}

fn assurance_view(icon: crate::spc::summary::AssuranceIcon) -> IconView {
    IconView {
        svg: super::icons::assurance_svg(icon),
        text: icon.text(),
    }
}

/// One row of a measure's data, formatted.
#[derive(Clone, Debug, Serialize)]
pub struct RowView {
    pub date: Date,
    pub value: String,
    pub denominator: String,
    pub note: String,
    pub excluded: bool,
}

/// A dated entry of a project's progress history.
#[derive(Clone, Debug, Serialize)]
pub struct ProgressView {
    pub date: Date,
    pub score: String,
    pub label: String,
    pub note: Option<String>,
}

/// A file to download, with its link text.
#[derive(Clone, Debug, Serialize)]
pub struct FileView {
    pub title: String,
    pub path: String,
    pub name: String,
    pub is_image: bool,
}

/// Lookups shared by every view: people, projects and taxonomy terms by slug.
pub struct Index<'a> {
    pub portfolio: &'a Portfolio,
    people: BTreeMap<&'a str, &'a Person>,
    projects: BTreeMap<&'a str, &'a Project>,
    programmes: BTreeMap<&'a str, &'a Programme>,
    /// Project slug → the first programme (by slug) that lists it as a member.
    member_of: BTreeMap<&'a str, &'a str>,
    /// Tag slug → the tag as first written, for tags that have a page.
    pub tags: BTreeMap<String, String>,
    /// (facet key, term slug) → the projects filed under it, in portfolio order: one pass
    /// over the projects, so facet pages never scan every project for every term. Made
    /// when first asked for, since rendering one project's pages never needs it.
    facet_members: std::sync::OnceLock<FacetMembers>,
}

/// (facet key, term slug) → the indices of its projects in `portfolio.projects`.
type FacetMembers = BTreeMap<(&'static str, String), Vec<usize>>;

/// The projects filed under each facet term (see [`Index::facet_members`]).
fn facet_members(portfolio: &Portfolio) -> FacetMembers {
    let mut members: FacetMembers = BTreeMap::new();
    for (i, p) in portfolio.projects.iter().enumerate() {
        let mut terms: Vec<(&'static str, String)> =
            vec![("status", p.meta.status.slug().to_owned())];
        terms.extend(
            p.meta
                .priorities
                .iter()
                .map(|x| ("priorities", x.value.clone())),
        );
        terms.extend(
            p.meta
                .directorate
                .iter()
                .map(|x| ("directorates", x.value.clone())),
        );
        terms.extend(p.meta.methods.iter().map(|x| ("methods", x.value.clone())));
        terms.extend(p.meta.tags.iter().map(|t| ("tags", slugify(t))));
        terms.sort();
        terms.dedup();
        for term in terms {
            members.entry(term).or_default().push(i);
        }
    }
    members
}

impl<'a> Index<'a> {
    pub fn new(portfolio: &'a Portfolio) -> Index<'a> {
        let mut tags = BTreeMap::new();
        for p in &portfolio.projects {
            for tag in &p.meta.tags {
                let slug = slugify(tag);
                if !slug.is_empty() {
                    tags.entry(slug).or_insert_with(|| tag.clone());
                }
            }
        }
        let mut member_of = BTreeMap::new();
        for g in &portfolio.programmes {
            for m in &g.members {
                member_of.entry(m.as_str()).or_insert(g.slug.as_str());
            }
        }
        Index {
            portfolio,
            member_of,
            people: portfolio
                .people
                .iter()
                .map(|p| (p.slug.as_str(), p))
                .collect(),
            projects: portfolio
                .projects
                .iter()
                .map(|p| (p.slug.as_str(), p))
                .collect(),
            programmes: portfolio
                .programmes
                .iter()
                .map(|p| (p.slug.as_str(), p))
                .collect(),
            tags,
            facet_members: Default::default(),
        }
    }

    /// The projects filed under `term` of `facet` (e.g. `"tags"`, `"sepsis"`), in
    /// portfolio order.
    pub fn facet_members(&self, facet: &'static str, term: &str) -> Vec<&'a Project> {
        let projects = &self.portfolio.projects;
        self.facet_members
            .get_or_init(|| facet_members(self.portfolio))
            .get(&(facet, term.to_owned()))
            .map_or_else(Vec::new, |list| {
                list.iter().map(|i| &projects[*i]).collect()
            })
    }

    pub fn project(&self, slug: &str) -> Option<&'a Project> {
        self.projects.get(slug).copied()
    }

    /// A link to a person's page, or their slug as plain text when unknown.
    pub fn person_link(&self, slug: &str) -> Link {
        match self.people.get(slug) {
            Some(p) => Link {
                title: p.meta.name.clone(),
                path: paths::person(slug),
            },
            None => Link {
                title: slug.to_owned(),
                path: String::new(),
            },
        }
    }

    pub fn project_link(&self, slug: &str) -> Link {
        match self.projects.get(slug) {
            Some(p) => Link {
                title: p.meta.title.clone(),
                path: paths::project(slug),
            },
            None => Link {
                title: slug.to_owned(),
                path: String::new(),
            },
        }
    }

    pub fn programme_link(&self, slug: &str) -> Link {
        match self.programmes.get(slug) {
            Some(p) => Link {
                title: p.meta.title.clone(),
                path: paths::programme(slug),
            },
            None => Link {
                title: slug.to_owned(),
                path: String::new(),
            },
        }
    }

    pub fn status(&self, status: Status) -> Term {
        Term {
            slug: status.slug().to_owned(),
            name: status.label().to_owned(),
            path: paths::facet_term("status", status.slug()),
        }
    }

    fn declared(&self, facet: &str, terms: &[TaxonomyTerm], slug: &str) -> Term {
        match terms.iter().find(|t| t.slug.value == slug) {
            Some(t) => Term {
                slug: slug.to_owned(),
                name: t.name.clone(),
                path: paths::facet_term(facet, slug),
            },
            None => Term {
                slug: slug.to_owned(),
                name: slug.to_owned(),
                path: String::new(),
            },
        }
    }

    pub fn priority(&self, slug: &str) -> Term {
        let terms = &self.portfolio.config.taxonomies.priorities;
        self.declared("priorities", terms, slug)
    }

    pub fn directorate(&self, slug: &str) -> Term {
        let terms = &self.portfolio.config.taxonomies.directorates;
        self.declared("directorates", terms, slug)
    }

    pub fn method(&self, slug: &str) -> Term {
        let terms = &self.portfolio.config.taxonomies.methods;
        self.declared("methods", terms, slug)
    }

    /// A tag, linked to its page when projects use it.
    pub fn tag(&self, tag: &str) -> Term {
        let slug = slugify(tag);
        let path = if self.tags.contains_key(&slug) {
            paths::facet_term("tags", &slug)
        } else {
            String::new()
        };
        Term {
            slug,
            name: tag.to_owned(),
            path,
        }
    }

    /// The programme a project belongs to: named in its front matter, or listing it.
    pub fn programme_of(&self, project: &Project) -> Option<Link> {
        if let Some(p) = &project.meta.programme {
            return Some(self.programme_link(&p.value));
        }
        self.member_of
            .get(project.slug.as_str())
            .map(|g| self.programme_link(g))
    }

    pub fn card(&self, p: &Project) -> ProjectCard {
        let progress = p.progress();
        let label = progress.and_then(progress_label).map(str::to_owned);
        ProjectCard {
            slug: p.slug.clone(),
            title: p.meta.title.clone(),
            path: paths::project(&p.slug),
            summary: p.meta.summary.clone(),
            status: self.status(p.meta.status),
            progress,
            progress_text: progress.map(|s| match &label {
                Some(l) => format!("{s:.1} · {l}"),
                None => format!("{s:.1}"),
            }),
            progress_label: label,
            directorate: p
                .meta
                .directorate
                .as_ref()
                .map(|d| self.directorate(&d.value)),
            priorities: p
                .meta
                .priorities
                .iter()
                .map(|s| self.priority(&s.value))
                .collect(),
            methods: p
                .meta
                .methods
                .iter()
                .map(|s| self.method(&s.value))
                .collect(),
            tags: p.meta.tags.iter().map(|t| self.tag(t)).collect(),
            started: p.meta.started,
            ended: p.meta.ended,
            programme: self.programme_of(p),
        }
    }

    pub fn cards<'p>(&self, projects: impl IntoIterator<Item = &'p Project>) -> Vec<ProjectCard> {
        projects.into_iter().map(|p| self.card(p)).collect()
    }
}

pub fn decision(d: Decision) -> DecisionView {
    let (slug, symbol) = match d {
        Decision::Adopt => ("adopt", "✓"),
        Decision::Adapt => ("adapt", "↻"),
        Decision::Abandon => ("abandon", "✗"),
    };
    DecisionView {
        slug: slug.to_owned(),
        label: d.label().to_owned(),
        symbol: symbol.to_owned(),
    }
}

/// An `id` attribute made from a prefix and a content id: `idea-falls-checklist`.
pub fn anchor(prefix: &str, id: &str) -> String {
    let slug = slugify(id);
    if slug.is_empty() {
        prefix.to_owned()
    } else {
        format!("{prefix}-{slug}")
    }
}

pub fn pdsa_summary(project: &Project, c: &PdsaCycle) -> PdsaSummary {
    PdsaSummary {
        cycle: c.cycle,
        title: c.meta.title.clone(),
        path: paths::pdsa(&project.slug, &c.slug),
        objective: c.meta.objective.clone(),
        started: c.meta.started,
        ended: c.meta.ended,
        decision: c.meta.decision.map(decision),
    }
}

/// The change idea a cycle tests, when the driver diagram declares it.
pub fn change_idea<'p>(project: &'p Project, c: &PdsaCycle) -> Option<&'p ChangeIdea> {
    let id = &c.meta.change_idea.as_ref()?.value;
    project
        .driver
        .as_ref()?
        .change_ideas
        .iter()
        .find(|i| &i.id.value == id)
}

/// PDSA cycles grouped by change idea, in the driver diagram's order; cycles naming no
/// known change idea come last, under "Other cycles". Ideas with no cycles are kept, so
/// the driver diagram's links always land.
pub fn ramps(project: &Project) -> Vec<Ramp> {
    let mut out = Vec::new();
    let ideas: &[ChangeIdea] = project
        .driver
        .as_ref()
        .map(|d| d.change_ideas.as_slice())
        .unwrap_or(&[]);
    for idea in ideas {
        let cycles = project
            .pdsa
            .iter()
            .filter(|c| c.meta.change_idea.as_ref().map(|s| &s.value) == Some(&idea.id.value))
            .map(|c| pdsa_summary(project, c))
            .collect();
        out.push(Ramp {
            id: idea.id.value.clone(),
            anchor: anchor("idea", &idea.id.value),
            title: idea.title.clone(),
            description: idea.description.clone(),
            cycles,
        });
    }
    let others: Vec<PdsaSummary> = project
        .pdsa
        .iter()
        .filter(|c| change_idea(project, c).is_none())
        .map(|c| pdsa_summary(project, c))
        .collect();
    if !others.is_empty() {
        out.push(Ramp {
            id: String::new(),
            anchor: "other-cycles".to_owned(),
            title: "Other cycles".to_owned(),
            description: None,
            cycles: others,
        });
    }
    out
}

pub fn driver(project: &Project) -> Option<DriverView> {
    let d = project.driver.as_ref()?;
    let idea_link = |id: &str| -> Link {
        let title = d
            .change_ideas
            .iter()
            .find(|i| i.id.value == id)
            .map(|i| i.title.clone())
            .unwrap_or_else(|| id.to_owned());
        Link {
            title,
            path: format!("{}#{}", paths::project(&project.slug), anchor("idea", id)),
        }
    };
    Some(DriverView {
        aim: d.aim.clone().unwrap_or_else(|| project.meta.aim.clone()),
        primary: d
            .primary_drivers
            .iter()
            .map(|p| PrimaryView {
                title: p.title.clone(),
                secondary: p
                    .secondary_drivers
                    .iter()
                    .map(|s| SecondaryView {
                        title: s.title.clone(),
                        ideas: s.change_ideas.iter().map(|i| idea_link(&i.value)).collect(),
                    })
                    .collect(),
            })
            .collect(),
    })
}

fn measure_value(v: f64) -> String {
    format::number(v, 4)
}

/// A chart for a template, with the output paths of its downloads from `file(ext)`.
pub fn chart_view(c: &super::measure::MeasureChart, file: impl Fn(&str) -> String) -> ChartView {
    ChartView {
        svg: c.svg.clone(),
        table_id: c.table_id.clone(),
        summary: c.summary.clone(),
        variation: c.variation.map(variation_view),
        assurance: c.assurance.map(assurance_view),
        rows: c.rows.iter().map(|r| r.view(c.decimals)).collect(),
        counts_heading: c.counts_heading,
        centre_label: c.centre_label,
        trial: c.trial,
        markers: !c.model.markers.is_empty(),
        svg_file: file("svg"),
        png_file: if c.png { file("png") } else { String::new() },
        csv_file: file("csv"),
    }
}

pub fn measure(project: &Project, m: &Measure, charts: &super::measure::Charts) -> MeasureView {
    let plot = charts
        .get(&(project.slug.clone(), m.id.clone()))
        .map(|c| chart_view(c, |ext| paths::measure_file(&project.slug, &m.id, ext)));
    let meta = &m.meta;
    let has_denominator = meta.chart.uses_denominator();
    MeasureView {
        id: m.id.clone(),
        anchor: anchor("measure", &m.id),
        title: meta.title.clone(),
        kind: format!("{:?}", meta.kind).to_lowercase(),
        kind_label: meta.kind.label().to_owned(),
        definition: meta.definition.clone(),
        unit: meta.unit.clone(),
        target: meta.target.map(measure_value),
        target_text: meta
            .target
            .map(|t| super::format::with_unit(&measure_value(t), meta.unit.as_deref())),
        improvement: match meta.improvement {
            Improvement::Increase => "Higher is better",
            Improvement::Decrease => "Lower is better",
            Improvement::Neutral => "Neither higher nor lower is better",
        }
        .to_owned(),
        chart: meta.chart.label().to_owned(),
        source: meta.source.clone(),
        frequency: meta.frequency.clone(),
        multiplier: meta.multiplier.as_ref().map(|x| measure_value(x.value)),
        has_denominator,
        rows: m
            .data
            .iter()
            .map(|o| RowView {
                date: o.date,
                value: o.value.map(measure_value).unwrap_or_default(),
                denominator: o.denominator.map(measure_value).unwrap_or_default(),
                note: o.note.clone().unwrap_or_default(),
                excluded: o.exclude,
            })
            .collect(),
        plot,
    }
}

pub fn progress_history(p: &Project) -> Vec<ProgressView> {
    p.meta
        .progress_history
        .iter()
        .map(|u| ProgressView {
            date: u.date,
            score: format!("{:.1}", u.score.value),
            label: progress_label(u.score.value).unwrap_or_default().to_owned(),
            note: u.note.clone(),
        })
        .collect()
}

/// A project's files: titled `attachments` first, in their order, then the rest.
pub fn attachments(p: &Project) -> Vec<FileView> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for a in &p.meta.attachments {
        let file = a.file.value.trim_start_matches("files/").to_owned();
        if !p.files.contains(&file) || !seen.insert(file.clone()) {
            continue;
        }
        out.push(FileView {
            title: a
                .title
                .clone()
                .unwrap_or_else(|| format::file_name(&file).to_owned()),
            path: paths::project_file(&p.slug, &file),
            is_image: format::is_image(&file),
            name: format::file_name(&file).to_owned(),
        });
    }
    for file in &p.files {
        if seen.insert(file.clone()) {
            out.push(FileView {
                title: format::file_name(file).to_owned(),
                path: paths::project_file(&p.slug, file),
                name: format::file_name(file).to_owned(),
                is_image: format::is_image(file),
            });
        }
    }
    out
}

/// The people of a project: its team in the order written, then the sponsor and coach
/// when they are not already listed in that role.
pub fn team(index: &Index<'_>, p: &Project) -> Vec<TeamMemberView> {
    let mut out: Vec<TeamMemberView> = p
        .meta
        .team
        .iter()
        .map(|m| TeamMemberView {
            person: index.person_link(&m.person.value),
            role: m.role.label().to_owned(),
        })
        .collect();
    let extra = [
        (&p.meta.sponsor, TeamRole::Sponsor),
        (&p.meta.coach, TeamRole::Coach),
    ];
    for (who, role) in extra {
        if let Some(who) = who {
            let listed = p
                .meta
                .team
                .iter()
                .any(|m| m.person.value == who.value && m.role == role);
            if !listed {
                out.push(TeamMemberView {
                    person: index.person_link(&who.value),
                    role: role.label().to_owned(),
                });
            }
        }
    }
    out
}
