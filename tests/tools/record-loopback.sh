#!/bin/bash
# record-loopback.sh: records real TCP traffic of the kernel's own stack over
# the loopback interface, for TcpViz's tests and its example capture.
#
# usage: tests/tools/record-loopback.sh [OUTPUT_DIR [EXAMPLE_FILE]]
#   OUTPUT_DIR    default: tests/captures (next to this script)
#   EXAMPLE_FILE  default: data/example/tcpviz-example.pcap
#
# Needs root (tcpdump on lo), tcpdump, tshark, curl, openssl and python3.
# Writes:
#   loopback-http.pcap     two curl runs against python3's http.server
#                          (HTTP/1.1): one GET, then two GETs on one
#                          keep-alive connection
#   loopback-https.pcap    curl -k against openssl s_server -www: a real
#                          TLS 1.3 handshake and one request
#   loopback-refused.pcap  curl to a port nobody listens on: SYN, RST-ACK
#   EXAMPLE_FILE           the first connection of loopback-http.pcap
#
# The HTTP server answers each request with one write and closes its end
# 200 ms after the client closed, so that the kernel acknowledges the
# client's FIN on its own (delayed ACK, 40 ms) before the server's FIN: a
# four-way close, as in the textbooks.
# The servers listen on 127.0.0.1 on unusual ports (47080, 47443; 47999 is
# the closed one) and are stopped when the script ends.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=$(realpath -m "${1:-$here/../captures}")
example=$(realpath -m "${2:-$here/../../data/example/tcpviz-example.pcap}")
http_port=47080
https_port=47443
closed_port=47999

for tool in tcpdump tshark curl openssl python3; do
  command -v "$tool" > /dev/null || { echo "record-loopback: $tool is missing" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "record-loopback: tcpdump on lo needs root" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tv-loopback.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Waits until something listens on 127.0.0.1:$1.
wait_listen() {
  for _ in $(seq 50); do
    if (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; then return 0; fi
    sleep 0.1
  done
  echo "record-loopback: nothing listens on port $1" >&2
  exit 1
}

# Probing a port with wait_listen makes a connection of its own; start
# tcpdump only afterwards.
tcpdump_pid=
tcpdump_log=
start_capture() {  # FILE PORT
  tcpdump_log=$1.log             # one log per capture: no stale "listening on"
  # --immediate-mode: without it libpcap hands packets over a ring block at a
  # time, and the last packets before SIGINT would be lost
  tcpdump -i lo -U --immediate-mode -n -Z root -s 262144 -w "$1" "tcp port $2" 2> "$tcpdump_log" &
  tcpdump_pid=$!
  for _ in $(seq 100); do
    grep -q "listening on" "$tcpdump_log" 2> /dev/null && break
    sleep 0.1
  done
  sleep 0.5
}
stop_capture() {
  sleep 1                        # let the last ACKs and FINs pass
  kill -INT "$tcpdump_pid"
  wait "$tcpdump_pid" || true
  grep "captured" "$tcpdump_log" | sed 's/^/  tcpdump: /'
}

# --- servers ---------------------------------------------------------------

mkdir -p "$work/www"
cat > "$work/www/index.html" << 'EOF'
<!DOCTYPE html>
<html><head><title>TcpViz</title></head>
<body><h1>Hello, TCP!</h1></body></html>
EOF
printf 'Second request on the same connection.\n' > "$work/www/hello.txt"

(cd "$work/www" && exec python3 -c '
import http.server, sys, time
class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 65536          # header and body leave in one write
    def handle(self):
        super().handle()
        time.sleep(0.2)       # close 200 ms after the client did: the kernel
                              # acks the FIN first, a four-way close
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
' "$http_port") &
pids+=($!)

openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2> /dev/null
openssl s_server -quiet -accept "$https_port" -naccept 1 -www \
  -cert "$work/cert.pem" -key "$work/key.pem" > /dev/null 2>&1 &
pids+=($!)

wait_listen "$http_port"
# s_server counts connections with -naccept: do not probe it, just wait
sleep 1

# --- HTTP ------------------------------------------------------------------

echo "recording $out/loopback-http.pcap"
start_capture "$work/http.pcap" "$http_port"
curl -sS -o /dev/null "http://127.0.0.1:$http_port/"
sleep 0.3
curl -sS -o /dev/null -o /dev/null \
  "http://127.0.0.1:$http_port/" "http://127.0.0.1:$http_port/hello.txt"
stop_capture

# --- HTTPS -----------------------------------------------------------------

echo "recording $out/loopback-https.pcap"
start_capture "$work/https.pcap" "$https_port"
curl -sS -k -o /dev/null "https://127.0.0.1:$https_port/"
stop_capture

# --- a closed port ---------------------------------------------------------

echo "recording $out/loopback-refused.pcap"
start_capture "$work/refused.pcap" "$closed_port"
curl -sS -o /dev/null "http://127.0.0.1:$closed_port/" 2> /dev/null || true
stop_capture

mkdir -p "$out" "$(dirname "$example")"
cp "$work/http.pcap" "$out/loopback-http.pcap"
cp "$work/https.pcap" "$out/loopback-https.pcap"
cp "$work/refused.pcap" "$out/loopback-refused.pcap"
tshark -n -r "$work/http.pcap" -Y "tcp.stream == 0" -F pcap -w "$example" 2> /dev/null
echo "wrote $example (tcp.stream 0 of loopback-http.pcap)"

for f in "$out/loopback-http.pcap" "$out/loopback-https.pcap" "$out/loopback-refused.pcap" "$example"; do
  echo "$(basename "$f"): $(tshark -n -r "$f" 2> /dev/null | wc -l) frames," \
       "$(tshark -n -r "$f" -T fields -e tcp.stream 2> /dev/null | sort -u | grep -c .) tcp streams"
done
