//! `qisite build`: load, validate and render the whole site in memory, then write only
//! the files that changed. Nothing is written when there is any error. On a terminal a
//! progress bar shows the stages; `--quiet` or a redirected stderr keeps it silent.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::BuildArgs;
use crate::config::PngExport;
use crate::error::Result;
use crate::output;

use super::check::{count, report, summary};

pub fn run(args: &BuildArgs) -> Result<i32> {
    let started = Instant::now();
    let out = args.out.clone().unwrap_or_else(|| args.dir.join("public"));
    output::check_output_dir(&args.dir, &out)?;

    let progress = Progress::new(args.quiet);
    progress.stage("loading the portfolio");
    let mut loaded = crate::content::load(&args.dir);
    if let Some(png) = args.png {
        loaded.portfolio.config.charts.png = png;
    }
    let mut diagnostics = loaded.diagnostics.clone();
    let rendered = if loaded.error_count() == 0 {
        let options = super::render_options(&loaded, args.base_url.clone());
        progress.stage("rendering pages and charts");
        let rendered = crate::render::render(&loaded.portfolio, &options)?;
        diagnostics.extend(rendered.diagnostics.iter().cloned());
        Some(rendered)
    } else {
        None
    };
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if errors > 0 {
        progress.finish();
    }
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
    let charts = rendered.charts;
    progress.count("drawing chart images", rendered.png_jobs.len());
    add_pngs(&mut rendered, &out, &|| progress.bar.inc(1));
    progress.count("writing files", rendered.output.files.len());
    let stats = output::write_with_progress(&rendered.output, &out, &|| progress.bar.inc(1))?;
    progress.finish();
    if !args.quiet {
        eprintln!(
            "built {} and {} in `{}` ({} written, {} unchanged, {} removed): {} in {} ms",
            count(rendered.output.page_count(), "page"),
            count(charts, "chart"),
            out.display(),
            count(stats.written, "file"),
            stats.unchanged,
            stats.removed,
            count(warnings, "warning"),
            started.elapsed().as_millis()
        );
        if rendered.png_jobs.is_empty() && charts > 0 {
            eprintln!("{}", png_note(loaded.portfolio.config.charts.png, charts));
        }
    }
    Ok(0)
}

/// Why the charts have no PNG downloads, and how to get them.
fn png_note(setting: PngExport, charts: usize) -> String {
    match setting {
        PngExport::Never => "note: no chart PNGs were drawn (`charts.png: never`)".to_owned(),
        _ => format!(
            "note: no chart PNGs were drawn: the site has {} charts, more than `charts.png: auto` \
             draws ({}); set `charts.png: always` in site.yaml or pass `--png always` to draw \
             them (about 10 ms of CPU each)",
            crate::render::format::number(charts as f64, 0),
            crate::render::format::number(PngExport::AUTO_LIMIT as f64, 0),
        ),
    }
}

/// The build's progress bar: drawn on a terminal, hidden with `--quiet` or when stderr
/// is not a terminal (CI logs, pipes).
struct Progress {
    bar: ProgressBar,
}

impl Progress {
    fn new(quiet: bool) -> Self {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        };
        Progress { bar }
    }

    /// A stage of unknown length: a spinner and its name.
    fn stage(&self, name: &'static str) {
        self.bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        self.bar.set_message(name);
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    /// A stage of `len` steps: a bar.
    fn count(&self, name: &'static str, len: usize) {
        self.bar.disable_steady_tick();
        self.bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {human_pos}/{human_len} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        self.bar.set_message(name);
        self.bar.set_length(len as u64);
        self.bar.set_position(0);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Draws the chart PNGs the render asked for, in parallel. A PNG whose SVG is byte for
/// byte the one in the previous build's output is copied from there instead: drawing a
/// PNG costs tens of milliseconds, far more than the rest of a chart. A PNG that cannot
/// be drawn is left out (its SVG is always there).
fn add_pngs(
    rendered: &mut crate::render::Rendered,
    out: &std::path::Path,
    tick: &(dyn Fn() + Sync),
) {
    use rayon::prelude::*;
    let output = &rendered.output;
    let previous_is_ours = out.join(output::MARKER).is_file();
    let pngs: Vec<(String, crate::output::OutputFile)> = rendered
        .png_jobs
        .par_iter()
        .filter_map(|(png, svg)| {
            tick();
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
