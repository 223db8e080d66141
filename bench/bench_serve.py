"""Every target of issue 12, each printed as a figure and a ratio against a floor measured in the same run.

    python bench/bench_serve.py              # full: all peers, c=1/8/64, 3 rounds, 100,000-entity state,
                                             # the fixture, and the server comparison (20-25 minutes)
    python bench/bench_serve.py --quick      # CI smoke: no Prism, 1 round of 1 s, 5,000 entities of state,
                                             # the server comparison's four configs at c=8 (under 2 minutes)
    python bench/bench_serve.py --servers    # only the server comparison (bench/servers.py)
    python bench/bench_serve.py --launch     # only serve's launch to a first 201, its floors (--launches rounds)

Installs what it needs: wrk (Debian package), the Pact stub server (pact-python-cli, PyPI), Prism
(npm, into bench/.cache) when npm can reach its registry, granian (PyPI) for the Flask floor: a Flask app
that reads the body and replays fixed replies (``bench/floor_app.py``), so the most any create, get or
list through Flask can reach here. Its replies are mockgraph's own bytes for the same requests, so both
sides send bodies of the same size. Beside each of `mockgraph serve`'s targets the run prints the server
floor: the same floor app on serve's own server (gunicorn through ``mockgraph.wsgi``, ``bench/floor_serve.py``),
measured in the same interleaved rounds, so a target no app could meet on that server shows as such; and
beside the throughput targets the floors of the two ways to use both cores: the store floor (the same
replies after the SQLite writes a state shared by the workers costs, ``bench/floor_store.py``) and the Flask
floor in one process.
A peer that cannot be installed or started is skipped with the reason. Everything listens on 127.0.0.1
on a free port; every load is bounded in time (wrk -d) and per request (wrk --timeout). Figures on a
shared machine are noisy: read the ratios, not the absolute numbers. Nothing here asserts a figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers, targets
from bench.harness import (
    BIG_EVENT,
    BODY,
    CACHE,
    FLOOR,
    HEADERS,
    IMPORTS,
    INVALID,
    LIST_SIZE,
    MOCKGRAPH,
    PATH,
    ROOT,
    SESSIONS,
    STACK_IMPORTS,
    Load,
    Peer,
    Running,
    call,
    floor_peer,
    log,
    lua,
    median_of,
    mockgraph_argv,
    pip_command,
    read_paths,
)

NAIVE = "naive Flask+jsonschema (plain gunicorn, 2 sync workers)"


# ---------------------------------------------------------------- installing what is needed
def ensure_wrk() -> str | None:
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if shutil.which("apt-get") and os.geteuid() == 0:
        log("installing wrk with apt-get")
        for argv in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600, check=False)
    return shutil.which("wrk")


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



def peers(args) -> tuple[list[Peer], list[str]]:
    """The servers to measure, and a line for each peer skipped."""
    listed, skipped = [], []
    listed.append(Peer(MOCKGRAPH, mockgraph_argv(args.mockgraph_args), "yes (contract, auth, state, journal)",
                       reads=True))
    wanted = args.peers.split(",")
    if "floor" in wanted:
        try:
            listed.append(floor_peer())
        except Exception as exc:
            skipped.append(f"Flask floor skipped: {exc}")
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
        listed.append(Peer(NAIVE,
                           [sys.executable, "-m", "gunicorn", "-w", "2", "-k", "sync", "--log-level", "warning",
                            "-b", "127.0.0.1:{port}", "--chdir", str(ROOT), "bench.naive_app:app"], "yes"))
    return listed, skipped


def measure_peer(peer: Peer, load: Load, colds: int, reads_at: tuple[int, ...]) -> dict:
    """Cold starts, then creates at c=1/8/64 and (for servers that serve them) gets and lists."""
    times = []
    for _ in range(colds - 1):
        run = Running(peer)
        times.append(run.cold)
        run.stop()
    run = Running(peer)
    times.append(run.cold)
    peak = [0.0, 0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            one, total = run.rss_mib()
            peak[0], peak[1] = max(peak[0], one), max(peak[1], total)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        rss_before = run.rss_mib()[0]
        paths = read_paths(run.port) if peer.reads else {"create": PATH}
        loads = {("create", c): load(run.port, "create", c, PATH) for c in (1, 8, 64)}
        if peer.reads:
            for what in ("get", "list"):
                for c in reads_at:
                    loads[(what, c)] = load(run.port, what, c, paths[what])
        rejects = load(run.port, "invalid", 8, PATH) if peer.name == MOCKGRAPH else None
        rss_after = run.rss_mib()[0]
    finally:
        done.set()
        sampler.join()
        run.stop()
    return {"peer": peer, "cold": statistics.median(times), "loads": loads, "rejects": rejects,
            "rss": tuple(peak), "rss_drift": (rss_before, rss_after)}


# ---------------------------------------------------------------- state: 12 entities vs 100,000
def fill(port: int, path: str, count: int, conns: int = 8) -> float:
    """Put ``count`` sessions in the collection ``path`` through POST /_mockgraph/entities; returns seconds."""
    body = json.dumps({"path": path, "entity": {}}).encode()
    share = [count // conns + (1 if i < count % conns else 0) for i in range(conns)]
    failures: list[str] = []

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            for _ in range(n):
                conn.request("POST", "/_mockgraph/entities", body=body, headers=HEADERS)
                reply = conn.getresponse()
                reply.read()
                if reply.status != 201 and len(failures) < 3:
                    failures.append(f"{reply.status}")
        finally:
            conn.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in share]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise RuntimeError(f"filling the store: POST /_mockgraph/entities answered {', '.join(failures)}")
    return time.perf_counter() - start


def measure_state(load: Load, entities: int, argv_extra: str) -> dict:
    """GET and a one-page list ($top=10) at c=8: one server holding 12 entities, another ``entities``, side by side.

    The two are loaded in turn, round after round (small get, big gets, small list, big lists, then again), so a
    burst of load on the machine, or the kernel writing a fill's pages out, meets both alike; the fill's writes
    are flushed (``os.sync``) before the first round. (One server measured before its fill and again after it
    put the 100,000-entity get at 1.2x in one run and 2.2-2.5x in another, and a get of the same server at 12
    entities ranged from 499 to 1,686 req/s between runs a minute apart.) With 100,000 the big store is at its
    cap (max_entities) exactly: 2 + LIST_SIZE, and the big collection.
    """
    small_run = Running(Peer(MOCKGRAPH, mockgraph_argv(argv_extra), ""))  # its readiness probe made one session
    big_run = None
    try:
        big_run = Running(Peer(MOCKGRAPH, mockgraph_argv(argv_extra), ""))
        small = read_paths(small_run.port)
        small["list"] += f"?$top={LIST_SIZE}"
        mine = read_paths(big_run.port)
        mine["list"] += f"?$top={LIST_SIZE}"
        out = {"rss_small": small_run.rss_mib()}
        big_path = SESSIONS.format(event=BIG_EVENT)
        _, headers, _ = call(big_run.port, "POST", big_path, BODY)
        location = headers["Location"]
        before = 2 + LIST_SIZE  # the readiness probe's session, read_paths' session and its LIST_SIZE
        out["fill_seconds"] = fill(big_run.port, big_path, max(entities - before - 1, 0))
        _, _, counted = call(big_run.port, "GET", big_path + "/$count", timeout=60)
        out["held"] = before + int(counted)
        out["rss_big"] = big_run.rss_mib()
        os.sync()  # the fill's pages on disk now, not under the first rounds
        listed = {"get": location[location.index("/v1.0/"):], "list": f"{big_path}?$top={LIST_SIZE}"}
        plan = [("small", small_run.port, small), ("big, state elsewhere", big_run.port, mine),
                ("big, state in the listed collection", big_run.port, listed)]
        runs: dict[tuple[str, str], list[dict]] = {}
        once = dataclasses.replace(load, rounds=1)
        for _ in range(load.rounds):
            for what in ("get", "list"):
                for where, port, paths in plan:
                    runs.setdefault((where, what), []).append(once(port, what, 8, paths[what], timeout=10))
        for (where, what), rounds in runs.items():
            out.setdefault(where, {})[what] = median_of(rounds)
        out["rss_after_lists"] = big_run.rss_mib()  # a list reads its whole collection: this is where memory goes
        t = time.perf_counter()
        call(big_run.port, "GET", listed["list"], timeout=120)
        out["one big list, s"] = time.perf_counter() - t
    finally:
        small_run.stop()
        if big_run is not None:
            big_run.stop()
    return out


# ---------------------------------------------------------------- in process
IN_PROCESS = r"""
import json, statistics, time
from mockgraph.server import MockGraphServer
t = time.perf_counter(); first = MockGraphServer().start(); t_first = time.perf_counter() - t
starts, resets, stops = [], [], []
for _ in range(5):
    t = time.perf_counter(); s = MockGraphServer().start(); starts.append(time.perf_counter() - t)
    t = time.perf_counter(); s.stop(); stops.append(time.perf_counter() - t)
for _ in range(200):
    t = time.perf_counter(); first.reset(); resets.append(time.perf_counter() - t)
first.stop()
print(json.dumps({"first": t_first, "start": statistics.median(starts), "reset": statistics.median(resets),
                  "stop": statistics.median(stops)}))
"""

RATES = r"""
import json, sys, time
from mockgraph.app import create_app
good, bad, path, n = sys.argv[1].encode(), sys.argv[2].encode(), sys.argv[3], int(sys.argv[4])
headers = {"Content-Type": "application/json", "Authorization": "Bearer bench"}
client = create_app({}).test_client()
out = {}
for name, body, status in (("accept", good, 201), ("reject", bad, 400)) * 2:  # twice: the second pass counts
    assert client.post(path, data=body, headers=headers).status_code == status
    t = time.perf_counter()
    for _ in range(n):
        client.post(path, data=body, headers=headers)
    out[name] = n / (time.perf_counter() - t)
    client.post("/_mockgraph/reset")
print(json.dumps(out))
"""


def launches(rounds: int, argv_extra: str) -> dict[str, float]:
    """Seconds to a first 201 (median), taken in turn each round: `mockgraph serve`, its two floors.

    ``imports``: a fresh interpreter importing Flask and Faker (no mock built on them can start faster);
    ``floor``: the floor app through mockgraph.wsgi (how fast serve's server itself gets to a 201);
    ``stack``: a fresh interpreter importing what serve's first 201 needs of other projects (``STACK_IMPORTS``);
    ``paired``: the median of each round's serve over its imports (a ratio, not seconds).
    """
    times: dict[str, list[float]] = {"serve": [], "imports": [], "floor": [], "stack": []}
    Running(Peer(MOCKGRAPH, mockgraph_argv(argv_extra), "")).stop()  # untimed: bytecode written, files cached
    for _ in range(rounds):
        run = Running(Peer(MOCKGRAPH, mockgraph_argv(argv_extra), ""))
        times["serve"].append(run.cold)
        run.stop()
        times["imports"].append(_python_c(IMPORTS))
        times["floor"].append(servers.launches(1))
        times["stack"].append(_python_c(STACK_IMPORTS))
    medians = {name: statistics.median(values) for name, values in times.items()}
    # each round's own ratio too: the machine's speed drifts between rounds, a pair launched back to back shares it
    paired = statistics.median(s / i for s, i in zip(times["serve"], times["imports"], strict=True))
    return {**medians, "paired": paired}


def _python_c(code: str) -> float:
    """Seconds a fresh interpreter takes to run ``code`` and exit."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    return time.perf_counter() - t


def in_process() -> dict:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import mockgraph.server"], cwd=ROOT, check=True)
    import_s = time.perf_counter() - t
    out = subprocess.run([sys.executable, "-c", IN_PROCESS], capture_output=True, text=True, cwd=ROOT, check=True)
    return {"import": import_s, **json.loads(out.stdout)}


def rates(n: int) -> dict[str, float]:
    """Creates a second through the app in this process (Flask's test client): a good body and a bad one."""
    out = subprocess.run([sys.executable, "-c", RATES, BODY.decode(), INVALID.decode(), PATH, str(n)],
                         capture_output=True, text=True, cwd=ROOT, check=True, timeout=600)
    return json.loads(out.stdout)


# ---------------------------------------------------------------- the report
def report_peers(results: dict, skipped: list[str], args) -> None:
    print("\n| server | checks the body? | load | c | req/s | p50 ms | p99 ms | timeouts/errors | non-2xx "
          "| vs floor req/s | cold start ms | peak RSS MiB (largest / all) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    floor = results.get(FLOOR)
    for name, r in results.items():
        first = True
        for (what, c), load in r["loads"].items():
            base = floor["loads"].get((what, c)) if floor else None
            ratio = load["rps"] / base["rps"] if base and base["rps"] else float("nan")
            print(f"| {name if first else ''} | {r['peer'].checks_body if first else ''} | {what} | {c} "
                  f"| {load['rps']:,.0f} | {load['p50']:.2f} | {load['p99']:.2f} | {load['timeouts']}/{load['errors']} "
                  f"| {load['non2xx']} | {ratio:.2f}x | {1e3 * r['cold']:.0f} | "
                  + (f"{r['rss'][0]:.0f} / {r['rss'][1]:.0f} |" if first else "|"))
            first = False
    for line in skipped:
        print(f"\n{line}")


def report_state(state: dict) -> None:
    print(f"\nState: two `mockgraph serve` (defaults), one holding 12 entities, the other {state['held']:,} "
          f"(filled through POST /_mockgraph/entities in {state['fill_seconds']:.0f} s, then flushed to disk); GET of "
          f"one session and a list with $top={LIST_SIZE}, c=8, wrk --timeout 10s, the two loaded in turn each round")
    print("\n| store holds | load | req/s | p50 ms | p99 ms | timeouts | time a request vs 12 entities |")
    print("|---|---|---|---|---|---|---|")
    for where in ("small", "big, state elsewhere", "big, state in the listed collection"):
        for what, load in state[where].items():
            ratio = state["small"][what]["rps"] / load["rps"] if load["rps"] else float("inf")
            label = "12" if where == "small" else f"{state['held']:,} ({where.split(', ', 1)[1]})"
            print(f"| {label} | {what} | {load['rps']:,.1f} | {load['p50']:.2f} | {load['p99']:.2f} "
                  f"| {load['timeouts']} | {ratio:.2f}x |")
    print(f"\nOne list ($top={LIST_SIZE}) of the {state['held']:,}-entity collection, alone: "
          f"{state['one big list, s']:.2f} s. RSS (largest / all processes): {state['rss_small'][0]:.0f} / "
          f"{state['rss_small'][1]:.0f} MiB with 12 entities, {state['rss_big'][0]:.0f} / {state['rss_big'][1]:.0f} "
          f"MiB after the fill, {state['rss_after_lists'][0]:.0f} / {state['rss_after_lists'][1]:.0f} MiB after the "
          f"lists of the big collection")


def fixture_figures(rounds: int, tests: int) -> dict:
    from bench import bench_fixture

    with tempfile.TemporaryDirectory(prefix="mockgraph-bench-") as work:
        cold = bench_fixture.cold_starts(rounds, work)
        laps = bench_fixture.per_test(tests, max(1, rounds // 2), work)
    return {"cold": cold, "laps": laps}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="CI smoke run (under 2 minutes)")
    parser.add_argument("--servers", action="store_true", help="only the server comparison")
    parser.add_argument("--no-servers", action="store_true", help="skip the server comparison")
    parser.add_argument("--launch", action="store_true", help="only serve's launch to a first 201 and its floors")
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each wrk load (whole seconds)")
    parser.add_argument("--server-seconds", type=float, default=2.0,
                        help="length of each wrk load in the server comparison (12 configs x 6 loads x rounds)")
    parser.add_argument("--rounds", type=int, default=3, help="loads per concurrency; the median is shown")
    parser.add_argument("--cold", type=int, default=5, help="cold starts per server; the median is shown")
    parser.add_argument("--launches", type=int, default=15,
                        help="rounds of the launch target (serve and its floors in turn); this machine's speed drifts "
                             "by half between launches a minute apart, so the median needs many")
    parser.add_argument("--entities", type=int, default=100_000, help="entities stored for the state figures")
    parser.add_argument("--tests", type=int, default=300, help="tests in the fixture's per-test run")
    parser.add_argument("--peers", default="floor,pact,prism,naive", help="comma-separated: floor, pact, prism, naive")
    parser.add_argument("--mockgraph-args", default="", help="extra arguments for `mockgraph serve`")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.server_seconds, args.rounds, args.cold, args.entities = 1.0, 1.0, 1, 1, 5000
        args.launches = 1
        args.peers = args.peers.replace("prism", "")
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n")
    # every child imports cached bytecode, as after `pip install`: with this shell's PYTHONDONTWRITEBYTECODE an
    # editable install recompiles mockgraph's ~60 modules on every start (60-100 ms of a launch), flask's and
    # faker's (compiled by pip) not
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    binary = ensure_wrk()
    if not binary:
        log("wrk is not installed and cannot be (needs apt-get as root): nothing measured")
        return 1
    scripts = {"create": lua("create.lua"), "invalid": lua("invalid.lua", body=INVALID),
               "get": lua("get.lua", "GET", None), "list": lua("list.lua", "GET", None)}
    load = Load(binary, args.seconds, args.rounds, scripts)
    server_load = Load(binary, args.server_seconds, args.rounds, scripts)
    peers_part = "" if args.servers else (f"{args.rounds} round(s) of {args.seconds:g} s per load, medians; "
                                          f"cold start median of {args.cold}; ")
    print(f"\nDate: {time.strftime('%Y-%m-%d %H:%M %Z')}  \nMachine: {machine()}  \nRun: `{' '.join(sys.argv)}` "
          f"({peers_part}the server comparison {args.rounds} interleaved round(s) of {args.server_seconds:g} s; "
          f"load average before the run {os.getloadavg()[0]:.2f}; bytecode cached, as after an install)")
    if args.servers:
        servers.report(servers.measure(server_load, args.quick), server_load)
        return 0
    if args.launch:
        log(f"launches: {args.launches} rounds of serve, the imports, the server floor and the stack's imports")
        targets.table([targets.launch_row(launches(args.launches, args.mockgraph_args))])
        return 0

    listed, skipped = peers(args)
    results = {}
    for peer in listed:
        log(f"{peer.name}: {args.cold} cold start(s), loads")
        try:
            results[peer.name] = measure_peer(peer, load, args.cold, (8, 64) if peer.name in (MOCKGRAPH, FLOOR) else ())
        except Exception as exc:
            skipped.append(f"{peer.name} skipped: {exc}")
    log(f"state: 12 entities, then {args.entities:,}")
    state = measure_state(load, args.entities, args.mockgraph_args)
    log("launches (serve, imports floor, server floor), in-process rates, in-process server")
    rate = rates(300 if args.quick else 2000)
    launch = launches(args.launches, args.mockgraph_args)
    local = in_process()
    log("the pytest fixture against pytest-httpserver")
    fixture = fixture_figures(1 if args.quick else 5, args.tests)
    compared = None if args.no_servers else servers.measure(server_load, args.quick)

    report_peers(results, skipped, args)
    report_state(state)
    if compared:
        servers.report(compared, server_load)
    print(f"\nIn process (Flask test client, fresh app): accept {rate['accept']:,.0f} creates/s, reject "
          f"{rate['reject']:,.0f}/s. `import mockgraph.server` {1e3 * local['import']:.0f} ms (whole process); first "
          f"MockGraphServer().start() {1e3 * local['first']:.1f} ms, later starts {1e3 * local['start']:.1f} ms, "
          f"stop() {1e3 * local['stop']:.1f} ms, reset {1e6 * local['reset']:.0f} us (medians)")
    cold, laps = fixture["cold"], fixture["laps"]
    print("\nThe pytest fixture (bench_fixture.py's figures):")
    for name, ms in cold.items():
        print(f"  cold start, {name}: {ms:.0f} ms")
    for name, lap in laps.items():
        print(f"  {args.tests}-test run, {name}: median lap {lap['lap']:.0f} us, session teardown "
              f"{lap['teardown'] / 1e3:.1f} ms")
    rows = targets.targets(results, state, rate, launch, cold, laps, compared)
    print("\nTargets of issue 12, each against its baseline measured in this run; beside `mockgraph serve`'s, the "
          "server floor: the floor app (fixed replies) on serve's own server, as a ratio to the same baseline:")
    targets.table(rows)
    return 0


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
        mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 2**20
    except (OSError, StopIteration, AttributeError):
        mem = float("nan")
    return (f"`{platform.system()} {platform.release()} {platform.machine()}`, nproc {os.cpu_count()}, {cpu}, "
            f"{mem:.1f} GiB RAM, Python {platform.python_version()}")


if __name__ == "__main__":
    sys.exit(main())
