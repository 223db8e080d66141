"""Serve a create on loopback with mockgraph and its peers, side by side, and print one table.

    python bench/bench_serve.py            # every peer, c=1/8/64, 3 rounds (about 6 minutes)
    python bench/bench_serve.py --quick    # CI smoke: no Prism, 1 round of 1 s per load (under a minute)

Installs what it needs: wrk (Debian package), the Pact stub server (pact-python-cli, PyPI), Prism
(npm, into bench/.cache) when npm can reach its registry, granian (PyPI) for the Flask floor: a
Flask app that replays a fixed 201 and checks nothing, so the most any create path through Flask
can reach here (``bench/floor_app.py``). A peer that cannot be installed or
started is skipped with the reason. Everything listens on 127.0.0.1 on a free port; every load
is bounded in time (wrk -d) and per request (wrk --timeout). Figures on a shared machine are
noisy: read the ratios against peers measured in the same run, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
BIN = Path(sys.executable).parent
PATH = "/v1.0/solutions/virtualEvents/events/e1/sessions"
BODY = (ROOT / "fixtures" / "virtualEventSession.create.request.minimal.json").read_bytes()
INVALID = json.dumps({**json.loads(BODY), "capacity": "lots"}).encode()
HEADERS = {"Content-Type": "application/json", "Authorization": "Bearer bench"}
FLOOR = "Flask floor: fixed 201 (granian 2 workers)"
IMPORTS = "import flask, faker"


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- installing what is needed
def ensure_wrk() -> str | None:
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if shutil.which("apt-get") and os.geteuid() == 0:
        log("installing wrk with apt-get")
        for argv in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600, check=False)
    return shutil.which("wrk")


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


def ensure_pact() -> str:
    found = pip_command("pact-python-cli", "pact")
    pact_file = CACHE / "bench-pact.json"
    response = json.loads((ROOT / "fixtures" / "virtualEventSession.create.response.json").read_text())
    pact_file.write_text(json.dumps({  # a plain V4 pact: the create interaction, exact body, fixed reply
        "consumer": {"name": "bench"}, "provider": {"name": "mockgraph"},
        "interactions": [{
            "type": "Synchronous/HTTP", "description": "create a virtual event session",
            "request": {"method": "POST", "path": PATH, "headers": {"Content-Type": ["application/json"]},
                        "body": {"content": json.loads(BODY), "contentType": "application/json"}},
            "response": {"status": 201, "headers": {"Content-Type": ["application/json"]},
                         "body": {"content": response, "contentType": "application/json"}},
        }],
        "metadata": {"pactSpecification": {"version": "4.0"}},
    }))
    return found


def ensure_prism() -> str:
    prism = CACHE / "prism" / "node_modules" / ".bin" / "prism"
    if not prism.exists():
        if not shutil.which("npm"):
            raise RuntimeError("npm is not installed")
        log("installing @stoplight/prism-cli with npm into bench/.cache/prism")
        done = subprocess.run(["npm", "install", "--prefix", str(CACHE / "prism"), "--no-audit", "--no-fund",
                               "@stoplight/prism-cli"], capture_output=True, timeout=600, check=False)
        if done.returncode or not prism.exists():
            raise RuntimeError(f"npm install failed: {done.stderr.decode()[-200:]}")
    from mockgraph.openapi import document

    (CACHE / "openapi.json").write_text(json.dumps(document()))
    return str(prism)


# ---------------------------------------------------------------- the servers
@dataclass
class Peer:
    name: str
    argv: list[str]  # "{port}" is replaced by the free port
    checks_body: str
    env: dict[str, str] = field(default_factory=dict)


def peers(args) -> tuple[list[Peer], list[str]]:
    """The servers to measure, and a line for each peer skipped."""
    listed, skipped = [], []
    mockgraph = [sys.executable, "-m", "mockgraph", "serve", "--host", "127.0.0.1", "--port", "{port}"]
    listed.append(Peer("mockgraph serve", mockgraph + args.mockgraph_args.split(), "yes (contract, auth, ids)"))
    wanted = args.peers.split(",")
    if "pact" in wanted:
        try:
            listed.append(Peer("Pact stub server", [ensure_pact(), "stub", "-f", str(CACHE / "bench-pact.json"),
                                                     "-p", "{port}"], "no (exact-match lookup)"))
        except Exception as exc:
            skipped.append(f"Pact stub server skipped: {exc}")
    if "prism" in wanted:
        try:
            listed.append(Peer("Prism", [ensure_prism(), "mock", "-h", "127.0.0.1", "-p", "{port}",
                                         str(CACHE / "openapi.json")], "yes (OpenAPI from contracts/)"))
        except Exception as exc:
            skipped.append(f"Prism skipped: {exc}")
    if "naive" in wanted:
        listed.append(Peer("naive Flask+jsonschema (gunicorn 2 sync)",
                           [sys.executable, "-m", "gunicorn", "-w", "2", "-k", "sync", "--log-level", "warning",
                            "-b", "127.0.0.1:{port}", "--chdir", str(ROOT), "bench.naive_app:app"], "yes"))
    if "floor" in wanted:
        try:
            granian = pip_command("granian", "granian")
            listed.append(Peer(FLOOR, [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", "{port}",
                                       "--workers", "2", "--blocking-threads", "1", "--log-level", "warning",
                                       "bench.floor_app:app"], "no (fixed reply)"))
        except Exception as exc:
            skipped.append(f"Flask floor skipped: {exc}")
    return listed, skipped


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port: int, body: bytes = BODY, timeout: float = 2.0) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", PATH, body=body, headers=HEADERS)
        return conn.getresponse().status
    finally:
        conn.close()


class Running:
    """A peer started in its own process group; ``cold`` is launch → first 201 in seconds."""

    def __init__(self, peer: Peer, deadline: float = 60.0):
        self.port = free_port()
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

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        except ProcessLookupError:
            pass


# ---------------------------------------------------------------- load
def lua(body: bytes, name: str) -> Path:
    script = CACHE / name
    headers = "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in HEADERS.items())
    script.write_text(f'wrk.method = "POST"\n{headers}wrk.body = {json.dumps(body.decode())}\n')
    return script


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[unit]


def wrk(binary: str, port: int, conns: int, seconds: float, script: Path) -> dict:
    out = subprocess.run([binary, f"-t{min(conns, 2)}", f"-c{conns}", f"-d{seconds:g}s", "--timeout", "2s",
                          "--latency", "-s", str(script), f"http://127.0.0.1:{port}{PATH}"],
                         capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": _ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "timeouts": int(errors.group(4)) if errors else 0,
        "errors": sum(map(int, errors.groups()[:3])) if errors else 0,
        "non2xx": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
    }


def median_of(runs: list[dict]) -> dict:
    """Latencies and rates: the median round; error counts: the sum over rounds."""
    middle = ("rps", "p50", "p99")
    return {k: statistics.median(r[k] for r in runs) if k in middle else sum(r[k] for r in runs) for k in runs[0]}


# ---------------------------------------------------------------- in-process server (the pytest fixture's)
IN_PROCESS = r"""
import json, statistics, time
from mockgraph.server import MockGraphServer
t = time.perf_counter(); first = MockGraphServer().start(); t_first = time.perf_counter() - t
starts, resets = [], []
for _ in range(5):
    t = time.perf_counter(); s = MockGraphServer().start(); starts.append(time.perf_counter() - t); s.stop()
for _ in range(200):
    t = time.perf_counter(); first.reset(); resets.append(time.perf_counter() - t)
first.stop()
print(json.dumps({"first": t_first, "start": statistics.median(starts), "reset": statistics.median(resets)}))
"""


def imports_floor(rounds: int) -> float:
    """Seconds a fresh interpreter takes to import Flask and Faker: no server can start faster."""
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", IMPORTS], cwd=ROOT, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def in_process() -> dict:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import mockgraph.server"], cwd=ROOT, check=True)
    import_s = time.perf_counter() - t
    out = subprocess.run([sys.executable, "-c", IN_PROCESS], capture_output=True, text=True, cwd=ROOT, check=True)
    return {"import": import_s, **json.loads(out.stdout)}


# ---------------------------------------------------------------- the run
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="CI smoke run: no Prism, 1 round of 1 s, 1 cold start")
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each wrk load")
    parser.add_argument("--rounds", type=int, default=3, help="loads per concurrency; the median is shown")
    parser.add_argument("--cold", type=int, default=5, help="cold starts per server; the median is shown")
    parser.add_argument("--peers", default="pact,prism,naive,floor",
                        help="comma-separated: pact, prism, naive, floor")
    parser.add_argument("--mockgraph-args", default="", help="extra arguments for `mockgraph serve`")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.rounds, args.cold = 1.0, 1, 1
        args.peers = args.peers.replace("prism", "")
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n")
    binary = ensure_wrk()
    if not binary:
        log("wrk is not installed and cannot be (needs apt-get as root): nothing measured")
        return 1
    valid, invalid = lua(BODY, "valid.lua"), lua(INVALID, "invalid.lua")
    servers, skipped = peers(args)
    results = {}
    for peer in servers:
        log(f"{peer.name}: {args.cold} cold start(s), loads at c=1, 8, 64")
        try:
            colds = []
            for _ in range(args.cold - 1):
                run = Running(peer)
                colds.append(run.cold)
                run.stop()
            run = Running(peer)
        except Exception as exc:
            skipped.append(f"{peer.name} skipped: {exc}")
            continue
        colds.append(run.cold)
        peak = [0.0, 0.0]
        done = threading.Event()

        def sample(run=run, peak=peak, done=done) -> None:
            while not done.wait(0.05):
                one, total = run.rss_mib()
                peak[0], peak[1] = max(peak[0], one), max(peak[1], total)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            rss_before = run.rss_mib()[0]
            loads = {c: median_of([wrk(binary, run.port, c, args.seconds, valid) for _ in range(args.rounds)])
                     for c in (1, 8, 64)}
            rejects = None
            if peer.name == "mockgraph serve":
                rejects = median_of([wrk(binary, run.port, 8, args.seconds, invalid) for _ in range(args.rounds)])
            rss_after = run.rss_mib()[0]
        finally:
            done.set()
            sampler.join()
            run.stop()
        results[peer.name] = {"peer": peer, "cold": statistics.median(colds), "loads": loads, "rejects": rejects,
                              "rss": tuple(peak), "rss_drift": (rss_before, rss_after)}
    report(results, skipped, in_process(), imports_floor(args.cold), args)
    return 0


def report(results: dict, skipped: list[str], local: dict, imports: float, args) -> None:
    mine = results.get("mockgraph serve")
    print(f"\nDate: {time.strftime('%Y-%m-%d %H:%M %Z')}  \nMachine: `{' '.join(platform.uname())}`, "
          f"nproc {os.cpu_count()}  \nRun: `{' '.join(sys.argv)}` ({args.rounds} round(s) of {args.seconds:g} s "
          f"per load, medians; cold start median of {args.cold})\n")
    print("| server | checks the body? | c | req/s | p50 ms | p99 ms | timeouts/errors | non-2xx "
          "| mockgraph/peer req/s | cold start ms | peak RSS MiB (largest / all) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        for c, load in r["loads"].items():
            ratio = mine["loads"][c]["rps"] / load["rps"] if mine and load["rps"] else float("nan")
            first = c == 1
            print(f"| {name if first else ''} | {r['peer'].checks_body if first else ''} | {c} | {load['rps']:,.0f} "
                  f"| {load['p50']:.2f} | {load['p99']:.2f} | {load['timeouts']}/{load['errors']} | {load['non2xx']} "
                  f"| {ratio:.2f}x | {1e3 * r['cold']:.0f} | "
                  + (f"{r['rss'][0]:.0f} / {r['rss'][1]:.0f} |" if first else "|"))
    for line in skipped:
        print(f"\n{line}")
    if mine:
        ok, bad = mine["loads"][8], mine["rejects"]
        print(f"\nmockgraph, invalid body (400) at c=8: {bad['rps']:,.0f} req/s, p99 {bad['p99']:.2f} ms "
              f"(valid: {ok['rps']:,.0f} req/s; rejected/accepted throughput {bad['rps'] / ok['rps']:.2f}x)")
        before, after = mine["rss_drift"]
        print(f"mockgraph, largest process RSS before/after the loads: {before:.0f} / {after:.0f} MiB")
    floor, pact = results.get(FLOOR), results.get("Pact stub server")
    if floor and pact:
        print(f"floor: Flask answering a fixed 201 reaches {floor['loads'][8]['rps'] / pact['loads'][8]['rps']:.2f}x "
              f"the Pact stub server at c=8, p99 {floor['loads'][8]['p99']:.2f} ms (mockgraph: "
              + (f"{mine['loads'][8]['rps'] / floor['loads'][8]['rps']:.2f}x the floor)" if mine else "not run)"))
    print(f"floor: `python -c '{IMPORTS}'` takes {1e3 * imports:.0f} ms (median of {args.cold}); "
          + (f"mockgraph serve's launch -> first 201 is {mine['cold'] / imports:.2f}x that" if mine else ""))
    print(f"in-process server (pytest fixture): `import mockgraph.server` in a fresh interpreter "
          f"{1e3 * local['import']:.0f} ms (whole process); "
          f"first MockGraphServer().start() {1e3 * local['first']:.1f} ms; "
          f"later starts {1e3 * local['start']:.1f} ms; reset {1e6 * local['reset']:.0f} us (medians)")


if __name__ == "__main__":
    sys.exit(main())
