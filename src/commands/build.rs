//! `qisite build`: load, validate and render the whole site in memory, then write it
//! atomically. Nothing is written when there is any error.

use std::time::Instant;

use crate::cli::BuildArgs;
use crate::error::Result;
use crate::output;

use super::check::{count, report, summary};

pub fn run(args: &BuildArgs) -> Result<i32> {
    let started = Instant::now();
    let out = args.out.clone().unwrap_or_else(|| args.dir.join("public"));
    output::check_output_dir(&args.dir, &out)?;

    let loaded = crate::content::load(&args.dir);
    let mut diagnostics = loaded.diagnostics.clone();
    let rendered = if loaded.error_count() == 0 {
        let options = super::render_options(&loaded, args.base_url.clone());
        let rendered = crate::render::render(&loaded.portfolio, &options)?;
        diagnostics.extend(rendered.diagnostics.iter().cloned());
        Some(rendered)
    } else {
        None
    };
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if errors > 0 || !args.quiet {
        report(&diagnostics);
    }
    let Some(rendered) = rendered.filter(|_| errors == 0) else {
        eprintln!(
            "build failed: {}; nothing was written and `{}` is unchanged",
            summary(errors, warnings),
            out.display()
        );
        return Ok(1);
    };
    output::write(&rendered.output, &out)?;
    if !args.quiet {
        eprintln!(
            "built {} ({}) in `{}`: {} in {} ms",
            count(rendered.output.page_count(), "page"),
            count(rendered.output.files.len(), "file"),
            out.display(),
            count(warnings, "warning"),
            started.elapsed().as_millis()
        );
    }
    Ok(0)
}
