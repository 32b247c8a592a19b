#!/usr/bin/env bash
# Renders an HTML report (evalkit's report.html, or any page) with headless Chromium into
#   OUTDIR/first-screen.png   1280x800: what a reader sees on opening it on a laptop
#   OUTDIR/full-page.png      the whole page, 1280 wide
# and prints how long Chromium took. Installs Debian's `chromium` package with apt-get when no
# Chromium is found (only this script needs it, so scripts/setup.sh does not install it).
#
# Usage: scripts/screenshot-report.sh REPORT.html OUTDIR
# The page is opened from a file:// URL with networking left as it is: a self-contained report
# needs none. The full-page height is measured by a copy of the page with one line of script
# added (the report itself has none); a page taller than 50,000 pixels is cut there (said on
# stderr), which keeps Chromium's frame under 256 MB.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 REPORT.html OUTDIR" >&2
  exit 2
fi
report=$1
outdir=$2
if [ ! -f "$report" ]; then
  echo "screenshot-report: $report: file not found" >&2
  exit 2
fi
mkdir -p "$outdir"
report=$(realpath "$report")
outdir=$(realpath "$outdir")

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$(command -v "$candidate"); break; fi
done
if [ -z "$browser" ]; then
  echo "screenshot-report: installing chromium" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  browser=$(command -v chromium)
fi

flags=(--headless --disable-gpu --hide-scrollbars --no-first-run --no-default-browser-check --mute-audio
       --force-device-scale-factor=1 --user-data-dir="$(mktemp -d)")
# Chromium refuses to run as root without this (containers, CI images).
[ "$(id -u)" -ne 0 ] || flags+=(--no-sandbox)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo "screenshot-report: $("$browser" --version 2>/dev/null | head -1)" >&2

start=$(now)
"$browser" "${flags[@]}" --window-size=1280,800 --screenshot="$outdir/first-screen.png" "file://$report" >/dev/null 2>"$work/first.log" \
  || { cat "$work/first.log" >&2; exit 1; }
first=$(elapsed "$start" "$(now)")

# The page's height at 1280 wide: a copy that writes it into its title, read back with --dump-dom.
start=$(now)
sed 's|</body>|<script>document.title = "height=" + Math.ceil(document.documentElement.scrollHeight) + " width=" + innerWidth;</script></body>|' \
  "$report" >"$work/measure.html"
measured=$("$browser" "${flags[@]}" --window-size=1280,800 --dump-dom "file://$work/measure.html" 2>"$work/measure.log" \
  | sed -n 's|.*<title>\(height=[0-9]* width=[0-9]*\)</title>.*|\1|p' | head -1)
height=$(echo "$measured" | sed -n 's|height=\([0-9]*\).*|\1|p')
width=$(echo "$measured" | sed -n 's|.*width=\([0-9]*\)|\1|p')
if [ -n "$width" ] && [ "$width" != 1280 ]; then
  echo "screenshot-report: measured at $width px wide, not 1280: the height may be off" >&2
fi
if [ -z "$height" ]; then
  echo "screenshot-report: could not measure the page height; using 800" >&2
  cat "$work/measure.log" >&2
  height=800
fi
[ "$height" -ge 800 ] || height=800
if [ "$height" -gt 50000 ]; then
  echo "screenshot-report: the page is $height px tall; full-page.png is cut at 50,000 (256 MB of pixels)" >&2
  height=50000
fi
"$browser" "${flags[@]}" --window-size=1280,"$height" --screenshot="$outdir/full-page.png" "file://$report" >/dev/null 2>"$work/full.log" \
  || { cat "$work/full.log" >&2; exit 1; }
full=$(elapsed "$start" "$(now)")

echo "screenshot-report: $outdir/first-screen.png (1280x800) in ${first} s" >&2
echo "screenshot-report: $outdir/full-page.png (1280x$height) in ${full} s (measuring the height included)" >&2
