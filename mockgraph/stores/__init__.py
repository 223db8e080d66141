"""The mock's state behind one interface: ``open_store(url)`` picks the backend from a URL.

``memory:`` keeps state in this process (the pytest fixture, the default: the fastest); ``sqlite:///path`` in
a file that the worker processes of one ``mockgraph serve`` host share; ``redis://host:port/db`` (or
``rediss://``, a password as redis-py reads it, ``?namespace=NAME``) in a Redis that several hosts share.
The Redis client is an optional extra, imported only when a ``redis`` URL is opened.
"""

from __future__ import annotations

import re

from mockgraph.stores.base import Store, StoreFull, StoreUnavailable
from mockgraph.stores.memory import MemoryStore
from mockgraph.stores.sqlite import SqliteStore

__all__ = ["MemoryStore", "SqliteStore", "Store", "StoreFull", "StoreUnavailable", "open_store"]

# Two letters at least, so a Windows drive ("C:\\state.sqlite3") reads as a bare path.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
_WINDOWS_DRIVE = re.compile(r"^/[A-Za-z]:[/\\]")


def open_store(url: str | None, journal_size: int = 1000, max_entities: int = 100_000) -> Store:
    """The store a URL names: None, "" or ``memory:``; ``sqlite:///abs/path`` or ``sqlite:relative/path``;
    ``redis://[:password@]host:port/db[?namespace=NAME]`` or ``rediss://…``; or a bare file path (the old
    ``store_path`` setting), which is SQLite.

    ValueError (one line) for a URL that names no store; StoreUnavailable if Redis does not answer.
    """
    if not url or url in ("memory:", "memory://"):
        return MemoryStore(journal_size, max_entities)
    scheme = _SCHEME.match(url)
    if scheme is None:
        return SqliteStore(url, journal_size, max_entities)
    path = url[scheme.end():]
    if scheme.group(1).lower() in ("redis", "rediss"):
        return _redis(url, journal_size, max_entities)
    if scheme.group(1).lower() == "sqlite":
        if path.startswith("//"):  # sqlite:///abs/path: an empty host, then the absolute path
            path = path[2:] if path.startswith("///") else ""
            path = path[1:] if _WINDOWS_DRIVE.match(path) else path  # sqlite:///C:/state.sqlite3
        if path:
            return SqliteStore(path, journal_size, max_entities)
        raise ValueError(f"store URL {url!r} names no file: use sqlite:///absolute/path or sqlite:relative/path")
    raise ValueError(f"unknown store URL {url!r}: use memory:, sqlite:///path or redis://host:port/db")


def _redis(url: str, journal_size: int, max_entities: int) -> Store:
    from mockgraph.stores.redis import RedisStore, split_url  # imports the client only when a store is made

    try:
        return RedisStore(url, journal_size, max_entities)
    except ImportError:
        raise ValueError(f"store URL {split_url(url)[2]!r} needs the Redis client: "
                         "pip install 'mockgraph[redis]'") from None
