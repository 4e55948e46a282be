//! One project's files: the write-up (`index.md`), `driver.yaml`, two measures (a p chart
//! and a u or I chart, YAML and CSV) and five PDSA cycles, plus the same words as pages of
//! the plain Hugo twin.

use std::fmt::Write as _;

use super::plan::{Plan, ProjectPlan, Trajectory};
use super::rng::Rng;
use super::series::{self, Event, Level, Row, POINTS};
use super::text::{capitalise, fill, pct, slugify, words, yaml, yaml_list, Month};
use super::topics::{OutcomeChart, Topic};
use super::words::*;
use super::File;

/// The number of PDSA cycles of every project.
pub const CYCLES: usize = 5;

/// A project's files, relative to the portfolio (and to the Hugo twin's root).
pub struct ProjectFiles {
    pub files: Vec<File>,
    pub hugo: Vec<File>,
    /// Words in the write-up.
    pub words: usize,
}

/// A planned PDSA cycle.
struct Cycle {
    number: usize,
    idea: usize,
    scope: (&'static str, &'static str),
    wide: bool,
    decision: Option<&'static str>,
    start: Month,
    start_day: u32,
    end: Month,
    end_day: u32,
    /// The cycle whose adoption moved the data.
    effective: bool,
    slug: String,
    title: String,
}

/// (idea: 0 = A, 1 = B, 2 = C; wide scope; decision; effective).
type Step = (usize, bool, &'static str, bool);

const RAMPS_WORKED: &[[Step; CYCLES]] = &[
    [
        (0, false, "adapt", false),
        (0, true, "adopt", true),
        (1, false, "abandon", false),
        (2, false, "adopt", false),
        (2, true, "adopt", false),
    ],
    [
        (0, false, "adopt", false),
        (0, true, "adopt", true),
        (1, false, "adapt", false),
        (1, true, "adopt", false),
        (2, false, "abandon", false),
    ],
    [
        (1, false, "abandon", false),
        (0, false, "adapt", false),
        (0, false, "adopt", false),
        (0, true, "adopt", true),
        (2, false, "adapt", false),
    ],
];

const RAMPS_STUCK: &[[Step; CYCLES]] = &[
    [
        (0, false, "adapt", false),
        (0, false, "adapt", false),
        (1, false, "abandon", false),
        (2, false, "adapt", false),
        (2, true, "abandon", false),
    ],
    [
        (0, false, "abandon", false),
        (1, false, "adapt", false),
        (1, true, "adopt", false),
        (2, false, "abandon", false),
        (2, false, "adapt", false),
    ],
];

/// The measures' data and the numbers the prose quotes.
struct Data {
    process: Vec<Row>,
    outcome: Vec<Row>,
    /// Percent before (first 12 points) and lately (last 12 points).
    p_before: f64,
    p_after: f64,
    o_before: f64,
    o_after: f64,
    o_target: f64,
    multiplier: f64,
}

/// Rounds a target to a tidy number.
fn tidy(x: f64) -> f64 {
    if x >= 20.0 {
        x.round()
    } else if x >= 5.0 {
        (x * 2.0).round() / 2.0
    } else {
        (x * 10.0).round() / 10.0
    }
}

/// A number as the prose and YAML show it: no decimals from 20, one below.
fn num(x: f64) -> String {
    if x >= 20.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// A value with the outcome's unit, e.g. "84 minutes", "6.5%", "8.9".
fn with_unit(topic: &Topic, x: f64) -> String {
    let unit = topic.outcome.unit;
    match topic.outcome.chart {
        OutcomeChart::U { .. } => num(x),
        OutcomeChart::I { .. } if unit.starts_with('%') => format!("{}%", num(x)),
        OutcomeChart::I { .. } if unit == "score out of 10" => format!("{} out of 10", num(x)),
        OutcomeChart::I { .. } => format!("{} {unit}", num(x)),
    }
}

/// The outcome's title as a phrase: "inpatient falls per 1,000 bed days".
fn outcome_phrase(topic: &Topic) -> String {
    let t = topic.outcome.title;
    let t = t.split(" (").next().unwrap_or(t);
    let mut c = t.chars();
    match c.next() {
        // Keep acronyms (VTE, NEWS2) and proper nouns as they are.
        Some(f) if c.clone().next().is_some_and(|n| n.is_lowercase()) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => t.to_owned(),
    }
}

pub fn build(plan: &Plan, p: &ProjectPlan, seed: u64) -> ProjectFiles {
    let mut rng = Rng::derive(seed, super::STREAM_PROJECT, p.index as u64);
    let topic = p.topic();
    let programme = p.programme.map(|k| &plan.programmes[k]);

    // Which ideas the cycles test, in which order, and when.
    let ramps = match p.trajectory {
        Trajectory::Stuck => RAMPS_STUCK,
        _ => RAMPS_WORKED,
    };
    let ramp = rng.pick(ramps);
    let picked = rng.distinct(topic.ideas.len(), 3);
    let running = p.status == "active" && rng.chance(0.4);
    let mut cycles: Vec<Cycle> = Vec::with_capacity(CYCLES);
    let mut month = 10 + rng.below(3) as i32;
    let mut small_scopes = rng.distinct(SMALL_SCOPES.len(), SMALL_SCOPES.len());
    let mut wide_scopes = rng.distinct(WIDE_SCOPES.len(), WIDE_SCOPES.len());
    for (i, &(which, wide, decision, effective)) in ramp.iter().enumerate() {
        let idea = picked[which];
        let scope = if wide {
            WIDE_SCOPES[wide_scopes.pop().unwrap_or(0)]
        } else {
            SMALL_SCOPES[small_scopes.pop().unwrap_or(0)]
        };
        let last = i == CYCLES - 1;
        if last && running {
            month = 33 + rng.below(2) as i32;
        }
        let start = p.start.plus(month);
        let start_day = 4 + rng.below(9) as u32;
        let length = 14 + rng.below(22) as u32;
        let (end, end_day) = if start_day + length <= 28 {
            (start, start_day + length)
        } else {
            (start.plus(1), start_day + length - 28)
        };
        let name = topic.ideas[idea].name;
        let title = format!("{} {}", capitalise(name), scope.0);
        let slug = format!("{:02}-{}-{}", i + 1, slugify(topic.ideas[idea].id), scope.1);
        cycles.push(Cycle {
            number: i + 1,
            idea,
            scope,
            wide,
            decision: if last && running {
                None
            } else {
                Some(decision)
            },
            start,
            start_day,
            end,
            end_day,
            effective,
            slug,
            title,
        });
        month += 2 + rng.below(2) as i32;
    }
    let effective = cycles.iter().find(|c| c.effective);
    // The first month at the new level: the month after the effective cycle ended.
    let shift = effective.map(|c| (c.end.0 - p.start.0 + 1) as usize);

    let data = data(&mut rng, p, topic, shift);
    let ctx = Context::new(plan, p, &mut rng);

    let mut files = Vec::with_capacity(4 + CYCLES);
    let mut hugo = Vec::with_capacity(1 + CYCLES);
    let dir = format!("projects/{}", p.slug);

    // Measures.
    let rules_nhs = match programme {
        Some(g) => g.rules_nhs,
        None => rng.chance(0.3),
    };
    let process_yaml = process_measure(&mut rng, p, topic, &cycles, shift, rules_nhs, plan);
    let outcome_yaml = outcome_measure(&mut rng, p, topic, &cycles, shift, &data);
    files.push(File::new(
        format!("{dir}/measures/{}.yaml", topic.process.id),
        process_yaml,
    ));
    files.push(File::new(
        format!("{dir}/measures/{}.csv", topic.process.id),
        series::csv(&data.process),
    ));
    files.push(File::new(
        format!("{dir}/measures/{}.yaml", topic.outcome.id),
        outcome_yaml,
    ));
    files.push(File::new(
        format!("{dir}/measures/{}.csv", topic.outcome.id),
        series::csv(&data.outcome),
    ));

    // Driver diagram.
    let aim = aim(p, topic, &data);
    let (driver_yaml, driver_md) = driver(&mut rng, topic, &aim);
    files.push(File::new(format!("{dir}/driver.yaml"), driver_yaml));

    // PDSA cycles.
    for c in &cycles {
        let next = cycles.get(c.number).map(|n| (n, &topic.ideas[n.idea]));
        let (front, plan_md, body) = pdsa(&mut rng, p, topic, c, next, &data, &ctx);
        files.push(File::new(
            format!("{dir}/pdsa/{}.md", c.slug),
            format!("---\n{front}---\n{body}"),
        ));
        hugo.push(File::new(
            format!("content/{dir}/pdsa/{}.md", c.slug),
            format!(
                "---\ntitle: {}\ndate: {}\n---\n{plan_md}\n{body}",
                yaml(&c.title),
                c.start.day(c.start_day)
            ),
        ));
    }

    // The write-up.
    let (front, summary) = front_matter(&mut rng, plan, p, topic, &aim, &cycles, &data, &ctx);
    let body = write_up(&mut rng, plan, p, topic, &cycles, &data, &ctx);
    let words = words(&body);
    files.push(File::new(
        format!("{dir}/index.md"),
        format!("---\n{front}---\n{body}"),
    ));
    let mut twin = String::with_capacity(body.len() + 4096);
    let _ = write!(
        twin,
        "---\ntitle: {}\ndate: {}\nsummary: {}\nstatus: [{}]\npriorities: {}\ndirectorates: [{}]\nmethods: {}\ntags: {}\n---\n",
        yaml(&p.title),
        p.started(),
        yaml(&summary),
        p.status,
        yaml_list(topic.priorities),
        p.place.directorate,
        yaml_list(&ctx.methods),
        yaml_list(&ctx.tags),
    );
    let _ = write!(twin, "{summary}\n\n**Aim:** {aim}\n\n");
    twin.push_str(&super::hugo::links(&body));
    let _ = write!(twin, "\n## Driver diagram\n\n{driver_md}");
    for (m, rows, title, definition) in [
        (
            100.0,
            &data.process,
            topic.process.title,
            topic.process.definition,
        ),
        (
            data.multiplier,
            &data.outcome,
            topic.outcome.title,
            topic.outcome.definition,
        ),
    ] {
        let _ = write!(twin, "\n## {title}\n\n{definition}\n\n");
        super::hugo::table(&mut twin, rows, m);
    }
    hugo.push(File::new(format!("content/{dir}/_index.md"), twin));
    ProjectFiles { files, hugo, words }
}

/// Names and phrases shared by every text of a project.
pub struct Context {
    pub vars: Vec<(&'static str, String)>,
    pub lead_name: String,
    pub coach_name: String,
    pub methods: Vec<&'static str>,
    pub tags: Vec<String>,
}

impl Context {
    fn new(plan: &Plan, p: &ProjectPlan, rng: &mut Rng) -> Context {
        let topic = p.topic();
        let lead = &plan.people[p.lead];
        let coach = &plan.people[p.coach];
        let beds = if p.place.ward { rng.int(18, 34) } else { 0 };
        let vars = vec![
            ("place", p.place.name.clone()),
            ("on_place", p.place.on_name.clone()),
            ("hospital", p.hospital.clone()),
            ("town", p.town.clone()),
            ("specialty", p.place.specialty.clone()),
            ("beds", beds.to_string()),
            ("volume", rng.int(120, 900).to_string()),
            ("topic", topic.name.to_owned()),
        ];
        let mut methods = vec!["model-for-improvement"];
        for (m, chance) in [
            ("lean", 0.15),
            ("qsir", 0.12),
            (
                "experience-based-co-design",
                if p.service_users { 0.3 } else { 0.0 },
            ),
            ("clinical-audit", 0.05),
            ("six-sigma", 0.03),
        ] {
            if rng.chance(chance) {
                methods.push(m);
            }
        }
        let k = 2 + rng.below(topic.tags.len() - 1);
        let mut tags: Vec<String> = rng
            .distinct(topic.tags.len(), k)
            .into_iter()
            .map(|t| topic.tags[t].to_owned())
            .collect();
        if !p.place.specialty.contains("trust") && !tags.contains(&p.place.specialty) {
            tags.push(p.place.specialty.clone());
        }
        Context {
            vars,
            lead_name: lead.name.clone(),
            coach_name: coach.name.clone(),
            methods,
            tags,
        }
    }

    fn fill(&self, template: &str, extra: &[(&str, &str)]) -> String {
        let mut vars: Vec<(&str, &str)> = self.vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        vars.extend_from_slice(extra);
        fill(template, &vars)
    }
}

fn data(rng: &mut Rng, p: &ProjectPlan, topic: &Topic, shift: Option<usize>) -> Data {
    let pm = &topic.process;
    let om = &topic.outcome;
    let p_level = Level {
        before: rng.uniform(pm.before.0, pm.before.1),
        after: rng.uniform(pm.after.0, pm.after.1),
        shift: match p.trajectory {
            Trajectory::Stuck => None,
            _ => shift,
        },
        ramp: 1 + rng.below(3),
    };
    let o_before = rng.uniform(om.before.0, om.before.1);
    let o_level = Level {
        before: o_before,
        after: o_before * rng.uniform(om.effect.0, om.effect.1),
        shift: match p.trajectory {
            Trajectory::Improved => shift.map(|s| s + rng.below(2)),
            _ => None,
        },
        ramp: 1 + rng.below(3),
    };
    let bad = |increase: bool| if increase { 0.7 } else { 1.5 };
    let event = |rng: &mut Rng, increase: bool| {
        rng.chance(0.2).then(|| Event {
            index: 3 + rng.below(POINTS - 6),
            note: rng.pick(series::EVENTS),
            factor: bad(increase),
        })
    };
    let ev = event(rng, pm.increase);
    let process = series::proportion(rng, p.start, p_level, pm.denominators, ev);
    let ev = event(rng, om.increase);
    let (outcome, multiplier) = match om.chart {
        OutcomeChart::U {
            multiplier,
            denominators,
        } => (
            series::rate(rng, p.start, o_level, multiplier, denominators, ev),
            multiplier,
        ),
        OutcomeChart::I { cv } => (series::individual(rng, p.start, o_level, cv, ev), 1.0),
    };
    let mid_effect = (om.effect.0 + om.effect.1) / 2.0;
    Data {
        p_before: series::mean(&process, 0..12, 100.0),
        p_after: series::mean(&process, POINTS - 12..POINTS, 100.0),
        o_before: series::mean(&outcome, 0..12, multiplier),
        o_after: series::mean(&outcome, POINTS - 12..POINTS, multiplier),
        o_target: tidy(o_before * mid_effect),
        multiplier,
        process,
        outcome,
    }
}

fn aim(p: &ProjectPlan, topic: &Topic, d: &Data) -> String {
    let verb = |increase: bool| if increase { "increase" } else { "reduce" };
    format!(
        "{} {} {} from {} to {} by {}, and {} the share of {} to {}%.",
        capitalise(verb(topic.outcome.increase)),
        outcome_phrase(topic),
        p.place.on_name,
        with_unit(topic, tidy(d.o_before)),
        with_unit(topic, d.o_target),
        p.start.plus(30).long(),
        if topic.process.increase {
            "raise"
        } else {
            "lower"
        },
        topic.process.phrase,
        topic.process.target
    )
}

fn phase_and_annotations(
    out: &mut String,
    rng: &mut Rng,
    p: &ProjectPlan,
    topic: &Topic,
    cycles: &[Cycle],
    shift: Option<usize>,
) {
    let effective = cycles.iter().find(|c| c.effective);
    if let (Some(s), Some(c), false) = (shift, effective, p.trajectory == Trajectory::Stuck) {
        if rng.chance(0.35) {
            let _ = write!(
                out,
                "phases:\n  - date: {}\n    reason: {}\n",
                p.start.plus(s as i32).day(1),
                yaml(&format!(
                    "{} adopted (PDSA {})",
                    capitalise(topic.ideas[c.idea].name),
                    c.number
                ))
            );
        }
    }
    let notes: Vec<&Cycle> = cycles
        .iter()
        .filter(|c| c.decision.is_some() && rng.chance(0.3))
        .collect();
    if !notes.is_empty() {
        out.push_str("annotations:\n");
        for c in notes {
            let _ = write!(
                out,
                "  - date: {}\n    text: {}\n",
                c.start.day(1),
                yaml(&format!("PDSA {}: {}", c.number, c.title.to_lowercase()))
            );
        }
    }
}

fn process_measure(
    rng: &mut Rng,
    p: &ProjectPlan,
    topic: &Topic,
    cycles: &[Cycle],
    shift: Option<usize>,
    rules_nhs: bool,
    plan: &Plan,
) -> String {
    let m = &topic.process;
    // Programme members share this definition word for word, so that the programme can
    // combine their data.
    let definition = match p.programme {
        Some(k) => format!(
            "{} The same definition is used by every project in the {}.",
            m.definition, plan.programmes[k].title
        ),
        None => format!(
            "{} Data are for {}, {}.",
            m.definition, p.place.name, p.hospital
        ),
    };
    let mut out = format!(
        "title: {}\nkind: process\ndefinition: {}\nunit: {}\nchart: p\nimprovement: {}\ntarget: {}\nmultiplier: 100\n",
        yaml(m.title),
        yaml(&definition),
        yaml(m.unit),
        if m.increase { "increase" } else { "decrease" },
        m.target
    );
    if rules_nhs {
        out.push_str("rules: nhs\n");
    }
    let _ = write!(out, "source: {}\nfrequency: monthly\n", yaml(m.source));
    phase_and_annotations(&mut out, rng, p, topic, cycles, shift);
    out
}

fn outcome_measure(
    rng: &mut Rng,
    p: &ProjectPlan,
    topic: &Topic,
    cycles: &[Cycle],
    shift: Option<usize>,
    d: &Data,
) -> String {
    let m = &topic.outcome;
    let definition = format!(
        "{} Data are for {}, {}.",
        m.definition, p.place.name, p.hospital
    );
    let chart = match m.chart {
        OutcomeChart::U { .. } => "u",
        OutcomeChart::I { .. } => "i",
    };
    let mut out = format!(
        "title: {}\nkind: outcome\ndefinition: {}\nunit: {}\nchart: {chart}\nimprovement: {}\ntarget: {}\n",
        yaml(m.title),
        yaml(&definition),
        yaml(m.unit),
        if m.increase { "increase" } else { "decrease" },
        d.o_target
    );
    if let OutcomeChart::U { multiplier, .. } = m.chart {
        let _ = writeln!(out, "multiplier: {multiplier}");
    }
    let frozen = chart == "i" && rng.chance(0.2);
    if frozen {
        out.push_str("baseline: 12\n");
    }
    if rng.chance(0.3) {
        out.push_str("rules: nhs\n");
    }
    let _ = write!(out, "source: {}\nfrequency: monthly\n", yaml(m.source));
    let shift = if frozen || p.trajectory != Trajectory::Improved {
        None
    } else {
        shift
    };
    phase_and_annotations(&mut out, rng, p, topic, cycles, shift);
    out
}

/// driver.yaml, and the same diagram as a nested Markdown list for the Hugo twin.
fn driver(rng: &mut Rng, topic: &Topic, aim: &str) -> (String, String) {
    let mut y = format!("aim: {}\nprimary_drivers:\n", yaml(aim));
    let mut md = format!("- **Aim:** {aim}\n");
    for d in topic.drivers {
        let _ = write!(y, "  - title: {}\n    secondary_drivers:\n", yaml(d.title));
        let _ = writeln!(md, "  - **Primary driver:** {}", d.title);
        let want = 1 + rng.below(d.secondary.len());
        let mut keep = rng.distinct(d.secondary.len(), want);
        keep.sort_unstable();
        for k in keep {
            let (title, ideas) = d.secondary[k];
            let _ = write!(
                y,
                "      - title: {}\n        change_ideas: {}\n",
                yaml(title),
                yaml_list(ideas)
            );
            let names: Vec<&str> = ideas.iter().map(|i| topic.idea(i).title).collect();
            let _ = writeln!(md, "    - {title}: {}", names.join("; "));
        }
    }
    y.push_str("change_ideas:\n");
    for i in topic.ideas {
        let _ = write!(
            y,
            "  - id: {}\n    title: {}\n    description: {}\n",
            i.id,
            yaml(i.title),
            yaml(i.description)
        );
    }
    (y, md)
}

#[allow(clippy::too_many_arguments)]
fn front_matter(
    rng: &mut Rng,
    plan: &Plan,
    p: &ProjectPlan,
    topic: &Topic,
    aim: &str,
    cycles: &[Cycle],
    d: &Data,
    ctx: &Context,
) -> (String, String) {
    let main = &topic.ideas[cycles
        .iter()
        .find(|c| c.effective)
        .unwrap_or(&cycles[0])
        .idea];
    let summary = match p.trajectory {
        Trajectory::Improved => format!(
            "{} has taken the share of {} {} from {} to {}, and the outcome measure, {}, is {} {}.",
            main.title,
            topic.process.phrase,
            p.place.on_name,
            pct(d.p_before / 100.0),
            pct(d.p_after / 100.0),
            outcome_phrase(topic),
            if topic.outcome.increase { "up to" } else { "down to" },
            with_unit(topic, d.o_after)
        ),
        Trajectory::ProcessOnly => format!(
            "{} has taken the share of {} {} from {} to {}; the outcome measure, {}, has not moved yet.",
            main.title,
            topic.process.phrase,
            p.place.on_name,
            pct(d.p_before / 100.0),
            pct(d.p_after / 100.0),
            outcome_phrase(topic)
        ),
        Trajectory::Stuck => format!(
            "Five PDSA cycles on {} {}, testing {} and {}: useful learning, but no sustained change in the data yet.",
            topic.name,
            p.place.on_name,
            topic.ideas[cycles[0].idea].name,
            topic.ideas[cycles[2].idea].name
        ),
    };
    let mut f = String::with_capacity(2048);
    let _ = write!(
        f,
        "title: {}\nsummary: {}\nstatus: {}\nstarted: {}\n",
        yaml(&p.title),
        yaml(&summary),
        p.status,
        p.started()
    );
    let last = p.start.plus(POINTS as i32 - 1);
    if matches!(p.status, "completed" | "closed") {
        let _ = writeln!(f, "ended: {}", last.plus(1).day(20));
    }
    let _ = write!(
        f,
        "updated: {}\naim: {}\nprogress: {:.1}\nprogress_history:\n",
        last.plus(1).day(10),
        yaml(aim),
        p.progress
    );
    // Scores climb from 1.0 to the current score at dated steps.
    let steps = ((p.progress - 1.0) / 0.5).round() as i32;
    let mut score = 1.0;
    let mut month = 9;
    let span = (POINTS as i32 - month).max(steps + 1);
    for s in 0..=steps {
        let _ = write!(
            f,
            "  - date: {}\n    score: {:.1}\n",
            p.start.plus(month).day(15),
            score
        );
        if let Some(label) = progress_note(score) {
            if s == 0 || s == steps || rng.chance(0.3) {
                let _ = writeln!(f, "    note: {}", yaml(label));
            }
        }
        score += 0.5;
        month += (span / (steps + 1)).max(1);
        if month > POINTS as i32 - 1 {
            month = POINTS as i32 - 1;
        }
    }
    let _ = write!(
        f,
        "priorities: {}\ndirectorate: {}\nmethods: {}\ntags: {}\nteam:\n",
        yaml_list(topic.priorities),
        p.place.directorate,
        yaml_list(&ctx.methods),
        yaml_list(&ctx.tags)
    );
    for (person, role) in p.team() {
        let _ = write!(
            f,
            "  - person: {}\n    role: {role}\n",
            plan.people[person].slug
        );
    }
    let _ = write!(
        f,
        "sponsor: {}\ncoach: {}\n",
        plan.people[p.sponsor].slug, plan.people[p.coach].slug
    );
    if let Some(k) = p.programme {
        let _ = writeln!(f, "programme: {}", plan.programmes[k].slug);
    }
    if p.service_users {
        f.push_str("service_user_involvement: true\n");
    }
    if let Some(r) = p.related {
        let _ = writeln!(f, "related: [{}]", plan.projects[r].slug);
    }
    if let Some(a) = p.adapted_from {
        let _ = writeln!(f, "adapted_from: {}", plan.projects[a].slug);
    }
    (f, summary)
}

fn progress_note(score: f64) -> Option<&'static str> {
    Some(match (score * 2.0).round() as u32 {
        2 => "Charter agreed and team formed.",
        3 => "Baseline data and driver diagram complete.",
        4 => "First changes being tested.",
        5 => "Changes tested; no change in the data yet.",
        6 => "Modest improvement in the process measure.",
        7 => "A shift in the data after the key change was adopted.",
        8 => "Significant improvement in the outcome measure.",
        9 => "Improvement sustained for six months.",
        10 => "Outstanding, sustained results; shared with other teams.",
        _ => return None,
    })
}

fn write_up(
    rng: &mut Rng,
    plan: &Plan,
    p: &ProjectPlan,
    topic: &Topic,
    cycles: &[Cycle],
    d: &Data,
    ctx: &Context,
) -> String {
    let mut b = String::with_capacity(5000);
    let lead = &plan.people[p.lead];
    let lead_link = format!("[{}](../../people/{}.md)", lead.name, lead.slug);
    let setting = if p.place.ward {
        rng.pick(SETTINGS)
    } else {
        rng.pick(&SETTINGS[1..])
    };

    // Background.
    b.push_str("## Background\n\n");
    b.push_str(&ctx.fill(setting, &[]));
    b.push(' ');
    for k in rng.distinct(topic.problems.len(), 3.min(topic.problems.len())) {
        b.push_str(&ctx.fill(topic.problems[k], &[]));
        b.push(' ');
    }
    let _ = write!(
        b,
        "In the year before the project, the share of {} was {} and the mean {} was {}. ",
        topic.process.phrase,
        pct(d.p_before / 100.0),
        outcome_phrase(topic),
        with_unit(topic, d.o_before)
    );
    for w in topic.why {
        b.push_str(w);
        b.push(' ');
    }
    b.pop();
    b.push_str("\n\n## What we did\n\n");
    b.push_str(&ctx.fill(rng.pick(STARTS), &[("lead", &lead_link)]));
    let drivers: Vec<String> = topic
        .drivers
        .iter()
        .map(|d| d.title.to_lowercase())
        .collect();
    let _ = write!(
        b,
        " Our driver diagram has {} primary drivers: {}. ",
        ["no", "one", "two", "three", "four"][drivers.len().min(4)],
        and_list(&drivers)
    );
    b.push_str(rng.pick(CYCLES_INTROS));
    b.push_str("\n\n| Cycle | Change tested | Decision |\n|---|---|---|\n");
    for c in cycles {
        let _ = writeln!(
            b,
            "| [{}](pdsa/{}.md) | {} | {} |",
            c.number,
            c.slug,
            c.title,
            c.decision.map_or("Running".to_owned(), capitalise)
        );
    }
    b.push('\n');
    let main = cycles.iter().find(|c| c.effective).unwrap_or(&cycles[0]);
    let idea = &topic.ideas[main.idea];
    let _ = write!(
        b,
        "The change that mattered most was the {}: {} ",
        idea.name,
        lower_first(idea.description)
    );
    if let Some(c) = cycles.iter().find(|c| c.decision == Some("abandon")) {
        let i = &topic.ideas[c.idea];
        let _ = write!(
            b,
            "We also tried {} ({}), but abandoned it after cycle {}: it took more staff time than it saved, and the data did not move. ",
            lower_first(i.title),
            lower_first(i.description).trim_end_matches('.'),
            c.number
        );
    }
    if let Some(k) = p.programme {
        let g = &plan.programmes[k];
        let _ = write!(
            b,
            "We are part of the [{}](../../programmes/{}/index.md), and we measure the share of {} exactly as the other {} teams do, so that our results can be combined and compared. ",
            g.title,
            g.slug,
            topic.process.phrase,
            g.members.len() - 1
        );
    }
    if let Some(a) = p.adapted_from {
        let src = &plan.projects[a];
        let _ = write!(
            b,
            "Several of our changes were adapted from [{}](../{}/index.md), whose team shared their materials with us. ",
            src.title, src.slug
        );
    }
    b.pop();

    // Measures.
    let _ = write!(
        b,
        "\n\n## How we measured\n\nOur process measure is {}: {} Our outcome measure is {}: {} We plot both every month on SPC charts, with each PDSA cycle marked on the chart, and review them at the team's weekly huddle.",
        lower_first(topic.process.title),
        topic.process.definition,
        lower_first(topic.outcome.title),
        topic.outcome.definition
    );

    // Results.
    b.push_str("\n\n## Results so far\n\n");
    let moved = |before: f64, after: f64, increase: bool| {
        if (after > before) == increase {
            "improved"
        } else {
            "worsened"
        }
    };
    match p.trajectory {
        Trajectory::Improved | Trajectory::ProcessOnly => {
            let _ = write!(
                b,
                "The share of {} {} from a mean of {} in the baseline year to {} over the last twelve months, after the {} was adopted in {}. ",
                topic.process.phrase,
                if topic.process.increase { "rose" } else { "fell" },
                pct(d.p_before / 100.0),
                pct(d.p_after / 100.0),
                idea.name,
                main.end.long()
            );
            b.push_str("The p chart shows the change as a run of points on the better side of the centre line, well beyond what chance would give. ");
        }
        Trajectory::Stuck => {
            let _ = write!(
                b,
                "The share of {} has stayed close to its baseline: {} in the first year and {} over the last twelve months, within the common cause variation we would expect. ",
                topic.process.phrase,
                pct(d.p_before / 100.0),
                pct(d.p_after / 100.0)
            );
        }
    }
    let _ = write!(
        b,
        "The outcome measure, {}, has {}: a mean of {} at baseline and {} lately, against a target of {}.",
        outcome_phrase(topic),
        if p.trajectory == Trajectory::Improved {
            moved(d.o_before, d.o_after, topic.outcome.increase)
        } else {
            "not yet shifted"
        },
        with_unit(topic, d.o_before),
        with_unit(topic, d.o_after),
        with_unit(topic, d.o_target)
    );
    if p.trajectory == Trajectory::ProcessOnly {
        b.push_str(" We think the outcome will follow as the change becomes reliable on every shift, and we are watching the chart closely.");
    }

    // Learning.
    b.push_str("\n\n## Learning\n\n");
    for k in rng.distinct(LEARNING.len(), 4) {
        let _ = writeln!(b, "- {}", LEARNING[k]);
    }
    let _ = writeln!(
        b,
        "- The {} worked because it made the right thing the easy thing {}.",
        idea.name, p.place.on_name
    );
    if p.service_users {
        b.push_str("\n## Involving patients and families\n\n");
        b.push_str(rng.pick(INVOLVEMENT));
        b.push('\n');
    }
    b.push_str("\n## Next steps\n\n");
    for k in rng.distinct(NEXT_STEPS.len(), 2) {
        let _ = writeln!(b, "- {}", NEXT_STEPS[k]);
    }
    b
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if c.clone().next().is_some_and(|n| n.is_lowercase()) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_owned(),
    }
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A cycle: its front matter, its Plan as Markdown (for the Hugo twin) and its body.
fn pdsa(
    rng: &mut Rng,
    p: &ProjectPlan,
    topic: &Topic,
    c: &Cycle,
    next: Option<(&Cycle, &super::topics::Idea)>,
    d: &Data,
    ctx: &Context,
) -> (String, String, String) {
    let idea = &topic.ideas[c.idea];
    let phrase = topic.process.phrase;
    let base = d.p_before.round();
    let good = ((d.p_before + (d.p_after - d.p_before).abs().max(15.0)).min(97.0)).round();
    let good = if topic.process.increase {
        good
    } else {
        (d.p_before * 0.6).round()
    };
    let predicted = if c.wide { good } else { (base + good) / 2.0 }.round();
    let actual = match c.decision {
        Some("adopt") => predicted + rng.int(-3, 6) as f64,
        Some("adapt") => (base + predicted) / 2.0 + rng.int(-4, 4) as f64,
        _ => base + rng.int(-5, 3) as f64,
    }
    .clamp(1.0, 99.0);
    let sample = 10 + rng.below(31);
    let hits = ((actual / 100.0) * sample as f64).round() as usize;
    let objective = if c.wide {
        format!(
            "Find out whether the {} works {} and moves the share of {}.",
            idea.name, c.scope.0, phrase
        )
    } else {
        format!(
            "Find out whether staff can use the {} {}, how long it takes, and what gets in the way.",
            idea.name, c.scope.0
        )
    };
    let questions = [
        format!(
            "Can the {} be done {} without extra staff?",
            idea.name, c.scope.0
        ),
        "What do staff find unclear or unnecessary?".to_owned(),
        format!("How does the share of {phrase} change during the test?"),
        "What do patients and families think of it?".to_owned(),
    ];
    let want = 2 + rng.below(2);
    let asked = rng.distinct(questions.len(), want);
    let prediction = format!(
        "The share of {phrase} will be about {predicted:.0}% during the test, against {base:.0}% before, and staff will find the {} quick to use.",
        idea.name
    );
    let who = format!(
        "{} with {} colleagues from {}",
        ctx.lead_name,
        2 + rng.below(4),
        p.place.name
    );
    let start = c.start.day(c.start_day);
    let end = c.end.day(c.end_day);
    let prep = c.start.day(c.start_day - 3);

    let mut f = String::with_capacity(1500);
    let _ = write!(
        f,
        "cycle: {}\ntitle: {}\nchange_idea: {}\nobjective: {}\nquestions:\n",
        c.number,
        yaml(&c.title),
        idea.id,
        yaml(&objective)
    );
    let mut plan_md = format!(
        "## Plan\n\n- **Change idea:** {}\n- **Objective:** {objective}\n- **Questions:**\n",
        idea.title
    );
    for &q in &asked {
        let _ = writeln!(f, "  - {}", yaml(&questions[q]));
        let _ = writeln!(plan_md, "  - {}", questions[q]);
    }
    let place = format!("{}, {}", capitalise(&p.place.name), p.hospital);
    let _ = write!(
        f,
        "prediction: {}\nwho: {}\nwhere: {}\ntasks:\n",
        yaml(&prediction),
        yaml(&who),
        yaml(&place)
    );
    let _ = write!(
        plan_md,
        "- **Prediction:** {prediction}\n- **Who:** {who}\n- **Where:** {place}\n- **Tasks:**\n"
    );
    let tasks = [
        (
            format!("Prepare the materials for the {}", idea.name),
            ctx.lead_name.clone(),
            prep,
        ),
        (
            "Brief the team at the morning huddle".to_owned(),
            ctx.lead_name.clone(),
            start.clone(),
        ),
        (
            "Collect the tally sheets and plot the results".to_owned(),
            ctx.coach_name.clone(),
            format!("{start} to {end}"),
        ),
    ];
    for (task, by, when) in &tasks {
        let _ = write!(
            f,
            "  - task: {}\n    who: {}\n    when: {}\n",
            yaml(task),
            yaml(by),
            yaml(when)
        );
        let _ = writeln!(plan_md, "  - {task} ({by}, {when})");
    }
    let _ = writeln!(f, "started: {start}");
    let mut measures = vec![topic.process.id];
    if c.effective || rng.chance(0.4) {
        measures.push(topic.outcome.id);
    }
    if c.decision.is_some() {
        let _ = writeln!(f, "ended: {end}");
    }
    let _ = writeln!(f, "measures: {}", yaml_list(&measures));
    let next_text = match next {
        Some((n, i)) if n.idea == c.idea => format!("Test the {} again, {}.", i.name, n.scope.0),
        Some((n, i)) => format!("Test the {} {}.", i.name, n.scope.0),
        None => "Hand the changes over to business as usual and keep plotting the data monthly."
            .to_owned(),
    };
    if let Some(decision) = c.decision {
        let _ = write!(f, "decision: {decision}\nnext: {}\n", yaml(&next_text));
    }

    // Do, Study, Act.
    let weeks = ((c.end.0 - c.start.0) * 28 + c.end_day as i32 - c.start_day as i32 + 6) / 7;
    let weeks = weeks.max(2).to_string();
    let count = sample.to_string();
    let extra = [
        ("weeks", weeks.as_str()),
        ("count", count.as_str()),
        ("who", ctx.lead_name.as_str()),
        ("weekday", rng.pick(WEEKDAYS)),
    ];
    let mut body = String::with_capacity(1500);
    body.push_str("## Do\n\n");
    let _ = write!(
        body,
        "We tested the {} {} {}. ",
        idea.name, c.scope.0, p.place.on_name
    );
    for k in rng.distinct(DO_SENTENCES.len(), 3) {
        body.push_str(&ctx.fill(DO_SENTENCES[k], &extra));
        body.push(' ');
    }
    body.pop();
    body.push_str("\n\n## Study\n\n");
    match c.decision {
        None => {
            let _ = write!(
                body,
                "The cycle is still running. Early tallies show {hits} of {sample} ({actual:.0}%) against our prediction of {predicted:.0}%; we will study the full results when it ends in {}.",
                c.end.long()
            );
        }
        Some(decision) => {
            let _ = write!(
                body,
                "{hits} of {sample} ({actual:.0}%) met the standard during the test, against our prediction of {predicted:.0}% and a baseline of {base:.0}%. "
            );
            body.push_str(match decision {
                "adopt" => "Staff found the change quick once they had used it a few times, and nobody asked to go back to the old way.",
                "adapt" => "The idea helped, but it was not used reliably: it depended on one or two enthusiasts, and it slipped on busy shifts.",
                _ => "It also caused problems we had not predicted: it added work at the busiest time of the shift, and some patients found it confusing.",
            });
        }
    }
    body.push_str("\n\n## Act\n\n");
    match c.decision {
        None => body.push_str("No decision yet: we will decide whether to adopt, adapt or abandon the change when the cycle ends."),
        Some(decision) => {
            let pool = match decision {
                "adopt" => ADOPT,
                "adapt" => ADAPT,
                _ => ABANDON,
            };
            body.push_str(rng.pick(pool));
            let _ = write!(body, " Next: {}", lower_first(&next_text));
        }
    }
    body.push('\n');
    (f, plan_md, body)
}
