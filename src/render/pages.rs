//! Which pages the site has and what each template is given: one [`PageJob`] (output
//! path, template name, context) per page. Markdown bodies are rendered here, and their
//! diagnostics (broken links) collected. Pure: no I/O, no clock (today comes in).

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::embed::ChartEmbeds;
use super::markdown::{Markdown, MdContext};
use super::measure::Charts;
use super::programme::ProgrammeCharts;
use super::views::{self, Index, Link, Term};
use super::{links::LinkMap, paths, RenderOptions};
use crate::content::date::Date;
use crate::content::model::*;
use crate::error::Diagnostic;
use showcases::{ShowcaseBadge, ShowcaseSummary};
use stories::StoryView;

mod cards;
mod people;
mod showcases;
mod stories;

mod dashboard;
mod project_index;

mod search;

/// One page to render.
pub struct PageJob {
    /// Output path, e.g. `projects/a/index.html`.
    pub path: String,
    pub template: &'static str,
    pub context: Context,
}

/// The site-wide values every template receives as `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    organisation: &'a str,
    description: &'a str,
    footer: Option<&'a str>,
    /// Today, as `YYYY-MM-DD` (the build date).
    today: Date,
    /// Asks search engines to keep out: `<meta name="robots" content="noindex">`.
    noindex: bool,
    /// The site's Atom feeds (links), for `<link rel="alternate">` and the footer.
    feeds: &'a [Link],
}

/// A navigation entry.
#[derive(Serialize)]
struct NavItem {
    title: String,
    path: String,
}

/// Renders Markdown bodies and keeps their diagnostics.
struct Bodies<'a> {
    md: &'a Markdown,
    links: &'a LinkMap,
    /// Draws the charts bodies embed with `{{ chart(…) }}`.
    charts: &'a ChartEmbeds<'a>,
    diagnostics: Vec<Diagnostic>,
}

impl Bodies<'_> {
    /// The HTML of a Markdown body whose headings start at level `top` (2 on a page
    /// whose title is the only h1; 3 inside a section headed by an h2).
    fn html(
        &mut self,
        text: &str,
        source_rel: &str,
        first_line: usize,
        page_path: &str,
        top: u8,
    ) -> String {
        let mut ids = super::markdown::RESERVED_IDS
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        self.html_on_page(text, source_rel, first_line, page_path, top, &mut ids)
    }

    /// Like [`Bodies::html`], for one of several texts on the same page: heading and
    /// footnote ids avoid every id in `ids` (the template's and the other texts').
    #[allow(clippy::too_many_arguments)]
    fn html_on_page(
        &mut self,
        text: &str,
        source_rel: &str,
        first_line: usize,
        page_path: &str,
        top: u8,
        ids: &mut std::collections::HashSet<String>,
    ) -> String {
        if text.trim().is_empty() {
            return String::new();
        }
        let at = MdContext {
            source_rel,
            first_line,
            page_path,
        };
        let out = self
            .md
            .render_with_charts(text, &at, self.links, ids, Some(self.charts));
        self.diagnostics.extend(out.diagnostics);
        shift_headings(&out.html, top)
    }
}

mod programmes;

/// What the pages are made from: the portfolio and everything computed from it before
/// the pages (charts, links, similar projects), plus the templates.
pub struct Sources<'a> {
    pub portfolio: &'a Portfolio,
    pub options: &'a RenderOptions,
    pub md: &'a Markdown,
    pub links: &'a LinkMap,
    pub charts: &'a Charts,
    pub programme_charts: &'a ProgrammeCharts,
    /// Draws the charts that Markdown bodies embed.
    pub tera: &'a tera::Tera,
    pub similar: &'a super::search::SimilarProjects,
}

/// Where each page goes as soon as it is made: rendered and handed to the sink.
pub type Emit<'e> = dyn Fn(PageJob) -> crate::error::Result<()> + Sync + 'e;

/// The Markdown diagnostics of the pages a render made: those of each project's pages
/// (its own page and its PDSA cycles'), by project slug, and those of every other page.
/// `qisite serve` keeps them, so that a render of a few pages can still report every
/// problem of the site.
#[derive(Debug, Default)]
pub struct PageDiagnostics {
    pub projects: BTreeMap<String, Vec<Diagnostic>>,
    pub others: Vec<Diagnostic>,
}

/// Makes every page of the site and hands each to `emit` as soon as it is made (the
/// projects in parallel with each other and with the other page families), so no page's
/// context outlives its rendering. Returns the Markdown diagnostics, or the first error
/// `emit` gave.
pub fn render(sources: &Sources<'_>, emit: &Emit<'_>) -> crate::error::Result<PageDiagnostics> {
    let all: Vec<&Project> = sources.portfolio.projects.iter().collect();
    render_some(sources, &all, emit)
}

/// [`render`], making the pages of `projects` only among the projects' own pages (and
/// every page that is not a project's or a PDSA cycle's): what `qisite serve` renders
/// after an edit that changes what other pages show of a project.
pub fn render_some(
    sources: &Sources<'_>,
    projects: &[&Project],
    emit: &Emit<'_>,
) -> crate::error::Result<PageDiagnostics> {
    use rayon::prelude::*;
    let shared = Shared::new(sources);
    let cards = cards::Cards::new(&shared.index, sources.tera);
    let builder = || shared.builder(sources, emit, &cards);
    // Projects and their PDSA cycles, a few at a time, each on a builder of its own.
    let projects = || {
        projects
            .par_chunks(8)
            .map(|chunk| {
                let mut b = builder();
                let mut diagnostics = Vec::new();
                for project in chunk {
                    b.project(project);
                    for cycle in &project.pdsa {
                        b.pdsa(project, cycle);
                    }
                    let found = std::mem::take(&mut b.bodies.diagnostics);
                    diagnostics.push((project.slug.clone(), found));
                }
                b.finish().map(|_| diagnostics)
            })
            .collect::<crate::error::Result<Vec<Vec<(String, Vec<Diagnostic>)>>>>()
    };
    // The other page families, each on a builder of its own.
    let others = || {
        (0..10)
            .into_par_iter()
            .map(|family| {
                let started = std::time::Instant::now();
                let mut b = builder();
                match family {
                    0 => b.home(),
                    1 => b.not_found(),
                    2 => b.project_index(),
                    3 => b.facets(),
                    4 => b.programmes(),
                    5 => b.people(),
                    6 => b.stories(),
                    7 => b.showcases(),
                    8 => b.pages(),
                    _ => b.search(),
                }
                if crate::timing::enabled() {
                    eprintln!(
                        "timing:   page family {family}: {} ms",
                        started.elapsed().as_millis()
                    );
                }
                b.finish()
            })
            .collect::<crate::error::Result<Vec<Vec<Diagnostic>>>>()
    };
    let started = std::time::Instant::now();
    let (a, b) = rayon::join(
        || {
            let r = projects();
            if crate::timing::enabled() {
                eprintln!(
                    "timing:   project pages: {} ms",
                    started.elapsed().as_millis()
                );
            }
            r
        },
        others,
    );
    Ok(PageDiagnostics {
        projects: a?.into_iter().flatten().collect(),
        others: b?.into_iter().flatten().collect(),
    })
}

/// Makes the pages of one project (its own page and its PDSA cycles') and hands each
/// to `emit`: what `qisite serve` renders again after an edit that changes nothing the
/// other pages show. Returns the Markdown diagnostics of those pages.
pub fn render_project(
    sources: &Sources<'_>,
    project: &Project,
    emit: &Emit<'_>,
) -> crate::error::Result<Vec<Diagnostic>> {
    let shared = Shared::new(sources);
    let cards = cards::Cards::new(&shared.index, sources.tera);
    let mut b = shared.builder(sources, emit, &cards);
    b.project(project);
    for cycle in &project.pdsa {
        b.pdsa(project, cycle);
    }
    b.finish()
}

/// What every page builder reads, made once per render from the sources.
struct Shared<'a> {
    index: Index<'a>,
    embeds: ChartEmbeds<'a>,
    /// Every page's `site` (a [`SiteView`]) and `nav` (the [`NavItem`]s): the same for
    /// every page, so made into template values once, which every page's context
    /// then shares.
    site: tera::Value,
    nav: tera::Value,
    badges: BTreeMap<String, Vec<ShowcaseBadge>>,
    stories_of: BTreeMap<&'a str, Vec<&'a Story>>,
}

impl<'a> Shared<'a> {
    fn new(sources: &Sources<'a>) -> Shared<'a> {
        let portfolio = sources.portfolio;
        let feeds = super::feeds::links(portfolio);
        let cfg = &portfolio.config;
        let site = tera::Value::from_serializable(&SiteView {
            title: &cfg.title,
            organisation: &cfg.organisation,
            description: &cfg.description,
            footer: cfg.footer.as_deref(),
            today: sources.options.today,
            noindex: cfg.noindex,
            feeds: &feeds,
        });
        Shared {
            index: Index::new(portfolio),
            embeds: ChartEmbeds::new(portfolio, sources.charts, sources.tera),
            site,
            nav: tera::Value::from_serializable(&nav(portfolio)),
            badges: showcases::badges(portfolio),
            stories_of: stories_by_project(portfolio),
        }
    }

    /// A builder of pages of its own (with its own diagnostics), for one thread.
    fn builder<'s>(
        &'s self,
        sources: &Sources<'s>,
        emit: &'s Emit<'s>,
        cards: &'s cards::Cards<'s>,
    ) -> Builder<'s>
    where
        'a: 's,
    {
        Builder {
            p: sources.portfolio,
            charts: sources.charts,
            programme_charts: sources.programme_charts,
            similar: sources.similar,
            index: &self.index,
            options: sources.options,
            bodies: Bodies {
                md: sources.md,
                links: sources.links,
                charts: &self.embeds,
                diagnostics: Vec::new(),
            },
            emit,
            error: None,
            site: &self.site,
            nav: &self.nav,
            badges: &self.badges,
            stories_of: &self.stories_of,
            cards,
        }
    }
}

/// Each project's stories (by project slug), so a project page does not look through
/// every story.
fn stories_by_project(p: &Portfolio) -> BTreeMap<&str, Vec<&Story>> {
    let mut map: BTreeMap<&str, Vec<&Story>> = BTreeMap::new();
    for s in &p.stories {
        for x in &s.meta.projects {
            let list = map.entry(x.value.as_str()).or_default();
            if !list.iter().any(|y| std::ptr::eq(*y, s)) {
                list.push(s);
            }
        }
    }
    map
}

fn nav(p: &Portfolio) -> Vec<NavItem> {
    let mut items = vec![
        NavItem {
            title: "Home".into(),
            path: paths::HOME.into(),
        },
        NavItem {
            title: "Projects".into(),
            path: paths::section("projects"),
        },
        NavItem {
            title: "Before you start".into(),
            path: paths::page(search::BEFORE_YOU_START),
        },
    ];
    let sections = [
        ("Programmes", "programmes", !p.programmes.is_empty()),
        ("People", "people", !p.people.is_empty()),
        ("Stories", "stories", !p.stories.is_empty()),
        ("Showcases", "showcases", !p.showcases.is_empty()),
    ];
    for (title, section, shown) in sections {
        if shown {
            items.push(NavItem {
                title: title.into(),
                path: paths::section(section),
            });
        }
    }
    for page in p.pages.iter().filter(|page| page.meta.menu.is_some()) {
        items.push(NavItem {
            title: page.meta.title.clone(),
            path: paths::page(&page.slug),
        });
    }
    items
}

struct Builder<'a> {
    p: &'a Portfolio,
    charts: &'a Charts,
    programme_charts: &'a ProgrammeCharts,
    similar: &'a super::search::SimilarProjects,
    index: &'a Index<'a>,
    options: &'a RenderOptions,
    bodies: Bodies<'a>,
    /// Renders a page and hands it on.
    emit: &'a Emit<'a>,
    /// The first error `emit` gave; later pages are skipped.
    error: Option<crate::error::Error>,
    /// Every page's `site` (a [`SiteView`]) and `nav` (the [`NavItem`]s).
    site: &'a tera::Value,
    nav: &'a tera::Value,
    /// Each project's showcase entries, by project slug.
    badges: &'a BTreeMap<String, Vec<ShowcaseBadge>>,
    /// Each project's stories, by project slug.
    stories_of: &'a BTreeMap<&'a str, Vec<&'a Story>>,
    /// Project cards, drawn once for the pages that list them.
    cards: &'a cards::Cards<'a>,
}

#[derive(Serialize)]
struct TermCount {
    slug: String,
    name: String,
    description: Option<String>,
    path: String,
    count: usize,
}

#[derive(Serialize)]
struct FacetView {
    key: &'static str,
    label: &'static str,
    plural: &'static str,
    path: String,
    terms: Vec<TermCount>,
}

impl<'a> Builder<'a> {
    /// Adds a page: its context holds `site`, `nav`, `page_path`, `page_title` and
    /// `description`, plus what `fill` inserts.
    fn page(
        &mut self,
        path: String,
        template: &'static str,
        title: &str,
        description: &str,
        fill: impl FnOnce(&mut Context),
    ) {
        let cfg = &self.p.config;
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site.clone());
        ctx.insert_value("nav", self.nav.clone());
        ctx.insert("page_path", &path);
        ctx.insert("page_title", title);
        let description = if description.trim().is_empty() {
            cfg.description.as_str()
        } else {
            description
        };
        ctx.insert("description", description.trim());
        fill(&mut ctx);
        if self.error.is_none() {
            if let Err(e) = (self.emit)(PageJob {
                path,
                template,
                context: ctx,
            }) {
                self.error = Some(e);
            }
        }
    }

    /// The cards of `projects` for a page two folders deep, drawn once (see
    /// [`cards`]); none after an error, which the builder keeps.
    fn listed_cards<'p>(
        &mut self,
        projects: impl IntoIterator<Item = &'p Project>,
        heading: &'static str,
    ) -> Vec<tera::Value> {
        match self.cards.listed(projects, heading) {
            Ok(cards) => cards,
            Err(e) => {
                self.error.get_or_insert(e);
                Vec::new()
            }
        }
    }

    /// The builder's Markdown diagnostics, or the first error its pages gave.
    fn finish(self) -> crate::error::Result<Vec<Diagnostic>> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.bodies.diagnostics),
        }
    }

    fn not_found(&mut self) {
        self.page(
            paths::NOT_FOUND.into(),
            "404.html",
            "Page not found",
            "",
            |_| {},
        );
    }

    fn project(&mut self, project: &Project) {
        let path = paths::project(&project.slug);
        let body = self.bodies.html(
            &project.body,
            &project.source.rel,
            project.source.body_line,
            &path,
            3,
        );
        let idx = &self.index;
        let card = idx.card(project);
        let ramps = views::ramps(project);
        let driver = views::driver(project);
        let measures: Vec<views::MeasureView> = project
            .measures
            .iter()
            .map(|m| views::measure(project, m, self.charts))
            .collect();
        let team = views::team(idx, project);
        let history = views::progress_history(project);
        let files = views::attachments(project);
        let related = self.related(project);
        let adapted_from = project
            .meta
            .adapted_from
            .as_ref()
            .map(|r| idx.project_link(&r.value));
        let stories: Vec<StoryView> = self
            .stories_of
            .get(project.slug.as_str())
            .into_iter()
            .flatten()
            .map(|s| self.story_view(s))
            .collect();
        let badges = self.showcase_badges(&project.slug).to_vec();
        let meta = &project.meta;
        self.page(path, "project.html", &meta.title, &meta.summary, |ctx| {
            ctx.insert("project", &card);
            ctx.insert("aim", &meta.aim);
            ctx.insert("updated", &meta.updated);
            ctx.insert("service_user_involvement", &meta.service_user_involvement);
            ctx.insert("driver", &driver);
            ctx.insert("ramps", &ramps);
            ctx.insert("measures", &measures);
            ctx.insert("icon_rows", &views::icon_rows(&[project], self.charts));
            ctx.insert("team", &team);
            ctx.insert("progress_history", &history);
            ctx.insert("files", &files);
            ctx.insert("related", &related);
            ctx.insert("adapted_from", &adapted_from);
            ctx.insert("stories", &stories);
            ctx.insert("showcase_badges", &badges);
            ctx.insert("body", &body);
        });
    }

    fn pdsa(&mut self, project: &Project, cycle: &PdsaCycle) {
        let path = paths::pdsa(&project.slug, &cycle.slug);
        let s = &cycle.sections;
        let rel = &cycle.source.rel;
        // The sections share one page, so their ids must not meet each other's or the
        // template's own (`plan`, `do`, `study`, `act`).
        let mut ids: std::collections::HashSet<String> = super::markdown::RESERVED_IDS
            .iter()
            .chain(&["plan", "do", "study", "act"])
            .map(|id| (*id).to_owned())
            .collect();
        let b = &mut self.bodies;
        let intro = b.html_on_page(&s.intro, rel, s.intro_line, &path, 3, &mut ids);
        let r#do = b.html_on_page(&s.r#do, rel, s.do_line, &path, 3, &mut ids);
        let study = b.html_on_page(&s.study, rel, s.study_line, &path, 3, &mut ids);
        let act = b.html_on_page(&s.act, rel, s.act_line, &path, 3, &mut ids);
        let idea = views::change_idea(project, cycle);
        let idea_link = idea.map(|i| Link {
            title: i.title.clone(),
            path: format!(
                "{}#{}",
                paths::project(&project.slug),
                views::anchor("idea", &i.id.value)
            ),
        });
        // The ramp: cycles testing the same change idea (or, without one, the others).
        let key = idea.map(|i| i.id.value.clone());
        let ramp: Vec<&PdsaCycle> = project
            .pdsa
            .iter()
            .filter(|c| views::change_idea(project, c).map(|i| i.id.value.clone()) == key)
            .collect();
        let pos = ramp.iter().position(|c| c.slug == cycle.slug);
        let prev = pos
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| ramp.get(i))
            .map(|c| views::pdsa_summary(project, c));
        let next = pos
            .and_then(|i| ramp.get(i + 1))
            .map(|c| views::pdsa_summary(project, c));
        let measures: Vec<Link> = cycle
            .meta
            .measures
            .iter()
            .filter_map(|m| project.measures.iter().find(|x| x.id == m.value))
            .map(|m| Link {
                title: m.meta.title.clone(),
                path: format!(
                    "{}#{}",
                    paths::project(&project.slug),
                    views::anchor("measure", &m.id)
                ),
            })
            .collect();
        let summary = views::pdsa_summary(project, cycle);
        let project_link = self.index.project_link(&project.slug);
        let meta = &cycle.meta;
        let title = format!("PDSA cycle {}: {}", cycle.cycle, meta.title);
        let description = format!("{} ({})", meta.objective, project.meta.title);
        self.page(path, "pdsa.html", &title, &description, |ctx| {
            ctx.insert("cycle", &summary);
            ctx.insert("project", &project_link);
            ctx.insert("change_idea", &idea_link);
            ctx.insert("questions", &meta.questions);
            ctx.insert("prediction", &meta.prediction);
            ctx.insert("who", &meta.who);
            ctx.insert("where", &meta.r#where);
            ctx.insert("tasks", &meta.tasks);
            ctx.insert("measures", &measures);
            ctx.insert("next_step", &meta.next);
            ctx.insert("previous_cycle", &prev);
            ctx.insert("next_cycle", &next);
            ctx.insert("ramp_length", &ramp.len());
            ctx.insert("intro", &intro);
            ctx.insert("do", &r#do);
            ctx.insert("study", &study);
            ctx.insert("act", &act);
        });
    }

    fn facets(&mut self) {
        let p = self.p;
        for (key, _, _) in paths::FACETS {
            let facet = facet_terms(p, self.index, key);
            let title = facet.plural;
            let index = self.index;
            let cards: Vec<(TermCount, Vec<tera::Value>, Vec<views::IconRow>)> = facet
                .terms
                .iter()
                .map(|t| {
                    let members: Vec<&Project> = index.facet_members(key, &t.slug);
                    // Board-report style: directorates get the icon summary table.
                    let icon_rows = if key == "directorates" {
                        views::icon_rows(&members, self.charts)
                    } else {
                        Vec::new()
                    };
                    (
                        TermCount {
                            slug: t.slug.clone(),
                            name: t.name.clone(),
                            description: t.description.clone(),
                            path: t.path.clone(),
                            count: t.count,
                        },
                        self.listed_cards(members, "h2"),
                        icon_rows,
                    )
                })
                .collect();
            self.page(paths::section(key), "facet_index.html", title, "", |ctx| {
                ctx.insert("facet", &facet);
            });
            for (term, projects, icon_rows) in cards {
                let title = format!("{}: {}", facet.label, term.name);
                let description = term.description.clone().unwrap_or_default();
                self.page(
                    term.path.clone(),
                    "facet_term.html",
                    &title,
                    &description,
                    |ctx| {
                        ctx.insert("facet", &facet);
                        ctx.insert("term", &term);
                        ctx.insert("projects", &projects);
                        ctx.insert("icon_rows", &icon_rows);
                    },
                );
            }
        }
    }

    fn pages(&mut self) {
        for page in &self.p.pages {
            let path = paths::page(&page.slug);
            let body = self.bodies.html(
                &page.body,
                &page.source.rel,
                page.source.body_line,
                &path,
                2,
            );
            self.page(
                path,
                "page.html",
                &page.meta.title,
                &page.meta.summary,
                |ctx| {
                    ctx.insert("summary", &page.meta.summary);
                    ctx.insert("body", &body);
                },
            );
        }
    }
}

/// Moves every heading of `html` up or down so that the highest one is at level `top`,
/// keeping their relative levels: a body written with `##` sections then never skips a
/// level under the page's headings. Escaped text (`&lt;h2`) is not touched.
pub fn shift_headings(html: &str, top: u8) -> String {
    let levels = |html: &str| -> Vec<(usize, u8)> {
        let bytes = html.as_bytes();
        let mut found = Vec::new();
        for (i, w) in bytes.windows(3).enumerate() {
            let after_slash = i >= 1 && bytes[i - 1] == b'/';
            let tag_start =
                i >= 1 && bytes[i - 1] == b'<' || i >= 2 && after_slash && bytes[i - 2] == b'<';
            if tag_start
                && (w[0] == b'h' || w[0] == b'H')
                && (b'1'..=b'6').contains(&w[1])
                && matches!(w[2], b'>' | b' ' | b'\t' | b'\n')
            {
                found.push((i + 1, w[1] - b'0'));
            }
        }
        found
    };
    let found = levels(html);
    let Some(min) = found.iter().map(|(_, l)| *l).min() else {
        return html.to_owned();
    };
    if min == top {
        return html.to_owned();
    }
    let mut bytes = html.as_bytes().to_vec();
    for (at, level) in found {
        let shifted = (i16::from(level) + i16::from(top) - i16::from(min)).clamp(1, 6) as u8;
        bytes[at] = b'0' + shifted;
    }
    String::from_utf8(bytes).unwrap_or_else(|_| html.to_owned())
}

/// The terms of a facet with their project counts: every status, every declared
/// priority, directorate and method, and every tag a project uses.
fn facet_terms(p: &Portfolio, idx: &Index<'_>, key: &'static str) -> FacetView {
    let (label, plural) = paths::FACETS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, l, pl)| (*l, *pl))
        .unwrap_or((key, key));
    let tax = &p.config.taxonomies;
    let declared =
        |terms: &[crate::config::TaxonomyTerm]| -> Vec<(String, String, Option<String>)> {
            terms
                .iter()
                .map(|t| (t.slug.value.clone(), t.name.clone(), t.description.clone()))
                .collect()
        };
    let terms: Vec<(String, String, Option<String>)> = match key {
        "status" => Status::ALL
            .iter()
            .map(|s| (s.slug().to_owned(), s.label().to_owned(), None))
            .collect(),
        "priorities" => declared(&tax.priorities),
        "directorates" => declared(&tax.directorates),
        "methods" => declared(&tax.methods),
        _ => idx
            .tags
            .iter()
            .map(|(slug, name)| (slug.clone(), name.clone(), None))
            .collect(),
    };
    FacetView {
        key,
        label,
        plural,
        path: paths::section(key),
        terms: terms
            .into_iter()
            .map(|(slug, name, description)| TermCount {
                count: idx.facet_members(key, &slug).len(),
                path: paths::facet_term(key, &slug),
                slug,
                name,
                description,
            })
            .collect(),
    }
}

/// Links to every facet's index, for "browse by" lists.
fn facet_list(_p: &Portfolio, _idx: &Index<'_>) -> Vec<Link> {
    paths::FACETS
        .iter()
        .map(|(key, label, _)| Link {
            title: (*label).to_owned(),
            path: paths::section(key),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::shift_headings;

    #[test]
    fn headings_start_at_the_given_level() {
        let html = "<h2 id=\"a\">A</h2><p>&lt;h2&gt;</p><h3>B</h3>";
        assert_eq!(
            shift_headings(html, 3),
            "<h3 id=\"a\">A</h3><p>&lt;h2&gt;</p><h4>B</h4>"
        );
        assert_eq!(shift_headings("<h1>A</h1>", 2), "<h2>A</h2>");
        assert_eq!(shift_headings("<p>none</p>", 2), "<p>none</p>");
        assert_eq!(
            shift_headings("<h2>A</h2><h6>B</h6>", 3),
            "<h3>A</h3><h6>B</h6>"
        );
    }
}
