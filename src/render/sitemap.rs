//! `sitemap.xml` (sitemaps.org protocol 0.9) and `robots.txt`.
//!
//! A sitemap lists absolute URLs, so it is written only when the site's address is
//! known, and not at all when the portfolio asks search engines to keep out
//! (`noindex`). Past 50,000 pages (the protocol's limit per file) `sitemap.xml` becomes
//! a sitemap index of `sitemaps/sitemap-N.xml` files. `lastmod` comes from content
//! dates (never the clock), and only for pages that have them: projects, PDSA cycles and
//! stories; dates after the build date (planned ends) are left out.
//!
//! Pure: no I/O. Uses the content model and [`paths`].

use std::collections::BTreeMap;

use super::feeds::xml_escape;
use super::paths;
use crate::content::date::Date;
use crate::content::model::{Portfolio, Project};

/// The most URLs one sitemap file may list (sitemaps.org).
pub const MAX_URLS: usize = 50_000;

const XMLNS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The latest content date on or before `today` of each page that has one.
pub fn lastmod(p: &Portfolio, today: Date) -> BTreeMap<String, Date> {
    let mut out = BTreeMap::new();
    let mut put = |path: String, dates: &mut dyn Iterator<Item = Date>| {
        if let Some(d) = dates.filter(|d| *d <= today).max() {
            out.insert(path, d);
        }
    };
    for project in &p.projects {
        put(paths::project(&project.slug), &mut project_dates(project));
        for c in &project.pdsa {
            put(
                paths::pdsa(&project.slug, &c.slug),
                &mut [c.meta.started, c.meta.ended].into_iter().flatten(),
            );
        }
    }
    for s in &p.stories {
        put(paths::story(&s.slug), &mut std::iter::once(s.date));
    }
    out
}

/// Every date a project page shows something new at: its own dates, its progress
/// updates, its PDSA cycles and the last row of each measure.
fn project_dates(project: &Project) -> impl Iterator<Item = Date> + '_ {
    let meta = &project.meta;
    [meta.started, meta.ended, meta.updated]
        .into_iter()
        .flatten()
        .chain(meta.progress_history.iter().map(|u| u.date))
        .chain(
            project
                .pdsa
                .iter()
                .flat_map(|c| [c.meta.started, c.meta.ended].into_iter().flatten()),
        )
        .chain(
            project
                .measures
                .iter()
                .filter_map(|m| m.data.last().map(|o| o.date)),
        )
}

/// The sitemap files for `pages` (output paths, in order) on the site at `base_url`:
/// `(path, XML)` pairs. One `sitemap.xml` up to `max_urls` pages; beyond that a sitemap
/// index and numbered parts.
pub fn sitemaps(
    pages: &[String],
    lastmod: &BTreeMap<String, Date>,
    base_url: &str,
    max_urls: usize,
) -> Vec<(String, String)> {
    let urlset = |pages: &[String]| -> String {
        let mut out =
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{XMLNS}\">\n");
        for page in pages {
            out.push_str(&format!(
                "  <url><loc>{}</loc>",
                xml_escape(&paths::absolute(base_url, page))
            ));
            if let Some(d) = lastmod.get(page) {
                out.push_str(&format!("<lastmod>{}</lastmod>", d.iso()));
            }
            out.push_str("</url>\n");
        }
        out.push_str("</urlset>\n");
        out
    };
    let max_urls = max_urls.max(1);
    if pages.len() <= max_urls {
        return vec![(paths::SITEMAP.to_owned(), urlset(pages))];
    }
    let mut files = Vec::new();
    let mut index =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{XMLNS}\">\n");
    for (i, chunk) in pages.chunks(max_urls).enumerate() {
        let path = paths::sitemap_part(i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            xml_escape(&paths::absolute(base_url, &path))
        ));
        files.push((path, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (paths::SITEMAP.to_owned(), index));
    files
}

/// The path part of a site address, for `Disallow:`: `/` for `https://qi.example/`,
/// `/qi/` for `https://intranet.example/qi`.
fn site_path(base_url: Option<&str>) -> String {
    let Some(base) = base_url else {
        return "/".to_owned();
    };
    let after_scheme = base.split_once("://").map_or(base, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => {
            let path = &after_scheme[i..];
            format!("{}/", path.trim_end_matches('/'))
        }
        None => "/".to_owned(),
    }
}

/// `robots.txt`: everything allowed (with the sitemap's address when there is one), or,
/// with `noindex`, the whole site disallowed and no sitemap named.
pub fn robots(base_url: Option<&str>, noindex: bool) -> String {
    let mut out = String::from("# Written by qisite.\nUser-agent: *\n");
    if noindex {
        out.push_str(&format!("Disallow: {}\n", site_path(base_url)));
    } else {
        out.push_str("Disallow:\n");
        if let Some(base) = base_url {
            out.push_str(&format!(
                "\nSitemap: {}\n",
                paths::absolute(base, paths::SITEMAP)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn one_sitemap_lists_absolute_urls_with_content_dates() {
        let pages = vec![
            "index.html".to_owned(),
            "projects/a&b/index.html".to_owned(),
        ];
        let lastmod = BTreeMap::from([("projects/a&b/index.html".to_owned(), date("2026-01-02"))]);
        let files = sitemaps(&pages, &lastmod, "https://qi.example/trust/", MAX_URLS);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert_eq!(
            files[0].1,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
             \x20 <url><loc>https://qi.example/trust/index.html</loc></url>\n\
             \x20 <url><loc>https://qi.example/trust/projects/a&amp;b/index.html</loc>\
             <lastmod>2026-01-02</lastmod></url>\n\
             </urlset>\n"
        );
    }

    #[test]
    fn a_large_site_gets_a_sitemap_index() {
        let pages: Vec<String> = (0..5).map(|i| format!("p{i}/index.html")).collect();
        let files = sitemaps(&pages, &BTreeMap::new(), "https://qi.example", 2);
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemaps/sitemap-1.xml",
                "sitemaps/sitemap-2.xml",
                "sitemaps/sitemap-3.xml"
            ]
        );
        assert!(files[0].1.contains("<sitemapindex"));
        assert!(files[0]
            .1
            .contains("<loc>https://qi.example/sitemaps/sitemap-3.xml</loc>"));
        assert_eq!(files[3].1.matches("<url>").count(), 1);
        assert!(files[3]
            .1
            .contains("<loc>https://qi.example/p4/index.html</loc>"));
    }

    #[test]
    fn robots_allow_everything_or_nothing() {
        assert_eq!(
            robots(Some("https://qi.example/"), false),
            "# Written by qisite.\nUser-agent: *\nDisallow:\n\nSitemap: https://qi.example/sitemap.xml\n"
        );
        assert_eq!(
            robots(None, false),
            "# Written by qisite.\nUser-agent: *\nDisallow:\n"
        );
        assert_eq!(
            robots(Some("https://intranet.example/qi"), true),
            "# Written by qisite.\nUser-agent: *\nDisallow: /qi/\n"
        );
        assert_eq!(
            robots(None, true),
            "# Written by qisite.\nUser-agent: *\nDisallow: /\n"
        );
    }

    #[test]
    fn lastmod_takes_the_latest_content_date_up_to_today() {
        let p = crate::render::feeds::tests::portfolio(&[
            ("site.yaml", "title: T\n"),
            (
                "projects/a/index.md",
                "---\ntitle: A\nstatus: active\nstarted: 2025-01-06\nended: 2030-01-01\n\
                 progress_history:\n  - date: 2025-09-01\n    score: 2.0\n---\n",
            ),
            (
                "projects/a/pdsa/01-x.md",
                "---\ntitle: X\nprediction: p\nstarted: 2025-10-01\n---\n",
            ),
            (
                "projects/b/index.md",
                "---\ntitle: B\nstatus: proposed\n---\n",
            ),
            ("stories/2026-02-03-s.md", "---\ntitle: S\n---\n"),
        ]);
        let got = lastmod(&p, date("2026-06-01"));
        let want = BTreeMap::from([
            ("projects/a/index.html".to_owned(), date("2025-10-01")),
            ("projects/a/pdsa/01-x.html".to_owned(), date("2025-10-01")),
            ("stories/s/index.html".to_owned(), date("2026-02-03")),
        ]);
        assert_eq!(got, want);
    }
}
