//! Command-line arguments: one Args struct per subcommand (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// qisite builds a fast, accessible, offline website from a folder of QI projects.
#[derive(Debug, Parser)]
#[command(name = "qisite", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site from a portfolio folder.
    Build(BuildArgs),
    /// Build the site in memory and serve it, rebuilding and reloading open pages as
    /// files change.
    Serve(ServeArgs),
    /// Check a portfolio and report every problem, without writing anything.
    Check(CheckArgs),
    /// Create a new, valid, small portfolio in a new folder.
    Init(InitArgs),
    /// Create a new project or PDSA cycle from a template.
    New(NewArgs),
    /// Analyse one CSV of measurements as a run or control chart and print the result.
    Spc(SpcArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The portfolio folder (the one holding site.yaml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Where to write the site; defaults to DIR/public.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The address the site will be served from, e.g. https://intranet.example/qi/.
    /// Pages always link relatively; this is used for feeds and the sitemap.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Whether to draw a PNG of every chart: auto (only for sites of up to 2,000
    /// charts), always or never. Overrides `charts.png` in site.yaml.
    #[arg(long, value_name = "WHEN")]
    pub png: Option<crate::config::PngExport>,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The portfolio folder (the one holding site.yaml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. The default keeps the site on this computer.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The portfolio folder (the one holding site.yaml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist, or be empty).
    pub dir: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The portfolio folder (the one holding site.yaml).
    #[arg(long, default_value = ".", global = true)]
    pub dir: PathBuf,
    #[command(subcommand)]
    pub kind: NewKind,
}

#[derive(Debug, Subcommand)]
pub enum NewKind {
    /// A project: projects/<slug>/index.md and driver.yaml, started today.
    Project {
        /// The project's title; its slug (folder name) is made from it.
        title: String,
    },
    /// A PDSA cycle with the next cycle number: projects/<project>/pdsa/NN-<slug>.md.
    Pdsa {
        /// The project's slug (its folder name under projects/).
        project: String,
        /// The cycle's title.
        title: String,
        /// The id of the change idea it tests (from the project's driver.yaml).
        #[arg(long)]
        change_idea: Option<String>,
    },
}

#[derive(Debug, clap::Args)]
pub struct SpcArgs {
    /// The CSV file: a header row naming `value` (the numerator for p and u charts) and
    /// optionally `denominator`, `subgroup`, `phase`, `date` and `exclude`.
    pub file: PathBuf,
    /// The chart to draw.
    #[arg(long, value_enum)]
    pub chart: SpcChart,
    /// The rules that find special causes: Anhøj (qicharts2) or Making Data Count (NHS).
    #[arg(long, value_enum, default_value_t = SpcRules::Anhoj)]
    pub rules: SpcRules,
    /// Which direction is better (used to class special causes and by the assurance icon).
    #[arg(long, value_enum, default_value_t = SpcImprovement::Increase)]
    pub improvement: SpcImprovement,
    /// A target to compare the limits with (the assurance icon, `nhs` rules).
    #[arg(long, allow_hyphen_values = true)]
    pub target: Option<f64>,
    /// Compute the centre line and limits from the first N points only.
    #[arg(long, value_name = "N")]
    pub freeze: Option<usize>,
    /// Limits from fewer baseline points than this are reported as trial limits.
    #[arg(long, value_name = "N", default_value_t = 12)]
    pub min_points: usize,
    /// Print one JSON object on stdout and nothing else.
    #[arg(long)]
    pub json: bool,
}

/// `--chart` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SpcChart {
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

/// `--rules` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SpcRules {
    Anhoj,
    Nhs,
}

/// `--improvement` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SpcImprovement {
    Increase,
    Decrease,
    Neutral,
}
