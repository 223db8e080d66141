"""An OpenAPI 3.1 document of what the mock serves, made from ``contracts/`` and nothing else.

OpenAPI 3.1 schemas are JSON Schema 2020-12, so the contracts go in as they are: each file's
``$defs`` become ``components/schemas`` and their ``$ref`` s are pointed there. Tools such as
Schemathesis or Prism can then read the same contract the mock validates against.

Two sources give the operations: ``contracts/operations.json`` (the original create-session operation,
``/{collection}/{virtualEventId}/sessions``, kept as it was: the Pact export and its tests name it) and
the family the mock serves (``model.operations()``, each in each of its versions), described from its kind:
the type's create/update/response views, Graph's statuses, the OData options the handlers read, and the
failures each can answer. Cached per server URL, so /_mockgraph/openapi.json costs a serialization.

This module assembles the document and describes the original operation; the rest lives by job:
``openapi_components`` (components and refs, the shared error responses), ``openapi_family`` (the family's
operations), ``openapi_schemas`` (views per kind), ``openapi_parameters`` (path keys, OData options) and
``openapi_cli`` (the command, still importable from here as ``command``). Cheap to import: only the
standard library and click at the top; the model and contracts load when a document is first built.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from mockgraph.openapi_cli import command
from mockgraph.openapi_components import (
    ANY_KEY,
    ERROR_SCHEMA,
    FAILURES,
    ID_HEADERS,
    LOCATION,
    components,
    failures,
    ref,
)
from mockgraph.openapi_family import Family

__all__ = ["ERROR_SCHEMA", "FAILURES", "command", "document"]


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
    schemas = components(files)
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
    Family(schemas).add_to(doc["paths"])
    return doc


def _operation(op: dict, version: str) -> dict[str, Any]:
    """The original create-session operation of contracts/operations.json (its id and shape are relied on)."""
    values = op.get("pathValues", {})
    parameters = []
    for name in re.findall(r"\{(\w+)\}", op["path"]):
        schema = {"type": "string", "enum": values[name]} if name in values else ANY_KEY
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    responses = {
        str(op["status"]): {
            "description": op.get("summary", op["name"]),
            "headers": {"Location": LOCATION, **ID_HEADERS},
            "content": {"application/json": {"schema": {"$ref": ref(op["response"]["schema"])}}},
        },
        **failures("400", "401", "403", "404", "405", "409", "413", "415", "507"),
    }
    return {
        "operationId": f"{op['name']}.{version}" if version != op["versions"][0] else op["name"],
        "summary": op.get("summary", op["name"]),
        "parameters": parameters,
        "requestBody": {"required": True,
                        "content": {"application/json": {"schema": {"$ref": ref(op["request"]["schema"])}}}},
        "responses": responses,
    }
