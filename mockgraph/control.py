"""The mock's own endpoints, under /_mockgraph/ where no Graph path can collide with them."""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, request

from mockgraph.config import CONTROL_PREFIX
from mockgraph.errors import GraphError
from mockgraph.headers import graph_json

bp = Blueprint("control", __name__, url_prefix=CONTROL_PREFIX.rstrip("/"))
TOKEN_HEADER = "X-MockGraph-Token"


def _state():
    return current_app.extensions["mockgraph"]


@bp.before_app_request
def _guard() -> None:
    """On a shared host, only callers holding the control token may reset or read the mock."""
    token = _state().settings.control_token
    if not token or not request.path.startswith(CONTROL_PREFIX):
        return
    sent = request.headers.get(TOKEN_HEADER, "")
    if not hmac.compare_digest(sent.encode("utf-8", "replace"), token.encode("utf-8")):
        raise GraphError(401, "Unauthorized", "The /_mockgraph/ endpoints of this mock need "
                                              f"its control token in the {TOKEN_HEADER} header.")


@bp.get("/openapi.json")
def openapi() -> Response:
    """The Graph operations this mock serves, as OpenAPI 3.1, with this server as the base URL."""
    from mockgraph.openapi import document  # its builders load on first use: not part of every start

    return graph_json(document(server=request.host_url.rstrip("/")), 200)


@bp.get("/health")
def health() -> Response:
    """200 with the store in use and ``reachable: true``; 503 serviceNotAvailable (Retry-After) if its server
    does not answer, which a load balancer's health check reads as this replica being out."""
    from mockgraph import __version__

    state = _state()
    served = [op for op in state.router_operations if op.served]
    store = state.store.describe()
    state.store.count("events")  # one read through the store: StoreUnavailable, answered 503, if it cannot
    return graph_json({"status": "ok", "version": __version__, "seed": state.settings.seed,
                       "store": {**store, "reachable": True},
                       "operations": [op.name for op in state.operations],
                       "served": len(served)}, 200)


@bp.post("/entities")
def entities() -> Response:
    """Put an entity where Graph would have made it: ``{"path": "/v1.0/solutions/…/attendanceReports", "entity": {…}}``.

    201 with the stored entity. Graph itself fills attendance reports and records; tests put them here.
    """
    from mockgraph.handlers import Call, put
    from mockgraph.payloads import parse_object

    state = _state()
    body = parse_object(request.get_data(cache=True), max_depth=state.settings.max_json_depth,
                        type_name="{path, entity}")
    path = body.get("path")
    if not isinstance(path, str) or not path.startswith("/"):
        raise GraphError(400, "BadRequest", "$.path: expected the Graph path of a collection, like "
                                            "/v1.0/solutions/virtualEvents/webinars/{id}/sessions/{id}/attendanceReports.")
    match = state.router.resolve("GET", path)
    if match.operation.kind != "list":
        raise GraphError(400, "BadRequest", f"$.path: '{path}' is not a collection.")
    call = Call(op=match.operation, params=match.params, version=match.version, state=state, body=None,
                args={}, url=request.base_url, host_url=request.host_url, include_unknown_enum_members=True)
    return graph_json(put(call, body.get("entity", {})), 201)


@bp.post("/reset")
def reset() -> Response:
    """Forget the journal, the creation counter and declared states: the next create is number 1 again.

    A ``data`` file the mock was started with is loaded again, so a reset means "as the mock started".
    """
    _state().store.reset()
    if _state().settings.data:
        from mockgraph.states import load_data

        load_data(_state(), _state().settings.data)
    return graph_json({"status": "reset"}, 200)


@bp.get("/requests")
def requests() -> Response:
    entries = _state().store.journal()
    return graph_json({"value": entries, "count": len(entries),
                       "limit": _state().settings.journal_size}, 200)
