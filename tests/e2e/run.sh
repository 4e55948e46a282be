#!/usr/bin/env bash
# End-to-end browser tests for qisite: the one entry point for CI and developers.
#
#   bash tests/e2e/run.sh [SITE_DIR]
#
# Without SITE_DIR, builds content-example with target/release/qisite into a
# temporary folder first (run `cargo build --release` before). Drives Debian's
# /usr/bin/chromium through playwright-core; never downloads a browser.
# Environment: QISITE_E2E_MODES=file,subpath (default both)
#              QISITE_E2E_CHROMIUM=/usr/bin/chromium
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="${QISITE_E2E_CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$chromium" ]; then
  echo "e2e: $chromium not found. Install Debian's Chromium (as root):" >&2
  echo "       apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium" >&2
  echo "     Never run 'npx playwright install': the suite uses the system browser." >&2
  exit 1
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "e2e: node and npm are needed (Node 20 or later)." >&2
  exit 1
fi

tmp=""
cleanup() { if [ -n "$tmp" ]; then rm -rf "$tmp"; fi; }
trap cleanup EXIT

site="${1:-}"
if [ -z "$site" ]; then
  bin="$root/target/release/qisite"
  if [ ! -x "$bin" ]; then
    echo "e2e: $bin not found; run 'cargo build --release' first, or pass a built SITE_DIR." >&2
    exit 1
  fi
  tmp="$(mktemp -d)"
  site="$tmp/site"
  echo "e2e: building content-example into $site"
  "$bin" build "$root/content-example" --out "$site"
fi
if [ ! -f "$site/index.html" ]; then
  echo "e2e: $site has no index.html; is it a built site?" >&2
  exit 1
fi
site="$(cd "$site" && pwd)"

cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "e2e: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

export QISITE_E2E_SITE="$site"
echo "e2e: testing $site with $("$chromium" --version 2>/dev/null | head -n1)"
start=$SECONDS
status=0
# Every *.test.js here: site.test.js, and one file per interactive feature.
node --test --test-reporter=spec ./*.test.js || status=$?
echo "e2e: done in $((SECONDS - start)) s (screenshots in tests/e2e/screenshots/)"
exit "$status"
