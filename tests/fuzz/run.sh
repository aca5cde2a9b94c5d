#!/bin/bash
# Runs one fuzz target for a while and prints libFuzzer's final statistics.
#
#   tests/fuzz/run.sh TARGET SECONDS [BUILD_DIR]
#
# TARGET: decode, load, stream or render (or fuzz-decode …).  BUILD_DIR (default
# build-fuzz) is configured with clang and -Dfuzzing=true if it is not yet.
# The corpus grows in BUILD_DIR/fuzz-corpus/TARGET, seeded from
# tests/fuzz/corpus/TARGET; a crash is written to BUILD_DIR/fuzz-crashes/.
# The last lines: "executions: N  exec/s: N  cov: N  ft: N  corpus: N files".
# Exit status: 0 if nothing was found, 1 if libFuzzer found a crash, leak or
# timeout, 2 if the target could not be built.
set -u
cd "$(dirname "$0")/../.."
top=$(pwd)
target=${1:?usage: run.sh TARGET SECONDS [BUILD_DIR]}
seconds=${2:?usage: run.sh TARGET SECONDS [BUILD_DIR]}
build=${3:-build-fuzz}
target=${target#fuzz-}

if ! command -v clang >/dev/null; then
  echo "clang is not installed"; exit 2
fi
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true -Dbuildtype=debugoptimized >/dev/null || exit 2
fi
ninja -C "$build" "tests/fuzz/fuzz-$target" >/dev/null || { echo "could not build fuzz-$target"; exit 2; }

# one run of a target at a time in a build dir: they share corpus and log
exec 9>"$build/fuzz-$target.lock"
flock 9

corpus="$build/fuzz-corpus/$target"
crashes="$build/fuzz-crashes/$target"
mkdir -p "$corpus" "$crashes"
log="$build/fuzz-$target.log"

# -rss_limit_mb: a capture must never make TcpViz eat memory; -timeout: nor hang it.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
"$build/tests/fuzz/fuzz-$target" "$corpus" "$top/tests/fuzz/corpus/$target" \
  -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -artifact_prefix="$crashes/" ${FUZZ_ARGS:-} >"$log" 2>&1
status=$?

grep -aE '^(==|SUMMARY|artifact_prefix|Test unit written|.*invariant broken|.*runtime error)' "$log" | head -20
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
line=$(grep -aE '^#[0-9]+.*(cov|ft):' "$log" | tail -1)
cov=$(echo "$line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
ft=$(echo "$line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
files=$(ls "$corpus" | wc -l)
echo "fuzz-$target: $seconds s, log in $log"
echo "executions: ${execs:-?}  exec/s: ${rate:-?}  cov: ${cov:-?}  ft: ${ft:-?}  corpus: $files files"
[ $status -eq 0 ] || exit 1
