#!/usr/bin/env python3
"""Compare tcpviz's analysis marks with tshark's (tcp.analysis.*), segment by
segment.  usage: compare-analysis.py [--allow NAME:FRAME ...] TCPVIZ CAPTURE...

Prints 'analysis: N of M segments agree with tshark' and each difference.
Exit status 0 when every difference is in the --allow list (a documented
disagreement), 1 otherwise, 77 (skipped) when tshark is missing."""
import json, shutil, subprocess, sys

MAP = {"retransmission": "tcp.analysis.retransmission",
       "fast_retransmission": "tcp.analysis.fast_retransmission",
       "spurious_retransmission": "tcp.analysis.spurious_retransmission",
       "out_of_order": "tcp.analysis.out_of_order",
       "duplicate_ack": "tcp.analysis.duplicate_ack",
       "zero_window": "tcp.analysis.zero_window",
       "window_full": "tcp.analysis.window_full",
       "window_update": "tcp.analysis.window_update",
       "zero_window_probe": "tcp.analysis.zero_window_probe",
       "keep_alive": "tcp.analysis.keep_alive",
       "previous_segment_not_captured": "tcp.analysis.lost_segment",
       "ack_of_unseen_segment": "tcp.analysis.ack_lost_segment"}


def main(argv):
    allow = set()
    while len(argv) > 1 and argv[0] == "--allow":
        allow.add(argv[1]); argv = argv[2:]
    if shutil.which("tshark") is None:
        print("skipped: tshark is not installed"); return 77
    import os
    exe, paths = argv[0], []
    for p in argv[1:]:
        if os.path.isdir(p):
            paths += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith((".pcap", ".pcapng")))
        else:
            paths.append(p)
    total = agree = 0
    bad = []
    for path in paths:
        cmd = ["tshark", "-n", "-r", path, "-Y", "tcp", "-T", "fields", "-e", "frame.number"]
        for f in MAP.values():
            cmd += ["-e", f]
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
        theirs = {}
        for line in out.splitlines():
            v = line.split("\t")
            theirs[int(v[0])] = {k for i, k in enumerate(MAP) if v[1 + i]}
        r = subprocess.run([exe, "--json", path], capture_output=True, text=True)
        if r.returncode != 0:
            continue
        for c in json.loads(r.stdout)["connections"]:
            for s in c["segments"]:
                ours = set(s["analysis"]) - {"reset"}
                t = theirs.get(s["frame"], set())
                total += 1
                if ours == t:
                    agree += 1
                    continue
                name = f"{path.rsplit('/', 1)[-1]}:{s['frame']}"
                note = " (allowed)" if name in allow else ""
                print(f"{name}: tcpviz {sorted(ours)}, tshark {sorted(t)}{note}")
                if not note:
                    bad.append(name)
    print(f"analysis: {agree} of {total} segments agree with tshark")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
