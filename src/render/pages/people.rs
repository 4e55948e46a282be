//! The people directory and each person's page. The directory (`people/index.html`)
//! groups people by QI role, so that a newcomer can find a lead, a sponsor, a coach or
//! an improvement advisor to talk to; a person with two roles is under both. Roles
//! come from the person's own `roles` and from what the projects and programmes say
//! (`team` roles, `sponsor`, `coach`, a programme's `lead` and `sponsor`).
//!
//! Every person's projects are found in one pass over the projects, so the pages cost
//! time in proportion to the portfolio, never people × projects.

use std::collections::BTreeMap;

use serde::Serialize;

use super::stories::StoryView;
use super::Builder;
use crate::content::model::{Person, PersonRole, Programme, Project, TeamRole};
use crate::render::paths;
use crate::render::views::Link;

/// The directory's groups in order: (role, heading, id, heading of the person page's
/// section). People with none of these roles are listed last, under "Other people".
const ROLES: [(PersonRole, &str, &str, &str); 5] = [
    (PersonRole::Lead, "Project leads", "leads", "Projects led"),
    (
        PersonRole::Sponsor,
        "Sponsors",
        "sponsors",
        "Projects sponsored",
    ),
    (
        PersonRole::Coach,
        "QI coaches",
        "coaches",
        "Projects coached",
    ),
    (
        PersonRole::ImprovementAdvisor,
        "Improvement advisors",
        "improvement-advisors",
        "Improvement advisor to",
    ),
    (
        PersonRole::Member,
        "Team members",
        "members",
        "Team member of",
    ),
];

/// How many projects a directory entry names before "and N more".
const PROJECTS_SHOWN: usize = 5;

/// A person in lists and at the top of their page.
#[derive(Serialize)]
pub(super) struct PersonSummary {
    slug: String,
    path: String,
    name: String,
    job_title: Option<String>,
    team: Option<String>,
    /// Every role, declared or from the projects, as labels ("Project lead").
    roles: Vec<String>,
}

/// One group of the directory.
#[derive(Serialize)]
struct RoleGroup {
    id: &'static str,
    heading: &'static str,
    people: Vec<DirectoryEntry>,
}

/// A person under one role in the directory.
#[derive(Serialize)]
struct DirectoryEntry {
    name: String,
    path: String,
    job_title: Option<String>,
    team: Option<String>,
    /// Their projects in this role: the first few.
    projects: Vec<Link>,
    /// How many more, and where their page lists them all.
    more: usize,
    more_path: String,
    programmes: Vec<Link>,
}

/// The projects and programmes of one person in one role, on their page.
#[derive(Serialize)]
struct RoleSection {
    id: String,
    heading: &'static str,
    role: &'static str,
    /// The projects' cards (see `pages::cards`).
    projects: Vec<tera::Value>,
    programmes: Vec<Link>,
}

/// The role a project team role counts as in the directory.
fn person_role(role: TeamRole) -> PersonRole {
    match role {
        TeamRole::Lead => PersonRole::Lead,
        TeamRole::Sponsor => PersonRole::Sponsor,
        TeamRole::Coach => PersonRole::Coach,
        TeamRole::ImprovementAdvisor => PersonRole::ImprovementAdvisor,
        TeamRole::Member | TeamRole::DataAnalyst | TeamRole::ServiceUserPartner => {
            PersonRole::Member
        }
    }
}

/// Everyone's projects and programmes by role, found in one pass.
#[derive(Default)]
struct Involvements<'p> {
    projects: BTreeMap<&'p str, BTreeMap<PersonRole, Vec<&'p Project>>>,
    programmes: BTreeMap<&'p str, BTreeMap<PersonRole, Vec<&'p Programme>>>,
}

impl<'p> Involvements<'p> {
    fn new(projects: &'p [Project], programmes: &'p [Programme]) -> Involvements<'p> {
        let mut out = Involvements::default();
        for project in projects {
            let meta = &project.meta;
            let named = meta
                .team
                .iter()
                .map(|m| (m.person.value.as_str(), person_role(m.role)))
                .chain(
                    meta.sponsor
                        .iter()
                        .map(|s| (s.value.as_str(), PersonRole::Sponsor)),
                )
                .chain(
                    meta.coach
                        .iter()
                        .map(|s| (s.value.as_str(), PersonRole::Coach)),
                );
            for (person, role) in named {
                let list = out
                    .projects
                    .entry(person)
                    .or_default()
                    .entry(role)
                    .or_default();
                // Named twice in the same role (in `team` and as `sponsor`): once.
                if list.last().is_none_or(|p| p.slug != project.slug) {
                    list.push(project);
                }
            }
        }
        for g in programmes {
            let named = [
                (&g.meta.lead, PersonRole::Lead),
                (&g.meta.sponsor, PersonRole::Sponsor),
            ];
            for (who, role) in named {
                if let Some(who) = who {
                    let list = out
                        .programmes
                        .entry(who.value.as_str())
                        .or_default()
                        .entry(role)
                        .or_default();
                    list.push(g);
                }
            }
        }
        out
    }

    fn projects(&self, person: &str, role: PersonRole) -> &[&'p Project] {
        self.projects
            .get(person)
            .and_then(|r| r.get(&role))
            .map_or(&[], |v| v.as_slice())
    }

    fn programmes(&self, person: &str, role: PersonRole) -> &[&'p Programme] {
        self.programmes
            .get(person)
            .and_then(|r| r.get(&role))
            .map_or(&[], |v| v.as_slice())
    }

    /// A person's roles: declared in their file, or taken in a project or programme.
    fn roles(&self, person: &Person) -> Vec<PersonRole> {
        let mut roles: Vec<PersonRole> = person.meta.roles.clone();
        for map in [
            self.projects
                .get(person.slug.as_str())
                .map(|m| m.keys().copied().collect::<Vec<_>>()),
            self.programmes
                .get(person.slug.as_str())
                .map(|m| m.keys().copied().collect()),
        ]
        .into_iter()
        .flatten()
        {
            roles.extend(map);
        }
        roles.sort();
        roles.dedup();
        roles
    }
}

/// Titles left out when people are put in order, so that "Dr Amara Okafor" is among
/// the A's, not with every other doctor under D.
const TITLES: [&str; 11] = [
    "dr",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "sir",
    "dame",
    "rev",
];

/// The key people are listed by: the name in lower case, without a leading title.
fn sort_name(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let mut words = lower.split_whitespace().peekable();
    while let Some(word) = words.peek() {
        let bare = word.trim_end_matches('.');
        if TITLES.contains(&bare) && lower.split_whitespace().count() > 1 {
            words.next();
        } else {
            break;
        }
    }
    let rest: Vec<&str> = words.collect();
    if rest.is_empty() {
        lower
    } else {
        rest.join(" ")
    }
}

fn section_id(id: &str) -> String {
    format!("section-{id}")
}

impl Builder<'_> {
    pub(super) fn people(&mut self) {
        let p = self.p;
        if p.people.is_empty() {
            return;
        }
        let inv = Involvements::new(&p.projects, &p.programmes);
        let summary = |x: &Person| PersonSummary {
            slug: x.slug.clone(),
            path: paths::person(&x.slug),
            name: x.meta.name.clone(),
            job_title: x.meta.job_title.clone(),
            team: x.meta.team.clone(),
            roles: inv.roles(x).iter().map(|r| r.label().to_owned()).collect(),
        };

        let mut by_name: Vec<&Person> = p.people.iter().collect();
        by_name.sort_by_cached_key(|x| (sort_name(&x.meta.name), x.slug.clone()));
        let entry = |x: &Person, role: Option<PersonRole>| {
            let projects = role.map_or(&[][..], |r| inv.projects(&x.slug, r));
            let programmes = role.map_or(&[][..], |r| inv.programmes(&x.slug, r));
            let section = ROLES
                .iter()
                .find(|(r, ..)| Some(*r) == role)
                .map_or("", |(_, _, id, _)| id);
            DirectoryEntry {
                name: x.meta.name.clone(),
                path: paths::person(&x.slug),
                job_title: x.meta.job_title.clone(),
                team: x.meta.team.clone(),
                projects: projects
                    .iter()
                    .take(PROJECTS_SHOWN)
                    .map(|pr| self.index.project_link(&pr.slug))
                    .collect(),
                more: projects.len().saturating_sub(PROJECTS_SHOWN),
                more_path: format!("{}#{}", paths::person(&x.slug), section_id(section)),
                programmes: programmes
                    .iter()
                    .map(|g| self.index.programme_link(&g.slug))
                    .collect(),
            }
        };
        let mut groups: Vec<RoleGroup> = ROLES
            .iter()
            .map(|(role, heading, id, _)| RoleGroup {
                id,
                heading,
                people: by_name
                    .iter()
                    .filter(|x| inv.roles(x).contains(role))
                    .map(|x| entry(x, Some(*role)))
                    .collect(),
            })
            .filter(|g| !g.people.is_empty())
            .collect();
        let others: Vec<DirectoryEntry> = by_name
            .iter()
            .filter(|x| inv.roles(x).is_empty())
            .map(|x| entry(x, None))
            .collect();
        if !others.is_empty() {
            groups.push(RoleGroup {
                id: "others",
                heading: "Other people",
                people: others,
            });
        }
        let count = p.people.len();
        self.page(
            paths::section("people"),
            "people.html",
            "People",
            "Who leads, sponsors, coaches and advises on quality improvement, with their projects.",
            |ctx| {
                ctx.insert("groups", &groups);
                ctx.insert("people_count", &count);
            },
        );

        let mut stories_by: BTreeMap<&str, Vec<StoryView>> = BTreeMap::new();
        for s in &p.stories {
            if let Some(author) = &s.meta.author {
                stories_by
                    .entry(author.value.as_str())
                    .or_default()
                    .push(self.story_view(s));
            }
        }
        for person in &p.people {
            let path = paths::person(&person.slug);
            let body = self.bodies.html(
                &person.body,
                &person.source.rel,
                person.source.body_line,
                &path,
                2,
            );
            let idx = self.index;
            let sections: Vec<RoleSection> = ROLES
                .iter()
                .map(|(role, _, id, heading)| RoleSection {
                    id: section_id(id),
                    heading,
                    role: role.label(),
                    projects: self
                        .listed_cards(inv.projects(&person.slug, *role).iter().copied(), "h3"),
                    programmes: inv
                        .programmes(&person.slug, *role)
                        .iter()
                        .map(|g| idx.programme_link(&g.slug))
                        .collect(),
                })
                .filter(|s| !s.projects.is_empty() || !s.programmes.is_empty())
                .collect();
            let stories = stories_by.remove(person.slug.as_str()).unwrap_or_default();
            let directorate = person
                .meta
                .directorate
                .as_ref()
                .map(|d| idx.directorate(&d.value));
            let view = summary(person);
            let meta = &person.meta;
            let description = [meta.job_title.as_deref(), meta.team.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            self.page(path, "person.html", &meta.name, &description, |ctx| {
                ctx.insert("person", &view);
                ctx.insert("directorate", &directorate);
                ctx.insert("contact", &meta.contact);
                ctx.insert("sections", &sections);
                ctx.insert("stories", &stories);
                ctx.insert("body", &body);
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_ordered_without_their_titles() {
        let cases = [
            ("Dr Amara Okafor", "amara okafor"),
            ("Prof. Sir Ian Gilmore", "ian gilmore"),
            ("  Grace   Adeyemi ", "grace adeyemi"),
            ("Dr", "dr"),
            ("Drew Barry", "drew barry"),
        ];
        for (name, want) in cases {
            assert_eq!(sort_name(name), want, "{name}");
        }
    }

    #[test]
    fn every_team_role_counts_as_a_directory_role() {
        let cases = [
            (TeamRole::Lead, PersonRole::Lead),
            (TeamRole::Sponsor, PersonRole::Sponsor),
            (TeamRole::Coach, PersonRole::Coach),
            (TeamRole::ImprovementAdvisor, PersonRole::ImprovementAdvisor),
            (TeamRole::Member, PersonRole::Member),
            (TeamRole::DataAnalyst, PersonRole::Member),
            (TeamRole::ServiceUserPartner, PersonRole::Member),
        ];
        for (team, want) in cases {
            assert_eq!(person_role(team), want, "{team:?}");
        }
        // Every directory role has a group.
        for role in [
            PersonRole::Lead,
            PersonRole::Sponsor,
            PersonRole::Coach,
            PersonRole::ImprovementAdvisor,
            PersonRole::Member,
        ] {
            assert!(ROLES.iter().any(|(r, ..)| *r == role), "{role:?}");
        }
    }
}
