"""An OpenAPI 3.1 document of what the mock serves, made from ``contracts/`` and nothing else.

OpenAPI 3.1 schemas are JSON Schema 2020-12, so the contracts go in as they are: each file's
``$defs`` become ``components/schemas`` and their ``$ref`` s are pointed there. Tools such as
Schemathesis or Prism can then read the same contract the mock validates against.
Cheap to import: the command line registers ``mockgraph openapi`` from here.
"""

from __future__ import annotations

import json
import re
from typing import Any

import click

ERROR_SCHEMA = "graphError.schema.json#/$defs/graphError"
#: The failures every operation can answer, whatever its contract: reading the body, auth, the parent.
FAILURES = {
    "400": "The body is not JSON, not one object, or breaks the contract (the message names the JSON path).",
    "401": "No bearer token (mockgraph checks that one is sent, never what it holds).",
    "404": "The parent was declared absent (provider state 'no virtual event exists').",
    "413": "The body is larger than the mock's limit (--max-body-bytes).",
    "415": "The Content-Type is not application/json in UTF-8.",
}
_ID_HEADERS = {
    "request-id": {"description": "A GUID for this request, repeated in error envelopes.",
                   "schema": {"type": "string"}},
    "client-request-id": {"description": "The client's client-request-id, or request-id if it sent none.",
                          "schema": {"type": "string"}},
}


def document(server: str | None = None) -> dict[str, Any]:
    """Build the document; ``server`` is the base URL to announce (the paths carry the Graph version)."""
    from mockgraph import __version__
    from mockgraph.contracts import data_path, read_json

    folder = data_path("contracts")
    files = {path.name: read_json(path) for path in sorted(folder.glob("*.schema.json"))}
    spec = read_json(folder / "operations.json")
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
            "schemas": _components(files),
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


def _operation(op: dict, version: str) -> dict[str, Any]:
    values = op.get("pathValues", {})
    parameters = []
    for name in re.findall(r"\{(\w+)\}", op["path"]):
        schema = ({"type": "string", "enum": values[name]} if name in values
                  else {"type": "string", "minLength": 1, "pattern": "^[^/]+$"})  # any key: Graph's are ids
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    error = {"application/json": {"schema": {"$ref": _ref(ERROR_SCHEMA)}}}
    responses = {
        str(op["status"]): {
            "description": op.get("summary", op["name"]),
            "headers": {"Location": {"description": "The created entity's URL.", "schema": {"type": "string"}},
                        **_ID_HEADERS},
            "content": {"application/json": {"schema": {"$ref": _ref(op["response"]["schema"])}}},
        },
        **{status: {"description": why, "headers": _ID_HEADERS, "content": error} for status, why in FAILURES.items()},
    }
    return {
        "operationId": f"{op['name']}.{version}" if version != op["versions"][0] else op["name"],
        "summary": op.get("summary", op["name"]),
        "parameters": parameters,
        "requestBody": {"required": True,
                        "content": {"application/json": {"schema": {"$ref": _ref(op["request"]["schema"])}}}},
        "responses": responses,
    }


@click.command("openapi")
@click.option("--server", help="Base URL to announce in 'servers', e.g. http://127.0.0.1:8000.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of stdout.")
def command(server: str | None, out: str | None) -> None:
    """Print the OpenAPI 3.1 document of the operations in contracts/ (also at /_mockgraph/openapi.json)."""
    text = json.dumps(document(server), indent=2, ensure_ascii=False) + "\n"
    if out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        click.echo(text, nl=False)
