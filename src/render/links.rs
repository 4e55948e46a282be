//! Links between content files: which output path each content file becomes, and how
//! a link written in Markdown (`../other-project/index.md`, `files/poster.pdf`) is
//! resolved to it. Pure: built from the Portfolio, no I/O.
//!
//! SKELETON: the contract other render modules use. Helper M replaces the bodies.

use std::collections::BTreeMap;

use crate::content::model::Portfolio;

/// What a link in a content file points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Left as written: `https:`, `mailto:`, `tel:` and other schemes.
    External(String),
    /// Output path of a page or file of this site, with any `#fragment` kept.
    Internal(String),
    /// A link into this site that leads nowhere; the text says why.
    Broken(String),
}

/// Content path (relative to the portfolio root, `/` separators) → output path.
#[derive(Clone, Debug, Default)]
pub struct LinkMap {
    targets: BTreeMap<String, String>,
}

impl LinkMap {
    /// Every page source and every copied-through file of the portfolio.
    pub fn new(_portfolio: &Portfolio) -> LinkMap {
        LinkMap::default()
    }

    /// The output path for the content path `rel`, if it becomes part of the site.
    pub fn output_path(&self, rel: &str) -> Option<&str> {
        self.targets.get(rel).map(String::as_str)
    }

    /// Resolves `href` written in the content file `from_rel`.
    pub fn resolve(&self, _from_rel: &str, href: &str) -> Target {
        Target::External(href.to_owned())
    }
}
