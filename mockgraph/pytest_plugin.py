"""pytest fixtures for mockgraph, registered through the ``pytest11`` entry point.

Kept cheap to import: pytest loads it in every run where mockgraph is installed, so the
server and Flask are imported only when a test asks for a fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mockgraph.server import MockGraphServer


@pytest.fixture(scope="session")
def mockgraph_server() -> Iterator[MockGraphServer]:
    """One mock Graph on a free loopback port for the whole session."""
    from mockgraph.server import MockGraphServer

    with MockGraphServer() as server:
        yield server


@pytest.fixture
def mockgraph(mockgraph_server: MockGraphServer) -> Iterator[MockGraphServer]:
    """The session's mock, reset before the test; a server-side exception fails the test."""
    mockgraph_server.reset()
    yield mockgraph_server
    mockgraph_server.check()
