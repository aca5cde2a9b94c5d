#!/bin/bash
# Hostile-size captures: how much time and memory TcpViz needs for them.
#
#   benchmarks/hostile.sh BUILD_DIR [SEGMENTS [CONNECTIONS]]
#
# Defaults: one connection of 10 000 000 segments (560 MB file) and
# 2 000 000 connections of one SYN each (112 MB).  Both files hold headers
# only (raw IPv4, snap length 40): 56 bytes a frame, the least a TCP
# segment can take on disk, so they are the worst case of memory asked for
# a byte of file.  They are made with tv-bench-hostile.c and kept in
# ${TMPDIR:-/tmp}/tcpviz-hostile/ (delete it to make them again).
#
# For each file: "tcpviz --summary" and "tcpviz --json" (to /dev/null), with
# their wall time and peak RSS (/usr/bin/time), and the bytes of peak RSS per
# segment or per connection.
set -u
build=${1:?usage: hostile.sh BUILD_DIR [SEGMENTS [CONNECTIONS]]}
segs=${2:-10000000}
conns=${3:-2000000}
here=$(cd "$(dirname "$0")" && pwd)
tcpviz=$build/src/tcpviz
[ -x "$tcpviz" ] || { echo "no $tcpviz: build it first (ninja -C $build)"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt install time)"; exit 2; }
dir=${TMPDIR:-/tmp}/tcpviz-hostile
mkdir -p "$dir"
cc -O2 -I"$build" -o "$dir/gen" "$here/tv-bench-hostile.c" || exit 2

one=$dir/one-connection-$segs.pcap
many=$dir/many-connections-$conns.pcap
[ -f "$one" ] || "$dir/gen" "$one" one-connection "$segs" || exit 1
[ -f "$many" ] || "$dir/gen" "$many" many-connections "$conns" || exit 1

measure() {  # $1 mode, $2 file, $3 count, $4 unit
  local out
  /usr/bin/time -o "$dir/time.out" -f '%e %M' "$tcpviz" "--$1" "$2" >/dev/null 2>&1
  out=$(tail -1 "$dir/time.out")
  set -- "$1" "$2" "$3" "$4" $out
  local mib=$(( $6 / 1024 ))
  local per=$(( $6 * 1024 / $3 ))
  local size=$(( $(stat -c %s "$2") / 1048576 ))
  printf '%-8s %-40s %5s MiB file  %7s s  %6s MiB peak RSS  %4s bytes a %s\n' \
         "$1" "$(basename "$2")" "$size" "$5" "$mib" "$per" "$4"
}

measure summary "$one" "$segs" segment
measure json "$one" "$segs" segment
measure summary "$many" "$conns" connection
measure json "$many" "$conns" connection
