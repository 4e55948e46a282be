//! One file per subcommand: wiring only.

pub mod check;

use crate::cli::{Cli, Command};
use crate::content::Loaded;
use crate::error::{Diagnostic, Result};

/// Runs a command and returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Build(_args) => Ok(0),
        Command::Check(args) => check::run(&args),
    }
}

/// Adds the problems only rendering finds (broken links) to `diagnostics`.
fn render_diagnostics(_loaded: &Loaded, _diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    Ok(())
}
