#!/bin/sh
# Makes the screenshots in this folder again, from the real widgets: the
# screenshot tour (tests/ui/screenshot-tour.c) fills a private history with
# example incidents, drafts and channels, walks the finished flow and renders
# each window through GTK. Usage: data/screenshots/update.sh [BUILD-DIR]
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-"$root/build"}
out="$root/data/screenshots"

meson compile -C "$build" screenshot-tour
CANDOR_TEST_SCREENSHOT_DIR="$out" "$root/.ci/headless" \
  meson test -C "$build" screenshot-tour --print-errorlogs
# Smaller files where the optimiser is installed; GTK's PNGs are already
# well under the 300 KB a software centre downloads comfortably.
if command -v optipng >/dev/null 2>&1; then
  optipng -quiet -o5 "$out"/*.png
fi
ls -l "$out"/*.png
