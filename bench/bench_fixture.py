"""The pytest fixture's cold start, per-test cost and teardown, against pytest-httpserver measured in the same run.

    python bench/bench_fixture.py [--rounds 5] [--tests 300] [--env-bytecode]

Cold start is process start to the first 201 seen by a client: a bare Python process that starts the server and
posts a create (the embeddable ``MockGraphServer``), and a pytest process whose one test posts through the fixture.
The baseline is pytest-httpserver doing the same with a ``respond_with_json(..., status=201)`` handler (it checks
nothing; mockgraph validates the body and generates its values with Faker). Beside them, floors: processes that
only import a stack (Werkzeug, pytest-httpserver, Flask and Faker, mockgraph's dependencies), the least a server
built on it pays. Every candidate runs with cached bytecode, as after an install; ``--env-bytecode`` keeps this
shell's PYTHONDONTWRITEBYTECODE instead (an editable install then recompiles mockgraph on every start).

Per test: one pytest process runs ``--tests`` tests of each kind (no fixture, pytest-httpserver's ``httpserver``,
``mockgraph``) interleaved, so a burst of load hits all three; a kind's overhead is its median lap minus the
no-fixture median of the same run, wall and CPU. Medians over ``--rounds`` runs; the machine is shared, so read
the ratios. Session teardown (the last test's teardown, where session fixtures stop) comes from one short run per kind.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

PYTHON = sys.executable
FLOOR = "import flask, faker (the design card's floor)"
HS_BARE, MG_BARE = "pytest-httpserver HTTPServer", "mockgraph MockGraphServer"
HS_FIXTURE, MG_FIXTURE = "pytest-httpserver fixture", "mockgraph fixture"
PATH = "/v1.0/solutions/virtualEvents/events/e1/sessions"
BODY = {"subject": "Bench", "startDateTime": {"dateTime": "2024-03-30T10:00:00", "timeZone": "UTC"},
        "endDateTime": {"dateTime": "2024-03-30T11:00:00", "timeZone": "UTC"}}
# the child's own CPU time at its first 201 (every thread, from process start): steadier than wall on a shared machine
CPU = "__import__('time').process_time() * 1000"
DONE = f"print('FIRST 201', {CPU}, flush=True)"

POST = f"""
import http.client, json
def post(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", {PATH!r}, json.dumps({BODY!r}),
                 {{"Authorization": "Bearer t", "Content-Type": "application/json"}})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status
"""
EXPECT = f"expect_request({PATH!r}, method='POST').respond_with_json({{'id': '1'}}, status=201)"

BARE = {
    "python -c pass (interpreter only)": DONE,
    "import werkzeug.serving (pytest-httpserver's server)": "import werkzeug.serving\n" + DONE,
    "import pytest_httpserver": "import pytest_httpserver\n" + DONE,
    FLOOR: "import flask, faker\n" + DONE,
    "import flask, faker, jsonschema (mockgraph's stack)": "import flask, faker, jsonschema\n" + DONE,
    HS_BARE: POST + f"""
from pytest_httpserver import HTTPServer
server = HTTPServer(host="127.0.0.1", port=0)
server.{EXPECT}
server.start()
print("FIRST", post(server.port), CPU, flush=True)
server.stop()
""".replace("CPU", CPU),
    MG_BARE: POST + """
from mockgraph.server import MockGraphServer
server = MockGraphServer().start()
print("FIRST", post(server.port), CPU, flush=True)
server.stop()
""".replace("CPU", CPU),
}

IN_PYTEST = {
    "pytest, a test with no fixture": f"def test_first():\n    {DONE}\n",
    "pytest, a test importing flask, faker": f"def test_first():\n    import flask, faker\n    {DONE}\n",
    HS_FIXTURE: POST + f"""
def test_first(httpserver):
    httpserver.{EXPECT}
    print("FIRST", post(httpserver.port), CPU, flush=True)
""".replace("CPU", CPU),
    MG_FIXTURE: POST + """
def test_first(mockgraph):
    print("FIRST", post(mockgraph.port), CPU, flush=True)
""".replace("CPU", CPU),
}


def child_env(work: str, env_bytecode: bool) -> dict[str, str]:
    """The children's environment: bytecode cached in the run's folder (as an installed package has it)."""
    env = dict(os.environ)
    if not env_bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(work, "pycache"))
    return env


def first_201(argv: list[str], cwd: str, env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds from spawning ``argv`` to the line in which it reports its first 201, and its CPU ms by then."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in proc.stdout:
            if "FIRST 201" in line:
                return (time.perf_counter() - start) * 1000, float(line.split("FIRST 201", 1)[1].split()[0])
        raise RuntimeError(f"{argv} never reported a 201")
    finally:
        proc.stdout.close()
        proc.wait(timeout=60)


def cold_starts(rounds: int, work: str, env_bytecode: bool = False, cpu: dict | None = None) -> dict[str, float]:
    """Median wall ms to the first 201 per candidate: "bare: NAME" (BARE) and "pytest: NAME" (IN_PYTEST); ``cpu``,
    if given, receives the median CPU ms of each by then."""
    env = child_env(work, env_bytecode)
    results: dict[str, list[tuple[float, float]]] = {}
    for round_ in range(rounds + 1):  # interleaved, so a burst of load on the machine hits every candidate
        for name, code in BARE.items():
            results.setdefault("bare: " + name, []).append(first_201([PYTHON, "-c", code], work, env))
        for name, code in IN_PYTEST.items():
            Path(work, "test_first.py").write_text(code)
            argv = [PYTHON, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "test_first.py"]
            results.setdefault("pytest: " + name, []).append(first_201(argv, work, env))
        if round_ == 0:
            results.clear()  # a warm-up round: bytecode caches written, files in the page cache
    if cpu is not None:
        cpu.update({name: statistics.median(c for _, c in times) for name, times in results.items()})
    return {name: statistics.median(w for w, _ in times) for name, times in results.items()}


PHASES_CODE = POST + """
import json, time
laps, t = {}, time.process_time()
def lap(name):
    global t
    now = time.process_time(); laps[name] = (now - t) * 1000; t = now
import werkzeug.serving; lap("import werkzeug.serving (pytest-httpserver's floor)")
import flask; lap("import flask (the rest of it)")
import faker; lap("import faker (the first create needs it)")
import jsonschema, referencing; lap("import jsonschema + referencing")
from mockgraph.server import MockGraphServer; lap("import mockgraph's own modules")
server = MockGraphServer(); lap("create_app: contracts read, validators compiled")
server.start(); lap("start(): warm-up (scratch app, one request per example), bind, thread")
assert post(server.port) == 201; lap("first create")
server.stop()
print(json.dumps(laps))
"""


def phases(rounds: int, work: str, env_bytecode: bool = False) -> dict[str, float]:
    """Where the bare cold start goes, phase by phase, in CPU ms of one process (medians; interpreter not included)."""
    env = child_env(work, env_bytecode)
    runs = [json.loads(subprocess.run([PYTHON, "-c", PHASES_CODE], cwd=work, env=env, check=True, capture_output=True,
                                      text=True, timeout=120).stdout) for _ in range(rounds)]
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


RESET_CODE = """
import json, time, statistics
from mockgraph.server import MockGraphServer
from pytest_httpserver import HTTPServer

def timed(call, n, prepare=lambda: None):
    laps = []
    for _ in range(n):
        prepare()
        t = time.perf_counter_ns(); call(); laps.append(time.perf_counter_ns() - t)
    return statistics.median(laps) / 1000

out = {}
with MockGraphServer() as mg:
    def fill():  # what a test leaves: entities, journal entries, a fault rule
        mg.add("townhalls", {"displayName": "Bench"}); mg.state.store.record({"method": "GET"}); mg.fail("GET")
    out["mockgraph reset()+check() after a test's writes"] = timed(lambda: (mg.reset(), mg.check()), 500, fill)
    out["mockgraph reset()+check() with nothing written"] = timed(lambda: (mg.reset(), mg.check()), 2000)
hs = HTTPServer(host="127.0.0.1", port=0)
hs.start()
out["pytest-httpserver clear()+expect_request()"] = timed(lambda: (hs.clear(), hs.EXPECT), 2000)
hs.stop()
print(json.dumps(out))
"""

PER_TEST_CONFTEST = """
import json, os, statistics, time, pytest
KINDS = os.environ["BENCH_KINDS"].split(",")
LAPS, LAST_TEARDOWN = {}, []

@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    wall, cpu = time.perf_counter_ns(), time.process_time_ns()
    try:
        return (yield)
    finally:
        cpu, wall = time.process_time_ns() - cpu, time.perf_counter_ns() - wall
        LAPS.setdefault(item.originalname, []).append((wall / 1000, cpu / 1000))

@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # the last test's teardown finalizes the session's fixtures: the session teardown a user waits for
    t = time.perf_counter_ns()
    try:
        return (yield)
    finally:
        if nextitem is None:
            LAST_TEARDOWN.append((time.perf_counter_ns() - t) / 1000)

def pytest_collection_modifyitems(items):
    by_kind = {}
    for item in items:
        by_kind.setdefault(item.originalname, []).append(item)
    items[:] = [kind[i] for i in range(len(by_kind[KINDS[0]])) for kind in (by_kind[k] for k in KINDS)]

def pytest_sessionfinish(session):
    # each kind's first test starts its session server and the last one stops it: both left out
    out = {k: {"lap": statistics.median(w for w, _ in v[1:-1]), "lap_cpu": statistics.median(c for _, c in v[1:-1])}
           for k, v in LAPS.items() if len(v) > 2}
    with open(os.environ["BENCH_OUT"], "w") as f:
        json.dump({"laps": out, "teardown": LAST_TEARDOWN[0] if LAST_TEARDOWN else None}, f)
"""

#: kind -> (test function name, the fixture it asks for)
PER_TEST = {"no fixture": ("test_none", ""), HS_FIXTURE: ("test_hs", "httpserver"),
            MG_FIXTURE: ("test_mg", "mockgraph")}


def _pytest_run(work: str, env: dict[str, str], kinds: list[str], tests: int) -> dict:
    names = [PER_TEST[kind][0] for kind in kinds]
    Path(work, "test_many.py").write_text("".join(
        f"def {PER_TEST[kind][0]}(i{', ' + PER_TEST[kind][1] if PER_TEST[kind][1] else ''}):\n    pass\n\n"
        for kind in kinds))
    out = Path(work, "lap.json")
    subprocess.run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_many.py"], cwd=work, check=True,
                   capture_output=True, env={**env, "BENCH_OUT": str(out), "BENCH_KINDS": ",".join(names),
                                             "BENCH_TESTS": str(tests)})
    return json.loads(out.read_text())


def per_test(tests: int, rounds: int, work: str, env_bytecode: bool = False) -> dict[str, dict[str, float]]:
    """Per kind (µs, medians over rounds): ``lap`` and ``lap_cpu``, one test's whole protocol (setup, call,
    teardown); ``overhead`` and ``overhead_cpu``, that minus the no-fixture lap of the same run; ``teardown``,
    the last test's teardown in a run of that kind alone, where the session's fixtures stop their servers."""
    env = child_env(work, env_bytecode)
    Path(work, "conftest.py").write_text(PER_TEST_CONFTEST + textwrap.dedent("""
        def pytest_generate_tests(metafunc):
            metafunc.parametrize("i", range(int(os.environ["BENCH_TESTS"])))
    """))
    kinds = list(PER_TEST)
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    for _ in range(rounds):
        laps = _pytest_run(work, env, kinds, tests)["laps"]
        none = laps[PER_TEST["no fixture"][0]]
        for kind in kinds:
            lap = laps[PER_TEST[kind][0]]
            row = {**lap, "overhead": lap["lap"] - none["lap"], "overhead_cpu": lap["lap_cpu"] - none["lap_cpu"]}
            row["teardown"] = _pytest_run(work, env, [kind], 5)["teardown"]
            runs[kind].append(row)
    Path(work, "conftest.py").unlink()
    return {kind: {key: statistics.median(run[key] for run in rows) for key in rows[0]} for kind, rows in runs.items()}


def reset_calls(work: str, env_bytecode: bool = False) -> dict[str, float]:
    code = f"PATH = {PATH!r}\nBODY = {BODY!r}\n" + RESET_CODE.replace("EXPECT", EXPECT)
    return json.loads(subprocess.run([PYTHON, "-c", code], cwd=work, check=True, capture_output=True, text=True,
                                     env=child_env(work, env_bytecode), timeout=120).stdout)


def table(title: str, unit: str, rows: dict[str, float], baseline: str, target: str | None = None) -> None:
    print(f"\n{title}")
    print(f"  {'':58} {unit:>10}  vs {baseline}")
    for name, value in rows.items():
        base = rows[baseline]
        ratio = f"{value / base:6.2f}x" if base > 0 else "   n/a (baseline <= 0)"
        print(f"  {name:58} {value:10.1f}  {ratio}")
    if target:
        print(f"  target: {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="runs per figure; the median is shown")
    parser.add_argument("--tests", type=int, default=300, help="tests of each kind per pytest run")
    parser.add_argument("--env-bytecode", action="store_true", help="keep PYTHONDONTWRITEBYTECODE as this shell has it")
    args = parser.parse_args()
    bytecode = ("as this shell sets it (PYTHONDONTWRITEBYTECODE=" + os.environ.get("PYTHONDONTWRITEBYTECODE", "") + ")"
                if args.env_bytecode else "cached for every candidate (PYTHONPYCACHEPREFIX in the run's folder)")
    print(f"{time.strftime('%Y-%m-%d %H:%M %Z')}; python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load "
          f"{os.getloadavg()[0]:.2f}; medians of {args.rounds} rounds; bytecode {bytecode}")
    with tempfile.TemporaryDirectory(prefix="mockgraph-bench-") as work:
        cpu: dict[str, float] = {}
        cold = cold_starts(args.rounds, work, args.env_bytecode, cpu)
        for figures, clock in ((cold, "wall"), (cpu, "CPU time")):
            bare = {k[len("bare: "):]: v for k, v in figures.items() if k.startswith("bare: ")}
            bound = 1.5 * bare[HS_BARE]
            table(f"Cold start, bare process: spawn -> first 201, {clock} (floors: processes that only import)", "ms",
                  bare, HS_BARE, f"mockgraph at most 1.5x pytest-httpserver's, {bound:.0f} ms here")
            print(f"  floor: importing Flask and Faker alone takes {bare[FLOOR]:.0f} ms, "
                  f"{bare[FLOOR] / bare[HS_BARE]:.2f}x pytest-httpserver's whole cold start: "
                  + ("the target is below the floor of the design card's stack" if bare[FLOOR] > bound else
                     f"{bound - bare[FLOOR]:.0f} ms are left for the rest"))
        print("\n  where mockgraph's bare cold start goes, after the interpreter (CPU ms, medians):")
        for name, ms in phases(args.rounds, work, args.env_bytecode).items():
            print(f"    {name:72} {ms:8.1f}")
        for figures, clock in ((cold, "wall"), (cpu, "CPU time")):
            in_pytest = {k[len("pytest: "):]: v for k, v in figures.items() if k.startswith("pytest: ")}
            table(f"Cold start, pytest process: spawn -> first 201 inside the test, {clock}", "ms", in_pytest,
                  HS_FIXTURE, "mockgraph at most 1.5x pytest-httpserver's")
        table("Reset, in process (medians)", "us", reset_calls(work, args.env_bytecode),
              "pytest-httpserver clear()+expect_request()")
        runs = per_test(args.tests, args.rounds, work, args.env_bytecode)
        overhead = {kind: run["overhead"] for kind, run in runs.items() if kind != "no fixture"}
        cpu = {kind: run["overhead_cpu"] for kind, run in runs.items() if kind != "no fixture"}
        head = f"Per test, {args.tests} tests of each kind interleaved in one pytest process"
        table(f"{head}: median lap (wall)", "us", {k: r["lap"] for k, r in runs.items()}, HS_FIXTURE)
        table("Per test: fixture overhead, wall (lap minus the no-fixture lap of the same run)", "us", overhead,
              HS_FIXTURE, "mockgraph at most 2x pytest-httpserver's")
        table("Per test: fixture overhead, CPU time (the same, process_time)", "us", cpu, HS_FIXTURE,
              "mockgraph at most 2x pytest-httpserver's")
        table("Session teardown: the last test's teardown, where session fixtures stop", "ms",
              {kind: run["teardown"] / 1000 for kind, run in runs.items()}, HS_FIXTURE, "mockgraph under 50 ms")


if __name__ == "__main__":
    main()
