#!/usr/bin/env python3
"""Serve latency for bench/run.sh (issue 7 point 3).

    serve_latency.py QISITE DIR [--edits 5] [--site-edits 3] [--front-matter-edits 0]
                     [--log FILE]

Starts `QISITE serve DIR --port 0` and waits for "serving `DIR` at http://HOST:PORT/".
Then, EDITS times, appends a unique marker to a PDSA file and polls that cycle's page over
HTTP until the served HTML contains the marker: the latency is from the start of the save
to that response. SITE_EDITS times it does the same with the site title in site.yaml,
polling the home page. FRONT_MATTER_EDITS times (none by default) it adds the marker to the
PDSA cycle's `title:` in its front matter instead, which `serve` cannot render as a text
edit, and polls the cycle's page. Each save waits for the previous change to be served and for a
quiet second first. The edited files are restored (and the restore waited for) before
the server is stopped with Ctrl-C.

Prints one JSON object: startup_s, pdsa_ms, site_yaml_ms, pdsa_front_matter_ms (each a
list), their medians, and the page polled. Standard library only.
"""

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

POLL_S = 0.005
QUIET_S = 1.0


def fetch(url):
    """The body of `url`, or "" while the server cannot answer."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url, present, absent=None, timeout=None):
    """Polls `url` until its body contains `present` (and not `absent`); seconds taken."""
    started = time.perf_counter()
    while True:
        body = fetch(url)
        if present in body and (absent is None or absent not in body):
            return time.perf_counter() - started
        if timeout is not None and time.perf_counter() - started > timeout:
            raise TimeoutError(f"`{url}` did not show `{present}` within {timeout:.0f} s")
        time.sleep(POLL_S)


def save(path, text):
    """Saves like an editor that writes in place: one write of the whole file."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def timed_edits(path, url, count, edit, timeout):
    """Saves `edit(original, marker)` `count` times; milliseconds until each is served."""
    with open(path, encoding="utf-8") as f:
        original = f.read()
    latencies = []
    marker = None
    try:
        for i in range(count):
            time.sleep(QUIET_S)
            previous, marker = marker, f"qisitebench{i}x{time.time_ns():x}"
            started = time.perf_counter()
            save(path, edit(original, marker))
            wait_for(url, marker, previous, timeout)
            latencies.append(round((time.perf_counter() - started) * 1000, 1))
    finally:
        save(path, original)
    if marker is not None:
        # The restore must be served too, so the portfolio is left as it was built.
        deadline = time.perf_counter() + timeout
        while marker in fetch(url):
            if time.perf_counter() > deadline:
                raise TimeoutError(f"`{url}` still shows `{marker}` after the restore")
            time.sleep(POLL_S)
    return latencies


def first_pdsa(root):
    """(file, page path) of the first PDSA cycle of the first project, by name."""
    projects = os.path.join(root, "projects")
    for slug in sorted(os.listdir(projects)):
        pdsa = os.path.join(projects, slug, "pdsa")
        if os.path.isdir(pdsa):
            for name in sorted(os.listdir(pdsa)):
                if name.endswith(".md") and name != "index.md":
                    stem = name[: -len(".md")]
                    return os.path.join(pdsa, name), f"projects/{slug}/pdsa/{stem}.html"
    raise SystemExit(f"no PDSA cycle under `{projects}`")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("qisite")
    parser.add_argument("dir")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--site-edits", type=int, default=3)
    parser.add_argument(
        "--front-matter-edits", type=int, default=0, help="edits of the PDSA cycle's title"
    )
    parser.add_argument("--log", default=os.devnull, help="where the server's output goes")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per wait")
    args = parser.parse_args()

    log = open(args.log, "w", encoding="utf-8")
    started = time.perf_counter()
    server = subprocess.Popen(
        [args.qisite, "serve", args.dir, "--port", "0"],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = None
    try:
        for line in server.stderr:
            log.write(line)
            log.flush()
            found = re.search(r"^serving `.*` at (http://\S+/)", line)
            if found:
                url = found.group(1)
                break
        if url is None:
            raise SystemExit(f"`qisite serve` exited ({server.wait()}) before serving")
        startup = time.perf_counter() - started

        def drain():
            for line in server.stderr:
                log.write(line)
                log.flush()

        threading.Thread(target=drain, daemon=True).start()

        pdsa_file, pdsa_page = first_pdsa(args.dir)
        pdsa_ms = timed_edits(
            pdsa_file,
            url + pdsa_page,
            args.edits,
            lambda text, marker: f"{text.rstrip()}\n\nBenchmark edit {marker}.\n",
            args.timeout,
        )

        def retitle(text, marker):
            new, count = re.subn(r"(?m)^title:(.*)$", rf"title:\1 {marker}", text, count=1)
            if count != 1:
                raise SystemExit("the edited file has no `title:` line")
            return new

        front_matter_ms = timed_edits(
            pdsa_file, url + pdsa_page, args.front_matter_edits, retitle, args.timeout
        )

        site_ms = timed_edits(
            os.path.join(args.dir, "site.yaml"), url, args.site_edits, retitle, args.timeout
        )
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    json.dump(
        {
            "startup_s": round(startup, 2),
            "page": pdsa_page,
            "pdsa_ms": pdsa_ms,
            "pdsa_median_ms": statistics.median(pdsa_ms) if pdsa_ms else None,
            "site_yaml_ms": site_ms,
            "site_yaml_median_ms": statistics.median(site_ms) if site_ms else None,
            "pdsa_front_matter_ms": front_matter_ms,
            "pdsa_front_matter_median_ms": (
                statistics.median(front_matter_ms) if front_matter_ms else None
            ),
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
