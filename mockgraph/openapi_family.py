"""The OpenAPI operations of the family the mock serves (``model.operations()``), each described from its kind.

One job: an operation's entry in ``paths``: its id, summary, parameters, request body, Graph's status
with its reply, the statuses some callers get (contracts/permissions.json) and the failures it can
answer. The schemas it points at come from ``openapi_schemas``, the parameters from ``openapi_parameters``;
the document around it is ``openapi.py``. Docs-only action paths that repeat an OpenAPI one merge into it.
"""

from __future__ import annotations

import re
from typing import Any

from mockgraph.openapi_components import ID_HEADERS, LOCATION, failures
from mockgraph.openapi_parameters import Parameters
from mockgraph.openapi_schemas import Schemas

_CONTEXT = {"type": "string", "pattern": r"^https://graph\.microsoft\.com/(v1\.0|beta)/\$metadata#"}
_BODY_KINDS = {"create", "update"}
_CALL = re.compile(r"^([^()]+)\((.*)\)$")


class Family:
    """The served operations of the family (model.operations()), described from their kind and target type."""

    def __init__(self, schemas: dict[str, Any]):
        from mockgraph.model import model

        self.model = model()
        self.schemas = Schemas(schemas, self.model)
        self.parameters = Parameters(self.model)

    def add_to(self, paths: dict[str, Any]) -> None:
        """Add every served operation, in each of its versions, to the document's ``paths``."""
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

    def operation(self, op: Any, version: str) -> dict[str, Any]:
        types = self.schemas.types(op.target)
        success, media = self.success(op, types)
        keyed = any(step.keyed for step in op.steps)
        errors = ["400", "401", "403", *(["404"] if keyed else []), "405"]
        described: dict[str, Any] = {
            "operationId": operation_id(op) + ("" if version == "v1.0" else f".{version}"),
            "summary": f"{op.kind} {op.target.type}" + (f" ({op.tail})" if op.tail and op.tail != "$count" else ""),
            "parameters": [*self.parameters.path_parameters(op), *self.parameters.query_parameters(op)],
        }
        body = self.request_body(op, types)
        if body:
            described["requestBody"] = body
            errors += ["413", "415"]
        if op.kind == "create":
            errors += ["409", "507"]
        if op.docs:
            described["description"] = "Graph's docs: " + ", ".join(op.docs) + "."
        reply: dict[str, Any] = {"description": f"{op.kind}: {op.status}", "headers": dict(ID_HEADERS)}
        if op.kind == "create":
            reply["headers"] = {"Location": LOCATION, **ID_HEADERS}
        if success is not None:
            reply["content"] = {media: {"schema": success}}
        described["responses"] = {str(op.status): reply, **self.other_successes(op), **failures(*sorted(errors))}
        return described

    @staticmethod
    def other_successes(op: Any) -> dict[str, Any]:
        """Statuses contracts/permissions.json gives some callers (a webinar registration by an app: 204, no body)."""
        from mockgraph.auth import rule_for

        rule = rule_for(op)
        statuses = {str(status) for status in (rule.status if rule else {}).values()} - {str(op.status)}
        return {status: {"description": f"{op.kind}: {status} for some callers (contracts/permissions.json)",
                         "headers": ID_HEADERS} for status in sorted(statuses)}

    def success(self, op: Any, types: list[str]) -> tuple[dict | None, str]:
        views = self.schemas.views
        if op.kind in ("create", "update"):
            return views(types, "response"), "application/json"
        if op.kind == "get":  # $select may leave out any property: the item schema, with the context
            return {**views(types, "item"), "required": ["@odata.context", "@odata.type"]}, "application/json"
        if op.kind in ("list", "function"):
            return {"type": "object", "required": ["@odata.context", "value"], "additionalProperties": False,
                    "properties": {"@odata.context": _CONTEXT, "@odata.count": {"type": "integer", "minimum": 0},
                                   "@odata.nextLink": {"type": "string", "format": "uri"},
                                   "value": {"type": "array", "items": views(types, "item")}}}, \
                "application/json"
        if op.kind == "count":
            return {"type": "integer", "minimum": 0}, "text/plain"
        return None, ""  # delete, action: 204

    def request_body(self, op: Any, types: list[str]) -> dict[str, Any] | None:
        if op.kind in _BODY_KINDS:
            return {"required": True, "content": {"application/json": {"schema": self.schemas.views(types, op.kind)}}}
        if op.kind == "action":
            action = self._action(op)
            if "body" in action:
                return {"required": False, "content": {"application/json": {"schema": action["body"]}}}
        return None

    def _action(self, op: Any) -> dict:
        actions = self.model["actions"]
        return actions.get(f"{op.target.nav}.{op.tail}") or actions[op.tail]


def operation_id(op: Any) -> str:
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
