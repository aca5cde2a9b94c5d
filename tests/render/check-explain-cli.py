#!/usr/bin/env python3
"""Check `tcpviz --explain` through the real program.

check-explain-cli.py TCPVIZ CAPTURES_DIR

Runs TCPVIZ --explain on CAPTURES_DIR/textbook-handshake.pcap (relative and
--absolute numbers) and on tcp-refused.pcap, in English, and checks the
steps, their numbers and states, the explanations' arithmetic and that no
line is wider than 78 columns; and that a connection that does not exist is
refused with exit status 2.
"""
import os
import re
import subprocess
import sys
import unicodedata

WIDTH = 78


def run(tcpviz, *args):
    env = dict(os.environ, LANGUAGE='C', LC_ALL='C.UTF-8', LANG='C.UTF-8')
    return subprocess.run([tcpviz, *args], capture_output=True, text=True, env=env, timeout=60)


def columns(line):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in line)


def steps(out):
    """The output split into steps: {n: (title, text as one line)}."""
    result = {}
    for block in out.split('\n\n')[1:]:
        lines = block.split('\n')
        m = re.match(r'Step (\d+) of (\d+): (.*)', lines[0])
        if not m:
            continue
        result[int(m.group(1))] = (lines[0], ' '.join(' '.join(lines[1:]).split()))
    return result


problems = []


def expect(cond, what):
    if not cond:
        problems.append(what)


def check_width(out, label):
    for i, line in enumerate(out.split('\n'), 1):
        if columns(line) > WIDTH:
            problems.append(f'{label}: line {i} is {columns(line)} columns wide: {line!r}')


def main():
    tcpviz, captures = sys.argv[1], sys.argv[2]
    textbook = os.path.join(captures, 'textbook-handshake.pcap')

    r = run(tcpviz, '--explain', textbook)
    expect(r.returncode == 0, f'--explain exited {r.returncode}: {r.stderr}')
    out = r.stdout
    heading = ' '.join(out.split('\n\n')[0].split())
    expect(heading.startswith('Connection 0: 11 segments Client: 192.168.1.116:3337 '
                              'Server: 192.168.1.123:7788'), f'unexpected heading: {heading[:120]!r}')
    expect('relative' in out.split('\n\n')[0], 'the heading does not say the numbers are relative')
    check_width(out, 'relative')
    s = steps(out)
    expect(sorted(s) == list(range(1, 12)), f'steps found: {sorted(s)}')
    if sorted(s) == list(range(1, 12)):
        expect(s[1][0] == 'Step 1 of 11: SYN from the client', s[1][0])
        expect(s[2][0] == 'Step 2 of 11: SYN-ACK from the server', s[2][0])
        expect(s[3][0] == 'Step 3 of 11: ACK from the client: handshake complete', s[3][0])
        expect(s[11][0] == 'Step 11 of 11: Last ACK, from the client', s[11][0])
        # the segment line: number, time, direction, flags, seq, ack, len
        expect('No. 2 0.000612 s C ← S SYN-ACK seq=0 ack=1 len=0' in s[2][1], s[2][1][:120])
        expect('After it: client ESTABLISHED, server SYN_RECEIVED' in s[2][1], 'states after step 2')
        expect('After it: client TIME_WAIT, server CLOSED' in s[11][1], 'states after step 11')
        # the explanations, with the arithmetic
        expect('ISN) x = 3626544836' in s[1][1] and 'SYN_SENT' in s[1][1], s[1][1])
        expect('ack = 0 + 1 = 1 (relative)' in s[2][1] and 'ISN 1739326486' in s[2][1], s[2][1])
        expect('seq + len = 1 + 82 = 83' in s[4][1] and 'GET / HTTP/1.1' in s[4][1], s[4][1])
        expect('1 + 82 = 83' in s[5][1], s[5][1])
        expect('FIN_WAIT_1' in s[8][1] and 'CLOSE_WAIT' in s[8][1], s[8][1])
        expect('FIN_WAIT_2' in s[9][1], s[9][1])
        expect('LAST_ACK' in s[10][1] and 'TIME_WAIT' in s[10][1], s[10][1])
        expect('ack = 238 + 1 = 239' in s[11][1] and '2MSL' in s[11][1], s[11][1])

    r = run(tcpviz, '--explain', '--absolute', textbook)
    expect(r.returncode == 0, f'--explain --absolute exited {r.returncode}: {r.stderr}')
    check_width(r.stdout, 'absolute')
    s = steps(r.stdout)
    if 2 in s:
        expect('seq=1739326486 ack=3626544837' in s[2][1], s[2][1][:120])
        expect('The server acknowledges the SYN from the client with ack = 3626544836 + 1 = '
               '3626544837, because a SYN consumes one sequence number, and sends its own SYN with '
               'ISN 1739326486; the server is now in SYN_RECEIVED.' in s[2][1], s[2][1])
    else:
        problems.append('--absolute: no step 2')

    r = run(tcpviz, '--explain', '--connection', '0', os.path.join(captures, 'tcp-refused.pcap'))
    expect(r.returncode == 0, f'tcp-refused: exited {r.returncode}')
    s = steps(r.stdout)
    expect(2 in s and s[2][0] == 'Step 2 of 2: RST from the server: connection refused',
           f'tcp-refused: {s.get(2)}')

    r = run(tcpviz, '--explain', '--connection', '3', textbook)
    expect(r.returncode == 2, f'--connection 3 of 1 exited {r.returncode}, not 2')
    expect('no connection 3' in r.stderr, f'--connection 3: stderr {r.stderr!r}')

    for p in problems:
        print('FAIL:', p)
    if not problems:
        print('tcpviz --explain: all checks passed')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
