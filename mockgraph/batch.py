"""JSON batching: ``POST /v1.0/$batch`` (and /beta), each request inside answered as if sent alone.

Every inner request goes through this same app as a WSGI call, with the batch's Authorization header
and its own headers, so state, validation, fault rules, the rate limit and the journal all apply to it
as they would to a request sent on its own. Requests run in the order given (a dependency must come
earlier, as Graph requires); one whose dependency failed is not run and answers 424.

Facts (see the report that introduced this module): learn.microsoft.com/graph/json-batching for the
shape, the limit of 20, unique ids (not case-sensitive), dependsOn and 424; observed Graph messages for
duplicate ids ("Request Id … has to be unique in a batch."), a dependency not earlier in the batch
("Invalid dependency for request Id …"), more than 20 ("Number of requests inside batch exceeds the
limit.") and an empty or malformed batch ("Invalid batch payload format.").
"""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, g, request
from werkzeug.routing import BaseConverter
from werkzeug.test import EnvironBuilder, run_wsgi_app

from mockgraph.drops import DROPPED, drop_connection
from mockgraph.errors import GraphError, envelope, pinned_clock
from mockgraph.headers import JSON_TYPE, graph_json
from mockgraph.payloads import check_content_type, parse_object, read_body

MAX_REQUESTS = 20
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ITEM = "mockgraph.batch"  # environ key: {"id": inner id, "batchRequestId": the batch's request-id}
#: Headers of the HTTP exchange itself, not of the answer: Graph's inner responses do not carry them.
_TRANSPORT = {"content-length", "date", "server", "connection", "transfer-encoding", "strict-transport-security",
              "x-ms-ags-diagnostic", "request-id", "client-request-id"}
_FORMAT = "Invalid batch payload format."


def _bad(message: str) -> GraphError:
    return GraphError(400, "BadRequest", message)


def _text(item: dict, key: str, where: str, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _bad(f"{_FORMAT} {where}.{key}: expected a non-empty string, got {json.dumps(value)}.")
    return value


def check(body: dict) -> list[dict]:
    """The batch's requests, each checked, or the 400 Graph gives for the first problem."""
    items = body.get("requests")
    if not isinstance(items, list) or not items:
        raise _bad(f"{_FORMAT} $.requests: expected an array of 1 to {MAX_REQUESTS} requests.")
    if len(items) > MAX_REQUESTS:
        raise _bad(f"Number of requests inside batch exceeds the limit. This batch has {len(items)}; "
                   f"at most {MAX_REQUESTS} are allowed.")
    seen: dict[str, str] = {}
    checked = []
    for i, item in enumerate(items):
        where = f"$.requests[{i}]"
        if not isinstance(item, dict):
            raise _bad(f"{_FORMAT} {where}: expected a request object with id, method and url.")
        rid = _text(item, "id", where)
        if rid.casefold() in seen:
            raise _bad(f"Request Id {rid} has to be unique in a batch (ids are not case-sensitive; "
                       f"'{seen[rid.casefold()]}' came first).")
        method = _text(item, "method", where).upper()
        if method not in METHODS:
            raise _bad(f"{_FORMAT} {where}.method: expected one of {', '.join(METHODS)}, got '{item['method']}'.")
        url = _text(item, "url", where)
        if "://" in url or url.startswith("//") or any(c.isspace() and c != " " for c in url):
            raise _bad(f"{_FORMAT} {where}.url: expected a URL relative to the version, like "
                       f"/solutions/virtualEvents/webinars, got '{url}'.")
        headers = item.get("headers") or {}
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            raise _bad(f"{_FORMAT} {where}.headers: expected an object of header names and string values.")
        depends = item.get("dependsOn") or []
        if not isinstance(depends, list) or not all(isinstance(d, str) for d in depends):
            raise _bad(f"{_FORMAT} {where}.dependsOn: expected an array of request ids.")
        for dep in depends:
            if dep.casefold() not in seen:
                raise _bad(f"Invalid dependency for request Id {rid}: '{dep}' is not the id of a request earlier "
                           f"in this batch.")
        seen[rid.casefold()] = rid
        checked.append({"id": rid, "method": method, "url": url, "headers": headers, "body": item.get("body"),
                        "hasBody": "body" in item, "dependsOn": depends})
    return checked


def _payload(item: dict) -> bytes | None:
    """The inner body's bytes: JSON for an object or array, base64 (Graph's form for binary) for a string."""
    if not item["hasBody"]:
        return None
    body = item["body"]
    content_type = next((v for k, v in item["headers"].items() if k.lower() == "content-type"), "")
    if isinstance(body, str) and "json" not in content_type.lower():
        try:
            return base64.b64decode(body, validate=True)
        except ValueError:
            return body.encode("utf-8")
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _run(item: dict, version: str, batch_request_id: str) -> dict:
    """Send one inner request through the app; its answer as a batch response item."""
    url = item["url"] if item["url"].startswith("/") else "/" + item["url"]
    raw = f"/{version}{url}"
    split = urlsplit(raw)
    headers = {k: v for k, v in item["headers"].items() if k.lower() not in ("authorization", "content-length")}
    if request.headers.get("Authorization"):
        headers["Authorization"] = request.headers["Authorization"]  # Graph authorizes a batch with its token
    builder = EnvironBuilder(path=split.path, query_string=split.query, method=item["method"], headers=headers,
                             data=_payload(item), base_url=request.host_url)
    try:
        environ = builder.get_environ()
    finally:
        builder.close()
    environ.update({"RAW_URI": raw, "REQUEST_URI": raw, "REMOTE_ADDR": request.remote_addr or "127.0.0.1",
                    ITEM: {"id": item["id"], "batchRequestId": batch_request_id}})
    app = current_app._get_current_object()
    with app.app_context():  # a fresh ``g``: Flask would reuse the batch's app context, and its g, for the inner call
        app_iter, status, response_headers = run_wsgi_app(app, environ, buffered=True)
    try:
        data = b"".join(app_iter)
    finally:
        if hasattr(app_iter, "close"):
            app_iter.close()
    answer: dict[str, Any] = {"id": item["id"], "status": int(status.split(" ", 1)[0]),
                              "headers": {k: v for k, v in response_headers.items() if k.lower() not in _TRANSPORT}}
    content_type = response_headers.get("Content-Type", "")
    if data:
        if "json" in content_type:
            answer["body"] = json.loads(data)
        elif content_type.startswith("text/"):
            answer["body"] = data.decode("utf-8", "replace")
        else:
            answer["body"] = base64.b64encode(data).decode("ascii")
    return answer


def _failed_dependency(item: dict, dep: str, status: int) -> dict:
    message = f"Request {item['id']} was not run: it depends on request {dep}, which failed with status {status}."
    return {"id": item["id"], "status": 424, "headers": {"Content-Type": JSON_TYPE},
            "body": envelope("FailedDependency", message, g.request_id, g.client_request_id,
                             pinned_clock())}


def _view(version: str, segment: str = "$batch") -> Response:
    if request.method != "POST":
        raise GraphError(405, "MethodNotAllowed", f"The HTTP method '{request.method}' is not allowed on "
                                                  f"'/{version}/$batch'. Allowed: POST.", {"Allow": "POST"})
    if ITEM in request.environ:
        raise _bad("A batch cannot contain another batch: send /$batch requests on their own.")
    check_content_type(request.headers.get("Content-Type"))
    body = parse_object(read_body(), max_depth=current_app.extensions["mockgraph"].settings.max_json_depth,
                        type_name="batch request ({\"requests\": [...]})")
    g.request_json = body
    items = check(body)
    statuses: dict[str, int] = {}
    responses = []
    for item in items:
        failed = next((dep for dep in item["dependsOn"] if not 200 <= statuses[dep.casefold()] < 300), None)
        if failed is not None:
            answer = _failed_dependency(item, failed, statuses[failed.casefold()])
        else:
            try:
                answer = _run(item, version, g.request_id)
            except ConnectionResetError:  # a fault rule dropped an inner request: the batch's connection goes
                g.injected_fault = {"batchItem": item["id"], "status": DROPPED}
                return drop_connection()
        statuses[item["id"].casefold()] = answer["status"]
        responses.append(answer)
    return graph_json({"responses": responses}, 200)


def _mark_item() -> None:
    """An inner request knows its batch: ``g.batch_item`` (the journal may copy it)."""
    item = request.environ.get(ITEM)
    if item is not None:
        g.batch_item = item


class _Version(BaseConverter):
    """``v1.0`` or ``beta`` in any case (Graph's segments are case-insensitive), given to the view in lower case."""

    regex = r"(?i:v1\.0|beta)"

    def to_python(self, value: str) -> str:
        return value.lower()


class _Batch(BaseConverter):
    """``$batch`` in any case."""

    regex = r"(?i:\$batch)"


def init_app(app: Flask) -> None:
    """Route /v1.0/$batch and /beta/$batch (any case) here, ahead of the catch-all Graph view (Werkzeug prefers
    converters with a regex of their own to the catch-all's path converter)."""
    app.url_map.converters.update(graph_version=_Version, graph_batch=_Batch)
    app.add_url_rule("/<graph_version:version>/<graph_batch:segment>", endpoint="batch", view_func=_view,
                     methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
    app.before_request(_mark_item)
