"""The Pact endpoints under /_mockgraph/: ``POST /provider-states`` in, ``GET /pact`` (the recorded pact) out.

One job: the HTTP face of ``states.change`` and ``recorder.render``, as a blueprint the app registers
when the control endpoints are on. Apart from both because they also run without a request: the CLI
records pacts and pact-python's in-process verifier changes states by calling them directly.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, request

from mockgraph.config import CONTROL_PREFIX
from mockgraph.errors import GraphError
from mockgraph.headers import graph_json
from mockgraph.pacts.pactfile import SPECS
from mockgraph.payloads import read_body

bp = Blueprint("pacts", __name__, url_prefix=CONTROL_PREFIX.rstrip("/"))


@bp.post("/provider-states")
def provider_states() -> Response:
    """Pact's state-change call: ``{"state", "params", "action"}`` in the body (or the query string)."""
    from mockgraph.states import change  # the provider-state wing loads when a verifier first calls it

    mock = current_app.extensions["mockgraph"]
    raw = read_body()
    if raw.strip():
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise GraphError(400, "BadRequest", "The state change body must be JSON: "
                                                '{"state": ..., "params": {...}, "action": "setup"}.') from None
        if not isinstance(body, dict):
            raise GraphError(400, "BadRequest", "The state change body must be a JSON object.")
    else:  # --state-change-as-query: state, action and every other key as a param
        args = request.args.to_dict()
        body = {"state": args.pop("state", None), "action": args.pop("action", "setup"), "params": args}
    values = change(mock, body.get("state"), body.get("params"), body.get("action"))
    return graph_json(values, 200)


@bp.get("/pact")
def recorded_pact() -> Response:
    """The pact of the journal so far: ``GET /_mockgraph/pact?consumer=NAME[&spec=V3]``."""
    consumer = request.args.get("consumer", "").strip()
    spec = request.args.get("spec", "V4").upper()
    if not consumer:
        raise GraphError(400, "BadRequest", "Name the consumer: GET /_mockgraph/pact?consumer=NAME.")
    if spec not in SPECS:
        raise GraphError(400, "BadRequest", f"Unknown Pact specification {spec!r}: use V3 or V4.")
    try:
        import pact  # noqa: F401
    except ImportError:
        raise GraphError(501, "NotImplemented", "Recording a pact needs pact-python: "
                                                "pip install 'mockgraph[pact]'.") from None
    from mockgraph.pacts.recorder import render

    mock = current_app.extensions["mockgraph"]
    return graph_json(render(mock.store.journal(), consumer, spec, mock.operations), 200)
