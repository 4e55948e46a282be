//! The home page as a dashboard: headline figures, bar charts of projects by status,
//! strategic priority, directorate and progress score (each with its numbers as a
//! table), the portfolio's icon summary table, recent activity, the next and the latest
//! celebration events, and the latest stories.
//!
//! The figures come from `stats`, the charts are drawn by `bars`; this file chooses what
//! the page shows and hands it to `home.html`.

use serde::Serialize;

use super::super::bars::{self, Bar, BarChart};
use super::super::{paths, stats, views};
use super::{facet_list, facet_terms, Builder, ShowcaseSummary, StoryView, TermCount};
use crate::content::date::Date;
use crate::content::model::Project;

/// How many projects each "recently …" list shows.
const RECENT: usize = 5;

/// A bar chart of project counts with the same numbers as a table.
#[derive(Serialize)]
struct CountChart {
    /// The chart's id on the page; also the prefix of its heading's and table's ids.
    id: String,
    /// "Projects by status".
    title: String,
    /// The table's first column heading, e.g. "Status".
    heading: String,
    /// The inline SVG (trusted: drawn by qisite, every text escaped).
    svg: String,
    table_id: String,
    rows: Vec<CountRow>,
    /// A sentence under the chart, e.g. about projects in no category.
    note: Option<String>,
    /// The index of every term, e.g. "All statuses" → `status/index.html`.
    more: Option<views::Link>,
}

#[derive(Serialize)]
struct CountRow {
    name: String,
    /// Output path of the term's page; empty when it has none.
    path: String,
    count: usize,
}

/// A project in a "recently …" list, with the date that puts it there (none for a
/// completed project without an end date).
#[derive(Serialize)]
struct DatedProject {
    title: String,
    path: String,
    date: Option<Date>,
    status: views::Term,
}

impl CountChart {
    fn new(id: &str, title: &str, heading: &str, rows: Vec<CountRow>) -> CountChart {
        let table_id = format!("{id}-data");
        let bars: Vec<Bar> = rows
            .iter()
            .map(|r| Bar {
                label: r.name.clone(),
                value: r.count as u64,
                href: (!r.path.is_empty()).then(|| paths::relative(paths::HOME, &r.path)),
            })
            .collect();
        let svg = bars::draw_svg(&BarChart {
            id: id.to_owned(),
            title: title.to_owned(),
            description: format!("{title}: {}.", bars::listing(&bars)),
            unit: ("project".into(), "projects".into()),
            bars,
            table_id: Some(table_id.clone()),
        });
        CountChart {
            id: id.to_owned(),
            title: title.to_owned(),
            heading: heading.to_owned(),
            svg,
            table_id,
            rows,
            note: None,
            more: None,
        }
    }

    /// Links the chart to the index of its facet, e.g. "All statuses".
    fn with_more(mut self, facet: &str, text: &str) -> CountChart {
        self.more = Some(views::Link {
            title: text.to_owned(),
            path: paths::section(facet),
        });
        self
    }

    fn with_note(mut self, note: Option<String>) -> CountChart {
        self.note = note;
        self
    }
}

fn term_rows(terms: &[TermCount]) -> Vec<CountRow> {
    terms
        .iter()
        .map(|t| CountRow {
            name: t.name.clone(),
            path: t.path.clone(),
            count: t.count,
        })
        .collect()
}

/// "3 projects name no directorate." when some do not: `said` is the verb phrase for
/// one project and for several, e.g. `("names no directorate", "name no directorate")`.
fn unassigned(count: usize, said: (&str, &str)) -> Option<String> {
    match count {
        0 => None,
        1 => Some(format!("1 project {}.", said.0)),
        n => Some(format!(
            "{} projects {}.",
            super::super::format::number(n as f64, 0),
            said.1
        )),
    }
}

impl Builder<'_> {
    pub(super) fn home(&mut self) {
        let p = self.p;
        let today = self.options.today;
        let headlines = stats::headlines(p, self.charts, today);
        let charts = self.count_charts();
        let [updated, started, completed] = self.recent_activity();
        let stories: Vec<StoryView> = p
            .stories
            .iter()
            .take(3)
            .map(|s| self.story_view(s))
            .collect();
        let (next, latest) = stats::next_and_latest(&p.showcases, today);
        let next: Option<ShowcaseSummary> = next.map(|s| self.showcase_summary(s));
        let latest: Option<ShowcaseSummary> = latest.map(|s| self.showcase_summary(s));
        let all: Vec<&Project> = p.projects.iter().collect();
        let icon_rows = views::icon_rows(&all, self.charts);
        let facets = facet_list(p, self.index);
        let title = p.config.title.clone();
        self.page(paths::HOME.into(), "home.html", &title, "", |ctx| {
            ctx.insert("headlines", &headlines);
            ctx.insert("charts", &charts);
            ctx.insert("icon_rows", &icon_rows);
            ctx.insert("recently_updated", &updated);
            ctx.insert("recently_started", &started);
            ctx.insert("recently_completed", &completed);
            ctx.insert("stories", &stories);
            ctx.insert("next_event", &next);
            ctx.insert("latest_event", &latest);
            ctx.insert("facets", &facets);
        });
    }

    /// Projects by status, strategic priority and directorate (when site.yaml declares
    /// any) and progress score.
    fn count_charts(&self) -> Vec<CountChart> {
        let p = self.p;
        let idx = &self.index;
        let status = facet_terms(p, idx, "status");
        let priorities = facet_terms(p, idx, "priorities");
        let directorates = facet_terms(p, idx, "directorates");
        let no_priority = p
            .projects
            .iter()
            .filter(|x| x.meta.priorities.is_empty())
            .count();
        let no_directorate = p
            .projects
            .iter()
            .filter(|x| x.meta.directorate.is_none())
            .count();
        let several = p.projects.iter().any(|x| x.meta.priorities.len() > 1);
        let (scores, unscored) = stats::progress_counts(&p.projects);
        let progress_rows = scores
            .iter()
            .map(|(score, label, count)| CountRow {
                name: format!("{score:.1} {label}"),
                path: String::new(),
                count: *count,
            })
            .collect();
        let priority_note = [
            several.then(|| "A project may serve several priorities.".to_owned()),
            unassigned(no_priority, ("names no priority", "name no priority")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let mut charts = vec![CountChart::new(
            "chart-status",
            "Projects by status",
            "Status",
            term_rows(&status.terms),
        )
        .with_more("status", "All statuses")];
        if !priorities.terms.is_empty() {
            charts.push(
                CountChart::new(
                    "chart-priorities",
                    "Projects by strategic priority",
                    "Strategic priority",
                    term_rows(&priorities.terms),
                )
                .with_note((!priority_note.is_empty()).then_some(priority_note))
                .with_more("priorities", "All strategic priorities"),
            );
        }
        if !directorates.terms.is_empty() {
            charts.push(
                CountChart::new(
                    "chart-directorates",
                    "Projects by directorate",
                    "Directorate",
                    term_rows(&directorates.terms),
                )
                .with_note(unassigned(
                    no_directorate,
                    ("names no directorate", "name no directorate"),
                ))
                .with_more("directorates", "All directorates"),
            );
        }
        charts.push(
            CountChart::new(
                "chart-progress",
                "Projects by progress score",
                "Progress score",
                progress_rows,
            )
            .with_note(unassigned(
                unscored,
                ("has no progress score", "have no progress score"),
            )),
        );
        charts
    }

    /// The projects most recently updated, started and completed.
    fn recent_activity(&self) -> [Vec<DatedProject>; 3] {
        let p = self.p;
        let idx = &self.index;
        let today = self.options.today;
        let dated = |x: &Project, date: Option<Date>| DatedProject {
            title: x.meta.title.clone(),
            path: paths::project(&x.slug),
            date,
            status: idx.status(x.meta.status),
        };
        let latest_by = |date: &dyn Fn(&Project) -> Option<Date>| -> Vec<DatedProject> {
            stats::latest_by(&p.projects, date, today, RECENT)
                .into_iter()
                .map(|(x, d)| dated(x, Some(d)))
                .collect()
        };
        let updated = latest_by(&|x| stats::last_update(x, today));
        let started = latest_by(&|x| x.meta.started);
        let completed: Vec<DatedProject> = stats::recently_completed(&p.projects, RECENT)
            .into_iter()
            .map(|x| dated(x, x.meta.ended))
            .collect();
        [updated, started, completed]
    }
}
