"""Entities put in directly: ``add(state, path, entity)`` stores one as the service would hold it.

One job: making and checking an entity outside a Graph request. The type's template, generated
values, defaults and hooks apply (a town hall gets its session and registration configuration),
through the handlers' public functions; given properties are checked against the type's response
contract, so a wrong value names its property. ``entities`` reads a collection back.

It is apart from ``states.py`` because three callers use it that are not Pact: data files
(``datafiles.py``), ``MockGraphServer.add`` and the app's ``data`` setting; provider states are one
more caller.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from mockgraph.errors import GraphError

ROOT = "/v1.0/solutions/virtualEvents"


def graph_path(path: str) -> str:
    """A collection path as a user writes it ("townhalls", "/solutions/…", a full URL) as a versioned Graph path."""
    if "://" in path:
        path = urlsplit(path).path
    path = "/" + path.lstrip("/")
    if path.startswith(("/v1.0/", "/beta/")):
        return path
    if path.lower().startswith("/solutions/"):
        return "/v1.0" + path
    return ROOT + path


def _call(state: Any, path: str):
    """A handlers.Call for the collection (or entity) at ``path``, as control.py's /entities builds one."""
    from mockgraph.handlers import Call

    match = state.router.resolve("GET", graph_path(path))
    return Call(op=match.operation, params=match.params, version=match.version, state=state, body=None, args={},
                url="http://mockgraph" + graph_path(path), host_url="http://mockgraph/",
                include_unknown_enum_members=True)


def collection_at(state: Any, path: str):
    """(call, found) for a collection path; refused unless the path names a collection the model holds."""
    from mockgraph.handlers import walk

    call = _call(state, path)
    if call.op.kind != "list":
        raise GraphError(400, "BadRequest", f"'{path}' is not a collection: name one, like 'townhalls' or "
                                            "'webinars/{id}/registrations'.")
    found = walk(call, lenient=True)
    step = found[-1].step
    if step.same_as:
        raise GraphError(400, "BadRequest", f"'{path}' lists entities kept elsewhere ({step.same_as}); "
                                            "add them where they are contained.")
    return call, found


def concrete_kind(state: Any, type_name: str, entity: Mapping[str, Any]):
    """The kind ``entity`` is: ``type_name``, or the derived type its ``@odata.type`` names (abstract: required)."""
    kind = state.kinds[type_name]
    sent = str(entity.get("@odata.type") or "").lstrip("#").removeprefix("microsoft.graph.")
    if sent and sent != type_name:
        if sent not in kind.derived:
            raise GraphError(400, "BadRequest", f"@odata.type: '{sent}' is not {type_name} or a type derived "
                                                f"from it ({', '.join(kind.derived) or 'none'}).")
        return state.kinds[sent]
    if kind.derived:
        raise GraphError(400, "BadRequest", f"@odata.type: {type_name} is abstract; name one of "
                                            f"{', '.join('#microsoft.graph.' + d for d in kind.derived)}.")
    return kind


def _children_navs(type_nav: str) -> dict[str, dict]:
    from mockgraph.model import model

    return {name: entry for name, entry in model()["segments"].items()
            if "/" not in name and "sameAs" not in entry and type_nav in entry["under"]}


def add(state: Any, path: str, entity: Mapping[str, Any], *, where: str = "$") -> dict:
    """Store ``entity`` in the collection at ``path`` as the service would hold it; return what is stored.

    Read-only and generated properties are welcome (given ones win over made-up ones); a property the type
    does not have is refused. Child collections may be nested by navigation name (``"presenters": [...]``,
    ``"registrationConfiguration": {"capacity": 10, "questions": [...]}``). An event gets the session and
    registration configuration Graph makes with it. ``where`` names the entity in error messages.
    """
    from mockgraph.handlers import Found, materialize

    if not isinstance(entity, Mapping):
        raise GraphError(400, "BadRequest", f"{where}: expected a JSON object (an entity), got {_show(entity)}.")
    call, found = collection_at(state, path)
    step = found[-1].step
    nested = {k: v for k, v in entity.items() if k in _children_navs(step.nav)}
    own = {k: v for k, v in entity.items() if k not in nested}
    kind = concrete_kind(state, step.type, own)
    for name in own:
        if name not in kind.keys and not name.startswith("@"):
            raise GraphError(400, "BadRequest", f"{where}.{name}: '{name}' is not a property of "
                                                f"microsoft.graph.{kind.name} (nor a collection under it).")
    check(kind, own, where)
    made = materialize(call, kind, dict(own), found)
    if own.get("id"):
        made["id"] = own["id"]
    if not isinstance(made.get("id"), str) or not made["id"]:
        raise GraphError(400, "BadRequest", f"{where}.id: expected a non-empty string.")
    if not call.store.insert(found[-1].collection, made["id"], made):
        raise GraphError(409, "Conflict", f"{where}: an entity with the id '{made['id']}' is already in "
                                          f"{graph_path(path)}.")
    if step.store == "events":
        call.store.set_event_absent(made["id"], False)
    here = Found(step, found[-1].collection, made["id"], made)
    _made_with(call, kind, made, found, here, nested)
    base = graph_path(path).rstrip("/") + "/" + made["id"].replace("%", "%25").replace("/", "%2F")
    for nav, value in nested.items():
        _add_nested(state, base, nav, value, f"{where}.{nav}")
    return copy.deepcopy(made)


def _made_with(call: Any, kind: Any, made: dict, found: list, here: Any, nested: dict) -> None:
    """What Graph creates with an entity (an event's session and registration configuration), unless given."""
    from mockgraph import hooks
    from mockgraph.handlers import materialize

    for nav, recipe in kind.children.items():
        singleton = nav == "registrationConfiguration" or _children_navs(here.step.nav).get(nav, {}).get("singleton")
        if not singleton and nav in nested:
            continue  # the file names this event's sessions itself
        child = hooks.CHILDREN[recipe](call, made)
        child_kind = call.state.kinds[child["@odata.type"].removeprefix("#microsoft.graph.")]
        entity = materialize(call, child_kind, child, found, key="$" if singleton else None)
        call.store.insert(f"{here.address}/{nav}", "$" if singleton else entity["id"], entity)


def _add_nested(state: Any, base: str, nav: str, value: Any, where: str) -> None:
    entry = _children_navs(urlsplit(base).path.rstrip("/").split("/")[-2])[nav]
    if entry.get("singleton"):
        if not isinstance(value, Mapping):
            raise GraphError(400, "BadRequest", f"{where}: expected a JSON object (the {nav}).")
        _update_singleton(state, f"{base}/{nav}", value, where)
        return
    if not isinstance(value, list):
        raise GraphError(400, "BadRequest", f"{where}: expected a list of entities.")
    for i, item in enumerate(value):
        add(state, f"{base}/{nav}", item, where=f"{where}[{i}]")


def _update_singleton(state: Any, path: str, value: Mapping[str, Any], where: str) -> None:
    from mockgraph.entities import merge_patch
    from mockgraph.handlers import walk

    call = _call(state, path)
    target = walk(call)[-1]
    nested = {k: v for k, v in value.items() if k in _children_navs(target.step.nav)}
    own = {k: v for k, v in value.items() if k not in nested}
    kind = state.kinds[(target.entity or {}).get("@odata.type", "").removeprefix("#microsoft.graph.")
                       or target.step.type]
    for name in own:
        if name not in kind.keys and not name.startswith("@"):
            raise GraphError(400, "BadRequest", f"{where}.{name}: '{name}' is not a property of "
                                                f"microsoft.graph.{kind.name}.")
    call.store.update(target.collection, target.key, lambda e: merge_patch(e, own))
    check(kind, call.store.get(target.collection, target.key), where)
    for nav, items in nested.items():
        if not isinstance(items, list):
            raise GraphError(400, "BadRequest", f"{where}.{nav}: expected a list of entities.")
        for i, item in enumerate(items):
            add(state, f"{path}/{nav}", item, where=f"{where}.{nav}[{i}]")


@cache
def _response_validator(type_name: str):
    from mockgraph import contracts
    from mockgraph.model import type_spec

    spec = type_spec(type_name)
    ref = spec["views"]["response"] if "views" in spec else f"{spec['schema']}#/$defs/response"
    return contracts.validator(ref)


def check(kind: Any, entity: Mapping[str, Any] | None, where: str) -> None:
    """The given properties against the type's response contract: a wrong value names its property."""
    from mockgraph.contracts import first_in_document, json_path

    body = {k: v for k, v in (entity or {}).items() if v is not None and not k.startswith("@")}
    validator = _response_validator(kind.name)
    errors = [e for e in validator.iter_errors(body) if e.validator != "required"]
    if errors:
        error = first_in_document(errors, body)
        at = json_path(error.absolute_path).removeprefix("$")
        raise GraphError(400, "BadRequest", f"{where}{at}: {error.message} "
                                            f"(the contract of microsoft.graph.{kind.name}).")


def entities(state: Any, path: str) -> list[dict]:
    """The entities stored in the collection at ``path`` ("townhalls", "webinars/{id}/registrations"), in order."""
    call, found = collection_at(state, path)
    step = found[-1].step
    members = [entity for _, entity in call.store.page(found[-1].collection)]
    if step.store == "events" and step.nav != "events":
        members = [e for e in members if e.get("@odata.type") == f"#microsoft.graph.{step.type}"]
    return members


def _show(value: Any) -> str:
    from mockgraph.contracts import show_json

    return show_json(value)
