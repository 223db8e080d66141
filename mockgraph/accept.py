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

Generating a view's code takes longer than running it many times (~16 ms for the session's create, paid by
each served worker's first request), so the code of every view the contracts ship is generated ahead, into
``mockgraph/checks/`` (``python scripts/make_checks.py``), and loaded like any module: Python caches its
bytecode. Each generated module carries the digest of what it was made from; a view whose module is missing,
made from another contract (open types' copies, an edited contract) or unloadable (made under a fastjsonschema
whose names this one lacks) is generated when first used.

tests/test_accept.py runs both engines on the fixtures and on generated bodies.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import json
import logging
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

log = logging.getLogger("mockgraph")

#: Changed whenever the generated code would change for the same contract: every generated module is then stale.
RECIPE = "1"
#: The generated modules' package, and its folder.
CHECKS = "mockgraph.checks"
FOLDER = Path(__file__).with_name("checks")


def module_name(file: str, fragment: str) -> str:
    """The generated module of one view: ``virtualEvent.schema.json`` ``/$defs/create`` -> ``virtualEvent_create``."""
    return re.sub(r"\W", "_", f"{file.split('.', 1)[0]}_{fragment.rsplit('/', 1)[-1]}")


def digest(document: dict, fragment: str) -> str:
    """What a generated module was made from: the recipe, the view and the whole contract document."""
    made_from = json.dumps([RECIPE, fragment, document], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(made_from.encode("ascii")).hexdigest()


def compile_accepts(document: dict, fragment: str, module: str | None = None) -> Callable[[Any], bool] | None:
    """Return ``accepts(body) -> bool`` for ``document#fragment``, or None if it cannot be compiled.

    ``module``: the name of the view's generated module in ``mockgraph/checks/``, used when it was made from
    this very document; otherwise the code is generated here.
    """
    namespace = _generated(module, digest(document, fragment)) if module else None
    if namespace is None:
        code = generate(document, fragment)
        if code is None:
            return None
        namespace = {}
        exec(compile(code, f"<accept check {fragment}>", "exec"), namespace)  # how fastjsonschema.compile runs it
    from fastjsonschema import JsonSchemaValueException

    validate = partial(namespace["ACCEPTS"], custom_formats={name: partial(_conforms, name)
                                                            for name in namespace["FORMATS"]})

    def accepts(body: Any) -> bool:
        try:
            validate(body)
        except JsonSchemaValueException:
            return False
        return True

    return accepts


def _generated(module: str, wanted: str) -> dict | None:
    """The namespace of a generated module made from what is wanted (its digest), or None.

    Loaded from its file by Python's own loader (bytecode cached as for any module) rather than imported: an
    import hook would see it otherwise, and pytest's assertion rewriter parses what it sees through ``ast``,
    which CPython 3.11 cannot do in two threads at once (the fixture's server threads meet views as tests
    send them). The code has nothing to rewrite.
    """
    path = FOLDER / f"{module}.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(f"{CHECKS}.{module}", path)
    found = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(found)
    except Exception as exc:  # any module that does not load is regenerated: never a failed request
        log.debug("the generated check %s does not load (%s: %s); generating it", module, type(exc).__name__, exc)
        return None
    return vars(found) if getattr(found, "DIGEST", None) == wanted else None


def generate(document: dict, fragment: str) -> str | None:
    """The source of a module checking ``document#fragment`` (``ACCEPTS``), or None where fastjsonschema cannot."""
    from fastjsonschema import JsonSchemaDefinitionException, RefResolver
    from fastjsonschema.draft04 import CodeGeneratorDraft04
    from fastjsonschema.draft07 import CodeGeneratorDraft07

    class StrictDraft07(CodeGeneratorDraft07):
        generate_type = CodeGeneratorDraft04.generate_type  # no float-as-integer

    definition = {k: v for k, v in copy.deepcopy(document).items() if k not in {"$id", "$schema"}}
    definition["$ref"] = "#" + fragment
    formats = sorted(_formats(document))
    try:
        resolver = RefResolver.from_schema(definition, handlers={"http": _no_fetch, "https": _no_fetch}, store={})
        generator = StrictDraft07(definition, resolver=resolver, formats=dict.fromkeys(formats, _conforms),
                                  use_default=False, detailed_exceptions=False)
        code = generator.func_code
    except (JsonSchemaDefinitionException, KeyError) as exc:
        # KeyError: fastjsonschema 2.x cannot word a failed ``const`` without detailed exceptions
        log.debug("no compiled check for %s: %s; jsonschema checks every body", fragment, exc)
        return None
    patterns = generator.global_state["REGEX_PATTERNS"]
    for pattern in patterns:
        patterns[pattern] = re.compile(pattern)  # searched as written (see above), and so written out
    return "\n".join([
        f"# The accept check of {document.get('$id', 'a contract')}#{fragment}, from mockgraph/accept.py: do not edit.",
        f"DIGEST = {digest(document, fragment)!r}",
        f"FORMATS = {formats!r}",
        generator.global_state_code,
        code,
        f"ACCEPTS = {resolver.get_scope_name()}",
        "",
    ])


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
