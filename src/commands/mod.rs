//! One file per subcommand: wiring only.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;
pub mod spc;

use crate::cli::{Cli, Command};
use crate::content::Loaded;
use crate::error::{Diagnostic, Result};
use crate::render::RenderOptions;

/// Runs a command and returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Init(args) => init::run(&args),
        Command::New(args) => new::run(&args),
        Command::Spc(args) => spc::run(&args),
    }
}

/// Adds the problems only rendering finds (broken links) to `diagnostics`. Renders
/// only when loading found no errors, so one mistake is not reported twice.
fn render_diagnostics(loaded: &Loaded, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    if loaded.error_count() > 0 {
        return Ok(());
    }
    let summary = crate::render::render_into(
        &loaded.portfolio,
        &render_options(loaded, None),
        &crate::output::Discard,
    )?;
    diagnostics.extend(summary.diagnostics);
    Ok(())
}

/// What the renderer needs besides the portfolio: the base URL from `--base-url`, else
/// from site.yaml; today from [`today`].
pub fn render_options(loaded: &Loaded, base_url: Option<String>) -> RenderOptions {
    RenderOptions {
        base_url: base_url.or_else(|| loaded.portfolio.config.base_url.clone()),
        today: today(),
    }
}

/// Today's date: from `SOURCE_DATE_EPOCH` when set (reproducible builds and tests),
/// otherwise the system clock in the local time zone.
pub fn today() -> crate::content::date::Date {
    if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
    {
        if let Ok(ts) = jiff::Timestamp::from_second(secs) {
            return crate::content::date::Date(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
        }
    }
    crate::content::date::Date(jiff::Zoned::now().date())
}

/// A YAML double-quoted string.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
