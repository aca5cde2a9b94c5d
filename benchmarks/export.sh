#!/bin/bash
# export.sh: how long `tcpviz --export` takes, and how much memory, for one
# long connection in every format.
#
# usage: benchmarks/export.sh BUILD_DIR [DATA_SEGMENTS] [RUNS]
#   BUILD_DIR      a configured and built meson build dir (holds src/tcpviz)
#   DATA_SEGMENTS  full-size response segments of the one HTTP connection,
#                  default 13333 (with the ACKs, handshake and close: 20 008
#                  segments)
#   RUNS           runs of each format, default 3
#
# The capture is made once by tv-bench-gen.c (one connection) and kept in
# ${TMPDIR:-/tmp}/tcpviz-bench.  For each format (PNG at 1x and 2x, SVG, PDF
# one page and A4 pages, Mermaid, PlantUML, plain text) it prints the
# medians of wall time, CPU time (user + system) and peak RSS
# (/usr/bin/time), the number of files and their size.  On a loaded machine
# read the CPU column: the wall time grows with the load, the CPU time not.
# TV_EXPORT_ONLY="svg pdf" runs only the formats named (by their first word).
set -u

usage() { sed -n '5,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] || usage
build=$(readlink -f "$1")
segs=${2:-13333}
runs=${3:-3}
case "$segs$runs" in *[!0-9]*) usage ;; esac

here=$(cd "$(dirname "$0")" && pwd)
tmp=${TMPDIR:-/tmp}/tcpviz-bench
mkdir -p "$tmp/include" "$tmp/export"
exe=$build/src/tcpviz
[ -x "$exe" ] || { echo "export.sh: $exe is missing: build it with ninja -C $build" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "export.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

[ -f "$build/config.h" ] || : > "$tmp/include/config.h"
cc -O2 -I"$build" -I"$tmp/include" -o "$tmp/gen-own" "$here/tv-bench-gen.c" || exit 2
cap=$tmp/export-1-$segs.pcap
if [ ! -s "$cap" ]; then
  "$tmp/gen-own" "$cap.part" 1 "$segs" > /dev/null 2>&1 && mv "$cap.part" "$cap" ||
    { rm -f "$cap.part"; echo "export.sh: could not make $cap" >&2; exit 2; }
fi
cat "$cap" > /dev/null   # warm the page cache
n=$("$exe" --summary "$cap" | awk 'NR == 2 {print $4}')

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
printf 'export: one connection of %s segments (%s)\n' "$n" "$(basename "$cap")"
printf '%-16s %9s %9s %9s %6s %10s\n' FORMAT WALL_S CPU_S PEAK_MiB FILES SIZE
run_format() {  # NAME EXT ARGS...
  local name=$1 ext=$2 i w=() c=() m=() out files size
  shift 2
  if [ -n "${TV_EXPORT_ONLY:-}" ] && ! [[ " $TV_EXPORT_ONLY " == *" ${name%% *} "* ]]; then return; fi
  for i in $(seq "$runs"); do
    rm -f "$tmp/export/"*
    /usr/bin/time -o "$tmp/time.out" -f "TIME %e %U %S %M" \
      "$exe" --export "$tmp/export/out.$ext" "$@" "$cap" > /dev/null 2>&1 ||
      { echo "export.sh: tcpviz --export out.$ext $* failed" >&2; return; }
    out=$(grep '^TIME' "$tmp/time.out")
    w+=("$(echo "$out" | awk '{print $2}')")
    c+=("$(echo "$out" | awk '{printf "%.2f", $3 + $4}')")
    m+=("$(echo "$out" | awk '{printf "%.0f", $5 / 1024}')")
  done
  files=$(ls "$tmp/export" | wc -l)
  size=$(du -ch "$tmp/export/"* | tail -1 | awk '{print $1}')
  printf '%-16s %9s %9s %9s %6s %10s\n' "$name" \
    "$(printf '%s\n' "${w[@]}" | median)" "$(printf '%s\n' "${c[@]}" | median)" \
    "$(printf '%s\n' "${m[@]}" | median)" "$files" "$size"
}
run_format "png 1x" png
run_format "png 2x" png --scale 2
run_format "svg" svg
run_format "pdf" pdf
run_format "pdf a4" pdf --paper a4
run_format "mermaid" mmd
run_format "plantuml" puml
run_format "text" txt
rm -f "$tmp/export/"*
