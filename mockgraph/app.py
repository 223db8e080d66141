"""The application factory: everything a mock needs is built here, once, from its settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

from flask import Flask
from flask.ctx import RequestContext
from werkzeug.routing import Rule

from mockgraph import batch, control, errors, faults, graph, headers
from mockgraph.config import Settings, parse_instant
from mockgraph.contracts import Operation, load_operations
from mockgraph.entities import Kind, load_kinds
from mockgraph.fakes import Fakes
from mockgraph.model import operations as graph_operations
from mockgraph.routing import Router
from mockgraph.stores import Store, open_store


@dataclass
class MockState:
    """What the views share, kept on ``app.extensions["mockgraph"]``."""

    settings: Settings
    store: Store
    fakes: Fakes
    #: the documented operations Pact and the OpenAPI document describe (create session today)
    operations: list[Operation]
    router: Router
    kinds: Mapping[str, Kind]
    failures: list[BaseException] = field(default_factory=list)
    #: a plain list's items as JSON text, by (stored form, list type, Prefer's flag, $select): handlers.list_
    listed: dict[tuple, str] = field(default_factory=dict)

    @property
    def router_operations(self):
        from mockgraph.model import operations

        return operations()

    @property
    def application_id(self) -> str:
        """The calling application's id, as setExternalEventInformation records it (tokens are not read)."""
        return "00000000-0000-4000-8000-" + f"{self.settings.seed:012d}"[-12:]

    def now(self) -> str:
        """The service's clock: the ``clock`` setting if a test pinned it, else the wall clock (UTC, Graph's form)."""
        if self.settings.clock:
            return self.settings.clock
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def create_app(config: Settings | Mapping[str, Any] | None = None, *, store: Store | None = None) -> Flask:
    """Build a mock Graph: contracts loaded, validators compiled, handlers installed."""
    settings = config if isinstance(config, Settings) else Settings.from_mapping(config)
    _check_clock(settings.clock)
    app = _Flask("mockgraph", static_folder=None)  # Graph serves no /static/ files (nor Flask's route for them)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    operations = load_operations(accept_unknown_properties=settings.accept_unknown_properties)
    app.extensions["mockgraph"] = MockState(
        settings=settings,
        store=store or open_store(settings.store_url, settings.journal_size, settings.max_entities),
        fakes=Fakes(settings.seed),
        operations=operations,
        router=_router(),
        kinds=load_kinds(open_types=settings.accept_unknown_properties),
    )
    headers.install(app)
    errors.register(app)
    graph.install(app)
    if settings.control:
        app.register_blueprint(control.bp)
        from mockgraph.pacts.views import bp as pacts  # the rest of the Pact wing loads on first use

        app.register_blueprint(pacts)  # provider states in, recorded pacts out
    faults.init_app(app)  # after graph.install: the token is checked before any fault
    batch.init_app(app)
    state = app.extensions["mockgraph"]
    if settings.data and not (settings.store_path and state.store.count("events")):
        from mockgraph.states import load_data  # a shared store already filled (another worker, a restart) keeps it

        load_data(state, settings.data)
    return app


class _Rule(Rule):
    """A URL rule whose ``url_for`` builder is compiled when first used, not when the rule is added.

    Werkzeug compiles two builders a rule through ``ast`` (~0.35 ms a rule, ~5 ms of every create_app), and
    mockgraph builds no URL from its rules: it answers Graph's paths, it does not link to its own views.
    """

    def _compile_builder(self, append_unknown: bool = True) -> Any:
        compiled: list[Any] = []

        def build(rule: Rule, *args: Any, **kwargs: Any) -> Any:
            if not compiled:
                compiled.append(Rule._compile_builder(rule, append_unknown))
            return compiled[0](rule, *args, **kwargs)

        return build


class _Context(RequestContext):
    """A Graph path matched to graph's one view without Werkzeug's matcher, which would walk its state machine
    segment by segment to reach the same ``/<path:rest>`` rule: about 6% of a get.

    Only where no other rule can take the request: a path of more segments than any other rule has (every
    Graph path of the family has four or more; ``$batch`` has two, the control endpoints three), by a method
    the rule allows. Everything else (``/v1.0/$batch``, ``/_mockgraph/...``, a method the rule does not allow,
    which Werkzeug answers 405) is matched by Werkzeug, as Flask does it.
    """

    def match_request(self) -> None:
        rule, beyond = self.app.graph_rule
        req = self.request
        if rule is not None and req.path.count("/") > beyond and req.method in rule.methods:
            req.url_rule, req.view_args = rule, {"rest": req.path[1:]}
        else:
            super().match_request()


class _Flask(Flask):
    """Flask with lazily built URL builders (``_Rule``), ``ensure_sync`` answered once per function, and Graph
    paths matched to their view directly (``_Context``).

    Flask asks ``inspect`` whether each hook and view is a coroutine function on every call of it: seven hooks
    and a view, about 12 µs of every request. A function's answer does not change, so it is kept.
    """

    url_rule_class = _Rule

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._synced: dict[Any, Any] = {}
        self._graph_rule: tuple[Rule | None, int] | None = None

    @property
    def graph_rule(self) -> tuple[Rule | None, int]:
        """(graph's ``/<path:rest>`` rule, the most "/" a path of any other rule holds), found on first use: the URL
        map is complete by the first request. No rule (None) where another rule's path converter spans "/"."""
        if self._graph_rule is None:
            rule = next((r for r in self.url_map.iter_rules("graph.graph") if r.rule == "/<path:rest>"), None)
            others = [r.rule for r in self.url_map.iter_rules() if r is not rule]
            if any("<path:" in other for other in others):
                rule = None
            self._graph_rule = (rule, max((other.count("/") for other in others), default=0))
        return self._graph_rule

    def request_context(self, environ: dict) -> RequestContext:
        return _Context(self, environ)

    def ensure_sync(self, func: Any) -> Any:
        synced = self._synced.get(func)
        if synced is None:
            synced = super().ensure_sync(func)
            if len(self._synced) < 256:  # hooks and views; not what a request registers for itself (after_this_request)
                self._synced[func] = synced
        return synced


def _check_clock(clock: str | None) -> None:
    """A pinned clock must be an instant: every time the service sets, and every error's date, is read from it."""
    if not clock:
        return
    try:
        parse_instant(clock)
    except ValueError:
        raise ValueError(f"clock {clock!r} is not an ISO 8601 instant (like 2026-01-01T09:00:00Z)") from None


@cache
def _router() -> Router:
    """Every Graph path compiled once per process (read-only once built): a scratch app or a fixture's reuses it."""
    return Router(graph_operations())


def warm_up(settings: Settings) -> None:
    """Answer each documented example once on a scratch app, in the calling thread (the pytest fixture's start).

    Every module a request may import lazily (Faker, jsonschema and refusals.py on a refusal, the OData query
    options, the Pact recorder) is then imported before any server thread runs. Under pytest every plugin's
    modules (mockgraph's among them) are compiled by its assertion rewriter, through ``ast``, and CPython 3.11
    can fail with "AST constructor recursion depth mismatch" when two threads do that at once: a test
    importing a module while a server thread imports one. (The contracts' generated checks are loaded past
    import hooks: accept.py.) ``mockgraph serve`` does not warm up: plain imports do not go through ``ast``,
    the contracts' checks are made one at a time under a lock (contracts.accepts), and its launch to a first
    201 is measured (the first request pays what it uses).
    Werkzeug's client rather than Flask's: ``flask.testing`` (and click's) would be imported for this alone.
    """
    from werkzeug.test import Client

    import mockgraph.odata  # used by the first get, list or count
    import mockgraph.pacts.recorder  # noqa: F401 - used by GET /_mockgraph/pact

    scratch = create_app(settings.replace(store=None, store_path=None, journal_size=0, propagate_exceptions=False))
    client = Client(scratch)
    for op in scratch.extensions["mockgraph"].operations:
        path = op.concrete_path(op.versions[0], **{op.parent: "warm-up"})
        for example in op.examples:
            if example.role == "request":
                client.open(path, method=op.method, json=example.body, headers={"Authorization": "Bearer warm-up"})
