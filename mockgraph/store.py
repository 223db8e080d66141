"""The state a mock keeps between requests, behind one small interface.

Everything that must look the same from every worker process lives here: the creation
counter (fake values are a function of seed and creation number), the request journal
and the events a test declared absent. ``MemoryStore`` serves one process (the pytest
fixture); ``SqliteStore`` lets the worker processes of ``mockgraph serve`` act as one server.
A networked store for several hosts would implement the same five methods.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Iterator
from typing import Protocol


class Store(Protocol):
    def next_creation(self) -> int:
        """Return 1, 2, 3, … across every worker, without gaps or repeats."""

    def record(self, entry: dict) -> None:
        """Append to the request journal, dropping the oldest entry past the bound."""

    def journal(self) -> list[dict]:
        """The journal, oldest first."""

    def set_event_absent(self, event_id: str, absent: bool) -> None:
        """Declare a virtual event absent (creates in it answer 404) or present again."""

    def event_absent(self, event_id: str) -> bool:
        """Whether a test declared this event absent."""

    def reset(self) -> None:
        """Forget everything: counter, journal, declared states."""


class MemoryStore:
    """State in this process, guarded by a lock; a reset costs microseconds."""

    def __init__(self, journal_size: int = 1000):
        self._lock = threading.Lock()
        self._journal: deque[dict] = deque(maxlen=max(journal_size, 0))
        self._count = 0
        self._seq = 0
        self._absent: set[str] = set()

    def next_creation(self) -> int:
        with self._lock:
            self._count += 1
            return self._count

    def record(self, entry: dict) -> None:
        with self._lock:
            self._seq += 1
            self._journal.append({"seq": self._seq, **entry})

    def journal(self) -> list[dict]:
        with self._lock:
            return list(self._journal)

    def set_event_absent(self, event_id: str, absent: bool) -> None:
        with self._lock:
            (self._absent.add if absent else self._absent.discard)(event_id)

    def event_absent(self, event_id: str) -> bool:
        return event_id in self._absent

    def reset(self) -> None:
        with self._lock:
            self._journal.clear()
            self._count = 0
            self._seq = 0
            self._absent.clear()


_SCHEMA = """
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS journal (seq INTEGER PRIMARY KEY, entry TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS absent_events (id TEXT PRIMARY KEY);
INSERT OR IGNORE INTO counters VALUES ('creations', 0);
"""


class SqliteStore:
    """State in one SQLite file that every worker process opens.

    Writers queue on an advisory file lock before they touch SQLite: the kernel wakes the next
    writer the moment the lock is free, where SQLite's own busy handler would sleep 1, 2, 5, 10 ms
    and more, which put p99 in the hundreds of milliseconds with two workers.
    """

    def __init__(self, path: str, journal_size: int = 1000):
        self.path = path
        self.journal_size = max(journal_size, 0)
        self._local = threading.local()
        with self._connect() as db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        # One connection (and lock file handle) per thread and per process: a forked worker must
        # not reuse its parent's, and flock only excludes other open file descriptions.
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")
            self._local.lock = open(self.path + ".lock", "a")  # noqa: SIM115 - held for the thread's life
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    @contextlib.contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        """The connection, with this process first in the writers' queue; one statement is atomic alone."""
        db = self._connect()
        fcntl.flock(self._local.lock, fcntl.LOCK_EX)
        try:
            yield db
        finally:
            fcntl.flock(self._local.lock, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """The same, inside one transaction, for changes of several statements."""
        with self._locked() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def next_creation(self) -> int:
        with self._locked() as db:
            return db.execute("UPDATE counters SET value = value + 1 WHERE name = 'creations' RETURNING value"
                              ).fetchall()[0][0]

    def record(self, entry: dict) -> None:
        # The row id is the sequence number: SQLite gives max + 1, so it counts from 1 again after a
        # reset empties the table, and trimming never empties it. One statement, without BEGIN and COMMIT,
        # costs half of what the transaction did.
        if not self.journal_size:
            return
        text = json.dumps(entry)
        with self._locked() as db:
            seq = db.execute("INSERT INTO journal (entry) VALUES (?)", (text,)).lastrowid
            if seq % 64 == 0 or self.journal_size < 64:
                db.execute("DELETE FROM journal WHERE seq <= ?", (seq - self.journal_size,))

    def journal(self) -> list[dict]:
        rows = self._connect().execute(
            "SELECT seq, entry FROM journal ORDER BY seq DESC LIMIT ?", (self.journal_size,)).fetchall()
        return [{"seq": seq, **json.loads(entry)} for seq, entry in reversed(rows)]

    def set_event_absent(self, event_id: str, absent: bool) -> None:
        with self._writing() as db:
            if absent:
                db.execute("INSERT OR IGNORE INTO absent_events VALUES (?)", (event_id,))
            else:
                db.execute("DELETE FROM absent_events WHERE id = ?", (event_id,))

    def event_absent(self, event_id: str) -> bool:
        row = self._connect().execute("SELECT 1 FROM absent_events WHERE id = ?", (event_id,)).fetchone()
        return row is not None

    def reset(self) -> None:
        with self._writing() as db:
            db.execute("DELETE FROM journal")
            db.execute("DELETE FROM absent_events")
            db.execute("UPDATE counters SET value = 0")


def open_store(path: str | None, journal_size: int) -> Store:
    return SqliteStore(path, journal_size) if path else MemoryStore(journal_size)
