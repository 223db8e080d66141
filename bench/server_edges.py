"""What each candidate server does at the HTTP edge mockgraph relies on, tried on loopback.

    python bench/server_edges.py

For `mockgraph serve` (gunicorn, as shipped) and granian serving the same app (``bench/run_granian.py``),
one worker: a request the server cannot parse, a request line too long, an HTTP/1.1 request without
Host, a client that stalls in its headers, one that stalls in its body (and whether another client is
still answered meanwhile), the access log, and SIGINT (Ctrl-C): exit status and time. Prints one line per
probe: what came back, first bytes of the reply, how long it took. Nothing is asserted.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import BODY, PATH, free_port, granian_argv, mockgraph_argv, post  # noqa: E402

STALL_SECONDS = 8.0  # granian's header timeout is set to 5 s below, as mockgraph's own idle limit


def servers() -> dict[str, list[str]]:
    granian = granian_argv("bench.run_granian:app", 1, 4)
    granian[1:1] = ["--access-log", "--http1-header-read-timeout", "5000"]
    return {"gunicorn (mockgraph serve --workers 1)": mockgraph_argv("--workers 1"), "granian 1w x 4t": granian}


def raw(port: int, data: bytes, wait: float = STALL_SECONDS) -> tuple[str, float]:
    """Send ``data``, then read until the server closes or ``wait`` passes: (first line and body start, seconds)."""
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        got = b""
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                got += chunk
                if b"\r\n\r\n" in got and (b"Content-Length: 0" in got or got.rstrip().endswith(b"}")):
                    break
        except TimeoutError:
            return (f"no reply, still open after {wait:g} s" if not got else _summary(got)), time.perf_counter() - start
    return (_summary(got) if got else "closed, no reply"), time.perf_counter() - start


def _summary(reply: bytes) -> str:
    head, _, body = reply.partition(b"\r\n\r\n")
    first = head.split(b"\r\n", 1)[0].decode(errors="replace")
    return f"{first} | {body[:90].decode(errors='replace')}"


def probes(port: int) -> list[tuple[str, str, float]]:
    out = []
    cases = {
        "garbage request line": b"NOT HTTP AT ALL\r\n\r\n",
        "request line of 20 kB": b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        "HTTP/1.1 without Host": f"POST {PATH} HTTP/1.1\r\nAuthorization: Bearer b\r\nContent-Type: application/json"
                                 f"\r\nContent-Length: {len(BODY)}\r\n\r\n".encode() + BODY,
        "stalled in the headers": f"GET {PATH} HTTP/1.1\r\nHost: x\r\n".encode(),
        "stalled in the body": f"POST {PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer b\r\n"
                               f"Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{{\"sub".encode(),
    }
    for name, data in cases.items():
        if name == "stalled in the body":
            # While one client stalls, is another answered? Four stalled clients: every gthread thread, if held.
            stalled = [threading.Thread(target=raw, args=(port, data)) for _ in range(4)]
            for t in stalled:
                t.start()
            time.sleep(0.5)
            t0 = time.perf_counter()
            try:
                status = post(port, timeout=STALL_SECONDS)
            except OSError as exc:
                status = f"no answer ({exc})"
            out.append(("another client, while 4 stall in their body", str(status), time.perf_counter() - t0))
            for t in stalled:
                t.join()
        summary, seconds = raw(port, data)
        out.append((name, summary, seconds))
    return out


def main() -> None:
    for name, argv in servers().items():
        port = free_port()
        log = tempfile.TemporaryFile()  # noqa: SIM115 - the server writes to it until it is read below
        env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKGRAPH_")}
        proc = subprocess.Popen([a.replace("{port}", str(port)) for a in argv], stdout=log, stderr=subprocess.STDOUT,
                                cwd=ROOT, env=env, start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if post(port) == 201:
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            print(f"\n## {name}")
            for probe, summary, seconds in probes(port):
                print(f"- {probe}: {summary} ({seconds:.2f} s)")
            t0 = time.perf_counter()
            os.killpg(proc.pid, signal.SIGINT)
            code = proc.wait(timeout=30)
            print(f"- SIGINT (Ctrl-C): exit status {code} after {time.perf_counter() - t0:.2f} s")
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.seek(0)
        lines = log.read().decode(errors="replace").splitlines()
        access = [line for line in lines if "POST" in line or "GET" in line]
        print(f"- access log: {len(access)} request lines; e.g. {access[-1][:140] if access else 'none'!r}")
        tracebacks = sum("Traceback" in line for line in lines)
        print(f"- log: {len(lines)} lines, {tracebacks} tracebacks; last: {lines[-1][:140] if lines else ''!r}")


if __name__ == "__main__":
    main()
