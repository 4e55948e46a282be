//! The typed portfolio model: every document of a portfolio after loading and
//! validation. Plain data, ordered deterministically; no I/O here.
//!
//! Fields that can be wrong in a way only known after parsing (a taxonomy value, a
//! reference to another document) keep their source location as [`Spanned`], so that
//! validation can point at them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
pub use serde_saphyr::Spanned;

use super::date::Date;
use crate::config::SiteConfig;

/// Everything in a portfolio folder.
#[derive(Debug, Default)]
pub struct Portfolio {
    /// The portfolio folder.
    pub root: std::path::PathBuf,
    pub config: SiteConfig,
    /// Ordered by slug.
    pub projects: Vec<Project>,
    /// Ordered by slug.
    pub programmes: Vec<Programme>,
    /// Ordered by slug.
    pub people: Vec<Person>,
    /// Newest first, then by slug.
    pub stories: Vec<Story>,
    /// The files in `stories/` that are not stories (images), sorted; copied through.
    pub story_files: Vec<String>,
    /// Newest first, then by slug.
    pub showcases: Vec<Showcase>,
    /// Ordered by `order`, then by slug.
    pub pages: Vec<Page>,
    /// The chosen theme's files, when `theme` in site.yaml names a folder under the
    /// portfolio's `themes/` (empty for the built-in default theme).
    pub theme: ThemeFiles,
    /// The portfolio's own overrides: `templates/` and `static/`.
    pub overrides: ThemeFiles,
}

/// Templates and static files of a theme or of a portfolio's overrides.
#[derive(Clone, Debug, Default)]
pub struct ThemeFiles {
    /// Template name (path under `templates/`, `/` separators) → text.
    pub templates: BTreeMap<String, String>,
    /// Path under `static/` (`/` separators) → file on disk.
    pub static_files: BTreeMap<String, std::path::PathBuf>,
}

/// Where a document came from, for diagnostics and link resolution.
#[derive(Clone, Debug, Default)]
pub struct Source {
    /// Path relative to the portfolio root, with `/` separators.
    pub rel: String,
    /// 1-based line of the first line of the Markdown body (after the front matter).
    pub body_line: usize,
}

/// A project's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Proposed,
    Active,
    OnHold,
    Completed,
    Closed,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Proposed,
        Status::Active,
        Status::OnHold,
        Status::Completed,
        Status::Closed,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Active => "active",
            Status::OnHold => "on-hold",
            Status::Completed => "completed",
            Status::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Proposed => "Proposed",
            Status::Active => "Active",
            Status::OnHold => "On hold",
            Status::Completed => "Completed",
            Status::Closed => "Closed",
        }
    }
}

/// A role a person holds in a project team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TeamRole {
    Lead,
    Member,
    Sponsor,
    Coach,
    ImprovementAdvisor,
    DataAnalyst,
    ServiceUserPartner,
}

impl TeamRole {
    pub fn label(self) -> &'static str {
        match self {
            TeamRole::Lead => "Project lead",
            TeamRole::Member => "Team member",
            TeamRole::Sponsor => "Sponsor",
            TeamRole::Coach => "QI coach",
            TeamRole::ImprovementAdvisor => "Improvement advisor",
            TeamRole::DataAnalyst => "Data analyst",
            TeamRole::ServiceUserPartner => "Service user partner",
        }
    }
}

/// A role a person holds across the portfolio (people pages, directory).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PersonRole {
    Lead,
    Sponsor,
    Coach,
    ImprovementAdvisor,
    Member,
}

impl PersonRole {
    pub fn label(self) -> &'static str {
        match self {
            PersonRole::Lead => "Project lead",
            PersonRole::Sponsor => "Sponsor",
            PersonRole::Coach => "QI coach",
            PersonRole::ImprovementAdvisor => "Improvement advisor",
            PersonRole::Member => "Team member",
        }
    }
}

/// One member of a project team.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamMember {
    /// A person's slug (`people/<slug>.md`).
    pub person: Spanned<String>,
    #[serde(default = "default_role")]
    pub role: TeamRole,
}

fn default_role() -> TeamRole {
    TeamRole::Member
}

/// One dated entry in a project's progress-score history.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdate {
    pub date: Date,
    pub score: Spanned<f64>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A named attachment in `files/`, with an optional title.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentMeta {
    /// Path inside the project's `files/` folder.
    pub file: Spanned<String>,
    #[serde(default)]
    pub title: Option<String>,
}

/// Project front matter, as written in `projects/<slug>/index.md`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectMeta {
    pub title: String,
    /// Overrides the folder name as the project's URL slug.
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub summary: String,
    pub status: Status,
    #[serde(default)]
    pub started: Option<Date>,
    #[serde(default)]
    pub ended: Option<Date>,
    /// The date of the latest update to the write-up, if the team records one.
    #[serde(default)]
    pub updated: Option<Date>,
    #[serde(default)]
    pub aim: String,
    #[serde(default)]
    pub progress: Option<Spanned<f64>>,
    #[serde(default)]
    pub progress_history: Vec<ProgressUpdate>,
    #[serde(default)]
    pub priorities: Vec<Spanned<String>>,
    #[serde(default)]
    pub directorate: Option<Spanned<String>>,
    #[serde(default)]
    pub methods: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub team: Vec<TeamMember>,
    #[serde(default)]
    pub sponsor: Option<Spanned<String>>,
    #[serde(default)]
    pub coach: Option<Spanned<String>>,
    #[serde(default)]
    pub programme: Option<Spanned<String>>,
    #[serde(default)]
    pub service_user_involvement: bool,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    #[serde(default)]
    pub adapted_from: Option<Spanned<String>>,
    #[serde(default)]
    pub attachments: Vec<AttachmentMeta>,
}

/// A project folder.
#[derive(Clone, Debug)]
pub struct Project {
    pub slug: String,
    pub meta: ProjectMeta,
    pub body: String,
    pub source: Source,
    pub driver: Option<DriverDiagram>,
    /// Ordered by id.
    pub measures: Vec<Measure>,
    /// Ordered by cycle number.
    pub pdsa: Vec<PdsaCycle>,
    /// Files under `files/`, relative to it, sorted.
    pub files: Vec<String>,
}

impl Project {
    pub fn progress(&self) -> Option<f64> {
        self.meta.progress.as_ref().map(|p| p.value)
    }
}

/// `driver.yaml`: aim → primary drivers → secondary drivers → change ideas.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DriverDiagram {
    /// Defaults to the project's aim.
    #[serde(default)]
    pub aim: Option<String>,
    #[serde(default)]
    pub primary_drivers: Vec<PrimaryDriver>,
    #[serde(default)]
    pub change_ideas: Vec<ChangeIdea>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrimaryDriver {
    pub title: String,
    #[serde(default)]
    pub secondary_drivers: Vec<SecondaryDriver>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecondaryDriver {
    pub title: String,
    /// Ids of change ideas listed under `change_ideas`.
    #[serde(default)]
    pub change_ideas: Vec<Spanned<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeIdea {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// What a measure tells the team (the family of measures).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeasureKind {
    Outcome,
    Process,
    Balancing,
}

impl MeasureKind {
    pub fn label(self) -> &'static str {
        match self {
            MeasureKind::Outcome => "Outcome measure",
            MeasureKind::Process => "Process measure",
            MeasureKind::Balancing => "Balancing measure",
        }
    }
}

/// The chart a measure is drawn on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartType {
    Run,
    I,
    Mr,
    Xbar,
    S,
    P,
    U,
    C,
    G,
    T,
}

impl ChartType {
    /// Charts whose CSV has `numerator,denominator` instead of `value`.
    pub fn uses_denominator(self) -> bool {
        matches!(self, ChartType::P | ChartType::U)
    }

    /// Charts whose rows form subgroups (several rows per date).
    pub fn uses_subgroups(self) -> bool {
        matches!(self, ChartType::Xbar | ChartType::S)
    }

    pub fn label(self) -> &'static str {
        match self {
            ChartType::Run => "Run chart",
            ChartType::I => "I chart (XmR)",
            ChartType::Mr => "Moving range chart",
            ChartType::Xbar => "Xbar chart",
            ChartType::S => "S chart",
            ChartType::P => "P chart",
            ChartType::U => "U chart",
            ChartType::C => "C chart",
            ChartType::G => "G chart",
            ChartType::T => "T chart",
        }
    }
}

/// Which direction is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Improvement {
    #[default]
    Increase,
    Decrease,
    Neutral,
}

/// The rule set used to find special causes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Rules {
    #[default]
    Anhoj,
    Nhs,
}

/// A recalculation of limits from a date, with its reason.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub date: Date,
    pub reason: String,
}

/// A dated note drawn on the chart.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    pub date: Date,
    pub text: String,
}

/// `measures/<id>.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureMeta {
    pub title: String,
    pub kind: MeasureKind,
    #[serde(default)]
    pub definition: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub chart: ChartType,
    #[serde(default)]
    pub improvement: Improvement,
    #[serde(default)]
    pub target: Option<f64>,
    #[serde(default)]
    pub multiplier: Option<Spanned<f64>>,
    /// Number of leading points that set frozen limits.
    #[serde(default)]
    pub baseline: Option<Spanned<u32>>,
    #[serde(default)]
    pub phases: Vec<Phase>,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Defaults to `spc.rules` in site.yaml.
    #[serde(default)]
    pub rules: Option<Rules>,
    /// Where the data comes from, e.g. "Datix incident reports".
    #[serde(default)]
    pub source: Option<String>,
    /// How often the data is collected, e.g. "weekly".
    #[serde(default)]
    pub frequency: Option<String>,
}

/// One row of a measure's CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    pub date: Date,
    /// `value`, or the numerator for p and u charts. `None` for an empty cell.
    pub value: Option<f64>,
    pub denominator: Option<f64>,
    pub note: Option<String>,
    pub exclude: bool,
    /// 1-based line in the CSV file.
    pub line: usize,
}

/// A measure: its definition and its data.
#[derive(Clone, Debug)]
pub struct Measure {
    pub id: String,
    pub meta: MeasureMeta,
    /// In file order (which is date order: the loader checks it).
    pub data: Vec<Observation>,
    pub source: Source,
    /// `projects/<slug>/measures/<id>.csv`.
    pub csv_rel: String,
}

/// A PDSA decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Adopt,
    Adapt,
    Abandon,
}

impl Decision {
    pub fn label(self) -> &'static str {
        match self {
            Decision::Adopt => "Adopt",
            Decision::Adapt => "Adapt",
            Decision::Abandon => "Abandon",
        }
    }
}

/// A planned task in a PDSA cycle.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PdsaTask {
    pub task: String,
    #[serde(default)]
    pub who: Option<String>,
    #[serde(default)]
    pub when: Option<String>,
}

/// PDSA front matter, as written in `projects/<slug>/pdsa/<NN>-<slug>.md`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdsaMeta {
    /// Defaults to the number at the start of the file name.
    #[serde(default)]
    pub cycle: Option<Spanned<u32>>,
    pub title: String,
    /// The id of a change idea in the project's driver.yaml.
    #[serde(default)]
    pub change_idea: Option<Spanned<String>>,
    #[serde(default)]
    pub objective: String,
    #[serde(default)]
    pub questions: Vec<String>,
    #[serde(default)]
    pub prediction: Option<String>,
    #[serde(default)]
    pub who: Option<String>,
    #[serde(default)]
    pub r#where: Option<String>,
    #[serde(default)]
    pub tasks: Vec<PdsaTask>,
    #[serde(default)]
    pub started: Option<Date>,
    #[serde(default)]
    pub ended: Option<Date>,
    /// Ids of the project's measures this cycle watches.
    #[serde(default)]
    pub measures: Vec<Spanned<String>>,
    #[serde(default)]
    pub decision: Option<Decision>,
    /// What the next cycle will be.
    #[serde(default)]
    pub next: Option<String>,
}

/// One PDSA cycle.
#[derive(Clone, Debug)]
pub struct PdsaCycle {
    /// The file name without `.md`, e.g. `03-checklist-nights`.
    pub slug: String,
    pub cycle: u32,
    pub meta: PdsaMeta,
    /// The body's sections by heading: `do`, `study`, `act`, and any text before them
    /// under `intro`.
    pub sections: PdsaSections,
    pub source: Source,
}

/// The Do, Study and Act parts of a PDSA body (Markdown), split at their headings.
#[derive(Clone, Debug, Default)]
pub struct PdsaSections {
    pub intro: String,
    pub r#do: String,
    pub study: String,
    pub act: String,
    /// 1-based line where each section's text starts, for link diagnostics.
    pub intro_line: usize,
    pub do_line: usize,
    pub study_line: usize,
    pub act_line: usize,
}

/// Programme (collaborative) front matter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeMeta {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub aim: String,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub started: Option<Date>,
    #[serde(default)]
    pub ended: Option<Date>,
    #[serde(default)]
    pub lead: Option<Spanned<String>>,
    #[serde(default)]
    pub sponsor: Option<Spanned<String>>,
    /// Member project slugs (projects can also join with `programme:`).
    #[serde(default)]
    pub projects: Vec<Spanned<String>>,
    /// Measure ids shared by member projects.
    #[serde(default)]
    pub shared_measures: Vec<Spanned<String>>,
    /// How to combine the members' values of a shared measure drawn on a run, I or MR
    /// chart, by measure id (other chart types combine in the one way they allow).
    #[serde(default)]
    pub combine: BTreeMap<String, Spanned<CombineMethod>>,
    #[serde(default)]
    pub priorities: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// How a programme combines its members' values of a shared measure drawn on a run,
/// I or MR chart, period by period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CombineMethod {
    /// The values add up (counts, bed days, hours): the programme's total.
    Sum,
    /// The mean of the members' values, each member weighing the same.
    Mean,
}

#[derive(Clone, Debug)]
pub struct Programme {
    pub slug: String,
    pub meta: ProgrammeMeta,
    pub body: String,
    pub source: Source,
    /// Member project slugs: listed here or naming this programme, sorted.
    pub members: Vec<String>,
    pub files: Vec<String>,
}

/// `people/<slug>.md` front matter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonMeta {
    pub name: String,
    #[serde(default)]
    pub job_title: Option<String>,
    /// Department or team, e.g. "Ward 7, Elderly Care".
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub directorate: Option<Spanned<String>>,
    #[serde(default)]
    pub roles: Vec<PersonRole>,
    /// A work contact, e.g. an internal extension. Never a personal address.
    #[serde(default)]
    pub contact: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Person {
    pub slug: String,
    pub meta: PersonMeta,
    pub body: String,
    pub source: Source,
}

/// `stories/<yyyy-mm-dd>-<slug>.md` front matter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryMeta {
    pub title: String,
    /// Defaults to the date at the start of the file name.
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub author: Option<Spanned<String>>,
    #[serde(default)]
    pub projects: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// An image beside the story, in `stories/`, with its alt text.
    #[serde(default)]
    pub image: Option<Spanned<String>>,
    #[serde(default)]
    pub image_alt: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Story {
    /// The file name without `.md` and without its date, e.g. `ward-7-falls`.
    pub slug: String,
    pub date: Date,
    pub meta: StoryMeta,
    pub body: String,
    pub source: Source,
}

/// A category of a celebration event.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowcaseCategory {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// One entry (poster, talk) at a celebration event.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowcaseEntry {
    pub title: String,
    #[serde(default)]
    pub project: Option<Spanned<String>>,
    #[serde(default)]
    pub category: Option<Spanned<String>>,
    /// A file beside the showcase's index.md (image or PDF).
    #[serde(default)]
    pub poster: Option<Spanned<String>>,
    /// Alt text for the poster image.
    #[serde(default)]
    pub poster_alt: Option<String>,
    #[serde(default)]
    pub r#abstract: String,
    /// People slugs.
    #[serde(default)]
    pub team: Vec<Spanned<String>>,
    /// e.g. "Winner: Patient safety".
    #[serde(default)]
    pub award: Option<String>,
}

/// `showcases/<slug>/index.md` front matter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowcaseMeta {
    pub title: String,
    pub date: Date,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub categories: Vec<ShowcaseCategory>,
    #[serde(default)]
    pub entries: Vec<ShowcaseEntry>,
}

#[derive(Clone, Debug)]
pub struct Showcase {
    pub slug: String,
    pub meta: ShowcaseMeta,
    pub body: String,
    pub source: Source,
    pub files: Vec<String>,
}

/// `pages/<slug>.md` front matter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// Position in the site navigation; pages without it are not in the menu.
    #[serde(default)]
    pub menu: Option<i32>,
}

#[derive(Clone, Debug)]
pub struct Page {
    pub slug: String,
    pub meta: PageMeta,
    pub body: String,
    pub source: Source,
}
