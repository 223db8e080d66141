"""Recorded pacts: what a consumer actually sent, and what it got back, from the request journal.

One job: ``record()``/``render()`` and one interaction per distinct journal entry. A recorded pact is
exact where the consumer chose the value (the request, the echoed body) and uses matchers where the
mock made the value up (ids, join URLs, error dates and request ids), so it verifies against any seed
of mockgraph. Each interaction carries the provider states that make mockgraph answer it the same way
again (``world.py``).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from mockgraph.contracts import Operation, json_path, load_operations
from mockgraph.pacts.matching import exact_except, matcher
from mockgraph.pacts.pactfile import new_pact, pact_data, write_pact
from mockgraph.pacts.world import World

#: Request headers that change what the mock answers; the rest (User-Agent, Host…) are noise.
KEPT_HEADERS = ("Authorization", "Content-Type", "Prefer")


def record(journal: Iterable[dict], out_dir: Path | str, consumer: str, spec: str = "V4", *,
           operations: list[Operation] | None = None) -> Path:
    """Write the pact of what a consumer sent and got, from the request journal (``graph.requests``)."""
    pact = new_pact(consumer, spec)
    add_recorded(pact, journal, spec, operations)
    return write_pact(pact, consumer, out_dir)


def render(journal: Iterable[dict], consumer: str, spec: str = "V4",
           operations: list[Operation] | None = None) -> dict:
    """The recorded pact as a dict (written to a temporary folder and read back)."""
    with tempfile.TemporaryDirectory(prefix="mockgraph-pact-") as folder:
        path = record(journal, folder, consumer, spec, operations=operations)
        return json.loads(path.read_text(encoding="utf-8"))


def add_recorded(pact, journal: Iterable[dict], spec: str, operations: list[Operation] | None = None) -> int:
    """Add one interaction per distinct journal entry to ``pact``; returns how many were added."""
    operations = operations if operations is not None else load_operations()
    data = pact_data()
    seen: set[str] = set()
    names: Counter[str] = Counter()
    world = World()
    for entry in journal:
        match = world.resolve(entry)
        states = world.states(match, entry) if match else []
        if match:
            world.learn(match, entry)
        key = _key(entry) + json.dumps(states, sort_keys=True)
        if entry.get("truncated") or key in seen:
            continue  # a body cut short in the journal cannot be replayed faithfully
        seen.add(key)
        op, _ = _operation_for(operations, entry["method"], entry["path"])
        description = _description(op, entry) if op or not match else _family_description(match, entry)
        names[description] += 1
        if names[description] > 1:
            description += f" (#{names[description]})"
        interaction = pact.upon_receiving(description)
        for name, state_params in states:
            interaction.given(name, state_params)
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
        known = {v for _, params in states for k, v in params.items() if k.endswith("Id") or k == "id"}
        _add_response(interaction, op, entry, spec, data, match, known)
    return len(seen)


def _operation_for(operations: list[Operation], method: str, path: str) -> tuple[Operation | None, dict]:
    for op in operations:
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(op.path))
        versions = "|".join(map(re.escape, op.versions))
        found = re.fullmatch(f"/({versions}){pattern}", path)
        if found and method == op.method:
            return op, found.groupdict()
    return None, {}


def _headers(entry: dict, spec: str, data: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    sent = {k.lower(): (k, v) for k, v in entry.get("headers", {}).items()}
    for name in KEPT_HEADERS:
        if name.lower() not in sent:
            continue
        value = sent[name.lower()][1]
        rule = data["requestHeaders"].get(name)
        fits = rule and re.search(rule["regex"], value)
        out[name] = json.dumps(matcher(value, rule, None, spec)) if fits else value
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


def _family_description(match, entry: dict) -> str:
    op = match.operation
    what = f"{op.kind} {op.method} {op.path.removeprefix('/solutions/virtualEvents')}"
    reply = entry.get("response")
    code = (reply.get("error") or {}).get("code") if isinstance(reply, dict) else None
    return f"{what} answered {entry['status']}" + (f" {code}" if code else "")


def _add_response(interaction, op: Operation | None, entry: dict, spec: str, data: dict, match=None,
                  known: set[str] | None = None) -> None:
    from mockgraph.headers import JSON_TYPE

    interaction.will_respond_with(entry["status"])
    reply = entry.get("response")
    if reply is None:
        return
    rule = data["responseHeaders"]["Content-Type"]
    interaction.with_header("Content-Type", json.dumps(matcher(JSON_TYPE, rule, None, spec)), "Response")
    if isinstance(reply, dict) and "error" in reply:
        overrides = data["errorBody"]
    elif op is not None and entry["status"] < 300:
        recipes = op.spec["response"]["generated"]
        overrides = {json_path([prop]): data["generated"][recipe] for prop, recipe in recipes.items()}
    elif match is not None and entry["status"] < 300 and match.operation.kind == "create":
        made = _made_up(reply, entry.get("json") or {})
        overrides = {**made, **_not_null(_generated(match.operation.target.type, data), reply)}
    else:
        overrides = {}
    # Everything the consumer chose (the echoed body) stays exact; only made-up values get matchers.
    body = exact_except(reply, overrides, spec)
    if isinstance(reply, dict) and isinstance(reply.get("value"), list) and match is not None:
        # a list may hold what the mock made with a parent (a town hall's session): its made-up values match
        # what no state made (made with a parent) is the mock's to fill: its shape is the contract, not its values
        item = _generated(match.operation.target.type, data)
        body["value"] = [(exact_except(v, _not_null(item, v), spec) if v.get("id") in (known or set())
                          else matcher(v, {"match": "type"}, None, spec)) if isinstance(v, dict) else v
                         for v in reply["value"]]
    interaction.with_body(body, content_type="application/json", part="Response")


def _made_up(reply: Any, sent: Any, where: tuple = ()) -> dict[str, dict]:
    """JSON path → type matcher for each value a create's reply holds that its request did not send: the names,
    emails and tenant ids the mock's hooks and Faker filled in, which another seed fills differently."""
    out: dict[str, dict] = {}
    if not isinstance(reply, dict):
        return out
    for key, value in reply.items():
        if key.startswith("@") or value is None:
            continue
        given = sent.get(key) if isinstance(sent, dict) else None
        if value == given or value in ([], {}):  # an empty default is the same under every seed
            continue
        if isinstance(value, dict):
            out.update(_made_up(value, given, (*where, key)))
        else:
            out[json_path([*where, key])] = {"match": {"match": "type"}}
    return out


def _not_null(overrides: dict[str, dict], entity: Any) -> dict[str, dict]:
    """Matchers only where the value is there: a null the service left is itself the contract."""
    if not isinstance(entity, dict):
        return overrides
    return {path: rule for path, rule in overrides.items()
            if ("." not in path[2:] and entity.get(path[2:]) is not None) or "." in path[2:]}


def _generated(type_name: str, data: dict) -> dict[str, dict]:
    """JSON path → matcher for the values the service makes for a type (its id, its recipes)."""
    from mockgraph.model import type_spec

    spec = type_spec(type_name)
    recipes = {"id": spec["id"], **spec.get("generated", {})} if spec.get("id") else spec.get("generated", {})
    out = {json_path([prop]): data["generated"][recipe] for prop, recipe in recipes.items()
           if recipe in data["generated"]}
    for path, recipe in data.get("echoed", {}).get(type_name, {}).items():
        out[path] = data["generated"][recipe]
    return out
