"""The application factory: everything a mock needs is built here, once, from its settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Flask

from mockgraph import control, errors, graph, headers, pacts
from mockgraph.config import Settings
from mockgraph.contracts import Operation, load_operations
from mockgraph.fakes import Fakes
from mockgraph.store import Store, open_store


@dataclass
class MockState:
    """What the views share, kept on ``app.extensions["mockgraph"]``."""

    settings: Settings
    store: Store
    fakes: Fakes
    operations: list[Operation]
    failures: list[BaseException] = field(default_factory=list)


def create_app(config: Settings | Mapping[str, Any] | None = None, *, store: Store | None = None) -> Flask:
    """Build a mock Graph: contracts loaded, validators compiled, handlers installed."""
    settings = config if isinstance(config, Settings) else Settings.from_mapping(config)
    app = Flask("mockgraph")
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    operations = load_operations(accept_unknown_properties=settings.accept_unknown_properties)
    app.extensions["mockgraph"] = MockState(
        settings=settings,
        store=store or open_store(settings.store_path, settings.journal_size),
        fakes=Fakes(settings.seed),
        operations=operations,
    )
    headers.install(app)
    errors.register(app)
    graph.install(app, operations)
    if settings.control:
        app.register_blueprint(control.bp)
        app.register_blueprint(pacts.bp)  # provider states in, recorded pacts out
    return app


def warm_up(settings: Settings) -> None:
    """Answer each documented example once on a scratch app, in the calling thread.

    Every module a request may import lazily (Faker, jsonschema's error path, the Pact recorder)
    is then imported before any server thread runs, so no two threads compile at once: CPython
    3.11 can fail with "AST constructor recursion depth mismatch" when they do, and under pytest
    every plugin's modules (Faker's and mockgraph's among them) are compiled by its assertion
    rewriter. Served workers also fork with nothing left to import, so first requests are fast.
    """
    import mockgraph.recording  # noqa: F401 - used by GET /_mockgraph/pact

    scratch = create_app(settings.replace(store_path=None, journal_size=0, propagate_exceptions=False))
    client = scratch.test_client()
    for op in scratch.extensions["mockgraph"].operations:
        path = op.concrete_path(op.versions[0], **{op.parent: "warm-up"})
        for example in op.examples:
            if example.role == "request":
                client.open(path, method=op.method, json=example.body, headers={"Authorization": "Bearer warm-up"})
