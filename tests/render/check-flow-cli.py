#!/usr/bin/env python3
"""Drives the real program: `tcpviz --flow` and `tcpviz --compare` on
captures, then reads back what was drawn.
usage: check-flow-cli.py TCPVIZ CAPTURES_DIR

- --flow to PDF: pdftotext reads back every host's head, one "#N" per
  segment of each connection, the flags and the HTTP lines;
- --flow --by-port: one head per host and port; --hosts and --connections
  choose connections; --fold: one arrow per phase, named with its duration;
- --compare to PDF: the phase table, the difference in words;
- PNG and SVG are written; bad usage exits 2, a capture without what was
  asked for exits 1 or 2 with a message naming it.
Exit status 0, 1 on a failed check, 77 when pdftotext is missing."""
import json, os, re, shutil, subprocess, sys, tempfile

exe, captures = sys.argv[1], sys.argv[2]
inter = os.path.join(captures, "tcp-interleaved.pcap")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(*args):
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, LANGUAGE="C", LC_ALL="C"))


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout


if shutil.which("pdftotext") is None:
    print("skipped: pdftotext (poppler-utils) is not installed")
    sys.exit(77)

tmp = tempfile.mkdtemp(prefix="tv-flow-cli-")
doc = json.loads(run("--json", inter).stdout)
conns = doc["connections"]

# the whole capture, per host
pdf = os.path.join(tmp, "flow.pdf")
r = run("--flow", "--export", pdf, inter)
check(r.returncode == 0 and os.path.exists(pdf), "--flow --export PDF exits 0 and writes the file")
text = pdf_text(pdf)
for word in ["192.168.1.116", "192.168.1.123", "2001:db8:1::116", "2001:db8:1::123",
             "SYN", "SYN-ACK", "RST-ACK", "FIN-ACK", "GET /index.html HTTP/1.1", "HTTP/1.1 200 OK"]:
    check(word in text, f"flow PDF has {word!r}")
for c in conns:
    n = len(re.findall(r"(?<![\w#])#%d\b" % c["id"], text))
    check(n == len(c["segments"]), f"flow PDF has one row per segment of connection {c['id']} ({n})")

# per host and port
r = run("--flow", "--by-port", "--export", pdf, inter)
text = pdf_text(pdf)
for port in ["port 41000", "port 41001", "port 41002", "port 80", "port 443"]:
    check(port in text, f"--by-port PDF has a head {port!r}")
check(text.count("port 80") == 1, "--by-port: one head for 192.168.1.123 port 80")

# chosen connections, hosts
r = run("--flow", "--connections", "2", "--export", pdf, inter)
text = pdf_text(pdf)
check(r.returncode == 0 and "2001:db8:1::116" in text and "192.168.1.116" not in text,
      "--connections 2 draws only connection 2's hosts")
r = run("--flow", "--hosts", "192.168.1.123,192.168.1.116", "--export", pdf, inter)
text = pdf_text(pdf)
check(r.returncode == 0 and "#1" in text and "#2" not in text and "2001:db8" not in text,
      "--hosts draws the connections between the two hosts only")

# folded
r = run("--flow", "--fold", "--export", pdf, inter)
text = pdf_text(pdf)
for word in ["Handshake 900 µs", "Handshake 1.30 ms", "Request 600 µs", "Response", "Close", "Reset"]:
    check(word in text, f"--fold PDF has {word!r}")
check("seq=" not in text, "--fold PDF has no segment's numbers")

# side by side
r = run("--compare", "0,1", "--export", pdf, inter)
text = pdf_text(pdf)
check(r.returncode == 0, "--compare exits 0")
for word in ["Client A", "Server B", "Whole connection", "B took 400 µs longer", "In all, B took",
             "192.168.1.116:41001"]:
    check(word in text, f"--compare PDF has {word!r}")

# PNG and SVG
for ext in ["png", "svg"]:
    out = os.path.join(tmp, "flow." + ext)
    r = run("--flow", "--export", out, inter)
    check(r.returncode == 0 and os.path.getsize(out) > 1000, f"--flow writes a {ext.upper()}")
png = os.path.join(tmp, "flow.png")
with open(png, "rb") as f:
    check(f.read(8) == b"\x89PNG\r\n\x1a\n", "the PNG is a PNG")

# bad usage
r = run("--flow", inter)
check(r.returncode == 2 and "--export" in r.stderr, "--flow without --export exits 2")
r = run("--fold", "--export", pdf, inter)
check(r.returncode == 2, "--fold without --flow exits 2")
r = run("--flow", "--connections", "0,9", "--export", pdf, inter)
check(r.returncode == 2 and "no connection 9" in r.stderr and "tcp-interleaved.pcap" in r.stderr,
      "--connections with an ID not in the capture exits 2 and names the file")
r = run("--flow", "--hosts", "10.0.0.1,10.0.0.2", "--export", pdf, inter)
check(r.returncode == 1 and "no connection between" in r.stderr, "--hosts without a connection exits 1")
r = run("--flow", "--hosts", "nonsense", "--export", pdf, inter)
check(r.returncode == 2, "--hosts with a bad address exits 2")
r = run("--compare", "0", "--export", pdf, inter)
check(r.returncode == 2 and "two connection IDs" in r.stderr, "--compare with one ID exits 2")
r = run("--flow", "--range", "5,1", "--export", pdf, inter)
check(r.returncode == 2, "--range backwards exits 2")
r = run("--flow", "--range", "0.004,0.0065", "--export", pdf, inter)
text = pdf_text(pdf)
check(r.returncode == 0 and "FIN-ACK" in text and "SYN" not in text, "--range keeps only its rows")

shutil.rmtree(tmp, ignore_errors=True)
if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
