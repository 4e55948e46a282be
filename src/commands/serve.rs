//! `qisite serve`: builds the site in memory, serves it with tiny_http and rebuilds it
//! when a file changes; open pages reload by themselves. Wiring only: the parts are in
//! `crate::serve`.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use crate::cli::ServeArgs;
use crate::error::{Error, Result};
use crate::serve::http::{self, Body};
use crate::serve::site::{self, Live, Outcome};

pub fn run(args: &ServeArgs) -> Result<i32> {
    let dir = crate::output::absolute(&args.dir);
    if !dir.join("site.yaml").is_file() {
        return Err(Error::Refused(format!(
            "`{}` has no site.yaml; serve a portfolio folder, or create one with `qisite init`",
            dir.display()
        )));
    }
    let bind: IpAddr = args.bind.parse().map_err(|_| {
        Error::Refused(format!(
            "`--bind {}` is not an IP address; use e.g. 127.0.0.1",
            args.bind
        ))
    })?;
    if !bind.is_loopback() {
        eprintln!(
            "warning: serving on {bind}, so other machines can reach this site; \
             use `--bind 127.0.0.1` to keep it on this computer"
        );
    }

    // Watch before the first build, so that nothing saved from now on is missed.
    let watching = crate::serve::watch::Watching::start(dir.clone()).map_err(|e| {
        Error::Refused(format!("cannot watch `{}` for changes: {e}", dir.display()))
    })?;
    let live = Arc::new(Live::default());
    let started = Instant::now();
    let mut builder = site::Builder::new(dir.clone());
    let first = builder.build();
    report(&first, started.elapsed());
    live.publish(first);

    let server = tiny_http::Server::http((bind, args.port)).map_err(|e| {
        Error::Refused(format!(
            "cannot listen on {bind}:{}: {e}; choose another port with `--port`",
            args.port
        ))
    })?;
    let server = Arc::new(server);
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let host = if bind.is_ipv6() {
        format!("[{bind}]")
    } else {
        bind.to_string()
    };
    let url = format!("http://{host}:{port}/");
    eprintln!("serving `{}` at {url} (Ctrl-C to stop)", dir.display());

    {
        let server = server.clone();
        // Ctrl-C stops accepting requests; `run` then returns and the process exits 0.
        let _ = ctrlc::set_handler(move || {
            eprintln!("\nstopped");
            server.unblock();
        });
    }
    {
        let live = live.clone();
        std::thread::spawn(move || watching.run(builder, live, report));
    }
    if args.open {
        open_browser(&url);
    }
    for request in server.incoming_requests() {
        let live = live.clone();
        std::thread::spawn(move || answer(request, &live));
    }
    Ok(0)
}

/// Prints how a build went: one line, or the errors.
fn report(outcome: &Outcome, took: std::time::Duration) {
    match outcome {
        Outcome::Built(output, _) => eprintln!(
            "built {} pages in {} ms",
            output.keys().filter(|k| k.ends_with(".html")).count(),
            took.as_millis()
        ),
        Outcome::Failed(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            eprintln!(
                "the site did not build ({} error{}): still serving the last good version, \
                 with the errors shown on every page",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
        }
    }
}

/// Answers one request. A client that goes away mid-answer is not an error.
fn answer(request: tiny_http::Request, live: &Live) {
    let reply = http::route(live, request.method().as_str(), request.url());
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
    };
    let mut headers: Vec<tiny_http::Header> = reply
        .headers
        .iter()
        .filter_map(|(n, v)| header(n, v))
        .collect();
    headers.extend(header("Content-Type", reply.content_type));
    headers.extend(header("X-Content-Type-Options", "nosniff"));
    let bytes = match reply.body {
        Body::Bytes(b) => b,
        Body::Shared(b) => b.as_ref().clone(),
        Body::File(path) => match std::fs::read(&path) {
            Ok(b) => b,
            Err(_) => {
                let _ = request.respond(
                    tiny_http::Response::from_string("404 Not Found\n").with_status_code(404),
                );
                return;
            }
        },
    };
    let length = bytes.len();
    let response = tiny_http::Response::new(
        tiny_http::StatusCode(reply.status),
        headers,
        std::io::Cursor::new(bytes),
        Some(length),
        None,
    )
    // The length is known: send it, rather than chunks, whatever the size.
    .with_chunked_threshold(usize::MAX);
    let _ = request.respond(response);
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; visit {url}");
    }
}
