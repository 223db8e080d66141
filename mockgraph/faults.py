"""Faults a test asks for, and the rate limit: Graph's bad minutes, on demand and reproducible.

A rule says which requests (method, a path with ``{name}`` segments, a JSON subset of the body), what
happens to them (a status in Graph's envelope with its headers, a delay, a dropped connection) and how
often (the next N matches, every Nth, or a probability drawn from the seed). Rules apply before the
operation runs, so a faulted create stores nothing.

This module applies them: per request, which rules match and fire and what the answer is, then the rate
limit; and ``init_app`` wires it all into an app. The rest lives by job: ``fault_rules`` (checking and
storing rules, ``fail``), ``throttling`` (the rate limit), ``drops`` (closing a connection unanswered),
``faults_api`` (the /_mockgraph/faults endpoints). Their public names are importable from here too.

Rules live in the store and are counted with ``store.next_number``, so every worker of ``mockgraph serve``
sees the same rules and the same counts; a reset forgets both. The rate limit counts requests per fixed
window of S seconds, also with ``next_number``, on a clock a test may replace (``state(app).clock``).
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, current_app, g, request

from mockgraph.config import CONTROL_PREFIX
from mockgraph.drops import DROP, DROPPED, Dropper, drop_connection
from mockgraph.errors import GraphError
from mockgraph.fault_rules import MAX_DELAY_MS, RULES, add, check_rule, clear, fail, path_pattern, rules
from mockgraph.faults_api import bp
from mockgraph.throttling import parse_rate, throttle

__all__ = ["DEFAULTS", "DROP", "DROPPED", "MAX_DELAY_MS", "RETRY_AFTER", "RULES", "Faults", "add", "bp",
           "check_rule", "clear", "drop_connection", "fail", "init_app", "parse_rate", "quiet", "rules", "state"]

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
_BATCH = re.compile(r"^/(v1\.0|beta)/\$batch/?$", re.I)


@dataclass
class Faults:
    """Per app: the parsed rate limit, the clock and sleep a test may replace, and what ``quiet`` last saw."""

    rate: tuple[int, float] | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    #: per thread: ``quiet``'s check found no rule for the request this thread serves next (``_before`` takes it)
    seen_quiet: threading.local = field(default_factory=threading.local)


def state(app: Flask) -> Faults:
    return app.extensions["mockgraph.faults"]


# --- rules: applied to a request ---------------------------------------------------------------------

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
    if rule.get("path") and not path_pattern(rule["path"]).fullmatch(request.path):
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


def _before() -> Response | None:
    """Every rule that matches and fires, in the order added: delays add up, the first status or drop answers.

    Without rules this is one ``store.count``, the cheapest read every store has (the rules themselves are not
    paged and decoded); it is still a read of the shared store, not a flag of this process, so a rule added
    through any worker of ``mockgraph serve`` applies to the next request whichever worker serves it. Where
    ``quiet``'s check has just counted none for this request, in this thread, that count stands: one a request.
    """
    app = current_app._get_current_object()
    app_state, faults = app.extensions["mockgraph"], state(app)
    counted_none, faults.seen_quiet.none = getattr(faults.seen_quiet, "none", False), False
    path = request.path
    if path.startswith(CONTROL_PREFIX):
        return None
    store = app_state.store
    if not counted_none and store.count(RULES):
        mark: dict = {}
        for rule in rules(store):
            if _matches(rule) and _fires(rule, store, app_state.fakes.seed):
                response = _apply(rule, faults, mark)
                if response is not None:
                    return response
    if faults.rate and not _BATCH.match(path):  # a batch counts as the requests inside it, as in Graph
        throttle(faults.rate, faults.clock(), store)
    return None


def quiet(app: Flask) -> Callable[[], bool]:
    """A check that no request of ``app`` can be made to wait: True while no fault rule is stored anywhere.

    For ``wsgi.run(inline=...)``: a rule's delay sleeps in the thread serving its request (up to MAX_DELAY_MS), so
    while any rule exists every request goes to a pool thread. A store that cannot answer says no: the request then
    meets the store's own error in a pool thread, as before. The check is made just before the request it is for
    is served in the same thread, so the app's own fault check takes its answer instead of counting again.
    """
    store, seen = app.extensions["mockgraph"].store, state(app).seen_quiet

    def check() -> bool:
        try:
            seen.none = not store.count(RULES)
        except Exception:  # StoreUnavailable, or a SQLite error: not this check's to report
            seen.none = False
        return seen.none

    return check


def init_app(app: Flask) -> None:
    """Apply fault rules and the rate limit to Graph paths; serve /_mockgraph/faults when control is on."""
    settings = app.extensions["mockgraph"].settings
    app.extensions["mockgraph.faults"] = Faults(rate=parse_rate(getattr(settings, "rate_limit", None)))
    app.before_request(_before)
    app.wsgi_app = Dropper(app.wsgi_app)
    if settings.control:
        app.register_blueprint(bp)
