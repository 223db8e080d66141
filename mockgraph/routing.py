"""Paths as Graph reads them, compiled once into a tree of segments.

One tree per API version holds every operation of ``contracts/paths.json``, served or not, so one walk
answers everything a path can mean: the operation and its parameters, or why not. A segment Graph
does not know is a 400 "Resource not found for the segment …"; a known path with another method is a
405; a known operation the mock does not serve is a 501 (decided by the data, never guessed).

Graph reads segment names case-insensitively, takes the OData key form ``townhalls('id')`` beside
``townhalls/id``, and alternate keys and function parameters as ``name(key='value',…)``. Each segment
is percent-decoded on its own, so ``%40`` in an id is an ``@`` and ``%2F`` stays inside its segment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from mockgraph.errors import GraphError

_CALL = re.compile(r"^([^()]+)\((.*)\)$", re.S)
_PARAM = re.compile(r"^\{([^}]+)\}$")


class Segment(NamedTuple):
    """One request segment: ``name`` or ``name(args)``; a positional key is ``args == {"": value}``."""

    name: str
    args: dict[str, str] | None = None


def split_path(raw: str) -> list[str]:
    """The raw path (as the client wrote it, query and scheme+host removed) as decoded segments."""
    if "://" in raw[:12]:
        raw = urlsplit(raw).path
    raw = raw.split("?", 1)[0].split("#", 1)[0]
    parts = raw.split("/")[1:]
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()  # a trailing slash names the same resource
    return [unquote(p, errors="strict") for p in parts]


def parse_segment(text: str) -> list[Segment]:
    """``townhalls('x')`` is two segments (set, key); ``registrations(email='a')`` one, with arguments."""
    match = _CALL.match(text)
    if not match:
        return [Segment(text)]
    name, inner = match.groups()
    args = _parse_args(inner, text)
    if set(args) == {""}:
        return [Segment(name), Segment(args[""])]
    return [Segment(name, args)]


def _parse_args(inner: str, whole: str) -> dict[str, str]:
    """``'x'`` or ``a='x',b='y'`` (quotes doubled inside a literal); unquoted values are taken as written."""
    args: dict[str, str] = {}
    i, n = 0, len(inner)
    while i < n:
        while i < n and inner[i] == " ":
            i += 1
        key = ""
        eq = _find_unquoted(inner, i, "=")
        comma = _find_unquoted(inner, i, ",")
        if eq != -1 and (comma == -1 or eq < comma):
            key = inner[i:eq].strip()
            i = eq + 1
            while i < n and inner[i] == " ":
                i += 1
        if i < n and inner[i] == "'":
            value, i = _read_quoted(inner, i, whole)
        else:
            end = _find_unquoted(inner, i, ",")
            end = n if end == -1 else end
            value, i = inner[i:end].strip(), end
        if key in args:
            raise GraphError(400, "BadRequest", f"The segment '{whole}' names the key '{key}' twice.")
        args[key] = value
        while i < n and inner[i] == " ":
            i += 1
        if i < n:
            if inner[i] != ",":
                raise GraphError(400, "BadRequest", f"Bad key or parameter syntax in the segment '{whole}'.")
            i += 1
    return args


def _find_unquoted(text: str, start: int, char: str) -> int:
    quoted = False
    for i in range(start, len(text)):
        if text[i] == "'":
            quoted = not quoted
        elif text[i] == char and not quoted:
            return i
    return -1


def _read_quoted(text: str, i: int, whole: str) -> tuple[str, int]:
    out, i = [], i + 1
    while i < len(text):
        if text[i] == "'":
            if i + 1 < len(text) and text[i + 1] == "'":
                out.append("'")
                i += 2
                continue
            return "".join(out), i + 1
        out.append(text[i])
        i += 1
    raise GraphError(400, "BadRequest", f"Unterminated string literal in the segment '{whole}'.")


@dataclass
class Node:
    """A point in the tree: literal children by casefolded name, one key child, calls by (name, arg names)."""

    literals: dict[str, Node] = field(default_factory=dict)
    key: tuple[str, Node] | None = None  # (parameter name, child)
    calls: dict[tuple[str, frozenset[str]], tuple[dict[str, str], Node]] = field(default_factory=dict)
    #: method -> the operation there
    methods: dict[str, Any] = field(default_factory=dict)


class Match(NamedTuple):
    operation: Any
    params: dict[str, str]
    version: str


def _template_segments(path: str) -> Iterable[tuple[str, Any]]:
    """The parts of an operation's path template: ("literal", name), ("key", param), ("call", (name, {arg: param}))."""
    for text in path.strip("/").split("/"):
        param = _PARAM.match(text)
        if param:
            yield "key", param.group(1)
            continue
        call = _CALL.match(text)
        if call:
            name, inner = call.groups()
            args = {}
            for part in inner.split(","):
                key, _, value = part.partition("=")
                args[key.strip()] = _PARAM.match(value.strip().strip("'")).group(1)
            yield "call", (name, args)
            continue
        yield "literal", text


class Router:
    """Every operation of every version, one tree per version."""

    def __init__(self, operations: Iterable[Any]):
        """``operations``: objects with ``method``, ``path`` and ``versions`` (model.Operation)."""
        self.trees: dict[str, Node] = {}
        for op in operations:
            for version in op.versions:
                node = self.trees.setdefault(version.casefold(), Node())
                for kind, value in _template_segments(op.path):
                    node = self._child(node, kind, value, op.path)
                node.methods[op.method] = op

    @staticmethod
    def _child(node: Node, kind: str, value: Any, path: str) -> Node:
        if kind == "literal":  # most segments are already in the tree: no Node built to be thrown away
            name = value.casefold()
            child = node.literals.get(name)
            if child is None:
                child = node.literals[name] = Node()
            return child
        if kind == "key":
            if node.key is None:
                node.key = (value, Node())
            return node.key[1]
        name, args = value
        slot = (name.casefold(), frozenset(a.casefold() for a in args))
        if slot not in node.calls:
            node.calls[slot] = ({a.casefold(): p for a, p in args.items()}, Node())
        return node.calls[slot][1]

    def resolve(self, method: str, raw_path: str) -> Match:
        """The operation ``method raw_path`` names, or the GraphError that says why there is none."""
        try:
            parts = split_path(raw_path)
        except UnicodeDecodeError:
            raise GraphError(400, "BadRequest", "The request path is not valid UTF-8 once percent-decoded.") from None
        version = parts[0].casefold() if parts else ""
        node = self.trees.get(version)
        if node is None:
            raise GraphError(404, "itemNotFound", f"'/{'/'.join(parts)}' is not a Microsoft Graph path: "
                                                  f"they start with {' or '.join('/' + v + '/' for v in self.trees)}.")
        params: dict[str, str] = {}
        for text in parts[1:]:
            for segment in parse_segment(text):
                node = self._step(node, segment, params, text)
        if not node.methods:
            raise GraphError(501, "NotImplemented", f"mockgraph serves only the virtual events family under "
                                                    f"/{parts[0]}/solutions/virtualEvents; {method} "
                                                    f"/{'/'.join(parts)} is outside it.")
        op = node.methods.get(method)
        if op is None:
            allowed = sorted(node.methods)
            raise GraphError(405, "MethodNotAllowed",
                             f"The HTTP method '{method}' is not allowed on '/{'/'.join(parts)}'. "
                             f"Allowed: {', '.join(allowed)}.", {"Allow": ", ".join(allowed)})
        return Match(op, params, parts[0])

    @staticmethod
    def _step(node: Node, segment: Segment, params: dict[str, str], text: str) -> Node:
        if segment.args is None:
            child = node.literals.get(segment.name.casefold())
            if child is not None:
                return child
            if node.key is not None and segment.name:
                name, child = node.key
                params[name] = segment.name
                return child
        else:
            slot = (segment.name.casefold(), frozenset(a.casefold() for a in segment.args))
            found = node.calls.get(slot)
            if found is not None:
                names, child = found
                for arg, value in segment.args.items():
                    params[names[arg.casefold()]] = value
                return child
        raise GraphError(400, "BadRequest", f"Resource not found for the segment '{text}'.")


def template_path(path: str, params: dict[str, str]) -> str:
    """An operation's path with its parameters filled in, ids percent-encoded as Graph's SDKs send them."""
    from urllib.parse import quote

    def fill(match: re.Match) -> str:
        return quote(params[match.group(1)], safe="@")

    return re.sub(r"\{([^}]+)\}", fill, path)
