"""The ``$filter`` tokenizer: a clause as written, cut into literals, names and punctuation with their positions.

One job: the lexical level of OData's ABNF as far as mockgraph takes it (string, enum, DateTimeOffset,
GUID and number literals; names and paths; ``( ) ,``), and the syntax error both it and the parser
raise, worded as Graph words it (``syntax error at position N in '…'``). Apart from the parser
(``filter.py``) so that the grammar there reads as a grammar.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from mockgraph.errors import GraphError
from mockgraph.odata.operators import OPS
from mockgraph.odata.values import bad_request

KEYWORDS = {*OPS, "and", "or", "not", "in", "true", "false", "null"}
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


class Token(NamedTuple):
    kind: str
    text: str
    pos: int


def syntax_error(text: str, pos: int, why: str) -> GraphError:
    """Graph's 400 for a clause that does not parse, naming the position and what was expected there."""
    return bad_request(f"Invalid filter clause: syntax error at position {pos} in '{text}': {why}.")


def tokenize(text: str) -> list[Token]:
    """The clause's tokens, whitespace left out; a syntax error at the first character no token starts with."""
    tokens, pos = [], 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            if text[pos] == "'":
                raise syntax_error(text, pos, "the string literal that starts here has no closing quote")
            raise syntax_error(text, pos, f"character '{text[pos]}' is not valid here")
        if match.lastgroup != "ws":
            tokens.append(Token(match.lastgroup, match.group(), pos))
        pos = match.end()
    return tokens
