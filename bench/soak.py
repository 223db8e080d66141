"""Soak: a million requests against `mockgraph serve` on loopback, printing memory as it goes.

    python bench/soak.py                      # 1,000,000 requests, at most 45 minutes
    python bench/soak.py --requests 20000     # a quick look

The traffic is mostly valid creates, with invalid bodies (400), missing tokens (401) and, every
500th request, a 200 KB body whose echo the journal must not keep whole. There is no reset, so
every bound (journal, stored state) has to hold on its own. At 10k, 100k and 1M requests it prints
each process's peak RSS (VmHWM), the total current RSS, the size of the shared SQLite state and the
journal's length, and at the end the ratio of the last figures to those at 10k (the in-run baseline):
flat memory is a ratio near 1. Any 5xx or lost reply is counted and printed; it exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
EVENT = "f8ce2a5f-0e6a-4186-aa90-1f64bc023566@5466a424-aadf-425c-9b24-034ca28d4bdd"
PATH = f"/v1.0/solutions/virtualEvents/events/{EVENT}/sessions"
CHECKPOINTS = (10_000, 100_000, 1_000_000)


def request(body: bytes, auth: bool = True) -> bytes:
    head = [f"POST {PATH} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
            f"Content-Length: {len(body)}"]
    if auth:
        head.append("Authorization: Bearer soak-token")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def traffic() -> list[bytes]:
    """The cycle of requests each client repeats: 500 of them, from the documented examples."""
    minimal = json.loads((ROOT / "fixtures/virtualEventSession.create.request.minimal.json").read_text())
    resolved = json.loads((ROOT / "fixtures/virtualEventSession.create.request.resolved.json").read_text())
    cycle = []
    for i in range(500):
        if i == 0:
            cycle.append(request(json.dumps({**minimal, "subject": "x" * 200_000}).encode()))
        elif i % 50 == 1:
            cycle.append(request(b'{"capacity": "many"}'))
        elif i % 50 == 2:
            cycle.append(request(b"{}", auth=False))
        else:
            body = resolved if i % 2 else {**minimal, "subject": f"Soak session {i}"}
            cycle.append(request(json.dumps(body).encode()))
    return cycle


class Client(threading.Thread):
    """One keep-alive connection sending the cycle until the shared budget runs out."""

    def __init__(self, host: str, port: int, cycle: list[bytes], budget: Budget):
        super().__init__(daemon=True)
        self.address, self.cycle, self.budget = (host, port), cycle, budget
        self.statuses: dict[int, int] = {}
        self.errors = 0

    def run(self) -> None:
        sock, buffer, i = None, b"", 0
        while self.budget.take():
            try:
                if sock is None:
                    sock, buffer = socket.create_connection(self.address, timeout=60), b""
                sock.sendall(self.cycle[i % len(self.cycle)])
                status, buffer = read_reply(sock, buffer)
                self.statuses[status] = self.statuses.get(status, 0) + 1
            except OSError:
                self.errors += 1
                if sock is not None:
                    sock.close()
                sock = None
            i += 1
        if sock is not None:
            sock.close()


def read_reply(sock: socket.socket, buffer: bytes) -> tuple[int, bytes]:
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before a reply")
        buffer += chunk
    head, _, rest = buffer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = int(re.search(rb"(?im)^content-length:\s*(\d+)", head).group(1))
    while len(rest) < length:
        chunk = sock.recv(max(65536, length - len(rest)))
        if not chunk:
            raise ConnectionError("closed mid-reply")
        rest += chunk
    return status, rest[length:]


class Budget:
    def __init__(self, total: int, deadline: float):
        self.total, self.deadline, self.taken = total, deadline, 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.taken >= self.total or time.monotonic() > self.deadline:
                return False
            self.taken += 1
            return True


def tree(pid: int) -> list[int]:
    """``pid`` and its descendants (gunicorn's master and workers)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def memory(pid: int) -> dict[int, tuple[int, int]]:
    """Per process: (current RSS, peak RSS) in KiB."""
    out = {}
    for p in tree(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        hwm = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))
        out[p] = (rss, hwm)
    return out


def state_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.glob("state.sqlite3*")) if folder.exists() else 0


def journal_length(base: str) -> int:
    import urllib.request

    with urllib.request.urlopen(base + "/_mockgraph/requests", timeout=60) as reply:
        return json.loads(reply.read())["count"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--max-minutes", type=float, default=45.0, help="stop early when this is spent")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    state_dir = Path(os.environ.get("TMPDIR", "/tmp")) / f"mockgraph-soak-{os.getpid()}"
    state_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKGRAPH_")}
    env["MOCKGRAPH_STORE_PATH"] = str(state_dir / "state.sqlite3")  # so its size can be watched
    log = open(state_dir / "serve.log", "w+b")  # noqa: SIM115 (kept open for the server's lifetime)
    server = subprocess.Popen([sys.executable, "-m", "mockgraph", "serve", "--port", "0",
                               "--workers", str(args.workers)], stdout=log, stderr=subprocess.STDOUT, env=env,
                              start_new_session=True)
    try:
        url = wait_for_url(state_dir / "serve.log", server)
        parts = urlsplit(url)
        assert parts.hostname in {"127.0.0.1", "::1"}, "the soak stays on loopback"
        base = f"{parts.scheme}://{parts.netloc}"
        budget = Budget(args.requests, time.monotonic() + 60 * args.max_minutes)
        cycle = traffic()
        clients = [Client(parts.hostname, parts.port, cycle, budget) for _ in range(args.clients)]
        started = time.monotonic()
        for c in clients:
            c.start()
        print(f"soak: {args.requests:,} requests, {args.clients} clients, `mockgraph serve --workers {args.workers}`"
              f" at {url}", flush=True)
        print(f"{'requests':>10} {'seconds':>8} {'req/s':>7} {'total RSS MiB':>14} {'peak RSS per process MiB':>30}"
              f" {'state KiB':>10} {'journal':>8}", flush=True)
        rows = {}
        for mark in [m for m in CHECKPOINTS if m <= args.requests] + [args.requests]:
            if mark in rows:
                continue
            while budget.taken < mark and any(c.is_alive() for c in clients):
                time.sleep(0.2)
            if mark == args.requests or not any(c.is_alive() for c in clients):
                for c in clients:
                    c.join()
            done, elapsed = budget.taken, time.monotonic() - started
            mem = memory(server.pid)
            total = sum(r for r, _ in mem.values()) / 1024
            peaks = " ".join(f"{h / 1024:.1f}" for _, h in mem.values())
            rows[mark] = (total, max(h for _, h in mem.values()) / 1024, state_bytes(state_dir))
            print(f"{done:>10,} {elapsed:>8.1f} {done / elapsed:>7.0f} {total:>14.1f} {peaks:>30}"
                  f" {rows[mark][2] / 1024:>10.0f} {journal_length(base):>8}", flush=True)
            if done < mark:
                print(f"soak: stopped at {done:,} requests (time budget of {args.max_minutes} min spent)")
                break
        statuses: dict[int, int] = {}
        for c in clients:
            for status, n in c.statuses.items():
                statuses[status] = statuses.get(status, 0) + n
        errors = sum(c.errors for c in clients)
        print("statuses:", dict(sorted(statuses.items())), "connection errors:", errors)
        first, last = rows[min(rows)], rows[max(rows)]
        print(f"ratio last/first checkpoint: total RSS {last[0] / first[0]:.2f}, largest peak RSS "
              f"{last[1] / first[1]:.2f}, state file {last[2] / max(first[2], 1):.2f}")
        tracebacks = (state_dir / "serve.log").read_text(errors="replace").count("Traceback")
        print("tracebacks in the server log:", tracebacks)
        bad = sum(n for s, n in statuses.items() if s >= 500) + errors + tracebacks
        return 1 if bad else 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(state_dir, ignore_errors=True)


def wait_for_url(log_path: Path, server: subprocess.Popen) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        match = re.search(r"on (http://\S+)/v1\.0", log_path.read_text(errors="replace"))
        if match:
            return match.group(1)
        if server.poll() is not None:
            break
        time.sleep(0.05)
    raise SystemExit(f"mockgraph serve did not start:\n{log_path.read_text(errors='replace')}")


if __name__ == "__main__":
    sys.exit(main())
