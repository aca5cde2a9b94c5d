#!/usr/bin/env python3
"""tcpviz --list-lessons through the real program: one lesson a line (name,
then title), at least 12, each with its capture in the lessons folder;
tcpviz --lesson with an unknown name fails with status 2 and says so, one
whose capture is missing with status 1 naming the file."""
import os
import subprocess
import sys

tcpviz, lessons_dir = sys.argv[1], sys.argv[2]
env = dict(os.environ, TCPVIZ_LESSONS_DIR=lessons_dir, LANGUAGE='en', LC_ALL='C.UTF-8')

out = subprocess.run([tcpviz, '--list-lessons'], env=env, capture_output=True, text=True, check=True)
lines = out.stdout.splitlines()
assert len(lines) >= 12, lines
names = []
for line in lines:
    name, title = line.split(None, 1)
    assert len(title) > 5, line
    names.append(name)
assert len(set(names)) == len(names), names
for name in ('textbook', 'http-fetch', 'syn-lost', 'refused', 'tls13', 'time-wait'):
    assert name in names, name
print(f'{len(lines)} lessons')

bad = subprocess.run([tcpviz, '--lesson', 'no-such-lesson'], env=env, capture_output=True, text=True)
assert bad.returncode == 2, bad
assert 'no-such-lesson' in bad.stderr and '--list-lessons' in bad.stderr, bad.stderr

missing = subprocess.run([tcpviz, '--lesson', 'rto'], env=dict(env, TCPVIZ_LESSONS_DIR='/nonexistent'),
                         capture_output=True, text=True)
assert missing.returncode == 1, missing
assert '/nonexistent/rto.pcap' in missing.stderr, missing.stderr

