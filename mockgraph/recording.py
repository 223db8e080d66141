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


class World:
    """What the mock held as the journal went on, as far as its replies showed it: address → entity.

    Each recorded interaction is given the states that make those entities again (with every property the
    replies showed, ids included), so a recorded flow (create, then read, then update) verifies against a
    fresh mock with any seed: the read's state holds what the create made.
    """

    def __init__(self) -> None:
        from mockgraph.model import operations
        from mockgraph.routing import Router

        self.entities: dict[str, dict] = {}
        self.router = Router(operations())

    def resolve(self, entry: dict):
        from mockgraph.errors import GraphError

        try:
            match = self.router.resolve(entry["method"], entry["path"])
        except GraphError:
            return None
        return match if match.operation.served else None

    def chain(self, match) -> list[tuple[Any, str, str]]:
        """(step, collection address, key) for each step of the path, as handlers.walk addresses them."""
        out: list[tuple[Any, str, str]] = []
        for step in match.operation.steps:
            if step.same_as:
                collection = f"{_address(*out[-2][1:])}/{step.same_as}"
            else:
                collection = f"{_address(*out[-1][1:])}/{step.store}" if out else step.store
            if not step.keyed:
                out.append((step, collection, ""))
                break
            if step.singleton:
                key = "$"
            elif step.alternate:
                (prop, param), = step.alternate
                wanted = match.params[param]
                key = next((e["id"] for a, e in self.entities.items() if a.rsplit("/", 1)[0] == collection
                            and str(e.get(prop, "")).casefold() == wanted.casefold()), wanted)
            else:
                key = match.params[step.key]
            out.append((step, collection, key))
        return out

    def states(self, match, entry: dict) -> list[tuple[str, dict]]:
        """The provider states that recreate what this request met; the first release's names where they fit."""
        from mockgraph.states import EVENT_PARAM, LEGACY_ABSENT, LEGACY_EXISTS, param_of, state_name

        op = match.operation
        chain = self.chain(match)
        keyed = [c for c in chain if c[0].keyed and not c[0].singleton]
        if op.target.keyed and not op.target.singleton and op.kind == "create":
            keyed = keyed[:-1]
        out: list[tuple[str, dict]] = []
        if not keyed:
            pass
        elif _address(*keyed[0][1:]) not in self.entities:
            reply = entry.get("response")
            code = (reply.get("error") or {}).get("code") if isinstance(reply, dict) else None
            name = LEGACY_ABSENT if entry["status"] == 404 and code == "itemNotFound" else LEGACY_EXISTS
            return [(name, {EVENT_PARAM: keyed[0][2]})]
        ids: dict[str, str] = {}
        top = keyed[0][0].nav if keyed else op.target.nav
        for step, collection, key in keyed:
            entity = self.entities.get(_address(collection, key))
            if entity is None:
                break  # a child the mock never showed: the request meets its absence
            if step.same_as:  # registrations/{r}/sessions/{s}: the event's own session
                navs, params = (top, step.same_as), {param_of(top): keyed[0][2], param_of(step.same_as): key}
            else:
                ids[param_of(step.nav)] = key
                navs, params = tuple(s.nav for s, _, _ in keyed[:len(ids)]), dict(ids)
            out.append((state_name(navs), {**params, **_properties(entity)}))
        if op.kind in ("list", "function") and not op.target.keyed:
            collection = chain[-1][1]
            nav = op.target.same_as or op.target.nav
            navs = (top, nav) if op.target.same_as else (*(s.nav for s, _, _ in keyed), nav)
            base = {param_of(top): keyed[0][2]} if op.target.same_as else dict(ids)
            if op.target.store == "events" and not keyed:
                collection, navs = "events", (op.target.nav if op.target.nav != "events" else None,)
            for address, entity in self.entities.items():
                if address.rsplit("/", 1)[0] != collection or navs[-1] is None:
                    continue
                if collection == "events" and entity.get("@odata.type") != f"#microsoft.graph.{op.target.type}":
                    continue
                out.append((state_name(navs), {**base, param_of(navs[-1]): entity["id"], **_properties(entity)}))
        return out

    def learn(self, match, entry: dict) -> None:
        """Take in what a successful reply showed, and what a delete or an action changed."""
        from mockgraph.model import model

        if not 200 <= entry["status"] < 300:
            return
        op = match.operation
        chain = self.chain(match)
        reply = entry.get("response") if isinstance(entry.get("response"), dict) else None
        step, collection, key = chain[-1]
        if op.kind == "create" and reply and reply.get("id"):
            self.entities[_address(collection, reply["id"])] = _entity(reply)
        elif op.kind in ("get", "update") and reply and step.keyed and not step.singleton:
            address = _address(collection, key)
            self.entities[address] = {**self.entities.get(address, {}), **_entity(reply, keep_null=True)}
        elif op.kind in ("list", "function") and reply and isinstance(reply.get("value"), list):
            for item in reply["value"]:
                if isinstance(item, dict) and item.get("id"):
                    where = "events" if step.store == "events" and len(chain) == 1 else collection
                    address = _address(where, item["id"])
                    self.entities[address] = {**self.entities.get(address, {}), **_entity(item)}
        elif op.kind == "delete" and step.keyed:
            address = _address(collection, key)
            self.entities = {a: e for a, e in self.entities.items() if a != address and not a.startswith(address + "/")}
        elif op.kind == "action":
            actions = model()["actions"]
            spec = actions.get(f"{step.nav}.{op.tail}") or actions.get(op.tail) or {}
            entity = self.entities.get(_address(collection, key))
            if entity is not None:
                entity.update({k: v for k, v in spec.get("set", {}).items() if not str(v).startswith("$")})


def _address(collection: str, key: str) -> str:
    return f"{collection}/{key.replace('%', '%25').replace('/', '%2F')}"


def _entity(reply: dict, keep_null: bool = False) -> dict:
    return {k: v for k, v in reply.items() if k != "@odata.context" and (keep_null or v is not None)}


def _properties(entity: dict) -> dict:
    """An entity as a state's params: every property it showed, its derived type, not its id (a param already)."""
    out = {k: v for k, v in entity.items() if v is not None and k != "id" and not k.startswith("@")}
    kind = entity.get("@odata.type", "")
    if "RegistrationCustomQuestion" in kind or "RegistrationPredefinedQuestion" in kind:
        out["@odata.type"] = kind
    return out


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
    interaction.with_header("Content-Type", json.dumps(_matcher(JSON_TYPE, rule, None, spec)), "Response")
    if isinstance(reply, dict) and "error" in reply:
        overrides = data["errorBody"]
    elif op is not None and entry["status"] < 300:
        recipes = op.spec["response"]["generated"]
        overrides = {json_path([prop]): data["generated"][recipe] for prop, recipe in recipes.items()}
    elif match is not None and entry["status"] < 300 and match.operation.kind == "create":
        overrides = _not_null(_generated(match.operation.target.type, data), reply)
    else:
        overrides = {}
    # Everything the consumer chose (the echoed body) stays exact; only made-up values get matchers.
    body = exact_except(reply, overrides, spec)
    if isinstance(reply, dict) and isinstance(reply.get("value"), list) and match is not None:
        # a list may hold what the mock made with a parent (a town hall's session): its made-up values match
        # what no state made (made with a parent) is the mock's to fill: its shape is the contract, not its values
        item = _generated(match.operation.target.type, data)
        body["value"] = [(exact_except(v, _not_null(item, v), spec) if v.get("id") in (known or set())
                          else _matcher(v, {"match": "type"}, None, spec)) if isinstance(v, dict) else v
                         for v in reply["value"]]
    interaction.with_body(body, content_type="application/json", part="Response")


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
