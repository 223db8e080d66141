"""The server comparison: `mockgraph serve` in each of its shapes, mockgraph's app on granian, and the floors.

    python bench/bench_serve.py --servers           # only this table (about 10 minutes: 15 configs, 3 rounds of 2 s)
    python bench/bench_serve.py --servers --quick   # the four configs the targets read, c=8 only

One job: measuring which server, and which shape of it, stops mockgraph. Every config is started once,
then the loads run in interleaved rounds (round 1 of every config, then round 2 of every config, the
order rotated each time), so a machine that drifts slower or faster hits every row alike; each figure is
the median over the rounds. Beside mockgraph's rows are two floors of the same round set: the Flask floor
(``bench/floor_app.py`` on granian: the most any app through Flask can serve here) and the server floor
(the same floor app served exactly as `mockgraph serve` serves, ``bench/floor_serve.py``: the most any app
can serve on serve's server). Two more say what each way of using two cores allows: the store floor
(``bench/floor_store.py``: the same replies after the SQLite writes a state its workers share costs, on serve's
server and on granian) and the Flask floor in one process. A row's ratio is its median over the Flask floor's.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from bench.harness import (
    FLOOR,
    STORED,
    Load,
    Peer,
    Running,
    floor_peer,
    granian_argv,
    log,
    median_of,
    mockgraph_argv,
    read_paths,
    server_floor_peer,
    wrk,
)


def _serve_defaults() -> tuple[int, int]:
    """``mockgraph serve``'s default workers and threads, read from its options (the labels follow a change)."""
    from mockgraph.serve_cli import serve

    defaults = {param.name: param.default for param in serve.params}
    return int(defaults["workers"]), int(defaults["threads"])


WORKERS, THREADS = _serve_defaults()
SHAPE = f"{WORKERS}w x {THREADS}t"
SERVE = f"`mockgraph serve` (default: gunicorn {SHAPE}, SQLite)"
SERVER_FLOOR = f"floor app on serve's server (mockgraph.wsgi, gunicorn {SHAPE})"
PLAIN_FLOOR = f"floor app on plain gunicorn gthread {SHAPE} (its CLI, no mockgraph.wsgi)"
STORE_FLOOR = f"store floor on serve's server (mockgraph.wsgi, gunicorn {SHAPE})"
GRANIAN_STORE_FLOOR = "store floor on granian 2w x 1t (bench/floor_store.py)"
ONE_PROCESS_FLOOR = "Flask floor in one process (granian 1w x 1t)"
LOADS = tuple((what, c) for what in ("create", "get", "list") for c in (8, 64))
MG, FIXED = "mockgraph (checks, state, journal)", "fixed replies"
QUICK = (SERVE, SERVER_FLOOR, STORE_FLOOR, FLOOR)  # what the targets need


def configs(quick: bool = False) -> list[Peer]:
    """Every server shape compared; ``quick``: the four the targets read."""
    flask_floor = floor_peer()
    files = Path(tempfile.mkdtemp(prefix="mockgraph-bench-"))  # one state file per config, its workers share it
    store = files / "state.sqlite3"
    every = [
        Peer(SERVE, mockgraph_argv(), MG),
        *(Peer(f"`mockgraph serve --threads {t}` ({WORKERS}w x {t}t, SQLite)", mockgraph_argv(f"--threads {t}"), MG)
          for t in (4, 2, 1) if t != THREADS),
        Peer("`mockgraph serve --workers 1 --threads 1` (memory)", mockgraph_argv("--workers 1 --threads 1"), MG),
        Peer(f"`mockgraph serve --workers 1` (1w x {THREADS}t, memory)", mockgraph_argv("--workers 1"), MG),
        Peer("granian 1w x 1t, memory (bench/run_granian.py)", granian_argv("bench.run_granian:app", 1, 1), MG),
        Peer("granian 2w x 1t, SQLite (bench/run_granian.py)", granian_argv("bench.run_granian:app", 2, 1),
             MG, {"MOCKGRAPH_STORE_PATH": str(store)}),
        server_floor_peer(SERVER_FLOOR, WORKERS, THREADS),
        *(server_floor_peer(f"floor app on serve's server (mockgraph.wsgi, gunicorn {WORKERS}w x {t}t)", WORKERS, t)
          for t in (4, 2, 1) if t != THREADS),
        server_floor_peer(STORE_FLOOR, WORKERS, THREADS, store=files / "floor-serve.sqlite3"),
        Peer(GRANIAN_STORE_FLOOR, granian_argv("bench.floor_store:app", 2, 1), STORED,
             {**flask_floor.env, "FLOOR_STORE": str(files / "floor-granian.sqlite3")}),
        Peer(ONE_PROCESS_FLOOR, granian_argv("bench.floor_app:app", 1, 1), FIXED, flask_floor.env),
        Peer(PLAIN_FLOOR,
             [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "-k", "gthread", "--threads", str(THREADS),
              "--log-level", "warning",
              "-b", "127.0.0.1:{port}", "bench.floor_app:app"], FIXED, flask_floor.env),
        Peer(FLOOR, flask_floor.argv, FIXED, flask_floor.env),
    ]
    return [peer for peer in every if peer.name in QUICK] if quick else every


def measure(load: Load, quick: bool = False) -> dict[str, dict]:
    """Start every config, then interleaved rounds of every load; per config its cold start, loads and RSS.

    A config that does not start, or whose load fails, is kept as ``{"skipped": reason}``.
    """
    loads = tuple(key for key in LOADS if key[1] == 8) if quick else LOADS
    results: dict[str, dict] = {}
    started: dict[str, tuple[Running, dict[str, str]]] = {}
    try:
        for peer in configs(quick):
            log(f"server comparison: starting {peer.name}")
            try:
                run = Running(peer)
            except Exception as exc:
                results[peer.name] = {"skipped": f"did not start: {exc}"}
                continue
            started[peer.name] = (run, {})
            try:
                started[peer.name] = (run, read_paths(run.port))
            except Exception as exc:
                results[peer.name] = {"skipped": f"could not make what the reads need: {exc}"}
                continue
            results[peer.name] = {"cold": run.cold, "app": peer.checks_body, "runs": {key: [] for key in loads}}
        names = [name for name in started if "skipped" not in results[name]]
        for round_ in range(load.rounds):
            log(f"server comparison: round {round_ + 1} of {load.rounds}, {len(names)} configs")
            for i, (what, c) in enumerate(loads):
                turn = (round_ * len(loads) + i) % max(len(names), 1)
                for name in names[turn:] + names[:turn]:
                    if "skipped" in results[name]:
                        continue
                    run, paths = started[name]
                    try:
                        out = wrk(load.binary, run.port, c, load.seconds, load.scripts[what], paths[what])
                    except Exception as exc:
                        results[name] = {"skipped": f"{what} c={c}, round {round_ + 1}: {exc}"}
                        continue
                    results[name]["runs"][(what, c)].append(out)
        for name in names:
            if "skipped" not in results[name]:
                runs = results[name].pop("runs")
                results[name].update({"loads": {key: median_of(r) for key, r in runs.items()},
                                      "rss": started[name][0].rss_mib()})
    finally:
        for run, _ in started.values():  # all at once: each takes up to gunicorn's graceful timeout to go
            run.terminate()
        for run, _ in started.values():
            run.stop()
    return results


def launches(rounds: int) -> float:
    """Seconds from launch to the first 201 of the floor app on serve's server (serve's default shape); median."""
    times = []
    for _ in range(rounds):
        run = Running(server_floor_peer(SERVER_FLOOR, WORKERS, THREADS))
        times.append(run.cold)
        run.stop()
    return statistics.median(times)


def ratio(servers: dict, name: str, key: tuple[str, int], figure: str = "rps") -> float | None:
    """``name``'s figure for the load ``key`` over the Flask floor's, both from the same rounds; None if missing."""
    mine, floor = servers.get(name, {}).get("loads", {}).get(key), servers.get(FLOOR, {}).get("loads", {}).get(key)
    if not mine or not floor or not floor[figure]:
        return None
    return mine[figure] / floor[figure]


def report(servers: dict, load: Load) -> None:
    loads = next((tuple(r["loads"]) for r in servers.values() if "loads" in r), LOADS)
    print(f"\nServer comparison: every config started once, then {load.rounds} interleaved round(s) of "
          f"{load.seconds:g} s per load (round 1 of every config, then round 2, order rotated), medians. "
          "Each cell: req/s (p99 ms) and the ratio to the Flask floor's req/s in the same rounds; "
          "!n marks errors + timeouts.")
    head = " | ".join(f"{what} c={c}" for what, c in loads)
    print(f"\n| server | app | {head} | cold ms | RSS MiB (largest / all) |")
    print("|---|---|" + "---|" * len(loads) + "---|---|")
    for name, r in servers.items():
        if "skipped" in r:
            print(f"| {name} | | skipped: {r['skipped']} |" + " |" * (len(loads) + 1))
            continue
        cells = []
        for key in loads:
            x, share = r["loads"][key], ratio(servers, name, key)
            bad = x["timeouts"] + x["errors"]
            cells.append(f"{x['rps']:,.0f} ({x['p99']:.0f}) {'' if share is None else f'{share:.2f}x'}"
                         + (f" !{bad}" if bad else ""))
        print(f"| {name} | {r['app']} | {' | '.join(cells)} | {1e3 * r['cold']:.0f} "
              f"| {r['rss'][0]:.0f} / {r['rss'][1]:.0f} |")
    floor = ratio(servers, SERVER_FLOOR, ("create", 8))
    if floor is not None:
        print(f"\nServe's server with nothing behind it (the floor app, {SHAPE}) creates at {floor:.2f}x the Flask "
              "floor at c=8: the most `mockgraph serve` can reach on gunicorn, whatever the app does.")
    stored = ratio(servers, STORE_FLOOR, ("create", 8))
    if stored is not None:
        print(f"With the SQLite writes a state its workers share costs (the store floor, {SHAPE}) it creates at "
              f"{stored:.2f}x: the most a mock whose workers share a SQLite file can reach on that server.")

