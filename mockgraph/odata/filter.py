"""The ``$filter`` subset mockgraph understands, compiled once into a predicate over entity dicts.

Hand-written: odata-query, the maintained parser on PyPI, transpiles to SQL and Django and has no evaluator
over dicts, and the errors have to come out in Graph's (OData .NET's) words anyway. Precedence is OData's:
``not`` binds to the operand after it (``not a eq b`` is ``(not a) eq b``, a 400 when ``a`` is not boolean,
as in Graph), then comparisons, ``and``, ``or``::

    or := and ('or' and)*        and := compare ('and' compare)*
    compare := unary [op unary | 'in' '(' literal (',' literal)* ')']
    unary := 'not' unary | '(' or ')' | function '(' args ')' | property/path | literal

Comparisons are two-valued, as OData defines them: a null or missing side makes ``gt`` false and ``eq`` true
only against null; a value of the wrong type at run time matches nothing (``ne`` matches it). ``and or not``
and the string functions are three-valued (``not`` of a null boolean stays null), and only true selects an
entity. Nothing raises at run time.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, NamedTuple

from mockgraph.errors import GraphError

FieldKinds = Mapping[str, str]  # property name -> "string" | "int" | "bool" | "datetimeoffset" | "enum" | ...
Predicate = Callable[[dict], bool]

MAX_LENGTH = 2000
MAX_DEPTH = 50

EDM = {"string": "Edm.String", "int": "Edm.Int32", "bool": "Edm.Boolean", "datetimeoffset": "Edm.DateTimeOffset",
       "enum": "Edm.Enum", "guid": "Edm.Guid", "null": "null", "any": "Edm.Untyped",
       "complex": "Edm.ComplexType", "collection": "Collection"}
_OPS = {"eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "ge": operator.ge, "lt": operator.lt,
        "le": operator.le}
_OP_NAMES = {"eq": "Equal", "ne": "NotEqual", "gt": "GreaterThan", "ge": "GreaterThanOrEqual", "lt": "LessThan",
             "le": "LessThanOrEqual", "in": "In", "and": "And", "or": "Or"}
_KEYWORDS = {*_OPS, "and", "or", "not", "in", "true", "false", "null"}
_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<string>'(?:[^']|'')*')
  | (?P<enum>[A-Za-z_][\w.]*\.\w+'(?:[^']|'')*')
  | (?P<datetime>\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d))
  | (?P<guid>[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![\w-]))
  | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.]))
  | (?P<name>[A-Za-z_]\w*(?:/[A-Za-z_]\w*)*)
  | (?P<punct>[(),])
""", re.VERBOSE)
_BAD = object()  # a value the comparison's domain cannot take


class Token(NamedTuple):
    kind: str
    text: str
    pos: int


class Node(NamedTuple):
    kind: str  # a FieldKinds kind, or "guid", "null", "any" (a path inside a complex value, typed at run time)
    fn: Callable[[dict], Any]
    text: str  # the source text, for messages


def bad_request(message: str) -> GraphError:
    return GraphError(400, "BadRequest", message)


def qualified(type_name: str) -> str:
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


_COERCE: dict[str, Callable[[Any], Any]] = {  # comparison domain -> the value it takes, or _BAD
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


def _domain(a: str, b: str) -> str | None:
    """Where two operand kinds can be compared, or None when OData calls them incompatible."""
    if "null" in (a, b) or a == b == "any":
        return "dynamic"
    if "any" in (a, b):
        return _SELF.get(b if a == "any" else a)
    if a == b:
        return _SELF.get(a)
    return _PAIRS.get(frozenset({a, b}))


def _compare(op: str, coerce: Callable[[Any], Any], a: Any, b: Any) -> bool:
    if a is None or b is None:
        both = a is None and b is None
        return both if op == "eq" else (not both if op == "ne" else False)
    a, b = coerce(a), coerce(b)
    if a is _BAD or b is _BAD:
        return op == "ne"
    try:
        return bool(_OPS[op](a, b))
    except TypeError:  # "dynamic" values of two types
        return op == "ne"


def _truth(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None  # null, or a value of the wrong type, is unknown


def _logical(fns: list[Callable[[dict], Any]], decisive: bool, entity: dict) -> bool | None:
    """OData's three-valued and/or: null only where no operand decides (``false and null`` is false)."""
    result: bool | None = not decisive
    for fn in fns:
        value = _truth(fn(entity))
        if value is decisive:
            return decisive
        if value is None:
            result = None
    return result


def _string_function(name: str, args: list[Node]) -> Node:
    def text(node: Node) -> Callable[[dict], Any]:
        return lambda e: v if isinstance(v := node.fn(e), str) else None

    fns = [text(a) for a in args]
    if name in ("tolower", "toupper"):
        change = str.lower if name == "tolower" else str.upper
        return Node("string", lambda e: None if (v := fns[0](e)) is None else change(v), name)
    test = {"startswith": str.startswith, "endswith": str.endswith, "contains": str.__contains__}[name]
    return Node("bool", lambda e: None if None in (a := fns[0](e), b := fns[1](e)) else test(a, b), name)


_FUNCTIONS = {"startswith": 2, "endswith": 2, "contains": 2, "tolower": 1, "toupper": 1}
_TEXT_KINDS = {"string", "enum", "guid", "any", "null"}
_CONSTANTS = {"true": (True, "bool"), "false": (False, "bool"), "null": (None, "null")}


class _Parser:
    def __init__(self, text: str, fields: FieldKinds, type_name: str):
        self.text, self.fields, self.type_name, self.at, self.depth = text, fields, type_name, 0, 0
        self.tokens = self._tokenize(text)

    def syntax(self, pos: int, why: str) -> GraphError:
        return bad_request(f"Invalid filter clause: syntax error at position {pos} in '{self.text}': {why}.")

    def _tokenize(self, text: str) -> list[Token]:
        tokens, pos = [], 0
        while pos < len(text):
            match = _TOKEN.match(text, pos)
            if not match:
                if text[pos] == "'":
                    raise self.syntax(pos, "the string literal that starts here has no closing quote")
                raise self.syntax(pos, f"character '{text[pos]}' is not valid here")
            if match.lastgroup != "ws":
                tokens.append(Token(match.lastgroup, match.group(), pos))
            pos = match.end()
        return tokens

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, expected: str) -> Token:
        token = self.peek()
        if token is None:
            raise self.syntax(len(self.text), f"expected {expected}, found the end of the clause")
        self.at += 1
        return token

    def accept(self, word: str) -> bool:
        token = self.peek()
        found = token is not None and token.text == word and token.kind in ("name", "punct")
        self.at += found
        return found

    def expect(self, word: str) -> None:
        token = self.take(f"'{word}'")
        if token.text != word:
            raise self.syntax(token.pos, f"expected '{word}', found '{token.text}'")

    def enter(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise bad_request(f"Invalid filter clause: it nests deeper than {MAX_DEPTH} levels "
                              f"(parentheses, 'not' and function calls; limit passed at position {token.pos}).")

    def span(self, start: Token) -> str:
        end = self.tokens[self.at - 1]
        return self.text[start.pos:end.pos + len(end.text)]

    def parse(self) -> Predicate:
        node = self.logical("or")
        token = self.peek()
        if token is not None:
            hint = " (OData keywords are lowercase)" if token.text.lower() in _KEYWORDS - {token.text} else ""
            raise self.syntax(token.pos, f"expected an operator, 'and', 'or' or the end, found '{token.text}'{hint}")
        if node.kind not in ("bool", "any"):
            raise bad_request(f"Invalid filter clause: the $filter expression must evaluate to a single boolean "
                              f"value; '{node.text}' is {EDM[node.kind]}.")
        fn = node.fn
        return lambda entity: fn(entity) is True

    def logical(self, word: str) -> Node:
        start = self.peek()
        parts = [self.logical("and") if word == "or" else self.comparison()]
        while self.accept(word):
            parts.append(self.logical("and") if word == "or" else self.comparison())
        if len(parts) == 1:
            return parts[0]
        for part in parts:
            if part.kind not in ("bool", "any"):
                raise bad_request(f"Invalid filter clause: A binary operator with incompatible types was detected. "
                                  f"Found operand types '{EDM[part.kind]}' and 'Edm.Boolean' for operator kind "
                                  f"'{_OP_NAMES[word]}' ('{part.text}' is not a condition).")
        fns, decisive = [part.fn for part in parts], word == "or"  # True decides an or, False an and
        return Node("bool", lambda e: _logical(fns, decisive, e), self.span(start))

    def incompatible(self, left: Node, right: Node, op: str) -> GraphError:
        return bad_request(f"Invalid filter clause: A binary operator with incompatible types was detected. Found "
                           f"operand types '{EDM[left.kind]}' and '{EDM[right.kind]}' for operator kind "
                           f"'{_OP_NAMES[op]}' (in {left.text} {op} {right.text}).")

    def comparison(self) -> Node:
        start = self.peek()
        left = self.unary()
        token = self.peek()
        if token is None or token.kind != "name" or token.text not in (*_OPS, "in"):
            return left
        self.at += 1
        if token.text == "in":
            self.expect("(")
            items = [self.literal(self.take("a literal"))]
            while self.accept(","):
                items.append(self.literal(self.take("a literal")))
            self.expect(")")
        else:
            items = [self.unary()]
        op = "eq" if token.text == "in" else token.text
        for node in (left, *items):
            if node.kind in ("complex", "collection"):
                raise bad_request(f"Invalid filter clause: The operand for a binary operator '{_OP_NAMES[op]}' is "
                                  f"not a single value. Binary operators require both operands to be single "
                                  f"values ('{node.text}' is a {node.kind}).")
        coercers = []
        for item in items:
            domain = _domain(left.kind, item.kind)
            if domain is None:
                raise self.incompatible(left, item, token.text)
            if op not in ("eq", "ne") and "enum" in (left.kind, item.kind):
                raise bad_request(f"Invalid filter clause: mockgraph compares enum values only with eq, ne and in; "
                                  f"'{token.text}' is not supported (in {self.span(start)}).")
            coercers.append((_COERCE[domain], item.fn))
        lfn = left.fn
        if token.text == "in":
            return Node("bool", lambda e: any(_compare("eq", c, lfn(e), f(e)) for c, f in coercers), self.span(start))
        coerce, rfn = coercers[0]
        return Node("bool", lambda e: _compare(op, coerce, lfn(e), rfn(e)), self.span(start))

    def unary(self) -> Node:
        token = self.take("a value")
        if token.kind == "punct" and token.text == "(":
            self.enter(token)
            node = self.logical("or")
            self.expect(")")
            self.depth -= 1
            return node._replace(text=self.span(token))
        if token.kind == "name" and token.text == "not":
            self.enter(token)
            node = self.unary()
            self.depth -= 1
            if node.kind not in ("bool", "any"):
                raise bad_request(f"Invalid filter clause: A unary operator with an incompatible type was detected. "
                                  f"Found operand type '{EDM[node.kind]}' for operator kind 'Not' (in "
                                  f"{self.span(token)}); to negate a comparison, write not (...).")
            fn = node.fn
            return Node("bool", lambda e: None if (v := _truth(fn(e))) is None else not v, self.span(token))
        if token.kind == "name" and self.accept("("):
            return self.call(token)
        if token.kind == "name" and token.text not in _CONSTANTS:
            if token.text in _KEYWORDS:
                raise self.syntax(token.pos, f"expected a value, found the keyword '{token.text}'")
            path, kind = resolve_path(token.text, self.fields, type_name=self.type_name)
            return Node(kind, lambda e: get_path(e, path), token.text)
        return self.literal(token)

    def call(self, token: Token) -> Node:
        self.enter(token)
        args: list[Node] = []
        if not self.accept(")"):
            args.append(self.logical("or"))
            while self.accept(","):
                args.append(self.logical("or"))
            self.expect(")")
        self.depth -= 1
        if token.text not in _FUNCTIONS:
            raise bad_request(f"Invalid filter clause: An unknown function with name '{token.text}' was found. "
                              f"mockgraph knows {', '.join(_FUNCTIONS)} (names are lowercase).")
        if len(args) != _FUNCTIONS[token.text] or any(a.kind not in _TEXT_KINDS for a in args):
            raise bad_request(f"Invalid filter clause: No function signature for the function with name "
                              f"'{token.text}' matches the specified arguments ({self.span(token)}); it takes "
                              f"{_FUNCTIONS[token.text]} string argument(s).")
        return _string_function(token.text, args)._replace(text=self.span(token))

    def literal(self, token: Token) -> Node:
        kind, text = token.kind, token.text
        if kind == "name" and text in _CONSTANTS:
            value, kind = _CONSTANTS[text]
        elif kind in ("string", "enum"):
            value: Any = text[text.index("'") + 1:-1].replace("''", "'")
        elif kind == "datetime":
            value = parse_instant(text)
            if value is None:
                raise self.syntax(token.pos, f"'{text}' is not a valid Edm.DateTimeOffset")
            kind = "datetimeoffset"
        elif kind == "guid":
            value = text.lower()
        elif kind == "number":
            value, kind = (float(text) if any(c in text for c in ".eE") else int(text)), "int"
        else:
            raise self.syntax(token.pos, f"expected a value, found '{text}'")
        return Node(kind, lambda e: value, text)


def compile_filter(text: str, fields: FieldKinds, *, type_name: str) -> Predicate:
    """Compile a ``$filter`` clause against a type's properties; GraphError 400 in Graph's words when it is bad."""
    if len(text) > MAX_LENGTH:
        raise bad_request(f"Invalid filter clause: it is {len(text)} characters long; mockgraph accepts at most "
                          f"{MAX_LENGTH}.")
    return _Parser(text, fields, type_name).parse()
