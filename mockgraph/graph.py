"""The Graph-facing side: auth, one view per operation in contracts/operations.json, the journal.

Views are thin: read the body, check it against the contract, build the reply, respond.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

from flask import Blueprint, Flask, Response, current_app, g, request
from werkzeug.exceptions import ClientDisconnected

from mockgraph.config import CONTROL_PREFIX
from mockgraph.contracts import Operation
from mockgraph.errors import GraphError
from mockgraph.headers import graph_json
from mockgraph.payloads import check_content_type, parse_object, read_body
from mockgraph.replies import Reply

JOURNAL_BODY_BYTES = 64 * 1024
_CHALLENGE = ('Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", '
              'client_id="00000003-0000-0000-c000-000000000000"')


def blueprint(operations: list[Operation]) -> Blueprint:
    bp = Blueprint("graph", __name__)
    for op in operations:
        bp.add_url_rule(op.rule, endpoint=op.name, view_func=_view(op, Reply(op)), methods=[op.method])
    bp.before_app_request(_authenticate)
    bp.after_app_request(_record)
    return bp


def _view(op: Operation, reply: Reply):
    def view(**params: str) -> Response:
        state = current_app.extensions["mockgraph"]
        check_content_type(request.headers.get("Content-Type"))
        body = parse_object(read_body(), max_depth=state.settings.max_json_depth, type_name=op.type_name)
        g.request_json = body
        op.check(body)
        parent = params[op.parent]
        if state.store.event_absent(parent):
            raise GraphError(404, "itemNotFound", f"The virtual event '{parent}' was not found.")
        generated = state.fakes.generate(state.store.next_creation(), reply.recipes)
        prefer = request.headers.get("Prefer", "")
        entity = reply.build(body, generated, params, "include-unknown-enum-members" in prefer)
        where = {k: quote(v, safe="@") for k, v in params.items()}
        location = request.host_url + reply.location.format(**where, id=quote(entity["id"], safe="@"))
        return graph_json(entity, op.status, {"Location": location})

    view.__name__ = op.name
    return view


def _is_graph_path() -> bool:
    return not request.path.startswith(CONTROL_PREFIX)


def _authenticate() -> None:
    """Graph checks the token before anything else; mockgraph checks only that there is one."""
    if not _is_graph_path() or not current_app.extensions["mockgraph"].settings.require_auth:
        return
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.strip().partition(" ")
    headers = {"WWW-Authenticate": _CHALLENGE}
    if not header.strip() or (scheme.lower() == "bearer" and not token.strip()):
        raise GraphError(401, "InvalidAuthenticationToken", "Access token is empty.", headers)
    if scheme.lower() != "bearer":
        raise GraphError(401, "InvalidAuthenticationToken",
                         "Access token validation failure: the Authorization header must be 'Bearer {token}'.",
                         headers)


def _redact(headers) -> dict[str, str]:
    out = {}
    for name, value in headers.items():
        if name.lower() == "authorization":
            scheme = value.split(" ", 1)[0]
            value = f"{scheme} [redacted]" if " " in value else "[redacted]"
        out[name] = value
    return out


def _record(response: Response) -> Response:
    """Journal every Graph request, good or bad, so a test can assert on what its code sent."""
    if not _is_graph_path():
        return response
    entry = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "method": request.method,
        "path": request.path,
        "query": request.query_string.decode("latin-1"),
        "headers": _redact(request.headers),
        "status": response.status_code,
        "requestId": g.get("request_id"),
        "response": g.get("reply_body"),
    }
    if (response.content_length or 0) > JOURNAL_BODY_BYTES:
        # The client got the whole echo of its huge body; the journal keeps bounded entries.
        entry["response"], entry["responseTruncated"] = None, True
    try:
        raw = request.get_data(cache=True) if _body_is_readable() else b""
    except ClientDisconnected:  # the body stopped short (client silent or gone); the view answered already
        raw = b""
    if "request_json" in g and len(raw) <= JOURNAL_BODY_BYTES:
        entry["json"] = g.request_json
    else:
        entry["text"] = raw[:JOURNAL_BODY_BYTES].decode("utf-8", "replace")
        entry["truncated"] = len(raw) > JOURNAL_BODY_BYTES
    current_app.extensions["mockgraph"].store.record(entry)
    return response


def _body_is_readable() -> bool:
    # A body over the limit (or of unknown length) stays unread: reading it here would fail again.
    return request.content_length is not None and request.content_length <= current_app.config["MAX_CONTENT_LENGTH"]


def install(app: Flask, operations: list[Operation]) -> None:
    app.register_blueprint(blueprint(operations))
