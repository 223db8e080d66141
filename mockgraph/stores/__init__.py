"""The mock's state behind one interface: ``open_store(url)`` picks the backend from a URL.

``memory:`` keeps state in this process (the pytest fixture); ``sqlite:///path`` in a file that the worker
processes of ``mockgraph serve`` share. A networked store for several hosts would implement the same Protocol.
"""

from __future__ import annotations

import re

from mockgraph.stores.base import Store, StoreFull
from mockgraph.stores.memory import MemoryStore
from mockgraph.stores.sqlite import SqliteStore

__all__ = ["MemoryStore", "SqliteStore", "Store", "StoreFull", "open_store"]

# Two letters at least, so a Windows drive ("C:\\state.sqlite3") reads as a bare path.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
_WINDOWS_DRIVE = re.compile(r"^/[A-Za-z]:[/\\]")


def open_store(url: str | None, journal_size: int = 1000, max_entities: int = 100_000) -> Store:
    """The store a URL names: None, "" or ``memory:``; ``sqlite:///abs/path`` or ``sqlite:relative/path``;
    or a bare file path (the old ``store_path`` setting), which is SQLite."""
    if not url or url in ("memory:", "memory://"):
        return MemoryStore(journal_size, max_entities)
    scheme = _SCHEME.match(url)
    if scheme is None:
        return SqliteStore(url, journal_size, max_entities)
    path = url[scheme.end():]
    if scheme.group(1).lower() == "sqlite":
        if path.startswith("//"):  # sqlite:///abs/path: an empty host, then the absolute path
            path = path[2:] if path.startswith("///") else ""
            path = path[1:] if _WINDOWS_DRIVE.match(path) else path  # sqlite:///C:/state.sqlite3
        if path:
            return SqliteStore(path, journal_size, max_entities)
        raise ValueError(f"store URL {url!r} names no file: use sqlite:///absolute/path or sqlite:relative/path")
    raise ValueError(f"unknown store URL {url!r}: use memory: or sqlite:///path")
