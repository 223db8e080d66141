"""The OpenAPI parameters of the family's operations: path keys with Graph's key forms, and the OData options.

One job: what a client may put in the path (event ids as ``{guid}@{tenant guid}``, alternate keys such
as ``email``, function parameters) and in the query (the options ``handlers.py`` reads, each with the
properties ``$select`` and ``$orderby`` may name). Apart from the operations (``openapi_family``) because
these tables follow the routing and OData code, not the operation kinds.
"""

from __future__ import annotations

import re
from typing import Any

from mockgraph.openapi_components import ANY_KEY

_GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
#: Graph's key forms, by the id recipe of the type (contracts/model.json): events are "{guid}@{tenant guid}".
_KEY_PATTERNS = {"guid": f"^{_GUID}$", "event_id": f"^{_GUID}(@{_GUID})?$"}
#: Alternate keys and function parameters, by name. Never a quote: they sit inside an OData string literal.
_NAMED_PATTERNS = {"email": r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$", "userId": f"^{_GUID}$",
                   "joinWebUrl": r"^https://teams\.microsoft\.com/l/meetup-join/[^'\s{}]+$"}
#: handlers.create: a session may be created under any event id that routes (the lenient parent), so no pattern.
_LENIENT_PARENTS = {"virtualEventSession": {"type": "string", "minLength": 1}}


class Parameters:
    """Path and query parameters of an operation (a ``model.Operation``), from the model's types."""

    def __init__(self, model: dict[str, Any]):
        self.model = model
        self._fields: dict[str, dict[str, str]] = {}

    def path_parameters(self, op: Any) -> list[dict[str, Any]]:
        patterns: dict[str, dict] = {}
        lenient = _LENIENT_PARENTS.get(op.target.type) if op.kind == "create" else None
        for step in op.steps:
            if step.key:
                patterns[step.key] = lenient or {"type": "string", "pattern": self.key_pattern(step.type)}
            for prop, param in step.alternate:
                patterns[param] = {"type": "string", "pattern": _NAMED_PATTERNS.get(prop, ANY_KEY["pattern"])}
        if op.kind == "function":
            roles = self.model["functions"][op.tail].get("roles")
            for param in op.tail_params.values():
                patterns[param] = ({"type": "string", "enum": roles} if param == "role" and roles
                                   else {"type": "string", "pattern": _NAMED_PATTERNS.get(param, "^[^/']+$")})
        return [{"name": name, "in": "path", "required": True, "schema": patterns.get(name, ANY_KEY)}
                for name in re.findall(r"\{([^}]+)\}", op.path)]

    def key_pattern(self, type_name: str) -> str:
        spec = self.model["types"][type_name]
        recipes = [spec.get("id")] if spec.get("id") else [self.model["types"][d].get("id")
                                                            for d in spec.get("derived", [])]
        for recipe in ("event_id", "guid"):  # the widest form any of the types takes
            if recipe in recipes:
                return _KEY_PATTERNS[recipe]
        return ANY_KEY["pattern"]

    def query_parameters(self, op: Any) -> list[dict[str, Any]]:
        """The OData options the handler reads (handlers.py): every list option on lists, $select on gets."""
        if op.kind == "get":
            names = ["$select", *(["$expand"] if self.expand(op.target.type) else [])]
        elif op.kind in ("list", "function"):
            names = ["$top", "$skip", "$count", "$select", "$orderby", "$filter", "$skiptoken"]
        elif op.kind == "count":
            names = ["$filter"]
        else:
            return []
        fields = self.fields(op.target.type)
        order = [f for f, kind in fields.items() if kind not in ("complex", "collection")]
        options = {
            "$top": {"type": "integer", "minimum": 0},
            "$skip": {"type": "integer", "minimum": 0},
            "$count": {"type": "boolean"},
            "$select": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": ["*", *fields]}},
            "$orderby": {"type": "array", "minItems": 1,
                         "items": {"type": "string", "enum": [f"{f}{d}" for f in order for d in ("", " desc")]}},
            "$expand": {"type": "array", "minItems": 1,
                        "items": {"type": "string", "enum": self.expand(op.target.type)}},
            "$filter": {"type": "string"},
            "$skiptoken": {"type": "string"},
        }
        out = []
        for name in names:
            parameter = {"name": name, "in": "query", "required": False, "schema": options[name]}
            if options[name]["type"] == "array":
                parameter.update(style="form", explode=False)
            out.append(parameter)
        return out

    def expand(self, type_name: str) -> list[str]:
        """The navigations a get of this type may $expand (model.json ``expand``; handlers.get refuses others)."""
        return self.model["types"][type_name].get("expand", [])

    def fields(self, type_name: str) -> dict[str, str]:
        """The properties $select and $orderby may name, as the app's Kind reads them (entities._fields)."""
        from mockgraph import contracts
        from mockgraph.entities import _fields, _views

        if type_name not in self._fields:
            response = _views(type_name, self.model["types"][type_name])["response"]
            self._fields[type_name] = _fields(contracts.resolve(response), response.split("#", 1)[0])
        return self._fields[type_name]
