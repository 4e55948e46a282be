//! Answers one HTTP request from the in-memory site: [`route`] maps a method and a URL
//! to a [`Reply`] without touching a socket, so every rule here is unit-tested.
//!
//! Safety: a URL is percent-decoded once and then refused (400) if it holds a NUL
//! byte, a backslash or a `.`/`..` segment, whatever the encoding (`%2e%2e`, `%2f`,
//! `%5c`, `%00`). What is left is only ever looked up as a key of the rendered site,
//! never joined to a folder on disk, so no URL can read outside the site. Only GET and
//! HEAD are answered (405 otherwise).

use std::sync::Arc;
use std::time::Duration;

use super::site::{Live, Snapshot};
use crate::output::OutputFile;

/// The address browsers poll to learn that the site changed.
pub const WAIT_PATH: &str = "/__qisite/wait";

/// How long a browser's wait is held open before it is answered anyway.
const WAIT_TIMEOUT: Duration = Duration::from_secs(25);

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

#[derive(Debug)]
pub enum Body {
    Bytes(Vec<u8>),
    Shared(Arc<Vec<u8>>),
    /// A content file copied through (a poster, an attachment), read when asked for.
    File(std::path::PathBuf),
}

impl Reply {
    fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
            body: Body::Bytes(text.as_bytes().to_vec()),
        }
    }
}

/// Answers `method url` from the current site.
pub fn route(live: &Live, method: &str, url: &str) -> Reply {
    if method != "GET" && method != "HEAD" {
        let mut reply = Reply::text(
            405,
            "405 Method Not Allowed: qisite serve answers GET and HEAD only\n",
        );
        reply.headers.push(("Allow", "GET, HEAD".to_owned()));
        return reply;
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path == WAIT_PATH {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("v="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let version = live.wait_for_change(since, WAIT_TIMEOUT);
        let mut reply = Reply::text(200, &version.to_string());
        reply.headers.push(("Cache-Control", "no-store".to_owned()));
        return reply;
    }
    let Some(key) = site_key(path) else {
        return Reply::text(400, "400 Bad Request: that address is not allowed\n");
    };
    let snap = live.current();
    if let Some(reply) = lookup(live, &snap, &key) {
        return reply;
    }
    // A folder asked for without its slash: send the browser to it, so that the
    // page's relative links resolve.
    if !key.is_empty()
        && !path.ends_with('/')
        && snap.output.contains_key(&format!("{key}/index.html"))
    {
        let mut reply = Reply::text(301, "301 Moved Permanently\n");
        let location = if query.is_empty() {
            format!("{path}/")
        } else {
            format!("{path}/?{query}")
        };
        reply.headers.push(("Location", location));
        return reply;
    }
    let mut reply =
        lookup(live, &snap, "404.html").unwrap_or_else(|| Reply::text(404, "404 Not Found\n"));
    reply.status = 404;
    reply
}

/// The site path a URL path names (`projects/a/index.html`), or `None` when the URL
/// is not allowed. A path ending in `/` names that folder's `index.html`.
pub fn site_key(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return None,
            s => segments.push(s),
        }
    }
    let mut key = segments.join("/");
    if decoded.ends_with('/') || key.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

/// Decodes `%XX` escapes once; `None` for a malformed escape or bytes that are not
/// UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn lookup(live: &Live, snap: &Snapshot, key: &str) -> Option<Reply> {
    let content_type = content_type(key);
    let body = match snap.output.get(key).map(|f| &**f) {
        Some(OutputFile::Bytes(bytes)) if content_type.starts_with("text/html") => {
            Body::Bytes(inject(bytes, snap))
        }
        Some(OutputFile::Bytes(bytes)) => Body::Bytes(bytes.clone()),
        Some(OutputFile::Copy(from)) => Body::File(from.clone()),
        None => Body::Shared(live.png(snap, key)?),
    };
    Some(Reply {
        status: 200,
        content_type,
        headers: vec![("Cache-Control", "no-cache".to_owned())],
        body,
    })
}

/// The page with the live-reload script, and the error overlay when the latest build
/// failed, put just before `</body>`.
fn inject(html: &[u8], snap: &Snapshot) -> Vec<u8> {
    let mut extra = String::new();
    if !snap.errors.is_empty() {
        extra.push_str(&overlay(&snap.errors));
    }
    extra.push_str(&format!(
        "<script>/* qisite serve: reloads the page when the site changes */\n\
         (function(){{var v={v};function wait(){{fetch('{WAIT_PATH}?v='+v,{{cache:'no-store'}})\
         .then(function(r){{return r.text()}}).then(function(t){{if(+t!==v){{location.reload()}}else{{wait()}}}})\
         .catch(function(){{setTimeout(wait,1000)}})}}wait()}})();</script>\n",
        v = snap.version
    ));
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The overlay listing the latest build's errors over the last good page. Its heading
/// takes the focus when the page loads (every change reloads the page, and an alert that
/// is already there at load is not reliably announced), and a Hide button clears it off
/// whatever it covers.
fn overlay(errors: &[String]) -> String {
    let mut items = String::new();
    for e in errors {
        items.push_str(
            "<li><pre style=\"white-space:pre-wrap;margin:0;font:0.9rem/1.4 monospace\">",
        );
        items.push_str(&crate::render::format::escape(e));
        items.push_str("</pre></li>");
    }
    format!(
        "<div id=\"qisite-overlay\" role=\"alert\" aria-labelledby=\"qisite-overlay-title\" \
         style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;\
         background:#fff;color:#0b0c0c;border-top:6px solid #d4351c;padding:1rem 1.5rem;\
         box-shadow:0 -4px 16px rgba(0,0,0,.3);font:1rem/1.5 sans-serif\">\
         <button type=\"button\" onclick=\"this.parentNode.hidden=true\" \
         style=\"float:right;font:inherit;padding:.25rem .75rem\">Hide</button>\
         <h2 id=\"qisite-overlay-title\" tabindex=\"-1\" style=\"margin:0 0 .5rem;font-size:1.25rem\">\
         The site did not build: {n}</h2>\
         <p style=\"margin:0 0 .5rem\">You are seeing the last version that built. Fix the \
         file and save it: this page reloads by itself.</p>\
         <ol style=\"margin:0;padding-left:1.5rem\">{items}</ol></div>\n\
         <script>/* qisite serve: an alert present at load is not always announced, so \
         the overlay's heading takes the focus */\n\
         document.getElementById('qisite-overlay-title').focus();</script>\n",
        n = if errors.len() == 1 {
            "1 error".to_owned()
        } else {
            format!("{} errors", errors.len())
        }
    )
}

/// The Content-Type for a site path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => {
            if path.starts_with("feeds/") {
                "application/atom+xml"
            } else {
                "application/xml"
            }
        }
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::site::Outcome;

    fn live() -> Live {
        let live = Live::default();
        let mut out = crate::output::OutputSet::default();
        out.insert_bytes("index.html", "<html><body><h1>Home</h1></body></html>");
        out.insert_bytes("projects/a/index.html", "<html><body>A</body></html>");
        out.insert_bytes("404.html", "<html><body>Not here</body></html>");
        out.insert_bytes("static/style.css", "body{}");
        live.publish(Outcome::built(out, Default::default()));
        live
    }

    fn body(reply: &Reply) -> String {
        match &reply.body {
            Body::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            Body::Shared(b) => String::from_utf8_lossy(b).into_owned(),
            Body::File(p) => format!("file {}", p.display()),
        }
    }

    #[test]
    fn pages_folders_and_content_types() {
        let live = live();
        let home = route(&live, "GET", "/");
        assert_eq!(
            (home.status, home.content_type),
            (200, "text/html; charset=utf-8")
        );
        assert!(body(&home).contains("<h1>Home</h1>"));
        assert!(
            body(&home).contains(WAIT_PATH),
            "the live-reload script is injected"
        );
        assert_eq!(route(&live, "GET", "/projects/a/").status, 200);
        assert_eq!(
            route(&live, "GET", "/projects/a/index.html?x=1").status,
            200
        );
        let css = route(&live, "HEAD", "/static/style.css");
        assert_eq!(
            (css.status, css.content_type),
            (200, "text/css; charset=utf-8")
        );
        assert_eq!(body(&css), "body{}", "the CSS is not touched");
        let folder = route(&live, "GET", "/projects/a");
        assert_eq!(folder.status, 301);
        assert_eq!(folder.headers[0], ("Location", "/projects/a/".to_owned()));
        let missing = route(&live, "GET", "/nope/");
        assert_eq!(missing.status, 404);
        assert!(body(&missing).contains("Not here"));
    }

    #[test]
    fn only_get_and_head() {
        let live = live();
        for method in [
            "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT",
        ] {
            let reply = route(&live, method, "/");
            assert_eq!(reply.status, 405, "{method}");
            assert_eq!(reply.headers[0], ("Allow", "GET, HEAD".to_owned()));
        }
    }

    #[test]
    fn traversal_in_any_form_is_refused_or_not_found() {
        let live = live();
        for url in [
            "/../etc/passwd",
            "/projects/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/projects/%2e%2e/%2e%2e/Cargo.toml",
            "/..%2fCargo.toml",
            "/..%5cCargo.toml",
            "/projects\\..\\Cargo.toml",
            "/%5c..%5cCargo.toml",
            "/index.html%00.css",
            "/%00",
            "/./index.html",
            "/%2e/index.html",
            "/%",
            "/%zz",
            "/%c0%ae%c0%ae/etc/passwd",
        ] {
            let reply = route(&live, "GET", url);
            assert_eq!(reply.status, 400, "{url} gave {}", reply.status);
        }
        for url in [
            "//etc/passwd",
            "/etc/passwd",
            "/C:/Windows/win.ini",
            "/%2fetc%2fpasswd",
            "/Cargo.toml",
        ] {
            let reply = route(&live, "GET", url);
            assert_eq!(reply.status, 404, "{url}");
            assert!(body(&reply).contains("Not here"), "{url}");
        }
    }

    #[test]
    fn a_failed_build_keeps_the_last_good_site_under_an_overlay() {
        let live = live();
        live.publish(Outcome::Failed(vec![
            "error: projects/a/index.md:3:11: `progress` must be one of 0.5, 1.0 … 5.0 (found <6>)"
                .into(),
        ]));
        let page = body(&route(&live, "GET", "/projects/a/"));
        assert!(
            page.contains("A</body>") || page.contains(">A<") || page.contains("A<div"),
            "{page}"
        );
        assert!(page.contains("qisite-overlay"));
        assert!(page.contains("The site did not build: 1 error"));
        assert!(page.contains("projects/a/index.md:3:11"));
        assert!(page.contains("tabindex=\"-1\"") && page.contains(".focus()"));
        assert!(page.contains(">Hide</button>"));
        assert!(
            page.contains("(found &lt;6&gt;)"),
            "errors are escaped: {page}"
        );
        let mut fixed = crate::output::OutputSet::default();
        fixed.insert_bytes("index.html", "<html><body>Fixed</body></html>");
        live.publish(Outcome::built(fixed, Default::default()));
        let page = body(&route(&live, "GET", "/"));
        assert!(page.contains("Fixed") && !page.contains("qisite-overlay"));
    }

    #[test]
    fn waiting_browsers_learn_the_new_version() {
        let live = Arc::new(live());
        let v = live.current().version;
        let waiter = {
            let live = live.clone();
            std::thread::spawn(move || body(&route(&live, "GET", &format!("{WAIT_PATH}?v={v}"))))
        };
        std::thread::sleep(Duration::from_millis(50));
        live.publish(Outcome::Failed(vec!["error".into()]));
        assert_eq!(waiter.join().unwrap(), (v + 1).to_string());
        // Asked with an old version, the answer is immediate.
        assert_eq!(
            body(&route(&live, "GET", &format!("{WAIT_PATH}?v=0"))),
            (v + 1).to_string()
        );
    }
}
