"""The old home of the store, kept so ``from mockgraph.store import ...`` goes on working: see ``mockgraph.stores``."""

from mockgraph.stores import MemoryStore, SqliteStore, Store, StoreFull, open_store

__all__ = ["MemoryStore", "SqliteStore", "Store", "StoreFull", "open_store"]
