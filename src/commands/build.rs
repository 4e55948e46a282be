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
    let mut rendered = rendered;
    add_pngs(&mut rendered, &out);
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

/// Draws the chart PNGs the render asked for, in parallel. A PNG whose SVG is byte for
/// byte the one in the previous build's output is copied from there instead: drawing a
/// PNG costs tens of milliseconds, far more than the rest of a chart. A PNG that cannot
/// be drawn is left out (its SVG is always there).
fn add_pngs(rendered: &mut crate::render::Rendered, out: &std::path::Path) {
    use rayon::prelude::*;
    let output = &rendered.output;
    let previous_is_ours = out.join(output::MARKER).is_file();
    let pngs: Vec<(String, crate::output::OutputFile)> = rendered
        .png_jobs
        .par_iter()
        .filter_map(|(png, svg)| {
            let svg_bytes = output.bytes(svg)?;
            let old_png = out.join(png);
            if previous_is_ours
                && old_png.is_file()
                && std::fs::read(out.join(svg)).is_ok_and(|old| old == svg_bytes)
            {
                return Some((png.clone(), crate::output::OutputFile::Copy(old_png)));
            }
            let text = std::str::from_utf8(svg_bytes).ok()?;
            let bytes = crate::render::png::svg_to_png(text, 2.0).ok()?;
            Some((png.clone(), crate::output::OutputFile::Bytes(bytes)))
        })
        .collect();
    rendered.output.files.extend(pngs);
}
