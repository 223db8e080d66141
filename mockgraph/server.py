"""A mock Graph on a loopback port, in a thread of this process: for tests and scripts.

Modelled on pytest-httpserver: port 0 and the real port read back, a daemon thread, a journal
to assert on, and server-side exceptions handed back to the caller instead of hidden in a 500.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from werkzeug.serving import WSGIRequestHandler, make_server

from mockgraph.app import create_app, warm_up
from mockgraph.config import Settings
from mockgraph.errors import front_end_reply
from mockgraph.matchers import JournalAssertions


def reset_state(state: Any, seed: int | None = None) -> None:
    """Make a MockState fresh; generated values depend only on (seed, creation number), so a reseed is one field.

    The ``data`` file the mock was built with is loaded again: fresh means "as the mock started".
    """
    state.store.reset()
    state.failures.clear()
    state.fakes.seed = state.settings.seed if seed is None else seed
    if state.settings.data:
        from mockgraph.states import load_data

        load_data(state, state.settings.data)


class EntityHelpers:
    """Put entities in and read them back without the requests that make them: ``add`` and ``entities``."""

    def _mock_state(self) -> Any:
        raise NotImplementedError

    def add(self, collection: str, entity: dict[str, Any] | None = None, **properties: Any) -> dict:
        """Store an entity as the service holds it and return it: ``mockgraph.add("townhalls", {"displayName": …})``.

        ``collection`` is relative to /solutions/virtualEvents ("townhalls", "webinars/{id}/registrations") or a
        whole Graph path; child collections may be nested ("presenters": [...]). A bad entity raises GraphError
        naming the property.
        """
        from mockgraph.states import add

        return add(self._mock_state(), collection, {**(entity or {}), **properties})

    def entities(self, collection: str) -> list[dict]:
        """The entities stored in ``collection`` now (as ``add`` names it), oldest first."""
        from mockgraph.states import entities

        return entities(self._mock_state(), collection)

    def load(self, path: str) -> int:
        """Add every entity of a data file (as ``mockgraph serve --data``); returns how many it added at the top."""
        from mockgraph.states import load_data

        return load_data(self._mock_state(), path)

    def fail(self, method: str = "*", path: str | None = None, status: int | None = 429, **options: Any) -> dict:
        """Make matching requests fail as Graph does: ``mockgraph.fail("POST", "/solutions/virtualEvents/webinars",
        429, retry_after=1)``; options as ``mockgraph.faults.fail`` (times, every, probability, delay_ms, drop, ...)."""
        from mockgraph import faults

        return faults.fail(self._mock_state(), method, path, status, **options)

    def token(self, scopes: Any = None, roles: Any = None, **claims: Any) -> str:
        """A JWT issued at this mock's clock (HS256 with a published dummy key; signatures are never checked):
        ``mockgraph.token(["VirtualEvent.ReadWrite"], user="…")``; ``roles=[...]`` makes an application token."""
        from mockgraph import auth

        return auth.token_for(self._mock_state(), scopes, roles, **claims)


@functools.cache
def _warm_up_once() -> None:
    """Imports are per process, so the first server started pays for them, in the caller's thread."""
    warm_up(Settings())


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        """The journal records every request; a line per request in the test output is noise."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A request the HTTP server cannot parse gets Graph's envelope, as under ``mockgraph serve``."""
        self.log_error("code %d, message %s", code, message)
        self.close_connection = True
        self.wfile.write(front_end_reply({414: "url", 431: "headers"}.get(code, "malformed")))


class MockGraphServer(JournalAssertions, EntityHelpers):
    """``with MockGraphServer(seed=1) as graph: requests.post(graph.url + "/solutions/...")``.

    Keyword arguments are settings (see ``Settings``); exceptions inside the mock are kept for
    ``check()`` rather than only logged, because here the caller is a test that should see them.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, settings: Settings | None = None,
                 **config: Any):
        self.host = host
        self.port = port
        self.settings = settings or Settings.from_mapping({"propagate_exceptions": True, **config})
        self.app = create_app(self.settings)
        self.state = self.app.extensions["mockgraph"]
        self._server = None
        self._thread: threading.Thread | None = None

    def _mock_state(self) -> Any:
        return self.state

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def url(self) -> str:
        """The Graph base URL (ending in /v1.0) to give a client in place of graph.microsoft.com."""
        return self.base_url + "/v1.0"

    def start(self) -> MockGraphServer:
        if self._server is not None:
            raise RuntimeError("this MockGraphServer is already running")
        _warm_up_once()
        self._server = make_server(self.host, self.port, self.app, threaded=True,
                                   request_handler=QuietHandler)
        self.port = self._server.server_port
        # serve_forever looks for a shutdown request every poll_interval (0.5 s by default): stop() waited that long
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01},
                                        name="mockgraph", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        self._server = self._thread = None

    def __repr__(self) -> str:
        state = "running" if self.is_running else "stopped"
        return f"<MockGraphServer {self.url} seed={self.seed} {state}>"

    @property
    def is_running(self) -> bool:
        return self._server is not None

    def reset(self, seed: int | None = None) -> None:
        """Forget journal, counter, declared states and recorded failures: a fresh mock, same port.

        ``seed`` changes the seed until the next reset; without it the configured seed comes back.
        """
        reset_state(self.state, seed)

    @property
    def seed(self) -> int:
        """The seed generated values come from now (``reset(seed=...)`` may differ from settings.seed)."""
        return self.state.fakes.seed

    @property
    def failures(self) -> list[BaseException]:
        """Exceptions the mock hit since the last reset or check, oldest first."""
        return self.state.failures

    @property
    def requests(self) -> list[dict]:
        """The journal, oldest first: method, path, headers, json (or text), status, response."""
        return self.state.store.journal()

    def check(self) -> None:
        """Re-raise the first exception the server hit, so a mock bug fails the test that caused it."""
        if self.state.failures:
            failure = self.state.failures[0]
            self.state.failures.clear()
            raise failure

    def __enter__(self) -> MockGraphServer:
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()
        if exc_info[0] is None:
            self.check()
