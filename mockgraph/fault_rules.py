"""Fault rules as data: checked when added, kept in the store, listed and cleared; ``fail()`` adds one in a line.

One job: what a rule is and where it lives. Applying rules to a request is ``faults.py``; the HTTP
endpoints that add and delete them are ``faults_api.py``. Rules live in the store (collection ``RULES``)
and are numbered with ``store.next_number``, so every worker of ``mockgraph serve`` sees the same rules
and a reset forgets them. A rule is checked in full when added, its path pattern compiled too, so a
mistake is one 400 (or ValueError) naming the property, never a failure on a later request.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

RULES = "_mockgraph/faults"  # a store collection no Graph address can name (they start with a segment name)
MAX_DELAY_MS = 600_000
_KEYS = {"method", "path", "json", "status", "code", "message", "retryAfter", "headers", "delayMs", "drop",
         "times", "every", "probability", "seed"}


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
    path_pattern(path or "")  # a bad pattern fails here, not on a later request
    return rule


@lru_cache(maxsize=256)
def path_pattern(path: str) -> re.Pattern:
    """``{name}`` is one segment; a path without /v1.0 or /beta matches both versions; case is ignored."""
    if "://" in path:
        path = urlsplit(path).path
    path = "/" + path.strip().strip("/") if path.strip("/ ") else ""
    versioned = re.match(r"^/(v1\.0|beta)(/|$)", path, re.I)
    parts = re.split(r"(\{[^/{}]+\})", path)
    body = "".join("[^/]+" if re.fullmatch(r"\{[^/{}]+\}", p) else re.escape(p) for p in parts)
    return re.compile(("" if versioned else r"/(?:v1\.0|beta)") + body + "/?", re.I)


def add(store, raw: Any) -> dict:
    """Store a rule (checked) and return it with its id."""
    rule = check_rule(raw)
    number = store.next_number(RULES)
    rule = {"id": str(number), **rule}
    store.insert(RULES, str(number), rule)
    return rule


def rules(store) -> list[dict]:
    """Every stored rule, in the order added."""
    return [rule for _, rule in store.page(RULES)]


def clear(store) -> int:
    """Delete every rule; how many there were."""
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
