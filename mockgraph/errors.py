"""The Graph error envelope, and the one path every failure takes to reach a client."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from flask import Flask, current_app, g, request
from werkzeug.exceptions import ClientDisconnected, HTTPException, MethodNotAllowed, NotFound, RequestEntityTooLarge

log = logging.getLogger("mockgraph")


class GraphError(Exception):
    """A failure the client caused, answered as Graph would answer it."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def envelope(code: str, message: str, request_id: str, client_request_id: str) -> dict:
    """Build ``{"error": {code, message, innerError}}``; ``date`` has no offset, like Graph's."""
    date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
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


def error_response(error: GraphError):
    from mockgraph.headers import graph_json

    body = envelope(error.code, error.message, g.request_id, g.client_request_id)
    return graph_json(body, error.status, error.headers)


def register(app: Flask) -> None:
    """Install the handlers so that no failure leaves without the envelope."""

    @app.errorhandler(GraphError)
    def _graph_error(error: GraphError):
        return error_response(error)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        return error_response(_from_http(error))

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
    if path.startswith("/_mockgraph/"):
        return GraphError(404, "itemNotFound", f"mockgraph has no control endpoint {method} {path}.")
    version, _, rest = path[1:].partition("/")
    operations = current_app.extensions["mockgraph"].operations
    if version not in {v for op in operations for v in op.versions}:
        return GraphError(404, "itemNotFound",
                          f"'{path}' is not a Microsoft Graph path: they start with /v1.0/ or /beta/.")
    parts = rest.split("/") if rest else []
    served = [f"{op.method} /{{version}}{op.path}" for op in operations]
    if isinstance(error, MethodNotAllowed):
        op = next(op for op in operations if op.fits(parts) == len(parts) == len(op.segments()))
        if method in op.spec.get("graphMethods", []):
            return _not_implemented(method, path, served)
        allowed = sorted(error.valid_methods or [])
        graph_methods = ", ".join(m for m in allowed if m not in {"HEAD", "OPTIONS"})
        return GraphError(405, "MethodNotAllowed",
                          f"The HTTP method '{method}' is not allowed on '{path}'. Allowed: {graph_methods}.",
                          {"Allow": ", ".join(allowed)})
    fits = max(op.fits(parts) for op in operations)
    longest = max(len(op.segments()) for op in operations)
    if fits == longest:
        fits += 1  # the segment after a collection is an item's key: any key is a well-formed one
    if fits >= len(parts):
        return _not_implemented(method, path, served)  # a real Graph resource the mock does not serve
    return GraphError(400, "BadRequest", f"Resource not found for the segment '{parts[fits]}'.")


def _not_implemented(method: str, path: str, served: list[str]) -> GraphError:
    return GraphError(501, "NotImplemented",
                      f"Microsoft Graph has {method} {path}, but mockgraph does not implement it. "
                      f"It serves: {'; '.join(served)}.")
