"""Pact files out: the contract published as a pact, and consumers' pacts recorded from the journal.

Both are written by pact-python's Rust core (``Pact(...).write_file``), so they are real pact
files. Nothing here is a hand-written copy of the contract: the exported requests are the
documented examples in ``fixtures/``, the replies are what the mock itself answers to them,
and the matchers come from the JSON Schemas in ``contracts/`` plus ``contracts/pact.json``,
which names the values a consumer must not rely on. pact-python is imported only when a pact
is built, so the mock serves without it.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, request

from mockgraph.config import CONTROL_PREFIX
from mockgraph.contracts import Operation, data_path, json_path, read_json, registry
from mockgraph.errors import GraphError
from mockgraph.headers import graph_json
from mockgraph.payloads import read_body
from mockgraph.states import change

SPECS = ("V3", "V4")
bp = Blueprint("pacts", __name__, url_prefix=CONTROL_PREFIX.rstrip("/"))


def pact_data() -> dict:
    """``contracts/pact.json``: which examples become interactions, and the matchers for generated values."""
    return read_json(data_path("contracts") / "pact.json")


PROVIDER = "microsoft-graph"
DEFAULT_CONSUMER = "mockgraph-consumer"


def _matcher(value: Any, rule: dict | None, generator: dict | None, spec: str) -> Any:
    """Wrap ``value`` in Pact's integration JSON (``pact:matcher:type``) for the Rust core to read."""
    if rule is None and generator is None:
        return value
    out: dict[str, Any] = {"value": value}
    if rule is not None:
        out["pact:matcher:type"] = rule["match"]
        out.update({k: v for k, v in rule.items() if k != "match"})
    else:
        out["pact:matcher:type"] = "type"
    if generator is not None:
        out["pact:generator:type"] = generator["type"]
        extra = {k: v for k, v in generator.items() if k != "type"}
        if spec == "V3" and generator["type"] == "Uuid":
            extra.pop("format", None)  # the Uuid format is a V4 addition
        out.update(extra)
    return out


def _resolve(schema: dict, resolver) -> dict:
    while isinstance(schema, dict) and "$ref" in schema:
        schema = resolver.lookup(schema["$ref"]).contents
    return schema or {}


def _properties_of(schema: dict, resolver) -> dict:
    """The properties an object schema names, through allOf (a derived type's base) and anyOf/oneOf."""
    props = dict(schema.get("properties", {}))
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []):
            for name, value in _properties_of(_resolve(sub, resolver), resolver).items():
                props.setdefault(name, value)
    return props


def whole_match(pattern: str) -> str:
    """A JSON Schema pattern searches; a Pact regex must match the whole value."""
    head = "" if pattern.startswith("^") else ".*"
    tail = "" if pattern.endswith("$") and not pattern.endswith("\\$") else ".*"
    return f"{head}(?:{pattern}){tail}"


def _schema_rule(value: Any, schema: dict) -> dict | None:
    """What the contract says about one leaf: its pattern or enum as a regex, else its JSON type."""
    if value is None or "const" in schema:
        return None
    if "pattern" in schema and isinstance(value, str):
        return {"match": "regex", "regex": whole_match(schema["pattern"])}
    members = [m for m in schema.get("enum", []) if isinstance(m, str)]
    if members and isinstance(value, str):
        return {"match": "regex", "regex": "^(" + "|".join(re.escape(m) for m in members) + ")$"}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"match": "integer"}
    return {"match": "type"}


def with_schema_matchers(value: Any, schema: dict, resolver, spec: str,
                         overrides: dict[str, dict] | None = None, where: tuple = (), *,
                         open_objects: bool = False) -> Any:
    """Walk ``value`` beside its schema; ``overrides`` (JSON path → {match, generator}) win over the schema.

    ``open_objects`` (V4, for request bodies) lets an object hold any of its schema's properties, not exactly
    the example's: Pact compares a request's keys exactly, unless an ``eachKey`` matcher says which keys may be.
    """
    override = (overrides or {}).get(json_path(where))
    if override is not None:
        return _matcher(value, override.get("match"), override.get("generator"), spec)
    schema = _resolve(schema, resolver)
    if isinstance(value, dict):
        props = _properties_of(schema, resolver)
        out = {k: with_schema_matchers(v, props.get(k, {}), resolver, spec, overrides, (*where, k))
               for k, v in value.items()}
        if open_objects and spec == "V4" and props:
            names = "|".join(re.escape(k) for k in sorted(set(props) | set(value)))
            return {"pact:matcher:type": "eachKey", "value": out,
                    "rules": [{"pact:matcher:type": "regex", "regex": f"^({names})$", "value": next(iter(value), "")}]}
        return out
    if isinstance(value, list):
        return _matcher(value, {"match": "type"}, None, spec) if value else value
    return _matcher(value, _schema_rule(value, schema), None, spec)


def exact_except(value: Any, overrides: dict[str, dict], spec: str, where: tuple = ()) -> Any:
    """``value`` as is, but with the override's matcher (and generator) at each overridden path."""
    override = overrides.get(json_path(where))
    if override is not None:
        return _matcher(value, override.get("match"), override.get("generator"), spec)
    if isinstance(value, dict):
        return {k: exact_except(v, overrides, spec, (*where, k)) for k, v in value.items()}
    return value


class _Resolver:
    """Look up ``$ref``s relative to one schema file."""

    def __init__(self, ref: str):
        self._resolver = registry(False).resolver(ref.split("#", 1)[0])

    def lookup(self, ref: str):
        return self._resolver.lookup(ref)


def _response_overrides(op: Operation, status: int, data: dict) -> dict[str, dict]:
    if status >= 400:
        return data["errorBody"]
    recipes = op.spec["response"]["generated"]
    return {json_path([prop]): data["generated"][recipe] for prop, recipe in recipes.items()}


def _path_matcher(op: Operation, version: str, collection: str, event: str, spec: str, any_event: bool) -> str:
    """The example path, a regex any event id fits, and a ``ProviderState`` generator for the event id.

    An interaction about one particular event (the absent one) keeps its exact path, so that a stub
    server answers 404 only for that event and 201 for every other.
    """
    versions = "|".join(re.escape(v) for v in op.versions)
    pattern = re.escape(op.path)
    for name, values in op.path_values.items():
        pattern = pattern.replace(re.escape("{" + name + "}"), "(" + "|".join(map(re.escape, values)) + ")")
    pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", pattern)
    example = op.concrete_path(version, collection=collection, **{op.parent: event})
    expression = op.concrete_path(version, collection=collection, **{op.parent: "${" + op.parent + "}"})
    rule = {"match": "regex", "regex": f"^/({versions}){pattern}$"} if any_event else {"match": "equality"}
    return json.dumps(_matcher(example, rule, {"type": "ProviderState", "expression": expression}, spec))


def _new_pact(consumer: str, spec: str):
    from pact import Pact

    if spec not in SPECS:
        raise ValueError(f"unknown Pact specification {spec!r}: use one of {', '.join(SPECS)}")
    return Pact(consumer, PROVIDER).with_specification(spec)


def _write(pact, consumer: str, out_dir: Path | str) -> Path:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pact.write_file(out, overwrite=True)
    return out / f"{consumer}-{PROVIDER}.json"


def _respond(interaction, status: int, headers: dict[str, str], body: Any, rules: dict, spec: str) -> None:
    interaction.will_respond_with(status)
    for name, rule in rules.items():
        if body is None and name.lower() == "content-type":
            continue  # a 204 has no body, so no type to promise
        value = next((v for k, v in headers.items() if k.lower() == name.lower()), None)
        if value is not None:
            interaction.with_header(name, json.dumps(_matcher(value, rule, None, spec)), "Response")
    if body is not None:
        interaction.with_body(body, content_type=headers.get("Content-Type", "application/json"), part="Response")


def export(out_dir: Path | str, consumer: str = DEFAULT_CONSUMER, spec: str = "V4", *, seed: int = 0) -> Path:
    """Write ``<consumer>-microsoft-graph.json``: every documented operation of the family and its failures.

    The session create keeps the four interactions of the first release; every other documented example
    (``fixtures/examples.json``) gives its success, a 404 for a missing event, a 401 without a token, and
    the failures contracts/pact.json names (``failures``).
    """
    from mockgraph.app import create_app

    app = create_app({"seed": seed})
    pact = _new_pact(consumer, spec)
    _add_session_create(pact, app, spec)
    add_family(pact, app, spec)
    return _write(pact, consumer, out_dir)


def _add_session_create(pact, app, spec: str) -> None:
    """The first release's interactions: the documented session create and its documented failures."""
    data = pact_data()
    mock = app.extensions["mockgraph"]
    op = next(o for o in mock.operations if o.name == data["operation"])
    examples = {e.file: e for e in op.examples}
    resolver = _Resolver(op.spec["request"]["schema"])
    client = app.test_client()
    for item in data["interactions"]:
        event = data["events"][item["event"]]
        example = examples[item["request"]]
        path = op.concrete_path(data["version"], collection=data["collection"], **{op.parent: event})
        headers = {"Content-Type": "application/json", **({"Authorization": data["token"]} if item["auth"] else {})}
        mock.store.reset()
        if item["state"] == "no virtual event exists":
            mock.store.set_event_absent(event, True)
        reply = client.post(path, json=example.body, headers=headers)
        if reply.status_code != item["status"]:
            raise RuntimeError(f"contracts/pact.json expects {item['status']} for '{item['description']}', "
                               f"but the mock answers {reply.status_code}: {reply.get_data(as_text=True)}")
        interaction = (pact.upon_receiving(item["description"])
                       .given(item["state"], {op.parent: event})
                       .with_request(op.method, _path_matcher(op, data["version"], data["collection"], event, spec,
                                                             any_event=item.get("anyEvent", True))))
        for name, value in headers.items():
            rule = data["requestHeaders"].get(name)
            interaction.with_header(name, json.dumps(_matcher(value, rule, None, spec)) if rule else value)
        request_schema = _resolve({"$ref": op.spec["request"]["schema"]}, resolver)
        # An invalid example is one exact body; a valid one stands for any body of its shape.
        body = with_schema_matchers(example.body, request_schema, resolver, spec, open_objects=True) \
            if example.valid else example.body
        interaction.with_body(body, content_type="application/json", part="Request")
        overrides = _response_overrides(op, reply.status_code, data)
        if reply.status_code < 400:
            response_schema = _resolve({"$ref": op.spec["response"]["schema"]}, resolver)
            response_body = with_schema_matchers(reply.get_json(), response_schema, resolver, spec, overrides)
        else:  # the error code is the contract; its message, date and ids are not
            response_body = exact_except(reply.get_json(), overrides, spec)
        _respond(interaction, reply.status_code, dict(reply.headers), response_body, data["responseHeaders"], spec)


def record(journal: Iterable[dict], out_dir: Path | str, consumer: str, spec: str = "V4", *,
           operations: list[Operation] | None = None) -> Path:
    """Write the pact of what a consumer sent and got, from the request journal (``graph.requests``)."""
    from mockgraph.recording import add_recorded

    pact = _new_pact(consumer, spec)
    add_recorded(pact, journal, spec, operations)
    return _write(pact, consumer, out_dir)


def render(journal: Iterable[dict], consumer: str, spec: str = "V4",
           operations: list[Operation] | None = None) -> dict:
    """The recorded pact as a dict (written to a temporary folder and read back)."""
    with tempfile.TemporaryDirectory(prefix="mockgraph-pact-") as folder:
        path = record(journal, folder, consumer, spec, operations=operations)
        return json.loads(path.read_text(encoding="utf-8"))


@bp.post("/provider-states")
def provider_states() -> Response:
    """Pact's state-change call: ``{"state", "params", "action"}`` in the body (or the query string)."""
    mock = current_app.extensions["mockgraph"]
    raw = read_body()
    if raw.strip():
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise GraphError(400, "BadRequest", "The state change body must be JSON: "
                                                '{"state": ..., "params": {...}, "action": "setup"}.') from None
        if not isinstance(body, dict):
            raise GraphError(400, "BadRequest", "The state change body must be a JSON object.")
    else:  # --state-change-as-query: state, action and every other key as a param
        args = request.args.to_dict()
        body = {"state": args.pop("state", None), "action": args.pop("action", "setup"), "params": args}
    values = change(mock, body.get("state"), body.get("params"), body.get("action"))
    return graph_json(values, 200)


@bp.get("/pact")
def recorded_pact() -> Response:
    """The pact of the journal so far: ``GET /_mockgraph/pact?consumer=NAME[&spec=V3]``."""
    consumer = request.args.get("consumer", "").strip()
    spec = request.args.get("spec", "V4").upper()
    if not consumer:
        raise GraphError(400, "BadRequest", "Name the consumer: GET /_mockgraph/pact?consumer=NAME.")
    if spec not in SPECS:
        raise GraphError(400, "BadRequest", f"Unknown Pact specification {spec!r}: use V3 or V4.")
    try:
        import pact  # noqa: F401
    except ImportError:
        raise GraphError(501, "NotImplemented", "Recording a pact needs pact-python: "
                                                "pip install 'mockgraph[pact]'.") from None
    mock = current_app.extensions["mockgraph"]
    return graph_json(render(mock.store.journal(), consumer, spec, mock.operations), 200)


# -- the whole family: every documented example ----------------------------------------------------------------

EVENT_NAVS = ("events", "townhalls", "webinars")


@dataclass
class Documented:
    """One documented example resolved to the served operation it calls."""

    entry: dict                  # its fixtures/examples.json entry
    op: Any                      # model.Operation
    params: dict[str, str]
    version: str
    path: str                    # the path it sends, version included

    @property
    def label(self) -> str:
        return f"{self.entry['docsPage']} #{self.entry['n']}"

    @property
    def summary(self) -> str:
        text = self.entry.get("summary") or self.op.name
        return text[:1].lower() + text[1:]

    def body(self, role: str) -> Any:
        name = self.entry.get(role)
        return read_json(data_path("fixtures") / self.entry["docsPage"] / name) if name else None


def _placeholder(name: str) -> str:
    """A stand-in id for a template parameter the docs leave as ``{webinarId}``: stable, and shaped as Graph's."""
    import uuid

    guid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"mockgraph:pact:{name}"))
    return f"{guid}@{uuid.uuid5(uuid.NAMESPACE_URL, 'mockgraph:pact:tenant')}" if "ebinar" in name or \
        "ownhall" in name or "vent" in name else guid


def documented(router) -> tuple[list[Documented], list[str]]:
    """Every example of fixtures/examples.json that a served operation answers, and why the others are left out."""
    from mockgraph.contracts import read_json as read

    chosen, left_out = [], []
    for entry in read(data_path("fixtures") / "examples.json"):
        label = f"{entry['docsPage']} #{entry['n']}"
        url = entry["url"]
        candidates = [url] if "{" not in url else []
        candidates.append(re.sub(r"\{([^}]+)\}", lambda m: _placeholder(m.group(1)), entry["operation"]))
        for candidate in candidates:
            try:
                match = router.resolve(entry["method"], f"/{entry['version']}{candidate}")
            except GraphError:
                continue
            if match.operation.served:
                chosen.append(Documented(entry, match.operation, match.params, match.version,
                                         f"/{entry['version']}{candidate}"))
                break
        else:
            left_out.append(f"{label}: no served operation answers {entry['method']} {url}")
    return chosen, left_out


def _chain(ex: Documented) -> list[tuple[Any, str, dict]]:
    """The keyed steps of the path: (step, id, properties its key implies), singletons skipped."""
    import uuid

    out = []
    for step in ex.op.steps:
        if step.singleton or not step.keyed:
            continue
        if step.alternate:  # registrations(email='…'): an id of its own, and the email the path names
            (prop, param), = step.alternate
            value = ex.params[param]
            out.append((step, str(uuid.uuid5(uuid.NAMESPACE_URL, f"mockgraph:pact:{value}")), {prop: value}))
        else:
            out.append((step, ex.params[step.key], {}))
    return out


def _given_properties(state: Any, type_name: str, entity: dict, keep_generated: bool) -> dict:
    """What a state is given of a documented entity: its properties, less the ones the service makes."""
    from mockgraph.states import _check

    kind = state.kinds[type_name]
    concrete = (entity.get("@odata.type") or "").removeprefix("#microsoft.graph.")
    if concrete in kind.derived:
        kind = state.kinds[concrete]
    out = {"@odata.type": entity["@odata.type"]} if kind.name != type_name else {}
    for key, value in entity.items():
        if key.startswith("@") or key == "id" or value is None or key not in kind.keys:
            continue
        if key in kind.recipes and not keep_generated:
            continue
        try:
            _check(kind, {key: value}, "$")
        except GraphError:
            continue  # a truncated or loosely documented value the contract refuses: the mock's own stands
        out[key] = value
    return out


def example_states(state: Any, ex: Documented) -> list[tuple[str, dict]]:
    """The states that make mockgraph hold what the example needs: its path's entities, and what it reads.

    The path's deepest entity gets one state (which makes its parents); a session reached through a
    registration is the event's own; what a get, list or function documents is given as properties.
    """
    from mockgraph.states import param_of, state_name

    chain = _chain(ex)
    response = ex.body("response")
    keep_generated = ex.op.kind == "function" and "userId" in ex.params
    linear = [c for c in chain if not c[0].same_as]
    ids = {param_of(step.nav): ident for step, ident, _ in linear}
    target = ex.op.target
    reads_target = target.keyed and not target.singleton and isinstance(response, dict) and "value" not in response
    out: list[tuple[str, dict]] = []
    if linear:
        step, _, implied = linear[-1]
        params = {**ids, **implied}
        if reads_target and target is step:
            params.update(_given_properties(state, step.type, response, keep_generated))
        out.append((state_name(tuple(s.nav for s, _, _ in linear)), params))
    for step, ident, implied in (c for c in chain if c[0].same_as):
        params = {param_of(linear[0][0].nav): linear[0][1], param_of(step.same_as): ident, **implied}
        if reads_target and target is step:
            params.update(_given_properties(state, step.type, response, keep_generated))
        out.append((state_name((linear[0][0].nav, step.same_as)), params))
    items = response.get("value") if isinstance(response, dict) else None
    if not target.keyed and isinstance(items, list):
        nav = target.same_as or target.nav
        navs = (linear[0][0].nav, nav) if target.same_as else (*(s.nav for s, _, _ in linear), nav)
        base = {param_of(linear[0][0].nav): linear[0][1]} if target.same_as else ids
        for item in items:
            if isinstance(item, dict) and item.get("id"):
                params = {**base, param_of(nav): item["id"],
                          **_given_properties(state, target.type, item, keep_generated)}
                out.append((state_name(navs), params))
    return out


def _path_regex(ex: Documented) -> str:
    """Any id where the template has one; the documented path's literal segments and function parameters."""
    versions = "|".join(re.escape(v) for v in ex.op.versions)
    pattern = re.sub(r"\\\{[^}]+\\\}", "[^/']+", re.escape(ex.op.path))
    return f"^/({versions}){pattern}$"


def _path_expression(ex: Documented, chain: list[tuple[Any, str, dict]]) -> str:
    """The example's path with each id a state makes as ``${townhallId}``, for a ``ProviderState`` generator."""
    from mockgraph.routing import template_path
    from mockgraph.states import param_of

    values = dict(ex.params)
    for step, _, _ in chain:
        if step.key:
            values[step.key] = "${" + param_of(step.same_as or step.nav) + "}"
    filled = template_path(ex.op.path, values)
    return f"/{ex.version}" + filled.replace("%24%7B", "${").replace("%7D", "}")


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
        schema, resolver = actions[name].get("body", {}), _Resolver("virtualEvent.schema.json")
    else:
        _, views = _views(state, ex.op.target.type, body)
        ref = views["create" if ex.op.kind == "create" else "update"]
        resolver = _Resolver(ref)
        schema = _resolve({"$ref": ref}, resolver)
    return with_schema_matchers(body, schema, resolver, spec, open_objects=True)


def _response_body(state: Any, ex: Documented, reply: Any, spec: str, data: dict) -> Any:
    target = ex.op.target
    if isinstance(reply, dict) and isinstance(reply.get("value"), list):
        kind, views = _views(state, target.type, reply["value"][0] if reply["value"] else {})
        resolver = _Resolver(views["response"])
        item = _resolve({"$ref": views["response"]}, resolver)
        schema = {"properties": {"value": {"items": item}}}
        return with_schema_matchers(reply, schema, resolver, spec)
    kind, views = _views(state, target.type, reply)
    resolver = _Resolver(views["response"])
    schema = _resolve({"$ref": views["response"]}, resolver)
    recipes = {**({"id": kind.id_recipe} if kind.id_recipe else {}), **kind.recipes} if ex.op.kind == "create" else {}
    overrides = {json_path([prop]): data["generated"][recipe] for prop, recipe in recipes.items()
                 if recipe in data["generated"]}
    return with_schema_matchers(reply, schema, resolver, spec, overrides)


def _describe(prefix: str, ex: Documented, extra: str = "") -> str:
    return f"{prefix} {ex.summary}{extra} ({ex.label})"


def add_family(pact, app, spec: str) -> list[str]:
    """Add every documented example as interactions: its success, a missing event, no token, named failures.

    Returns what was left out and why (an example whose documented status mockgraph does not answer).
    """
    from mockgraph.states import absent_name, param_of

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
        chain = _chain(ex)
        path = json.dumps(_matcher(ex.path, {"match": "regex", "regex": _path_regex(ex)},
                                   {"type": "ProviderState", "expression": _path_expression(ex, chain)}
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
        _request(interaction, ex, json.dumps(_matcher(ex.path, {"match": "regex", "regex": _path_regex(ex)},
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
        interaction.with_header(name, json.dumps(_matcher(value, data["requestHeaders"][name], None, spec)))
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
    _respond(interaction, reply.status_code, dict(reply.headers), reply_body, rules, spec)


def _add_failure(pact, mock, client, ex: Documented, states: list, body: Any, failure: dict, auth: dict,
                 data: dict, spec: str) -> None:
    """A documented refusal (contracts/pact.json ``failures``): about one event id, so a stub routes only it there."""
    chain = _chain(ex)
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
        interaction.with_header(name, json.dumps(_matcher(value, data["requestHeaders"][name], None, spec)))
    if sent is not None:
        interaction.with_header("Content-Type", "application/json")
        interaction.with_body(json.dumps(sent), content_type="application/json", part="Request")
    _reply(interaction, ex, reply, data, spec, mock)
