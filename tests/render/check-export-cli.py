#!/usr/bin/env python3
"""Drives the real program: `tcpviz --export` on captures, then checks what
was drawn.  usage: check-export-cli.py TCPVIZ CAPTURES_DIR

- PDF: pdftotext reads back the flags, relative (and, with --absolute, raw)
  numbers, the HTTP lines and every state of the textbook connection;
- SVG: one arrow shaft per segment (tcpviz --json counts them), each pointing
  the right way: client → server to the right (the client's lifeline is on
  the left), server → client to the left;
- PNG: a real PNG of a plausible size; --scale 2 twice as wide as --scale 1,
  its resolution (pHYs) recorded;
- SVG text: <text> elements with the flags, numbers, states and HTTP line;
- PDF pages: pdfinfo reports one page the size of the diagram by default,
  A4 or Letter pages with --paper;
- text diagrams: the .mmd is a Mermaid sequenceDiagram with one message per
  segment, the .txt stays within 80 columns, the .puml is PlantUML;
- --segments, --title, --no-title, --legend, --hide-acks;
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

def png_info(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    w, h = struct.unpack(">II", data[16:24])
    i = data.find(b"pHYs")
    ppm = struct.unpack(">IIB", data[i + 4:i + 13]) if i > 0 else None
    return w, h, ppm


# PNG at a scale, with its resolution
sizes = {}
for scale in ("1", "2", "3"):
    out = os.path.join(tmp, f"scale{scale}.png")
    r = run("--export", out, "--scale", scale, textbook)
    info = png_info(out) if r.returncode == 0 and os.path.exists(out) else None
    check(info is not None, f"--scale {scale} writes a PNG")
    sizes[scale] = info
if all(sizes.values()):
    (w1, h1, p1), (w2, h2, p2), (w3, h3, p3) = sizes["1"], sizes["2"], sizes["3"]
    check(w2 == 2 * w1 and h2 == 2 * h1, f"--scale 2 is twice --scale 1: {w1}x{h1} -> {w2}x{h2}")
    check(w3 == 3 * w1, f"--scale 3 is three times as wide: {w3} for {w1}")
    check(p1 == (3780, 3780, 1) and p2 == (7559, 7559, 1),
          f"pHYs records 96 and 192 dpi: {p1}, {p2}")
check(run("--export", os.path.join(tmp, "x.png"), "--scale", "9", textbook).returncode == 2,
      "--scale 9 exits 2")
check(run("--export", os.path.join(tmp, "x.svg"), "--scale", "2", textbook).returncode == 2,
      "--scale with SVG exits 2")

# SVG text stays text
svg = os.path.join(tmp, "text.svg")
r = run("--export", svg, textbook)
body = open(svg).read() if r.returncode == 0 else ""
texts = re.findall(r"<text[^>]*>(.*?)</text>", body)
words = " ".join(re.sub(r"<[^>]+>", "", t) for t in texts)
check(len(texts) > 30, f"the SVG has {len(texts)} <text> elements")
for word in ["SYN", "seq=0", "ack=1", "SYN_SENT", "TIME_WAIT", "GET / HTTP/1.1"]:
    check(word in words, f"SVG <text> has {word!r}")
check("<symbol" not in body and "glyph" not in body, "no glyph outlines in the SVG")
check(re.search(r"font-family=\"'[^']+'", body) is not None, "the SVG names its font")

# PDF pages
if shutil.which("pdfinfo"):
    def pdfinfo(path):
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", out).group(1))
        w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", out).groups())
        return pages, w, h
    r = run("--export", pdf, textbook)
    pages, w, h = pdfinfo(pdf)
    png1 = sizes.get("1")
    check(pages == 1 and (w, h) != (595, 842), f"default PDF: one page of {w:g}x{h:g} pt")
    if png1:
        check(abs(w - png1[0]) <= 1 and abs(h - png1[1]) <= 1,
              f"the page is the diagram's size ({w:g}x{h:g} pt, the PNG at 1x {png1[0]}x{png1[1]})")
    a4 = os.path.join(tmp, "a4.pdf")
    r = run("--export", a4, "--paper", "a4", textbook)
    pages, w, h = pdfinfo(a4)
    check(r.returncode == 0 and (w, h) == (595, 842), f"--paper a4: {pages} page(s) of {w:g}x{h:g} pt")
    letter = os.path.join(tmp, "letter.pdf")
    r = run("--export", letter, "--paper", "letter", textbook)
    pages, w, h = pdfinfo(letter)
    check(r.returncode == 0 and (w, h) == (612, 792), f"--paper letter: {pages} page(s) of {w:g}x{h:g} pt")
    check(run("--export", os.path.join(tmp, "x.png"), "--paper", "a4", textbook).returncode == 2,
          "--paper with PNG exits 2")

# text diagrams
doc = json.loads(run("--json", textbook).stdout)
n_segs = len(doc["connections"][0]["segments"])
mmd = os.path.join(tmp, "ladder.mmd")
r = run("--export", mmd, textbook)
lines = open(mmd).read().splitlines() if r.returncode == 0 else []
messages = [l for l in lines if re.match(r"\s+[CS](->>|-x)[CS]:", l)]
check(lines[:1] == ["sequenceDiagram"], "the .mmd starts with sequenceDiagram")
check(len(messages) == n_segs, f"the .mmd has {len(messages)} messages for {n_segs} segments")
check(any("SYN_SENT" in l and "Note" in l for l in lines), "the .mmd has the states as notes")
check(any("GET / HTTP/1.1" in l for l in messages), "the .mmd has the HTTP line")

txt = os.path.join(tmp, "ladder.txt")
r = run("--export", txt, textbook)
lines = open(txt, encoding="utf-8").read().splitlines() if r.returncode == 0 else []
longest = max((len(l) for l in lines), default=999)
check(r.returncode == 0 and longest <= 80, f"the .txt's longest line is {longest} columns")
check(sum("|---" in l or "|<--" in l for l in lines) == n_segs, "the .txt has one arrow per segment")
for word in ["SYN seq=0", "TIME_WAIT", "GET / HTTP/1.1", "Three-way handshake"]:
    check(any(word in l for l in lines), f"the .txt has {word!r}")

puml = os.path.join(tmp, "ladder.puml")
r = run("--export", puml, textbook)
text = open(puml).read() if r.returncode == 0 else ""
check(text.startswith("@startuml") and text.rstrip().endswith("@enduml"), "the .puml is @startuml … @enduml")
check(len(re.findall(r"^[CS] ->x? [CS] : ", text, re.M)) == n_segs, "the .puml has one message per segment")

# options
r = run("--export", os.path.join(tmp, "part.mmd"), "--segments", "4-7", textbook)
part = open(os.path.join(tmp, "part.mmd")).read() if r.returncode == 0 else ""
check(len(re.findall(r"^\s+[CS](->>|-x)[CS]:", part, re.M)) == 4, "--segments 4-7 writes 4 messages")
r = run("--export", os.path.join(tmp, "noack.txt"), "--hide-acks", textbook)
noack = open(os.path.join(tmp, "noack.txt")).read() if r.returncode == 0 else ""
check(0 < noack.count("|---") + noack.count("|<--") < n_segs, "--hide-acks leaves out pure ACKs")
check(run("--export", os.path.join(tmp, "x.png"), "--segments", "7-3", textbook).returncode == 2,
      "--segments 7-3 exits 2")
check(run("--export", os.path.join(tmp, "x.png"), "--segments", "50-60", textbook).returncode == 1,
      "--segments past the end exits 1")
check(run("--summary", "--legend", textbook).returncode == 2, "--legend without --export exits 2")
r = run("--export", os.path.join(tmp, "titled.svg"), "--title", "Figure 3: a handshake", "--legend", textbook)
titled = open(os.path.join(tmp, "titled.svg")).read() if r.returncode == 0 else ""
check(">Figure 3: a handshake<" in titled, "--title is in the SVG")
check(">Handshake<" in titled and ">Data<" in titled, "--legend names the colours")
check("textbook-handshake.pcap" in body, "the default title names the capture")
r = run("--export", os.path.join(tmp, "untitled.svg"), "--no-title", textbook)
check("textbook-handshake.pcap" not in open(os.path.join(tmp, "untitled.svg")).read(),
      "--no-title leaves it out")

# time spacing: the first row after each broken gap has its time
loop = os.path.join(captures, "loopback-http.pcap")
r = run("--export", os.path.join(tmp, "time.svg"), "--spacing", "time", loop)
timed = open(os.path.join(tmp, "time.svg")).read() if r.returncode == 0 else ""
for t in ["2.960 ms", "45.481 ms", "203.444 ms"]:
    check(f">{t}<" in timed, f"time spacing labels the row after a break: {t}")

# usage and errors
check(run("--export", os.path.join(tmp, "x.bmp"), textbook).returncode == 2, "unknown format exits 2")
r = run("--export", os.path.join(tmp, "x.png"), "--connection", "99", textbook)
check(r.returncode == 1 and "99" in r.stderr, "a connection that is not there exits 1 and says so")
r = run("--export", os.path.join(tmp, "x.png"), "/nonexistent/none.pcap")
check(r.returncode == 1 and "none.pcap" in r.stderr, "a missing file exits 1 and names it")

shutil.rmtree(tmp)
print(f"export-cli: {0 if failures else 1} passed, {1 if failures else 0} failed")
sys.exit(1 if failures else 0)
