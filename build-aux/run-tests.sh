#!/bin/bash
# Builds TcpViz and runs the whole test suite:
#   1. the normal build (build/) and `meson test`;
#   2. the sanitizer build (build-asan/, AddressSanitizer + UBSan) and `meson test`;
#   3. tshark-compare on ../shared/captures with both builds (when ../shared is there);
#   4. whatever extra checks build-aux/ci-extra.d/*.sh hold (fuzz smoke runs, …).
# The last line reads "all: N passed, N failed, N skipped".  Exit status 0 only if nothing failed.
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
shared=$(cd .. && pwd)/shared
passed=0; failed=0; skipped=0
log() { printf '\n=== %s\n' "$*"; }

# Runs `meson test` in build dir $1 (more meson test options after it).  A
# test that fails is run once more, alone, and the retry is reported: tests
# that capture real traffic or drive a window under Xvfb can lose a race on a
# loaded machine.  A test counts as passed only if one of its two runs passed,
# and every retry is named in the output.
run_meson_tests() {
  local dir=$1; shift
  meson test -C "$dir" --print-errorlogs "$@"
  cp "$dir/meson-logs/testlog.json" "$dir/meson-logs/testlog-first.json" 2>/dev/null
  local failed_names
  failed_names=$(python3 - "$dir/meson-logs/testlog-first.json" <<'PY'
import json, sys
try:
    for line in open(sys.argv[1]):
        t = json.loads(line)
        if t.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP"):
            print(t["name"])
except FileNotFoundError:
    pass
PY
)
  if [ -n "$failed_names" ]; then
    echo "retrying once, alone: $(echo $failed_names)"
    meson test -C "$dir" --no-rebuild --print-errorlogs "$@" $failed_names
    cp "$dir/meson-logs/testlog.json" "$dir/meson-logs/testlog-retry.json"
  else
    rm -f "$dir/meson-logs/testlog-retry.json"
  fi
  count_meson "$dir"
}

count_meson() {  # $1 build dir: adds its test results (first run, then retries) to the totals
  local counts
  counts=$(python3 - "$1/meson-logs/testlog-first.json" "$1/meson-logs/testlog-retry.json" <<'PY'
import json, sys
def read(path):
    res = {}
    try:
        for line in open(path):
            t = json.loads(line)
            res[t["name"]] = t.get("result", "")
    except FileNotFoundError:
        pass
    return res
first, retry = read(sys.argv[1]), read(sys.argv[2])
p = f = s = 0
for name, r in first.items():
    if r in ("OK", "EXPECTEDFAIL"): p += 1
    elif r == "SKIP": s += 1
    elif retry.get(name) in ("OK", "EXPECTEDFAIL"):
        p += 1
        print(f"flaky: {name} failed ({r}) and passed on its retry", file=sys.stderr)
    else: f += 1
if not first: f += 1
print(p, f, s)
PY
)
  set -- $counts
  passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3))
  echo "meson test: $1 passed, $2 failed, $3 skipped"
}

setup() {  # $1 dir, rest: options
  local dir=$1; shift
  local log=${TMPDIR:-/tmp}/tcpviz-setup-$$.log
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >"$log" 2>&1
  else
    meson setup "$dir" "$@" >"$log" 2>&1
  fi || { tail -20 "$log"; rm -f "$log"; return 1; }
  rm -f "$log"
}

log "normal build"
if setup build && ninja -C build; then
  run_meson_tests build --num-processes 2
else
  echo "build failed"; failed=$((failed + 1))
fi

log "sanitizer build (AddressSanitizer + UndefinedBehaviorSanitizer)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if setup build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug && ninja -C build-asan; then
  run_meson_tests build-asan --num-processes 2 --timeout-multiplier 4
else
  echo "sanitizer build failed"; failed=$((failed + 1))
fi

for b in build build-asan; do
  log "tshark-compare with $b"
  if [ -x "$shared/conformance/tshark-compare" ] && [ -d "$shared/captures" ] && [ -x "$b/src/tcpviz" ]; then
    out=$("$shared/conformance/tshark-compare" "$b/src/tcpviz" "$shared/captures" "$top/tests/captures" 2>&1)
    echo "$out" | grep -v '^PASS' | tail -40
    line=$(echo "$out" | tail -1)
    p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
    if [ -n "$p" ] && [ -n "$f" ]; then
      passed=$((passed + p)); failed=$((failed + f))
    else
      failed=$((failed + 1))
    fi
  else
    echo "skipped: ../shared/conformance/tshark-compare or $b/src/tcpviz not found"
    skipped=$((skipped + 1))
  fi
done

for extra in build-aux/ci-extra.d/*.sh; do
  [ -e "$extra" ] || continue
  log "$extra"
  out=$(bash "$extra" 2>&1); st=$?
  echo "$out" | tail -30
  line=$(echo "$out" | grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' | tail -1)
  if [ -n "$line" ]; then
    p=$(echo "$line" | sed -n 's/^[a-z-]*: \([0-9]*\) passed.*/\1/p'); f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
    s=$(echo "$line" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + ${s:-0}))
  elif [ $st -ne 0 ]; then
    failed=$((failed + 1))
  fi
done

echo
echo "all: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
