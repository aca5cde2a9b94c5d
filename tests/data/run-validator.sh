#!/bin/sh
# run-validator.sh TOOL [ARGS...]
# Runs a validator; if TOOL is not installed, says so and exits 77, which
# meson counts as a skipped test. The tools come from Debian's
# desktop-file-utils, appstream, libglib2.0-bin and gettext packages
# (build-aux/install-packaging-deps.sh installs them).
tool=$1
shift
if ! command -v "$tool" >/dev/null 2>&1; then
  echo "SKIP: $tool is not installed, so this check cannot run." >&2
  echo "      Install it with build-aux/install-packaging-deps.sh." >&2
  exit 77
fi
echo "+ $tool $*"
exec "$tool" "$@"
