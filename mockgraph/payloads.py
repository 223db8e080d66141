"""Reading a request body the way Graph's OData reader does: strict JSON, one object, bounded."""

from __future__ import annotations

import json
from typing import Any

from flask import request
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_options_header

from mockgraph.errors import GraphError

JSON_TYPES = {"application/json"}


def check_content_type(header: str | None) -> None:
    """Refuse bodies that are not declared as JSON, with Graph's status for each case."""
    if not header:
        raise GraphError(400, "BadRequest",
                         "Write requests (excluding DELETE) must contain the Content-Type header declaration.")
    mimetype, options = parse_options_header(header)
    charset = options.get("charset", "utf-8").lower()
    if mimetype.lower() not in JSON_TYPES or charset not in {"utf-8", "utf8"}:
        raise GraphError(415, "RequestBodyRead",
                         f"A supported MIME type could not be found that matches the content type of the "
                         f"request ({header!r}). Send 'application/json' (charset utf-8).")


def read_body() -> bytes:
    """The request body; one the WSGI server cannot parse (gunicorn on a malformed chunk) is the client's 400."""
    try:
        return request.get_data(cache=True)
    except HTTPException:
        raise  # too large (413) or cut short (400): errors.py words those
    except Exception as exc:
        raise _bad(f"The request body could not be read: {exc}.") from None


def _bad(message: str) -> GraphError:
    return GraphError(400, "BadRequest", message)


def _reject_constant(name: str) -> Any:
    raise _bad(f"Invalid JSON: {name} is not a JSON number.")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _bad(f"Invalid JSON: the property '{key}' appears more than once in one object.")
            seen.add(key)
    return result


def parse_object(raw: bytes, *, max_depth: int, type_name: str) -> dict:
    """Decode ``raw`` into a JSON object or raise a 400 that says what is wrong and where."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(f"Invalid request body: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}).") from None
    if not text.strip():
        raise _bad(f"Empty Payload. JSON content expected: a {type_name} object.")
    try:
        value = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise _bad(f"Invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}.") from None
    except RecursionError:
        raise _bad(f"Invalid request body: JSON nested deeper than {max_depth} levels.") from None
    except ValueError as exc:  # e.g. an integer longer than Python's digit limit
        raise _bad(f"Invalid JSON: {exc}.") from None
    _check_tree(value, max_depth)
    if not isinstance(value, dict):
        raise _bad(f"$: expected a JSON object ({type_name}), got {_json_kind(value)}.")
    return value


def _check_tree(value: Any, max_depth: int) -> None:
    """Walk without recursion: bound the depth and refuse lone surrogates UTF-8 cannot carry."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            _check_text(node)
            continue
        if not isinstance(node, (dict, list)):
            continue
        if depth > max_depth:
            raise _bad(f"Invalid request body: JSON nested deeper than {max_depth} levels.")
        if isinstance(node, dict):
            for key in node:
                _check_text(key)
            node = node.values()
        stack.extend((child, depth + 1) for child in node)


def _check_text(s: str) -> None:
    if not s.isascii():
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:
            raise _bad("Invalid JSON: a string holds an unpaired UTF-16 surrogate (\\ud800-\\udfff), "
                       "which is not valid Unicode text.") from None


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array"
