#!/usr/bin/env bash
# bench/run.sh: qisite's benchmark (issue 6), side by side with Hugo on the same words.
#
#   bench/run.sh [OPTIONS] [N ...]        N defaults to 500 5000 50000 (or $BENCH_SIZES)
#
# For each N it generates the synthetic portfolio and its Hugo twin (examples/synth), then
# times with hyperfine: qisite's full build into a fresh output folder, a rebuild of the
# unchanged site, `qisite check`, and Hugo on the plain-Markdown twin; and, under
# `qisite serve`, the time from saving a PDSA file (and site.yaml) to a served page that
# shows the change. Results go to BENCHMARKS.md. See README, "Benchmarks".
#
# Not part of `cargo test` or CI: it takes minutes to hours and needs hyperfine and hugo.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

usage() {
  cat <<'EOF'
usage: bench/run.sh [OPTIONS] [N ...]

Benchmarks qisite (full build, rebuild, check, serve latency) and Hugo on synthetic
portfolios of N projects (default: 500 5000 50000, or $BENCH_SIZES), and writes BENCHMARKS.md.

options:
  --quick          smoke run: N = 100 unless given, 1 run each, 2 serve edits; the report
                   goes to $BENCH_DIR/BENCHMARKS-quick.md unless --report is given
  --runs R         hyperfine runs per measurement (default 5, or $BENCH_RUNS)
  --report FILE    where to write the results (default: BENCHMARKS.md at the repository root)
  --append         add the results to FILE instead of rewriting it (keeps its machine
                   description; use it to add a slow size measured with fewer runs)
  --no-serve       skip the serve latency measurement
  --keep           keep the generated portfolios and built sites in $BENCH_DIR
  -h, --help       this help

environment:
  BENCH_DIR          work folder (default: ${TMPDIR:-/tmp}/qisite-bench); N = 50,000 needs
                     about 30 GB free there
  BENCH_SIZES        default sizes, e.g. "500 5000"
  BENCH_RUNS         default for --runs
  BENCH_SEED         the generator's seed (default 1)
  BENCH_SERVE_EDITS  timed PDSA edits under `qisite serve` (default 5; site.yaml gets 3)
  BENCH_SERVE_MAX_N  largest N whose serve latency is measured (default 5000)
  BENCH_GUARD        0 measures every N even when it looks too big for this machine (below)
  BENCH_KEEP_TRASH   1 leaves the retired folders (every build's output) in $BENCH_DIR/trash
                     instead of deleting them at the start and the end: a run started right
                     after a large deletion would time the file system's slow inode
                     allocation (delete the folder yourself later)

An N is skipped (or only Hugo at that N), with the reason in the report, when a smaller N
measured earlier in BENCH_DIR with the same qisite binary, scaled linearly, says the build
would need more than 90% of the machine's memory or more disk than is free: on a shared
machine an out-of-memory build brings in the kernel's OOM killer, which may kill others' work.
EOF
}

fail() {
  echo "bench/run.sh: error: $*" >&2
  exit 1
}

say() { echo "== $* ($(date -u +%H:%M:%S))" >&2; }

# ---------------------------------------------------------------------------------------
# Arguments and tools
# ---------------------------------------------------------------------------------------

QUICK=0
APPEND=0
SERVE=1
KEEP=0
RUNS=${BENCH_RUNS:-}
REPORT=""
SIZES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --runs) [ $# -ge 2 ] || fail "--runs needs a number"; RUNS=$2; shift ;;
    --runs=*) RUNS=${1#--runs=} ;;
    --report) [ $# -ge 2 ] || fail "--report needs a file"; REPORT=$2; shift ;;
    --report=*) REPORT=${1#--report=} ;;
    --append) APPEND=1 ;;
    --no-serve) SERVE=0 ;;
    --keep) KEEP=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; fail "unknown option \`$1\`" ;;
    *)
      n=${1//[,_]/}
      [[ $n =~ ^[1-9][0-9]*$ ]] || fail "\`$1\` is not a number of projects (try 500 or 5,000)"
      SIZES+=("$n")
      ;;
  esac
  shift
done

WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/qisite-bench}
SEED=${BENCH_SEED:-1}
SERVE_MAX_N=${BENCH_SERVE_MAX_N:-5000}
SERVE_EDITS=${BENCH_SERVE_EDITS:-5}
if [ ${#SIZES[@]} -eq 0 ]; then
  if [ $QUICK = 1 ]; then
    SIZES=(100)
  else
    read -r -a SIZES <<<"${BENCH_SIZES:-500 5000 50000}"
  fi
fi
if [ $QUICK = 1 ]; then
  RUNS=${RUNS:-1}
  SERVE_EDITS=2
  REPORT=${REPORT:-$WORK/BENCHMARKS-quick.md}
fi
RUNS=${RUNS:-5}
RUNS_TEXT="$RUNS run$([ "$RUNS" = 1 ] || echo s)"
REPORT=${REPORT:-$ROOT/BENCHMARKS.md}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "--runs must be a positive number (found \`$RUNS\`)"
[[ $SERVE_EDITS =~ ^[1-9][0-9]*$ ]] || fail "BENCH_SERVE_EDITS must be a positive number"
[ $APPEND = 0 ] || [ -f "$REPORT" ] || fail "--append: \`$REPORT\` does not exist yet; run once without --append"

require() {
  command -v "$1" >/dev/null 2>&1 ||
    fail "\`$1\` is missing: $2"
}
APT="install it with \`apt-get install -y hyperfine hugo time\`"
require hyperfine "$APT"
require hugo "$APT (Debian's hugo, 0.111 or later)"
[ -x /usr/bin/time ] || fail "\`/usr/bin/time\` is missing (the shell's \`time\` cannot report memory): $APT"
require python3 "install Python 3"
require cargo "install Rust (rustup)"
require git "install git"
require lscpu "install util-linux"

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

# Folders a measurement is done with are renamed into $TRASH, never deleted between
# measurements, and $TRASH is deleted once at the very end. On this machine kind's ext4
# (no journal), creating files within minutes of deleting many others is several times
# slower: the inode allocator skips every recently freed inode, reading its inode table
# block to find out. Deleting between runs would time the filesystem, not the tools.
TRASH="$WORK/trash"
[ "${BENCH_KEEP_TRASH:-0}" = 1 ] || rm -rf "$TRASH"
mkdir -p "$TRASH"
# retire PATH...: renames each PATH that exists into $TRASH.
retire() {
  local p
  for p in "$@"; do
    [ ! -e "$p" ] || mv "$p" "$TRASH/$(date +%s%N)-${p##*/}"
  done
}
# The same as a command line for hyperfine's --prepare.
retire_cmd() {
  local p cmd=":"
  for p in "$@"; do
    cmd="$cmd; [ ! -e '$p' ] || mv '$p' \"$TRASH/\$(date +%s%N)-${p##*/}\""
  done
  echo "$cmd"
}

# ---------------------------------------------------------------------------------------
# The binaries
# ---------------------------------------------------------------------------------------

say "building qisite and the synth example (release)"
(cd "$ROOT" && cargo build --release --quiet --bin qisite --example synth) ||
  fail "cargo build --release failed"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
QISITE="$TARGET/release/qisite"
SYNTH="$TARGET/release/examples/synth"
[ -x "$QISITE" ] && [ -x "$SYNTH" ] || fail "no release binaries in \`$TARGET/release\`"
BINARY=$(sha256sum "$QISITE" | cut -c1-16)

COMMIT=$(git -C "$ROOT" rev-parse --short=12 HEAD)
if ! git -C "$ROOT" diff --quiet HEAD -- src themes examples Cargo.toml Cargo.lock; then
  COMMIT="$COMMIT with uncommitted changes"
fi
COMMAND="bench/run.sh"
[ $QUICK = 1 ] && COMMAND="$COMMAND --quick"
COMMAND="$COMMAND --runs $RUNS"
[ $SERVE = 0 ] && COMMAND="$COMMAND --no-serve"
[ $APPEND = 1 ] && COMMAND="$COMMAND --append"
COMMAND="$COMMAND ${SIZES[*]}"

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# ---------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------

# time_runs NAME PREPARE COMMAND: runs COMMAND $RUNS times under hyperfine, each run also
# under /usr/bin/time (one line per run: wall, user, sys, peak RSS in KiB), with
# COMMAND's output appended to $DIR/NAME.log. PREPARE (may be empty) runs before each
# run, untimed. Writes $DIR/NAME.json (hyperfine) and $DIR/NAME.time.
time_runs() {
  local name=$1 prepare=$2 command=$3
  local json="$DIR/$name.json" tv="$DIR/$name.time" log="$DIR/$name.log"
  rm -f "$json" "$tv" "$log"
  local args=(--runs "$RUNS" --export-json "$json" --command-name "$name")
  [ -n "$prepare" ] && args+=(--prepare "$prepare")
  hyperfine "${args[@]}" \
    "/usr/bin/time -f '%e %U %S %M' -a -o '$tv' $command >>'$log' 2>&1" >&2 ||
    fail "$name failed; its output is in \`$log\`:$(echo; tail -n 20 "$log")"
}

# summary_line LOG: qisite's last "built …" line in LOG.
summary_line() { grep '^built ' "$1" | tail -n 1; }

# serve_latency N SRC: the hook for issue 7 point 3. Starts `qisite serve SRC --port 0`,
# then saves a PDSA file $SERVE_EDITS times (a unique marker appended each time), its
# title in the front matter 3 times, and site.yaml 3 times, and times each save until the served page contains the marker
# (bench/serve_latency.py). Writes $DIR/serve.json; restores the files it edited.
serve_latency() {
  local n=$1 src=$2
  if [ $SERVE = 0 ]; then
    echo '{"skipped": "--no-serve"}' >"$DIR/serve.json"
  elif [ "$n" -gt "$SERVE_MAX_N" ]; then
    echo "{\"skipped\": \"N above BENCH_SERVE_MAX_N ($SERVE_MAX_N)\"}" >"$DIR/serve.json"
  else
    say "N=$n: serve latency ($SERVE_EDITS PDSA edits, 3 PDSA front-matter edits, 3 site.yaml edits)"
    python3 "$BENCH/serve_latency.py" "$QISITE" "$src" --edits "$SERVE_EDITS" \
      --front-matter-edits 3 --site-edits 3 --log "$DIR/serve.log" >"$DIR/serve.json" ||
      fail "serve latency failed; the server's output is in \`$DIR/serve.log\`"
  fi
}

# fits N TOOL: succeeds when TOOL (full: qisite's build; hugo) should manage N projects on
# this machine. Scales linearly from the largest smaller N measured in $WORK with the same
# qisite binary: that build's peak RSS against 90% of the memory, and the size of the
# site it wrote against the free disk. Otherwise prints why. BENCH_GUARD=0 turns it off.
fits() {
  local n=$1 tool=$2 best=0 d m
  [ "${BENCH_GUARD:-1}" = 0 ] && return 0
  for d in "$WORK"/n*; do
    m=${d##*/n}
    [[ $m =~ ^[0-9]+$ ]] && [ "$m" -lt "$n" ] && [ "$m" -gt "$best" ] || continue
    [ "$(cat "$d/binary" 2>/dev/null)" = "$BINARY" ] && [ -s "$d/$tool.time" ] || continue
    best=$m
  done
  [ "$best" -gt 0 ] || return 0
  local peak_kib mem_kib out_bytes free_bytes key=out_bytes name="qisite's full build"
  [ "$tool" = hugo ] && key=hugo_out_bytes name="Hugo"
  peak_kib=$(awk 'NF == 4 && $1 ~ /^[0-9.]+$/ && $4 > m {m = $4} END {print m + 0}' "$WORK/n$best/$tool.time")
  mem_kib=$(awk '/^MemTotal/ {print $2}' /proc/meminfo)
  out_bytes=$(sed -n "s/^$key=//p" "$WORK/n$best/results.env")
  free_bytes=$(df -B1 --output=avail "$WORK" | tail -n 1)
  awk -v n="$n" -v b="$best" -v peak="$peak_kib" -v mem="$mem_kib" -v out="${out_bytes:-0}" \
    -v free="$free_bytes" -v name="$name" -v runs="$RUNS" '
    function gib(x) { return sprintf("%.1f GiB", x / 1073741824) }
    BEGIN {
      need = peak * n / b * 1024; have = mem * 0.9 * 1024
      if (need > have) {
        printf "%s would need about %s of memory (peak RSS %s at N = %d, scaled linearly), more than 90%% of this machine'"'"'s %s\n", name, gib(need), gib(peak * 1024), b, gib(mem * 1024)
        exit 1
      }
      disk = out * n / b * (runs + 2) * 1.1
      if (disk > free) {
        printf "%s would write about %s (scaled from N = %d), more than the %s free in BENCH_DIR\n", name, gib(disk), b, gib(free)
        exit 1
      }
    }'
}

# bench_size N: every measurement for N projects; writes $DIR/results.env.
bench_size() {
  local n=$1
  DIR="$WORK/n$n"
  local src="$WORK/p$n" out="$WORK/p$n-site" twin="$WORK/p$n-hugo" hout="$WORK/p$n-hugo-site"
  mkdir -p "$DIR"
  rm -f "$DIR"/*
  local env="$DIR/results.env"
  {
    echo "n=$n"
    echo "runs=$RUNS"
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "load_start=$(loadavg)"
  } >"$env"
  echo "$BINARY" >"$DIR/binary"
  local why
  if ! why=$(fits "$n" full); then
    say "N=$n: skipped: $why"
    echo "skipped=$why" >>"$env"
    echo "load_end=$(loadavg)" >>"$env"
    return
  fi

  say "N=$n: generating the portfolio and its Hugo twin"
  "$SYNTH" --projects "$n" --seed "$SEED" --out "$src" --plain-markdown 2>"$DIR/synth.log" ||
    fail "the generator failed:$(echo; tail -n 20 "$DIR/synth.log")"
  [ -d "$twin" ] || fail "the generator wrote no Hugo twin at \`$twin\`"
  echo "synth=$(head -n 1 "$DIR/synth.log")" >>"$env"

  say "N=$n: qisite full build, fresh output folder ($RUNS_TEXT)"
  time_runs full "$(retire_cmd "$out")" "'$QISITE' build '$src' --out '$out'"
  local line
  line=$(summary_line "$DIR/full.log")
  [ -n "$line" ] || fail "no summary line in \`$DIR/full.log\`"
  echo "full_summary=$line" >>"$env"
  echo "out_bytes=$(du -sb "$out" | cut -f1)" >>"$env"
  echo "out_files=$(find "$out" -type f | wc -l)" >>"$env"
  # The search index: every file under search/ but the search page itself.
  if [ -d "$out/search" ]; then
    echo "search_bytes=$(find "$out/search" -type f ! -name '*.html' -printf '%s\n' | awk '{s+=$1} END {print s+0}')" >>"$env"
    echo "search_files=$(find "$out/search" -type f ! -name '*.html' | wc -l)" >>"$env"
  fi

  # Chart PNGs (`charts.png: auto` draws them for up to 2,000 charts) are most of a small
  # portfolio's build, and Hugo draws no images: time the build without them too.
  local pngs
  pngs=$(find "$out" -name '*.png' | wc -l)
  echo "png_files=$pngs" >>"$env"
  if [ "$pngs" -gt 0 ]; then
    say "N=$n: qisite full build without chart PNGs (--png never), fresh output folder ($RUNS_TEXT)"
    time_runs nopng "$(retire_cmd "$out-nopng")" "'$QISITE' build '$src' --out '$out-nopng' --png never"
    retire "$out-nopng"
  fi

  say "N=$n: qisite rebuild of the unchanged site ($RUNS_TEXT)"
  time_runs rebuild "" "'$QISITE' build '$src' --out '$out'"
  echo "rebuild_summary=$(summary_line "$DIR/rebuild.log")" >>"$env"

  say "N=$n: qisite check ($RUNS_TEXT)"
  time_runs check "" "'$QISITE' check '$src'"

  [ $KEEP = 1 ] || retire "$out"
  if why=$(fits "$n" hugo); then
    say "N=$n: hugo on the plain-Markdown twin, fresh output folder ($RUNS_TEXT)"
    time_runs hugo "$(retire_cmd "$hout" "$twin/resources" "$twin/.hugo_build.lock")" \
      "hugo --source '$twin' --destination '$hout'"
    echo "hugo_out_bytes=$(du -sb "$hout" | cut -f1)" >>"$env"
    echo "hugo_out_files=$(find "$hout" -type f | wc -l)" >>"$env"
  else
    say "N=$n: hugo skipped: $why"
    echo "hugo_skipped=$why" >>"$env"
  fi

  [ $KEEP = 1 ] || retire "$out" "$hout"
  serve_latency "$n" "$src"
  echo "load_end=$(loadavg)" >>"$env"
  [ $KEEP = 1 ] || retire "$src" "$twin"
}

# ---------------------------------------------------------------------------------------
# Run and report
# ---------------------------------------------------------------------------------------

machine() {
  local cpu mem
  cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
  mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  echo "- CPU: ${cpu:-unknown}, $(nproc) logical CPUs (\`nproc\` = $(nproc))"
  echo "- Memory: $mem"
  echo "- Kernel: $(uname -srm)"
  echo "- $(rustc --version)"
  echo "- Hugo: $(hugo version | head -n 1)"
  echo "- $(hyperfine --version); GNU time (Debian package \`time\` $(dpkg-query -W -f='${Version}' time 2>/dev/null || echo 'of unknown version'))"
}

SECTIONS=()
for n in "${SIZES[@]}"; do
  bench_size "$n"
  SECTIONS+=("$WORK/n$n/results.env")
done

say "writing $REPORT"
tmp="$REPORT.tmp"
{
  if [ $APPEND = 1 ]; then
    cat "$REPORT"
  else
    python3 "$BENCH/report.py" header
    echo
    echo "## Machine"
    echo
    machine
  fi
  python3 "$BENCH/report.py" run --commit "$COMMIT" --command "$COMMAND" "${SECTIONS[@]}"
} >"$tmp" || fail "could not write the report; the measurements are in \`$WORK\`"
mv "$tmp" "$REPORT"
if [ "${BENCH_KEEP_TRASH:-0}" = 1 ]; then
  say "leaving the retired folders in \`$TRASH\` (BENCH_KEEP_TRASH=1)"
else
  say "deleting the retired folders in \`$TRASH\`"
  rm -rf "$TRASH"
fi
say "done: $REPORT"
