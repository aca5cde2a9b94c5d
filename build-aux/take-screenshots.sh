#!/bin/bash
# take-screenshots.sh BUILDDIR OUTDIR [CAPTURE]
# Takes the screenshots for the AppStream metainfo: runs the built program
# on a capture in a headless X server (Xvfb), grabs the screen and trims it
# to the window, in the light and the dark style, in English and in
# Simplified Chinese. Upload the PNGs where the <screenshot> URLs in
# data/com.example.TcpViz.metainfo.xml.in point (they are placeholders on
# example.com until the project has a site).
# Needs xvfb-run, xwd and ImageMagick's convert (build-aux/install-deps.sh),
# and for the Chinese ones the zh_CN.UTF-8 locale and the translation
# installed under the build's LOCALEDIR (meson install).
set -eu
builddir=${1:?usage: take-screenshots.sh BUILDDIR OUTDIR [CAPTURE]}
outdir=${2:?usage: take-screenshots.sh BUILDDIR OUTDIR [CAPTURE]}
top=$(cd "$(dirname "$0")/.." && pwd)
capture=${3:-$top/data/example/tcpviz-example.pcap}
[ -e "$capture" ] || capture=$top/tests/captures/loopback-http.pcap
program=$builddir/src/tcpviz
for tool in xvfb-run xwd convert; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
mkdir -p "$outdir"

shoot() {  # shoot NAME LANG SCHEME
  local raw
  raw=$(mktemp --suffix=.png)
  env LANG="$2" LANGUAGE= ADW_DEBUG_COLOR_SCHEME="$3" \
    GSETTINGS_SCHEMA_DIR="$builddir/data" GSETTINGS_BACKEND=memory \
    GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
    xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
      "$1" "$2" & app=$!
      sleep 5
      xwd -root -silent | convert xwd:- "$3"
      kill $app; wait $app 2>/dev/null; exit 0' shoot "$program" "$capture" "$raw"
  # The window sits on a black root window: trim the black away.
  convert "$raw" -bordercolor black -border 1 -trim +repage "$outdir/$1.png"
  rm -f "$raw"
  echo "$outdir/$1.png"
}

shoot ladder C.UTF-8 prefer-light
shoot ladder-dark C.UTF-8 prefer-dark
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  shoot ladder-zh_CN zh_CN.UTF-8 prefer-light
else
  echo "no zh_CN.UTF-8 locale: skipped the Chinese screenshot" >&2
fi
