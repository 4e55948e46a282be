//! `qisite serve`: the real binary on a free port, driven over plain TCP: pages match
//! the build, hostile paths never escape the site, edits reload, broken content shows
//! an overlay over the last good site, and Ctrl-C exits cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::common::{copy_dir, fixtures, page, qisite, site};

struct Server {
    child: Child,
    port: u16,
    /// Everything the server printed since it listened.
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `qisite serve . --port 0 <extra>` in `dir`, with stderr piped.
fn spawn(dir: &Path, extra: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_qisite"))
        .args(["serve", ".", "--port", "0"])
        .args(extra)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795305600")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn serve(dir: &Path) -> Server {
    let mut child = spawn(dir, &[]);
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port = loop {
        let line = lines
            .next()
            .expect("serve ended before it listened")
            .unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let mut log = sink.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
    Server { child, port, log }
}

/// Sends a raw request and returns (status, headers, body).
fn request(port: u16, raw: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head, response[split + 4..].to_vec())
}

fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    request(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    )
}

fn text(port: u16, path: &str) -> String {
    let (status, _, body) = get(port, path);
    assert_eq!(status, 200, "{path}");
    String::from_utf8(body).unwrap()
}

/// The page with the injected live-reload script taken out.
fn without_script(html: &str) -> String {
    let start = html.find("<script>/* qisite serve").unwrap();
    let end = start + html[start..].find("</script>\n").unwrap() + "</script>\n".len();
    format!("{}{}", &html[..start], &html[end..])
}

/// Polls until `f` holds (the watcher rebuilds asynchronously).
fn eventually(server: &Server, what: &str, mut f: impl FnMut() -> bool) {
    let started = Instant::now();
    while !f() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "timed out waiting: {what}; the server printed:\n{}",
            server.log.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_the_built_site_safely() {
    let dir = site("");
    let server = serve(dir.path());
    let port = server.port;
    let (code, _, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("public");

    // Pages are the built pages plus the script; other files are byte for byte.
    for rel in ["index.html", "projects/falls-ward-7/index.html", "404.html"] {
        let url = format!("/{}", rel.trim_end_matches("index.html"));
        assert_eq!(without_script(&text(port, &url)), page(&out, rel), "{rel}");
    }
    let (status, head, body) = get(port, "/static/style.css");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/css; charset=utf-8"),
        "{head}"
    );
    assert_eq!(body, std::fs::read(out.join("static/style.css")).unwrap());
    let (status, head, body) = get(port, "/projects/falls-ward-7/measures/falls.png");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: image/png"), "{head}");
    assert!(
        body.starts_with(b"\x89PNG"),
        "{:?}",
        &body[..body.len().min(40)]
    );
    let (status, head, _) = get(port, "/projects/falls-ward-7");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /projects/falls-ward-7/"), "{head}");

    // Only GET and HEAD.
    let (status, head, body) = request(
        port,
        "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200);
    assert!(head.contains("text/html"));
    assert!(body.is_empty());
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let (status, head, _) = request(
            port,
            &format!(
                "{method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            ),
        );
        assert_eq!(status, 405, "{method}");
        assert!(head.contains("Allow: GET, HEAD"), "{head}");
    }

    // Hostile paths: refused or not found, never a file from outside the site.
    let secret = std::fs::read_to_string(dir.path().join("site.yaml")).unwrap();
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/projects/..%2f..%2fsite.yaml",
        "/..%5csite.yaml",
        "/projects\\..\\..\\site.yaml",
        "/site.yaml%00.html",
        "//etc/passwd",
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "/site.yaml",
        "/projects/falls-ward-7/index.md",
    ] {
        let (status, _, body) = get(port, path);
        assert!(status == 400 || status == 404, "{path} gave {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains(secret.lines().next().unwrap()),
            "{path} leaked site.yaml"
        );
        assert!(!body.contains("root:"), "{path} leaked /etc/passwd");
    }

    // 200 requests at once, and clients that hang up mid-answer.
    let threads: Vec<_> = (0..200)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/" } else { "/static/style.css" };
                get(port, path).0
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 200);
    }
    for _ in 0..20 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut first = [0u8; 16];
        let _ = s.read(&mut first);
        drop(s);
    }
    assert_eq!(
        get(port, "/").0,
        200,
        "the server survives clients that leave"
    );
}

#[test]
fn edits_reload_and_broken_content_shows_an_overlay() {
    let dir = site("");
    let server = serve(dir.path());
    let port = server.port;
    let page_url = "/projects/falls-ward-7/pdsa/01-checklist.html";
    let version = |port| text(port, "/__qisite/wait?v=0").parse::<u64>().unwrap();
    let v1 = version(port);

    // An edit: the page changes and the version moves on.
    let pdsa = dir
        .path()
        .join("projects/falls-ward-7/pdsa/01-checklist.md");
    let original = std::fs::read_to_string(&pdsa).unwrap();
    std::fs::write(
        &pdsa,
        format!("{original}\nA sentence typed while serving.\n"),
    )
    .unwrap();
    eventually(&server, "the edit is served", || {
        text(port, page_url).contains("A sentence typed while serving.")
    });
    assert!(version(port) > v1);

    // A new file and a deleted one.
    let story = dir.path().join("stories/2026-01-05-served-story.md");
    std::fs::write(
        &story,
        "---\ntitle: A story written while serving\n---\nHello.\n",
    )
    .unwrap();
    eventually(&server, "the new story is served", || {
        get(port, "/stories/served-story/").0 == 200
    });
    std::fs::remove_file(&story).unwrap();
    eventually(&server, "the deleted story is gone", || {
        get(port, "/stories/served-story/").0 == 404
    });

    // Broken content: every page shows the located error over the last good site.
    copy_dir(&fixtures().join("bad/progress_outside_scale"), dir.path());
    eventually(&server, "the overlay appears", || {
        text(port, "/").contains("qisite-overlay")
    });
    let home = text(port, "/");
    assert!(home.contains("The site did not build"), "{home}");
    assert!(
        home.contains("projects/falls-ward-7/index.md:7:11"),
        "{home}"
    );
    assert!(text(port, page_url).contains("A sentence typed while serving."));

    // Fixing it clears the overlay.
    copy_dir(
        &fixtures().join("base/projects/falls-ward-7"),
        &dir.path().join("projects/falls-ward-7"),
    );
    std::fs::write(&pdsa, &original).unwrap();
    eventually(&server, "the overlay clears", || {
        !text(port, "/").contains("qisite-overlay")
    });
}

#[test]
fn ctrl_c_exits_cleanly() {
    let dir = site("");
    let mut server = serve(dir.path());
    assert_eq!(get(server.port, "/").0, 200);
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(0));
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "serve did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn binding_beyond_loopback_warns() {
    let dir = site("");
    let mut child = spawn(dir.path(), &["--bind", "0.0.0.0"]);
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.starts_with("warning: serving on 0.0.0.0"), "{first}");
}

/// What a serve build gave, in a form two builds can be compared by.
fn outcome_of(
    outcome: qisite::serve::site::Outcome,
) -> Result<Vec<(String, qisite::output::OutputFile)>, Vec<String>> {
    match outcome {
        qisite::serve::site::Outcome::Built(output, _) => Ok(output
            .iter()
            .map(|(path, file)| (path.clone(), (**file).clone()))
            .collect()),
        qisite::serve::site::Outcome::Failed(errors) => Err(errors),
    }
}

/// The chart PNGs a built site offers, sorted: (PNG path, SVG path).
fn pngs_of(outcome: &qisite::serve::site::Outcome) -> Vec<(String, String)> {
    match outcome {
        qisite::serve::site::Outcome::Built(_, pngs) => {
            let mut pngs: Vec<(String, String)> =
                pngs.iter().map(|(a, b)| (a.clone(), b.clone())).collect();
            pngs.sort();
            pngs
        }
        qisite::serve::site::Outcome::Failed(_) => Vec::new(),
    }
}

/// Point 2 of live authoring: after every edit of a sequence of edits of every kind, the
/// rebuild `serve` makes (re-reading only the project folders it is told changed) is
/// identical to a clean build of the same files, and it re-reads only those folders.
#[test]
fn rebuilds_after_any_sequence_of_edits_equal_a_clean_build() {
    use qisite::serve::site::{self, Builder, Rendering};
    use std::fs;

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example"),
        &dir,
    );
    let projects = dir.join("projects");
    let mut builder = Builder::new(dir.clone());
    let first = outcome_of(builder.build());
    assert!(first.is_ok(), "content-example builds: {:?}", first.err());
    let all = builder.projects_read();
    assert!(
        all > 5,
        "the first build reads every project folder ({all})"
    );

    let append = |path: &Path, text: &str| {
        let mut s = fs::read_to_string(path).unwrap();
        s.push_str(text);
        fs::write(path, s).unwrap();
    };
    let replace = |path: &Path, from: &str, to: &str| {
        let s = fs::read_to_string(path).unwrap();
        assert!(s.contains(from), "{} holds `{from}`", path.display());
        fs::write(path, s.replacen(from, to, 1)).unwrap();
    };
    let bedside = projects.join("bedside-handover");
    let pdsa = bedside.join("pdsa/01-bedside-one-bay.md");
    let csv = bedside.join("measures/involved-in-handover.csv");
    let new_pdsa = bedside.join("pdsa/03-bedside-nights.md");
    let copy = projects.join("bedside-handover-copy");
    let renamed = projects.join("bedside-handover-nights");
    let bedside_index = bedside.join("index.md");

    // Each edit: what it does, the paths a watcher reports for it, how many project
    // folders the rebuild must read, and whether it may render that one project's pages
    // only (the edit changed nothing but its texts) rather than the whole site.
    type Edit<'a> = (
        &'a str,
        Box<dyn Fn() -> Vec<std::path::PathBuf> + 'a>,
        usize,
        Rendering,
    );
    let one = || Rendering::Project("bedside-handover".into());
    let deps = |folder: &str| Rendering::Dependants(vec![folder.to_owned()]);
    let sepsis_amu = projects.join("sepsis-amu/index.md");
    let falls_csv = projects.join("ward-7-falls/measures/falls-per-1000-bed-days.csv");
    let measure_yaml = bedside.join("measures/involved-in-handover.yaml");
    let driver = bedside.join("driver.yaml");
    let edits: Vec<Edit> = vec![
        (
            "edit a PDSA cycle's text",
            Box::new(|| {
                append(&pdsa, "\nA sentence added while serving.\n");
                vec![pdsa.clone()]
            }),
            1,
            one(),
        ),
        (
            "edit a project's write-up",
            Box::new(|| {
                append(&bedside_index, "\nThe night team joined in March.\n");
                vec![bedside_index.clone()]
            }),
            1,
            one(),
        ),
        (
            "embed another project's chart in a PDSA cycle's Study",
            Box::new(|| {
                append(
                    &pdsa,
                    "\n{{ chart(project=\"ward-7-falls\", measure=\"falls-per-1000-bed-days\") }}\n",
                );
                vec![pdsa.clone()]
            }),
            1,
            one(),
        ),
        (
            "break a link in a PDSA cycle's text",
            Box::new(|| {
                append(&pdsa, "\nSee [the audit](../files/no-such-audit.pdf).\n");
                vec![pdsa.clone()]
            }),
            1,
            one(),
        ),
        (
            "break on: edit another project's write-up while the link is broken",
            Box::new(|| {
                let falls = projects.join("ward-7-falls/index.md");
                append(&falls, "\nWritten while another project's link was broken.\n");
                vec![falls]
            }),
            1,
            Rendering::Project("ward-7-falls".into()),
        ),
        (
            "mend the link",
            Box::new(|| {
                replace(&pdsa, "(../files/no-such-audit.pdf)", "(../index.md)");
                vec![pdsa.clone()]
            }),
            1,
            one(),
        ),
        (
            "change a PDSA cycle's front matter",
            Box::new(|| {
                replace(&pdsa, "Bay 2, day shift", "Bay 2, early shift");
                vec![pdsa.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "add a PDSA cycle",
            Box::new(|| {
                let text = fs::read_to_string(&pdsa)
                    .unwrap()
                    .replacen("cycle: 1", "cycle: 3", 1)
                    .replacen("Bay 2, day shift", "every bay, night shift", 1);
                fs::write(&new_pdsa, text).unwrap();
                vec![new_pdsa.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "change a measure's data",
            Box::new(|| {
                replace(&csv, "2023-08-01,38.1", "2023-08-01,41.5");
                vec![csv.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "add a file to a project",
            Box::new(|| {
                fs::create_dir_all(bedside.join("files")).unwrap();
                fs::write(bedside.join("files/notes.txt"), "notes").unwrap();
                vec![bedside.join("files"), bedside.join("files/notes.txt")]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "delete a PDSA cycle",
            Box::new(|| {
                fs::remove_file(&new_pdsa).unwrap();
                vec![new_pdsa.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "change the data of a chart another project's PDSA cycle embeds",
            Box::new(|| {
                replace(&falls_csv, "2023-09-01,14,802,", "2023-09-01,19,802,");
                vec![falls_csv.clone()]
            }),
            1,
            deps("ward-7-falls"),
        ),
        (
            "change a project's title, shown on other projects' related lists and on programme and people pages",
            Box::new(|| {
                replace(
                    &sepsis_amu,
                    "title: Timely antibiotics for sepsis on the Acute Medical Unit",
                    "title: Antibiotics within the hour on the Acute Medical Unit",
                );
                vec![sepsis_amu.clone()]
            }),
            1,
            deps("sepsis-amu"),
        ),
        (
            "move a project to another directorate, status and tags",
            Box::new(|| {
                replace(&bedside_index, "directorate: surgery", "directorate: medicine");
                replace(&bedside_index, "status: closed", "status: completed");
                replace(
                    &bedside_index,
                    "tags: [handover, patient involvement, nursing, closed]",
                    "tags: [handover, patient involvement, nursing, night shift, falls]",
                );
                vec![bedside_index.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "change a measure's definition",
            Box::new(|| {
                replace(&measure_yaml, "target: 75", "target: 80");
                vec![measure_yaml.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "change the driver diagram",
            Box::new(|| {
                replace(
                    &driver,
                    "title: Handover happens where the patient is",
                    "title: Handover happens at the patient's side",
                );
                vec![driver.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "break a PDSA cycle's front matter",
            Box::new(|| {
                replace(&pdsa, "decision: adapt", "decision: maybe");
                vec![pdsa.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "mend it with another decision",
            Box::new(|| {
                replace(&pdsa, "decision: maybe", "decision: adopt");
                vec![pdsa.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "choose a related project",
            Box::new(|| {
                let falls = projects.join("ward-7-falls/index.md");
                replace(
                    &falls,
                    "related: [must-screening]",
                    "related: [must-screening, bedside-handover]",
                );
                vec![falls]
            }),
            1,
            deps("ward-7-falls"),
        ),
        (
            "retitle the chosen project",
            Box::new(|| {
                replace(
                    &bedside_index,
                    "title: Involving patients in nursing handover on Ward 4",
                    "title: Patients in the nursing handover on Ward 4",
                );
                vec![bedside_index.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "list two projects in a story",
            Box::new(|| {
                let story = dir.join("stories/2025-07-09-theatres-start-on-time.md");
                replace(
                    &story,
                    "projects: [theatre-first-start]",
                    "projects: [theatre-first-start, outpatient-dna]",
                );
                vec![story]
            }),
            0,
            deps("stories/2025-07-09-theatres-start-on-time.md"),
        ),
        (
            "retitle one of the story's projects",
            Box::new(|| {
                let index = projects.join("outpatient-dna/index.md");
                replace(
                    &index,
                    "title: Fewer missed appointments in community MSK physiotherapy",
                    "title: Fewer missed physiotherapy appointments in the community",
                );
                vec![index]
            }),
            1,
            deps("outpatient-dna"),
        ),
        (
            "rename a person on a project's team",
            Box::new(|| {
                let person = dir.join("people/sofia-kowalczyk.md");
                replace(&person, "name: Sofia Kowalczyk", "name: Sofia Kowalczyk-Hart");
                vec![person]
            }),
            0,
            deps("people/sofia-kowalczyk.md"),
        ),
        (
            "retitle a programme and drop a member",
            Box::new(|| {
                let programme = dir.join("programmes/sepsis-collaborative/index.md");
                replace(&programme, "title: Sepsis collaborative", "title: Sepsis in one hour");
                replace(
                    &programme,
                    "projects: [sepsis-amu, sepsis-ward-4, sepsis-puffin-ward]",
                    "projects: [sepsis-amu, sepsis-ward-4]",
                );
                vec![programme]
            }),
            0,
            deps("programmes/sepsis-collaborative/index.md"),
        ),
        (
            "change a showcase's award",
            Box::new(|| {
                let showcase = dir.join("showcases/qi-celebration-2025/index.md");
                replace(
                    &showcase,
                    "award: \"Highly commended: Learning from what did not work\"",
                    "award: \"Winner: Learning from what did not work\"",
                );
                vec![showcase]
            }),
            0,
            deps("showcases/qi-celebration-2025/index.md"),
        ),
        (
            "break a person's front matter",
            Box::new(|| {
                let person = dir.join("people/sofia-kowalczyk.md");
                replace(&person, "directorate: surgery", "directorate: no-such-directorate");
                vec![person]
            }),
            0,
            deps("people/sofia-kowalczyk.md"),
        ),
        (
            "break on: edit a PDSA cycle's text while a person is broken",
            Box::new(|| {
                append(&pdsa, "\nWritten while a person's file was broken.\n");
                vec![pdsa.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "mend the person",
            Box::new(|| {
                let person = dir.join("people/sofia-kowalczyk.md");
                replace(&person, "directorate: no-such-directorate", "directorate: surgery");
                vec![person]
            }),
            0,
            deps("people/sofia-kowalczyk.md"),
        ),
        (
            "copy a project folder",
            Box::new(|| {
                copy_dir(&bedside, &copy);
                vec![copy.clone()]
            }),
            1,
            Rendering::Whole,
        ),
        (
            "give the copy its own slug and title",
            Box::new(|| {
                let index = copy.join("index.md");
                let s = fs::read_to_string(&index).unwrap();
                let s = s.replacen("title: ", "title: Nights, ", 1);
                fs::write(&index, s).unwrap();
                vec![index]
            }),
            1,
            deps("bedside-handover-copy"),
        ),
        (
            "break a project's front matter",
            Box::new(|| {
                replace(&bedside_index, "\nprogress: 2.5", "\nprogress: 6");
                vec![bedside_index.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "fix it",
            Box::new(|| {
                replace(&bedside_index, "\nprogress: 6", "\nprogress: 2.5");
                vec![bedside_index.clone()]
            }),
            1,
            deps("bedside-handover"),
        ),
        (
            "rename the copy's folder",
            Box::new(|| {
                fs::rename(&copy, &renamed).unwrap();
                vec![copy.clone(), renamed.clone()]
            }),
            1,
            Rendering::Whole,
        ),
        (
            "delete a project folder",
            Box::new(|| {
                fs::remove_dir_all(&renamed).unwrap();
                vec![renamed.clone()]
            }),
            0,
            Rendering::Whole,
        ),
        (
            "change site.yaml",
            Box::new(|| {
                let p = dir.join("site.yaml");
                replace(&p, "title: ", "title: Edited ");
                vec![p]
            }),
            0,
            Rendering::Whole,
        ),
        (
            "change a person",
            Box::new(|| {
                let p = dir.join("people/aisha-rahman.md");
                append(&p, "\nShe also coaches the night team.\n");
                vec![p]
            }),
            0,
            deps("people/aisha-rahman.md"),
        ),
        (
            "rename the projects folder away and back",
            Box::new(|| {
                let away = dir.join("projects-away");
                fs::rename(&projects, &away).unwrap();
                fs::rename(&away, &projects).unwrap();
                vec![projects.clone(), away]
            }),
            all,
            Rendering::Whole,
        ),
    ];
    for (what, edit, reads, rendering) in &edits {
        for path in edit() {
            builder.changed(&path);
        }
        let built = builder.build();
        let incremental_pngs = pngs_of(&built);
        let incremental = outcome_of(built);
        assert_eq!(
            builder.projects_read(),
            *reads,
            "{what}: project folders read"
        );
        assert_eq!(builder.rendering(), rendering, "{what}: what was rendered");
        assert_eq!(
            incremental.is_err(),
            what.starts_with("break"),
            "{what}: whether the build fails"
        );
        let built = site::build(&dir);
        let clean_pngs = pngs_of(&built);
        let clean = outcome_of(built);
        match (&incremental, &clean) {
            (Ok(a), Ok(b)) => {
                assert_eq!(
                    incremental_pngs, clean_pngs,
                    "{what}: the chart PNGs offered"
                );
                let differ: Vec<&String> = a
                    .iter()
                    .zip(b)
                    .filter(|(x, y)| x != y)
                    .map(|(x, _)| &x.0)
                    .take(5)
                    .collect();
                assert!(
                    a.len() == b.len() && differ.is_empty(),
                    "{what}: the rebuild differs from a clean build ({} and {} files; first differences {differ:?})",
                    a.len(),
                    b.len()
                );
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "{what}: the same errors"),
            _ => panic!(
                "{what}: the rebuild gave {:?} where a clean build gave {:?}",
                incremental.as_ref().map(|_| "a site").map_err(|e| e.len()),
                clean.as_ref().map(|_| "a site").map_err(|e| e.len())
            ),
        }
    }
    // The sequence went through a failed build and back.
    assert!(outcome_of(builder.build()).is_ok());
}
