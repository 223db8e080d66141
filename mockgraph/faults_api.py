"""The control endpoints of fault rules: POST, GET and DELETE /_mockgraph/faults (and DELETE …/faults/{id}).

One job: the HTTP face of ``fault_rules.py``, for tests in other languages and for curl. A blueprint of
its own so that ``faults.init_app`` registers it only when the control endpoints are on; a bad rule is a
400 in Graph's envelope naming the property (the message ``fault_rules.check_rule`` gives).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from mockgraph.config import CONTROL_PREFIX
from mockgraph.errors import GraphError
from mockgraph.fault_rules import RULES, add, clear, rules
from mockgraph.headers import graph_json

bp = Blueprint("faults", __name__, url_prefix=CONTROL_PREFIX + "faults")


@bp.post("")
def _post() -> Response:
    from mockgraph.payloads import parse_object

    settings = current_app.extensions["mockgraph"].settings
    raw = parse_object(request.get_data(cache=True), max_depth=settings.max_json_depth, type_name="fault rule")
    try:
        rule = add(current_app.extensions["mockgraph"].store, raw)
    except ValueError as exc:
        raise GraphError(400, "BadRequest", f"Invalid fault rule: {exc}.") from None
    return graph_json(rule, 201)


@bp.get("")
def _list() -> Response:
    found = rules(current_app.extensions["mockgraph"].store)
    return graph_json({"value": found, "count": len(found)}, 200)


@bp.delete("")
def _clear() -> Response:
    return graph_json({"deleted": clear(current_app.extensions["mockgraph"].store)}, 200)


@bp.delete("/<rule_id>")
def _delete(rule_id: str) -> Response:
    if not current_app.extensions["mockgraph"].store.delete(RULES, rule_id):
        raise GraphError(404, "itemNotFound", f"There is no fault rule {rule_id!r} (GET {CONTROL_PREFIX}faults "
                                              "lists them).")
    return Response(status=204)
