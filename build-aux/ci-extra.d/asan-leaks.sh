#!/bin/bash
# Runs the suites that use no GTK, cairo or fonts (core, live, limits,
# faults, captures) of the sanitizer build once more with LeakSanitizer on.
# The main sanitizer run has leak detection off, because fontconfig, cairo
# and Mesa keep allocations for the life of the process and would fail every
# GUI and drawing test; these suites touch none of them, so every leak they
# report is TcpViz's own (or GLib's, which frees what it allocates).
#   build-aux/ci-extra.d/asan-leaks.sh [BUILD_DIR]     (default: build-asan)
# Last line: "asan-leaks: N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/../.."
build=${1:-build-asan}
if [ ! -f "$build/build.ninja" ]; then
  echo "skipped: $build is not configured (run-tests.sh makes it)"
  echo "asan-leaks: 0 passed, 0 failed, 1 skipped"; exit 0
fi
# full stacks for each leak (GLib has no frame pointers: the fast unwinder
# would stop at g_malloc)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# leak detection with full stacks slows every malloc: the loader tests' deadlines
# (there to catch a hang, not to time the load) stretch as under valgrind
export TV_TEST_TIME_SCALE=${TV_TEST_TIME_SCALE:-4}
suites="--suite core --suite live --suite limits --suite faults --suite captures"
results() {  # LOG: prints "NAME<tab>RESULT" per test (names hold spaces: "tcpviz:core / label")
  python3 -c 'import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line); print(t["name"] + "\t" + t.get("result", ""))' "$1"
}
meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 2 --timeout-multiplier 4 $suites
results "$build/meson-logs/testlog.json" > "$build/meson-logs/asan-leaks-first.txt"
# a test that captures live traffic can lose a race on a loaded machine: a
# failed test runs once more, alone, and counts as failed only if it fails again
again=$(awk -F'\t' '$2 != "OK" && $2 != "SKIP" && $2 != "EXPECTEDFAIL" {print $1}' "$build/meson-logs/asan-leaks-first.txt")
: > "$build/meson-logs/asan-leaks-retry.txt"
if [ -n "$again" ]; then
  echo "retrying once, alone: $(echo $again)"
  # (meson test takes the words of "tcpviz:core / label" as names and finds the test)
  meson test -C "$build" --no-rebuild --print-errorlogs --timeout-multiplier 4 $again
  results "$build/meson-logs/testlog.json" > "$build/meson-logs/asan-leaks-retry.txt"
fi
python3 - "$build/meson-logs/asan-leaks-first.txt" "$build/meson-logs/asan-leaks-retry.txt" <<'PY'
import sys
def read(path):
    return dict(line.rstrip("\n").split("\t", 1) for line in open(path) if "\t" in line)
first, retry = read(sys.argv[1]), read(sys.argv[2])
p = f = s = 0
for name, result in first.items():
    if name in retry:
        result = retry[name]
        if result == "OK":
            print("flaky (passed on retry):", name)
    if result in ("OK", "EXPECTEDFAIL"):
        p += 1
    elif result == "SKIP":
        s += 1
    else:
        f += 1
print(f"asan-leaks: {p} passed, {f} failed, {s} skipped")
PY
