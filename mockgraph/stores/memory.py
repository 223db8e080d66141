"""The store in this process (the pytest fixture, one-worker serve), guarded by one lock.

Entities are kept marshalled: ``marshal`` copies a 40-property entity in about 8 µs (dump on the way in,
load on the way out) where a JSON round trip took 30 µs and ``copy.deepcopy`` 48 µs, and a stored blob
cannot be changed through a dict the caller still holds.
"""

from __future__ import annotations

import json
import marshal
import threading
from bisect import bisect_right
from collections import deque
from collections.abc import Callable

from mockgraph.stores.base import StoreFull, entry_text, require_entity

#: Holes (deleted keys) a collection's seq list may keep before it is rebuilt; at most a quarter of its
#: entities as well, so rebuilding costs O(1) a delete and a page skips few holes.
_HOLES = 32


def _dump(entity: dict) -> bytes:
    try:
        return marshal.dumps(entity)
    except ValueError:  # a dict subclass or a non-JSON value: go through JSON, which SQLite would use too
        return marshal.dumps(json.loads(json.dumps(entity)))


class _Collection:
    """One collection: key -> (seq, blob) for O(1) reads, and seqs/keys in insertion order for bisect."""

    __slots__ = ("holes", "keys", "rows", "seqs")

    def __init__(self) -> None:
        self.rows: dict[str, tuple[int, bytes]] = {}
        self.seqs: list[int] = []
        self.keys: list[str] = []
        self.holes = 0

    def forget(self, key: str) -> None:
        del self.rows[key]
        self.holes += 1
        if self.holes > _HOLES and self.holes * 4 > len(self.rows):
            # dicts keep insertion order and an update keeps its slot, so rows is already in seq order
            self.keys = list(self.rows)
            self.seqs = [seq for seq, _ in self.rows.values()]
            self.holes = 0


class MemoryStore:
    """State in this process; a reset costs microseconds."""

    def __init__(self, journal_size: int = 1000, max_entities: int = 100_000):
        self.max_entities = max_entities
        self._lock = threading.Lock()
        self._journal: deque[tuple[int, str]] = deque(maxlen=max(journal_size, 0))  # (seq, the entry's JSON text)
        self._absent: set[str] = set()
        self._clear()

    def _clear(self) -> None:
        self._collections: dict[str, _Collection] = {}
        #: "events/E1/" -> every collection name below it, so a delete finds its cascade without a scan
        self._below: dict[str, set[str]] = {}
        self._numbers: dict[str, int] = {}
        self._entities = 0
        self._seq = 0
        self._journal_seq = 0
        self._journal.clear()
        self._absent.clear()

    def describe(self) -> dict:
        return {"kind": "memory"}

    def next_number(self, kind: str) -> int:
        with self._lock:
            number = self._numbers[kind] = self._numbers.get(kind, 0) + 1
            return number

    def next_creation(self) -> int:
        return self.next_number("creations")

    def insert(self, collection: str, key: str, entity: dict) -> bool:
        blob = _dump(entity)
        with self._lock:
            col = self._collections.get(collection)
            if col is not None and key in col.rows:
                return False
            if self._entities >= self.max_entities:
                raise StoreFull(self.max_entities)
            if col is None:
                col = self._collections[collection] = _Collection()
                for i, char in enumerate(collection):
                    if char == "/":
                        self._below.setdefault(collection[:i + 1], set()).add(collection)
            self._seq += 1
            self._entities += 1
            col.rows[key] = (self._seq, blob)
            col.seqs.append(self._seq)
            col.keys.append(key)
            return True

    def get(self, collection: str, key: str) -> dict | None:
        with self._lock:
            col = self._collections.get(collection)
            row = col.rows.get(key) if col is not None else None
        return None if row is None else marshal.loads(row[1])

    def page(self, collection: str, after: int = 0, limit: int | None = None) -> list[tuple[int, dict]]:
        return [(seq, self.decode(blob)) for seq, blob in self.page_raw(collection, after, limit)]

    def page_raw(self, collection: str, after: int = 0, limit: int | None = None) -> list[tuple[int, bytes]]:
        if limit is not None and limit <= 0:
            return []
        found: list[tuple[int, bytes]] = []
        with self._lock:
            col = self._collections.get(collection)
            if col is None:
                return []
            rows, seqs, keys = col.rows, col.seqs, col.keys
            for i in range(bisect_right(seqs, after), len(seqs)):
                row = rows.get(keys[i])
                if row is not None and row[0] == seqs[i]:  # else a hole: deleted, or deleted and inserted again
                    found.append(row)
                    if len(found) == limit:
                        break
        return found

    decode = staticmethod(marshal.loads)

    def count(self, collection: str) -> int:
        col = self._collections.get(collection)
        return 0 if col is None else len(col.rows)

    def update(self, collection: str, key: str, change: Callable[[dict], dict]) -> dict | None:
        with self._lock:
            col = self._collections.get(collection)
            row = col.rows.get(key) if col is not None else None
            if row is None:
                return None
            new = require_entity(change(marshal.loads(row[1])))
            col.rows[key] = (row[0], _dump(new))
            return new

    def delete(self, collection: str, key: str) -> bool:
        with self._lock:
            col = self._collections.get(collection)
            if col is None or key not in col.rows:
                return False
            col.forget(key)
            self._entities -= 1
            for name in self._below.pop(f"{collection}/{key}/", ()):
                self._entities -= len(self._collections.pop(name).rows)
                for i, char in enumerate(name):
                    names = self._below.get(name[:i + 1]) if char == "/" else None
                    if names is not None:
                        names.discard(name)
                        if not names:
                            del self._below[name[:i + 1]]
            return True

    def record(self, entry: dict | str) -> None:
        text = entry_text(entry)
        with self._lock:
            self._journal_seq += 1
            self._journal.append((self._journal_seq, text))

    def journal(self) -> list[dict]:
        with self._lock:
            kept = list(self._journal)
        return [{"seq": seq, **json.loads(text)} for seq, text in kept]

    def set_event_absent(self, event_id: str, absent: bool) -> None:
        with self._lock:
            (self._absent.add if absent else self._absent.discard)(event_id)

    def event_absent(self, event_id: str) -> bool:
        return event_id in self._absent

    def reset(self) -> None:
        with self._lock:
            self._clear()
