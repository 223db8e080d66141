"""Interactions for every documented example of the family: its success, a missing event, no token, a refusal.

One job: asking the mock what it answers each example (on a fresh store, in the example's states) and
adding that exchange to the pact, with matchers from the type's create, update and response views.
Apart from ``examples.py`` (which example, which states) and ``exporter.py`` (the pact file) so that
each stays short; the session create of the first release is the exporter's own.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mockgraph.contracts import json_path
from mockgraph.pacts.examples import (
    EVENT_NAVS,
    Documented,
    documented,
    example_states,
    keyed_steps,
    path_expression,
    path_regex,
)
from mockgraph.pacts.matching import Resolver, deref, exact_except, matcher, with_schema_matchers
from mockgraph.pacts.pactfile import pact_data, respond


def add_family(pact, app, spec: str) -> list[str]:
    """Add every documented example as interactions: its success, a missing event, no token, named failures.

    Returns what was left out and why (an example whose documented status mockgraph does not answer).
    """
    from mockgraph.vocabulary import absent_name, param_of

    data = pact_data()
    mock = app.extensions["mockgraph"]
    client = app.test_client()
    examples, left_out = documented(mock.router)
    failures = {f["example"]: f for f in data.get("failures", [])}
    auth = {"Authorization": data["token"]}
    for ex in examples:
        states = example_states(mock, ex)
        body = ex.body("request")
        reply = _answer(mock, client, ex.entry["method"], ex.path, states, body, auth)
        if reply.status_code != ex.entry["status"]:
            left_out.append(f"{ex.label}: documented {ex.entry['status']}, mockgraph answers {reply.status_code}")
            continue
        chain = keyed_steps(ex)
        path = json.dumps(matcher(ex.path, {"match": "regex", "regex": path_regex(ex)},
                                   {"type": "ProviderState", "expression": path_expression(ex, chain)}
                                   if chain else None, spec))
        interaction = pact.upon_receiving(_describe("a request to", ex))
        for name, params in states:
            interaction.given(name, params)
        _request(interaction, ex, path, body, auth, data, spec, mock)
        _reply(interaction, ex, reply, data, spec, mock)
        if chain and chain[0][0].nav in EVENT_NAVS:  # the same request about an event that is not there
            absent = data["events"]["absent"]
            gone = ex.path.replace(chain[0][1], absent, 1)
            state = (absent_name(chain[0][0].nav), {param_of(chain[0][0].nav): absent})
            reply = _answer(mock, client, ex.entry["method"], gone, [state], body, auth)
            interaction = pact.upon_receiving(_describe("a request about a missing event to", ex)).given(*state)
            _request(interaction, ex, gone, body, auth, data, spec, mock)
            _reply(interaction, ex, reply, data, spec, mock)
        reply = _answer(mock, client, ex.entry["method"], ex.path, [], body, {})
        interaction = pact.upon_receiving(_describe("an unauthenticated request to", ex))
        _request(interaction, ex, json.dumps(matcher(ex.path, {"match": "regex", "regex": path_regex(ex)},
                                                      None, spec)), body, {}, data, spec, mock)
        _reply(interaction, ex, reply, data, spec, mock)
        failure = failures.get(ex.label)
        if failure:
            _add_failure(pact, mock, client, ex, states, body, failure, auth, data, spec)
    return left_out


def _answer(mock, client, method: str, path: str, states: list, body: Any, headers: dict):
    """What mockgraph answers ``path`` in the given states, on a fresh store."""
    from mockgraph.states import change

    mock.store.reset()
    for name, params in states:
        change(mock, name, params, "setup")
    return client.open(path, method=method, json=body, headers=headers) if body is not None else \
        client.open(path, method=method, headers=headers)


def _request(interaction, ex: Documented, path: str, body: Any, auth: dict, data: dict, spec: str, mock) -> None:
    interaction.with_request(ex.entry["method"], path)
    for name, value in auth.items():
        interaction.with_header(name, json.dumps(matcher(value, data["requestHeaders"][name], None, spec)))
    if body is not None:
        interaction.with_header("Content-Type", "application/json")
        interaction.with_body(_request_body(mock, ex, body, spec) if auth else body,
                              content_type="application/json", part="Request")


def _reply(interaction, ex: Documented, reply, data: dict, spec: str, mock) -> None:
    rules = dict(data["responseHeaders"])
    rules["Location"] = {"match": "regex", "regex": f"^.*/{re.escape(ex.op.target.nav)}/[^/]+$"}
    if reply.status_code == 204 or not reply.get_data():
        reply_body = None
    elif reply.status_code >= 400:
        reply_body = exact_except(reply.get_json(), data["errorBody"], spec)
    else:
        reply_body = _response_body(mock, ex, reply.get_json(), spec, data)
    respond(interaction, reply.status_code, dict(reply.headers), reply_body, rules, spec)


def _add_failure(pact, mock, client, ex: Documented, states: list, body: Any, failure: dict, auth: dict,
                 data: dict, spec: str) -> None:
    """A documented refusal (contracts/pact.json ``failures``): about one event id, so a stub routes only it there."""
    chain = keyed_steps(ex)
    event = data["events"]["refused"]
    path = ex.path.replace(chain[0][1], event, 1) if chain else ex.path
    given = [(name, {**{k: (event if chain and v == chain[0][1] else v) for k, v in params.items()},
                     **(failure.get("state", {}) if i == len(states) - 1 else {})})
             for i, (name, params) in enumerate(states)]
    sent = {**(body or {}), **failure.get("body", {})} if body is not None or failure.get("body") else None
    reply = _answer(mock, client, ex.entry["method"], path, given, sent, auth)
    if reply.status_code != failure["status"]:
        raise RuntimeError(f"contracts/pact.json expects {failure['status']} for the failure of {ex.label}, "
                           f"but the mock answers {reply.status_code}: {reply.get_data(as_text=True)}")
    interaction = pact.upon_receiving(_describe("a refused request to", ex, f": {failure['description']}"))
    for name, params in given:
        interaction.given(name, params)
    interaction.with_request(ex.entry["method"], path)
    for name, value in auth.items():
        interaction.with_header(name, json.dumps(matcher(value, data["requestHeaders"][name], None, spec)))
    if sent is not None:
        interaction.with_header("Content-Type", "application/json")
        interaction.with_body(json.dumps(sent), content_type="application/json", part="Request")
    _reply(interaction, ex, reply, data, spec, mock)


def _views(state: Any, type_name: str, entity: Any) -> tuple[Any, dict]:
    """The concrete kind of ``entity`` (derived types by @odata.type) and its model spec."""
    from mockgraph.model import type_spec

    kind = state.kinds[type_name]
    sent = (entity.get("@odata.type") or "").lstrip("#").removeprefix("microsoft.graph.") if isinstance(
        entity, dict) else ""
    if sent in kind.derived:
        kind = state.kinds[sent]
    spec = type_spec(kind.name)
    views = spec.get("views") or {v: f"{spec['schema']}#/$defs/{v}" for v in ("create", "update", "response")}
    return kind, views


def _request_body(state: Any, ex: Documented, body: Any, spec: str) -> Any:
    from mockgraph.model import model

    if ex.op.kind == "action":
        actions = model()["actions"]
        name = f"{ex.op.target.nav}.{ex.op.tail}" if f"{ex.op.target.nav}.{ex.op.tail}" in actions else ex.op.tail
        schema, resolver = actions[name].get("body", {}), Resolver("virtualEvent.schema.json")
    else:
        _, views = _views(state, ex.op.target.type, body)
        ref = views["create" if ex.op.kind == "create" else "update"]
        resolver = Resolver(ref)
        schema = deref({"$ref": ref}, resolver)
    return with_schema_matchers(body, schema, resolver, spec, open_objects=True)


def _response_body(state: Any, ex: Documented, reply: Any, spec: str, data: dict) -> Any:
    target = ex.op.target
    if isinstance(reply, dict) and isinstance(reply.get("value"), list):
        kind, views = _views(state, target.type, reply["value"][0] if reply["value"] else {})
        resolver = Resolver(views["response"])
        item = deref({"$ref": views["response"]}, resolver)
        schema = {"properties": {"value": {"items": item}}}
        return with_schema_matchers(reply, schema, resolver, spec)
    kind, views = _views(state, target.type, reply)
    resolver = Resolver(views["response"])
    schema = deref({"$ref": views["response"]}, resolver)
    recipes = {**({"id": kind.id_recipe} if kind.id_recipe else {}), **kind.recipes} if ex.op.kind == "create" else {}
    overrides = {json_path([prop]): data["generated"][recipe] for prop, recipe in recipes.items()
                 if recipe in data["generated"]}
    return with_schema_matchers(reply, schema, resolver, spec, overrides)


def _describe(prefix: str, ex: Documented, extra: str = "") -> str:
    return f"{prefix} {ex.summary}{extra} ({ex.label})"
