"""What ``$filter`` and ``$orderby`` share about values: the kinds of properties, paths into entities, instants.

One job: how a property path as written is found on a type (case-insensitively, into complex values),
read from an entity dict, and how an ISO 8601 instant is read; plus the Edm names and the 400 that
messages about them use. Apart from the parser (``filter.py``) because ``query.py`` needs the same
answers for ``$select`` and ``$orderby``, and should not have to import a parser to get them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from mockgraph.errors import GraphError

FieldKinds = Mapping[str, str]  # property name -> "string" | "int" | "bool" | "datetimeoffset" | "enum" | ...

EDM = {"string": "Edm.String", "int": "Edm.Int32", "bool": "Edm.Boolean", "datetimeoffset": "Edm.DateTimeOffset",
       "enum": "Edm.Enum", "guid": "Edm.Guid", "null": "null", "any": "Edm.Untyped",
       "complex": "Edm.ComplexType", "collection": "Collection"}


def bad_request(message: str) -> GraphError:
    """Graph's 400 for a query option it cannot use: ``BadRequest`` with this message."""
    return GraphError(400, "BadRequest", message)


def qualified(type_name: str) -> str:
    """The type's name as OData messages give it: ``microsoft.graph.virtualEventWebinar``."""
    return type_name if "." in type_name else f"microsoft.graph.{type_name}"


def resolve_path(path: str, fields: FieldKinds, *, type_name: str) -> tuple[tuple[str, ...], str]:
    """Map a property path as written to (declared spelling, kind); names are looked up case-insensitively.

    ``fields`` may declare a nested path (``"startDateTime/dateTime": "string"``); otherwise the segments after a
    complex property are kept as written and typed at run time (``"any"``).
    """
    lower = {name.lower(): name for name in fields}
    if path.lower() in lower and "/" in path:
        declared = lower[path.lower()]
        return tuple(declared.split("/")), fields[declared] if fields[declared] in EDM else "any"
    first, *rest = path.split("/")
    if first.lower() not in lower:
        raise bad_request(f"Could not find a property named '{first}' on type '{qualified(type_name)}'.")
    declared = lower[first.lower()]
    kind = fields[declared]
    if not rest:
        return (declared,), kind if kind in EDM else "any"
    if kind != "complex":
        raise bad_request(f"The parent value for a property access of a property '{rest[0]}' is not a single "
                          f"complex value: '{declared}' is {EDM.get(kind, kind)}, so '{path}' reaches into nothing.")
    return (declared, *rest), "any"


def get_path(entity: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path``, or None; exact keys first, then any spelling (values inside complex types)."""
    value = entity
    for name in path:
        if not isinstance(value, dict):
            return None
        value = value[name] if name in value else next((v for k, v in value.items() if k.lower() == name.lower()),
                                                          None)
    return value


def parse_instant(value: Any) -> datetime | None:
    """An aware datetime from an ISO 8601 string (no offset means UTC), or None."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str) or not re.match(r"\d{4}-\d\d-\d\d", value):
        return None
    try:
        parsed = datetime.fromisoformat(value[:-1] + "Z" if value.endswith("z") else value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
