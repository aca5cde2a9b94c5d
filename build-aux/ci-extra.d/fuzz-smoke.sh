#!/bin/bash
# A short run of each libFuzzer target (tests/fuzz): FUZZ_SMOKE_SECONDS
# (default 15) each, so about a minute in all, in build-fuzz/.
# Last line: "fuzz: N passed, N failed, N skipped"; skipped, with the
# reason, when clang or libFuzzer is missing.
set -u
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SMOKE_SECONDS:-15}
targets="decode load stream render"
set -- $targets
n=$#

skip() {
  echo "skipped: $*"
  echo "fuzz: 0 passed, 0 failed, $n skipped"
  exit 0
}

command -v clang >/dev/null || skip "clang is not installed (apt install clang libclang-rt-dev)"
probe=$(mktemp -d)
echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void) d; (void) n; return 0; }' > "$probe/p.c"
if ! clang -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" 2>"$probe/err"; then
  reason=$(head -1 "$probe/err"); rm -rf "$probe"
  skip "clang cannot link libFuzzer ($reason; apt install libclang-rt-dev libfuzzer-dev)"
fi
rm -rf "$probe"

passed=0; failed=0
for t in $targets; do
  tests/fuzz/run.sh "$t" "$seconds"
  case $? in
    0) passed=$((passed + 1)) ;;
    *) failed=$((failed + 1)); echo "FAIL fuzz-$t: see build-fuzz/fuzz-$t.log and build-fuzz/fuzz-crashes/$t/" ;;
  esac
done
echo "fuzz: $passed passed, $failed failed, 0 skipped"
[ $failed -eq 0 ]
