"""Interactions from the request journal: what a consumer actually sent, and what it got back.

A recorded pact is exact where the consumer chose the value (the request, the echoed body) and
uses matchers where the mock made the value up (ids, join URLs, error dates and request ids), so
it verifies against any seed of mockgraph. Each interaction carries the provider state that makes
mockgraph answer it the same way again.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl

from mockgraph.contracts import Operation, json_path, load_operations
from mockgraph.pacts import _matcher, exact_except, pact_data

#: Request headers that change what the mock answers; the rest (User-Agent, Host…) are noise.
KEPT_HEADERS = ("Authorization", "Content-Type", "Prefer")


def _operation_for(operations: list[Operation], method: str, path: str) -> tuple[Operation | None, dict]:
    for op in operations:
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(op.path))
        versions = "|".join(map(re.escape, op.versions))
        found = re.fullmatch(f"/({versions}){pattern}", path)
        if found and method == op.method:
            return op, found.groupdict()
    return None, {}


def _state(op: Operation | None, params: dict, entry: dict) -> tuple[str, dict] | None:
    if op is None:
        return None
    reply = entry.get("response") or {}
    code = (reply.get("error") or {}).get("code") if isinstance(reply, dict) else None
    name = "no virtual event exists" if entry["status"] == 404 and code == "itemNotFound" else "a virtual event exists"
    return name, {op.parent: params[op.parent]}


def _headers(entry: dict, spec: str, data: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    sent = {k.lower(): (k, v) for k, v in entry.get("headers", {}).items()}
    for name in KEPT_HEADERS:
        if name.lower() not in sent:
            continue
        value = sent[name.lower()][1]
        rule = data["requestHeaders"].get(name)
        fits = rule and re.search(rule["regex"], value)
        out[name] = json.dumps(_matcher(value, rule, None, spec)) if fits else value
    return out


def _key(entry: dict) -> str:
    body = entry["json"] if "json" in entry else entry.get("text", "")
    auth = entry.get("headers", {}).get("Authorization")
    return json.dumps([entry["method"], entry["path"], entry.get("query", ""), entry["status"], body, auth],
                      sort_keys=True)


def _description(op: Operation | None, entry: dict) -> str:
    what = op.spec.get("summary", op.name) if op else f"{entry['method']} {entry['path']}"
    reply = entry.get("response")
    code = (reply.get("error") or {}).get("code") if isinstance(reply, dict) else None
    return f"{what} answered {entry['status']}" + (f" {code}" if code else "")


def add_recorded(pact, journal: Iterable[dict], spec: str, operations: list[Operation] | None = None) -> int:
    """Add one interaction per distinct journal entry to ``pact``; returns how many were added."""
    operations = operations if operations is not None else load_operations()
    data = pact_data()
    seen: set[str] = set()
    names: Counter[str] = Counter()
    for entry in journal:
        if entry.get("truncated") or _key(entry) in seen:
            continue  # a body cut short in the journal cannot be replayed faithfully
        seen.add(_key(entry))
        op, params = _operation_for(operations, entry["method"], entry["path"])
        description = _description(op, entry)
        names[description] += 1
        if names[description] > 1:
            description += f" (#{names[description]})"
        interaction = pact.upon_receiving(description)
        state = _state(op, params, entry)
        if state:
            interaction.given(*state)
        interaction.with_request(entry["method"], entry["path"])
        for name, value in parse_qsl(entry.get("query", ""), keep_blank_values=True):
            interaction.with_query_parameter(name, value)
        headers = _headers(entry, spec, data)
        for name, value in headers.items():
            interaction.with_header(name, value, "Request")
        content_type = entry.get("headers", {}).get("Content-Type")
        if "json" in entry:
            interaction.with_body(json.dumps(entry["json"]), content_type=content_type or "application/json",
                                  part="Request")
        elif entry.get("text"):
            interaction.with_binary_body(entry["text"].encode("utf-8"), content_type or "application/octet-stream")
        _add_response(interaction, op, entry, spec, data)
    return len(seen)


def _add_response(interaction, op: Operation | None, entry: dict, spec: str, data: dict) -> None:
    from mockgraph.headers import JSON_TYPE

    interaction.will_respond_with(entry["status"])
    reply = entry.get("response")
    if reply is None:
        return
    rule = data["responseHeaders"]["Content-Type"]
    interaction.with_header("Content-Type", json.dumps(_matcher(JSON_TYPE, rule, None, spec)), "Response")
    if isinstance(reply, dict) and "error" in reply:
        overrides = data["errorBody"]
    elif op is not None and entry["status"] < 300:
        recipes = op.spec["response"]["generated"]
        overrides = {json_path([prop]): data["generated"][recipe] for prop, recipe in recipes.items()}
    else:
        overrides = {}
    # Everything the consumer chose (the echoed body) stays exact; only made-up values get matchers.
    interaction.with_body(exact_except(reply, overrides, spec), content_type="application/json", part="Response")
