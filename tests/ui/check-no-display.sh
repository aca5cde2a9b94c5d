#!/bin/sh
# check-no-display.sh TCPVIZ CAPTURE
# Without a display the window cannot open: tcpviz must say so in words
# (not a GTK warning), name the modes that need no display, and exit 1.
tcpviz=$1
capture=$2
out=$(env -u DISPLAY -u WAYLAND_DISPLAY XDG_RUNTIME_DIR=/nonexistent "$tcpviz" "$capture" 2>&1)
status=$?
echo "$out"
[ "$status" = 1 ] || { echo "FAIL: exit status $status, expected 1"; exit 1; }
echo "$out" | grep -q "no display" || { echo "FAIL: does not say 'no display'"; exit 1; }
echo "$out" | grep -q -- "--summary" || { echo "FAIL: does not name --summary"; exit 1; }
if echo "$out" | grep -q "Gtk-WARNING\|cannot open display"; then
  echo "FAIL: a GTK warning instead of a message"; exit 1
fi
echo "ok: no display said in words, status 1"
