"""The mock's own endpoints, under /_mockgraph/ where no Graph path can collide with them."""

from __future__ import annotations

from flask import Blueprint, Response, current_app

from mockgraph.headers import graph_json

bp = Blueprint("control", __name__, url_prefix="/_mockgraph")


def _state():
    return current_app.extensions["mockgraph"]


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
