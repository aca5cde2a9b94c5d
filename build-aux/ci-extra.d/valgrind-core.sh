#!/bin/bash
# Runs every test program of the core suite (tests/core, and the replay of
# the fuzz regressions) of the normal build under valgrind memcheck: any
# invalid read or write, use of uninitialised memory or definite leak fails.
#   build-aux/ci-extra.d/valgrind-core.sh [BUILD_DIR]     (default: build)
# Last line: "valgrind: N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/../.."
build=${1:-build}
if ! command -v valgrind >/dev/null; then
  echo "skipped: valgrind is not installed"
  echo "valgrind: 0 passed, 0 failed, 1 skipped"; exit 0
fi
if [ ! -f "$build/build.ninja" ]; then
  echo "skipped: $build is not configured (meson setup $build)"
  echo "valgrind: 0 passed, 0 failed, 1 skipped"; exit 0
fi
ninja -C "$build" >/dev/null || { echo "build failed"; echo "valgrind: 0 passed, 1 failed, 0 skipped"; exit 1; }
mkdir -p "$build/valgrind"

python3 - "$build" <<'PY'
import json, os, subprocess, sys
build = os.path.abspath(sys.argv[1])
tests = json.loads(subprocess.run(['meson', 'introspect', '--tests', build],
                                  capture_output=True, text=True, check=True).stdout)
passed = failed = skipped = 0
for t in tests:
    if not any(s.split(':')[-1] == 'core' for s in t['suite']):
        continue
    env = dict(os.environ)
    env.update(t.get('env') or {})
    env.update(G_SLICE='always-malloc', G_DEBUG='gc-friendly', TV_TEST_TIME_SCALE='10')
    log = os.path.join(build, 'valgrind', t['name'] + '.log')
    out = os.path.join(build, 'valgrind', t['name'] + '.out')
    cmd = ['valgrind', '--tool=memcheck', '--leak-check=full', '--errors-for-leak-kinds=definite',
           '--error-exitcode=1', '--track-origins=yes', '--num-callers=30',
           '--log-file=' + log] + t['cmd']

    def run():
        with open(out, 'w') as f:
            r = subprocess.run(cmd, env=env, cwd=t.get('workdir') or build,
                               stdout=f, stderr=subprocess.STDOUT, timeout=1800)
        summary = ''
        try:
            for line in open(log):
                if 'ERROR SUMMARY' in line:
                    summary = line.split('==', 2)[-1].strip()
        except FileNotFoundError:
            pass
        return r.returncode, summary

    rc, summary = run()
    # A test that checks timing (a load cancelled within 5 s, announcements
    # every 100 ms) can miss it under valgrind's 20-50x slowdown on a loaded
    # machine: a failure that is not memcheck's (exit 1) runs once more and
    # counts only if it fails again.  Memcheck errors are never retried.
    if rc not in (0, 1, 77):
        print('RETRY %s (exit %d, memcheck: %s; the test said: %s)' %
              (t['name'], rc, summary, ' | '.join(l.strip() for l in open(out) if 'ERROR' in l or 'not ok' in l)[-300:]))
        rc, summary = run()
        if rc == 0:
            print('flaky (passed on retry): %s' % t['name'])
    if rc == 0:
        passed += 1
        print('PASS %s: %s' % (t['name'], summary))
    elif rc == 77:
        skipped += 1
        print('SKIP %s' % t['name'])
    else:
        failed += 1
        print('FAIL %s (exit %d): %s; see %s and %s' % (t['name'], rc, summary, log, out))
print('valgrind: %d passed, %d failed, %d skipped' % (passed, failed, skipped))
sys.exit(1 if failed else 0)
PY
