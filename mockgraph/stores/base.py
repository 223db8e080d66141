"""What every store promises, so handlers are written once against memory, SQLite or a networked store.

A store keeps entities as JSON-shaped dicts in collections named by canonical, version-free addresses
(``events``, ``events/E1/sessions``), hands out per-kind numbers (fake values are a function of seed and
number), and keeps the request journal and the events a test declared absent. Filtering, ``$select`` and
ordering stay in Python over ``page()``: one small contract is cheaper than pushing queries into every backend.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Protocol


class StoreFull(Exception):
    """Raised by ``insert`` when the store already holds ``max_entities`` entities.

    A mock that grows without bound would hide a leaking test; the caller answers with a Graph-style refusal.
    """

    def __init__(self, limit: int):
        super().__init__(f"the mock already holds {limit} entities, its limit (max_entities); "
                         f"delete some or reset the mock")
        self.limit = limit


class StoreUnavailable(Exception):
    """Raised by a networked store that cannot reach its server (refused, timed out, gone mid-request).

    Nothing was written by the call that raised it. The app answers 503 serviceNotAvailable with
    ``Retry-After: retry_after``; the store reconnects by itself, so serving resumes when the server is back.
    """

    def __init__(self, what: str, reason: str, retry_after: int = 2):
        super().__init__(f"cannot reach {what}: {reason}")
        self.what, self.reason, self.retry_after = what, reason, retry_after


class Store(Protocol):
    def next_number(self, kind: str) -> int:
        """Return 1, 2, 3 … per kind (an entity type name), across every worker, without gaps or repeats."""

    def next_creation(self) -> int:
        """The legacy creation counter: the same as ``next_number("creations")``."""

    def insert(self, collection: str, key: str, entity: dict) -> bool:
        """Add a copy of ``entity``; False, with nothing written, if the key exists; StoreFull at the cap."""

    def get(self, collection: str, key: str) -> dict | None:
        """A copy of the entity, which the caller may mutate, or None."""

    def page(self, collection: str, after: int = 0, limit: int | None = None) -> list[tuple[int, dict]]:
        """``(seq, entity)`` copies in insertion order with seq > after, at most ``limit`` (none for <= 0).

        seq strictly increases within a collection and is never reused before a reset, so the last seq of
        one page is the cursor of the next (a skiptoken) even when entities are deleted in between.
        """

    def page_raw(self, collection: str, after: int = 0, limit: int | None = None) -> list[tuple[int, bytes | str]]:
        """What ``page`` gives, each entity in the form the store keeps it (``decode`` turns it into the entity).

        A form always decodes to the same entity, and an entity changed is kept in a new form: a plain list renders
        each form once (handlers.list_) instead of decoding, summarizing and encoding every item of every list.
        """

    def decode(self, raw: bytes | str) -> dict:
        """The entity a ``page_raw`` form holds, a copy the caller may change."""

    def count(self, collection: str) -> int:
        """How many entities the collection holds."""

    def update(self, collection: str, key: str, change: Callable[[dict], dict]) -> dict | None:
        """Atomically store and return ``change(copy of entity)``; None if absent. Position (seq) is kept.

        If ``change`` raises, nothing is written and the exception propagates. ``change`` runs under the
        store's write lock, or (Redis) optimistically and again if another client wrote first: it must not
        call the store, and must be a function of the entity alone.
        """

    def delete(self, collection: str, key: str) -> bool:
        """Remove the entity and every collection below it (names starting ``f"{collection}/{key}/"``).

        False, with nothing removed, if the entity is absent.
        """

    def record(self, entry: dict | str) -> None:
        """Append to the request journal (seq numbered from 1), dropping the oldest entry past the bound.

        ``entry`` is a JSON object, or its text (what the app hands over: graph.journal_text), kept as text either
        way, so ``journal()`` gives copies a caller may change.
        """

    def journal(self) -> list[dict]:
        """The journal, oldest first."""

    def set_event_absent(self, event_id: str, absent: bool) -> None:
        """Declare a virtual event absent (creates in it answer 404) or present again."""

    def event_absent(self, event_id: str) -> bool:
        """Whether a test declared this event absent."""

    def reset(self) -> None:
        """Forget everything: entities, counters, journal, declared states."""

    def describe(self) -> dict:
        """What backs the store, for /_mockgraph/health: ``{"kind": "memory"}``, ``{"kind": "sqlite", ...}``
        or ``{"kind": "redis", "url": ..., "namespace": ...}`` (never a password)."""


def entry_text(entry: dict | str) -> str:
    """The text a journal entry is kept as: the app hands over text already (graph.journal_text); a dict, from a
    caller of the store itself, is encoded as ``json.dumps`` does."""
    return entry if isinstance(entry, str) else json.dumps(entry)


def require_entity(new: object) -> dict:
    """The value a ``change`` returned, refused unless it is a dict (a change that edits in place and returns
    None is the usual slip, and storing None would lose the entity)."""
    if not isinstance(new, dict):
        raise TypeError(f"an update's change must return the new entity (a dict), not {type(new).__name__}")
    return new


def prefix_bounds(collection: str, key: str) -> tuple[str, str]:
    """``[low, high)`` holding exactly the collection names that start with ``f"{collection}/{key}/"``.

    '0' is the character after '/', so a string in the range must start with the prefix: a range is
    case-sensitive and walks an index, where SQLite's LIKE folds ASCII case and scans the table.
    """
    low = f"{collection}/{key}/"
    return low, low[:-1] + "0"
