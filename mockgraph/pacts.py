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
                         overrides: dict[str, dict] | None = None, where: tuple = ()) -> Any:
    """Walk ``value`` beside its schema; ``overrides`` (JSON path → {match, generator}) win over the schema."""
    override = (overrides or {}).get(json_path(where))
    if override is not None:
        return _matcher(value, override.get("match"), override.get("generator"), spec)
    schema = _resolve(schema, resolver)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: with_schema_matchers(v, props.get(k, {}), resolver, spec, overrides, (*where, k))
                for k, v in value.items()}
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
        value = next((v for k, v in headers.items() if k.lower() == name.lower()), None)
        if value is not None:
            interaction.with_header(name, json.dumps(_matcher(value, rule, None, spec)), "Response")
    if body is not None:
        interaction.with_body(body, content_type=headers.get("Content-Type", "application/json"), part="Response")


def export(out_dir: Path | str, consumer: str = DEFAULT_CONSUMER, spec: str = "V4", *, seed: int = 0) -> Path:
    """Write ``<consumer>-microsoft-graph.json``: the documented create and its documented failures."""
    from mockgraph.app import create_app

    data = pact_data()
    app = create_app({"seed": seed})
    mock = app.extensions["mockgraph"]
    op = next(o for o in mock.operations if o.name == data["operation"])
    examples = {e.file: e for e in op.examples}
    resolver = _Resolver(op.spec["request"]["schema"])
    pact = _new_pact(consumer, spec)
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
        body = with_schema_matchers(example.body, request_schema, resolver, spec) if example.valid else example.body
        interaction.with_body(body, content_type="application/json", part="Request")
        overrides = _response_overrides(op, reply.status_code, data)
        if reply.status_code < 400:
            response_schema = _resolve({"$ref": op.spec["response"]["schema"]}, resolver)
            response_body = with_schema_matchers(reply.get_json(), response_schema, resolver, spec, overrides)
        else:  # the error code is the contract; its message, date and ids are not
            response_body = exact_except(reply.get_json(), overrides, spec)
        _respond(interaction, reply.status_code, dict(reply.headers), response_body, data["responseHeaders"], spec)
    return _write(pact, consumer, out_dir)


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
    values = change(mock.store, mock.settings.seed, body.get("state"), body.get("params"), body.get("action"))
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
