//! The theme: Tera templates and static files, built in (embedded at compile time) and
//! overridable file by file: the portfolio's `templates/` and `static/` win over the
//! chosen theme's, which win over the built-in default theme's. Also registers the
//! filters the templates use (`rel`, `long_date`, `month_year`, `num`). No I/O: static
//! files from disk are passed on as paths to copy.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tera::{Kwargs, State, Tera};

use super::{format, paths};
use crate::content::model::Portfolio;
use crate::error::{Error, Result};

/// The built-in default theme's templates, by name.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "home.html",
        include_str!("../../themes/default/templates/home.html"),
    ),
    (
        "projects.html",
        include_str!("../../themes/default/templates/projects.html"),
    ),
    (
        "project.html",
        include_str!("../../themes/default/templates/project.html"),
    ),
    (
        "pdsa.html",
        include_str!("../../themes/default/templates/pdsa.html"),
    ),
    (
        "programmes.html",
        include_str!("../../themes/default/templates/programmes.html"),
    ),
    (
        "programme.html",
        include_str!("../../themes/default/templates/programme.html"),
    ),
    (
        "people.html",
        include_str!("../../themes/default/templates/people.html"),
    ),
    (
        "person.html",
        include_str!("../../themes/default/templates/person.html"),
    ),
    (
        "stories.html",
        include_str!("../../themes/default/templates/stories.html"),
    ),
    (
        "story.html",
        include_str!("../../themes/default/templates/story.html"),
    ),
    (
        "story_tags.html",
        include_str!("../../themes/default/templates/story_tags.html"),
    ),
    (
        "showcase_wall.html",
        include_str!("../../themes/default/templates/showcase_wall.html"),
    ),
    (
        "showcases.html",
        include_str!("../../themes/default/templates/showcases.html"),
    ),
    (
        "showcase.html",
        include_str!("../../themes/default/templates/showcase.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "facet_index.html",
        include_str!("../../themes/default/templates/facet_index.html"),
    ),
    (
        "facet_term.html",
        include_str!("../../themes/default/templates/facet_term.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "before_you_start.html",
        include_str!("../../themes/default/templates/before_you_start.html"),
    ),
    (
        "partials/project_card.html",
        include_str!("../../themes/default/templates/partials/project_card.html"),
    ),
    (
        "partials/project_cards.html",
        include_str!("../../themes/default/templates/partials/project_cards.html"),
    ),
    (
        "partials/chart.html",
        include_str!("../../themes/default/templates/partials/chart.html"),
    ),
    (
        "partials/browse_instead.html",
        include_str!("../../themes/default/templates/partials/browse_instead.html"),
    ),
    (
        "partials/icon_table.html",
        include_str!("../../themes/default/templates/partials/icon_table.html"),
    ),
    (
        "partials/chart.html",
        include_str!("../../themes/default/templates/partials/chart.html"),
    ),
    (
        "partials/chart_embed.html",
        include_str!("../../themes/default/templates/partials/chart_embed.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../themes/default/templates/partials/pagination.html"),
    ),
    (
        "partials/showcase_entry.html",
        include_str!("../../themes/default/templates/partials/showcase_entry.html"),
    ),
];

/// The built-in default theme's static files, by path under `static/`.
pub const BUILTIN_STATIC: &[(&str, &str)] = &[
    (
        "style.css",
        include_str!("../../themes/default/static/style.css"),
    ),
    (
        "filter.js",
        include_str!("../../themes/default/static/filter.js"),
    ),
    (
        "search.js",
        include_str!("../../themes/default/static/search.js"),
    ),
];

/// A static file of the site: built in, or a file on disk to copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StaticFile {
    Builtin(&'static str),
    Disk(PathBuf),
}

/// The templates in effect: built in, then the theme's, then the portfolio's, by name.
pub fn template_sources(portfolio: &Portfolio) -> BTreeMap<String, String> {
    let mut sources: BTreeMap<String, String> = BUILTIN_TEMPLATES
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect();
    for files in [&portfolio.theme, &portfolio.overrides] {
        for (name, text) in &files.templates {
            sources.insert(name.clone(), text.clone());
        }
    }
    sources
}

/// The static files in effect, by path under `static/`, overridden in the same order.
pub fn static_files(portfolio: &Portfolio) -> BTreeMap<String, StaticFile> {
    let mut files: BTreeMap<String, StaticFile> = BUILTIN_STATIC
        .iter()
        .map(|(name, text)| ((*name).to_owned(), StaticFile::Builtin(text)))
        .collect();
    for theme in [&portfolio.theme, &portfolio.overrides] {
        for (name, path) in &theme.static_files {
            files.insert(name.clone(), StaticFile::Disk(path.clone()));
        }
    }
    files
}

/// A Tera instance with every template in effect and our filters registered.
pub fn build(portfolio: &Portfolio) -> Result<Tera> {
    let mut tera = Tera::new();
    // Every template is HTML, whatever its name, so escape everything.
    tera.autoescape_on(vec![""]);
    register_filters(&mut tera);
    let sources = template_sources(portfolio);
    tera.add_raw_templates(sources.iter())
        .map_err(|e| template_error(&e, &sources))?;
    Ok(tera)
}

/// An `Error::Template` naming the template when Tera's report does.
pub fn template_error(err: &tera::Error, sources: &BTreeMap<String, String>) -> Error {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    // Tera's report points at the template as `--> name:line:col`.
    let pointed = message
        .split_once("--> ")
        .and_then(|(_, rest)| rest.split(':').next())
        .map(str::trim)
        .filter(|name| sources.contains_key(*name));
    let template = pointed
        .or_else(|| {
            sources
                .keys()
                .map(String::as_str)
                .find(|name| message.contains(name))
        })
        .unwrap_or("templates")
        .to_owned();
    Error::Template {
        template,
        message: message.trim().to_owned(),
    }
}

fn register_filters(tera: &mut Tera) {
    // `{{ "people/ana/index.html" | rel }}`: the URL of an output path relative to the
    // page being rendered (the context's `page_path`). `#fragments` and absolute
    // addresses pass through.
    tera.register_filter("rel", |to: &str, _: Kwargs, state: &State| {
        if to.starts_with('#') || to.contains("://") || to.starts_with("mailto:") {
            return to.to_owned();
        }
        // A `Value` clone shares the string: this runs for every link of every page.
        let page = state.get::<tera::Value>("page_path").ok().flatten();
        let from = page
            .as_ref()
            .and_then(|v| v.as_str())
            .unwrap_or(paths::HOME);
        // A link into the page itself needs only its fragment.
        match to.strip_prefix(from) {
            Some(fragment) if fragment.starts_with('#') => fragment.to_owned(),
            _ => paths::relative(from, to),
        }
    });
    tera.register_filter("long_date", |iso: &str, _: Kwargs, _: &State| {
        format::long_date(iso)
    });
    tera.register_filter("month_year", |iso: &str, _: Kwargs, _: &State| {
        format::month_year(iso)
    });
    // `{{ 1234.5 | num }}` → "1,234.5"; `decimals` (default 2) caps the decimals.
    tera.register_filter(
        "num",
        |value: f64, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let decimals = kwargs.get::<usize>("decimals")?.unwrap_or(2);
            Ok(format::number(value, decimals.min(10)))
        },
    );
}
