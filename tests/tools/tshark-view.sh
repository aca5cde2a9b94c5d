#!/bin/sh
# tshark-view.sh FILE...: what tshark sees in a capture, one line a frame:
# frame, time since the first frame, tcp.stream, flags, raw seq, raw ack,
# payload length, raw window, and tshark's expert messages (TCP analysis),
# with IP and TCP checksum validation on.  Used to write tests/captures/README.md.
for f in "$@"; do
  echo "== $(basename "$f"): $(tshark -n -r "$f" 2>/dev/null | wc -l) frames," \
       "$(tshark -n -r "$f" -T fields -e tcp.stream 2>/dev/null | sort -u | grep -c .) tcp streams"
  tshark -n -r "$f" -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE \
    -T fields -E separator=' ' -e frame.number -e frame.time_relative -e tcp.stream \
    -e tcp.flags.str -e tcp.seq_raw -e tcp.ack_raw -e tcp.len -e tcp.window_size_value \
    -e _ws.expert.message 2>/dev/null |
    awk '{ $2 = sprintf("%.6f", $2); print }' | sed -e 's/·//g'
done
