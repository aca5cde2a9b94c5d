#!/usr/bin/env python3
"""Renders tcpviz's text diagrams with the real tools.
usage: check-text-diagrams.py TCPVIZ CAPTURES_DIR

- PlantUML (Debian's plantuml): every .puml that `tcpviz --export OUT.puml`
  writes for a set of captures renders to SVG without an error, and the SVG
  holds the flags, the states and the HTTP line;
- Mermaid: when TV_MERMAID_PARSE names a program that parses a Mermaid
  file (exit 0 when it is valid), every .mmd is given to it.
Exit status 0, 1 on a failed check, 77 when plantuml is not installed."""
import glob, os, re, shutil, subprocess, sys, tempfile

exe, captures = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(*args):
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, LANGUAGE="C", LC_ALL="C"))


plantuml = shutil.which("plantuml")
if plantuml is None:
    print("skipped: plantuml is not installed (Debian: apt-get install plantuml)")
    sys.exit(77)

tmp = tempfile.mkdtemp(prefix="tv-text-diagrams-")
names = ["textbook-handshake.pcap", "loopback-http.pcap", "loopback-https.pcap",
         "tcp-fast-retransmission.pcap", "tcp-refused.pcap", "tcp-zero-window.pcap",
         "tcp-simultaneous-close.pcap", "tcp-midstream.pcap"]
for name in names:
    cap = os.path.join(captures, name)
    base = os.path.join(tmp, name.replace(".pcap", ""))
    for ext in ("puml", "mmd"):
        r = run("--export", f"{base}.{ext}", cap)
        check(r.returncode == 0, f"{name}: --export .{ext} exits 0")

# one Java start for every file
r = subprocess.run([plantuml, "-tsvg", "-failfast2", "-nometadata", *sorted(glob.glob(os.path.join(tmp, "*.puml")))],
                   capture_output=True, text=True, timeout=300,
                   env=dict(os.environ, JAVA_TOOL_OPTIONS="-Djava.awt.headless=true"))
check(r.returncode == 0, "plantuml renders every .puml" + (f": {r.stdout[-400:]} {r.stderr[-400:]}" if r.returncode else ""))
for name in names:
    svg = os.path.join(tmp, name.replace(".pcap", ".svg"))
    body = open(svg, encoding="utf-8").read() if os.path.exists(svg) else ""
    check("Syntax Error" not in body and "<svg" in body, f"{name}: PlantUML drew an SVG without a syntax error")
textbook = open(os.path.join(tmp, "textbook-handshake.svg"), encoding="utf-8").read()
for word in ["SYN", "SYN_SENT", "TIME_WAIT", "GET / HTTP/1.1", "Three-way handshake"]:
    check(word in textbook, f"PlantUML's drawing of the textbook connection has {word!r}")

parser = os.environ.get("TV_MERMAID_PARSE")
if parser:
    for mmd in sorted(glob.glob(os.path.join(tmp, "*.mmd"))):
        r = subprocess.run([parser, mmd], capture_output=True, text=True, timeout=120)
        check(r.returncode == 0, f"{os.path.basename(mmd)}: Mermaid's parser takes it" + (f": {r.stderr[-300:]}" if r.returncode else ""))
else:
    print("note: TV_MERMAID_PARSE is not set: the .mmd files were not given to Mermaid's parser")

shutil.rmtree(tmp)
print(f"text-diagrams: {0 if failures else 1} passed, {1 if failures else 0} failed")
sys.exit(1 if failures else 0)
