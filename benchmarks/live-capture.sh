#!/bin/bash
# live-capture.sh: how many packets per second TcpViz's capture core
# (TvLiveCapture: capture thread, spool file, decoding, hand-over to the
# tracker on the main thread) takes on the loopback interface without
# dropping any, beside tcpdump under the same load.
#
# usage: sudo benchmarks/live-capture.sh BUILD_DIR [SECONDS] [RATES...]
#   BUILD_DIR  a configured and built meson build dir (holds
#              tests/live/tv-capture-bench)
#   SECONDS    how long each load runs, default 5
#   RATES      connections per second to aim at, default "1000 2000 5000 0"
#              (0: as fast as the load generator goes)
#
# The load: benchmarks/tv-tcp-blast.c, 4 client threads opening short
# HTTP-like connections to a server on 127.0.0.1 (about 10 packets each,
# handshake to last ACK).  Each capturer runs alone under the same load,
# with the filter "tcp port PORT":
#   tcpviz      tv-capture-bench -i lo (TvLiveCapture defaults: packets
#               in blocks at most 10 ms late, 16 MiB buffer, snaplen
#               262144, spool in $TMPDIR)
#   tcpviz-imm  the same in immediate mode (--immediate:
#               tv_live_capture_set_immediate (c, TRUE, 0))
#   tcpdump     tcpdump -i lo -w /dev/null (its defaults: 2 MiB buffer,
#               packets handed over in blocks, at most 1 s late)
#   tcpdump-imm tcpdump -i lo --immediate-mode -B 16384 -w /dev/null (the
#               same settings as TcpViz, but no spool on disk)
# Each capturer stops 1.5 s after the load (tcpdump's blocks time out after
# 1 s), by SIGINT.  Set CAPTURERS to run only some ("tcpviz tcpdump").
# Printed per capturer: packets captured, packets per
# second over the load's duration, dropped by the kernel, dropped by the
# interface, CPU seconds (user+system) of the capturing process.
# Needs root (or the capture capabilities), cc and tcpdump.
set -u

usage() { sed -n '7,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] || usage
case $1 in -h|--help) usage ;; esac
build=$(readlink -f "$1")
secs=${2:-5}
shift; shift 2>/dev/null
rates=${*:-"1000 2000 5000 0"}
bench="$build/tests/live/tv-capture-bench"
here=$(cd "$(dirname "$0")" && pwd)

[ -x "$bench" ] || { echo "no $bench: build first (ninja -C $build)"; exit 1; }
command -v tcpdump >/dev/null || { echo "tcpdump is not installed"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tv-live-bench-XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
cc -O2 -pthread -o "$tmp/blast" "$here/tv-tcp-blast.c" || exit 1

port=$(( 42000 + RANDOM % 6000 ))

# CPU seconds (user + system) of a running process, from /proc.
cpu_of() {
  local stat tck
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  tck=$(getconf CLK_TCK)
  set -- ${stat##*) }
  echo "scale=2; (${12} + ${13}) / $tck" | bc
}

# wait_for FILE PATTERN: 10 s at most
wait_for() {
  local i
  for i in $(seq 200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
  return 1
}

printf '%-8s %-12s %9s %10s %9s %9s %8s %7s\n' \
  "rate" "capturer" "conns" "packets" "pkt/s" "k-drop" "if-drop" "cpu-s"

for rate in $rates; do
  for who in ${CAPTURERS:-tcpviz tcpviz-imm tcpdump tcpdump-imm}; do
    port=$(( port + 1 ))
    filter="tcp port $port"
    out="$tmp/$who.out"
    err="$tmp/$who.err"
    : > "$out"; : > "$err"
    case $who in
      tcpviz)
        "$bench" -i lo -f "$filter" -w "$tmp/spool.pcap" > "$out" 2> "$err" &
        pid=$!; ready="ready" ; log=$out ;;
      tcpviz-imm)
        "$bench" -i lo -f "$filter" --immediate -w "$tmp/spool.pcap" > "$out" 2> "$err" &
        pid=$!; ready="ready" ; log=$out ;;
      tcpdump)
        tcpdump -i lo -n -w /dev/null "$filter" > "$out" 2> "$err" &
        pid=$!; ready="listening on"; log=$err ;;
      tcpdump-imm)
        tcpdump -i lo -n --immediate-mode -B 16384 -w /dev/null "$filter" > "$out" 2> "$err" &
        pid=$!; ready="listening on"; log=$err ;;
    esac
    pids+=("$pid")
    wait_for "$log" "$ready" || { echo "$who did not start: $(cat "$err")"; exit 1; }

    load=$("$tmp/blast" "$port" "$secs" 4 "$rate")
    conns=${load#connections=}; conns=${conns%% *}
    sleep 1.5
    cpu=$(cpu_of "$pid")
    kill -INT "$pid"; wait "$pid" 2>/dev/null

    case $who in
      tcpviz*)
        line=$(grep '^packets=' "$out")
        packets=$(sed 's/.*packets=\([0-9]*\).*/\1/' <<< "$line")
        kdrop=$(sed 's/.*kernel_dropped=\([0-9]*\).*/\1/' <<< "$line")
        idrop=$(sed 's/.*if_dropped=\([0-9]*\).*/\1/' <<< "$line") ;;
      *)
        packets=$(sed -n 's/^\([0-9]*\) packets\{0,1\} captured.*/\1/p' "$err")
        kdrop=$(sed -n 's/^\([0-9]*\) packets\{0,1\} dropped by kernel.*/\1/p' "$err")
        idrop=$(sed -n 's/^\([0-9]*\) packets\{0,1\} dropped by interface.*/\1/p' "$err")
        idrop=${idrop:-0} ;;
    esac
    pps=$(( packets / secs ))
    printf '%-8s %-12s %9s %10s %9s %9s %8s %7s\n' \
      "$([ "$rate" = 0 ] && echo max || echo "$rate/s")" "$who" "$conns" "$packets" "$pps" "$kdrop" "$idrop" "$cpu"
  done
done
