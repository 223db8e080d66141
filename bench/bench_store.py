"""Per-operation cost of each store with a small and a large collection: the ratio should stay near 1.

    python bench/bench_store.py [--large 100000] [--ops 2000]

Every request of the mock reads or writes the store, so an operation must not grow with the data:
get, insert, update, delete, count and a 10-entity page from the middle are timed on a 10-entity and
on a ``--large`` collection of 40-property entities. Medians of 5 rounds of ``--ops`` calls, in µs;
the machine is shared, so read the ratios, not the absolute numbers. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mockgraph.stores import MemoryStore, SqliteStore

COLLECTION = "events/E1/sessions"
ENTITY = {f"property{i}": f"value {i} of a session, long enough to be realistic" for i in range(36)}
ENTITY |= {"start": {"dateTime": "2026-01-01T10:00:00", "timeZone": "UTC"}, "presenters": [{"name": "Ada"}],
           "capacity": 500, "isPublished": True}


def per_call(fn: Callable[[int], object], ops: int) -> float:
    """Median µs a call over 5 rounds; ``fn`` gets the call's index, so each call can touch its own key."""
    rounds = []
    for r in range(5):
        start = time.perf_counter()
        for i in range(r * ops, (r + 1) * ops):
            fn(i)
        rounds.append((time.perf_counter() - start) / ops * 1e6)
    return statistics.median(rounds)


def measure(store, size: int, ops: int) -> dict[str, float]:
    """Fill the collection to ``size``, then time each operation against it (it stays about that size)."""
    for i in range(size):
        store.insert(COLLECTION, f"k{i}", {**ENTITY, "id": f"k{i}"})
    middle = store.page(COLLECTION, limit=size // 2 + 1)[-1][0]

    def touch(entity: dict) -> dict:
        entity["capacity"] += 1
        return entity

    return {
        "get": per_call(lambda i: store.get(COLLECTION, f"k{i % size}"), ops),
        "insert": per_call(lambda i: store.insert(COLLECTION, f"new{i}", ENTITY), ops),
        "update": per_call(lambda i: store.update(COLLECTION, f"k{i % size}", touch), ops),
        "page 10": per_call(lambda i: store.page(COLLECTION, after=middle, limit=10), ops),
        "count": per_call(lambda i: store.count(COLLECTION), ops),
        "delete": per_call(lambda i: store.delete(COLLECTION, f"new{i}"), ops),
        "next_number": per_call(lambda i: store.next_number("virtualEventSession"), ops),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--ops", type=int, default=2000)
    args = parser.parse_args()
    cap = args.large + 10 * args.ops
    with tempfile.TemporaryDirectory() as folder:
        backends = {
            "memory": lambda size: MemoryStore(max_entities=cap),
            "sqlite": lambda size: SqliteStore(f"{folder}/store-{size}.sqlite3", max_entities=cap),
        }
        print(f"µs a call, medians of 5 x {args.ops}; collection of 10 vs {args.large:,} entities")
        print(f"| {'backend':<7} | {'operation':<11} | {'10':>8} | {args.large:>8,} | {'ratio':>5} |")
        print(f"|{'-' * 9}|{'-' * 13}|{'-' * 10}|{'-' * 10}|{'-' * 7}|")
        for name, build in backends.items():
            small, large = measure(build(10), 10, args.ops), measure(build(args.large), args.large, args.ops)
            for op in small:
                ratio = large[op] / small[op]
                print(f"| {name:<7} | {op:<11} | {small[op]:>8.1f} | {large[op]:>8.1f} | {ratio:>5.2f} |")


if __name__ == "__main__":
    main()
