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

This module is the parser and its compile-time checks (types, depth, length). The tokens come from
``tokens.py``, what the operators do at run time from ``operators.py``, property paths and instants from
``values.py``; the names other modules imported from here before the split are importable from here still.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mockgraph.errors import GraphError
from mockgraph.odata.operators import (
    COERCE,
    FUNCTIONS,
    OP_NAMES,
    OPS,
    TEXT_KINDS,
    Node,
    compare,
    comparison_domain,
    logical,
    string_function,
    truth,
)
from mockgraph.odata.tokens import KEYWORDS, Token, syntax_error, tokenize
from mockgraph.odata.values import EDM, FieldKinds, bad_request, get_path, parse_instant, qualified, resolve_path

__all__ = ["EDM", "MAX_DEPTH", "MAX_LENGTH", "FieldKinds", "Node", "Predicate", "Token", "bad_request",
           "compile_filter", "get_path", "parse_instant", "qualified", "resolve_path"]

Predicate = Callable[[dict], bool]

MAX_LENGTH = 2000
MAX_DEPTH = 50
_CONSTANTS = {"true": (True, "bool"), "false": (False, "bool"), "null": (None, "null")}


class _Parser:
    def __init__(self, text: str, fields: FieldKinds, type_name: str):
        self.text, self.fields, self.type_name, self.at, self.depth = text, fields, type_name, 0, 0
        self.tokens = tokenize(text)

    def syntax(self, pos: int, why: str) -> GraphError:
        return syntax_error(self.text, pos, why)

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
            hint = " (OData keywords are lowercase)" if token.text.lower() in KEYWORDS - {token.text} else ""
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
                                  f"'{OP_NAMES[word]}' ('{part.text}' is not a condition).")
        fns, decisive = [part.fn for part in parts], word == "or"  # True decides an or, False an and
        return Node("bool", lambda e: logical(fns, decisive, e), self.span(start))

    def incompatible(self, left: Node, right: Node, op: str) -> GraphError:
        return bad_request(f"Invalid filter clause: A binary operator with incompatible types was detected. Found "
                           f"operand types '{EDM[left.kind]}' and '{EDM[right.kind]}' for operator kind "
                           f"'{OP_NAMES[op]}' (in {left.text} {op} {right.text}).")

    def comparison(self) -> Node:
        start = self.peek()
        left = self.unary()
        token = self.peek()
        if token is None or token.kind != "name" or token.text not in (*OPS, "in"):
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
                raise bad_request(f"Invalid filter clause: The operand for a binary operator '{OP_NAMES[op]}' is "
                                  f"not a single value. Binary operators require both operands to be single "
                                  f"values ('{node.text}' is a {node.kind}).")
        coercers = []
        for item in items:
            domain = comparison_domain(left.kind, item.kind)
            if domain is None:
                raise self.incompatible(left, item, token.text)
            if op not in ("eq", "ne") and "enum" in (left.kind, item.kind):
                raise bad_request(f"Invalid filter clause: mockgraph compares enum values only with eq, ne and in; "
                                  f"'{token.text}' is not supported (in {self.span(start)}).")
            coercers.append((COERCE[domain], item.fn))
        lfn = left.fn
        if token.text == "in":
            return Node("bool", lambda e: any(compare("eq", c, lfn(e), f(e)) for c, f in coercers), self.span(start))
        coerce, rfn = coercers[0]
        return Node("bool", lambda e: compare(op, coerce, lfn(e), rfn(e)), self.span(start))

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
            return Node("bool", lambda e: None if (v := truth(fn(e))) is None else not v, self.span(token))
        if token.kind == "name" and self.accept("("):
            return self.call(token)
        if token.kind == "name" and token.text not in _CONSTANTS:
            if token.text in KEYWORDS:
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
        if token.text not in FUNCTIONS:
            raise bad_request(f"Invalid filter clause: An unknown function with name '{token.text}' was found. "
                              f"mockgraph knows {', '.join(FUNCTIONS)} (names are lowercase).")
        if len(args) != FUNCTIONS[token.text] or any(a.kind not in TEXT_KINDS for a in args):
            raise bad_request(f"Invalid filter clause: No function signature for the function with name "
                              f"'{token.text}' matches the specified arguments ({self.span(token)}); it takes "
                              f"{FUNCTIONS[token.text]} string argument(s).")
        return string_function(token.text, args)._replace(text=self.span(token))

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
