"""pytest fixtures for mockgraph, registered through the ``pytest11`` entry point.

pytest imports this module in every run where mockgraph is installed, so it imports nothing
but pytest and the standard library: Flask, Faker and jsonschema load when a test first asks
for a fixture. Each setting is read, first found wins, from a conftest override of its
fixture, the command line (``--mockgraph-seed``), a ``MOCKGRAPH_*`` variable, then the ini file.

A conftest may override the settings for its folder only, so the servers and apps are kept in
session caches keyed by the settings a test resolves to: one per distinct value, started the
first time a test needs it. A session-scoped server would be built from whichever folder's
settings came first and then shared by every other folder.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import pytest

from mockgraph.config import parse_bool, parse_int
from mockgraph.fixture_shortcut import APP_CHAIN, SERVER_CHAIN, Shortcut

if TYPE_CHECKING:
    from flask import Flask

    from mockgraph.client import MockGraphClient
    from mockgraph.config import Settings
    from mockgraph.server import MockGraphServer

# name -> (type, help); each becomes --mockgraph-NAME, ini mockgraph_NAME and MOCKGRAPH_NAME.
OPTIONS: dict[str, tuple[Callable[[str], Any], str]] = {
    "seed": (parse_int, "seed for generated ids and URLs (default 0)"),
    "accept_unknown_properties": (parse_bool, "accept properties the contract does not declare (default false)"),
    "host": (str, "address the session's mock binds (default 127.0.0.1)"),
    "port": (parse_int, "port the session's mock binds (default 0: a free one)"),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mockgraph", "mockgraph: a mock Microsoft Graph")
    for name, (kind, text) in OPTIONS.items():
        flag = "--mockgraph-" + name.replace("_", "-")
        if kind is parse_bool:
            group.addoption(flag, dest=f"mockgraph_{name}", action="store_const", const="true", help=text)
        else:
            group.addoption(flag, dest=f"mockgraph_{name}", metavar=name.upper(), help=text)
        parser.addini(f"mockgraph_{name}", text)


_VALUES = pytest.StashKey[dict[str, Any]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "mockgraph(seed=N): run this test's mock with another seed (mockgraph and mockgraph_client); "
        "other settings go in a conftest mockgraph_settings override")
    # Read every option now: a bad value is a usage error before any test runs, not an error in each.
    config.stash[_VALUES] = {name: _read(config, name) for name in OPTIONS}


def option(config: pytest.Config, name: str, default: Any) -> Any:
    """The setting ``name`` from the command line, then MOCKGRAPH_NAME, then the ini file, else ``default``."""
    value = config.stash[_VALUES][name] if _VALUES in config.stash else _read(config, name)
    return default if value is None else value


def _read(config: pytest.Config, name: str) -> Any:
    sources = [
        (f"--mockgraph-{name.replace('_', '-')}", config.getoption(f"mockgraph_{name}")),
        (f"MOCKGRAPH_{name.upper()}", os.environ.get(f"MOCKGRAPH_{name.upper()}")),
        (f"ini mockgraph_{name}", config.getini(f"mockgraph_{name}")),
    ]
    for source, raw in sources:
        if raw not in (None, ""):
            try:
                return OPTIONS[name][0](raw)
            except ValueError as exc:
                raise pytest.UsageError(f"mockgraph: {source}: {exc}") from None
    return None


@pytest.fixture(scope="session")
def mockgraph_seed(pytestconfig: pytest.Config) -> int:
    """The seed of generated values; override in a conftest (session scope) to pin it in code."""
    return option(pytestconfig, "seed", 0)


@pytest.fixture(scope="session")
def mockgraph_accept_unknown_properties(pytestconfig: pytest.Config) -> bool:
    """Strictness: False (default) answers 400 to a property the contract does not declare."""
    return option(pytestconfig, "accept_unknown_properties", False)


@pytest.fixture(scope="session")
def mockgraph_host(pytestconfig: pytest.Config) -> str:
    return option(pytestconfig, "host", "127.0.0.1")


@pytest.fixture(scope="session")
def mockgraph_port(pytestconfig: pytest.Config) -> int:
    return option(pytestconfig, "port", 0)


@pytest.fixture
def mockgraph_settings(mockgraph_seed: int, mockgraph_accept_unknown_properties: bool) -> Settings | Mapping:
    """All settings: the fixtures above over the other ``MOCKGRAPH_*`` variables. Override to pass your own.

    Function scope, so an override of ``mockgraph_seed`` in one folder's conftest reaches that folder's
    tests only; a user's override may be session-scoped (it is read once per folder).
    """
    from mockgraph.config import Settings

    return Settings.from_env(seed=mockgraph_seed, accept_unknown_properties=mockgraph_accept_unknown_properties)


def _settings(value: Settings | Mapping) -> Settings:
    from mockgraph.config import Settings

    settings = value if isinstance(value, Settings) else Settings.from_mapping(value)
    # The fixtures exist to fail the test that made the mock fail, so they always keep exceptions.
    return settings.replace(propagate_exceptions=True)


class MockGraphServers:
    """The session's servers, one per (settings, host, port), each started when a test first needs it."""

    def __init__(self) -> None:
        self._servers: dict[tuple[Settings, str, int], MockGraphServer] = {}

    def get(self, settings: Settings, host: str = "127.0.0.1", port: int = 0) -> MockGraphServer:
        """The running server for these settings, started now if no test has asked for them yet."""
        key = (settings, host, port)
        server = self._servers.get(key)
        if server is not None:
            return server
        from mockgraph.server import MockGraphServer

        if port and any((h, p) == (host, port) for _, h, p in self._servers):
            pytest.fail(f"mockgraph: port {port} (mockgraph_port) already serves the mock of other tests, "
                        "which have other mockgraph_settings; a fixed port holds one server, so set "
                        "mockgraph_port to 0 (a free port for each settings value) or give these tests "
                        "the same settings", pytrace=False)
        server = self._servers[key] = MockGraphServer(host=host, port=port, settings=settings).start()
        return server

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()
        self._servers.clear()


@pytest.fixture(scope="session")
def mockgraph_servers() -> Iterator[MockGraphServers]:
    """Every server of this session, keyed by settings; all stopped when the session ends."""
    servers = MockGraphServers()
    yield servers
    servers.stop()


@pytest.fixture
def mockgraph_server(mockgraph_servers: MockGraphServers, mockgraph_settings: Settings | Mapping,
                     mockgraph_host: str, mockgraph_port: int) -> MockGraphServer:
    """The mock Graph for this test's settings, on a free loopback port, shared by every test with the same ones.

    ``mockgraph`` resets it per test. It is started by the first test that needs it and lives until the session ends.
    """
    return mockgraph_servers.get(_settings(mockgraph_settings), mockgraph_host, mockgraph_port)


#: The one setting a test can change on a shared server: reset(seed=...) applies it and the next reset undoes it.
PER_TEST_SETTINGS = ("seed",)


def marker_seed(item: pytest.Item) -> int | None:
    """The seed of this test's ``@pytest.mark.mockgraph(seed=N)``; anything else it carries is a usage error."""
    marker = item.get_closest_marker("mockgraph")
    if marker is None:
        return None
    from mockgraph.config import Settings

    usage = "@pytest.mark.mockgraph takes seed=N only"
    if marker.args:
        pytest.fail(f"{usage}, as a keyword; got the positional argument(s) "
                    f"{', '.join(map(repr, marker.args))}", pytrace=False)
    known = {f.name for f in dataclasses.fields(Settings)}
    for name in marker.kwargs:
        if name not in known:
            pytest.fail(f"{usage}: {name!r} is not a mockgraph setting", pytrace=False)
        if name not in PER_TEST_SETTINGS:
            pytest.fail(f"{usage}: the setting {name!r} cannot be applied to one test, because tests share a "
                        f"server and only the seed is restored by a reset; override mockgraph_settings in a "
                        f"conftest.py beside this test instead (its tests get a server of their own)",
                        pytrace=False)
    seed = marker.kwargs.get("seed")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        pytest.fail(f"{usage}: seed must be an integer, got {seed!r}", pytrace=False)
    return seed


_SEED = pytest.StashKey["int | None"]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Check the marker before any fixture is set up, and also on tests that use no mockgraph fixture."""
    item.stash[_SEED] = marker_seed(item)


def _seed(item: pytest.Item) -> int | None:
    """The marker's seed, read once per test by the hook above."""
    return item.stash[_SEED] if _SEED in item.stash else marker_seed(item)


_SHORTCUT = pytest.StashKey[Shortcut]()


def _shortcut(request: pytest.FixtureRequest, chain: frozenset[str]) -> Shortcut | None:
    shortcut = request.config.stash.get(_SHORTCUT, None)
    if shortcut is None:
        config = request.config
        shortcut = config.stash[_SHORTCUT] = Shortcut(
            seed=option(config, "seed", 0), accept=option(config, "accept_unknown_properties", False),
            host=option(config, "host", "127.0.0.1"), port=option(config, "port", 0), plugin=__name__,
            finish=_settings)
    return shortcut if shortcut.applies(request, chain) else None


@pytest.fixture
def mockgraph(mockgraph_servers: MockGraphServers, request: pytest.FixtureRequest) -> Iterator[MockGraphServer]:
    """The mock for this test's settings, fresh: ``.url`` ends in /v1.0, ``.requests`` holds this test's requests.

    It is ``mockgraph_server``, reset; ``Shortcut`` says why it does not name that fixture as a dependency.
    """
    shortcut = _shortcut(request, SERVER_CHAIN)
    if shortcut is not None:
        server = mockgraph_servers.get(shortcut.settings(), shortcut.host, shortcut.port)
    else:
        server = request.getfixturevalue("mockgraph_server")
    server.reset(seed=_seed(request.node))
    yield server
    server.check()


@pytest.fixture(scope="session")
def _mockgraph_apps() -> dict[Settings, Flask]:
    """The in-process apps of this session, one per settings value, each built when first needed."""
    return {}


@pytest.fixture
def mockgraph_app(_mockgraph_apps: dict[Settings, Flask], mockgraph_settings: Settings | Mapping) -> Flask:
    """The mock as a Flask app in this process, built once per session for each settings value."""
    return _app(_mockgraph_apps, _settings(mockgraph_settings))


def _app(apps: dict[Settings, Flask], settings: Settings) -> Flask:
    if settings not in apps:
        from mockgraph.app import create_app
        from mockgraph.client import MockGraphClient

        app = create_app(settings)
        app.test_client_class = MockGraphClient
        apps[settings] = app
    return apps[settings]


@pytest.fixture
def mockgraph_client(_mockgraph_apps: dict[Settings, Flask], request: pytest.FixtureRequest
                     ) -> Iterator[MockGraphClient]:
    """Flask's test client for a fresh in-process mock: no socket, same journal and assertions.

    Its app is ``mockgraph_app``'s, found the way ``mockgraph`` finds its server.
    """
    shortcut = _shortcut(request, APP_CHAIN)
    if shortcut is not None:
        app = _app(_mockgraph_apps, shortcut.settings())
    else:
        app = request.getfixturevalue("mockgraph_app")
    client = app.test_client()
    client.reset(seed=_seed(request.node))
    yield client
    client.check()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail the test itself, not its teardown, when the mock raised while serving it."""
    try:
        result = yield
    except BaseException:
        _raise_mock_failure(item)  # raised here, the test's own error is shown as its context
        raise
    _raise_mock_failure(item)
    return result


def _raise_mock_failure(item: pytest.Item) -> None:
    funcargs = getattr(item, "funcargs", None) or {}
    for name in ("mockgraph", "mockgraph_server", "mockgraph_client"):
        mock = funcargs.get(name)
        if not getattr(mock, "failures", None):  # absent, or a user's own fixture of that name
            continue
        failures = list(mock.failures)
        mock.failures.clear()
        first = failures[0]
        served = [f"{e['method']} {e['path']}" for e in mock.requests if e["status"] >= 500]
        first.add_note(f"mockgraph raised this while serving {', '.join(served) or 'a request'} "
                       f"and answered 500 generalException ({len(failures)} exception(s) in this test). "
                       "It is a bug in the mock or in code a test registered with it.")
        __tracebackhide__ = True
        raise first
