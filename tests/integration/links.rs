//! A link checker for a built site, and the check that every internal link of the
//! built content-example resolves.
//!
//! It reads every `href`, `src`, `srcset`, `action` and `xlink:href` in the HTML pages
//! and SVG files, every link in the Atom feeds and every `<loc>` in the sitemaps, and
//! `url(…)` in stylesheets. A link must lead to a file of the output (never a folder,
//! never outside the site, never from the root `/`), and its `#fragment` to an `id` on
//! the target page. Links to the site's own address (`base_url`, as in feeds and
//! sitemaps) are checked as internal links; other addresses are not followed, but a
//! page that *loads* something from elsewhere (`src`) is reported, since the site must
//! work offline.
//!
//! The scanner is a small hand-written tokeniser: it skips comments, doctypes and the
//! text of `<script>` and `<style>` elements, reads quoted and unquoted attribute
//! values, and decodes character references, which is all our own output needs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::common::{qisite, snapshot};

/// What a check found: how many links it followed, and the broken ones.
#[derive(Debug, Default)]
pub struct Report {
    pub checked: usize,
    pub problems: Vec<String>,
}

/// One start tag: its lower-case name and its attributes (names lower-cased, values
/// decoded).
#[derive(Debug, PartialEq)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// Decodes the character references of an attribute value or text.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest[1..].find(';').map(|e| e + 1).filter(|e| *e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every start tag of an HTML or XML document, in order.
fn tags(doc: &str) -> Vec<Tag> {
    let bytes = doc.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    let skip_to = |from: usize, end: &str| -> usize {
        doc[from..]
            .find(end)
            .map_or(doc.len(), |j| from + j + end.len())
    };
    while let Some(j) = doc[i..].find('<') {
        i += j;
        let rest = &doc[i..];
        if rest.starts_with("<!--") {
            i = skip_to(i + 4, "-->");
            continue;
        }
        if rest.starts_with("<![CDATA[") {
            i = skip_to(i + 9, "]]>");
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = skip_to(i + 1, ">");
            continue;
        }
        // The tag name.
        let mut k = i + 1;
        while k < bytes.len() && (bytes[k].is_ascii_alphanumeric() || b":-_".contains(&bytes[k])) {
            k += 1;
        }
        if k == i + 1 {
            i += 1;
            continue;
        }
        let name = doc[i + 1..k].to_ascii_lowercase();
        let mut attrs = Vec::new();
        // Attributes, up to `>`.
        loop {
            while k < bytes.len() && (bytes[k].is_ascii_whitespace() || bytes[k] == b'/') {
                k += 1;
            }
            if k >= bytes.len() || bytes[k] == b'>' {
                k += 1;
                break;
            }
            let start = k;
            while k < bytes.len() && !b" \t\r\n=>/".contains(&bytes[k]) {
                k += 1;
            }
            let attr = doc[start..k].to_ascii_lowercase();
            while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                k += 1;
            }
            let mut value = String::new();
            if k < bytes.len() && bytes[k] == b'=' {
                k += 1;
                while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                    k += 1;
                }
                if k < bytes.len() && (bytes[k] == b'"' || bytes[k] == b'\'') {
                    let quote = bytes[k] as char;
                    let end = doc[k + 1..].find(quote).map_or(doc.len(), |e| k + 1 + e);
                    value = decode(&doc[k + 1..end]);
                    k = end + 1;
                } else {
                    let start = k;
                    while k < bytes.len() && !bytes[k].is_ascii_whitespace() && bytes[k] != b'>' {
                        k += 1;
                    }
                    value = decode(&doc[start..k]);
                }
            }
            attrs.push((attr, value));
        }
        i = k.min(doc.len());
        // The text of a script or style element is not markup.
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = doc[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(doc.len(), |j| i + j);
        }
        found.push(Tag { name, attrs });
    }
    found
}

/// The `id` (and `name` on anchors) values of a page, which a `#fragment` may name.
fn ids(doc: &str) -> BTreeSet<String> {
    tags(doc)
        .into_iter()
        .flat_map(|t| {
            let is_anchor = t.name == "a";
            t.attrs
                .into_iter()
                .filter(move |(k, _)| k == "id" || (is_anchor && k == "name"))
                .map(|(_, v)| v)
        })
        .collect()
}

/// Decodes `%XX` escapes (file names with spaces and the like).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |k: usize| bytes.get(k).and_then(|b| (*b as char).to_digit(16));
        if let (b'%', Some(hi), Some(lo)) = (bytes[i], hex(i + 1), hex(i + 2)) {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether a URL names a scheme (`https:`, `mailto:`, `data:`).
fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
}

/// A link found in a file: the URL and whether it loads something (`src`) rather than
/// leading somewhere.
struct Found {
    url: String,
    loads: bool,
}

/// The links of one output file, by its kind.
fn links_of(path: &str, text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    if path.ends_with(".html") || path.ends_with(".svg") || path.ends_with(".xml") {
        for tag in tags(text) {
            let stylesheet = tag
                .attrs
                .iter()
                .any(|(k, v)| k == "rel" && v.split_whitespace().any(|r| r == "stylesheet"));
            for (attr, value) in &tag.attrs {
                match attr.as_str() {
                    "href" | "xlink:href" => out.push(Found {
                        url: value.clone(),
                        loads: stylesheet,
                    }),
                    "src" | "poster" | "data" => out.push(Found {
                        url: value.clone(),
                        loads: true,
                    }),
                    "action" => out.push(Found {
                        url: value.clone(),
                        loads: false,
                    }),
                    "srcset" => out.extend(value.split(',').filter_map(|candidate| {
                        let url = candidate.split_whitespace().next()?;
                        Some(Found {
                            url: url.to_owned(),
                            loads: true,
                        })
                    })),
                    _ => {}
                }
            }
        }
        // Sitemaps name their pages as text.
        let mut rest = if path.ends_with(".xml") { text } else { "" };
        while let Some(i) = rest.find("<loc>") {
            rest = &rest[i + 5..];
            let end = rest.find("</loc>").unwrap_or(rest.len());
            out.push(Found {
                url: decode(rest[..end].trim()),
                loads: false,
            });
            rest = &rest[end..];
        }
    } else if path.ends_with(".css") {
        let mut rest = text;
        while let Some(i) = rest.find("url(") {
            rest = &rest[i + 4..];
            let end = rest.find(')').unwrap_or(rest.len());
            let url = rest[..end].trim().trim_matches(|c| c == '"' || c == '\'');
            out.push(Found {
                url: url.to_owned(),
                loads: true,
            });
            rest = &rest[end..];
        }
    }
    out
}

/// Checks every link of the site in `out`. `base_url` is the site's own address, if it
/// has one: links to it are internal.
pub fn check(out: &Path, base_url: Option<&str>) -> Report {
    let files = snapshot(out);
    let folders: BTreeSet<String> = files
        .keys()
        .flat_map(|k| {
            let parts: Vec<&str> = k.split('/').collect();
            (1..parts.len())
                .map(|n| parts[..n].join("/"))
                .collect::<Vec<_>>()
        })
        .collect();
    let base = base_url.map(|b| format!("{}/", b.trim_end_matches('/')));
    let mut id_cache: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut report = Report::default();
    for (path, bytes) in &files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        for Found { url, loads } in links_of(path, text) {
            report.checked += 1;
            let problem = |what: &str| format!("{path}: `{url}` {what}");
            let trimmed = url.trim();
            let local = match &base {
                Some(b) if trimmed.starts_with(b.as_str()) => {
                    // An absolute link to the site itself, as from a feed or sitemap.
                    Some(format!("/{}", &trimmed[b.len()..]))
                }
                _ => None,
            };
            let (url_path, from_root) = match &local {
                Some(l) => (l.as_str(), true),
                None => (trimmed, false),
            };
            if url_path.is_empty() {
                report.problems.push(problem("is empty"));
                continue;
            }
            if url_path.starts_with("//") || has_scheme(url_path) {
                let web = url_path.starts_with("//")
                    || url_path.starts_with("http:")
                    || url_path.starts_with("https:");
                if loads && web {
                    report
                        .problems
                        .push(problem("loads a file from the internet"));
                }
                continue;
            }
            if url_path.starts_with('/') && !from_root {
                report.problems.push(problem(
                    "starts at the server root, so it breaks under a sub-path",
                ));
                continue;
            }
            let (no_fragment, fragment) = match url_path.split_once('#') {
                Some((p, f)) => (p, Some(percent_decode(f))),
                None => (url_path, None),
            };
            let file_part = no_fragment.split('?').next().unwrap_or("");
            let target = if file_part.is_empty() {
                path.clone()
            } else {
                let mut parts: Vec<String> = if from_root {
                    Vec::new()
                } else {
                    path.split('/').map(str::to_owned).collect()
                };
                if !from_root {
                    parts.pop();
                }
                let mut escaped = false;
                for seg in file_part.trim_start_matches('/').split('/') {
                    match seg {
                        "" | "." => {}
                        ".." => escaped |= parts.pop().is_none(),
                        s => parts.push(percent_decode(s)),
                    }
                }
                if escaped {
                    report.problems.push(problem("leads outside the site"));
                    continue;
                }
                if file_part.ends_with('/') || folders.contains(&parts.join("/")) {
                    report.problems.push(problem(
                        "links to a folder, which shows a listing (or nothing) from file://",
                    ));
                    continue;
                }
                parts.join("/")
            };
            if !files.contains_key(&target) {
                report
                    .problems
                    .push(problem(&format!("→ `{target}` does not exist")));
                continue;
            }
            let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
                continue;
            };
            let ids = id_cache.entry(target.clone()).or_insert_with(|| {
                std::str::from_utf8(&files[&target])
                    .map(ids)
                    .unwrap_or_default()
            });
            if !ids.contains(&fragment) {
                report
                    .problems
                    .push(problem(&format!("→ no id `{fragment}` on `{target}`")));
            }
        }
    }
    report
}

#[test]
fn the_scanner_reads_attributes_as_a_browser_would() {
    let doc = "<!DOCTYPE html><!-- <a href=\"comment.html\"> --><A HREF='x.html?a=1&amp;b=2#top' class=c>\
               <img src=pic.png alt=\"a > b\"><script>var s = '<a href=\"no.html\">';</script>\
               <p id=\"&#x61;b\">";
    let found = tags(doc);
    assert_eq!(
        found,
        [
            Tag {
                name: "a".into(),
                attrs: vec![
                    ("href".into(), "x.html?a=1&b=2#top".into()),
                    ("class".into(), "c".into())
                ]
            },
            Tag {
                name: "img".into(),
                attrs: vec![
                    ("src".into(), "pic.png".into()),
                    ("alt".into(), "a > b".into())
                ]
            },
            Tag {
                name: "script".into(),
                attrs: vec![]
            },
            Tag {
                name: "p".into(),
                attrs: vec![("id".into(), "ab".into())]
            },
        ]
    );
    assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
    assert!(has_scheme("mailto:a@b") && !has_scheme("a/b:c") && !has_scheme("x.html"));
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The checker fails on each kind of broken link, and only on those.
#[test]
fn the_checker_reports_each_kind_of_broken_link() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "index.html",
        "<a href=\"a/index.html#here\">ok</a>\
         <a href=\"a/index.html#gone\">missing id</a>\
         <a href=\"b/index.html\">missing page</a>\
         <a href=\"a/\">folder</a>\
         <a href=\"a\">folder without slash</a>\
         <a href=\"../up.html\">outside</a>\
         <a href=\"/a/index.html\">root</a>\
         <a href=\"#top\">own id</a><h1 id=\"top\">T</h1>\
         <a href=\"a/my%20file.txt\">escaped</a>\
         <a href=\"https://example.org/\">external</a>\
         <img src=\"https://example.org/x.png\" alt=\"\">\
         <a href=\"\">empty</a>\
         <script>document.write('<a href=\"nowhere.html\">')</script>",
    );
    write(
        root,
        "a/index.html",
        "<h1 id=\"here\">A</h1><a href=\"../index.html#top\">back</a>",
    );
    write(root, "a/my file.txt", "x");
    write(
        root,
        "feeds/f.xml",
        "<feed><link href=\"https://qi.example/a/index.html\"/>\
         <link href=\"https://qi.example/c/index.html\"/></feed>",
    );
    write(
        root,
        "sitemap.xml",
        "<urlset><url><loc>https://qi.example/index.html</loc></url>\
         <url><loc>https://qi.example/d/index.html</loc></url></urlset>",
    );
    let report = check(root, Some("https://qi.example"));
    let want = [
        "feeds/f.xml: `https://qi.example/c/index.html` → `c/index.html` does not exist",
        "index.html: `a/index.html#gone` → no id `gone` on `a/index.html`",
        "index.html: `b/index.html` → `b/index.html` does not exist",
        "index.html: `a/` links to a folder, which shows a listing (or nothing) from file://",
        "index.html: `a` links to a folder, which shows a listing (or nothing) from file://",
        "index.html: `../up.html` leads outside the site",
        "index.html: `/a/index.html` starts at the server root, so it breaks under a sub-path",
        "index.html: `https://example.org/x.png` loads a file from the internet",
        "index.html: `` is empty",
        "sitemap.xml: `https://qi.example/d/index.html` → `d/index.html` does not exist",
    ];
    assert_eq!(report.problems, want);
    assert_eq!(report.checked, 17);
}

/// Builds content-example with the binary into a temporary folder.
pub fn build_example() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
    let out = tmp.path().join("site");
    let (code, _, err) = qisite(
        &[
            "build",
            example.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ],
        tmp.path(),
    );
    assert_eq!(code, 0, "content-example does not build:\n{err}");
    tmp
}

#[test]
fn every_internal_link_of_content_example_resolves() {
    let tmp = build_example();
    let out = tmp.path().join("site");
    let site_yaml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example/site.yaml"),
    )
    .unwrap();
    let base_url = site_yaml
        .lines()
        .find_map(|l| l.strip_prefix("base_url:"))
        .map(str::trim)
        .expect("content-example sets base_url");
    // The example has an address, so its feeds and sitemap link absolutely.
    assert!(out.join("sitemap.xml").is_file());
    let started = std::time::Instant::now();
    let report = check(&out, Some(base_url));
    eprintln!(
        "checked {} links in {:?}",
        report.checked,
        started.elapsed()
    );
    assert!(
        report.problems.is_empty(),
        "{} broken links:\n{}",
        report.problems.len(),
        report.problems.join("\n")
    );
    assert!(
        report.checked > 5_000,
        "only {} links checked: is the scanner finding them?",
        report.checked
    );
}
