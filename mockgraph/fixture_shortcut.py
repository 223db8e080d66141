"""The fixtures' shortcut past pytest's fixture chain, for the tests that override none of it.

pytest sets up and tears down each function-scoped fixture of a test (~25-40 us each): ``mockgraph`` reached its
server through ``mockgraph_server`` and ``mockgraph_settings``, three fixtures a test and about 4x
pytest-httpserver's per-test cost (issue 12). Here the same settings, hence the same server or app, are worked
out directly wherever the default chain is the one in force; ``pytest_plugin`` falls back to the chain anywhere
else. It reads pytest's private fixture lookup (``request._fixturemanager``), guarded: any failure there means
"take the chain".
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from mockgraph.config import Settings

#: What ``mockgraph`` and ``mockgraph_client`` read, through the fixtures that compute it by default.
SERVER_CHAIN = frozenset({"mockgraph_server", "mockgraph_settings", "mockgraph_seed",
                           "mockgraph_accept_unknown_properties", "mockgraph_host", "mockgraph_port"})
APP_CHAIN = frozenset({"mockgraph_app", "mockgraph_settings", "mockgraph_seed", "mockgraph_accept_unknown_properties"})


class Shortcut:
    """What the default fixture chain gives, for tests that nothing overrides it for: built once, then looked up.

    Each function-scoped fixture costs pytest ~25-40 us a test to set up and tear down, so ``mockgraph`` and
    ``mockgraph_client`` do not depend on ``mockgraph_server``/``mockgraph_app`` and ``mockgraph_settings``. Where
    every fixture of the chain is this plugin's own and the test asks for none of them, the same settings (hence the
    same server or app) are computed here; anywhere else, or under a pytest whose private fixture lookup differs,
    the test takes the chain through ``getfixturevalue``. Overrides live in conftests, modules and classes, so they
    are looked up once per collector.
    """

    def __init__(self, *, seed: int, accept: bool, host: str, port: int, plugin: str,
                 finish: Callable[[Settings], Settings]):
        self.seed, self.accept, self.host, self.port = seed, accept, host, port
        self._plugin, self._finish = plugin, finish  # the plugin's module name; its last step on settings
        self._collectors: dict[tuple[Any, frozenset[str]], bool] = {}
        self._settings: dict[tuple, Settings] = {}
        from mockgraph.config import Settings

        names = [f"MOCKGRAPH_{f.name.upper()}" for f in dataclasses.fields(Settings)]
        # os.environ.get raises and catches a KeyError for each unset name (~1 us each): read the mapping behind it
        data, encode = getattr(os.environ, "_data", None), getattr(os.environ, "encodekey", None)
        if isinstance(data, dict) and encode is not None:
            self._environ, self._names = data, tuple(map(encode, names))
        else:
            self._environ, self._names = os.environ, tuple(names)

    def applies(self, request: pytest.FixtureRequest, chain: frozenset[str]) -> bool:
        """True when every fixture of ``chain`` is this plugin's own here and the test asks for none of them."""
        item = request.node
        names = getattr(item, "fixturenames", None)
        if names is None or not chain.isdisjoint(names):  # asked for, or parametrized, by the test itself
            return False
        key = (item.parent, chain)
        known = self._collectors.get(key)
        if known is None:
            try:
                found = [request._fixturemanager.getfixturedefs(name, item) for name in chain]
                known = all(defs and getattr(defs[-1].func, "__module__", None) == self._plugin for defs in found)
            except Exception:  # another pytest's private API: the general way is always right
                known = False
            self._collectors[key] = known
        return known

    def settings(self) -> Settings:
        """``_settings(mockgraph_settings)`` of the default chain; ``MOCKGRAPH_*`` are read each time (~1 us),
        so a test that sets one still gets the server for it, and ``Settings.from_env`` (~35 us) runs once."""
        key = tuple(map(self._environ.get, self._names))
        settings = self._settings.get(key)
        if settings is None:
            from mockgraph.config import Settings

            settings = self._settings[key] = self._finish(Settings.from_env(seed=self.seed,
                                                                            accept_unknown_properties=self.accept))
        return settings
