#!/usr/bin/env python3
"""Check `tcpviz --graph`, `--diagnose` and the verdict through the real program.

check-graph-cli.py TCPVIZ CAPTURES_DIR

--graph KIND --export OUT writes a PNG, SVG and PDF of each graph (the
PNG 1000x600, the SVG with the segments' bars); bad kinds, directions and a
--graph without --export are refused with exit status 2.  --diagnose names
the retransmission timeouts of tcp-retransmission.pcap with their lengths
and frames, the zero window of tcp-zero-window.pcap, and says that
tcp-refused.pcap was refused; --summary and --json carry the verdict.
"""
import json
import os
import struct
import subprocess
import sys
import tempfile


def run(tcpviz, *args):
    env = dict(os.environ, LANGUAGE='C', LC_ALL='C.UTF-8', LANG='C.UTF-8')
    return subprocess.run([tcpviz, *args], capture_output=True, text=True, env=env, timeout=60)


failures = []


def check(ok, what):
    print(('ok: ' if ok else 'FAILED: ') + what)
    if not ok:
        failures.append(what)


def main():
    tcpviz, captures = sys.argv[1], sys.argv[2]
    cap = lambda name: os.path.join(captures, name)

    with tempfile.TemporaryDirectory() as tmp:
        for kind in ('stevens', 'tcptrace', 'throughput', 'rtt', 'window'):
            for ext in ('png', 'svg', 'pdf'):
                out = os.path.join(tmp, f'{kind}.{ext}')
                r = run(tcpviz, '--graph', kind, '--export', out, '--style', 'dark',
                        cap('tcp-retransmission.pcap'))
                check(r.returncode == 0 and r.stdout.strip() == out and os.path.getsize(out) > 1000,
                      f'--graph {kind} --export .{ext} ({r.stderr.strip()})')
            with open(os.path.join(tmp, f'{kind}.png'), 'rb') as f:
                head = f.read(24)
            check(head[:4] == b'\x89PNG' and struct.unpack('>II', head[16:24]) == (1000, 600),
                  f'--graph {kind}: a 1000x600 PNG')
        with open(os.path.join(tmp, 'tcptrace.svg')) as f:
            check('<path' in f.read(), 'the tcptrace SVG draws paths')

        r = run(tcpviz, '--graph', 'pie', '--export', os.path.join(tmp, 'x.png'), cap('tcp-retransmission.pcap'))
        check(r.returncode == 2 and 'pie' in r.stderr, 'an unknown graph is refused (2)')
        r = run(tcpviz, '--graph', 'rtt', '--direction', 'up', '--export', os.path.join(tmp, 'x.png'),
                cap('tcp-retransmission.pcap'))
        check(r.returncode == 2 and 'up' in r.stderr, 'an unknown direction is refused (2)')
        r = run(tcpviz, '--graph', 'rtt', cap('tcp-retransmission.pcap'))
        check(r.returncode == 2 and '--export' in r.stderr, '--graph without --export is refused (2)')
        r = run(tcpviz, '--graph', 'rtt', '--connection', '7', '--export', os.path.join(tmp, 'x.png'),
                cap('tcp-retransmission.pcap'))
        check(r.returncode == 1 and 'no connection 7' in r.stderr, 'a missing connection is refused (1)')

    r = run(tcpviz, '--diagnose', cap('tcp-retransmission.pcap'))
    out = ' '.join(r.stdout.split())
    check(r.returncode == 0 and 'Retransmission timeout: the client waited 204 ms for an acknowledgement of '
          'frame 4 and sent the same data again in frame 5.' in out
          and 'waited 408 ms for an acknowledgement of frame 5 and sent the same data again in frame 6.' in out,
          '--diagnose names both retransmission timeouts with their lengths and frames')
    check(all(len(line) <= 78 for line in r.stdout.splitlines()), '--diagnose wraps at 78 columns')
    r = run(tcpviz, '--diagnose', cap('tcp-zero-window.pcap'))
    out = ' '.join(r.stdout.split())
    check('Zero window: the receive window of the client was full from frame 9' in out
          and 'until frame 14 reopened it' in out, '--diagnose names the zero window')
    r = run(tcpviz, '--diagnose', cap('tcp-refused.pcap'))
    check(r.returncode == 0 and 'Refused' in r.stdout and 'answered the SYN (frame 1) with a reset' in
          ' '.join(r.stdout.split()), '--diagnose: refused')
    r = run(tcpviz, '--diagnose', '--connection', '0', cap('tcp-port-reuse-rst.pcap'))
    check('Reset by the client' in r.stdout and 'Connection 1' not in r.stdout,
          '--diagnose --connection 0: reset by the client, one connection')

    r = run(tcpviz, '--summary', cap('tcp-port-reuse-rst.pcap'))
    rows = r.stdout.splitlines()
    check(rows[0].split()[-1] == 'VERDICT' and rows[1].split()[-1] == 'reset_by_client'
          and rows[2].split()[-1] == 'completed', '--summary: the verdict column')
    r = run(tcpviz, '--json', cap('tcp-refused.pcap'))
    conn = json.loads(r.stdout)['connections'][0]
    check(conn['verdict'] == 'refused' and conn['diagnosis']['stalls'] == [], '--json: verdict refused')
    r = run(tcpviz, '--json', cap('tcp-retransmission.pcap'))
    stalls = json.loads(r.stdout)['connections'][0]['diagnosis']['stalls']
    check([(s['kind'], s['side'], round(s['duration'], 3), s['frame'], s['start_frame']) for s in stalls]
          == [('retransmission_timeout', 'client', 0.204, 5, 4), ('retransmission_timeout', 'client', 0.408, 6, 5)],
          '--json: diagnosis.stalls')

    if failures:
        print(f'{len(failures)} failed')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
