#!/bin/sh
# Runs tv-gen-captures into a temporary folder and compares every file it
# writes, byte for byte, with the one committed in tests/captures/.
# usage: check-captures-reproducible.sh TV_GEN_CAPTURES CAPTURES_DIR
set -u
gen=$1; captures=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tv-captures.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
"$gen" "$tmp" > /dev/null || { echo "tv-gen-captures failed"; exit 1; }
status=0; n=0
for f in "$tmp"/*; do
  name=$(basename "$f"); n=$((n + 1))
  if [ ! -f "$captures/$name" ]; then
    echo "missing from $captures: $name"; status=1
  elif ! cmp -s "$f" "$captures/$name"; then
    echo "differs from a fresh run: $name"; cmp "$f" "$captures/$name"; status=1
  fi
done
[ $status = 0 ] && echo "$n generated captures match"
exit $status
