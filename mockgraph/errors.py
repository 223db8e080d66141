"""The Graph error envelope, and the one path every failure takes to reach a client."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime
from email.utils import formatdate

from flask import Flask, current_app, g, request
from werkzeug.exceptions import ClientDisconnected, HTTPException, MethodNotAllowed, NotFound, RequestEntityTooLarge

from mockgraph.config import CONTROL_PREFIX, parse_instant
from mockgraph.headers import JSON_TYPE, graph_headers, graph_json
from mockgraph.stores.base import StoreUnavailable

log = logging.getLogger("mockgraph")


class GraphError(Exception):
    """A failure the client caused, answered as Graph would answer it."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None,
                 details: list[str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        #: every problem found (a refused body's contract errors), for the log and the journal
        self.details = details or []


def envelope(code: str, message: str, request_id: str, client_request_id: str, clock: str | None = None) -> dict:
    """Build ``{"error": {code, message, innerError}}``; ``date`` is UTC without an offset, like Graph's.

    ``clock`` is the app's pinned ``clock`` setting, if any: errors then carry that instant, so a test that pins the
    clock gets the same bytes on every run.
    """
    moment = parse_instant(clock).astimezone(UTC) if clock else datetime.now(UTC)
    date = moment.strftime("%Y-%m-%dT%H:%M:%S")
    return {
        "error": {
            "code": code,
            "message": message,
            "innerError": {
                "date": date,
                "request-id": request_id,
                "client-request-id": client_request_id,
            },
        }
    }


#: What Graph's front end answers to a request its HTTP server cannot parse: its own error page,
#: wrapped in the envelope as UnknownError (seen for headers too large: 400, "HTTP Error 400. The
#: size of the request headers is too long."). The overlong URL and the generic case follow by analogy.
FRONT_END = {
    "url": (414, "URI Too Long", "Request URL Too Long. HTTP Error 414. The request URL is too long."),
    "headers": (400, "Bad Request",
                "Bad Request - Request Too Long. HTTP Error 400. The size of the request headers is too long."),
    "malformed": (400, "Bad Request", "Bad Request. HTTP Error 400. The request is badly formed."),
    # statuses HTTP itself prescribes (RFC 9110 15.5.18, RFC 9112 6.1)
    "expectation": (417, "Expectation Failed", "Expectation Failed. HTTP Error 417. The Expect header cannot be met."),
    "coding": (501, "Not Implemented", "Not Implemented. HTTP Error 501. The transfer coding is not supported."),
}


def front_end_reply(kind: str) -> bytes:
    """The whole HTTP reply to a request that never reached the app (``kind`` is a key of FRONT_END).

    Both HTTP servers mockgraph runs on (gunicorn for ``serve``, Werkzeug's for the fixture) write it
    in place of their own HTML error pages.
    """
    status, reason, message = FRONT_END[kind]
    request_id = str(uuid.uuid4())
    body = json.dumps(envelope("UnknownError", message, request_id, request_id), separators=(",", ":")).encode()
    headers = [("Content-Type", JSON_TYPE), ("Content-Length", str(len(body))), ("Date", formatdate(usegmt=True)),
               ("Connection", "close"), ("Cache-Control", "no-store"), *graph_headers(request_id, request_id, status)]
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    return f"HTTP/1.1 {status} {reason}\r\n{head}\r\n".encode("latin-1") + body


def error_response(error: GraphError):
    if error.details:
        g.error_details = error.details
        for line in error.details:  # the reply names the first problem; the log has them all, one line each
            log.info("%s %s request-id=%s: %s", request.method, request.path, g.get("request_id"), line)
    body = envelope(error.code, error.message, g.request_id, g.client_request_id, pinned_clock())
    return graph_json(body, error.status, error.headers)


def pinned_clock() -> str | None:
    """The app's ``clock`` setting (None: the wall clock), for the errors it dates."""
    state = current_app.extensions.get("mockgraph")
    return state.settings.clock if state is not None else None


def register(app: Flask) -> None:
    """Install the handlers so that no failure leaves without the envelope."""

    @app.errorhandler(GraphError)
    def _graph_error(error: GraphError):
        return error_response(error)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        return error_response(_from_http(error))

    @app.errorhandler(StoreUnavailable)
    def _store_unavailable(error: StoreUnavailable):
        # Graph's answer while a back end is down: 503 with Retry-After; the store reconnects by itself.
        log.warning("%s %s: %s", request.method, request.path, error)
        return error_response(GraphError(503, "serviceNotAvailable",
                                         f"The mock's store is unavailable ({error}). Retry after {error.retry_after} "
                                         "seconds.", {"Retry-After": str(error.retry_after)}))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unexpected error on %s %s (request-id %s)", request.method, request.path,
                      g.get("request_id"))
        state = app.extensions["mockgraph"]
        if state.settings.propagate_exceptions:
            state.failures.append(error)
        return error_response(GraphError(500, "generalException",
                                         f"mockgraph failed unexpectedly ({type(error).__name__}). "
                                         "This is a bug in the mock; its log has the traceback."))


def _from_http(error: HTTPException) -> GraphError:
    """Say what Graph would say where Werkzeug's routing or body limit gave up."""
    if isinstance(error, RequestEntityTooLarge):
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        return GraphError(413, "RequestEntityTooLarge", f"The request body is larger than {limit} bytes.")
    if isinstance(error, ClientDisconnected):
        return GraphError(400, "BadRequest", "The request body ended before its Content-Length: "
                                             "the client stopped sending or closed the connection.")
    if not isinstance(error, (NotFound, MethodNotAllowed)):
        return GraphError(error.code or 400, "BadRequest", error.description or "Bad request.")
    path, method = request.path, request.method
    if path.startswith(CONTROL_PREFIX) and isinstance(error, NotFound):
        return GraphError(404, "itemNotFound", f"mockgraph has no control endpoint {method} {path}.")
    allowed = sorted(error.valid_methods or []) if isinstance(error, MethodNotAllowed) else []
    return GraphError(405, "MethodNotAllowed", f"The HTTP method '{method}' is not allowed on '{path}'."
                      + (f" Allowed: {', '.join(allowed)}." if allowed else ""),
                      {"Allow": ", ".join(allowed)} if allowed else None)
