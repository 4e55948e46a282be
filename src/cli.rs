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
    /// Check a portfolio and report every problem, without writing anything.
    Check(CheckArgs),
    /// Create a new, valid, small portfolio in a new folder.
    Init(InitArgs),
    /// Create a new project or PDSA cycle from a template.
    New(NewArgs),
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
