#!/usr/bin/env python3
"""Compare tcpviz's model with tshark's, segment by segment: the analysis
marks (tcp.analysis.*), the initial RTT (JSON handshake_rtt against
tcp.analysis.initial_rtt, within 1 us) and the TCP options (JSON options
against tcp.options.*).

usage: compare-analysis.py [--allow NAME:FRAME ...] [--skip-missing]
                           TCPVIZ CAPTURE-OR-DIR...

Prints each difference, then three summary lines:
  analysis: N of M segments agree with tshark
  initial_rtt: N of M connections agree with tshark
  options: N of M segments agree with tshark
Exit status 0 when every difference is in the --allow list (a documented
disagreement; NAME:FRAME for a segment, NAME:stream=ID for a connection's
initial RTT), 1 otherwise, 77 (skipped) when tshark is missing, or, with
--skip-missing, when a directory given does not exist."""
import concurrent.futures, json, os, shutil, subprocess, sys

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

OPTS = ["tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.options.sack_perm",
        "tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr",
        "tcp.options.sack_le", "tcp.options.sack_re",
        "tcp.options.tfo.cookie", "tcp.options.tfo.request"]

FIELDS = ["frame.number", "tcp.stream", "tcp.analysis.initial_rtt"] + list(MAP.values()) + OPTS


def first(v):
    return v.split(",")[0] if v else ""


def tshark_options(row):
    """The options dict tcpviz's JSON should hold for this frame, or None."""
    o = {}
    if row["tcp.options.mss_val"]:
        o["mss"] = int(first(row["tcp.options.mss_val"]))
    if row["tcp.options.wscale.shift"]:
        o["wscale"] = int(first(row["tcp.options.wscale.shift"]))
    if row["tcp.options.sack_perm"]:
        o["sack_permitted"] = True
    if row["tcp.options.timestamp.tsval"]:
        o["timestamps"] = [int(first(row["tcp.options.timestamp.tsval"])),
                           int(first(row["tcp.options.timestamp.tsecr"] or "0"))]
    if row["tcp.options.sack_le"]:
        le = [int(x) for x in row["tcp.options.sack_le"].split(",")]
        re_ = [int(x) for x in row["tcp.options.sack_re"].split(",")]
        o["sack"] = [list(p) for p in zip(le, re_)]
    if row["tcp.options.tfo.cookie"]:
        o["tfo_cookie"] = first(row["tcp.options.tfo.cookie"]).replace(":", "").lower()
    elif row["tcp.options.tfo.request"]:
        o["tfo_cookie"] = ""
    return o or None


def run_tshark(path):
    cmd = ["tshark", "-n", "-r", path, "-Y", "tcp", "-T", "fields", "-E", "aggregator=,"]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines():
        v = line.split("\t")
        if len(v) < len(FIELDS) or not v[0]:
            continue
        row = dict(zip(FIELDS, v))
        rows[int(v[0])] = row
    return rows


def main(argv):
    allow = set()
    skip_missing = False
    while argv and argv[0].startswith("--"):
        if argv[0] == "--allow":
            allow.add(argv[1]); argv = argv[2:]
        elif argv[0] == "--skip-missing":
            skip_missing = True; argv = argv[1:]
        else:
            print(f"unknown option {argv[0]}"); return 2
    if shutil.which("tshark") is None:
        print("skipped: tshark is not installed"); return 77
    exe, paths = argv[0], []
    for p in argv[1:]:
        if os.path.isdir(p):
            found = []
            for d, _, files in os.walk(p):
                found += [os.path.join(d, f) for f in files if ".pcap" in f or f.endswith(".cap")]
            paths += sorted(found)
        elif os.path.exists(p):
            paths.append(p)
        elif skip_missing:
            print(f"skipped: {p} does not exist"); return 77
        else:
            print(f"{p}: no such file or directory"); return 2
    total = agree = 0
    rtt_total = rtt_agree = 0
    opt_total = opt_agree = 0
    bad = []

    def differ(name, text):
        note = " (allowed)" if name in allow else ""
        print(f"{name}: {text}{note}")
        if not note:
            bad.append(name)

    def both(path):
        r = subprocess.run([exe, "--json", path], capture_output=True, text=True)
        if r.returncode != 0:
            return None, None
        return json.loads(r.stdout), run_tshark(path)

    # two at a time: tshark's start-up is most of the time
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(both, paths))

    for path, (ours, theirs) in zip(paths, results):
        base = path.rsplit("/", 1)[-1]
        if ours is None:
            continue
        irtt = {}
        for row in theirs.values():
            if row["tcp.analysis.initial_rtt"] and row["tcp.stream"]:
                irtt.setdefault(int(first(row["tcp.stream"])), float(first(row["tcp.analysis.initial_rtt"])))
        for c in ours["connections"]:
            ours_rtt = c.get("handshake_rtt")
            t_rtt = irtt.get(c["id"])
            rtt_total += 1
            if (ours_rtt is None) == (t_rtt is None) and (ours_rtt is None or abs(ours_rtt - t_rtt) <= 1e-6):
                rtt_agree += 1
            else:
                differ(f"{base}:stream={c['id']}", f"tcpviz handshake_rtt {ours_rtt}, tshark initial_rtt {t_rtt}")
            for s in c["segments"]:
                row = theirs.get(s["frame"])
                t = {k for k, f in MAP.items() if row and row[f]}
                ours = set(s["analysis"]) - {"reset"}
                total += 1
                if ours == t:
                    agree += 1
                else:
                    differ(f"{base}:{s['frame']}", f"tcpviz {sorted(ours)}, tshark {sorted(t)}")
                t_opts = tshark_options(row) if row else None
                o_opts = s.get("options")
                opt_total += 1
                if t_opts == o_opts:
                    opt_agree += 1
                else:
                    differ(f"{base}:{s['frame']}", f"options: tcpviz {o_opts}, tshark {t_opts}")
    print(f"analysis: {agree} of {total} segments agree with tshark")
    print(f"initial_rtt: {rtt_agree} of {rtt_total} connections agree with tshark")
    print(f"options: {opt_agree} of {opt_total} segments agree with tshark")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
