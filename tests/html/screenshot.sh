#!/bin/sh
# Renders the HTML report of the Scottish Borders fixture in headless Chromium and writes
# docs/images/html-report.png (and, with --pdf, a printed copy in /tmp) to look at the design.
#
# Usage: tests/html/screenshot.sh [--pdf] [REPORT.html]
#   REPORT.html  an HTML report to render; default: build/dev/dutycheck check --format html on
#                fixtures/scottish-borders-2023.json, as of 2026-01-01 (the golden reports' date)
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
pdf=no
if [ "${1:-}" = "--pdf" ]; then pdf=yes; shift; fi

# Debian's chromium, installed only when missing.
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
    else
        sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
    fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ $# -ge 1 ]; then
    cp "$1" "$work/report.html"
else
    binary=${DUTYCHECK:-$root/build/dev/dutycheck}
    # Exit 1 means findings, which is the point of the fixture; 2 is an error.
    status=0
    (cd "$root" && "$binary" check --format html --as-of 2026-01-01 --fail-on none \
        fixtures/scottish-borders-2023.json) >"$work/report.html" || status=$?
    if [ "$status" -ne 0 ]; then
        echo "screenshot.sh: dutycheck check --format html failed (exit $status)" >&2
        exit "$status"
    fi
fi

# No network and no profile: the report must render from the file alone.
chrome() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" "$@" >"$work/chromium.log" 2>&1 || {
        cat "$work/chromium.log" >&2
        exit 1
    }
}

mkdir -p "$root/docs/images"
chrome --hide-scrollbars --screenshot="$root/docs/images/html-report.png" --window-size=1280,1600 \
    "file://$work/report.html"
echo "wrote docs/images/html-report.png"

if [ "$pdf" = yes ]; then
    chrome --no-pdf-header-footer --print-to-pdf=/tmp/dutycheck-html-report.pdf "file://$work/report.html"
    echo "wrote /tmp/dutycheck-html-report.pdf"
fi
