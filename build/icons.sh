#!/usr/bin/env bash
# Regenerates build/icon.png (512) and build/icon.ico (16–256) from build/icon.svg. The outputs are
# committed; run this after changing the drawing. Needs Debian's librsvg2-bin and icoutils.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in 16 24 32 48 64 128 256 512; do rsvg-convert -w "$s" -h "$s" icon.svg -o "$tmp/$s.png"; done
cp "$tmp/512.png" icon.png
# 256 is stored as PNG inside the ICO (-r), as Windows expects for that size; the small ones as bitmaps.
icotool -c -o icon.ico "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" -r "$tmp/256.png"
icotool -l icon.ico
