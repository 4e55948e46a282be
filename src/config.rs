//! `site.yaml`: the portfolio's title, organisation, theme, taxonomies and SPC defaults.
//! Typed, with defaults, and unknown keys rejected. Parsing (`parse`) is apart from
//! reading, so it can be tested on strings.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::content::model::Rules;

/// One declared value of a taxonomy (a strategic priority or a directorate).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyTerm {
    pub slug: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// The taxonomies projects are filed under. Priorities and directorates must be
/// declared here; methods default to a common list.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomies {
    #[serde(default)]
    pub priorities: Vec<TaxonomyTerm>,
    #[serde(default)]
    pub directorates: Vec<TaxonomyTerm>,
    #[serde(default = "default_methods")]
    pub methods: Vec<TaxonomyTerm>,
}

impl Default for Taxonomies {
    fn default() -> Self {
        Taxonomies {
            priorities: Vec::new(),
            directorates: Vec::new(),
            methods: default_methods(),
        }
    }
}

fn term(slug: &str, name: &str) -> TaxonomyTerm {
    TaxonomyTerm {
        slug: Spanned::new(
            slug.to_owned(),
            serde_saphyr::Location::UNKNOWN,
            serde_saphyr::Location::UNKNOWN,
        ),
        name: name.to_owned(),
        description: None,
    }
}

fn default_methods() -> Vec<TaxonomyTerm> {
    vec![
        term("model-for-improvement", "Model for Improvement"),
        term("qsir", "QSIR"),
        term("lean", "Lean"),
        term("six-sigma", "Six Sigma"),
        term("experience-based-co-design", "Experience-based co-design"),
        term("clinical-audit", "Clinical audit"),
    ]
}

/// SPC defaults applied to every measure that does not set its own.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpcDefaults {
    #[serde(default)]
    pub rules: Rules,
    /// Limits from fewer points than this are shown as trial limits.
    #[serde(default = "default_min_points")]
    pub min_points: usize,
}

impl Default for SpcDefaults {
    fn default() -> Self {
        SpcDefaults {
            rules: Rules::default(),
            min_points: default_min_points(),
        }
    }
}

fn default_min_points() -> usize {
    12
}

/// How stories are listed.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoriesConfig {
    /// Stories on each page of the index and of each tag's list.
    #[serde(default = "default_per_page")]
    pub per_page: usize,
}

impl Default for StoriesConfig {
    fn default() -> Self {
        StoriesConfig {
            per_page: default_per_page(),
        }
    }
}

fn default_per_page() -> usize {
    10
}

/// Whether `build` draws a PNG of every chart (for newsletters and slides) beside its SVG.
/// Drawing one costs about 10 ms of CPU, far more than the rest of a chart, so `auto`
/// draws them only for portfolios of up to [`PngExport::AUTO_LIMIT`] charts.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PngExport {
    /// PNGs when the site has at most [`PngExport::AUTO_LIMIT`] charts.
    #[default]
    Auto,
    Always,
    Never,
}

impl PngExport {
    /// The most charts `auto` draws PNGs for: about 20 s of CPU on a first build (later
    /// builds copy unchanged PNGs from the previous output).
    pub const AUTO_LIMIT: usize = 2_000;

    /// Whether a site with `charts` charts gets PNGs.
    pub fn draws(self, charts: usize) -> bool {
        match self {
            PngExport::Auto => charts <= Self::AUTO_LIMIT,
            PngExport::Always => true,
            PngExport::Never => false,
        }
    }
}

impl std::str::FromStr for PngExport {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(PngExport::Auto),
            "always" => Ok(PngExport::Always),
            "never" => Ok(PngExport::Never),
            _ => Err(format!(
                "`{s}` is not a PNG setting; use `auto`, `always` or `never`"
            )),
        }
    }
}

/// How charts are published.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartsConfig {
    #[serde(default)]
    pub png: PngExport,
}

/// The whole of `site.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub description: String,
    /// The public address, used only where absolute URLs are required (feeds).
    /// Pages always link relatively.
    #[serde(default)]
    pub base_url: Option<String>,
    /// `default`, or the name of a folder under the portfolio's `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub taxonomies: Taxonomies,
    #[serde(default)]
    pub spc: SpcDefaults,
    /// Text for the footer, e.g. a contact line.
    #[serde(default)]
    pub footer: Option<String>,
    #[serde(default)]
    pub stories: StoriesConfig,
    #[serde(default)]
    pub charts: ChartsConfig,
    /// Asks search engines to keep out (an intranet): robots.txt disallows everything
    /// and every page carries `<meta name="robots" content="noindex">`.
    #[serde(default)]
    pub noindex: bool,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Quality improvement portfolio".to_owned(),
            organisation: String::new(),
            description: String::new(),
            base_url: None,
            theme: default_theme(),
            taxonomies: Taxonomies::default(),
            spc: SpcDefaults::default(),
            footer: None,
            stories: StoriesConfig::default(),
            charts: ChartsConfig::default(),
            noindex: false,
        }
    }
}

fn default_theme() -> String {
    "default".to_owned()
}

impl SiteConfig {
    pub fn priority(&self, slug: &str) -> Option<&TaxonomyTerm> {
        self.taxonomies
            .priorities
            .iter()
            .find(|t| t.slug.value == slug)
    }

    pub fn directorate(&self, slug: &str) -> Option<&TaxonomyTerm> {
        self.taxonomies
            .directorates
            .iter()
            .find(|t| t.slug.value == slug)
    }

    pub fn method(&self, slug: &str) -> Option<&TaxonomyTerm> {
        self.taxonomies
            .methods
            .iter()
            .find(|t| t.slug.value == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::PngExport;

    #[test]
    fn png_auto_draws_up_to_its_limit() {
        assert!(PngExport::Auto.draws(0));
        assert!(PngExport::Auto.draws(PngExport::AUTO_LIMIT));
        assert!(!PngExport::Auto.draws(PngExport::AUTO_LIMIT + 1));
        assert!(PngExport::Always.draws(1_000_000));
        assert!(!PngExport::Never.draws(1));
        assert_eq!("never".parse(), Ok(PngExport::Never));
        assert!("Never".parse::<PngExport>().is_err());
    }
}
