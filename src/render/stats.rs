//! Figures about projects and the portfolio as a whole, for the home dashboard and the
//! project index: a project's last update, which PDSA cycles have run, which projects
//! show special cause improvement, the headline figures, the spread of progress scores,
//! and the "recently …" lists and celebration events by date.
//!
//! Pure: no I/O, and no clock: the build date (`today`) is passed in. Every list is
//! ordered deterministically (ties by slug). Linear in the size of the portfolio.

use crate::content::date::Date;
use crate::content::model::{PdsaCycle, Portfolio, Project, Showcase, Status};
use crate::content::validate::PROGRESS_SCALE;

use super::measure::Charts;

/// When a project was last updated: the latest of its `updated` date, its progress
/// history, its PDSA cycles' start and end dates, its measures' data, and its own start
/// and end dates. Dates after `today` (plans) are not updates yet and are ignored.
pub fn last_update(p: &Project, today: Date) -> Option<Date> {
    let m = &p.meta;
    let pdsa = p.pdsa.iter().flat_map(|c| [c.meta.started, c.meta.ended]);
    let data = p
        .measures
        .iter()
        .filter_map(|x| x.data.last().map(|o| o.date));
    [m.updated, m.started, m.ended]
        .into_iter()
        .chain(pdsa)
        .flatten()
        .chain(m.progress_history.iter().map(|u| u.date))
        .chain(data)
        .filter(|d| *d <= today)
        .max()
}

/// Whether a PDSA cycle has run (or is running): it has a decision, or an end date, or
/// a start date on or before `today`. A cycle with none of these is only planned.
pub fn has_run(c: &PdsaCycle, today: Date) -> bool {
    c.meta.decision.is_some()
        || c.meta.ended.is_some()
        || c.meta.started.is_some_and(|d| d <= today)
}

/// Whether any of a project's measures shows special cause improvement in its latest
/// phase (see `MeasureChart::improving`).
pub fn improving(p: &Project, charts: &Charts) -> bool {
    p.measures.iter().any(|m| {
        charts
            .get(&(p.slug.clone(), m.id.clone()))
            .is_some_and(|c| c.improving)
    })
}

/// The headline figures of the home page.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Headlines {
    pub projects: usize,
    /// Projects whose status is `active`.
    pub active: usize,
    /// PDSA cycles that have run (see [`has_run`]), and all recorded, planned included.
    pub pdsa_run: usize,
    pub pdsa: usize,
    /// Projects with a measure showing special cause improvement.
    pub improving: usize,
    /// Projects with `service_user_involvement: true`.
    pub service_user_involvement: usize,
    pub measures: usize,
    pub people: usize,
}

pub fn headlines(p: &Portfolio, charts: &Charts, today: Date) -> Headlines {
    let projects = &p.projects;
    let count = |f: &dyn Fn(&Project) -> bool| projects.iter().filter(|x| f(x)).count();
    Headlines {
        projects: projects.len(),
        active: count(&|x| x.meta.status == Status::Active),
        pdsa_run: projects
            .iter()
            .flat_map(|x| &x.pdsa)
            .filter(|c| has_run(c, today))
            .count(),
        pdsa: projects.iter().map(|x| x.pdsa.len()).sum(),
        improving: count(&|x| improving(x, charts)),
        service_user_involvement: count(&|x| x.meta.service_user_involvement),
        measures: projects.iter().map(|x| x.measures.len()).sum(),
        people: p.people.len(),
    }
}

/// How many projects have each score of the IHI progress scale, in scale order (every
/// score, zeros included), and how many have no score.
pub fn progress_counts(projects: &[Project]) -> (Vec<(f64, &'static str, usize)>, usize) {
    let mut counts: Vec<(f64, &'static str, usize)> =
        PROGRESS_SCALE.iter().map(|(s, l)| (*s, *l, 0)).collect();
    let mut unscored = 0;
    for p in projects {
        match p
            .progress()
            .and_then(|s| counts.iter_mut().find(|(x, _, _)| (x - s).abs() < 1e-9))
        {
            Some(slot) => slot.2 += 1,
            None => unscored += 1,
        }
    }
    (counts, unscored)
}

/// Up to `n` projects, newest `date` first (ties by slug), leaving out projects without
/// a date on or before `today`.
pub fn latest_by<'p>(
    projects: impl IntoIterator<Item = &'p Project>,
    date: impl Fn(&Project) -> Option<Date>,
    today: Date,
    n: usize,
) -> Vec<(&'p Project, Date)> {
    let mut dated: Vec<(&Project, Date)> = projects
        .into_iter()
        .filter_map(|p| date(p).filter(|d| *d <= today).map(|d| (p, d)))
        .collect();
    dated.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.slug.cmp(&b.0.slug)));
    dated.truncate(n);
    dated
}

/// Completed projects, most recently ended first; those without an end date follow,
/// by slug. At most `n`.
pub fn recently_completed(projects: &[Project], n: usize) -> Vec<&Project> {
    let mut done: Vec<&Project> = projects
        .iter()
        .filter(|p| p.meta.status == Status::Completed)
        .collect();
    done.sort_by(|a, b| {
        b.meta
            .ended
            .cmp(&a.meta.ended)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    done.truncate(n);
    done
}

/// The next celebration event (the soonest on or after `today`) and the latest one
/// (the most recent before `today`). Either may be missing.
pub fn next_and_latest(
    showcases: &[Showcase],
    today: Date,
) -> (Option<&Showcase>, Option<&Showcase>) {
    let next = showcases
        .iter()
        .filter(|s| s.meta.date >= today)
        .min_by(|a, b| {
            a.meta
                .date
                .cmp(&b.meta.date)
                .then_with(|| a.slug.cmp(&b.slug))
        });
    let latest = showcases
        .iter()
        .filter(|s| s.meta.date < today)
        .max_by(|a, b| {
            a.meta
                .date
                .cmp(&b.meta.date)
                .then_with(|| b.slug.cmp(&a.slug))
        });
    (next, latest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A portfolio of projects `(slug, extra front matter)`, loaded from a temp folder.
    fn portfolio(projects: &[(&str, &str)], extra: &[(&str, &str)]) -> Portfolio {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(root, "site.yaml", "title: Test\n");
        for (slug, meta) in projects {
            write(
                root,
                &format!("projects/{slug}/index.md"),
                &format!("---\ntitle: {slug}\n{meta}\n---\nText.\n"),
            );
        }
        for (rel, text) in extra {
            write(root, rel, text);
        }
        let loaded = crate::content::load(root);
        assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
        loaded.portfolio
    }

    #[test]
    fn the_last_update_is_the_latest_dated_activity_up_to_today() {
        let p = portfolio(
            &[
                ("a", "status: active\nstarted: 2025-01-01\nupdated: 2025-06-01"),
                ("b", "status: active\nstarted: 2025-01-01"),
                (
                    "c",
                    "status: active\nprogress: 2.0\nprogress_history:\n  - {date: 2025-09-01, score: 1.5}",
                ),
                ("d", "status: proposed\nstarted: 2027-01-01"),
                ("e", "status: active\nstarted: 2025-01-01\nupdated: 2025-02-01"),
            ],
            &[
                (
                    "projects/e/pdsa/01-try.md",
                    "---\ntitle: Try\nprediction: p\nstarted: 2025-03-01\nended: 2025-04-01\n---\n",
                ),
                (
                    "projects/e/pdsa/02-later.md",
                    "---\ntitle: Later\nprediction: p\nstarted: 2030-01-01\n---\n",
                ),
            ],
        );
        let today = day("2026-01-01");
        let got: Vec<Option<Date>> = p.projects.iter().map(|x| last_update(x, today)).collect();
        assert_eq!(
            got,
            vec![
                Some(day("2025-06-01")),
                Some(day("2025-01-01")),
                Some(day("2025-09-01")),
                None,
                Some(day("2025-04-01")),
            ]
        );
        let latest = latest_by(&p.projects, |x| last_update(x, today), today, 3);
        let slugs: Vec<&str> = latest.iter().map(|(x, _)| x.slug.as_str()).collect();
        assert_eq!(slugs, ["c", "a", "e"]);
    }

    #[test]
    fn cycles_run_once_started_ended_or_decided() {
        let p = portfolio(
            &[("a", "status: active")],
            &[
                (
                    "projects/a/pdsa/01-x.md",
                    "---\ntitle: X\nprediction: p\n---\n",
                ),
                (
                    "projects/a/pdsa/02-y.md",
                    "---\ntitle: Y\nprediction: p\nstarted: 2026-01-01\n---\n",
                ),
                (
                    "projects/a/pdsa/03-z.md",
                    "---\ntitle: Z\nprediction: p\nstarted: 2026-03-01\n---\n",
                ),
                (
                    "projects/a/pdsa/04-w.md",
                    "---\ntitle: W\nprediction: p\ndecision: adopt\n---\n",
                ),
            ],
        );
        let today = day("2026-02-01");
        let run: Vec<bool> = p.projects[0]
            .pdsa
            .iter()
            .map(|c| has_run(c, today))
            .collect();
        assert_eq!(run, [false, true, false, true]);
        let h = headlines(&p, &Charts::new(), today);
        assert_eq!((h.pdsa_run, h.pdsa), (2, 4));
    }

    #[test]
    fn headlines_count_projects_by_what_they_say() {
        let p = portfolio(
            &[
                ("a", "status: active\nservice_user_involvement: true"),
                ("b", "status: active"),
                ("c", "status: completed\nservice_user_involvement: true"),
                ("d", "status: on-hold\nservice_user_involvement: false"),
            ],
            &[],
        );
        let h = headlines(&p, &Charts::new(), day("2026-01-01"));
        assert_eq!(h.projects, 4);
        assert_eq!(h.active, 2);
        assert_eq!(h.service_user_involvement, 2);
        assert_eq!(h.improving, 0);
    }

    #[test]
    fn progress_counts_cover_the_whole_scale() {
        let p = portfolio(
            &[
                ("a", "status: active\nprogress: 3.5"),
                ("b", "status: active\nprogress: 3.5"),
                ("c", "status: active\nprogress: 0.5"),
                ("d", "status: active"),
            ],
            &[],
        );
        let (counts, unscored) = progress_counts(&p.projects);
        assert_eq!(counts.len(), 10);
        assert_eq!(counts[0], (0.5, "Intent to participate", 1));
        assert_eq!(counts[6], (3.5, "Improvement", 2));
        assert_eq!(counts.iter().map(|c| c.2).sum::<usize>(), 3);
        assert_eq!(unscored, 1);
    }

    #[test]
    fn completed_projects_newest_first_then_undated() {
        let p = portfolio(
            &[
                ("a", "status: completed\nended: 2025-01-01"),
                ("b", "status: completed"),
                ("c", "status: completed\nended: 2025-06-01"),
                ("d", "status: active\nended: 2025-12-01"),
            ],
            &[],
        );
        let slugs: Vec<&str> = recently_completed(&p.projects, 5)
            .iter()
            .map(|x| x.slug.as_str())
            .collect();
        assert_eq!(slugs, ["c", "a", "b"]);
    }

    #[test]
    fn next_and_latest_events_by_today() {
        let show = |slug: &str, date: &str| {
            (
                format!("showcases/{slug}/index.md"),
                format!("---\ntitle: {slug}\ndate: {date}\n---\n"),
            )
        };
        let files = [
            show("old", "2024-05-01"),
            show("recent", "2025-11-01"),
            show("soon", "2026-03-01"),
            show("later", "2026-09-01"),
        ];
        let extra: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let p = portfolio(&[], &extra);
        let slug = |s: Option<&Showcase>| s.map(|s| s.slug.clone());
        let (next, latest) = next_and_latest(&p.showcases, day("2026-01-01"));
        assert_eq!(
            (slug(next), slug(latest)),
            (Some("soon".into()), Some("recent".into()))
        );
        let (next, latest) = next_and_latest(&p.showcases, day("2026-03-01"));
        assert_eq!(
            slug(next).as_deref(),
            Some("soon"),
            "an event today is next"
        );
        assert_eq!(slug(latest).as_deref(), Some("recent"));
        let (next, latest) = next_and_latest(&p.showcases, day("2027-01-01"));
        assert_eq!((slug(next), slug(latest)), (None, Some("later".into())));
        let (next, latest) = next_and_latest(&p.showcases, day("2020-01-01"));
        assert_eq!((slug(next), slug(latest)), (Some("old".into()), None));
    }
}
