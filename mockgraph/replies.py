"""Building a created entity the way the service returns it, from the documented example."""

from __future__ import annotations

from typing import Any

from mockgraph.contracts import Operation, data_path, read_json, registry


class Reply:
    """The documented response, made once into a template: placeholders out, real values in.

    Every property the page documents keeps its place; properties of the current type that the
    page predates follow in contract order; all start as null. A create then overlays the values
    Graph generates and, over those, exactly what the client sent.
    """

    def __init__(self, operation: Operation):
        spec = operation.spec["response"]
        documented = read_json(data_path("fixtures") / spec["template"])
        schema = registry(False).resolver().lookup(spec["schema"]).contents
        keys = ["@odata.context", *documented, *schema["properties"]]
        self.template: dict[str, Any] = dict.fromkeys(keys)
        self.template["@odata.type"] = spec["odataType"]
        self.recipes: dict[str, str] = spec["generated"]
        self.context = spec["context"]
        self.location = spec["location"]
        resolver = registry(False).resolver(spec["schema"].split("#", 1)[0])
        self.evolvable = list(_evolvable_enums(schema, resolver))

    def build(self, body: dict, generated: dict, params: dict[str, str],
              include_unknown_enum_members: bool) -> dict:
        out = dict(self.template)
        out["@odata.context"] = self.context.format(**{k: _odata_literal(v) for k, v in params.items()})
        out.update(generated)
        for key, value in body.items():
            if key == "@odata.type":
                continue  # the service answers with the type it created, whatever spelling came in
            base = generated.get(key)
            out[key] = {**base, **value} if isinstance(base, dict) and isinstance(value, dict) else value
        if not include_unknown_enum_members:
            for path, members in self.evolvable:
                _hide_members(out, path, members)
        return out


def _odata_literal(value: str) -> str:
    return value.replace("'", "''")


def _evolvable_enums(schema: dict, resolver, path: tuple = (), depth: int = 0):
    """Yield (property path, members listed after unknownFutureValue) for each evolvable enum."""
    if depth > 4:
        return
    for name, sub in schema.get("properties", {}).items():
        if "$ref" in sub:
            sub = resolver.lookup(sub["$ref"]).contents
        if sub.get("x-membersAfterSentinel"):
            yield (*path, name), set(sub["x-membersAfterSentinel"])
        yield from _evolvable_enums(sub, resolver, (*path, name), depth + 1)


def _hide_members(entity: dict, path: tuple, members: set) -> None:
    """Graph sends members added after unknownFutureValue only to clients that ask for them."""
    parent = entity
    for key in path[:-1]:
        child = parent.get(key)
        if not isinstance(child, dict):
            return
        parent[key] = parent = dict(child)  # copy: the client's body stays as it was sent
    if parent.get(path[-1]) in members:
        parent[path[-1]] = "unknownFutureValue"
