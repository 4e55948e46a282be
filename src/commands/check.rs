//! `qisite check`: load and validate the portfolio, render it in memory to find broken
//! links, and report every problem in one run. Writes nothing.

use std::path::Path;

use crate::cli::CheckArgs;
use crate::content::Loaded;
use crate::error::{Diagnostic, Result};

/// Prints diagnostics to stderr followed by a one-line summary.
pub fn report(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

/// "1 error", "2 warnings".
pub fn count(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// "2 errors, 1 warning".
pub fn summary(errors: usize, warnings: usize) -> String {
    format!("{}, {}", count(errors, "error"), count(warnings, "warning"))
}

/// Every problem in the portfolio at `dir`: those loading and validation find, then,
/// when there are no errors among them, those only rendering finds (broken links,
/// charts that cannot be computed). Writes nothing.
pub fn diagnose(dir: &Path) -> Result<(Loaded, Vec<Diagnostic>)> {
    let loaded = crate::content::load(dir);
    let mut diagnostics = loaded.diagnostics.clone();
    super::render_diagnostics(&loaded, &mut diagnostics)?;
    Ok((loaded, diagnostics))
}

pub fn run(args: &CheckArgs) -> Result<i32> {
    let (loaded, diagnostics) = diagnose(&args.dir)?;
    report(&diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let p = &loaded.portfolio;
    eprintln!(
        "checked {}, {}, {}: {}",
        count(p.projects.len(), "project"),
        count(p.projects.iter().map(|x| x.pdsa.len()).sum(), "PDSA cycle"),
        count(p.projects.iter().map(|x| x.measures.len()).sum(), "measure"),
        summary(errors, warnings)
    );
    Ok(if errors > 0 { 1 } else { 0 })
}
