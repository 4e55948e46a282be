//! The `qisite` binary: parse arguments, run the command, print any error, and set the
//! exit code.

use clap::Parser;

fn main() {
    let args = qisite::cli::Cli::parse();
    match qisite::commands::run(args) {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            eprintln!("error: {err}");
            std::process::exit(2);
        }
    }
}
