"""The Graph-facing side: auth, one view for every Graph path, the journal.

The view is thin: resolve the path (routing.py), read and parse the body where the operation takes one,
then hand the call to its kind's handler (handlers.py).
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from functools import lru_cache
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
    req = request._get_current_object()  # each pass through Flask's context proxy costs ~0.5 µs
    if req.path.startswith(CONTROL_PREFIX):
        raise GraphError(404, "itemNotFound", f"mockgraph has no control endpoint {req.method} {req.path}.")
    state = current_app.extensions["mockgraph"]
    environ = req.environ
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or quote(req.path)
    match = state.router.resolve(req.method, raw)
    op = match.operation
    if not op.served:
        raise GraphError(501, "NotImplemented", f"Microsoft Graph has {op.method} /{match.version}{op.path}, but "
                                                f"mockgraph does not serve it ({op.why}).")
    body = None
    if op.kind in _BODY_KINDS or (op.kind == "action" and _has_body()):
        check_content_type(req.headers.get("Content-Type"))
        type_name = f"microsoft.graph.{op.target.type}" if op.kind != "action" else f"{op.tail} parameters"
        body = parse_object(read_body(), max_depth=state.settings.max_json_depth, type_name=type_name)
        g.request_json = body
    url, host_url = _urls(req)
    call = Call(op=op, params=match.params, version=match.version, state=state, body=body, args=req.args,
                url=url, host_url=host_url,
                include_unknown_enum_members="include-unknown-enum-members" in environ.get("HTTP_PREFER", ""))
    return HANDLERS[op.kind](call)


#: A host Werkzeug's IRI step leaves alone: lower-case ASCII labels, no punycode (checked apart), a port it accepts.
_PLAIN_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::([1-9][0-9]{0,4}))?")
#: Path characters Werkzeug's ``quote`` keeps as they are, without "%" (which its IRI step would decode).
_PLAIN_PATH = re.compile(r"[A-Za-z0-9._~!$&'()*+,/:;=@-]*")


def _urls(req) -> tuple[str, str]:
    """``(request.base_url, request.host_url)``, joined from the request's parts where Werkzeug would change none.

    Werkzeug quotes the path and turns the URL into an IRI (``uri_to_iri``: a split, unquoting, IDNA): about
    20 µs a request, 3-5% of a create or get, for a URL that is plain ASCII in all but odd requests. Those odd
    ones (a "%" or non-ASCII in the path, an upper-case, punycode or IPv6 host) still take Werkzeug's way.
    """
    host, scheme, root, path = req.host, req.scheme, req.root_path, req.path
    plain = _PLAIN_HOST.fullmatch(host)
    if (plain and "xn--" not in host and int(plain.group(1) or 0) <= 65535 and scheme in ("http", "https")
            and _PLAIN_PATH.fullmatch(root) and _PLAIN_PATH.fullmatch(path)):
        return f"{scheme}://{host}{root}/{path.lstrip('/')}", f"{scheme}://{host}/"
    return req.base_url, req.host_url


def _has_body() -> bool:
    return bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "").lower()


def _authenticate() -> None:
    """Graph checks the token before anything else (auth.py: 401 for a bad token, 403 without the permission)."""
    auth.authenticate()


@lru_cache(maxsize=1024)
def _header_name(key: str) -> str | None:
    """The name Werkzeug's ``request.headers`` gives an environ key (``HTTP_USER_AGENT`` -> ``User-Agent``), or None."""
    if key.startswith("HTTP_") and key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
        return key[5:].replace("_", "-").title()
    if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        return key.replace("_", "-").title()
    return None


def _redact(environ: dict) -> dict[str, str]:
    """``request.headers`` as a dict, in the same order, the token's value hidden.

    Read from the environ with each name worked out once per process: Werkzeug's header view rebuilds every
    name on every pass (a generator and three string calls a key), about a tenth of the journal entry.
    """
    out = {}
    for key, value in environ.items():
        name = _header_name(key)
        if name is None or not (value or key.startswith("HTTP_")):  # an empty Content-Type/-Length is no header
            continue
        if name == "Authorization":  # title() makes every spelling of it this one
            scheme = value.split(" ", 1)[0]
            value = f"{scheme} [redacted]" if " " in value else "[redacted]"
        out[name] = value
    return out


def _record(response: Response) -> Response:
    """Journal every Graph request, good or bad, so a test can assert on what its code sent.

    The request, ``g`` and the app are looked up once: each pass through Flask's context proxies costs about a
    microsecond, and the entry reads a dozen values.
    """
    req = request._get_current_object()
    if req.path.startswith(CONTROL_PREFIX):
        return response
    seen, app = g._get_current_object(), current_app._get_current_object()
    head = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "method": req.method,
        "path": req.path,
        "query": req.query_string.decode("latin-1"),
        "headers": _redact(req.environ),
        "status": response.status_code,
        "requestId": seen.get("request_id"),
    }
    reply = seen.get("reply_text")
    tail: dict = {}
    for key, name in (("errors", "error_details"), ("injected", "injected_fault"), ("batch", "batch_item")):
        value = seen.get(name)
        if value:
            tail[key] = value
    if (response.content_length or 0) > JOURNAL_BODY_BYTES:
        # The client got the whole echo of its huge body; the journal keeps bounded entries.
        reply, tail["responseTruncated"] = None, True
    try:
        raw = req.get_data(cache=True) if _body_is_readable(req, app) else b""
    except ClientDisconnected:  # the body stopped short (client silent or gone); the view answered already
        raw = b""
    if "request_json" in seen and len(raw) <= JOURNAL_BODY_BYTES:
        tail["json"] = seen.request_json
    else:
        tail["text"] = raw[:JOURNAL_BODY_BYTES].decode("utf-8", "replace")
        tail["truncated"] = len(raw) > JOURNAL_BODY_BYTES
    try:
        app.extensions["mockgraph"].store.record(journal_text(head, reply, tail))
    except StoreUnavailable:  # the client already has its answer (a 503 if the store was down for it too)
        log.warning("journal entry dropped: the store is unavailable (request-id %s)", head["requestId"])
    return response


def journal_text(head: dict, reply: str | None, tail: dict) -> str:
    """One journal entry as JSON text: ``head``'s fields, ``"response"`` (the reply's JSON text, as sent), ``tail``'s.

    The reply is spliced in as it was encoded for the client, not decoded and encoded again: a list's entry cost
    as much to encode as its reply. It was UTF-8 on the wire, so it holds no lone surrogate; the rest is encoded
    with ASCII escapes, which any store can hold.
    """
    first = _JOURNAL_ENCODE(head)[:-1] + ',"response":' + (reply or "null")
    return first + ("," + _JOURNAL_ENCODE(tail)[1:] if tail else "}")


_JOURNAL_ENCODE = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode


def _body_is_readable(req, app: Flask) -> bool:
    # A body over the limit (or of unknown length) stays unread: reading it here would fail again.
    return req.content_length is not None and req.content_length <= app.config["MAX_CONTENT_LENGTH"]


def install(app: Flask) -> None:
    app.url_map.merge_slashes = False  # "//" is the router's to judge, not a redirect of Werkzeug's
    app.register_blueprint(blueprint())
