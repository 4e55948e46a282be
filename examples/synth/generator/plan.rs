//! The portfolio's skeleton, decided before any text is written: who the people are,
//! which projects exist (slug, title, topic, place, status, team) and which belong to
//! each programme. Cheap and sequential (slugs must be unique); the heavy text is written
//! afterwards, per project, in parallel.

use std::collections::HashSet;

use super::rng::Rng;
use super::text::{slugify, Month};
use super::topics::{Topic, TOPICS};
use super::words::{self, Place};

/// How a project's data turned out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trajectory {
    /// The key change moved both measures.
    Improved,
    /// The process measure moved; the outcome has not yet.
    ProcessOnly,
    /// Nothing has moved yet.
    Stuck,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Lead,
    Sponsor,
    Coach,
    Advisor,
}

impl Role {
    pub fn slug(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Sponsor => "sponsor",
            Role::Coach => "coach",
            Role::Advisor => "improvement-advisor",
        }
    }
}

/// Roles by person index, repeating every ten people: six leads, two coaches, a sponsor
/// and an improvement advisor, with one of each among the first four.
const ROLES: [Role; 10] = [
    Role::Lead,
    Role::Sponsor,
    Role::Coach,
    Role::Advisor,
    Role::Lead,
    Role::Lead,
    Role::Coach,
    Role::Lead,
    Role::Lead,
    Role::Lead,
];

pub struct Person {
    pub slug: String,
    pub name: String,
    pub role: Role,
    pub job: &'static str,
    pub hospital: String,
    pub directorate: &'static str,
    pub extension: u32,
}

pub struct ProgrammePlan {
    pub slug: String,
    pub title: String,
    pub topic: usize,
    pub start: Month,
    /// Member project indices, ascending.
    pub members: Vec<usize>,
    pub lead: usize,
    pub sponsor: usize,
    pub rules_nhs: bool,
    pub region: String,
}

pub struct ProjectPlan {
    pub index: usize,
    pub slug: String,
    pub title: String,
    pub topic: usize,
    pub place: Place,
    pub town: String,
    pub hospital: String,
    /// The month of the first data point.
    pub start: Month,
    pub programme: Option<usize>,
    pub trajectory: Trajectory,
    pub status: &'static str,
    pub progress: f64,
    pub lead: usize,
    pub sponsor: usize,
    pub coach: usize,
    pub advisor: Option<usize>,
    /// Other team members with their role (`member` or `data-analyst`).
    pub members: Vec<(usize, &'static str)>,
    pub service_users: bool,
    pub related: Option<usize>,
    pub adapted_from: Option<usize>,
}

impl ProjectPlan {
    pub fn topic(&self) -> &'static Topic {
        &TOPICS[self.topic]
    }

    /// The `started` date: a few months into the data (the rest is baseline).
    pub fn started(&self) -> String {
        self.start.plus(9).day(3 + (self.index % 20) as u32)
    }

    /// The team in front-matter order: (person, role).
    pub fn team(&self) -> Vec<(usize, &'static str)> {
        let mut t = vec![(self.lead, "lead")];
        t.extend(self.members.iter().copied());
        t.push((self.sponsor, "sponsor"));
        t.push((self.coach, "coach"));
        if let Some(a) = self.advisor {
            t.push((a, "improvement-advisor"));
        }
        t
    }
}

pub struct Plan {
    pub people: Vec<Person>,
    pub programmes: Vec<ProgrammePlan>,
    pub projects: Vec<ProjectPlan>,
}

/// Projects per programme, per person, per story and per showcase.
pub const PER_PROGRAMME: usize = 50;
pub const PER_PERSON: usize = 5;
pub const PER_STORY: usize = 10;
pub const PER_SHOWCASE: usize = 100;
/// Projects that share a town (a region of the national portfolio, and of a programme).
const PER_REGION: usize = PER_PROGRAMME;

/// How many of each kind a portfolio of `n` projects has.
pub fn counts(n: usize) -> (usize, usize, usize, usize) {
    (
        n.div_ceil(PER_PERSON).max(4),
        n.div_ceil(PER_PROGRAMME),
        n.div_ceil(PER_STORY),
        n.div_ceil(PER_SHOWCASE),
    )
}

/// A unique slug: `base`, or `base-2`, `base-3` … if taken, marked as taken. A numbered
/// slug can meet another name's own (`…-on-ward` the fourth time and `…-on-ward-4`), so
/// it counts on until the slug is free.
pub(super) fn unique(used: &mut HashSet<String>, base: String) -> String {
    let mut slug = base.clone();
    let mut count = 1;
    while used.contains(&slug) {
        count += 1;
        slug = format!("{base}-{count}");
    }
    used.insert(slug.clone());
    slug
}

/// The town of the region project `i` belongs to.
fn town_of(seed: u64, i: usize) -> usize {
    let mut r = Rng::derive(seed, super::STREAM_REGION, (i / PER_REGION) as u64);
    r.below(words::TOWNS)
}

/// `pool[i * len / n]`, nudged by up to two places: people work on projects near
/// their own index, so no one's page grows with the size of the portfolio.
fn near(pool: &[usize], i: usize, n: usize, rng: &mut Rng) -> usize {
    let pos = i * pool.len() / n.max(1);
    pool[(pos + rng.below(3)) % pool.len()]
}

pub fn plan(n: usize, seed: u64) -> Plan {
    let (n_people, n_programmes, _, _) = counts(n);

    let mut seen = HashSet::new();
    let mut people: Vec<Person> = (0..n_people)
        .map(|j| {
            let mut r = Rng::derive(seed, super::STREAM_PERSON, j as u64);
            let name = format!("{} {}", r.pick(words::FIRST_NAMES), r.pick(words::SURNAMES));
            let role = ROLES[j % ROLES.len()];
            let job = match role {
                Role::Lead => r.pick(words::LEAD_JOBS),
                Role::Sponsor => r.pick(words::SPONSOR_JOBS),
                Role::Coach => r.pick(words::COACH_JOBS),
                Role::Advisor => r.pick(words::ADVISOR_JOBS),
            };
            Person {
                slug: unique(&mut seen, slugify(&name)),
                name,
                role,
                job,
                hospital: words::hospital(town_of(seed, j * n / n_people)),
                directorate: r.pick(words::DIRECTORATES).0,
                extension: r.int(2000, 7999) as u32,
            }
        })
        .collect();
    let pool = |role: Role| -> Vec<usize> {
        (0..people.len())
            .filter(|&j| people[j].role == role)
            .collect()
    };
    let (leads, sponsors, coaches, advisors) = (
        pool(Role::Lead),
        pool(Role::Sponsor),
        pool(Role::Coach),
        pool(Role::Advisor),
    );

    let mut member_of = vec![None; n];
    let programmes: Vec<ProgrammePlan> = (0..n_programmes)
        .map(|k| {
            let mut r = Rng::derive(seed, super::STREAM_PROGRAMME, k as u64);
            let first = k * PER_PROGRAMME;
            let block = (n - first).min(PER_PROGRAMME);
            let want = r.int((block / 5).max(2) as i64, (block / 3).max(2) as i64) as usize;
            let mut members: Vec<usize> = r
                .distinct(block, want)
                .into_iter()
                .map(|m| first + m)
                .collect();
            members.sort_unstable();
            for &m in &members {
                member_of[m] = Some(k);
            }
            let topic = r.below(TOPICS.len());
            let region = words::town(town_of(seed, first));
            let name = TOPICS[topic].name.trim_start_matches("the ");
            let title = format!("{region} {name} collaborative");
            ProgrammePlan {
                slug: unique(&mut seen, slugify(&title)),
                title,
                topic,
                start: Month::new(2021, 6).plus(r.int(0, 21) as i32),
                members,
                lead: near(&advisors, first, n, &mut r),
                sponsor: near(&sponsors, first, n, &mut r),
                rules_nhs: r.chance(0.3),
                region,
            }
        })
        .collect();

    let everyone: Vec<usize> = (0..people.len()).collect();
    let mut slugs = HashSet::new();
    let mut projects: Vec<ProjectPlan> = (0..n)
        .map(|i| {
            let mut r = Rng::derive(seed, super::STREAM_PLAN, i as u64);
            let programme = member_of[i];
            let (topic, start) = match programme {
                Some(k) => (programmes[k].topic, programmes[k].start),
                None => (
                    r.below(TOPICS.len()),
                    Month::new(2021, 1).plus(r.int(0, 26) as i32),
                ),
            };
            let t = &TOPICS[topic];
            let town_index = town_of(seed, i);
            let town = words::town(town_index);
            let place = words::place(r.pick(t.places), &town, &mut r);
            let mut title = super::text::fill(r.pick(t.titles), &[("on_place", &place.on_name)]);
            if !place.name.contains(&town) {
                title = format!("{title}, {town}");
            }
            let town_slug = slugify(&town);
            let base = if place.slug.contains(&town_slug) {
                format!("{}-{}", t.slug, place.slug)
            } else {
                format!("{}-{}-{town_slug}", t.slug, place.slug)
            };
            let slug = unique(&mut slugs, base);
            let trajectory = match r.below(20) {
                0..=11 => Trajectory::Improved,
                12..=14 => Trajectory::ProcessOnly,
                _ => Trajectory::Stuck,
            };
            // The last data point is 35 months after the first; recent projects are
            // mostly still active.
            let recent = start.plus(35) >= Month::new(2025, 9);
            let status = match (recent, trajectory, r.below(10)) {
                (true, _, 0) => "on-hold",
                (true, Trajectory::Improved, 1) => "completed",
                (true, _, _) => "active",
                (false, Trajectory::Stuck, 0..=5) => "closed",
                (false, _, 0..=1) => "on-hold",
                (false, _, _) => "completed",
            };
            let progress = match trajectory {
                Trajectory::Improved if status == "completed" => 4.0 + 0.5 * r.below(3) as f64,
                Trajectory::Improved => 3.5 + 0.5 * r.below(2) as f64,
                Trajectory::ProcessOnly => 3.0,
                Trajectory::Stuck => 2.0 + 0.5 * r.below(2) as f64,
            };
            let lead = near(&leads, i, n, &mut r);
            let sponsor = near(&sponsors, i, n, &mut r);
            let coach = near(&coaches, i, n, &mut r);
            let advisor = r.chance(0.4).then(|| near(&advisors, i, n, &mut r));
            let mut members = Vec::new();
            let mut taken = vec![lead, sponsor, coach];
            taken.extend(advisor);
            for role in ["member", "data-analyst"] {
                if role == "data-analyst" && !r.chance(0.4) {
                    continue;
                }
                let j = near(&everyone, i, n, &mut r);
                if !taken.contains(&j) {
                    taken.push(j);
                    members.push((j, role));
                }
            }
            ProjectPlan {
                index: i,
                slug,
                title,
                topic,
                hospital: words::hospital(town_index),
                town,
                place,
                start,
                programme,
                trajectory,
                status,
                progress,
                lead,
                sponsor,
                coach,
                advisor,
                members,
                service_users: r.chance(0.4),
                related: None,
                adapted_from: None,
            }
        })
        .collect();

    // Related projects: the same topic, close by in the portfolio (a bounded window, so
    // this stays linear in the number of projects).
    for i in 0..n {
        let mut r = Rng::derive(seed, super::STREAM_RELATED, i as u64);
        let same = |j: usize| j != i && projects[j].topic == projects[i].topic;
        let related = r
            .chance(0.3)
            .then(|| (i.saturating_sub(20)..(i + 20).min(n)).find(|&j| same(j)))
            .flatten();
        let adapted_from = r
            .chance(0.1)
            .then(|| {
                (i.saturating_sub(40)..i)
                    .rev()
                    .find(|&j| same(j) && projects[j].start < projects[i].start)
            })
            .flatten();
        projects[i].related = related;
        projects[i].adapted_from = adapted_from;
    }
    // A lead works in the directorate of the first project they lead, in a job found
    // there.
    let mut placed = vec![false; people.len()];
    for p in &projects {
        if !placed[p.lead] {
            placed[p.lead] = true;
            let mut r = Rng::derive(seed, super::STREAM_PERSON, (people.len() + p.lead) as u64);
            let person = &mut people[p.lead];
            person.directorate = p.place.directorate;
            if r.chance(0.5) {
                person.job = r.pick(words::lead_jobs(person.directorate));
            }
        }
    }
    Plan {
        people,
        programmes,
        projects,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_slugs_never_meet_numbered_ones() {
        let mut used = HashSet::new();
        let got: Vec<String> = [
            "on-ward",
            "on-ward-2",
            "on-ward",
            "on-ward",
            "on-ward-4",
            "on-ward",
        ]
        .iter()
        .map(|b| unique(&mut used, (*b).to_owned()))
        .collect();
        assert_eq!(
            got,
            [
                "on-ward",
                "on-ward-2",
                "on-ward-3",
                "on-ward-4",
                "on-ward-4-2",
                "on-ward-5"
            ]
        );
    }
}
