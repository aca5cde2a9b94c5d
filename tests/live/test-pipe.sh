#!/bin/bash
# test-pipe.sh: a pcap stream piped in from tcpdump, as the permission
# message suggests:  tcpdump -i lo -U -w - 'tcp port N' | tcpviz --json -
# Real traffic: python3's http.server on 127.0.0.1 and curl.  Checks that
# tcpviz reads every packet tcpdump wrote and finds each connection with
# its handshake.
#
# usage: test-pipe.sh TCPVIZ
# Exits 77 (skipped) when tcpdump, curl or python3 is missing or tcpdump
# may not capture here.
set -u
tcpviz=$1

[ -x "$tcpviz" ] || { echo "FAIL: $tcpviz is not built"; exit 1; }
for t in tcpdump curl python3; do
  command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t is not installed"; exit 77; }
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/tv-test-pipe-XXXXXX")
server=
dump=
viz=
cleanup() {
  for p in $dump $viz $server; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

# Waits until "$@" succeeds, 10 s at most.
wait_for() {
  local i
  for i in $(seq 200); do "$@" && return 0; sleep 0.05; done
  return 1
}

port=$(python3 -c '
import random, socket
for _ in range(200):
    p = random.randint(42000, 48999)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); print(p); break
    except OSError:
        pass
    finally:
        s.close()')
echo "<html>TcpViz pipe test</html>" > "$dir/index.html"
python3 -m http.server --bind 127.0.0.1 --directory "$dir" "$port" >/dev/null 2>&1 &
server=$!
# Listening, from /proc/net/tcp: a probe connection could leave segments
# that come after tcpdump starts.
listen_line=" 0100007F:$(printf '%04X' "$port") 00000000:0000 0A "
wait_for grep -q "$listen_line" /proc/net/tcp || { echo "FAIL: http.server did not start"; exit 1; }

mkfifo "$dir/pipe"
"$tcpviz" --json - < "$dir/pipe" > "$dir/out.json" 2> "$dir/tcpviz.err" &
viz=$!
tcpdump -i lo -U -n -w - "tcp port $port" > "$dir/pipe" 2> "$dir/tcpdump.err" &
dump=$!

listening() { grep -q "listening on" "$dir/tcpdump.err" || ! kill -0 "$dump" 2>/dev/null; }
wait_for listening
if ! kill -0 "$dump" 2>/dev/null; then
  if grep -qiE "permission|not permitted" "$dir/tcpdump.err"; then
    echo "SKIP: tcpdump may not capture here: $(cat "$dir/tcpdump.err")"
    exit 77
  fi
  echo "FAIL: tcpdump ended: $(cat "$dir/tcpdump.err")"
  echo "tcpviz said: $(cat "$dir/tcpviz.err")"
  exit 1
fi

for i in 1 2 3; do
  curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/index.html" || { echo "FAIL: curl"; exit 1; }
done
# Without --immediate-mode (as in the command people are told to use),
# tcpdump gets packets from the kernel in blocks retired after at most 1 s,
# and a block still open when it is interrupted is lost: wait for it.
sleep 1.5
kill -INT "$dump"
wait "$dump"
dump=
gone() { ! kill -0 "$viz" 2>/dev/null; }
wait_for gone || { echo "FAIL: tcpviz did not end after tcpdump"; exit 1; }
wait "$viz"
rc=$?
viz=
[ $rc -eq 0 ] || { echo "FAIL: tcpviz --json - exited $rc: $(cat "$dir/tcpviz.err")"; exit 1; }

captured=$(sed -n 's/^\([0-9]*\) packets\{0,1\} captured.*/\1/p' "$dir/tcpdump.err")
echo "tcpdump: $(tr '\n' ';' < "$dir/tcpdump.err")"
python3 - "$dir/out.json" "$port" "$captured" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
port, captured = int(sys.argv[2]), int(sys.argv[3])
conns = [c for c in doc["connections"] if c["server"]["port"] == port]
print(f"tcpviz read {doc['frames']} frames ({doc['tcp_frames']} TCP) from the pipe, "
      f"tcpdump captured {captured}; {len(conns)} connections to port {port}")
assert doc["frames"] == captured, "tcpviz did not read every packet tcpdump wrote"
assert doc["tcp_frames"] == captured
assert len(conns) == 3, conns
for c in conns:
    syn, synack, ack = c["segments"][:3]
    assert syn["flags"] & 0x12 == 0x02 and syn["from"] == "client", syn
    assert synack["flags"] & 0x12 == 0x12 and synack["from"] == "server", synack
    assert synack["ack_raw"] == (syn["seq_raw"] + 1) % 2**32
    assert ack["flags"] & 0x12 == 0x10 and ack["from"] == "client", ack
    assert ack["seq_raw"] == (syn["seq_raw"] + 1) % 2**32
    assert ack["ack_raw"] == (synack["seq_raw"] + 1) % 2**32
    assert any((s["label"] or "").startswith("GET /index.html") for s in c["segments"])
    assert any((s["label"] or "").startswith("HTTP/1.0 200") for s in c["segments"])
print("ok")
EOF
