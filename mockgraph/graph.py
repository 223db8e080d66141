"""The Graph-facing side: auth, one view for every Graph path, the journal.

The view is thin: resolve the path (routing.py), read and parse the body where the operation takes one,
then hand the call to its kind's handler (handlers.py).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from urllib.parse import quote

from flask import Blueprint, Flask, Response, current_app, g, request
from werkzeug.exceptions import ClientDisconnected

from mockgraph import auth
from mockgraph.config import CONTROL_PREFIX
from mockgraph.errors import GraphError
from mockgraph.handlers import HANDLERS, Call
from mockgraph.payloads import check_content_type, parse_object, read_body
from mockgraph.stores import StoreUnavailable

JOURNAL_BODY_BYTES = 64 * 1024
log = logging.getLogger("mockgraph")


def blueprint() -> Blueprint:
    """One view for every Graph path: the router, not Werkzeug's, decides what a path means."""
    bp = Blueprint("graph", __name__)
    methods = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"]
    bp.add_url_rule("/", endpoint="graph", view_func=_view, methods=methods, defaults={"rest": ""})
    bp.add_url_rule("/<path:rest>", endpoint="graph", view_func=_view, methods=methods)
    bp.before_app_request(_authenticate)
    bp.after_app_request(_record)
    return bp


_BODY_KINDS = {"create", "update"}


def _view(rest: str) -> Response:
    if request.path.startswith(CONTROL_PREFIX):
        raise GraphError(404, "itemNotFound", f"mockgraph has no control endpoint {request.method} {request.path}.")
    state = current_app.extensions["mockgraph"]
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or quote(request.path)
    match = state.router.resolve(request.method, raw)
    op = match.operation
    if not op.served:
        raise GraphError(501, "NotImplemented", f"Microsoft Graph has {op.method} /{match.version}{op.path}, but "
                                                f"mockgraph does not serve it ({op.why}).")
    body = None
    if op.kind in _BODY_KINDS or (op.kind == "action" and _has_body()):
        check_content_type(request.headers.get("Content-Type"))
        type_name = f"microsoft.graph.{op.target.type}" if op.kind != "action" else f"{op.tail} parameters"
        body = parse_object(read_body(), max_depth=state.settings.max_json_depth, type_name=type_name)
        g.request_json = body
    call = Call(op=op, params=match.params, version=match.version, state=state, body=body, args=request.args,
                url=request.base_url, host_url=request.host_url,
                include_unknown_enum_members="include-unknown-enum-members" in request.headers.get("Prefer", ""),
                now=state.now())
    return HANDLERS[op.kind](call)


def _has_body() -> bool:
    return bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "").lower()


def _is_graph_path() -> bool:
    return not request.path.startswith(CONTROL_PREFIX)


def _authenticate() -> None:
    """Graph checks the token before anything else (auth.py: 401 for a bad token, 403 without the permission)."""
    auth.authenticate()


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
    if g.get("error_details"):
        entry["errors"] = g.error_details
    if g.get("injected_fault"):
        entry["injected"] = g.injected_fault
    if g.get("batch_item"):
        entry["batch"] = g.batch_item
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
    try:
        current_app.extensions["mockgraph"].store.record(entry)
    except StoreUnavailable:  # the client already has its answer (a 503 if the store was down for it too)
        log.warning("journal entry dropped: the store is unavailable (request-id %s)", entry["requestId"])
    return response


def _body_is_readable() -> bool:
    # A body over the limit (or of unknown length) stays unread: reading it here would fail again.
    return request.content_length is not None and request.content_length <= current_app.config["MAX_CONTENT_LENGTH"]


def install(app: Flask) -> None:
    app.url_map.merge_slashes = False  # "//" is the router's to judge, not a redirect of Werkzeug's
    app.register_blueprint(blueprint())
