"""Entities as the service keeps and returns them: built once per type from the contracts, then made, merged, rendered.

A type's ``Kind`` holds what every request of that type needs, compiled when a request first meets the type
(``Kinds``): the create and update checks, the reply template (every property of the type, in contract order,
null until set), the values the service generates, its defaults, and the evolvable enums it hides from clients
that did not ask.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from mockgraph import contracts
from mockgraph.model import model, type_spec


@dataclass
class View:
    """One contract view (create or update): its checks are compiled when it first checks a body."""

    ref: str
    open_types: bool

    def check(self, body: dict) -> None:
        contracts.check_body(self.ref, self.open_types, body)


@dataclass
class Kind:
    name: str
    odata_type: str
    create: View
    update: View
    keys: list[str]                       # the reply's properties in order
    id_recipe: str | None
    recipes: dict[str, str]
    defaults: dict[str, Any]
    summary: frozenset[str] | None       # what a list shows (a set: it is asked once per property per item)
    evolvable: list[tuple[tuple, set]]
    hook: str | None = None
    children: dict[str, str] = field(default_factory=dict)
    derived: list[str] = field(default_factory=list)
    #: property -> the kind of value there, for $filter, $orderby and $select
    fields: dict[str, str] = field(default_factory=dict)
    #: navigations a list shows as they are here (attendance reports list their records as [])
    in_list: dict[str, Any] = field(default_factory=dict)
    #: navigations ``$expand`` may bring into a get
    expand: list[str] = field(default_factory=list)
    #: complex properties' declared members, so a stored value carries each of them (null where unset)
    shapes: dict[str, Any] = field(default_factory=dict)

    def template(self) -> dict[str, Any]:
        out = dict.fromkeys(self.keys)
        out["@odata.type"] = self.odata_type
        return out

    def summarize(self, entity: dict) -> dict:
        """What a list shows of an entity: the summary properties filled, the rest null (as Graph's session lists)."""
        if not self.summary:
            return entity
        shown = self.summary
        return {k: (v if k in shown or k[:1] == "@" else None) for k, v in entity.items()}

    def hide_unknown_members(self, entity: dict) -> dict:
        for path, members in self.evolvable:
            _hide_members(entity, path, members)
        return entity


def _views(name: str, spec: dict) -> dict[str, str]:
    if "views" in spec:
        return spec["views"]
    document = spec["schema"]
    return {view: f"{document}#/$defs/{view}" for view in ("create", "update", "response")}


def _keys(spec: dict, response: dict) -> list[str]:
    documented = []
    if "template" in spec:  # the documented response's order first, as the session create always answered
        documented = list(contracts.read_json(contracts.data_path("fixtures") / spec["template"]))
    ordered = ["@odata.type", *documented, *response.get("properties", {})]
    return [k for k in dict.fromkeys(ordered) if k != "@odata.context"]


class Kinds(Mapping[str, Kind]):
    """Every type of the model by name, each compiled the first time a request meets it (a create of one type
    reads only the contracts it needs); a type the model lacks is a KeyError, as in a dict."""

    def __init__(self, *, open_types: bool):
        self._types = model()["types"]
        self._open_types = open_types
        self._built: dict[str, Kind] = {}

    def __getitem__(self, name: str) -> Kind:
        try:
            return self._built[name]
        except KeyError:
            pass
        kind = self._built[name] = _kind(name, self._types[name], self._open_types)  # two threads: equal Kinds
        return kind

    def __iter__(self) -> Iterator[str]:
        return iter(self._types)

    def __len__(self) -> int:
        return len(self._types)


def load_kinds(*, open_types: bool) -> Kinds:
    """Every type of the model, each compiled on first use."""
    return Kinds(open_types=open_types)


def _kind(name: str, spec: dict, open_types: bool) -> Kind:
    views = _views(name, spec)
    response = contracts.resolve(views["response"])
    base = views["response"].split("#", 1)[0]  # the file the response view's own $refs point into
    return Kind(
        name=name,
        odata_type=f"#microsoft.graph.{name}",
        create=_view(views["create"], open_types),
        update=_view(views["update"], open_types),
        keys=_keys(spec, response),
        id_recipe=spec.get("id"),
        recipes=spec.get("generated", {}),
        defaults=spec.get("defaults", {}),
        summary=frozenset(spec["summary"]) if spec.get("summary") else None,
        evolvable=list(_evolvable_enums(response, base)),
        hook=spec.get("hook"),
        children=spec.get("children", {}),
        derived=spec.get("derived", []),
        fields=_fields(response, base),
        in_list=spec.get("inList", {}),
        expand=spec.get("expand", []),
        # the session answers what was sent, as it always has; generated contracts get Graph's full complex values
        shapes={} if "views" in spec else _shapes(response, base),
    )


def _shapes(schema: dict, base: str, depth: int = 0) -> dict[str, Any]:
    """property -> its complex type's members (each with its own shape), for every complex property of ``schema``."""
    out: dict[str, Any] = {}
    if depth > 4:
        return out
    for name, sub in schema.get("properties", {}).items():
        shape = _shape(sub, base, depth)
        if shape is not None:
            out[name] = shape
    return out


def _shape(sub: dict, base: str, depth: int) -> Any:
    while True:
        if "$ref" in sub and len(sub) <= 3:
            sub = contracts.resolve(sub["$ref"], base)
        elif len(sub.get("allOf", ())) == 1 and "properties" not in sub:
            sub = sub["allOf"][0]
        else:
            break
    if "items" in sub:
        inner = _shape(sub["items"], base, depth)
        return None if inner is None else ("list", inner)
    members = sub.get("properties")
    if not members or any(k in sub for k in ("if", "oneOf", "anyOf", "allOf")):
        return None  # scalars, and polymorphic values (identities): kept as sent
    return ("object", [m for m in members if not m.startswith("@")], _shapes(sub, base, depth + 1))


def complete(entity: dict, shapes: dict[str, Any]) -> dict:
    """Each complex value carries every member its type declares, null where unset, as Graph answers them."""
    for name, shape in shapes.items():
        if name in entity:
            entity[name] = _complete(entity[name], shape)
    return entity


def _complete(value: Any, shape: Any) -> Any:
    if value is None:
        return None
    if shape[0] == "list":
        return [_complete(v, shape[1]) for v in value] if isinstance(value, list) else value
    if not isinstance(value, dict):
        return value
    _, members, inner = shape
    out = {k: v for k, v in value.items() if k.startswith("@")}
    out.update({m: value.get(m) for m in members})
    out.update({k: v for k, v in value.items() if k not in out})
    return complete(out, inner)


def _fields(schema: dict, base: str) -> dict[str, str]:
    out = {}
    for name, sub in schema.get("properties", {}).items():
        if name.startswith("@"):
            continue
        while "$ref" in sub:
            sub = contracts.resolve(sub["$ref"], base)
        types = contracts.jsonschema_types(sub)
        if "enum" in sub:
            out[name] = "enum"
        elif "array" in types:
            out[name] = "collection"
        elif "object" in types or "properties" in sub:
            out[name] = "complex"
        elif "boolean" in types:
            out[name] = "bool"
        elif "integer" in types or "number" in types:
            out[name] = "int"
        elif sub.get("format") == "date-time" or "DateTimeOffset" in str(sub.get("title", "")):
            out[name] = "datetimeoffset"
        else:
            out[name] = "string"
    return out


def _view(ref: str, open_types: bool) -> View:
    return View(ref=ref, open_types=open_types)


def overlay(entity: dict, body: dict) -> dict:
    """The client's values over the entity; objects merge one level into generated ones, as the create always did."""
    for key, value in body.items():
        if key == "@odata.type":
            continue
        base = entity.get(key)
        entity[key] = {**base, **value} if isinstance(base, dict) and isinstance(value, dict) else value
    return entity


def merge_patch(entity: dict, body: dict) -> dict:
    """PATCH: each property sent replaces the stored one; complex values merge property by property; collections
    are replaced whole (OData's rules for PATCH); ``null`` sets a property to null."""
    out = dict(entity)
    for key, value in body.items():
        if key == "@odata.type":
            continue
        base = out.get(key)
        out[key] = _merge(base, value) if isinstance(base, dict) and isinstance(value, dict) else value
    return out


def _merge(base: dict, change: dict) -> dict:
    out = dict(base)
    for key, value in change.items():
        old = out.get(key)
        out[key] = _merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return out


def select(entity: dict, names: tuple[str, ...] | None) -> dict:
    if names is None:
        return entity
    wanted = {n.casefold() for n in names}
    return {k: v for k, v in entity.items() if k.startswith("@") or k.casefold() in wanted}


def type_names() -> list[str]:
    return list(model()["types"])


def spec_of(name: str) -> dict:
    return type_spec(name)


def _evolvable_enums(schema: dict, base: str, path: tuple = (), depth: int = 0):
    """Yield (property path, members listed after unknownFutureValue) for each evolvable enum."""
    if depth > 4:
        return
    for name, sub in schema.get("properties", {}).items():
        if "$ref" in sub:
            sub = contracts.resolve(sub["$ref"], base)
        if sub.get("x-membersAfterSentinel"):
            yield (*path, name), set(sub["x-membersAfterSentinel"])
        yield from _evolvable_enums(sub, base, (*path, name), depth + 1)


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
