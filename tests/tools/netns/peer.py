#!/usr/bin/env python3
"""The two ends of the socket-level cases of make-captures.sh, run inside the
network namespaces with `ip netns exec`.  Each role is bounded in time.

usage: peer.py ROLE [ARG...]   (see the functions below; ports and addresses
come from the command line)"""
import os, socket, struct, sys, time

TIMEOUT = 20


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def listener(addr, port, backlog=8, opts=()):
    s = socket.socket(family(addr), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    for level, name, value in opts:
        s.setsockopt(level, name, value)
    s.bind((addr, port))
    s.listen(backlog)
    s.settimeout(TIMEOUT)
    return s


def connect(addr, port, bind=None, opts=()):
    s = socket.socket(family(addr), socket.SOCK_STREAM)
    for level, name, value in opts:
        s.setsockopt(level, name, value)
    if bind:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(bind)
    s.settimeout(TIMEOUT)
    s.connect((addr, port))
    return s


def read_all(c):
    n = 0
    while True:
        b = c.recv(65536)
        if not b:
            return n
        n += len(b)


def read_until(c, marker):
    data = b""
    while marker not in data:
        b = c.recv(65536)
        if not b:
            break
        data += b
    return data


def wait_until(t):
    d = t - time.time()
    if d > 0:
        time.sleep(d)


# ---- simple servers ----

def serve_bytes(addr, port, size, count=1, tail=b""):
    """Accepts COUNT connections; on each, reads one request line and answers
    with SIZE bytes (ending in TAIL), then waits for the client to close."""
    s = listener(addr, int(port))
    for _ in range(int(count)):
        c, _ = s.accept()
        c.settimeout(TIMEOUT)
        read_until(c, b"\n")
        body = b"x" * (int(size) - len(tail)) + tail
        c.sendall(body)
        read_all(c)
        c.close()


def fetch(addr, port, bind_port=0):
    """Sends one request line, reads until the server closes, closes."""
    bind = ("", int(bind_port)) if int(bind_port) else None
    c = connect(addr, int(port), bind)
    c.sendall(b"GET /data\n")
    c.shutdown(socket.SHUT_WR)
    n = read_all(c)
    c.close()
    print(f"fetched {n} bytes")


def rto_server(addr, port):
    """Answers one request with a 3-segment burst whose last segment carries
    RTO-TAIL (the relay drops it once), then closes after the client."""
    s = listener(addr, int(port))
    c, _ = s.accept()
    c.settimeout(TIMEOUT)
    read_until(c, b"\n")
    c.sendall(b"a" * 1448 + b"b" * 1448 + b"c" * 200 + b"RTO-TAIL\n")
    read_all(c)
    c.close()


def rto_client(addr, port):
    c = connect(addr, int(port))
    c.sendall(b"GET /burst\n")
    n = 0
    while n < 1448 * 2 + 209:
        b = c.recv(65536)
        if not b:
            break
        n += len(b)
    c.close()
    print(f"got {n} bytes")


def burst_close_server(addr, port):
    """Answers one request with three segments and closes at once: its FIN
    follows the last of them."""
    s = listener(addr, int(port))
    c, _ = s.accept()
    c.settimeout(TIMEOUT)
    read_until(c, b"\n")
    c.sendall(b"1" * 1448 + b"2" * 1448 + b"3" * 300)
    c.close()


def read_to_close(addr, port):
    """Sends one request line, reads until the server's FIN, then closes."""
    c = connect(addr, int(port))
    c.sendall(b"GET /burst\n")
    n = read_all(c)
    c.close()
    print(f"read {n} bytes")


# ---- closes ----

def half_close_server(addr, port):
    """Reads the request until the client's FIN, then sends 3 answers 50 ms
    apart over the half-open connection, then closes."""
    s = listener(addr, int(port))
    c, _ = s.accept()
    c.settimeout(TIMEOUT)
    req = read_all(c)
    for i in range(3):
        c.sendall(b"answer %d to %d bytes\n" % (i, req))
        time.sleep(0.05)
    c.close()


def half_close_client(addr, port):
    c = connect(addr, int(port))
    c.sendall(b"question 1\nquestion 2\n")
    time.sleep(0.05)
    c.shutdown(socket.SHUT_WR)
    n = read_all(c)
    c.close()
    print(f"read {n} bytes after the half-close")


def abort_server(addr, port):
    s = listener(addr, int(port))
    c, _ = s.accept()
    c.settimeout(TIMEOUT)
    read_until(c, b"\n")
    c.sendall(b"partial answer, then the server aborts\n")
    time.sleep(0.1)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close()


def abort_client(addr, port):
    c = connect(addr, int(port))
    c.sendall(b"GET /abort\n")
    try:
        read_all(c)
    except ConnectionResetError:
        print("reset by the server")
    c.close()


def refused_client(addr, port):
    try:
        connect(addr, int(port))
    except ConnectionRefusedError:
        print("refused")


def simopen(local, lport, remote, rport, start, closer):
    """Binds LOCAL:LPORT and connects to REMOTE:RPORT at time START: both ends
    do this at once, so the SYNs cross (the relay delays them).  The end
    with CLOSER = 1 closes first, the other when it has read the FIN."""
    s = socket.socket(family(remote), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((local, int(lport)))
    s.settimeout(TIMEOUT)
    wait_until(float(start))
    s.connect((remote, int(rport)))
    s.sendall(b"hello from %s\n" % local.encode())
    got = read_until(s, b"\n")
    if closer == "1":
        time.sleep(0.3)
    else:
        read_all(s)
    s.close()
    time.sleep(0.3)
    print("simultaneous open:", got.strip().decode())


def simclose_server(addr, port, start):
    s = listener(addr, int(port))
    c, _ = s.accept()
    c.settimeout(TIMEOUT)
    c.sendall(b"hello\n")
    read_until(c, b"\n")
    wait_until(float(start))
    c.close()
    time.sleep(0.5)


def simclose_client(addr, port, start):
    c = connect(addr, int(port))
    read_until(c, b"\n")
    c.sendall(b"hi\n")
    wait_until(float(start))
    c.close()
    time.sleep(0.5)
    print("closed")


# ---- windows and timers ----

def zero_window_server(addr, port, size):
    s = listener(addr, int(port))
    c, _ = s.accept()
    c.settimeout(TIMEOUT)
    read_until(c, b"\n")
    c.sendall(b"z" * int(size))
    read_all(c)
    c.close()


def zero_window_client(addr, port, pause):
    """A small receive buffer, a reader that stops for PAUSE seconds after the
    first read, then reads everything."""
    c = connect(addr, int(port), opts=[(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)])
    c.sendall(b"GET /big\n")
    n = len(c.recv(1000))
    time.sleep(float(pause))
    n += read_all(c)
    c.close()
    print(f"read {n} bytes")


def keepalive_server(addr, port):
    s = listener(addr, int(port))
    c, _ = s.accept()
    c.settimeout(TIMEOUT)
    read_until(c, b"\n")
    c.sendall(b"ok\n")
    read_all(c)
    c.close()


def keepalive_client(addr, port, idle):
    c = connect(addr, int(port), opts=[(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1),
                                       (socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1),
                                       (socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1),
                                       (socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 5)])
    c.sendall(b"hello\n")
    read_until(c, b"\n")
    time.sleep(float(idle))
    c.sendall(b"still here\n")
    time.sleep(0.1)
    c.close()
    print("idle done")


def pingpong_server(addr, port, think):
    """Answers a line with "fast" in it at once and any other line after
    THINK seconds.  A quick answer puts the kernel in interactive
    ("ping-pong") mode, where it holds back the ACK of the next request
    hoping to send it with the answer; when the answer is slow, the
    delayed-ACK timer (40 ms) sends a pure ACK first."""
    s = listener(addr, int(port))
    c, _ = s.accept()
    c.settimeout(TIMEOUT)
    f = c.makefile("rb")
    for line in f:
        if b"fast" not in line:
            time.sleep(float(think))
        c.sendall(b"re: " + line)
    c.close()


def pingpong_client(addr, port, count):
    """COUNT requests, each sent when the answer to the one before has come:
    fast, slow, fast, slow, ..."""
    c = connect(addr, int(port))
    f = c.makefile("rb")
    for i in range(int(count)):
        c.sendall(b"request %d %s\n" % (i, b"fast" if i % 2 == 0 else b"slow"))
        f.readline()
    c.shutdown(socket.SHUT_WR)
    read_all(c)
    c.close()
    print("done")


def sink_server(addr, port):
    """Reads until the client closes and never answers: each small segment
    is acknowledged on its own, after the delayed-ACK timer once the
    connection has left quick-ACK mode."""
    s = listener(addr, int(port))
    c, _ = s.accept()
    c.settimeout(TIMEOUT)
    n = read_all(c)
    c.close()
    print(f"sink read {n} bytes")


def trickle_client(addr, port, count, gap):
    c = connect(addr, int(port))
    for i in range(int(count)):
        c.sendall(b"line %d\n" % i)
        time.sleep(float(gap))
    c.close()


# ---- TCP Fast Open ----

def tfo_server(addr, port, count):
    s = listener(addr, int(port), opts=[(socket.IPPROTO_TCP, socket.TCP_FASTOPEN, 16)])
    for _ in range(int(count)):
        c, _ = s.accept()
        c.settimeout(TIMEOUT)
        req = read_until(c, b"\n")
        c.sendall(b"TFO answer to " + req)
        read_all(c)
        c.close()


def tfo_client(addr, port, count):
    """COUNT connections with the request in the SYN (MSG_FASTOPEN): the first
    only asks for a cookie, later ones send data with it."""
    for i in range(int(count)):
        c = socket.socket(family(addr), socket.SOCK_STREAM)
        # blocking: a socket with a timeout is non-blocking inside, and
        # sendto would fail with EINPROGRESS
        c.sendto(b"GET /tfo/%d\n" % i, socket.MSG_FASTOPEN, (addr, int(port)))
        c.settimeout(TIMEOUT)
        got = read_until(c, b"\n")
        c.close()
        print(got.strip().decode())
        time.sleep(0.3)


def main():
    role = sys.argv[1].replace("-", "_")
    fn = globals().get(role)
    if fn is None:
        sys.exit(f"peer.py: unknown role {sys.argv[1]}")
    fn(*sys.argv[2:])


if __name__ == "__main__":
    main()
