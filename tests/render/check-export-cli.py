#!/usr/bin/env python3
"""Drives the real program: `tcpviz --export` on captures, then checks what
was drawn.  usage: check-export-cli.py TCPVIZ CAPTURES_DIR

- PDF: pdftotext reads back the flags, relative (and, with --absolute, raw)
  numbers, the HTTP lines and every state of the textbook connection;
- SVG: one arrow shaft per segment (tcpviz --json counts them), each pointing
  the right way: client → server to the right (the client's lifeline is on
  the left), server → client to the left;
- PNG: a real PNG of a plausible size;
- bad usage exits 2, a connection that is not there exits 1.
Exit status 0, 1 on a failed check, 77 when pdftotext is missing."""
import json, os, re, shutil, struct, subprocess, sys, tempfile

exe, captures = sys.argv[1], sys.argv[2]
textbook = os.path.join(captures, "textbook-handshake.pcap")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(*args):
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, LANGUAGE="C", LC_ALL="C"))


if shutil.which("pdftotext") is None:
    print("skipped: pdftotext (poppler-utils) is not installed")
    sys.exit(77)

tmp = tempfile.mkdtemp(prefix="tv-export-cli-")

# PDF text
pdf = os.path.join(tmp, "textbook.pdf")
r = run("--export", pdf, textbook)
check(r.returncode == 0 and os.path.exists(pdf), "--export PDF exits 0 and writes the file")
text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
for word in ["SYN", "SYN-ACK", "seq=0", "ack=1", "GET / HTTP/1.1", "HTTP/1.1 200 OK",
             "FIN-ACK", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1",
             "CLOSE_WAIT", "FIN_WAIT_2", "LAST_ACK", "TIME_WAIT", "CLOSED",
             "192.168.1.116:3337", "192.168.1.123:7788"]:
    check(word in text, f"PDF text has {word!r}")

pdf_abs = os.path.join(tmp, "textbook-abs.pdf")
r = run("--export", pdf_abs, "--absolute", "--style", "print", textbook)
text = subprocess.run(["pdftotext", pdf_abs, "-"], capture_output=True, text=True).stdout
for word in ["seq=3626544836", "seq=1739326486", "ack=3626544837", "ack=1739326487"]:
    check(word in text, f"absolute PDF text has {word!r}")

# SVG geometry against the model
for name in ["textbook-handshake.pcap", "loopback-http.pcap", "tcp-fast-retransmission.pcap"]:
    cap = os.path.join(captures, name)
    doc = json.loads(run("--json", cap).stdout)
    for conn in doc["connections"]:
        svg = os.path.join(tmp, f"{name}-{conn['id']}.svg")
        r = run("--export", svg, "--connection", str(conn["id"]), cap)
        check(r.returncode == 0, f"{name} #{conn['id']}: --export SVG exits 0")
        body = open(svg).read()
        shafts = re.findall(r'<path style="[^"]*stroke-width:1\.6;[^"]*" '
                            r'd="M ([-0-9.]+) ([-0-9.]+) L ([-0-9.]+) ([-0-9.]+) ?"', body)
        segs = conn["segments"]
        check(len(shafts) == len(segs),
              f"{name} #{conn['id']}: {len(shafts)} arrows for {len(segs)} segments")
        wrong = [i for i, (s, (x1, y1, x2, y2)) in enumerate(zip(segs, shafts))
                 if (float(x2) > float(x1)) != (s["from"] == "client") or float(y2) < float(y1)]
        check(not wrong, f"{name} #{conn['id']}: every arrow goes from its sender to its receiver, downwards"
              + (f" (wrong: rows {wrong[:5]})" if wrong else ""))

# PNG
png = os.path.join(tmp, "textbook.png")
r = run("--export", png, "--style", "dark", textbook)
head = open(png, "rb").read(24) if os.path.exists(png) else b""
ok = head[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", head[16:24]) if ok else (0, 0)
check(ok and 400 < w < 4000 and 300 < h < 32768, f"PNG is a PNG of {w}x{h}")

# usage and errors
check(run("--export", os.path.join(tmp, "x.bmp"), textbook).returncode == 2, "unknown format exits 2")
r = run("--export", os.path.join(tmp, "x.png"), "--connection", "99", textbook)
check(r.returncode == 1 and "99" in r.stderr, "a connection that is not there exits 1 and says so")
r = run("--export", os.path.join(tmp, "x.png"), "/nonexistent/none.pcap")
check(r.returncode == 1 and "none.pcap" in r.stderr, "a missing file exits 1 and names it")

shutil.rmtree(tmp)
print(f"export-cli: {0 if failures else 1} passed, {1 if failures else 0} failed")
sys.exit(1 if failures else 0)
