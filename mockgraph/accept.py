"""A compiled accept-only check for request bodies, so a valid create does not pay for explanations.

jsonschema walks the schema for every body (about 0.4 ms for a create); fastjsonschema turns the
same schema into straight-line Python once. It only answers "valid or not": a rejected body is
always re-checked by jsonschema, whose error objects explain it. For the answer to be the same,
the generated code is bent to jsonschema's rules where fastjsonschema's differ:

- Edm.Int32 is strict: 5.0 is not an integer (fastjsonschema's draft 6+ code says it is);
- ``pattern`` is searched as written, so ``$`` means what it means to ``re`` (fastjsonschema
  rewrites ``$`` to ``\\Z``);
- every ``format`` is decided by jsonschema's own format checker (imported when a value first needs it; an
  unknown format accepts anything, as jsonschema ignores it).

tests/test_accept.py runs both engines on the fixtures and on generated bodies.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable
from functools import partial
from typing import Any

log = logging.getLogger("mockgraph")


def compile_accepts(document: dict, fragment: str) -> Callable[[Any], bool] | None:
    """Return ``accepts(body) -> bool`` for ``document#fragment``, or None if it cannot be compiled."""
    from fastjsonschema import JsonSchemaDefinitionException, JsonSchemaValueException, RefResolver
    from fastjsonschema.draft04 import CodeGeneratorDraft04
    from fastjsonschema.draft07 import CodeGeneratorDraft07

    class StrictDraft07(CodeGeneratorDraft07):
        generate_type = CodeGeneratorDraft04.generate_type  # no float-as-integer

    definition = {k: v for k, v in copy.deepcopy(document).items() if k not in {"$id", "$schema"}}
    definition["$ref"] = "#" + fragment
    formats = {name: partial(_conforms, name) for name in _formats(document)}
    try:
        resolver = RefResolver.from_schema(definition, handlers={"http": _no_fetch, "https": _no_fetch}, store={})
        generator = StrictDraft07(definition, resolver=resolver, formats=formats, use_default=False,
                                  detailed_exceptions=False)
        namespace = generator.global_state
        exec(generator.func_code, namespace)  # how fastjsonschema.compile builds its function
    except (JsonSchemaDefinitionException, KeyError) as exc:
        # KeyError: fastjsonschema 2.x cannot word a failed ``const`` without detailed exceptions
        log.debug("no compiled check for %s: %s; jsonschema checks every body", fragment, exc)
        return None
    patterns = namespace["REGEX_PATTERNS"]
    for pattern in patterns:
        patterns[pattern] = re.compile(pattern)
    validate = partial(namespace[resolver.get_scope_name()], custom_formats=formats)

    def accepts(body: Any) -> bool:
        try:
            validate(body)
        except JsonSchemaValueException:
            return False
        return True

    return accepts


def _formats(node: Any) -> set[str]:
    """Every ``format`` named in a schema (and any property called "format" that is a string: harmless)."""
    if isinstance(node, list):
        return set().union(*map(_formats, node))
    if not isinstance(node, dict):
        return set()
    found = {node["format"]} if isinstance(node.get("format"), str) else set()
    return found.union(*map(_formats, node.values()))


def _conforms(name: str, value: Any) -> bool:
    from jsonschema import Draft202012Validator  # the format checker of the contracts' draft

    return Draft202012Validator.FORMAT_CHECKER.conforms(value, name)


def _no_fetch(uri: str) -> dict:
    raise ValueError(f"mockgraph does not fetch remote schemas ({uri})")
