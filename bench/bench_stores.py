"""Create and get through the app on each store, as µs a request and as a ratio against memory in the same run.

    python bench/bench_stores.py [--ops 500] [--rounds 5] [--redis redis://host:port/db]

Each backend serves the same app (Flask test client, no HTTP server, so the store's share is not drowned in
socket time): ``POST .../events/{id}/sessions`` with the minimal documented body, then ``GET`` of what was
made, ``--ops`` of each a round, medians of ``--rounds``. A store call alone is timed too (insert and get of a
40-property entity), which is the floor each backend adds. Redis is a ``redis-server`` started here on a free
loopback port (Debian: apt-get install redis-server) unless ``--redis`` names one; a backend that cannot be
started is skipped with the reason. The machine is shared: read the ratios, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mockgraph import create_app  # noqa: E402 - after the path is set, so the checkout is what runs
from mockgraph.stores import open_store  # noqa: E402

EVENT = "f8ce2a5f-0e6a-4186-aa90-1f64bc023566@5466a424-aadf-425c-9b24-034ca28d4bdd"
SESSIONS = f"/v1.0/solutions/virtualEvents/events/{EVENT}/sessions"
AUTH = {"Authorization": "Bearer bench"}
ENTITY = {f"property{i}": f"value {i} of a session, long enough to be realistic" for i in range(36)}
ENTITY |= {"start": {"dateTime": "2026-01-01T10:00:00", "timeZone": "UTC"}, "presenters": [{"name": "Ada"}],
           "capacity": 500, "isPublished": True}


def median_us(fn: Callable[[int], object], ops: int, rounds: int) -> float:
    """Median over rounds of the µs one call of ``fn(i)`` takes (each call gets its own index)."""
    figures = []
    for r in range(rounds):
        start = time.perf_counter()
        for i in range(r * ops, (r + 1) * ops):
            fn(i)
        figures.append((time.perf_counter() - start) / ops * 1e6)
    return statistics.median(figures)


def measure(url: str | None, ops: int, rounds: int) -> dict[str, float]:
    """Time create and get through the app, then insert and get on the store alone, for the store at ``url``."""
    body = json.loads((ROOT / "fixtures" / "virtualEventSession.create.request.minimal.json").read_text())
    cap = 10 * ops * rounds + 1000
    app = create_app({"seed": 1, "store": url, "max_entities": cap, "journal_size": 1000})
    store = app.extensions["mockgraph"].store
    store.reset()
    client = app.test_client()
    ids: list[str] = []

    def create(_: int) -> None:
        reply = client.post(SESSIONS, json=body, headers=AUTH)
        assert reply.status_code == 201, reply.get_data(as_text=True)
        ids.append(reply.get_json()["id"])

    def get(i: int) -> None:
        reply = client.get(f"{SESSIONS}/{ids[i % len(ids)]}", headers=AUTH)
        assert reply.status_code == 200, reply.get_data(as_text=True)

    for i in range(20):  # warm: imports, compiled checks, the connection pool
        create(i)
    figures = {"create (app)": median_us(create, ops, rounds), "get (app)": median_us(get, ops, rounds)}
    bare = open_store(url, 0, cap)
    figures["insert (store)"] = median_us(lambda i: bare.insert("bench/E/sessions", f"k{i}", ENTITY), ops, rounds)
    figures["get (store)"] = median_us(lambda i: bare.get("bench/E/sessions", f"k{i % ops}"), ops, rounds)
    store.reset()
    return figures


@contextlib.contextmanager
def redis_url(given: str | None) -> Iterator[str]:
    """The ``--redis`` URL, or a redis-server of our own for the run (stopped afterwards)."""
    if given:
        yield given
        return
    from tests.redis_server import running_redis

    with running_redis() as server:
        yield server.url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--redis", help="a Redis to use (namespace bench) instead of starting redis-server")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        backends: dict[str, str | None] = {"memory": "memory:", "sqlite": f"sqlite:///{folder}/bench.sqlite3"}
        try:
            backends["redis"] = stack.enter_context(redis_url(args.redis)) + "?namespace=bench"
        except BaseException as exc:  # pytest.skip (no redis-server) is a BaseException: say why
            if isinstance(exc, KeyboardInterrupt):
                raise
            print(f"redis skipped: {exc}")
        for name, url in backends.items():
            try:
                results[name] = measure(url, args.ops, args.rounds)
            except Exception as exc:  # a backend that cannot run is reported; the others still are
                print(f"{name} skipped: {type(exc).__name__}: {exc}")
    if "memory" not in results:
        raise SystemExit("the memory store did not run, so there is nothing to compare against")
    print(f"µs a request (app: Flask test client) or a call (store alone), medians of {args.rounds} x {args.ops}; "
          "ratio = backend / memory, same run")
    print(f"| {'operation':<14} | " + " | ".join(f"{name:>8} | {'ratio':>5}" for name in results) + " |")
    print(f"|{'-' * 16}|" + "|".join(f"{'-' * 10}|{'-' * 7}" for _ in results) + "|")
    for op in results["memory"]:
        cells = " | ".join(f"{figures[op]:>8.1f} | {figures[op] / results['memory'][op]:>4.2f}x"
                           for figures in results.values())
        print(f"| {op:<14} | {cells} |")


if __name__ == "__main__":
    main()
