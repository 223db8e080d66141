"""The store in one SQLite file that every worker process of ``mockgraph serve`` opens, so they act as one.

WAL with synchronous=OFF (a mock's state need not survive a power cut), one connection per thread and
process, and writers queued on an advisory file lock before they touch SQLite: the kernel wakes the next
writer the moment the lock is free, where SQLite's own busy handler would sleep 1, 2, 5, 10 ms and more,
which put p99 in the hundreds of milliseconds with two workers. ``filelock`` was not used: it polls
(sleeps 50 ms by default) while the lock is taken, the very cost the file lock is here to avoid.
The journal lives in a file of its own (``PATH.requests``, attached to every connection) with a lock file of
its own: SQLite drops a connection's cached pages of a file whenever another connection changed that file, and
a journal in the entities' file changed it on every request; and a request's journal entry need not queue
behind another's create. (Its INSERT with SQLite's own lock alone was tried, and left: no A/B of it on this
session's noisy host was clean enough to overrule the measurement above.)

Measured on the 2-core machine (µs a call, 40-property entity): a single INSERT 26; an insert's
transaction (entity, totals, size) 39-45, the same as one INSERT whose triggers did that work, so there
are no triggers: they also turn a reset's DELETE of 100,000 rows from a truncate into 1.5 s of per-row work.
COUNT(*) over a 20,000-entity collection took 630 µs, the ``sizes`` row 4 µs.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from typing import IO

from mockgraph.stores.base import StoreFull, entry_text, prefix_bounds, require_entity

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS requests.journal (seq INTEGER PRIMARY KEY, entry TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS absent_events (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS entities (collection TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL,
                                     json TEXT NOT NULL, PRIMARY KEY (collection, key));
CREATE INDEX IF NOT EXISTS entities_by_seq ON entities (collection, seq);
CREATE TABLE IF NOT EXISTS sizes (collection TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS totals (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL,
                                   entities INTEGER NOT NULL);
INSERT OR IGNORE INTO totals VALUES (1, 0, 0);
"""
# seq comes from totals (never reused before a reset, unlike max(seq) + 1 after the newest entity is
# deleted); the cap is checked in the same statement that inserts.
_INSERT = ("INSERT INTO entities SELECT ?, ?, seq + 1, ? FROM totals WHERE entities < ? "
           "ON CONFLICT DO NOTHING")
_PAGE = "SELECT seq, json FROM entities WHERE collection = ? AND seq > ? ORDER BY seq LIMIT ?"
_DELETE_BELOW = "DELETE FROM entities WHERE collection >= ? AND collection < ?"
_MAX_SEQ = 2**63 - 1
_encode = json.JSONEncoder(separators=(",", ":")).encode


def posix_locks() -> tuple[Callable[[IO], None], Callable[[IO], None]]:
    """(lock, unlock) by ``flock``: a blocking wait the kernel ends as soon as the holder lets go."""
    import fcntl

    return (lambda f: fcntl.flock(f, fcntl.LOCK_EX)), (lambda f: fcntl.flock(f, fcntl.LOCK_UN))


def windows_locks(msvcrt=None) -> tuple[Callable[[IO], None], Callable[[IO], None]]:
    """(lock, unlock) by ``msvcrt.locking`` on the file's first byte.

    Its blocking mode retries once a second, so this polls without blocking, from 0.5 ms up to 20 ms.
    """
    if msvcrt is None:
        import msvcrt

    def lock(f: IO) -> None:
        delay = 0.0005
        while True:
            f.seek(0)
            try:
                msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                time.sleep(delay)
                delay = min(delay * 2, 0.02)

    def unlock(f: IO) -> None:
        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)

    return lock, unlock


class SqliteStore:
    """State in one SQLite file shared by processes and threads."""

    def __init__(self, path: str, journal_size: int = 1000, max_entities: int = 100_000):
        self.path = path
        self.journal_size = max(journal_size, 0)
        self.max_entities = max_entities
        # chosen here, not at import, so importing mockgraph never needs fcntl (absent on Windows)
        self._lock_file, self._unlock_file = windows_locks() if os.name == "nt" else posix_locks()
        self._local = threading.local()
        with self._locked() as db:
            db.executescript(f"BEGIN;{_SCHEMA}COMMIT;")  # one transaction, not one per statement

    def describe(self) -> dict:
        return {"kind": "sqlite", "path": self.path}

    def _connect(self) -> sqlite3.Connection:
        # One connection (and lock file handle) per thread and per process: a forked worker must
        # not reuse its parent's, and flock only excludes other open file descriptions.
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            # synchronous first: switching a new file to WAL under the default (FULL) syncs it to disk, about
            # 6 ms of every `mockgraph serve` start (its default store is a new temporary file)
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("ATTACH DATABASE ? AS requests", (self.path + ".requests",))  # the journal's file
            conn.execute("PRAGMA requests.synchronous=OFF")
            conn.execute("PRAGMA requests.journal_mode=WAL")
            self._local.lock = open(self.path + ".lock", "a+b", buffering=0)  # noqa: SIM115 - held for the thread's life
            self._local.journal_lock = open(self.path + ".requests.lock", "a+b", buffering=0)  # noqa: SIM115 - the same
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    @contextlib.contextmanager
    def _locked(self, journal: bool = False) -> Iterator[sqlite3.Connection]:
        """The connection, with this process first in the writers' queue; one statement is atomic alone.

        The journal has a queue of its own (``journal=True``): writers of entities hold the other.
        """
        db = self._connect()
        lock = self._local.journal_lock if journal else self._local.lock
        self._lock_file(lock)
        try:
            yield db
        finally:
            self._unlock_file(lock)

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

    def next_number(self, kind: str) -> int:
        with self._locked() as db:
            return db.execute("INSERT INTO counters VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 "
                              "RETURNING value", (kind,)).fetchall()[0][0]

    def next_creation(self) -> int:
        return self.next_number("creations")

    def insert(self, collection: str, key: str, entity: dict) -> bool:
        text = _encode(entity)
        with self._writing() as db:
            if not db.execute(_INSERT, (collection, key, text, self.max_entities)).rowcount:
                if db.execute("SELECT 1 FROM entities WHERE collection = ? AND key = ?", (collection, key)).fetchone():
                    return False
                raise StoreFull(self.max_entities)
            db.execute("UPDATE totals SET seq = seq + 1, entities = entities + 1")
            db.execute("INSERT INTO sizes VALUES (?, 1) ON CONFLICT (collection) DO UPDATE SET n = n + 1",
                       (collection,))
            return True

    def get(self, collection: str, key: str) -> dict | None:
        row = self._connect().execute("SELECT json FROM entities WHERE collection = ? AND key = ?",
                                      (collection, key)).fetchone()
        return None if row is None else json.loads(row[0])

    def page(self, collection: str, after: int = 0, limit: int | None = None) -> list[tuple[int, dict]]:
        return [(seq, self.decode(text)) for seq, text in self.page_raw(collection, after, limit)]

    def page_raw(self, collection: str, after: int = 0, limit: int | None = None) -> list[tuple[int, str]]:
        if (limit is not None and limit <= 0) or after >= _MAX_SEQ:
            return []
        return self._connect().execute(_PAGE, (collection, max(after, -1), -1 if limit is None else limit)).fetchall()

    decode = staticmethod(json.loads)

    def count(self, collection: str) -> int:
        row = self._connect().execute("SELECT n FROM sizes WHERE collection = ?", (collection,)).fetchone()
        return 0 if row is None else row[0]

    def update(self, collection: str, key: str, change: Callable[[dict], dict]) -> dict | None:
        with self._writing() as db:
            row = db.execute("SELECT json FROM entities WHERE collection = ? AND key = ?", (collection, key)).fetchone()
            if row is None:
                return None
            new = require_entity(change(json.loads(row[0])))
            db.execute("UPDATE entities SET json = ? WHERE collection = ? AND key = ?", (_encode(new), collection, key))
            return new

    def delete(self, collection: str, key: str) -> bool:
        low, high = prefix_bounds(collection, key)
        with self._writing() as db:
            if not db.execute("DELETE FROM entities WHERE collection = ? AND key = ?", (collection, key)).rowcount:
                return False
            below = db.execute(_DELETE_BELOW, (low, high)).rowcount
            db.execute("UPDATE totals SET entities = entities - ?", (1 + below,))
            db.execute("UPDATE sizes SET n = n - 1 WHERE collection = ?", (collection,))
            db.execute("DELETE FROM sizes WHERE collection >= ? AND collection < ?", (low, high))
            return True

    def record(self, entry: dict | str) -> None:
        # The row id is the sequence number: SQLite gives max + 1, so it counts from 1 again after a
        # reset empties the table, and trimming never empties it. One statement, without BEGIN and COMMIT,
        # costs half of what the transaction did.
        if not self.journal_size:
            return
        text = entry_text(entry)
        with self._locked(journal=True) as db:
            seq = db.execute("INSERT INTO requests.journal (entry) VALUES (?)", (text,)).lastrowid
            if seq % 64 == 0 or self.journal_size < 64:
                db.execute("DELETE FROM requests.journal WHERE seq <= ?", (seq - self.journal_size,))

    def journal(self) -> list[dict]:
        rows = self._connect().execute(
            "SELECT seq, entry FROM requests.journal ORDER BY seq DESC LIMIT ?", (self.journal_size,)).fetchall()
        return [{"seq": seq, **json.loads(entry)} for seq, entry in reversed(rows)]

    def set_event_absent(self, event_id: str, absent: bool) -> None:
        with self._locked() as db:  # one statement either way
            if absent:
                db.execute("INSERT OR IGNORE INTO absent_events VALUES (?)", (event_id,))
            else:
                db.execute("DELETE FROM absent_events WHERE id = ?", (event_id,))

    def event_absent(self, event_id: str) -> bool:
        row = self._connect().execute("SELECT 1 FROM absent_events WHERE id = ?", (event_id,)).fetchone()
        return row is not None

    def reset(self) -> None:
        with self._writing() as db:
            for table in ("entities", "sizes", "requests.journal", "absent_events", "counters"):
                db.execute(f"DELETE FROM {table}")  # table names are the constants above, never input
            db.execute("UPDATE totals SET seq = 0, entities = 0")
