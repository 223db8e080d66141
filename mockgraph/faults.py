"""Faults a test asks for, and the rate limit: Graph's bad minutes, on demand and reproducible.

A rule says which requests (method, a path with ``{name}`` segments, a JSON subset of the body), what
happens to them (a status in Graph's envelope with its headers, a delay, a dropped connection) and how
often (the next N matches, every Nth, or a probability drawn from the seed). Rules apply before the
operation runs, so a faulted create stores nothing.

Rules live in the store and are counted with ``store.next_number``, so every worker of ``mockgraph serve``
sees the same rules and the same counts; a reset forgets both. The rate limit counts requests per fixed
window of S seconds, also with ``next_number``, on a clock a test may replace (``state(app).clock``).
"""

from __future__ import annotations

import contextlib
import errno
import math
import random
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, current_app, g, request

from mockgraph.config import CONTROL_PREFIX
from mockgraph.errors import GraphError
from mockgraph.headers import graph_json

RULES = "_mockgraph/faults"  # a store collection no Graph address can name (they start with a segment name)
DROP = "mockgraph.drop"  # the environ key that tells the WSGI wrapper to close the connection unanswered
#: The journal's status for a dropped request: nginx's "closed without a response" (the client saw none).
DROPPED = 444
MAX_DELAY_MS = 600_000
#: status -> (Graph's code, message). 429: the throttling guidance's sample; 500/503: the error-code table of
#: learn.microsoft.com/graph/errors; 504: gatewayTimeout (not in that table). Other statuses use the reason phrase.
DEFAULTS = {
    429: ("TooManyRequests", "Please retry again later."),
    500: ("generalException", "An unspecified error has occurred."),
    503: ("serviceNotAvailable", "The service is temporarily unavailable. Try the request again after a delay; "
                                 "a Retry-After header may say how long."),
    504: ("gatewayTimeout", "The gateway did not receive a timely response from the service it needed."),
}
RETRY_AFTER = {429: 1, 503: 1}  # seconds, when a rule does not say: Graph sends it on 429, and may on 503
_KEYS = {"method", "path", "json", "status", "code", "message", "retryAfter", "headers", "delayMs", "drop",
         "times", "every", "probability", "seed"}
_BATCH = re.compile(r"^/(v1\.0|beta)/\$batch/?$", re.I)


@dataclass
class Faults:
    """Per app: the parsed rate limit, and the clock and sleep a test may replace."""

    rate: tuple[int, float] | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep


def parse_rate(text: str | None) -> tuple[int, float] | None:
    """``"10/1"`` -> (10, 1.0): at most N requests in each window of S seconds."""
    if text is None or not str(text).strip():
        return None
    count, slash, seconds = str(text).strip().partition("/")
    try:
        n, s = int(count), float(seconds) if slash else math.nan
    except ValueError:
        n, s = 0, math.nan
    if n < 1 or not s > 0 or math.isinf(s):
        raise ValueError(f"rate_limit {text!r} is not N/S (requests per seconds, like 10/1 or 600/60)")
    return n, s


def state(app: Flask) -> Faults:
    return app.extensions["mockgraph.faults"]


# --- rules: checked when added ---------------------------------------------------------------------------

def _int(rule: dict, key: str, low: int, high: int | None = None) -> int | None:
    value = rule.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        span = f"{low} to {high}" if high is not None else f"{low} or more"
        raise ValueError(f"$.{key}: expected a whole number, {span}, got {value!r}")
    return value


def check_rule(raw: Any) -> dict:
    """The rule as stored, or ValueError naming the property that is wrong and what it should be."""
    if not isinstance(raw, dict):
        raise ValueError(f"$: expected a fault rule (a JSON object), got {type(raw).__name__}")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ValueError(f"$.{unknown[0]}: not a fault rule property (use {', '.join(sorted(_KEYS))})")
    rule = dict(raw)
    method = rule.get("method") or "*"
    if not isinstance(method, str) or not re.fullmatch(r"\*|[A-Za-z]+", method):
        raise ValueError(f"$.method: expected an HTTP method or '*', got {method!r}")
    rule["method"] = method.upper()
    path = rule.get("path")
    if path is not None and (not isinstance(path, str) or not path.strip()):
        raise ValueError(f"$.path: expected a Graph path like /v1.0/solutions/virtualEvents/webinars/{{id}}, "
                         f"got {path!r}")
    if "json" in rule and not isinstance(rule["json"], dict):
        raise ValueError("$.json: expected a JSON object the request body must include")
    status = _int(rule, "status", 400, 599)
    rule["drop"] = rule.get("drop", False)
    if not isinstance(rule["drop"], bool):
        raise ValueError(f"$.drop: expected true or false, got {rule['drop']!r}")
    delay = _int(rule, "delayMs", 0, MAX_DELAY_MS)
    if status is None and not rule["drop"] and not delay:
        raise ValueError("a fault rule needs a status (400-599), a delayMs or drop: true")
    for key in ("code", "message"):
        if key in rule and not isinstance(rule[key], str):
            raise ValueError(f"$.{key}: expected a string, got {rule[key]!r}")
    if "retryAfter" in rule:
        _int(rule, "retryAfter", 0)
    headers = rule.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise ValueError("$.headers: expected an object of header names and string values")
    every, times = _int(rule, "every", 1), _int(rule, "times", 1)
    probability = rule.get("probability")
    if probability is not None and (isinstance(probability, bool) or not isinstance(probability, (int, float))
                                    or not 0 <= probability <= 1):
        raise ValueError(f"$.probability: expected a number from 0 to 1, got {probability!r}")
    if every is not None and probability is not None:
        raise ValueError("a fault rule takes every or probability, not both")
    _int(rule, "seed", -(2**63))
    if times is None and every is None and probability is None:
        rule["times"] = 1  # the next matching request only, unless the rule says how often
    _pattern(path or "")  # a bad pattern fails here, not on a later request
    return rule


def add(store, raw: Any) -> dict:
    """Store a rule (checked) and return it with its id."""
    rule = check_rule(raw)
    number = store.next_number(RULES)
    rule = {"id": str(number), **rule}
    store.insert(RULES, str(number), rule)
    return rule


def rules(store) -> list[dict]:
    return [rule for _, rule in store.page(RULES)]


def clear(store) -> int:
    found = rules(store)
    for rule in found:
        store.delete(RULES, rule["id"])
    return len(found)


def _store(target: Any):
    """The store behind a Flask app or its test client, a MockGraphServer or the pytest fixture, or a MockState."""
    target = getattr(target, "application", target)  # a Flask test client (the mockgraph_client fixture)
    if isinstance(target, Flask):
        return target.extensions["mockgraph"].store
    inner = getattr(target, "state", None)
    return inner.store if hasattr(inner, "store") else target.store


def fail(target: Any, method: str = "*", path: str | None = None, status: int | None = 429, *,
         times: int | None = None, every: int | None = None, probability: float | None = None,
         seed: int | None = None, retry_after: int | None = None, delay_ms: int | None = None,
         drop: bool = False, json: dict | None = None, code: str | None = None, message: str | None = None,
         headers: dict[str, str] | None = None) -> dict:
    """Make matching requests fail: ``fail(mockgraph, "POST", "/solutions/virtualEvents/webinars", 429)``.

    ``target`` is the fixture, a MockGraphServer, a Flask app or its MockState. Without times, every or
    probability only the next matching request fails. ``status=None`` with ``delay_ms`` only slows requests.
    Returns the stored rule (its ``id`` deletes it: DELETE /_mockgraph/faults/{id}).
    """
    raw = {"method": method, "path": path, "status": status, "times": times, "every": every,
           "probability": probability, "seed": seed, "retryAfter": retry_after, "delayMs": delay_ms,
           "drop": drop, "json": json, "code": code, "message": message, "headers": headers}
    if drop:
        raw["status"] = None
    return add(_store(target), {key: value for key, value in raw.items() if value is not None})


# --- rules: applied to a request ---------------------------------------------------------------------

@lru_cache(maxsize=256)
def _pattern(path: str) -> re.Pattern:
    """``{name}`` is one segment; a path without /v1.0 or /beta matches both versions; case is ignored."""
    if "://" in path:
        path = urlsplit(path).path
    path = "/" + path.strip().strip("/") if path.strip("/ ") else ""
    versioned = re.match(r"^/(v1\.0|beta)(/|$)", path, re.I)
    parts = re.split(r"(\{[^/{}]+\})", path)
    body = "".join("[^/]+" if re.fullmatch(r"\{[^/{}]+\}", p) else re.escape(p) for p in parts)
    return re.compile(("" if versioned else r"/(?:v1\.0|beta)") + body + "/?", re.I)


def _includes(expected: Any, actual: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and _includes(v, actual[k]) for k, v in expected.items())
    return expected == actual and type(expected) is type(actual)


def _body_matches(expected: dict) -> bool:
    import json

    try:
        return _includes(expected, json.loads(request.get_data(cache=True) or b"null"))
    except (ValueError, UnicodeDecodeError):
        return False


def _matches(rule: dict) -> bool:
    if rule["method"] not in ("*", request.method):
        return False
    if rule.get("path") and not _pattern(rule["path"]).fullmatch(request.path):
        return False
    return "json" not in rule or _body_matches(rule["json"])


def _fires(rule: dict, store, seed: int) -> bool:
    """Count this match; whether the rule fires on it. Counters are the store's, so workers share them."""
    n = store.next_number(f"{RULES}/{rule['id']}/matched")
    if rule.get("every") is not None:
        fires = n % rule["every"] == 0
    elif rule.get("probability") is not None:
        fires = random.Random(f"{rule.get('seed', seed)}:{rule['id']}:{n}").random() < rule["probability"]
    else:
        fires = True
    if fires and rule.get("times") is not None:
        fires = store.next_number(f"{RULES}/{rule['id']}/fired") <= rule["times"]
    return fires


def _apply(rule: dict, faults: Faults, mark: dict) -> Response | None:
    """Wait, then answer as the rule says; None for a rule that only delays (the request goes on)."""
    mark.setdefault("rules", []).append(rule["id"])
    g.injected_fault = mark
    delay = rule.get("delayMs") or 0
    if delay:
        mark["delayMs"] = mark.get("delayMs", 0) + delay
        faults.sleep(delay / 1000)
    if rule["drop"]:
        mark["status"] = DROPPED
        return drop_connection()
    status = rule.get("status")
    if status is None:
        return None
    mark["status"] = status
    code, message = DEFAULTS.get(status, (_reason_code(status), f"mockgraph injected a {status} (fault rule "
                                                                   f"{rule['id']})."))
    headers = dict(rule.get("headers") or {})
    retry_after = rule.get("retryAfter", RETRY_AFTER.get(status))
    if retry_after:
        headers["Retry-After"] = str(retry_after)
        mark["retryAfter"] = retry_after
    raise GraphError(status, rule.get("code", code), rule.get("message", message), headers)


def _reason_code(status: int) -> str:
    from http import HTTPStatus

    try:
        return "".join(word.capitalize() for word in HTTPStatus(status).phrase.replace("-", " ").split())
    except ValueError:
        return "UnknownError"


def drop_connection() -> Response:
    """Ask the WSGI wrapper to close this request's connection without an answer; the journal shows 444."""
    request.environ[DROP] = True
    return Response(status=DROPPED)


def _throttle(faults: Faults, store) -> None:
    """Past N requests in this S-second window: 429, Retry-After counting down to the window's end."""
    limit, seconds = faults.rate
    now = faults.clock()
    window = math.floor(now / seconds)
    if store.next_number(f"_mockgraph/rate/{window}") <= limit:
        return
    retry_after = max(1, math.ceil((window + 1) * seconds - now))
    g.injected_fault = {**g.get("injected_fault", {}), "rateLimit": f"{limit}/{seconds:g}", "status": 429,
                        "retryAfter": retry_after}
    raise GraphError(429, "TooManyRequests", f"Please retry again later. (mockgraph's rate limit, {limit} requests "
                                             f"every {seconds:g} s, is spent until this window ends.)",
                     {"Retry-After": str(retry_after)})


def _before() -> Response | None:
    """Every rule that matches and fires, in the order added: delays add up, the first status or drop answers."""
    if request.path.startswith(CONTROL_PREFIX):
        return None
    app_state = current_app.extensions["mockgraph"]
    faults = state(current_app)
    store, mark = app_state.store, {}
    for rule in rules(store):
        if _matches(rule) and _fires(rule, store, app_state.fakes.seed):
            response = _apply(rule, faults, mark)
            if response is not None:
                return response
    if faults.rate and not _BATCH.match(request.path):  # a batch counts as the requests inside it, as in Graph
        _throttle(faults, store)
    return None


# --- the WSGI wrapper that drops connections ----------------------------------------------------------

class _Dropper:
    """Closes the socket, unanswered, of a request a rule dropped; portable across both servers mockgraph runs on.

    Werkzeug's server treats a ConnectionError from the app as a client gone away, gunicorn's gthread worker
    an OSError with ECONNRESET: each then closes the connection without writing. The socket is shut down
    first so the client sees the close at once, even on a kept-alive connection.
    """

    def __init__(self, wsgi_app: Callable):
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response: Callable):
        def start(status, headers, exc_info=None):
            if environ.get(DROP):
                return lambda data: None
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, start)
        if not environ.get(DROP):
            return body
        if hasattr(body, "close"):
            body.close()
        sock = environ.get("gunicorn.socket") or environ.get("werkzeug.socket")
        if sock is not None:
            with contextlib.suppress(OSError):  # the client may have gone already
                sock.shutdown(socket.SHUT_RDWR)
        raise ConnectionResetError(errno.ECONNRESET, "mockgraph dropped this connection (a fault rule)")


# --- the control endpoints ------------------------------------------------------------------------------

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


def init_app(app: Flask) -> None:
    """Apply fault rules and the rate limit to Graph paths; serve /_mockgraph/faults when control is on."""
    settings = app.extensions["mockgraph"].settings
    app.extensions["mockgraph.faults"] = Faults(rate=parse_rate(getattr(settings, "rate_limit", None)))
    app.before_request(_before)
    app.wsgi_app = _Dropper(app.wsgi_app)
    if settings.control:
        app.register_blueprint(bp)
