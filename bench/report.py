#!/usr/bin/env python3
"""Formats bench/run.sh's measurements as Markdown for BENCHMARKS.md.

    report.py header
    report.py run --commit C --command CMD RESULTS.env ...

Each RESULTS.env (key=value lines, written by run.sh) sits in a folder with hyperfine's
JSON (NAME.json), GNU time's lines (NAME.time: wall user sys maxrss_kib, one per run) and
the commands' output (NAME.log) for NAME in full, rebuild, check and hugo, and serve.json.
Standard library only.
"""

import argparse
import json
import os
import re
import statistics

HEADER = """\
# Benchmarks

Measured by `bench/run.sh` (README, "Benchmarks"): qisite and Debian's Hugo on the same
synthetic portfolios, in one run on one machine. The script writes this file; re-run it
rather than editing the figures.

## Method

- **Portfolios.** `cargo run --release --example synth -- --projects N --seed 1 --out DIR
  --plain-markdown`: N projects, each with a write-up of about 600 words, a driver
  diagram, 5 PDSA cycles and 2 measures of 36 points, plus a programme per 50 projects, a
  person per 5, a story per 10 and a showcase per 100. The Hugo twin (`DIR-hugo`) holds the
  same words for projects and PDSA cycles, with the same taxonomies, and no charts, people,
  programmes, stories or showcases: qisite does more per project than Hugo here.
- **Timing.** Every measurement is hyperfine with R runs and no warm-up; wall time is
  hyperfine's median (min–max in brackets). Each run is also wrapped by GNU time: CPU time
  is the median over runs of user + system time, peak RSS the largest maximum resident set
  size of any run.
- **Full build.** `qisite build DIR --out OUT` with hyperfine's `--prepare` renaming `OUT`
  away before every run (untimed), so each run writes a fresh site. Hugo likewise:
  `hugo --source DIR-hugo --destination OUT` into a new folder, its `resources/` cache
  renamed away too. Nothing is deleted until every size is measured: on this machine
  kind's ext4 (no journal), creating files within minutes of deleting many others is
  several times slower (the inode allocator skips every recently freed inode), which
  would time the filesystem rather than the tools. A build straight after deleting a
  large folder is that much slower, for qisite and Hugo alike.
- **Rebuild.** The same build again on the unchanged portfolio, into the site the last full
  build wrote: qisite renders everything in memory and rewrites only the files whose bytes
  changed.
- **Counts.** Pages and charts are the figures in qisite's summary line (HTML pages; charts
  drawn as SVG and PNG: every measure's and every programme's combined chart). Hugo's pages
  are the "Pages" of its summary. pages/s = pages ÷ median wall time of the full build;
  pages per CPU second = pages ÷ median CPU time, which a busy machine disturbs less.
- **Search index.** The files under `search/` in the built site other than HTML pages; n/a
  when the site has no search index.
- **Serve latency** (issue 7). `qisite serve DIR --port 0`; once it serves,
  `bench/serve_latency.py` appends a unique marker to the first project's first PDSA file
  and polls that cycle's page over HTTP every 5 ms until it contains the marker: the latency
  runs from the start of the save to that response. The median over several saves, each
  after a quiet second. Then the same with the marker added to that cycle's `title:` in its
  front matter (an edit `serve` cannot treat as a text edit), and with the site title in
  `site.yaml`, polling the home page. The files are restored afterwards.
- **Sizes that cannot fit.** A size is skipped (or only Hugo at that size), with the reason
  given, when a smaller size measured with the same binary, scaled linearly, says the build
  would need more than 90% of the machine's memory or more disk than is free: an
  out-of-memory build on a shared machine brings in the kernel's OOM killer.
  `BENCH_GUARD=0` measures it anyway.
- **A shared machine.** Other work may run on the machine at the same time; the load
  average (1, 5 and 15 minutes) is recorded at the start and end of each size. Wall times
  then overstate what an idle machine gives; CPU times are affected far less.
"""


def read_env(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, sep, value = line.rstrip("\n").partition("=")
            if sep:
                values[key] = value
    return values


class Measure:
    """One hyperfine measurement with its GNU time lines."""

    def __init__(self, folder, name):
        self.name = name
        self.cpu = []
        self.rss_kib = []
        path = os.path.join(folder, name + ".json")
        self.present = os.path.exists(path)
        if not self.present:
            return
        with open(path, encoding="utf-8") as f:
            result = json.load(f)["results"][0]
        self.median = result["median"]
        self.min = result["min"]
        self.max = result["max"]
        self.runs = len(result["times"])
        with open(os.path.join(folder, name + ".time"), encoding="utf-8") as f:
            for line in f:
                fields = line.split()
                if len(fields) == 4 and re.fullmatch(r"[0-9.]+", fields[0]):
                    self.cpu.append(float(fields[1]) + float(fields[2]))
                    self.rss_kib.append(int(fields[3]))

    def wall(self):
        if not self.present:
            return "not measured"
        if self.runs == 1:
            return f"{secs(self.median)} (1 run)"
        return f"{secs(self.median)} ({secs(self.min)}–{secs(self.max)})"

    def cpu_s(self):
        return statistics.median(self.cpu) if self.cpu else None

    def peak_rss(self):
        return max(self.rss_kib) * 1024 if self.rss_kib else None


def secs(s):
    if s is None:
        return "n/a"
    if s < 0.001:
        return f"{s * 1e6:.0f} µs"
    if s < 0.01:
        return f"{s * 1000:.2f} ms"
    if s < 1:
        return f"{s * 1000:.0f} ms"
    if s < 100:
        return f"{s:.2f} s"
    return f"{s:,.0f} s"


def ms(value):
    return "n/a" if value is None else f"{value:,.0f} ms"


def size(b):
    if b is None:
        return "n/a"
    b = int(b)
    if b >= 1024**3:
        return f"{b / 1024**3:.2f} GiB"
    if b >= 1024**2:
        return f"{b / 1024**2:.1f} MiB"
    return f"{b / 1024:.1f} KiB"


def num(n):
    return "n/a" if n is None else f"{n:,}"


def rate(count, s):
    if count is None or not s:
        return None
    return count / s


def fmt_rate(r):
    if r is None:
        return "n/a"
    return f"{r:,.0f}" if r >= 100 else f"{r:,.1f}"


def count_in(line, word):
    """The number before `word` (or its plural) in qisite's summary line."""
    found = re.search(r"([0-9][0-9,]*) " + word + r"s?\b", line or "")
    return int(found.group(1).replace(",", "")) if found else None


def hugo_pages(folder):
    pages = None
    path = os.path.join(folder, "hugo.log")
    if os.path.exists(path):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                found = re.match(r"\s*Pages\s*\|\s*([0-9]+)", line)
                if found:
                    pages = int(found.group(1))
    return pages


def verdict(ok):
    return "**met**" if ok else "**not met**"


def section(env_path, lines_out):
    folder = os.path.dirname(env_path)
    env = read_env(env_path)
    n = int(env["n"])
    if "skipped" in env:
        lines_out.append(f"### N = {n:,} projects")
        lines_out.append("")
        lines_out.append(f"Not measured ({env['date']}): {env['skipped']}.")
        lines_out.append("")
        return n, None, Measure(folder, "full")
    full, rebuild, check, hugo, nopng = (
        Measure(folder, k) for k in ("full", "rebuild", "check", "hugo", "nopng")
    )
    pages = count_in(env.get("full_summary"), "page")
    charts = count_in(env.get("full_summary"), "chart")
    h_pages = hugo_pages(folder)
    q_rate = rate(pages, full.median if full.present else None)
    h_rate = rate(h_pages, hugo.median if hugo.present else None)
    ratio = q_rate / h_rate if q_rate and h_rate else None
    serve = {}
    serve_path = os.path.join(folder, "serve.json")
    if os.path.exists(serve_path):
        with open(serve_path, encoding="utf-8") as f:
            serve = json.load(f)

    out = lines_out
    out.append(f"### N = {n:,} projects")
    out.append("")
    out.append(
        f"Measured {env['date']}; {env['runs']} run{'s' if env['runs'] != '1' else ''} per "
        f"measurement; load average {env.get('load_start', '?')} at the start and "
        f"{env.get('load_end', '?')} at the end."
    )
    if env.get("synth"):
        # "wrote `DIR` in 0.16 s: 20 projects (…), …"
        generated = re.sub(r"^wrote `[^`]*` in ([0-9.]+ s): ", r"Generated in \1: ", env["synth"])
        out.append(f"{generated}.")
    out.append("")
    out.append("| | qisite | Hugo (plain-Markdown twin) |")
    out.append("|---|---:|---:|")
    out.append(f"| Full build, wall (median; min–max) | {full.wall()} | {hugo.wall()} |")
    out.append(
        f"| CPU time, user + system (median) | {secs(full.cpu_s())} | {secs(hugo.cpu_s())} |"
    )
    out.append(f"| Peak RSS | {size(full.peak_rss())} | {size(hugo.peak_rss())} |")
    out.append(f"| Pages | {num(pages)} | {num(h_pages)} |")
    out.append(f"| Pages/s | {fmt_rate(q_rate)} | {fmt_rate(h_rate)} |")
    q_cpu_rate, h_cpu_rate = rate(pages, full.cpu_s()), rate(h_pages, hugo.cpu_s())
    out.append(
        f"| Pages per CPU second | {fmt_rate(q_cpu_rate)} | {fmt_rate(h_cpu_rate)} |"
    )
    out.append(f"| Charts | {num(charts)} | none |")
    out.append(
        f"| Charts/s | {fmt_rate(rate(charts, full.median if full.present else None))} | — |"
    )
    output = lambda key: (
        f"{size(env[key + '_bytes'])} in {num(int(env[key + '_files']))} files"
        if key + "_files" in env
        else "n/a"
    )
    out.append(f"| Output | {output('out')} | {output('hugo_out')} |")
    pngs = int(env.get("png_files", "0"))
    out.append(f"| Chart PNGs drawn (`charts.png: auto`) | {num(pngs)} | none |")
    if nopng.present:
        out.append(
            f"| Full build without chart PNGs (`--png never`), wall | {nopng.wall()} | — |"
        )
    per_project = lambda m: secs(m.median / n) if m.present else "n/a"
    out.append(f"| Full build wall per project | {per_project(full)} | {per_project(hugo)} |")
    written = re.search(r"\(([^)]*)\)", env.get("rebuild_summary", ""))
    out.append(
        f"| Rebuild of the unchanged site, wall | {rebuild.wall()}"
        f"{'; ' + written.group(1) if written else ''} | — |"
    )
    out.append(f"| Rebuild peak RSS | {size(rebuild.peak_rss())} | — |")
    out.append(f"| `qisite check`, wall | {check.wall()} | — |")
    if "search_files" in env:
        search = f"{size(env['search_bytes'])} in {num(int(env['search_files']))} files"
    else:
        search = "n/a (the site has no search index)"
    out.append(f"| Search index | {search} | — |")
    if "skipped" in serve or not serve:
        why = serve.get("skipped", "not measured")
        out.append(f"| Serve: PDSA save → page served | not measured ({why}) | — |")
    else:
        out.append(
            f"| Serve: first build until serving | {secs(serve['startup_s'])} | — |"
        )
        out.append(
            f"| Serve: PDSA save → page served (median of {len(serve['pdsa_ms'])}) "
            f"| {ms(serve['pdsa_median_ms'])} "
            f"({', '.join(ms(v) for v in serve['pdsa_ms'])}) | — |"
        )
        if serve.get("pdsa_front_matter_ms"):
            out.append(
                "| Serve: PDSA front-matter save (its title) → page served (median of "
                f"{len(serve['pdsa_front_matter_ms'])}) "
                f"| {ms(serve['pdsa_front_matter_median_ms'])} "
                f"({', '.join(ms(v) for v in serve['pdsa_front_matter_ms'])}) | — |"
            )
        out.append(
            f"| Serve: site.yaml save → page served (median of {len(serve['site_yaml_ms'])}) "
            f"| {ms(serve['site_yaml_median_ms'])} "
            f"({', '.join(ms(v) for v in serve['site_yaml_ms'])}) | — |"
        )
    out.append("")
    if "hugo_skipped" in env:
        out.append(f"Hugo not measured: {env['hugo_skipped']}.")
        out.append("")
    cpu_ratio = q_cpu_rate / h_cpu_rate if q_cpu_rate and h_cpu_rate else None
    out.append(
        f"qisite's pages/s ÷ Hugo's: **{ratio:.2f}×** (pages per CPU second: "
        f"{cpu_ratio:.2f}×)."
        if ratio and cpu_ratio
        else "qisite ÷ Hugo: n/a."
    )
    nopng_rate = rate(pages, nopng.median if nopng.present else None)
    if nopng_rate and h_rate:
        out.append(
            f"Without the {num(pngs)} chart PNGs (`--png never`; Hugo draws no images): "
            f"**{nopng_rate / h_rate:.2f}×**. The targets below count the build as it "
            "comes, PNGs and all."
        )
    targets = []
    if n == 5000:
        targets.append(("full build ≤ 10 s wall", full.present and full.median <= 10))
        targets.append(
            ("peak RSS ≤ 1 GiB", full.peak_rss() is not None and full.peak_rss() <= 1024**3)
        )
        if serve.get("pdsa_median_ms") is not None:
            targets.append(("PDSA save served in ≤ 100 ms", serve["pdsa_median_ms"] <= 100))
            targets.append(
                (
                    "site.yaml save served in ≤ the full build time",
                    full.present and serve["site_yaml_median_ms"] <= full.median * 1000,
                )
            )
    if n == 50000:
        targets.append(("full build ≤ 120 s wall", full.present and full.median <= 120))
        targets.append(
            ("peak RSS ≤ 8 GiB", full.peak_rss() is not None and full.peak_rss() <= 8 * 1024**3)
        )
    if ratio is not None:
        targets.append(("pages/s ≥ 2× Hugo's", ratio >= 2))
    if targets:
        out.append(
            "Targets (issues 6 and 7): "
            + "; ".join(f"{what}: {verdict(ok)}" for what, ok in targets)
            + "."
        )
    out.append("")
    return n, pages, full


def run(args):
    started = read_env(args.results[0]).get("date", "?")
    out = ["", f"## Run of {started} at commit {args.commit}", ""]
    out.append(f"Command: `{args.command}`.")
    out.append("")
    rows = []
    for env in args.results:
        rows.append(section(env, out))
    measured = [r for r in rows if r[2].present]
    if len(measured) > 1:
        out.append("### Growth with N")
        out.append("")
        out.append("| N | pages | full build wall | per project | per page | CPU per project |")
        out.append("|---:|---:|---:|---:|---:|---:|")
        for n, pages, full in measured:
            cpu = full.cpu_s()
            per_page = secs(full.median / pages) if pages else "n/a"
            out.append(
                f"| {n:,} | {num(pages)} | {secs(full.median)} | {secs(full.median / n)} "
                f"| {per_page} | {secs(cpu / n) if cpu is not None else 'n/a'} |"
            )
        out.append("")
    print("\n".join(out).rstrip("\n"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    sub.add_parser("header")
    r = sub.add_parser("run")
    r.add_argument("--commit", required=True)
    r.add_argument("--command", required=True)
    r.add_argument("results", nargs="+")
    args = parser.parse_args()
    if args.what == "header":
        print(HEADER.rstrip("\n"))
    else:
        run(args)


if __name__ == "__main__":
    main()
