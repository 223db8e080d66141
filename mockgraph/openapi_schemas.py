"""The OpenAPI schemas of the family's entities: which types an address holds, and each type's views by kind.

One job: picking the component a body or reply of a type points at (create, update, response) and
making the list-item view that ``$select`` and lists need (no property required but ``@odata.type``,
navigations as lists or ``$expand`` show them). Apart from the operations (``openapi_family``) and their
parameters (``openapi_parameters``), which only ask it for refs. Builds the item views into ``schemas``.
"""

from __future__ import annotations

import copy
from typing import Any

from mockgraph.openapi_components import ref as component_ref


class Schemas:
    """Views of the model's types over the document's ``components/schemas`` (extended with item views)."""

    def __init__(self, schemas: dict[str, Any], model: dict[str, Any]):
        self.schemas = schemas
        self.model = model
        self.responses = {self._view(name, "response"): name for name in self.model["types"]}

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
        return component_ref(_views(type_name, self.model["types"][type_name])[view])

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
