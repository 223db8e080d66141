"""Pact matchers from the contract: an example value wrapped in Pact's integration JSON, leaf by leaf.

One job: ``pact:matcher:type`` (and ``pact:generator:type``) for pact-python's Rust core to read. The
rules come from the JSON Schemas in ``contracts/`` (a pattern or an enum as a regex, else the JSON
type) and from overrides by JSON path (``contracts/pact.json``'s generated values and error bodies).
Apart from the exporters because both the exported contract and recorded pacts need it, and it
knows nothing of Flask, the mock or pact-python.
"""

from __future__ import annotations

import re
from typing import Any

from mockgraph.contracts import json_path, resolve


def matcher(value: Any, rule: dict | None, generator: dict | None, spec: str) -> Any:
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


def deref(schema: dict, resolver) -> dict:
    """The schema a ``$ref`` (or a chain of them) points at."""
    while isinstance(schema, dict) and "$ref" in schema:
        schema = resolver.lookup(schema["$ref"])
    return schema or {}


def _properties_of(schema: dict, resolver) -> dict:
    """The properties an object schema names, through allOf (a derived type's base) and anyOf/oneOf."""
    props = dict(schema.get("properties", {}))
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []):
            for name, value in _properties_of(deref(sub, resolver), resolver).items():
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
        return matcher(value, override.get("match"), override.get("generator"), spec)
    schema = deref(schema, resolver)
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
        return matcher(value, {"match": "type"}, None, spec) if value else value
    return matcher(value, _schema_rule(value, schema), None, spec)


def exact_except(value: Any, overrides: dict[str, dict], spec: str, where: tuple = ()) -> Any:
    """``value`` as is, but with the override's matcher (and generator) at each overridden path."""
    override = overrides.get(json_path(where))
    if override is not None:
        return matcher(value, override.get("match"), override.get("generator"), spec)
    if isinstance(value, dict):
        return {k: exact_except(v, overrides, spec, (*where, k)) for k, v in value.items()}
    return value


class Resolver:
    """Look up ``$ref``s relative to one schema file."""

    def __init__(self, ref: str):
        self._base = ref.split("#", 1)[0]

    def lookup(self, ref: str) -> Any:
        return resolve(ref, self._base)
