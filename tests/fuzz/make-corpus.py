#!/usr/bin/env python3
"""Makes the fuzz targets' seed corpora from the project's captures.

    tests/fuzz/make-corpus.py [CAPTURES_DIR [CORPUS_DIR]]

load/ and stream/ get the small capture files as they are; decode/ (and
render/, which reads the same format) gets,
for each classic pcap, its frames in fuzz-decode's input format (one byte
for the link type, then u16 caplen, u16 wirelen, u8 time step and the
bytes of each frame), and a few single frames."""
import os
import struct
import sys

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
captures = sys.argv[1] if len(sys.argv) > 1 else os.path.join(top, 'tests', 'captures')
corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(top, 'tests', 'fuzz', 'corpus')

# index of each link type in fuzz-decode.c's table
LINKTYPES = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147]
MAX_SEED = 16 * 1024


def pcap_frames(data):
    """(linktype, [(caplen bytes, wirelen)]) of a classic pcap, or None."""
    if len(data) < 24:
        return None
    magic = data[:4]
    if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1'):
        e = '<'
    elif magic in (b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        e = '>'
    else:
        return None
    linktype = struct.unpack(e + 'I', data[20:24])[0] & 0xffff
    frames = []
    pos = 24
    while pos + 16 <= len(data):
        _, _, caplen, wirelen = struct.unpack(e + 'IIII', data[pos:pos + 16])
        pos += 16
        frames.append((data[pos:pos + caplen], wirelen))
        pos += caplen
    return linktype, frames


def decode_input(linktype, frames):
    out = bytearray([LINKTYPES.index(linktype)])
    for payload, wirelen in frames:
        payload = payload[:0xffff]
        out += struct.pack('>HHB', len(payload), min(wirelen, 0xffff), 10)
        out += payload
    return bytes(out)


def write(subdir, name, data):
    d = os.path.join(corpus, subdir)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


n = 0
for name in sorted(os.listdir(captures)):
    if not (name.endswith('.pcap') or name.endswith('.pcapng')):
        continue
    with open(os.path.join(captures, name), 'rb') as f:
        data = f.read()
    if len(data) <= MAX_SEED:
        write('load', name, data)
        write('stream', name, data)
    parsed = pcap_frames(data)
    if parsed is None or parsed[0] not in LINKTYPES:
        continue
    linktype, frames = parsed
    seed = decode_input(linktype, frames)
    # render reads the same format as decode
    for target in ('decode', 'render'):
        if len(seed) <= MAX_SEED:
            write(target, name + '.frames', seed)
        # a few single frames: the first (SYN) and the first with a payload
        write(target, name + '.frame1', decode_input(linktype, frames[:1]))
        for i, (payload, _) in enumerate(frames):
            if len(payload) > 80:
                write(target, name + '.frame%d' % (i + 1), decode_input(linktype, [frames[i]]))
                break
    n += 1
print('corpus from %d captures in %s' % (n, corpus))
