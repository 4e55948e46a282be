//! `qisite build`: load, validate and render the whole site in memory, then write only
//! the files that changed. Nothing is written when there is any error. When the inputs'
//! fingerprint is the one the last build recorded and its output is untouched, nothing
//! is loaded or rendered at all. On a terminal a progress bar shows the stages;
//! `--quiet` or a redirected stderr keeps it silent.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::BuildArgs;
use crate::config::PngExport;
use crate::content::date::Date;
use crate::error::Result;
use crate::output::{self, fingerprint::Fingerprint, manifest::BuildRecord, manifest::Hash};

use super::check::{count, report, summary};

pub fn run(args: &BuildArgs) -> Result<i32> {
    let started = Instant::now();
    let out = args.out.clone().unwrap_or_else(|| args.dir.join("public"));
    output::check_output_dir(&args.dir, &out)?;

    crate::timing::mark("start");
    let progress = Progress::new(args.quiet);
    progress.stage("looking for changes");
    let today = super::today();
    // The fingerprint fails (and none is recorded, so the next build does not skip)
    // should a file change after this: the build may have read it before or after.
    let since = std::time::SystemTime::now();
    let untouched = output::untouched_build(&out);
    let (fingerprint, loaded) = match untouched {
        // A build to compare with: load only if it differs.
        Some(previous) => {
            let fingerprint = fingerprint(args, &out, today, since);
            crate::timing::mark("fingerprint");
            if fingerprint == Some(previous.fingerprint) {
                progress.finish();
                if !args.quiet {
                    print_unchanged(&previous, &out, started);
                }
                return Ok(0);
            }
            progress.stage("loading the portfolio");
            (fingerprint, crate::content::load(&args.dir))
        }
        // Nothing to compare with: the fingerprint is only recorded, so it is taken
        // while the portfolio loads (it fails should a file change meanwhile).
        None => {
            progress.stage("loading the portfolio");
            rayon::join(
                || fingerprint(args, &out, today, since),
                || crate::content::load(&args.dir),
            )
        }
    };
    let mut loaded = loaded;
    if let Some(png) = args.png {
        loaded.portfolio.config.charts.png = png;
    }
    crate::timing::mark("load and validate");
    let mut diagnostics = loaded.diagnostics.clone();
    let mut written = None;
    if loaded.error_count() == 0 {
        let options = crate::render::RenderOptions {
            today,
            ..super::render_options(&loaded, args.base_url.clone())
        };
        progress.files("rendering and writing");
        let tick = || progress.bar.inc(1);
        // Files go to a staging folder as they are made; `out` changes only at commit.
        let sink = output::DiskSink::new(&out, &tick)?;
        let summary = crate::render::render_into(&loaded.portfolio, &options, &sink)?;
        diagnostics.extend(summary.diagnostics.iter().cloned());
        if !diagnostics.iter().any(|d| d.is_error()) {
            progress.count("drawing chart images", summary.png_jobs.len());
            add_pngs(&summary.png_jobs, &sink, &|| progress.bar.inc(1))?;
            crate::timing::mark("render and stage");
            progress.stage("moving the new files into place");
            let warnings = diagnostics.len();
            let record = fingerprint.map(|fingerprint| BuildRecord {
                fingerprint,
                pages: summary.pages,
                charts: summary.charts,
                warnings,
                note: png_note(loaded.portfolio.config.charts.png, &summary),
            });
            let stats = sink.commit(record)?;
            crate::timing::mark("commit");
            written = Some((summary, stats));
        }
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    progress.finish();
    if errors > 0 || !args.quiet {
        report(&diagnostics);
    }
    let Some((summary, stats)) = written else {
        eprintln!(
            "build failed: {}; nothing was written and `{}` is unchanged",
            summary(errors, warnings),
            out.display()
        );
        return Ok(1);
    };
    let charts = summary.charts;
    if !args.quiet {
        eprintln!(
            "built {} and {} in `{}` ({} written, {} unchanged, {} removed): {} in {} ms",
            count(summary.pages, "page"),
            count(charts, "chart"),
            out.display(),
            count(stats.written, "file"),
            stats.unchanged,
            stats.removed,
            count(warnings, "warning"),
            started.elapsed().as_millis()
        );
        if let Some(note) = png_note(loaded.portfolio.config.charts.png, &summary) {
            eprintln!("{note}");
        }
    }
    Ok(0)
}

/// The fingerprint of everything this build's output depends on: the executable, the
/// options that change what is written, the date, and every file under the portfolio
/// folder but the output. `None` when some input cannot be read: the build then runs.
fn fingerprint(
    args: &BuildArgs,
    out: &std::path::Path,
    today: Date,
    since: std::time::SystemTime,
) -> Option<Hash> {
    let mut f = Fingerprint::new();
    f.add_executable().ok()?;
    let out_paths = output::build_paths(out);
    f.add("out", out_paths[2].as_os_str().as_encoded_bytes());
    f.add("base url", format!("{:?}", args.base_url));
    f.add("png", format!("{:?}", args.png));
    f.add("today", today.to_string());
    if let Err(e) = f.add_folder(&output::absolute(&args.dir), &out_paths, since) {
        if crate::timing::enabled() {
            eprintln!("timing: no fingerprint: {e}");
        }
        return None;
    }
    Some(f.finish())
}

/// The summary line of a build that found nothing to do.
fn print_unchanged(previous: &BuildRecord, out: &std::path::Path, started: Instant) {
    let warnings = match previous.warnings {
        0 => "0 warnings".to_owned(),
        n => format!("{} (run `qisite check` to see them)", count(n, "warning")),
    };
    eprintln!(
        "nothing changed since the last build of {} and {} in `{}` (0 files written): {} in {} ms",
        count(previous.pages, "page"),
        count(previous.charts, "chart"),
        out.display(),
        warnings,
        started.elapsed().as_millis()
    );
    if let Some(note) = &previous.note {
        eprintln!("{note}");
    }
}

/// Why the charts have no PNG downloads, and how to get them; `None` when they have.
fn png_note(setting: PngExport, summary: &crate::render::Summary) -> Option<String> {
    let charts = summary.charts;
    if !summary.png_jobs.is_empty() || charts == 0 {
        return None;
    }
    Some(match setting {
        PngExport::Never => "note: no chart PNGs were drawn (`charts.png: never`)".to_owned(),
        _ => format!(
            "note: no chart PNGs were drawn: the site has {} charts, more than `charts.png: auto` \
             draws ({}); set `charts.png: always` in site.yaml or pass `--png always` to draw \
             them (about 10 ms of CPU each)",
            crate::render::format::number(charts as f64, 0),
            crate::render::format::number(PngExport::AUTO_LIMIT as f64, 0),
        ),
    })
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

    /// A stage that makes files, as many as it takes: a spinner and a running count.
    fn files(&self, name: &'static str) {
        self.bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}: {human_pos} files ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        self.bar.set_message(name);
        self.bar.set_position(0);
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

/// Draws the chart PNGs the render asked for, in parallel, and hands them to `sink`. A
/// PNG whose SVG is byte for byte the one in the previous build's output is copied from
/// there instead: drawing a PNG costs tens of milliseconds, far more than the rest of a
/// chart. A PNG that cannot be drawn is left out (its SVG is always there).
fn add_pngs(
    jobs: &[(String, String, String)],
    sink: &output::DiskSink,
    tick: &(dyn Fn() + Sync),
) -> Result<()> {
    use output::Sink;
    use rayon::prelude::*;
    jobs.par_iter().try_for_each(|(png, svg, svg_text)| {
        tick();
        let old_png = sink.out().join(png);
        let file = if old_png.is_file() && sink.previous_holds(svg, svg_text.as_bytes()) {
            output::OutputFile::Copy(old_png)
        } else {
            match crate::render::png::svg_to_png(svg_text, 2.0) {
                Ok(bytes) => output::OutputFile::Bytes(bytes),
                Err(_) => return Ok(()),
            }
        };
        sink.put(png.clone(), file)
    })
}
