"""The pytest fixture's cold start and per-test reset, against pytest-httpserver measured in the same run.

    python bench/bench_fixture.py [--rounds 5] [--tests 300]

Cold start is process start to the first 201 seen by a client: a bare Python process that starts
the server and posts a create (the embeddable ``MockGraphServer``), and a pytest process whose one
test posts through the fixture. The baseline is pytest-httpserver doing the same with a
``respond_with_json(..., status=201)`` handler (it checks nothing; mockgraph validates the body
against the contract and generates its values with Faker). Reset is what the function fixture
does before each test: in-process calls with a filled journal, and the median per-test wall time
in a real pytest run of many tests, with a fixture-less run subtracted. The floor row imports Flask
and Faker and does nothing else: the least any server built on the design card pays. Targets: cold start under
150 ms, reset under 1 ms. Medians of ``--rounds`` runs; the machine is shared, so read the ratios.
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
FLOOR = "python -c 'import flask, faker' (no server, no request)"
PATH = "/v1.0/solutions/virtualEvents/events/e1/sessions"
BODY = {"subject": "Bench", "startDateTime": {"dateTime": "2024-03-30T10:00:00", "timeZone": "UTC"},
        "endDateTime": {"dateTime": "2024-03-30T11:00:00", "timeZone": "UTC"}}

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

BARE = {
    "python -c pass (interpreter only)": "print('FIRST 201', flush=True)",
    # The floor for any server built on the design card: it must import Flask, and Faker makes its ids.
    FLOOR: "import flask, faker\nprint('FIRST 201', flush=True)",
    "pytest-httpserver HTTPServer": POST + """
from pytest_httpserver import HTTPServer
server = HTTPServer(host="127.0.0.1", port=0)
server.expect_request("/v1.0/solutions/virtualEvents/events/e1/sessions", method="POST") \\
    .respond_with_json({"id": "1"}, status=201)
server.start()
print("FIRST", post(server.port), flush=True)
server.stop()
""",
    "mockgraph MockGraphServer": POST + """
from mockgraph.server import MockGraphServer
server = MockGraphServer().start()
print("FIRST", post(server.port), flush=True)
server.stop()
""",
}

IN_PYTEST = {
    "pytest, a test with no fixture": "def test_first():\n    print('FIRST 201', flush=True)\n",
    "pytest-httpserver fixture": POST + """
def test_first(httpserver):
    httpserver.expect_request("/v1.0/solutions/virtualEvents/events/e1/sessions", method="POST") \\
        .respond_with_json({"id": "1"}, status=201)
    print("FIRST", post(httpserver.port), flush=True)
""",
    "mockgraph fixture": POST + """
def test_first(mockgraph):
    print("FIRST", post(mockgraph.port), flush=True)
""",
}


def first_201(argv: list[str], cwd: str) -> float:
    """Milliseconds from spawning ``argv`` to the line in which it reports its first 201."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in proc.stdout:
            if "FIRST 201" in line:
                return (time.perf_counter() - start) * 1000
        raise RuntimeError(f"{argv} never reported a 201")
    finally:
        proc.stdout.close()
        proc.wait(timeout=60)


def cold_starts(rounds: int, work: str) -> dict[str, float]:
    results: dict[str, list[float]] = {}
    for round_ in range(rounds + 1):  # interleaved, so a burst of load on the machine hits every candidate
        for name, code in BARE.items():
            results.setdefault("bare: " + name, []).append(first_201([PYTHON, "-c", code], work))
        for name, code in IN_PYTEST.items():
            Path(work, "test_first.py").write_text(code)
            argv = [PYTHON, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "test_first.py"]
            results.setdefault("pytest: " + name, []).append(first_201(argv, work))
        if round_ == 0:
            results.clear()  # a warm-up round: bytecode caches written, files in the page cache
    return {name: statistics.median(times) for name, times in results.items()}


PHASES_CODE = POST + """
import json, time
laps, t = {}, time.perf_counter()
def lap(name):
    global t
    now = time.perf_counter(); laps[name] = (now - t) * 1000; t = now
import werkzeug.serving, flask; lap("import flask + werkzeug")
import jsonschema, referencing; lap("import jsonschema + referencing")
from mockgraph.server import MockGraphServer; lap("import mockgraph modules")
server = MockGraphServer(); lap("create_app (contracts read, validators built)")
server.start(); lap("start(): warm-up (Faker's import, a create per example), bind, thread")
assert post(server.port) == 201; lap("first create")
server.stop()
print(json.dumps(laps))
"""


def phases(rounds: int, work: str) -> dict[str, float]:
    """Where the bare cold start goes, phase by phase, in one process (medians)."""
    runs = [json.loads(subprocess.run([PYTHON, "-c", PHASES_CODE], cwd=work, check=True, capture_output=True,
                                      text=True, timeout=120).stdout) for _ in range(rounds)]
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


RESET_CODE = """
import json, time, statistics, urllib.request
from mockgraph.server import MockGraphServer
from pytest_httpserver import HTTPServer

def timed(call, n):
    laps = []
    for _ in range(n):
        t = time.perf_counter_ns(); call(); laps.append(time.perf_counter_ns() - t)
    return statistics.median(laps) / 1000

def fill(url, count):
    for _ in range(count):
        request = urllib.request.Request(url, json.dumps(BODY).encode(),
                                         {"Authorization": "Bearer t", "Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=10).read()

out = {}
with MockGraphServer() as mg:
    fill(mg.base_url + PATH, 20)
    def mg_reset():
        mg.reset(); mg.check()
    out["mockgraph reset()+check(), 20-entry journal"] = timed(mg_reset, 2000)
hs = HTTPServer(host="127.0.0.1", port=0)
hs.expect_request(PATH, method="POST").respond_with_json({"id": "1"}, status=201)
hs.start()
fill(hs.url_for(PATH), 20)
def hs_clear():
    hs.clear(); hs.expect_request(PATH, method="POST").respond_with_json({"id": "1"}, status=201)
out["pytest-httpserver clear()+expect_request()"] = timed(hs_clear, 2000)
hs.stop()
print(json.dumps(out))
"""

PER_TEST_CONFTEST = """
import time, pytest
LAPS, LAST_TEARDOWN = [], []

@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    t = time.perf_counter_ns()
    try:
        return (yield)
    finally:
        LAPS.append(time.perf_counter_ns() - t)

@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # the last test's teardown finalizes the session's fixtures: the session teardown a user waits for
    t = time.perf_counter_ns()
    try:
        return (yield)
    finally:
        if nextitem is None:
            LAST_TEARDOWN.append(time.perf_counter_ns() - t)

def pytest_sessionfinish(session):
    import json, os, statistics
    laps = LAPS[1:-1]  # the first test also starts the session's server, the last one stops it
    with open(os.environ["BENCH_OUT"], "w") as f:
        json.dump({"lap": statistics.median(laps) / 1000, "teardown": LAST_TEARDOWN[0] / 1000}, f)
"""

PER_TEST = {
    "no fixture": "def test_it(i):\n    pass\n",
    "pytest-httpserver fixture": "def test_it(i, httpserver):\n    pass\n",
    "mockgraph fixture": "def test_it(i, mockgraph):\n    pass\n",
}


def per_test(tests: int, rounds: int, work: str) -> dict[str, dict[str, float]]:
    """Per fixture: ``lap``, the median wall time of one test's whole protocol (setup, call, teardown), and
    ``teardown``, the last test's teardown, where the session's fixtures stop their servers (µs, medians)."""
    Path(work, "conftest.py").write_text(PER_TEST_CONFTEST + textwrap.dedent(f"""
        def pytest_generate_tests(metafunc):
            metafunc.parametrize("i", range({tests}))
    """))
    out_file = Path(work, "lap.json")
    results: dict[str, list[float]] = {}
    for _ in range(rounds):
        for name, code in PER_TEST.items():
            Path(work, "test_many.py").write_text(code)
            subprocess.run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_many.py"], cwd=work,
                           check=True, capture_output=True, env={**os.environ, "BENCH_OUT": str(out_file)})
            results.setdefault(name, []).append(json.loads(out_file.read_text()))
    Path(work, "conftest.py").unlink()
    return {name: {key: statistics.median(run[key] for run in runs) for key in ("lap", "teardown")}
            for name, runs in results.items()}


def reset_calls(work: str) -> dict[str, float]:
    code = f"PATH = {PATH!r}\nBODY = {BODY!r}\n" + RESET_CODE
    return json.loads(subprocess.run([PYTHON, "-c", code], cwd=work, check=True, capture_output=True,
                                     text=True, timeout=120).stdout)


def table(title: str, unit: str, rows: dict[str, float], baseline: str, target: str | None = None) -> None:
    print(f"\n{title}")
    print(f"  {'':52} {unit:>10}  vs {baseline}")
    for name, value in rows.items():
        ratio = value / rows[baseline] if rows[baseline] else float("nan")
        print(f"  {name:52} {value:10.1f}  {ratio:6.2f}x")
    if target:
        print(f"  target: {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="runs per figure; the median is shown")
    parser.add_argument("--tests", type=int, default=300, help="tests per pytest run for the per-test figure")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; "
          f"medians of {args.rounds} rounds")
    with tempfile.TemporaryDirectory(prefix="mockgraph-bench-") as work:
        cold = cold_starts(args.rounds, work)
        bare = {k[len("bare: "):]: v for k, v in cold.items() if k.startswith("bare: ")}
        in_pytest = {k[len("pytest: "):]: v for k, v in cold.items() if k.startswith("pytest: ")}
        table("Cold start, bare process: spawn -> first 201", "ms", bare, "pytest-httpserver HTTPServer",
              "mockgraph under 150 ms")
        print(f"  floor: importing Flask and Faker alone takes {bare[FLOOR]:.0f} ms here "
              f"({bare[FLOOR] / 150:.2f}x the 150 ms target), before any server code runs")
        print("\n  where mockgraph's bare cold start goes (ms, medians):")
        for name, ms in phases(args.rounds, work).items():
            print(f"    {name:50} {ms:8.1f}")
        table("Cold start, pytest process: spawn -> first 201 inside the test", "ms", in_pytest,
              "pytest-httpserver fixture")
        table("Reset, in process (median of 2000 calls)", "us", reset_calls(work),
              "pytest-httpserver clear()+expect_request()", "mockgraph under 1000 us")
        runs = per_test(args.tests, max(1, args.rounds // 2), work)
        laps = {name: run["lap"] for name, run in runs.items()}
        overhead = {name: max(lap - laps["no fixture"], 0.0) for name, lap in laps.items() if name != "no fixture"}
        table(f"Per test in a pytest run of {args.tests} tests: median lap", "us", laps, "pytest-httpserver fixture")
        table("Per test: fixture overhead (lap minus the no-fixture lap)", "us", overhead,
              "pytest-httpserver fixture", "mockgraph at most 2x pytest-httpserver's")
        table("Session teardown: the last test's teardown, where session fixtures stop", "ms",
              {name: run["teardown"] / 1000 for name, run in runs.items()}, "pytest-httpserver fixture",
              "mockgraph under 50 ms")


if __name__ == "__main__":
    main()
