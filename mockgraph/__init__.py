"""mockgraph: a contract-testing mock of the Microsoft Graph virtual events API.

Imports stay lazy so that the pytest plugin, loaded in every pytest run, costs next to nothing.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["MockGraphServer", "Settings", "__version__", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from mockgraph.app import create_app

        return create_app
    if name == "Settings":
        from mockgraph.config import Settings

        return Settings
    if name == "MockGraphServer":
        from mockgraph.server import MockGraphServer

        return MockGraphServer
    raise AttributeError(f"module 'mockgraph' has no attribute {name!r}")
