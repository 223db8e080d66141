"""The OpenAPI document's shared parts: the contracts' ``$defs`` as ``components/schemas``, refs to them, errors.

One job: turning contract files into components and pointing every ``$ref`` there, plus the pieces
every operation's description repeats (the error envelope's responses, the id headers, Location).
Apart from ``openapi.py`` so that the family's descriptions (``openapi_family``) can use them without
importing the document that uses the family. Standard library only: cheap to import.
"""

from __future__ import annotations

from typing import Any

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
ID_HEADERS = {
    "request-id": {"description": "A GUID for this request, repeated in error envelopes.", "required": True,
                   "schema": {"type": "string"}},
    "client-request-id": {"description": "The client's client-request-id, or request-id if it sent none.",
                          "required": True, "schema": {"type": "string"}},
}
LOCATION = {"description": "The created entity's URL.", "required": True, "schema": {"type": "string"}}
ANY_KEY = {"type": "string", "minLength": 1, "pattern": "^[^/]+$"}  # the original operation's: any key
#: Contracts whose $defs keep their own names; every other file's are prefixed with its type
#: ("attendanceRecord.create"),
#: since the generated contracts each have create, update and response views and their own complex types.
_UNPREFIXED = {"virtualEventSession.schema.json", "graphError.schema.json"}


def components(files: dict[str, dict]) -> dict[str, Any]:
    """Every contract file's ``$defs`` by component name, their refs repointed; ValueError on a name clash."""
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
        return {k: ref(v, file) if k == "$ref" else _repoint(v, file) for k, v in node.items()}
    if isinstance(node, list):
        return [_repoint(v, file) for v in node]
    return node


def ref(target: str, file: str = "virtualEventSession.schema.json") -> str:
    """``#/components/schemas/…`` of a contract ref (``file.schema.json#/$defs/x``, or ``#/$defs/x`` in ``file``)."""
    document, _, pointer = target.partition("#")
    if not pointer.startswith("/$defs/") or pointer.count("/") != 2:
        raise ValueError(f"mockgraph openapi can only follow refs to a contract's $defs, not {target!r}")
    return "#/components/schemas/" + _component(document or file, pointer.removeprefix("/$defs/"))


def failures(*statuses: str) -> dict[str, Any]:
    """The responses of these failure statuses: Graph's error envelope, with the id headers."""
    error = {"application/json": {"schema": {"$ref": ref(ERROR_SCHEMA)}}}
    return {status: {"description": FAILURES[status], "headers": ID_HEADERS, "content": error}
            for status in statuses}
