"""An in-process client for a mock Graph: no socket, no thread, the same journal assertions."""

from __future__ import annotations

from flask.testing import FlaskClient

from mockgraph.matchers import JournalAssertions
from mockgraph.server import EntityHelpers, reset_state


class MockGraphClient(FlaskClient, JournalAssertions, EntityHelpers):
    """Flask's test client for a mockgraph app, with ``requests``, ``assert_called`` and ``check()``.

    Paths are given whole (``/v1.0/solutions/...``): there is no base URL without a server.
    """

    @property
    def _state(self):
        return self.application.extensions["mockgraph"]

    def _mock_state(self):
        return self._state

    @property
    def requests(self) -> list[dict]:
        return self._state.store.journal()

    @property
    def failures(self) -> list[BaseException]:
        return self._state.failures

    def reset(self, seed: int | None = None) -> None:
        """Forget journal, counter, states and failures; ``seed`` as in ``MockGraphServer.reset``."""
        reset_state(self._state, seed)

    def check(self) -> None:
        """Re-raise the first exception the app hit, as ``MockGraphServer.check`` does."""
        if self._state.failures:
            failure = self._state.failures[0]
            self._state.failures.clear()
            raise failure
