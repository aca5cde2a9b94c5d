#!/usr/bin/env python3
"""check-summary-cli.py TCPVIZ CAPTURES_DIR

tcpviz --summary through the real program:
- piped with no COLUMNS: every column, no line with trailing blanks;
- COLUMNS=80 (and 60): no line over 80 (60) terminal columns, ID, client
  and server always there, and a note that says how many columns were left
  out;
- several files: one table each under "==> FILE <==", in order; a file that
  cannot be read is named on stderr, the others still summarised, exit 1;
- the last column is aligned with its header in every row.
"""
import os
import subprocess
import sys
import unicodedata

tcpviz, captures = sys.argv[1:3]
failures = 0


def check(cond, msg):
    global failures
    print(('ok    ' if cond else 'FAIL  ') + msg)
    if not cond:
        failures += 1


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)


def run(args, columns=None):
    env = dict(os.environ, LANG='C.UTF-8', LANGUAGE='')
    env.pop('COLUMNS', None)
    if columns is not None:
        env['COLUMNS'] = str(columns)
    return subprocess.run([tcpviz, '--summary'] + args, capture_output=True, text=True, env=env)


interleaved = os.path.join(captures, 'tcp-interleaved.pcap')
textbook = os.path.join(captures, 'textbook-handshake.pcap')

r = run([interleaved])
lines = r.stdout.splitlines()
check(r.returncode == 0, f'one file: exit 0 ({r.returncode})')
head = lines[0].split()
check(head == ['ID', 'CLIENT', 'SERVER', 'SEGMENTS', 'BYTES', 'C→S', 'BYTES', 'S→C',
               'DURATION', 'HANDSHAKE', 'END', 'VERDICT'], f'piped: every column ({lines[0]})')
check(all(l == l.rstrip() for l in lines), 'no trailing blanks')
check('[2001:db8:1::116]:41002' in r.stdout, 'IPv6 endpoints in brackets')
# right-aligned numbers end under their header
end_seg = lines[0].index('SEGMENTS') + len('SEGMENTS')
check(all(l[end_seg - 2:end_seg] in ('10', ' 4') for l in lines[1:4]), 'SEGMENTS right-aligned under the header')
check('5.22 ms' in lines[1] and '900 µs' in lines[1],
      f'durations with three significant digits ({lines[1]})')

for cols in (80, 60):
    r = run([interleaved], cols)
    lines = r.stdout.splitlines()
    widest = max(width(l) for l in lines)
    check(widest <= cols, f'COLUMNS={cols}: widest line {widest}')
    check(lines[0].split()[:3] == ['ID', 'CLIENT', 'SERVER'], f'COLUMNS={cols}: ID, CLIENT, SERVER kept')
    check('left out to fit' in r.stdout, f'COLUMNS={cols}: says columns were left out')
r = run([interleaved], 0)
check('left out' not in r.stdout and 'HANDSHAKE' in r.stdout, 'COLUMNS=0: every column')

r = run([interleaved, '/nonexistent/x.pcap', textbook])
out = r.stdout
check(r.returncode == 1, f'several files, one unreadable: exit 1 ({r.returncode})')
check('/nonexistent/x.pcap' in r.stderr, 'the unreadable file is named on stderr')
i1 = out.find(f'==> {interleaved} <==')
i2 = out.find('==> /nonexistent/x.pcap <==')
i3 = out.find(f'==> {textbook} <==')
check(0 <= i1 < i2 < i3, 'one heading per file, in order')
check('3 connections, 24 TCP segments' in out[i1:i2] and '1 connection, 11 TCP segments' in out[i3:],
      'each file its own table and counts')
r = run([textbook, textbook])
check(r.returncode == 0 and r.stdout.count('1 connection, 11 TCP segments') == 2, 'the same file twice: two tables')

print(f'summary-cli: {failures} failed')
sys.exit(1 if failures else 0)
