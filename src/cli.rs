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
