"""An OpenAPI 3.1 document of what the mock serves, made from ``contracts/`` and nothing else.

OpenAPI 3.1 schemas are JSON Schema 2020-12, so the contracts go in as they are: each file's
``$defs`` become ``components/schemas`` and their ``$ref`` s are pointed there. Tools such as
Schemathesis or Prism can then read the same contract the mock validates against.

Two sources give the operations: ``contracts/operations.json`` (the original create-session operation,
``/{collection}/{virtualEventId}/sessions``, kept as it was: the Pact export and its tests name it) and
the family the mock serves (``model.operations()``, each in each of its versions), described from its kind:
the type's create/update/response views, Graph's statuses, the OData options the handlers read, and the
failures each can answer. Cached per server URL, so /_mockgraph/openapi.json costs a serialization.
Cheap to import: the command line registers ``mockgraph openapi`` from here.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from typing import Any

import click

ERROR_SCHEMA = "graphError.schema.json#/$defs/graphError"
#: Why each failure status can answer; which statuses an operation lists depends on its kind and path.
FAILURES = {
    "400": "The body, a query option or a key is malformed or breaks the contract (the message names what).",
    "401": "No bearer token (or, with check_permissions, one that is not a valid JWT for Graph).",
    "403": "With check_permissions: the token lacks every permission the operation accepts, or the caller's role "
           "may not change the event.",
    "404": "An entity the path names does not exist (or its parent was declared absent).",
    "405": "The method is not one Graph allows on this path (the Allow header lists those it does).",
    "409": "An entity with this id already exists here.",
    "413": "The body is larger than the mock's limit (--max-body-bytes).",
    "415": "The Content-Type is not application/json in UTF-8.",
    "507": "The mock holds as many entities as its max_entities setting allows.",
}
_ID_HEADERS = {
    "request-id": {"description": "A GUID for this request, repeated in error envelopes.", "required": True,
                   "schema": {"type": "string"}},
    "client-request-id": {"description": "The client's client-request-id, or request-id if it sent none.",
                          "required": True, "schema": {"type": "string"}},
}
_LOCATION = {"description": "The created entity's URL.", "required": True, "schema": {"type": "string"}}
_GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
#: Graph's key forms, by the id recipe of the type (contracts/model.json): events are "{guid}@{tenant guid}".
_KEY_PATTERNS = {"guid": f"^{_GUID}$", "event_id": f"^{_GUID}(@{_GUID})?$"}
#: Alternate keys and function parameters, by name. Never a quote: they sit inside an OData string literal.
_NAMED_PATTERNS = {"email": r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$", "userId": f"^{_GUID}$",
                   "joinWebUrl": r"^https://teams\.microsoft\.com/l/meetup-join/[^'\s{}]+$"}
_ANY_KEY = {"type": "string", "minLength": 1, "pattern": "^[^/]+$"}  # the original operation's: any key
#: handlers.create: a session may be created under any event id that routes (the lenient parent), so no pattern.
_LENIENT_PARENTS = {"virtualEventSession": {"type": "string", "minLength": 1}}
_CONTEXT = {"type": "string", "pattern": r"^https://graph\.microsoft\.com/(v1\.0|beta)/\$metadata#"}
_BODY_KINDS = {"create", "update"}


def document(server: str | None = None) -> dict[str, Any]:
    """The document; ``server`` is the base URL to announce (the paths carry the Graph version).

    Built once per server URL (10 to 40 ms, with the contracts loaded) and shared between callers, which only
    read or serialize it: copy.deepcopy it before changing it (a copy costs about as much as a build).
    """
    return _document(server)


@lru_cache(maxsize=16)
def _document(server: str | None) -> dict[str, Any]:
    from mockgraph import __version__
    from mockgraph.contracts import data_path, read_json

    folder = data_path("contracts")
    files = {path.name: read_json(path) for path in sorted(folder.glob("*.schema.json"))}
    spec = read_json(folder / "operations.json")
    schemas = _components(files)
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "mockgraph: Microsoft Graph virtual events mock",
            "version": __version__,
            "description": "Generated from mockgraph's contracts/ by `mockgraph openapi`. "
                           "Bodies are checked against these schemas; every failure is a Graph error envelope.",
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": {},
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "Any non-empty token; mockgraph does not check it."}},
        },
        "security": [{"bearer": []}],
    }
    if server:
        doc["servers"] = [{"url": server}]
    for op in spec["operations"]:
        for version in op["versions"]:
            doc["paths"][f"/{version}{op['path']}"] = {op["method"].lower(): _operation(op, version)}
    _Family(schemas).add_to(doc["paths"])
    return doc


#: Contracts whose $defs keep their own names; every other file's are prefixed with its type
#: ("attendanceRecord.create"),
#: since the generated contracts each have create, update and response views and their own complex types.
_UNPREFIXED = {"virtualEventSession.schema.json", "graphError.schema.json"}


def _components(files: dict[str, dict]) -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for name, contents in files.items():
        for key, schema in contents.get("$defs", {}).items():
            component = _component(name, key)
            if component in schemas:
                raise ValueError(f"contracts/{name}: $defs/{key} is also defined in another contract")
            schemas[component] = _repoint(schema, name)
    return schemas


def _component(file: str, key: str) -> str:
    return key if file in _UNPREFIXED else f"{file.removesuffix('.schema.json')}.{key}"


def _repoint(node: Any, file: str) -> Any:
    """Point ``$ref`` s (local or ``file.schema.json#/$defs/x``) at ``#/components/schemas/…``."""
    if isinstance(node, dict):
        return {k: _ref(v, file) if k == "$ref" else _repoint(v, file) for k, v in node.items()}
    if isinstance(node, list):
        return [_repoint(v, file) for v in node]
    return node


def _ref(ref: str, file: str = "virtualEventSession.schema.json") -> str:
    document, _, pointer = ref.partition("#")
    if not pointer.startswith("/$defs/") or pointer.count("/") != 2:
        raise ValueError(f"mockgraph openapi can only follow refs to a contract's $defs, not {ref!r}")
    return "#/components/schemas/" + _component(document or file, pointer.removeprefix("/$defs/"))


def _failures(*statuses: str) -> dict[str, Any]:
    error = {"application/json": {"schema": {"$ref": _ref(ERROR_SCHEMA)}}}
    return {status: {"description": FAILURES[status], "headers": _ID_HEADERS, "content": error}
            for status in statuses}


def _operation(op: dict, version: str) -> dict[str, Any]:
    """The original create-session operation of contracts/operations.json (its id and shape are relied on)."""
    values = op.get("pathValues", {})
    parameters = []
    for name in re.findall(r"\{(\w+)\}", op["path"]):
        schema = {"type": "string", "enum": values[name]} if name in values else _ANY_KEY
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    responses = {
        str(op["status"]): {
            "description": op.get("summary", op["name"]),
            "headers": {"Location": _LOCATION, **_ID_HEADERS},
            "content": {"application/json": {"schema": {"$ref": _ref(op["response"]["schema"])}}},
        },
        **_failures("400", "401", "403", "404", "405", "409", "413", "415", "507"),
    }
    return {
        "operationId": f"{op['name']}.{version}" if version != op["versions"][0] else op["name"],
        "summary": op.get("summary", op["name"]),
        "parameters": parameters,
        "requestBody": {"required": True,
                        "content": {"application/json": {"schema": {"$ref": _ref(op["request"]["schema"])}}}},
        "responses": responses,
    }


class _Family:
    """The served operations of the family (model.operations()), described from their kind and target type."""

    def __init__(self, schemas: dict[str, Any]):
        from mockgraph.model import model

        self.schemas = schemas
        self.model = model()
        self.responses = {self._view(name, "response"): name for name in self.model["types"]}
        self._fields: dict[str, dict[str, str]] = {}

    def add_to(self, paths: dict[str, Any]) -> None:
        from mockgraph.model import operations

        merged: dict[tuple[str, str], tuple[Any, list[str]]] = {}
        for op in operations():  # docs-only action paths may repeat an OpenAPI one: one entry, the versions merged
            if op.served:
                _, versions = merged.setdefault((op.method, op.path), (op, []))
                versions.extend(v for v in op.versions if v not in versions)
        ids: set[str] = set()
        for (method, path), (op, versions) in merged.items():
            for version in versions:
                described = self.operation(op, version)
                if described["operationId"] in ids:
                    raise ValueError(f"two operations would have the id {described['operationId']!r}")
                ids.add(described["operationId"])
                paths.setdefault(f"/{version}{path}", {})[method.lower()] = described

    # -- one operation ---------------------------------------------------------------------------------------

    def operation(self, op: Any, version: str) -> dict[str, Any]:
        types = self.types(op.target)
        success, media = self.success(op, types)
        keyed = any(step.keyed for step in op.steps)
        errors = ["400", "401", "403", *(["404"] if keyed else []), "405"]
        described: dict[str, Any] = {
            "operationId": _operation_id(op) + ("" if version == "v1.0" else f".{version}"),
            "summary": f"{op.kind} {op.target.type}" + (f" ({op.tail})" if op.tail and op.tail != "$count" else ""),
            "parameters": [*self.path_parameters(op), *self.query_parameters(op, types)],
        }
        body = self.request_body(op, types)
        if body:
            described["requestBody"] = body
            errors += ["413", "415"]
        if op.kind == "create":
            errors += ["409", "507"]
        if op.docs:
            described["description"] = "Graph's docs: " + ", ".join(op.docs) + "."
        reply: dict[str, Any] = {"description": f"{op.kind}: {op.status}", "headers": dict(_ID_HEADERS)}
        if op.kind == "create":
            reply["headers"] = {"Location": _LOCATION, **_ID_HEADERS}
        if success is not None:
            reply["content"] = {media: {"schema": success}}
        described["responses"] = {str(op.status): reply, **self.other_successes(op), **_failures(*sorted(errors))}
        return described

    @staticmethod
    def other_successes(op: Any) -> dict[str, Any]:
        """Statuses contracts/permissions.json gives some callers (a webinar registration by an app: 204, no body)."""
        from mockgraph.auth import rule_for

        rule = rule_for(op)
        statuses = {str(status) for status in (rule.status if rule else {}).values()} - {str(op.status)}
        return {status: {"description": f"{op.kind}: {status} for some callers (contracts/permissions.json)",
                         "headers": _ID_HEADERS} for status in sorted(statuses)}

    def success(self, op: Any, types: list[str]) -> tuple[dict | None, str]:
        if op.kind in ("create", "update"):
            return self.views(types, "response"), "application/json"
        if op.kind == "get":  # $select may leave out any property: the item schema, with the context
            return {**self.views(types, "item"), "required": ["@odata.context", "@odata.type"]}, "application/json"
        if op.kind in ("list", "function"):
            return {"type": "object", "required": ["@odata.context", "value"], "additionalProperties": False,
                    "properties": {"@odata.context": _CONTEXT, "@odata.count": {"type": "integer", "minimum": 0},
                                   "@odata.nextLink": {"type": "string", "format": "uri"},
                                   "value": {"type": "array", "items": self.views(types, "item")}}}, \
                "application/json"
        if op.kind == "count":
            return {"type": "integer", "minimum": 0}, "text/plain"
        return None, ""  # delete, action: 204

    def request_body(self, op: Any, types: list[str]) -> dict[str, Any] | None:
        if op.kind in _BODY_KINDS:
            return {"required": True, "content": {"application/json": {"schema": self.views(types, op.kind)}}}
        if op.kind == "action":
            action = self._action(op)
            if "body" in action:
                return {"required": False, "content": {"application/json": {"schema": action["body"]}}}
        return None

    def _action(self, op: Any) -> dict:
        actions = self.model["actions"]
        return actions.get(f"{op.target.nav}.{op.tail}") or actions[op.tail]

    # -- parameters ------------------------------------------------------------------------------------------

    def path_parameters(self, op: Any) -> list[dict[str, Any]]:
        patterns: dict[str, dict] = {}
        lenient = _LENIENT_PARENTS.get(op.target.type) if op.kind == "create" else None
        for step in op.steps:
            if step.key:
                patterns[step.key] = lenient or {"type": "string", "pattern": self.key_pattern(step.type)}
            for prop, param in step.alternate:
                patterns[param] = {"type": "string", "pattern": _NAMED_PATTERNS.get(prop, _ANY_KEY["pattern"])}
        if op.kind == "function":
            roles = self.model["functions"][op.tail].get("roles")
            for param in op.tail_params.values():
                patterns[param] = ({"type": "string", "enum": roles} if param == "role" and roles
                                   else {"type": "string", "pattern": _NAMED_PATTERNS.get(param, "^[^/']+$")})
        return [{"name": name, "in": "path", "required": True, "schema": patterns.get(name, _ANY_KEY)}
                for name in re.findall(r"\{([^}]+)\}", op.path)]

    def key_pattern(self, type_name: str) -> str:
        spec = self.model["types"][type_name]
        recipes = [spec.get("id")] if spec.get("id") else [self.model["types"][d].get("id")
                                                            for d in spec.get("derived", [])]
        for recipe in ("event_id", "guid"):  # the widest form any of the types takes
            if recipe in recipes:
                return _KEY_PATTERNS[recipe]
        return _ANY_KEY["pattern"]

    def query_parameters(self, op: Any, types: list[str]) -> list[dict[str, Any]]:
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
            resolver = contracts.registry(False).resolver(response.split("#", 1)[0])
            self._fields[type_name] = _fields(resolver.lookup(response).contents, resolver)
        return self._fields[type_name]

    # -- schemas ---------------------------------------------------------------------------------------------

    def types(self, step: Any) -> list[str]:
        """The types an entity at this step may have: the step's, its derived ones, and a navigation's typeUnder."""
        names = [step.type, *self.model["types"][step.type].get("derived", [])]
        segment = self.model["segments"].get(step.nav, {})
        if segment.get("type") == step.type:
            names += segment.get("typeUnder", {}).values()
        return list(dict.fromkeys(names))

    def views(self, types: list[str], view: str) -> dict[str, Any]:
        """One type's view, or any of several (``anyOf``) unless the first already dispatches on @odata.type."""
        refs = list(dict.fromkeys(self._view(name, view) for name in types))
        if len(refs) == 1 or "x-discriminator" in self.schemas[refs[0].rsplit("/", 1)[1]]:
            return {"$ref": refs[0]}
        return {"anyOf": [{"$ref": ref} for ref in refs]}

    def _view(self, type_name: str, view: str) -> str:
        """``#/components/schemas/…`` of a type's create, update or response view, or of its list item."""
        from mockgraph.entities import _views

        if view == "item":
            return self._item(type_name)
        return _ref(_views(type_name, self.model["types"][type_name])[view])

    def _item(self, type_name: str) -> str:
        """The response view as a list item or a $select reply: no property required but @odata.type."""
        name = f"{type_name}.item"
        if name not in self.schemas:
            response = self.schemas[self._view(type_name, "response").rsplit("/", 1)[1]]
            item = self._items_of(copy.deepcopy(response))
            item["required"] = [r for r in response.get("required", []) if r == "@odata.type"]
            item["description"] = (f"{type_name} in a list or after $select: any property may be left out; "
                                   "navigations show as lists do ([]) or as $expand brings them.")
            self.schemas[name] = item
            spec = self.model["types"][type_name]
            for nav in dict.fromkeys([*spec.get("inList", {}), *spec.get("expand", [])]):
                item.setdefault("properties", {})[nav] = {
                    "type": "array", "items": {"$ref": self._item(self.model["segments"][nav]["type"])}}
        return f"#/components/schemas/{name}"

    def _items_of(self, node: Any) -> Any:
        """Refs to a derived type's response (an abstract type's dispatch) point at that type's item instead."""
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref in self.responses:
                return {**node, "$ref": self._item(self.responses[ref])}
            return {k: v if k == "properties" else self._items_of(v) for k, v in node.items()}
        if isinstance(node, list):
            return [self._items_of(v) for v in node]
        return node


_CALL = re.compile(r"^([^()]+)\((.*)\)$")


def _operation_id(op: Any) -> str:
    """``townhalls.presenters.get``, ``webinars.registrationsByEmail.cancel``, ``townhalls.getByUserRole``."""
    from mockgraph.model import model

    words = []
    for text in op.path.strip("/").split("/")[len(model()["root"]):]:
        call = _CALL.match(text)
        if text.startswith("{") or text == "$count":
            continue
        if call and call.group(1) != op.tail:
            keys = [part.partition("=")[0].strip() for part in call.group(2).split(",")]
            words.append(call.group(1) + "By" + "And".join(k[:1].upper() + k[1:] for k in keys))
        else:
            words.append(call.group(1) if call else text)
    if op.kind not in ("action", "function"):
        words.append(op.kind)
    return ".".join(words)


@click.command("openapi")
@click.option("--server", help="Base URL to announce in 'servers', e.g. http://127.0.0.1:8000.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of stdout.")
def command(server: str | None, out: str | None) -> None:
    """Print the OpenAPI 3.1 document of the operations the mock serves (also at /_mockgraph/openapi.json)."""
    text = json.dumps(document(server), indent=2, ensure_ascii=False) + "\n"
    if out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        click.echo(text, nl=False)
