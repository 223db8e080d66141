"""Both stores keep the same promises: a gapless counter, a bounded journal, declared states, reset."""

from __future__ import annotations

import multiprocessing

import pytest

from mockgraph.store import MemoryStore, SqliteStore


@pytest.fixture(params=["memory", "sqlite"])
def store(request, tmp_path):
    if request.param == "memory":
        return MemoryStore(journal_size=100)
    return SqliteStore(str(tmp_path / "state.sqlite3"), journal_size=100)


def test_counter_counts_from_one(store):
    """Creation numbers are 1, 2, 3 …"""
    assert [store.next_creation() for _ in range(3)] == [1, 2, 3]


def test_journal_keeps_the_newest_entries_up_to_its_bound(store):
    """Past the bound the oldest entries go first; the order stays oldest first."""
    for i in range(250):
        store.record({"i": i})
    entries = store.journal()
    assert [e["i"] for e in entries] == list(range(150, 250))
    assert [e["seq"] for e in entries] == list(range(151, 251))


def test_events_declared_absent_until_reset(store):
    """An event declared absent stays so until declared present again or reset."""
    assert not store.event_absent("e1")
    store.set_event_absent("e1", True)
    assert store.event_absent("e1") and not store.event_absent("e2")
    store.set_event_absent("e1", False)
    assert not store.event_absent("e1")
    store.set_event_absent("e1", True)
    store.reset()
    assert not store.event_absent("e1")


def test_reset_clears_counter_and_journal(store):
    """After a reset the store is as new: sequence numbers start from 1 again, trimmed journal or not."""
    store.next_creation()
    for i in range(150):  # past the bound of 100, so old entries were trimmed
        store.record({"x": i})
    store.reset()
    assert store.journal() == [] and store.next_creation() == 1
    store.record({"x": "after"})
    assert [e["seq"] for e in store.journal()] == [1]


def _count(path: str, n: int, queue) -> None:
    store = SqliteStore(path, journal_size=10_000)
    numbers = []
    for i in range(n):
        numbers.append(store.next_creation())
        store.record({"n": i})
    queue.put(numbers)


def test_sqlite_counter_is_gapless_across_processes(tmp_path):
    """Four processes drawing numbers at once get each number exactly once."""
    path = str(tmp_path / "shared.sqlite3")
    SqliteStore(path)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_count, args=(path, 200, queue)) for _ in range(4)]
    for p in procs:
        p.start()
    numbers = [n for _ in procs for n in queue.get(timeout=60)]
    for p in procs:
        p.join(timeout=60)
    assert sorted(numbers) == list(range(1, 801))
    assert [e["seq"] for e in SqliteStore(path, journal_size=10_000).journal()] == list(range(1, 801))
