#!/bin/bash
# load.sh: how fast TcpViz reads a large capture into its connection model,
# beside the floor (libpcap reading the same file and doing nothing) and
# tshark building its TCP conversation table.
#
# usage: benchmarks/load.sh BUILD_DIR [CONNECTIONS] [DATA_SEGMENTS] [--no-tshark]
#   BUILD_DIR      a configured and built meson build dir (holds src/tcpviz)
#   CONNECTIONS    HTTP connections in the capture, default 50000
#   DATA_SEGMENTS  full-size response segments per connection, default 2
#                  (frames per connection: 8 + DATA_SEGMENTS + its half,
#                  rounded up: 11 for the default, 550000 frames, 178 MiB)
#
# The capture is made once and kept in ${TMPDIR:-/tmp}/tcpviz-bench.  When
# the project's shared folder sits next to the repository (X/main and
# X/shared), its bench/gen-http-pcap.c and bench/pcap-floor.c are used, so
# that the numbers compare with ../shared/bench/load-bench; otherwise this
# folder's tv-bench-gen.c and tv-pcap-floor.c, which do the same.  Set
# TV_BENCH_OWN=1 to use this folder's programs in any case.
#
# Each program runs 3 times on a warm page cache; the medians of wall time
# and peak RSS (/usr/bin/time -f '%e %M') are printed.  tcpviz runs as
# `tcpviz --summary FILE`, which must build the whole model.  The last line
# holds the ratios.  One more run of tcpviz with TCPVIZ_LOAD_TIMING=1 shows
# where its time went: the CPU time of the reader thread (libpcap, decoding,
# labels) and of the tracker thread, and how long the tracker waited.
set -u

usage() { sed -n '6,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] || usage
args=()
with_tshark=1
for a in "$@"; do
  case $a in
    --no-tshark) with_tshark=0 ;;
    -h|--help) usage ;;
    *) args+=("$a") ;;
  esac
done
build=$(readlink -f "${args[0]}")
conns=${args[1]:-50000}
segs=${args[2]:-2}
case "$conns$segs" in *[!0-9]*) usage ;; esac

here=$(cd "$(dirname "$0")" && pwd)
shared=$(readlink -f "$here/../../shared/bench" 2> /dev/null || true)
tmp=${TMPDIR:-/tmp}/tcpviz-bench
mkdir -p "$tmp/include"
exe=$build/src/tcpviz
[ -x "$exe" ] || { echo "load.sh: $exe is missing: build it with ninja -C $build" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "load.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
if [ $with_tshark = 1 ] && ! command -v tshark > /dev/null; then
  echo "load.sh: tshark is missing; running without it" >&2
  with_tshark=0
fi

# the generator and the floor
if [ "${TV_BENCH_OWN:-0}" != 1 ] && [ -f "$shared/gen-http-pcap.c" ] && [ -f "$shared/pcap-floor.c" ]; then
  gen_src=$shared/gen-http-pcap.c; floor_src=$shared/pcap-floor.c; tag=shared
else
  gen_src=$here/tv-bench-gen.c; floor_src=$here/tv-pcap-floor.c; tag=own
fi
# our sources include config.h; the build dir has it, else an empty one
[ -f "$build/config.h" ] || : > "$tmp/include/config.h"
cc -O2 -I"$build" -I"$tmp/include" -o "$tmp/gen-$tag" "$gen_src" || exit 2
cc -O2 -I"$build" -I"$tmp/include" -o "$tmp/floor-$tag" "$floor_src" -lpcap || exit 2

cap=$tmp/http-$tag-$conns-$segs.pcap
if [ ! -s "$cap" ]; then
  echo "making $cap with $(basename "$gen_src") ..." >&2
  "$tmp/gen-$tag" "$cap.part" "$conns" "$segs" > /dev/null 2>&1 && mv "$cap.part" "$cap" ||
    { rm -f "$cap.part"; echo "load.sh: could not make $cap" >&2; exit 2; }
fi
cat "$cap" > /dev/null   # warm the page cache
frames=$("$tmp/floor-$tag" "$cap" | awk '{print $1}')

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
measure() {  # COMMAND...: prints "wall_s peak_MiB", medians of 3 runs
  local w=() m=() i out
  for i in 1 2 3; do
    /usr/bin/time -o "$tmp/time.out" -f "TIME %e %M" "$@" > /dev/null 2>&1
    out=$(grep '^TIME' "$tmp/time.out" | tail -1)
    w+=("$(echo "$out" | awk '{print $2}')")
    m+=("$(echo "$out" | awk '{print $3}')")
  done
  echo "$(printf '%s\n' "${w[@]}" | median) $(( $(printf '%s\n' "${m[@]}" | median) / 1024 ))"
}
ratio() { echo "$1 $2" | awk '{printf "%.1f", $1 / ($2 > 0.01 ? $2 : 0.01)}'; }

if ! "$exe" --summary "$cap" > "$tmp/summary.out" 2> "$tmp/summary.err"; then
  echo "load.sh: tcpviz --summary failed on $cap:" >&2
  tail -5 "$tmp/summary.err" >&2
  exit 1
fi

read -r fw fm < <(measure "$tmp/floor-$tag" "$cap")
read -r tw tm < <(measure "$exe" --summary "$cap")

echo "capture: $cap ($frames frames, $conns connections, $(( $(stat -c %s "$cap") / 1048576 )) MiB, generator: $tag)"
echo "floor (libpcap read only): ${fw} s, ${fm} MiB"
echo "tcpviz --summary:          ${tw} s, ${tm} MiB"
# where tcpviz's time goes: its two load threads (one more run)
TCPVIZ_LOAD_TIMING=1 "$exe" --summary "$cap" 2>&1 > /dev/null | grep '^load timing' | sed 's/^/  /'
line="load: tcpviz ${tw} s = $(ratio "$tw" "$fw")x floor, ${tm} MiB"
if [ $with_tshark = 1 ]; then
  read -r sw sm < <(measure tshark -n -q -r "$cap" -z conv,tcp)
  echo "tshark -z conv,tcp:        ${sw} s, ${sm} MiB"
  line="$line; tshark ${sw} s ($(ratio "$sw" "$tw")x slower), ${sm} MiB ($(echo "$sm $tm" | awk '{printf "%.1f", $1 / ($2 > 0 ? $2 : 1)}')x more memory)"
fi
echo "$line"
