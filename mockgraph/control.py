"""The mock's own endpoints, under /_mockgraph/ where no Graph path can collide with them."""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, request

from mockgraph.config import CONTROL_PREFIX
from mockgraph.errors import GraphError
from mockgraph.headers import graph_json
from mockgraph.openapi import document

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
    return graph_json(document(server=request.host_url.rstrip("/")), 200)


@bp.get("/health")
def health() -> Response:
    from mockgraph import __version__

    state = _state()
    return graph_json({"status": "ok", "version": __version__, "seed": state.settings.seed,
                       "operations": [op.name for op in state.operations]}, 200)


@bp.post("/reset")
def reset() -> Response:
    """Forget the journal, the creation counter and declared states: the next create is number 1 again."""
    _state().store.reset()
    return graph_json({"status": "reset"}, 200)


@bp.get("/requests")
def requests() -> Response:
    entries = _state().store.journal()
    return graph_json({"value": entries, "count": len(entries),
                       "limit": _state().settings.journal_size}, 200)
