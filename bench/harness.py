"""What every benchmark here shares: the request it sends, starting a server, loading it with wrk.

One job: the mechanics, so that ``bench_serve.py`` (the targets) and ``servers.py`` (the server
comparison) measure the same way: a server started in its own process group on a free loopback port
and ready at its first 201 (``Running``), a load bounded in time and per request (``wrk``), medians
over rounds (``median_of``). Nothing here prints a figure.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "bench" / ".cache"
BIN = Path(sys.executable).parent
SESSIONS = "/v1.0/solutions/virtualEvents/events/{event}/sessions"
PATH = SESSIONS.format(event="e1")
GET_EVENT, LIST_EVENT, BIG_EVENT = "bench-get", "bench-list", "bench-big"
LIST_SIZE = 10
BODY = (ROOT / "fixtures" / "virtualEventSession.create.request.minimal.json").read_bytes()
INVALID = json.dumps({**json.loads(BODY), "capacity": "lots"}).encode()
HEADERS = {"Content-Type": "application/json", "Authorization": "Bearer bench"}
MOCKGRAPH = "mockgraph serve"
FLOOR = "Flask floor: fixed replies (granian 2 workers)"
STORED = "fixed replies after shared SQLite writes"  # what the store floor checks: nothing
IMPORTS = "import flask, faker"
#: what serve's first 201 imports beyond them: its server and the contracts' libraries (jsonschema waits for a refusal)
STACK_IMPORTS = "import flask, faker, gunicorn.workers.gthread, fastjsonschema"


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def pip_command(package: str, command: str) -> str:
    """The path of ``command`` beside this Python, pip-installing ``package`` first if it is missing."""
    found = shutil.which(command, path=str(BIN))
    if not found:
        log(f"installing {package} with pip")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], timeout=600, check=True)
        found = shutil.which(command, path=str(BIN))
    if not found:
        raise RuntimeError(f"{package} installed no `{command}` command")
    return found


@functools.cache
def floor_replies() -> Path:
    """mockgraph's own reply bodies for the create, get and list the loads send, for the floor to replay."""
    from mockgraph.app import create_app

    client = create_app({}).test_client()
    created = client.post(SESSIONS.format(event=GET_EVENT), data=BODY, headers=HEADERS)
    got = client.get(created.headers["Location"], headers=HEADERS)
    for _ in range(LIST_SIZE):
        client.post(SESSIONS.format(event=LIST_EVENT), data=BODY, headers=HEADERS)
    listed = client.get(SESSIONS.format(event=LIST_EVENT), headers=HEADERS)
    path = CACHE / "floor-replies.json"
    path.write_text(json.dumps({"create": created.get_data(as_text=True), "get": got.get_data(as_text=True),
                                "list": listed.get_data(as_text=True)}))
    return path


# ---------------------------------------------------------------- the servers
@dataclass
class Peer:
    name: str
    argv: list[str]  # "{port}" is replaced by the free port
    checks_body: str
    env: dict[str, str] = field(default_factory=dict)
    reads: bool = False  # serves GET of a session and a one-page list (mockgraph and the floor)


def mockgraph_argv(extra: str = "") -> list[str]:
    return [sys.executable, "-m", "mockgraph", "serve", "--host", "127.0.0.1", "--port", "{port}", *extra.split()]


def granian_argv(target: str, workers: int, threads: int) -> list[str]:
    return [pip_command("granian", "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", "{port}",
            "--workers", str(workers), "--blocking-threads", str(threads), "--no-ws", "--log-level", "warning",
            target]


def floor_peer() -> Peer:
    """The Flask floor: ``bench/floor_app.py`` on granian, the fastest WSGI server the bench installs."""
    return Peer(FLOOR, granian_argv("bench.floor_app:app", 2, 1), "no (fixed replies)",
                {"FLOOR_REPLIES": str(floor_replies())}, reads=True)


def server_floor_peer(name: str, workers: int, threads: int, store: Path | None = None) -> Peer:
    """The same floor app served the way `mockgraph serve` serves (``bench/floor_serve.py``): serve's server floor;
    with ``store`` (the state file its workers share), the store floor (``bench/floor_store.py``) served so."""
    env = {"FLOOR_REPLIES": str(floor_replies()), **({"FLOOR_STORE": str(store)} if store else {})}
    return Peer(name, [sys.executable, "-m", "bench.floor_serve", "--port", "{port}", "--workers", str(workers),
                       "--threads", str(threads), *(["--store"] if store else [])],
                STORED if store else "fixed replies", env)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port: int, method: str, path: str, body: bytes | None = None,
         timeout: float = 2.0) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=HEADERS)
        reply = conn.getresponse()
        return reply.status, dict(reply.getheaders()), reply.read()
    finally:
        conn.close()


def post(port: int, body: bytes = BODY, timeout: float = 2.0, path: str = PATH) -> int:
    return call(port, "POST", path, body, timeout)[0]


class Running:
    """A peer started in its own process group; ``cold`` is launch → first 201 in seconds."""

    def __init__(self, peer: Peer, deadline: float = 60.0):
        self.port = free_port()
        self.terminated = False
        argv = [a.replace("{port}", str(self.port)) for a in peer.argv]
        env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKGRAPH_")}
        start = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env={**env, **peer.env}, start_new_session=True, cwd=ROOT)
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{peer.name} exited with {self.proc.returncode}")
            try:
                if post(self.port) == 201:
                    break
            except OSError:
                pass
            if time.perf_counter() - start > deadline:
                self.stop()
                raise RuntimeError(f"{peer.name} gave no 201 within {deadline:.0f} s")
            time.sleep(0.002)
        self.cold = time.perf_counter() - start

    def rss_mib(self) -> tuple[float, float]:
        """(largest process, whole group) resident memory in MiB."""
        sizes = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == self.proc.pid:  # fields[2] is the process group id
                sizes.append(int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20)
        return (max(sizes), sum(sizes)) if sizes else (0.0, 0.0)

    def terminate(self) -> None:
        """Ask the whole group to exit (once: a second SIGTERM can turn a graceful stop into a hard one)."""
        if not self.terminated:
            self.terminated = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)

    def stop(self) -> None:
        """Terminate and wait for the exit; what is still there after 10 s is killed."""
        self.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def read_paths(port: int) -> dict[str, str]:
    """Make what the reads need (a session, a collection of LIST_SIZE) and return each load's path."""
    _, headers, _ = call(port, "POST", SESSIONS.format(event=GET_EVENT), BODY)
    location = headers.get("Location", "")
    get_path = location[location.index("/v1.0/"):] if "/v1.0/" in location else SESSIONS.format(event=GET_EVENT) + "/1"
    for _ in range(LIST_SIZE):
        call(port, "POST", SESSIONS.format(event=LIST_EVENT), BODY)
    return {"create": PATH, "get": get_path, "list": SESSIONS.format(event=LIST_EVENT)}


# ---------------------------------------------------------------- load
def lua(name: str, method: str = "POST", body: bytes | None = BODY) -> Path:
    script = CACHE / name
    headers = "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in HEADERS.items())
    text = f'wrk.method = "{method}"\n{headers}'
    if body is not None:
        text += f"wrk.body = {json.dumps(body.decode())}\n"
    script.write_text(text)
    return script


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[unit]


def wrk(binary: str, port: int, conns: int, seconds: float, script: Path, path: str = PATH,
        timeout: float = 2.0) -> dict:
    out = subprocess.run([binary, f"-t{min(conns, 2)}", f"-c{conns}", f"-d{seconds:g}s", "--timeout", f"{timeout:g}s",
                          "--latency", "-s", str(script), f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True, timeout=seconds + timeout + 60, check=True).stdout
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50, p99 = re.search(r"\s50%\s+(\S+)", out), re.search(r"\s99%\s+(\S+)", out)
    return {
        "rps": rate,
        "p50": _ms(p50.group(1)) if p50 else float("nan"),
        "p99": _ms(p99.group(1)) if p99 else float("nan"),
        "timeouts": int(errors.group(4)) if errors else 0,
        "errors": sum(map(int, errors.groups()[:3])) if errors else 0,
        "non2xx": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
    }


def median_of(runs: list[dict]) -> dict:
    """Latencies and rates: the median round; error counts: the sum over rounds."""
    middle = ("rps", "p50", "p99")
    return {k: statistics.median(r[k] for r in runs) if k in middle else sum(r[k] for r in runs) for k in runs[0]}


@dataclass
class Load:
    """How one run loads a server: wrk, its scripts, and the seconds and rounds of each load."""

    binary: str
    seconds: float
    rounds: int
    scripts: dict[str, Path]

    def __call__(self, port: int, what: str, conns: int, path: str, timeout: float = 2.0) -> dict:
        return median_of([wrk(self.binary, port, conns, self.seconds, self.scripts[what], path, timeout)
                          for _ in range(self.rounds)])


