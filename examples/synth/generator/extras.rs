//! Everything around the projects: site.yaml, people, programmes, stories, showcases and
//! the free pages.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::plan::{unique, Person, Plan, ProjectPlan, Role, Trajectory, PER_SHOWCASE, PER_STORY};
use super::rng::Rng;
use super::text::{fill, slugify, yaml, yaml_list, Month};
use super::topics::TOPICS;
use super::words::{self, DIRECTORATES, PRIORITIES};
use super::File;

/// The first line of site.yaml: marks a folder as this generator's output, which it may
/// replace.
pub const MARKER: &str = "# Synthetic QI portfolio made by qisite's synth example.";

/// The latest month any dated item may fall in.
fn last_month() -> Month {
    Month::new(2026, 3)
}

pub fn site(n: usize, seed: u64) -> File {
    let mut s = format!(
        "{MARKER}\n# Regenerate with: cargo run --release --example synth -- --projects {n} --seed {seed} --out DIR\n# Everything here is fictional: trusts, people, wards and data.\ntitle: Synthetic National QI Portfolio\norganisation: Synthetic Improvement Network\ndescription: >-\n  A synthetic portfolio of {n} quality improvement projects, generated to test and\n  benchmark qisite at national scale. No real patients, staff or data.\nbase_url: https://qi.synthetic.example/\ntheme: default\ntaxonomies:\n  priorities:\n"
    );
    for (list, key) in [(PRIORITIES, "priorities"), (DIRECTORATES, "directorates")] {
        if key == "directorates" {
            s.push_str("  directorates:\n");
        }
        for (slug, name, description) in list {
            let _ = write!(
                s,
                "    - slug: {slug}\n      name: {}\n      description: {}\n",
                yaml(name),
                yaml(description)
            );
        }
    }
    s.push_str("spc:\n  rules: anhoj\n  min_points: 12\nfooter: A synthetic portfolio generated for testing. No real patients, staff or data.\n");
    File::new("site.yaml", s)
}

fn directorate_name(slug: &str) -> &'static str {
    DIRECTORATES
        .iter()
        .find(|d| d.0 == slug)
        .map_or("corporate", |d| d.1)
}

pub fn person(p: &Person, rng: &mut Rng) -> File {
    let first = p.name.split(' ').next().unwrap_or(&p.name);
    let directorate = directorate_name(p.directorate).to_lowercase();
    let interest = rng.pick(&[
        "patient safety",
        "patient experience",
        "data and measurement",
        "co-design with patients",
        "staff wellbeing",
        "patient flow",
    ]);
    let years = rng.int(2, 24).to_string();
    let year = rng.int(2018, 2025).to_string();
    let vars = [
        ("first", first),
        ("job", p.job),
        ("hospital", p.hospital.as_str()),
        ("directorate", directorate.as_str()),
        ("interest", interest),
        ("years", years.as_str()),
        ("year", year.as_str()),
    ];
    let bio = match p.role {
        Role::Lead => rng.pick(&[
            "{first} has worked at {hospital} for {years} years and is a {job} in the {directorate} directorate. {first} leads improvement work on the ward and completed the silver QI training in {year}, with a particular interest in {interest}.",
            "{first} is a {job} at {hospital}. {first} first met quality improvement on a bronze training day in {year} and has since run PDSA cycles with the team, with a particular interest in {interest}. Colleagues know {first} for getting the night staff involved in every change.",
        ]),
        Role::Sponsor => "{first} is {job} at {hospital} and sponsors improvement projects across the {directorate} directorate. {first} chairs the quarterly improvement panel, removes obstacles for teams and makes sure they have the time and the data to do the work.",
        Role::Coach => "{first} works as a {job} at {hospital}, supporting project teams to write an aim, build a driver diagram, plan PDSA cycles and read their run charts. {first} has coached teams since {year}, with a particular interest in {interest}.",
        Role::Advisor => "{first}'s role at {hospital} is {job}. {first} designs collaboratives, teaches SPC on the gold QI programme and advises teams on measurement, with a particular interest in {interest}.",
    };
    let text = format!(
        "---\nname: {}\njob_title: {}\nteam: {}\ndirectorate: {}\nroles: [{}]\ncontact: Extension {}\n---\n{}\n",
        yaml(&p.name),
        yaml(p.job),
        yaml(&p.hospital),
        p.directorate,
        p.role.slug(),
        p.extension,
        fill(bio, &vars)
    );
    File::new(format!("people/{}.md", p.slug), text)
}

pub fn programme(plan: &Plan, k: usize) -> File {
    let g = &plan.programmes[k];
    let topic = &TOPICS[g.topic];
    let m = &topic.process;
    let members: Vec<&ProjectPlan> = g.members.iter().map(|&i| &plan.projects[i]).collect();
    let status = if g.start.plus(35) >= Month::new(2025, 9) {
        "active"
    } else {
        "completed"
    };
    let slugs: Vec<&str> = members.iter().map(|p| p.slug.as_str()).collect();
    let mut s = format!(
        "---\ntitle: {}\nsummary: {}\naim: {}\nstatus: {status}\nstarted: {}\nlead: {}\nsponsor: {}\nprojects: {}\nshared_measures: [{}]\npriorities: {}\ntags: {}\n---\n",
        yaml(&g.title),
        yaml(&format!(
            "{} teams in the {} region working together on {}, with one shared measure: {}.",
            members.len(),
            g.region,
            topic.name,
            m.title.to_lowercase()
        )),
        yaml(&format!(
            "{} the share of {} to {}% on every member team's service within two years.",
            if m.increase { "Raise" } else { "Lower" },
            m.phrase,
            m.target
        )),
        g.start.day(1),
        plan.people[g.lead].slug,
        plan.people[g.sponsor].slug,
        yaml_list(&slugs),
        m.id,
        yaml_list(topic.priorities),
        yaml_list(&topic.tags[..2])
    );
    let lead = &plan.people[g.lead];
    let _ = write!(
        s,
        "## Why a collaborative?\n\n{} Every team has the same goal, but the causes of delay and harm differ from one service to the next. A collaborative lets each team test its own changes while measuring the same thing in the same way, so that we can learn from each other and compare fairly.\n\nThe collaborative is led by [{}](../../people/{}.md).\n\n## The teams\n\n| Team | Project | Status |\n|---|---|---|\n",
        topic.why[0],
        lead.name,
        lead.slug
    );
    for p in &members {
        let _ = writeln!(
            s,
            "| {} | [{}](../../projects/{}/index.md) | {} |",
            super::text::capitalise(&p.place.name),
            p.title,
            p.slug,
            super::text::capitalise(&p.status.replace('-', " "))
        );
    }
    let _ = write!(
        s,
        "\n## The shared measure\n\nEvery team reports **{}** with the same definition: {} Each team's p chart has its own phases, because each team made its changes at a different time.\n\n## How we work\n\n- A monthly one-hour learning session, where each team shares one chart and one story.\n- Changes travel between teams as *starting points, not instructions*.\n- Every team plots the shared measure monthly, from {}.\n",
        m.title,
        m.definition,
        g.start.long()
    );
    File::new(format!("programmes/{}/index.md", g.slug), s)
}

fn story_date(p: &ProjectPlan, rng: &mut Rng) -> (Month, u32) {
    let m = p.start.plus(24 + rng.below(12) as i32).min(last_month());
    (m, 1 + rng.below(28) as u32)
}

/// A slug of at most about 60 characters, cut at a hyphen.
fn short_slug(title: &str) -> String {
    let s = slugify(title);
    if s.len() <= 60 {
        return s;
    }
    let cut = s[..60].rfind('-').unwrap_or(60);
    s[..cut].to_owned()
}

pub fn stories(plan: &Plan, seed: u64) -> Vec<File> {
    let n = plan.projects.len();
    let mut used = HashSet::new();
    (0..n.div_ceil(PER_STORY))
        .map(|k| {
            let mut rng = Rng::derive(seed, super::STREAM_STORY, k as u64);
            let first = k * PER_STORY;
            let block = (n - first).min(PER_STORY);
            let p = &plan.projects[first + rng.below(block)];
            let topic = p.topic();
            let news = rng.chance(0.2);
            let title = if news {
                format!("{}: {}", rng.pick(words::NEWS_TITLES), p.town)
            } else {
                fill(
                    rng.pick(words::STORY_TITLES),
                    &[
                        ("place", &p.place.name),
                        ("on_place", &p.place.on_name),
                        ("topic", topic.name),
                    ],
                )
            };
            let title = super::text::capitalise(&title);
            let (month, day) = story_date(p, &mut rng);
            let slug = unique(&mut used, short_slug(&title));
            let date = month.day(day);
            let lead = &plan.people[p.lead];
            let coach = &plan.people[p.coach];
            let mut s = format!("---\ntitle: {}\n", yaml(&title));
            if news {
                let _ = write!(
                    s,
                    "summary: {}\nauthor: {}\ntags: [training, QI team]\n---\n",
                    yaml(&format!(
                        "News from the improvement team in {} for everyone starting or running a project.",
                        p.town
                    )),
                    coach.slug
                );
                let _ = write!(
                    s,
                    "The improvement team in {} has news for project teams and anyone thinking of starting one.\n\nOur bronze training days run every month, and silver training starts twice a year with a coach for every team. QI clinics run every Tuesday lunchtime: bring your aim, your driver diagram or your run chart, and we will help you with the next step.\n\nIf you are not sure where to start, read [starting a project](../pages/starting-a-project.md) or contact [{}](../people/{}.md), who coaches teams across {}.\n",
                    p.town, coach.name, coach.slug, p.hospital
                );
            } else {
                let _ = write!(
                    s,
                    "summary: {}\nauthor: {}\nprojects: [{}]\ntags: {}\n---\n",
                    yaml(&format!(
                        "The team {} on what they tried, what worked and what did not in their work on {}.",
                        p.place.on_name, topic.name
                    )),
                    lead.slug,
                    p.slug,
                    yaml_list(&topic.tags[..2])
                );
                let problem = fill(
                    topic.problems[rng.below(topic.problems.len())],
                    &[("place", &p.place.name), ("on_place", &p.place.on_name)],
                );
                let _ = write!(
                    s,
                    "When we started our project {}, we thought we knew what the problem was. The data told a different story. {problem}\n\n{}\n\nWe tested changes in small cycles, a bay or a shift at a time, and we wrote up every cycle, including the ones we abandoned. {}\n\n\"The best thing was seeing the chart move,\" says [{}](../people/{}.md), who led the project. \"The second best was hearing colleagues on other wards ask how we did it.\"\n\nYou can read every cycle, and see the charts, on the [project page](../projects/{}/index.md).\n",
                    p.place.on_name,
                    topic.why[rng.below(topic.why.len())],
                    match p.trajectory {
                        Trajectory::Improved => "The data now show a sustained improvement, and the change has become part of how the team works.",
                        Trajectory::ProcessOnly => "The process has changed for the better; the outcome has not moved yet, and the team is watching the chart closely.",
                        Trajectory::Stuck => "The data have not moved yet, but the team has learned a great deal about what does not work, and why.",
                    },
                    lead.name,
                    lead.slug,
                    p.slug
                );
            }
            File::new(format!("stories/{date}-{slug}.md"), s)
        })
        .collect()
}

const CATEGORIES: [(&str, &str, &str); 3] = [
    (
        "safer-care",
        "Safer care",
        "Projects that reduce avoidable harm.",
    ),
    (
        "timely-care",
        "Timely care and flow",
        "Projects that reduce waits and delays.",
    ),
    (
        "people-partnership",
        "People, partnership and sustainability",
        "Staff wellbeing, co-design with patients and greener care.",
    ),
];

fn category(p: &ProjectPlan) -> usize {
    match p.topic().priorities.first().copied() {
        Some("patient-safety") => 0,
        Some("timely-care") => 1,
        _ => 2,
    }
}

pub fn showcases(plan: &Plan, seed: u64) -> Vec<File> {
    let n = plan.projects.len();
    let mut used = HashSet::new();
    (0..n.div_ceil(PER_SHOWCASE))
        .map(|k| {
            let mut rng = Rng::derive(seed, super::STREAM_SHOWCASE, k as u64);
            let first = k * PER_SHOWCASE;
            let block: Vec<&ProjectPlan> = plan.projects[first..(first + PER_SHOWCASE).min(n)]
                .iter()
                .filter(|p| p.trajectory != Trajectory::Stuck)
                .collect();
            let month = Month::new(2023, 1).plus(rng.int(0, 38) as i32).min(last_month());
            let town = &plan.projects[first].town;
            let title = format!("{town} QI Celebration {}", month.year());
            let slug = unique(&mut used, slugify(&title));
            let hospital = &plan.projects[first].hospital;
            let mut s = format!(
                "---\ntitle: {}\ndate: {}\nvenue: {}\nsummary: {}\ncategories:\n",
                yaml(&title),
                month.day(10 + rng.below(15) as u32),
                yaml(&format!("Education Centre, {hospital}")),
                yaml(&format!(
                    "Our annual celebration of quality improvement in {town}: posters from teams across the region, judged by staff and patient partners."
                ))
            );
            for (id, name, description) in CATEGORIES {
                let _ = write!(
                    s,
                    "  - id: {id}\n    name: {}\n    description: {}\n",
                    yaml(name),
                    yaml(description)
                );
            }
            s.push_str("entries:\n");
            let want = 6 + rng.below(7);
            let picked = rng.distinct(block.len(), want);
            let mut winners = [false; 3];
            let mut commended = false;
            for &e in &picked {
                let p = block[e];
                let c = category(p);
                let topic = p.topic();
                let lead = &plan.people[p.lead];
                let mut team = vec![lead.slug.as_str()];
                team.extend(p.members.iter().map(|&(j, _)| plan.people[j].slug.as_str()));
                let _ = write!(
                    s,
                    "  - title: {}\n    project: {}\n    category: {}\n    abstract: {}\n    team: {}\n",
                    yaml(&p.title),
                    p.slug,
                    CATEGORIES[c].0,
                    yaml(&format!(
                        "The team {} tested changes to {} in five PDSA cycles, building up from one bay or one shift to the whole service. {} {}",
                        p.place.on_name,
                        topic.name,
                        topic.why[0],
                        match p.trajectory {
                            Trajectory::Improved => "Both the process and the outcome measure show a sustained shift.",
                            _ => "The process measure has shifted; the outcome is still to follow.",
                        }
                    )),
                    yaml_list(&team)
                );
                if !winners[c] && p.trajectory == Trajectory::Improved {
                    winners[c] = true;
                    let _ = writeln!(s, "    award: {}", yaml(&format!("Winner: {}", CATEGORIES[c].1)));
                } else if !commended {
                    commended = true;
                    s.push_str("    award: Highly commended\n");
                }
            }
            s.push_str("---\nThank you to everyone who took part. Colleagues, patient partners and governors came to see the posters and talk to the teams.\n\n## How the posters were judged\n\n| Criterion | What the panel looked for |\n|---|---|\n| Aim | Specific, measurable and time-bound |\n| Measurement | A run or control chart with the changes marked on it |\n| Learning | What worked, what did not, and why |\n| Involvement | Patients, carers and frontline staff involved in the work |\n\nFailed tests counted in a team's favour when they were written up honestly.\n\n## Next year\n\nThe call for posters goes out every December. If you are starting a project now, read [starting a project](../../pages/starting-a-project.md) and talk to your improvement team early.\n");
            File::new(format!("showcases/{slug}/index.md"), s)
        })
        .collect()
}

pub fn pages() -> Vec<File> {
    vec![
        File::new(
            "pages/about.md",
            "---\ntitle: About this portfolio\nsummary: What this site is, and why it is synthetic.\nmenu: 1\n---\nThis portfolio was generated by qisite's synthetic portfolio generator, to test and benchmark qisite with the shape and size of a national collection of quality improvement projects.\n\n> Everything here is fictional: the towns, hospitals, wards, people and data. The numbers were generated to behave like real QI data, with genuine shifts after the changes that worked.\n\n## What is in it\n\n- **Projects**, each with a write-up, a driver diagram, five PDSA cycles and two measures.\n- **Programmes** (collaboratives) whose members share a measure.\n- **People**, **stories** and **showcases** that refer to the projects.\n\n## How to read the charts\n\nEach measure is shown as a statistical process control (SPC) chart. The centre line is the mean, and special cause variation is marked with a different shape as well as a colour. Where a team adopted a change, you will often see a new *phase*, with the limits recalculated from that date.\n".to_owned(),
        ),
        File::new(
            "pages/starting-a-project.md",
            "---\ntitle: Starting a project\nsummary: Five steps from an idea to your first PDSA cycle.\nmenu: 2\n---\n1. **Write an aim**: what, by how much, by when, and for whom.\n2. **Find your measures**: an outcome measure, a process measure and a balancing measure.\n3. **Build a driver diagram** with your team and the people who use your service.\n4. **Plan a small test**: one bay, one shift, one clinic, with a prediction.\n5. **Plot your data** every month as a run chart, and mark each change on it.\n\nTalk to your improvement team early: read about [training](training.md).\n".to_owned(),
        ),
        File::new(
            "pages/training.md",
            "---\ntitle: QI training\nsummary: From a one-hour introduction to improvement advisor.\nmenu: 3\n---\n| Level | Who it is for | Format |\n|---|---|---|\n| Introduction | All staff | 1 hour, online |\n| Bronze | Anyone joining a project team | Half day |\n| Silver | Project leads | 4 days over 6 months, with a coach |\n| Gold | Coaches and improvement advisors | 12 months |\n\nQI clinics run every week: bring your aim, your driver diagram or your run chart.\n".to_owned(),
        ),
    ]
}
