"""What ``$filter``'s operators do at run time: comparison domains, two-valued comparisons, three-valued logic.

One job: the semantics a compiled clause runs with, as OData defines them. Comparisons are two-valued:
a null or missing side makes ``gt`` false and ``eq`` true only against null; a value of the wrong type
at run time matches nothing (``ne`` matches it). ``and or not`` and the string functions are
three-valued (null where no operand decides). Nothing here raises. Apart from the parser (``filter.py``),
which decides at compile time which of these a clause uses and reports the clauses that make no sense.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, NamedTuple

from mockgraph.odata.values import parse_instant

OPS = {"eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "ge": operator.ge, "lt": operator.lt,
       "le": operator.le}
#: Operator kinds as OData .NET names them in its messages.
OP_NAMES = {"eq": "Equal", "ne": "NotEqual", "gt": "GreaterThan", "ge": "GreaterThanOrEqual", "lt": "LessThan",
            "le": "LessThanOrEqual", "in": "In", "and": "And", "or": "Or"}
#: The string functions mockgraph knows, by how many arguments each takes; TEXT_KINDS are the kinds they take.
FUNCTIONS = {"startswith": 2, "endswith": 2, "contains": 2, "tolower": 1, "toupper": 1}
TEXT_KINDS = {"string", "enum", "guid", "any", "null"}
_BAD = object()  # a value the comparison's domain cannot take


class Node(NamedTuple):
    """A compiled operand: its kind, the function that reads it from an entity, and its source text."""

    kind: str  # a FieldKinds kind, or "guid", "null", "any" (a path inside a complex value, typed at run time)
    fn: Callable[[dict], Any]
    text: str  # the source text, for messages


COERCE: dict[str, Callable[[Any], Any]] = {  # comparison domain -> the value it takes, or _BAD
    "string": lambda v: v if isinstance(v, str) else _BAD,
    "guid": lambda v: v.lower() if isinstance(v, str) else _BAD,
    "number": lambda v: v if isinstance(v, (int, float)) and not isinstance(v, bool) else _BAD,
    "bool": lambda v: v if isinstance(v, bool) else _BAD,
    "instant": lambda v: _BAD if (parsed := parse_instant(v)) is None else parsed,
    "dynamic": lambda v: v,  # both sides typed at run time
}
_SELF = {"string": "string", "enum": "string", "guid": "guid", "int": "number", "bool": "bool",
         "datetimeoffset": "instant"}
_PAIRS = {frozenset({"string", "enum"}): "string", frozenset({"string", "guid"}): "guid"}


def comparison_domain(a: str, b: str) -> str | None:
    """Where two operand kinds can be compared, or None when OData calls them incompatible."""
    if "null" in (a, b) or a == b == "any":
        return "dynamic"
    if "any" in (a, b):
        return _SELF.get(b if a == "any" else a)
    if a == b:
        return _SELF.get(a)
    return _PAIRS.get(frozenset({a, b}))


def compare(op: str, coerce: Callable[[Any], Any], a: Any, b: Any) -> bool:
    """``a op b`` in the domain ``coerce`` stands for; two-valued, as OData's comparisons are."""
    if a is None or b is None:
        both = a is None and b is None
        return both if op == "eq" else (not both if op == "ne" else False)
    a, b = coerce(a), coerce(b)
    if a is _BAD or b is _BAD:
        return op == "ne"
    try:
        return bool(OPS[op](a, b))
    except TypeError:  # "dynamic" values of two types
        return op == "ne"


def truth(value: Any) -> bool | None:
    """A boolean operand's value, or None (unknown) for null or a value of the wrong type."""
    return value if isinstance(value, bool) else None


def logical(fns: list[Callable[[dict], Any]], decisive: bool, entity: dict) -> bool | None:
    """OData's three-valued and/or: null only where no operand decides (``false and null`` is false)."""
    result: bool | None = not decisive
    for fn in fns:
        value = truth(fn(entity))
        if value is decisive:
            return decisive
        if value is None:
            result = None
    return result


def string_function(name: str, args: list[Node]) -> Node:
    """A call of one of ``FUNCTIONS`` (arguments already checked); null in, null out."""
    def text(node: Node) -> Callable[[dict], Any]:
        return lambda e: v if isinstance(v := node.fn(e), str) else None

    fns = [text(a) for a in args]
    if name in ("tolower", "toupper"):
        change = str.lower if name == "tolower" else str.upper
        return Node("string", lambda e: None if (v := fns[0](e)) is None else change(v), name)
    test = {"startswith": str.startswith, "endswith": str.endswith, "contains": str.__contains__}[name]
    return Node("bool", lambda e: None if None in (a := fns[0](e), b := fns[1](e)) else test(a, b), name)
