#!/bin/bash
# screenshot-test.sh: runs the real program on a capture in a fresh Xvfb
# display, takes a screenshot and checks that the window drew something
# (more than a handful of colours), in the light and the dark style.
#
# usage: screenshot-test.sh PROGRAM CAPTURE OUTDIR
# Exit status: 0 pass, 1 fail, 77 skipped (no xvfb-run, xwd or convert).
set -u
program=$1; capture=$2; outdir=$3
for tool in xvfb-run xwd convert; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed" >&2
    exit 77
  fi
done
if [ ! -e "$capture" ]; then
  echo "SKIP: $capture is not there" >&2
  exit 77
fi
mkdir -p "$outdir"

shoot() {   # shoot NAME [ENV=VALUE...]
  local name=$1; shift
  local out="$outdir/$name.png"
  rm -f "$out"
  env "$@" GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory \
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
      "$1" "$2" & app=$!
      # until the window has drawn (more than 16 colours), at most 60 s: a
      # sanitizer build on a busy machine takes far longer than a second
      for i in $(seq 60); do
        sleep 1
        if ! kill -0 $app 2>/dev/null; then
          wait $app; echo "the program exited (status $?) before the screenshot" >&2; exit 3
        fi
        xwd -root -silent | convert xwd:- "$3"
        [ "$(convert "$3" -format %k info:)" -gt 16 ] && break
      done
      # one more second for the last of the first frames
      sleep 1; xwd -root -silent | convert xwd:- "$3"
      kill $app; wait $app 2>/dev/null; exit 0' shoot "$program" "$capture" "$out"
  local st=$?
  if [ $st -ne 0 ] || [ ! -s "$out" ]; then
    echo "FAIL: $name: no screenshot (status $st)" >&2
    return 1
  fi
  local colours
  colours=$(convert "$out" -format %k info:)
  echo "$name: $out, $colours colours"
  if [ "$colours" -le 16 ]; then
    echo "FAIL: $name: only $colours colours: the window looks blank" >&2
    return 1
  fi
}

fail=0
shoot light || fail=1
shoot dark ADW_DEBUG_COLOR_SCHEME=prefer-dark || fail=1
exit $fail
