"""The contracts in ``contracts/``: loaded once; each view's checks compiled the first time it checks a body.

jsonschema is imported on the first refusal (it explains what is wrong), not at start-up: a valid body is
answered by the compiled accept check (accept.py), and ``mockgraph serve``'s launch is measured.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mockgraph.accept import compile_accepts, module_name
from mockgraph.errors import GraphError

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

log = logging.getLogger("mockgraph")


def data_path(name: str) -> Path:
    """Find ``contracts/`` or ``fixtures/``: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"mockgraph cannot find its {name}/ folder near {here}")


class Example(NamedTuple):
    file: str
    role: str
    valid: bool
    why: str

    @property
    def body(self) -> Any:
        return read_json(data_path("fixtures") / self.file)


@dataclass
class Operation:
    """One Graph operation as ``contracts/operations.json`` describes it."""

    name: str
    method: str
    versions: list[str]
    path: str
    path_values: dict[str, list[str]]
    parent: str
    status: int
    spec: dict
    type_name: str
    examples: list[Example] = field(default_factory=list)
    #: whether its checks accept properties the contract does not declare (OData's open types)
    open_types: bool = False

    @property
    def request_validator(self) -> Any:
        return validator(self.spec["request"]["schema"], open_types=self.open_types)

    @property
    def request_accepts(self) -> Any:
        """The compiled accept-only check (see accept.py); None leaves every body to jsonschema."""
        return accepts(self.spec["request"]["schema"], self.open_types)

    @property
    def response_validator(self) -> Any:
        return validator(self.spec["response"]["schema"], open_types=self.open_types)

    def concrete_path(self, version: str, **values: str) -> str:
        """The path with its placeholders filled in; a listed segment (``{collection}``) defaults to its first value."""
        defaults = {name: options[0] for name, options in self.path_values.items()}
        return f"/{version}" + self.path.format_map({**defaults, **values})


def check_body(ref: str, open_types: bool, body: Any) -> None:
    """Raise a 400 naming the JSON path of the first error in the body, carrying every error for the log and journal.

    The compiled accept check answers most valid bodies; jsonschema only walks a body to explain a refusal,
    and then (refusals.py) only into the values that are not plainly valid.
    """
    check = accepts(ref, open_types)
    if check is not None and check(body):
        return
    errors = list(validator(ref, open_types=open_types).iter_errors(body))
    if not errors:
        return
    # each error's position and sentence once: the details are in document order, the message is the first's
    positions = [_position(error, body) for error in errors]
    sentences = {id(error): explain(error) for error in errors}
    explained = [sentences[id(errors[i])] for i in sorted(range(len(errors)), key=positions.__getitem__)]
    sentence = sentences[id(_first(errors, positions))]
    raise GraphError(400, "BadRequest", f"Invalid request body for {title(ref)}. {sentence}", details=explained)


def _position(error: ValidationError, body: Any) -> tuple:
    """Where an error sits in the body, as Graph's reader meets it top to bottom."""
    where, node = [], body
    for part in error.absolute_path:
        if isinstance(node, dict):
            where.append(list(node).index(part))
        else:
            where.append(part)
        node = node[part]
    if error.validator in ("additionalProperties", "required") and isinstance(node, dict):
        # an unknown property sits where it was written; a missing one at the end of its object
        extra = [k for k in node if k not in error.schema.get("properties", {})]
        where.append(list(node).index(extra[0]) if error.validator == "additionalProperties" and extra
                     else len(node))
    return tuple(where)


def first_in_document(errors: list[ValidationError], body: Any) -> ValidationError:
    """The error Graph's reader would meet first, reading the body top to bottom."""
    return _first(errors, [_position(error, body) for error in errors])


def _first(errors: list[ValidationError], positions: list[tuple]) -> ValidationError:
    """Of the errors at the earliest position (``positions[i]`` is ``errors[i]``'s), jsonschema's best match."""
    from jsonschema.exceptions import best_match

    first = min(positions)
    return best_match(error for error, where in zip(errors, positions, strict=True) if where == first)


def json_path(parts: Iterable[Any]) -> str:
    path = "$"
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            path += f".{part}"
        else:
            path += "[" + json.dumps(part, ensure_ascii=False).replace('"', "'") + "]"
    return path


def show_json(value: Any, limit: int = 60) -> str:
    """A value as JSON, cut to ``limit`` characters: error messages quote what was sent, briefly."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _expected(schema: dict) -> str:
    title = schema.get("title") or "a value of type " + "/".join(jsonschema_types(schema))
    if "minimum" in schema and "maximum" in schema:
        title += f" from {schema['minimum']} to {schema['maximum']}"
    if schema.get("examples"):
        title += f", like {show_json(schema['examples'][0])}"
    nullable = "null" in jsonschema_types(schema)
    return title + (" or null" if nullable else "")


def jsonschema_types(schema: dict) -> list[str]:
    kind = schema.get("type", [])
    return [kind] if isinstance(kind, str) else list(kind)


def explain(error: ValidationError) -> str:
    """Say where the body is wrong and what the contract expected there, in one sentence."""
    where = list(error.absolute_path)
    schema, instance = error.schema, error.instance
    if error.validator == "additionalProperties":
        extra = sorted(set(instance) - set(schema.get("properties", {})))[0]
        if extra == "id" and not where:
            return "$.id: 'id' is set by the service; leave it out of the request body."
        return (f"{json_path([*where, extra])}: '{extra}' is not a property of {schema.get('title')}"
                " (check the spelling; mockgraph rejects unknown properties unless told to accept them).")
    if error.validator == "not" and schema.get("x-readOnly"):
        name = where[-1] if where else "?"
        if name == "id" and len(where) == 1:
            return "$.id: 'id' is set by the service; leave it out of the request body."
        return f"{json_path(where)}: '{name}' is read-only: the service sets it."
    if error.validator == "not" and schema.get("x-notSettable"):
        name = where[-1] if where else "?"
        when = schema["x-notSettable"]
        return (f"{json_path(where)}: '{name}' cannot be set on {when}"
                + (" (it is fixed when the entity is created)." if when == "update" else "."))
    if error.validator == "required":
        # jsonschema reports each missing property as its own error and names it only in the message.
        missing = next((name for name in error.validator_value if error.message.startswith(repr(name))),
                       error.validator_value[0])
        return f"{json_path([*where, missing])}: missing, and {schema.get('title')} requires it."
    if error.validator == "enum":
        members = ", ".join(m for m in error.validator_value if m is not None)
        title = schema.get("title")
        return f"{json_path(where)}: expected a member of {title} ({members}) or null, got {show_json(instance)}."
    return f"{json_path(where)}: expected {_expected(schema)}, got {show_json(instance)}."


@cache
def read_json(path: Path) -> Any:
    """Each data file is read once per process: contracts and examples do not change while serving."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@cache
def document(name: str, open_types: bool) -> Any:
    """One contract of contracts/, by its file name or its ``$id``, read when first asked for (a request reads
    the contracts of the types it meets: the 12 of them are ~220 KB of JSON)."""
    path = data_path("contracts") / name
    if name.endswith(".schema.json") and path.is_file():
        schema = read_json(path)
        return _open_types(schema) if open_types else schema
    return documents(open_types)[name]  # an $id (the session's is a URN): found among them all


@cache
def documents(open_types: bool) -> dict[str, Any]:
    """Every contract in contracts/ by its file name and by its ``$id``."""
    found: dict[str, Any] = {}
    for path in sorted(data_path("contracts").glob("*.schema.json")):
        schema = document(path.name, open_types)
        found[path.name] = found[schema.get("$id", path.name)] = schema
    return found


def resolve(ref: str, base: str = "", *, open_types: bool = False) -> Any:
    """What a ``$ref`` points at: ``file#/json/pointer``, or ``#/json/pointer`` inside the contract ``base``.

    Every ``$ref`` in contracts/ has one of these two forms (tests/test_contracts_generated.py checks that each
    resolves to what the referencing library resolves it to), so start-up walks the loaded files itself:
    referencing, ~25 ms of imports, comes only with jsonschema, to explain a refusal.
    """
    document_name, _, pointer = ref.partition("#")
    node = document(document_name or base, open_types)
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


@cache
def registry(open_types: bool) -> Registry:
    """Every contract in contracts/ as one referencing registry, for jsonschema (refusals.py).

    The contracts are package data, so ``check_schema`` runs on them in the test suite
    (tests/test_core_contracts.py), not here: at start-up it cost ~90 ms of every cold start.
    """
    from referencing import Registry, Resource

    return Registry().with_resources((name, Resource.from_contents(schema))
                                     for name, schema in documents(open_types).items())


def _open_types(schema: Any) -> Any:
    """A copy of ``schema`` where OData open types accept properties they do not declare."""
    if isinstance(schema, dict):
        out = {k: _open_types(v) for k, v in schema.items()}
        if out.get("x-openType"):
            out["additionalProperties"] = True
        return out
    if isinstance(schema, list):
        return [_open_types(v) for v in schema]
    return schema


@cache
def _walker(open_types: bool) -> tuple[type, Any]:
    """refusals.py's walker class for one registry, and its skimmer (imported here: jsonschema comes with it)."""
    from mockgraph import refusals

    return refusals.walker(registry(open_types))


@cache
def validator(ref: str, *, open_types: bool = False):
    """A jsonschema validator for one view (``file#/$defs/name``) of the contracts, made on its first refusal."""
    walker, skimmer = _walker(open_types)
    return walker(skimmer.root(ref), registry=registry(open_types), format_checker=walker.FORMAT_CHECKER)


#: (view, open_types) -> its compiled accept check, each made the first time it is asked for (the 28 views
#: compiled at start-up were ~75 ms of ``mockgraph serve``'s launch), one at a time: two threads meeting one
#: view would otherwise both import its generated module, or both generate it (open types: ~16 ms for the
#: session's), on a worker's first requests.
_accepts: dict[tuple[str, bool], Any] = {}
_compiling = threading.Lock()


def accepts(ref: str, open_types: bool):
    """The compiled accept-only check of one view (see accept.py), or None where it cannot be compiled."""
    try:
        return _accepts[ref, open_types]
    except KeyError:
        pass
    with _compiling:
        if (ref, open_types) not in _accepts:
            name, _, fragment = ref.partition("#")
            _accepts[ref, open_types] = compile_accepts(document(name, open_types), fragment,
                                                        module_name(name, fragment))
        return _accepts[ref, open_types]


@cache
def title(ref: str) -> str:
    """The type a view checks, as an error names it (``microsoft.graph.virtualEventSession``)."""
    contents = resolve(ref)
    return contents.get("x-typeName") or contents.get("title", "object")


def load_operations(*, accept_unknown_properties: bool = False) -> list[Operation]:
    """Read ``operations.json``; each operation's checks are compiled when first used."""
    spec = read_json(data_path("contracts") / "operations.json")
    operations = []
    for op in spec["operations"]:
        operations.append(Operation(
            name=op["name"], method=op["method"], versions=op["versions"], path=op["path"],
            path_values=op.get("pathValues", {}), parent=op["parent"], status=op["status"], spec=op,
            type_name=title(op["request"]["schema"]),
            examples=[Example(e["file"], e["role"], e["valid"], e["why"]) for e in op.get("examples", [])],
            open_types=accept_unknown_properties,
        ))
    return operations
