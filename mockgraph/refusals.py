"""jsonschema's walk over a refused body, without descending into the values that are plainly right.

A refused body is mostly right: one or two wrong values among many good ones. jsonschema still descends
into every property to find that out (a new validator, a new resource and often a ``$ref`` lookup for
each), about 130 us for a session create, more than the rest of the refusal. Here the ``properties``
keyword first asks whether a value is *plainly valid*: its subschema, after a ``$ref`` resolved once per
registry, uses only keywords that look at the value alone (``type``, ``enum``, ``pattern``, ...; nested
``properties``, ``items`` and a boolean ``additionalProperties`` by the same rule), and jsonschema's own
function for each of them reports nothing. Every other value is descended into exactly as jsonschema
does it, so the errors, their order, paths, schemas and messages are the ones jsonschema gives.
tests/test_accept.py compares both walks on the fixtures and on generated bodies.

This is the one module that builds jsonschema validators; contracts.py imports it on the first refusal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError
from referencing import Registry
from referencing.exceptions import Unresolvable

#: Keywords whose jsonschema function looks only at the value and its own schema (no descend, no $ref).
LEAVES = frozenset({
    "type", "enum", "const", "pattern", "format", "minLength", "maxLength", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "required", "minItems", "maxItems",
    "minProperties", "maxProperties", "uniqueItems", "dependentRequired",
})


def _strict_integers(checker: Any, instance: Any) -> bool:
    # Edm.Int32 is a JSON integer: OData refuses 5.0 where an Int32 is expected.
    return isinstance(instance, int) and not isinstance(instance, bool)


#: jsonschema's draft 2020-12, with OData's integers: the rules every contract is checked by
Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integers),
)
_TYPE = jsonschema.Draft202012Validator.VALIDATORS["type"]
_REF_KEYWORD = jsonschema.Draft202012Validator.VALIDATORS["$ref"]
# the steps of a plan: what to check of a value, in the schema's order
_LEAF, _TYPES, _REF, _PROPERTIES, _ITEMS = range(5)


def walker(registry: Registry) -> tuple[type, Skimmer]:
    """``Validator`` walking as this module does over ``registry``, and the skimmer that decides "plainly valid"."""
    skimmer = Skimmer(registry)
    return jsonschema.validators.extend(Validator, validators={
        "properties": properties_keyword(skimmer), "$ref": ref_keyword(skimmer)}), skimmer


class Skimmer:
    """Decides "plainly valid" for the schemas of one registry; what it learns of a schema is kept by identity.

    Each schema node lives in one document of the registry, so its ``$ref`` always resolves to the
    schema jsonschema's resolver finds from that document, and its plan never changes.
    """

    def __init__(self, registry: Registry):
        self._registry = registry
        self._targets: dict[int, tuple] = {}
        self._plans: dict[int, tuple[Any, list | None]] = {}
        self._roots: dict[str, dict] = {}

    def target(self, node: dict) -> Any:
        """The schema ``node["$ref"]`` points at, or None where it is not known (jsonschema then resolves it)."""
        found = self.resolved(node)
        return found[1] if found is not None else None

    def root(self, ref: str) -> dict:
        """The ``{"$ref": ref}`` schema a validator starts from, one per ``ref``, its target found like the others'."""
        return self._roots.setdefault(ref, {"$ref": ref})

    def resolved(self, node: dict) -> tuple | None:
        """``(node, target, the resolver jsonschema would continue with)``, or None if this node is not known."""
        found = self._targets.get(id(node))
        ref = node.get("$ref")
        if found is None and isinstance(ref, str) and self._roots.get(ref) is node:
            # a validator's first walk: learn the $refs of the document its view is in
            document = ref.partition("#")[0]
            _collect(self._registry.resolver(document), self._registry.resolver().lookup(document).contents,
                     self._targets, root=True)
            resolved = self._registry.resolver().lookup(ref)  # as jsonschema looks up its root schema's $ref
            found = self._targets[id(node)] = (node, resolved.contents, resolved.resolver)
        return found if found is not None and found[0] is node else None

    def valid(self, validator: Any, schema: Any, value: Any) -> bool:
        """True only if jsonschema would find no error in ``value``; False also means "cannot tell without a walk"."""
        known = self._plans.get(id(schema))
        if known is None or known[0] is not schema:
            known = (schema, self._plan(validator, schema))
            self._plans[id(schema)] = known
        steps = known[1]
        if steps is None:
            return False
        for step, check, argument in steps:
            if step == _TYPES:  # jsonschema's ``type`` keyword, without building its generator and error
                for kind in argument:
                    if validator.is_type(value, kind):
                        break
                else:
                    return False
            elif step == _LEAF:
                if next(iter(check(validator, argument, value, schema) or ()), None) is not None:
                    return False
            elif step == _REF:
                if not self.valid(validator, argument, value):
                    return False
            elif step == _PROPERTIES:
                if validator.is_type(value, "object") and not all(
                        self.valid(validator, sub, value[name]) for name, sub in argument if name in value):
                    return False
            elif (step == _ITEMS and validator.is_type(value, "array")
                  and not all(self.valid(validator, argument, v) for v in value)):
                return False
        return True

    def _plan(self, validator: Any, schema: Any) -> list | None:
        """The steps that decide ``schema`` without descending, or None if some keyword needs jsonschema's walk."""
        if schema is True:
            return []
        if not isinstance(schema, dict):
            return None
        steps = []
        for keyword, argument in schema.items():
            check = validator.VALIDATORS.get(keyword)
            if check is None:
                continue  # an annotation (title, examples, x-...): jsonschema ignores it too
            if keyword == "type" and check is _TYPE:
                steps.append((_TYPES, check, [argument] if isinstance(argument, str) else argument))
            elif keyword in LEAVES or (keyword == "additionalProperties" and isinstance(argument, bool)):
                steps.append((_LEAF, check, argument))
            elif keyword == "$ref" and self.target(schema) is not None:
                steps.append((_REF, check, self.target(schema)))
            elif keyword == "properties" and isinstance(argument, dict):
                steps.append((_PROPERTIES, check, tuple(argument.items())))
            elif keyword == "items" and "prefixItems" not in schema:
                steps.append((_ITEMS, check, argument))
            else:
                return None
        return steps


def _collect(resolver: Any, node: Any, targets: dict, root: bool = False) -> None:
    if isinstance(node, list):
        for item in node:
            _collect(resolver, item, targets)
        return
    if not isinstance(node, dict) or (not root and ("$id" in node or "$dynamicRef" in node)):
        return  # a nested $id changes the base: leave those to jsonschema
    ref = node.get("$ref")
    if isinstance(ref, str):
        try:
            resolved = resolver.lookup(ref)
            targets[id(node)] = (node, resolved.contents, resolved.resolver)
        except Unresolvable:
            pass
    for value in node.values():
        _collect(resolver, value, targets)


def properties_keyword(skimmer: Skimmer) -> Callable[..., Iterator[ValidationError]]:
    """jsonschema's ``properties``, skipping the values that are plainly valid."""

    def properties(validator: Any, properties: dict, instance: Any, schema: dict) -> Iterator[ValidationError]:
        if not validator.is_type(instance, "object"):
            return
        for name, subschema in properties.items():
            if name not in instance or skimmer.valid(validator, subschema, instance[name]):
                continue
            found = skimmer.resolved(subschema) if isinstance(subschema, dict) and len(subschema) == 1 else None
            if found is None:
                yield from validator.descend(instance[name], subschema, path=name, schema_path=name)
            else:  # a bare $ref: straight to its target, as jsonschema gets there (a $ref adds no schema_path)
                yield from validator.descend(instance[name], found[1], path=name, schema_path=name, resolver=found[2])

    return properties


def ref_keyword(skimmer: Skimmer) -> Callable[..., Iterator[ValidationError]]:
    """jsonschema's ``$ref``, with the lookup done once per registry instead of once per value."""

    def ref(validator: Any, ref: str, instance: Any, schema: dict) -> Iterator[ValidationError]:
        found = skimmer.resolved(schema)
        if found is None:
            yield from _REF_KEYWORD(validator, ref, instance, schema)
        else:  # what jsonschema's _validate_reference does with the Resolved it looks up
            yield from validator.descend(instance, found[1], resolver=found[2])

    return ref
