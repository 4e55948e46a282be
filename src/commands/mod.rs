//! One file per subcommand: wiring only.

use crate::cli::{Cli, Command};
use crate::error::Result;

/// Runs a command and returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Build(_args) => Ok(0),
        Command::Check(_args) => Ok(0),
    }
}
