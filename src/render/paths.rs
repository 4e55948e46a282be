//! Where each page and file of the site is written, as output paths relative to the
//! site root with `/` separators, and how one page links to another.
//!
//! Every page is a folder with an `index.html`, except a PDSA cycle's, and every link
//! names the file itself (`../people/ana/index.html`, never `../people/ana/`), so the
//! site works under any sub-path and when opened from `file://`, where a link to a
//! folder shows a listing. A PDSA cycle is a file in its project's `pdsa/` folder
//! (`projects/a/pdsa/01-x.html`, as its source is `pdsa/01-x.md`): a portfolio has
//! five times as many cycles as projects, and a folder each cost more than a second
//! of system time at 5,000 projects (on ext4 each new folder takes a block).
//! Pure: no I/O. Depends on nothing of ours.

/// The home page.
pub const HOME: &str = "index.html";
/// The page a web server shows for an unknown address.
pub const NOT_FOUND: &str = "404.html";

/// The sitemap for search engines (written only when the site's address is known).
pub const SITEMAP: &str = "sitemap.xml";
/// Crawler rules: everything allowed, or nothing when `noindex` is set.
pub const ROBOTS: &str = "robots.txt";
/// One row per project with its latest progress, variation and assurance.
pub const PORTFOLIO_JSON: &str = "portfolio.json";
/// The same rows as [`PORTFOLIO_JSON`], for spreadsheets.
pub const PORTFOLIO_CSV: &str = "portfolio.csv";
/// One row per measure across the portfolio.
pub const MEASURES_CSV: &str = "measures.csv";

/// An Atom feed, e.g. `feed("stories")` → `feeds/stories.xml`.
pub fn feed(name: &str) -> String {
    format!("feeds/{name}.xml")
}

/// A part of a sitemap too large for one file, numbered from 1.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemaps/sitemap-{n}.xml")
}

/// The absolute URL of an output path on a site whose address is `base_url`, e.g.
/// `https://qi.example/` and `projects/a/index.html` give
/// `https://qi.example/projects/a/index.html`. The base may lack its final `/`.
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{}/{}", base_url.trim_end_matches('/'), path)
}

/// Checks a site address (`base_url`) and gives it with a final `/`: it must be an
/// absolute `http` or `https` URL with a host and no spaces, query or fragment. The
/// error is a sentence for a diagnostic.
pub fn site_address(base_url: &str) -> Result<String, String> {
    let url = base_url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split('/').next().unwrap_or(""));
    let ok = host.is_some_and(|h| !h.is_empty())
        && !url.contains(|c: char| c.is_whitespace() || c == '?' || c == '#');
    if ok {
        Ok(format!("{}/", url.trim_end_matches('/')))
    } else {
        Err(format!(
            "`base_url` `{url}` is not an absolute web address: write it like \
             `https://qi.example.nhs.uk/` (feeds link relatively and sitemap.xml is not \
             written until it is)"
        ))
    }
}

/// The taxonomies projects are browsed by, as `(URL folder, singular label, plural label)`.
pub const FACETS: [(&str, &str, &str); 5] = [
    ("status", "Status", "Statuses"),
    ("priorities", "Strategic priority", "Strategic priorities"),
    ("directorates", "Directorate", "Directorates"),
    ("methods", "Method", "Methods"),
    ("tags", "Tag", "Tags"),
];

/// `section/index.html`: the index of a section, e.g. `projects`, `people`, `status`.
pub fn section(section: &str) -> String {
    format!("{section}/index.html")
}

pub fn project(slug: &str) -> String {
    format!("projects/{slug}/index.html")
}

/// A PDSA cycle; `pdsa_slug` is its file name without `.md`.
pub fn pdsa(project: &str, pdsa_slug: &str) -> String {
    format!("projects/{project}/pdsa/{pdsa_slug}.html")
}

/// A file under a project's `files/` folder, copied through.
pub fn project_file(project: &str, file: &str) -> String {
    format!("projects/{project}/files/{file}")
}

/// A measure's chart or data download: `ext` is `svg`, `png` or `csv`.
pub fn measure_file(project: &str, measure: &str, ext: &str) -> String {
    format!("projects/{project}/measures/{measure}.{ext}")
}

pub fn programme(slug: &str) -> String {
    format!("programmes/{slug}/index.html")
}

/// A programme's combined chart or data download for a shared measure: `ext` is
/// `svg`, `png` or `csv`.
pub fn programme_measure_file(programme: &str, measure: &str, ext: &str) -> String {
    format!("programmes/{programme}/measures/{measure}.{ext}")
}

/// A member's panel in a programme's small multiple of a shared measure (an SVG).
pub fn programme_panel(programme: &str, measure: &str, project: &str) -> String {
    format!("programmes/{programme}/measures/{measure}/{project}.svg")
}

/// A file beside a programme's index.md, copied through.
pub fn programme_file(programme: &str, file: &str) -> String {
    format!("programmes/{programme}/{file}")
}

pub fn person(slug: &str) -> String {
    format!("people/{slug}/index.html")
}

/// A story; `slug` is its file name without the date and `.md`.
pub fn story(slug: &str) -> String {
    format!("stories/{slug}/index.html")
}

/// Page `n` (1-based) of the stories index: `stories/index.html`, then
/// `stories/page/2/index.html`, …
pub fn stories_page(n: usize) -> String {
    if n <= 1 {
        section("stories")
    } else {
        format!("stories/page/{n}/index.html")
    }
}

/// The list of every story tag.
pub const STORY_TAGS: &str = "stories/tags/index.html";

/// Page `n` (1-based) of the stories with a tag (`tag` is the tag's slug).
pub fn story_tag(tag: &str, n: usize) -> String {
    if n <= 1 {
        format!("stories/tags/{tag}/index.html")
    } else {
        format!("stories/tags/{tag}/page/{n}/index.html")
    }
}

/// A file kept in `stories/` beside the stories (an image), copied through.
pub fn story_file(file: &str) -> String {
    format!("stories/files/{file}")
}

pub fn showcase(slug: &str) -> String {
    format!("showcases/{slug}/index.html")
}

/// The celebration wall: every entry of every showcase.
pub const SHOWCASE_WALL: &str = "showcases/wall/index.html";

/// A file beside a showcase's index.md (a poster), copied through.
pub fn showcase_file(showcase: &str, file: &str) -> String {
    format!("showcases/{showcase}/{file}")
}

/// A free page from `pages/<slug>.md`.
pub fn page(slug: &str) -> String {
    format!("{slug}/index.html")
}

/// The page of one term of a facet, e.g. `facet_term("status", "active")`.
pub fn facet_term(facet: &str, term: &str) -> String {
    format!("{facet}/{term}/index.html")
}

/// A theme or override static file, e.g. `static/style.css`.
pub fn static_file(file: &str) -> String {
    format!("static/{file}")
}

/// The relative URL from the page written at `from` to the output path `to`, e.g.
/// from `projects/a/index.html` to `people/b/index.html` gives
/// `../../people/b/index.html`. A `#fragment` on `to` is kept.
pub fn relative(from: &str, to: &str) -> String {
    let (to_path, fragment) = match to.find('#') {
        Some(i) => (&to[..i], &to[i..]),
        None => (to, ""),
    };
    if to_path.is_empty() {
        return fragment.to_owned();
    }
    // Every page links many times: count the shared folders without collecting.
    let from_dir = from.rfind('/').map_or("", |i| &from[..=i]);
    let to_dir = to_path.rfind('/').map_or("", |i| &to_path[..=i]);
    let mut common = 0;
    let mut shared_bytes = 0;
    for (a, b) in from_dir
        .split_inclusive('/')
        .zip(to_dir.split_inclusive('/'))
    {
        if a != b {
            break;
        }
        common += 1;
        shared_bytes += a.len();
    }
    let ups = from_dir.matches('/').count() - common;
    let rest = &to_path[shared_bytes..];
    let mut url = String::with_capacity(3 * ups + rest.len() + fragment.len());
    for _ in 0..ups {
        url.push_str("../");
    }
    url.push_str(rest);
    url.push_str(fragment);
    url
}

/// The prefix that leads from the page at `from` back to the site root: `""` for
/// `index.html`, `"../../"` for `projects/a/index.html`.
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        let cases = [
            (
                "index.html",
                "projects/a/index.html",
                "projects/a/index.html",
            ),
            (
                "projects/a/index.html",
                "people/b/index.html",
                "../../people/b/index.html",
            ),
            (
                "projects/a/index.html",
                "projects/b/index.html",
                "../b/index.html",
            ),
            (
                "projects/a/index.html",
                "projects/a/files/x.pdf",
                "files/x.pdf",
            ),
            (
                "projects/a/pdsa/01-x.html",
                "projects/a/index.html",
                "../index.html",
            ),
            ("projects/a/index.html", "index.html", "../../index.html"),
            (
                "projects/a/index.html",
                "projects/a/index.html#aim",
                "index.html#aim",
            ),
            ("404.html", "static/style.css", "static/style.css"),
            ("about/index.html", "#main", "#main"),
        ];
        for (from, to, want) in cases {
            assert_eq!(relative(from, to), want, "{from} → {to}");
        }
    }

    #[test]
    fn absolute_urls() {
        assert_eq!(
            absolute("https://qi.example/", "projects/a/index.html"),
            "https://qi.example/projects/a/index.html"
        );
        assert_eq!(
            absolute("https://intranet.example/qi", "index.html"),
            "https://intranet.example/qi/index.html"
        );
    }

    #[test]
    fn site_addresses_are_checked() {
        assert_eq!(
            site_address("https://qi.example").unwrap(),
            "https://qi.example/"
        );
        assert_eq!(
            site_address(" http://intranet/qi/ ").unwrap(),
            "http://intranet/qi/"
        );
        for bad in [
            "qi.example",
            "/qi/",
            "https://",
            "https:///x",
            "ftp://qi.example",
            "https://qi.example/?a=1",
            "https://qi example",
        ] {
            assert!(site_address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("projects/a/index.html"), "../../");
        assert_eq!(root_prefix("status/active/index.html"), "../../");
    }
}
