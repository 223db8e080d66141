"""State put in directly: Pact's provider states, ``mockgraph.add(...)`` and preloaded data files.

Pact replays a consumer's interactions after asking the provider to enter each one's state, so the
vocabulary must cover every entity the family has. It is made from ``contracts/model.json``, not written
per type: every entity set at the top (town halls, webinars) gives ``a town hall exists`` and ``no town
hall exists``; every collection under it ``a town hall with a presenter exists``; every collection
deeper ``a session has an attendance report``. The two states of the first release (``a virtual event
exists``, ``no virtual event exists``) keep their meaning. The same names serve ``POST
/_mockgraph/provider-states`` (any verifier, any language) and pact-python's in-process
``Verifier.state_handler(handlers(graph.state), teardown=True)``.

Each state takes as params the ids of what it is about (``townhallId``, ``presenterId``; ``virtualEventId``
for the event and ``id`` for the last entity also work) and any property of the last entity
(``status``, ``displayName``…), and returns the ids it used for Pact's ``ProviderState`` generators
(``${townhallId}``). Ids it is not given are made from the seed, so a state gives the same ids each time.

Entities are made as the service holds them (the type's template, generated values, defaults, hooks; a
town hall gets its session and registration configuration), from the handlers' public functions.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mockgraph.errors import GraphError

EVENT_PARAM = "virtualEventId"
ACTIONS = ("setup", "teardown")
LEGACY_EXISTS = "a virtual event exists"
LEGACY_ABSENT = "no virtual event exists"
#: How a type's name reads in a state, where splitting its camel case is not English (``Townhall``).
SPELLING = {"townhall": "town hall"}
ROOT = "/v1.0/solutions/virtualEvents"

Handler = Callable[[Any, Mapping[str, Any], str], dict[str, Any]]


# -- the vocabulary, from the model --------------------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    """One entity set on a state's chain: how it is reached and what its state names call it."""

    nav: str                      # the navigation segment: "townhalls", "presenters"
    type: str                     # the entity type there ("virtualEventTownhall")
    noun: str                     # "town hall", "presenter"
    param: str                    # the param naming its id: "townhallId", "presenterId"
    via: tuple[str, ...] = ()     # singletons walked through to reach it ("registrationConfiguration")


@dataclass(frozen=True)
class State:
    """One name of the vocabulary: what it makes (``exists``) or declares absent (``absent``), along ``chain``."""

    name: str
    kind: str                     # "exists", "absent", "legacy-exists", "legacy-absent"
    chain: tuple[Link, ...]
    #: the top-level sets the first link may be (deep states: "a session has…" in a town hall or a webinar)
    tops: tuple[Link, ...] = ()


def noun(type_name: str) -> str:
    """``virtualEventTownhall`` → "town hall"; ``meetingAttendanceReport`` → "attendance report"."""
    words = re.findall(r"[A-Z]?[a-z]+", type_name.removeprefix("virtualEvent")[:1].lower()
                       + type_name.removeprefix("virtualEvent")[1:]) if type_name != "virtualEvent" else []
    words = [w.lower() for w in words]
    if words[:1] == ["meeting"]:
        words = words[1:]
    if words[-1:] == ["base"]:
        words = words[:-1]
    text = " ".join(SPELLING.get(w, w) for w in words)
    return text or "virtual event"


def article(text: str) -> str:
    return ("an " if text[:1] in "aeiou" else "a ") + text


def _param(nav: str) -> str:
    return EVENT_PARAM if nav == "events" else nav.removesuffix("s") + "Id"


@cache
def vocabulary() -> dict[str, State]:
    """Every provider state mockgraph knows, by name, made from the segments and types of contracts/model.json."""
    from mockgraph.model import model

    spec = model()
    segments = {name: entry for name, entry in spec["segments"].items() if "/" not in name and "sameAs" not in entry}

    def link(nav: str, via: tuple[str, ...] = (), under: str | None = None) -> Link:
        entry = segments[nav]
        type_name = entry.get("typeUnder", {}).get(under, entry["type"]) if under else entry["type"]
        return Link(nav, type_name, noun(entry["type"]), _param(nav), via)

    def children(nav: str) -> list[tuple[str, tuple[str, ...]]]:
        out = []
        for name, entry in segments.items():
            if nav not in entry["under"]:
                continue
            if entry.get("singleton"):  # made with its parent: walked through, not named
                out += [(child, (name, *via)) for child, via in children(name)]
            else:
                out.append((name, ()))
        return out

    states: dict[str, State] = {}
    events = link("events")
    states[LEGACY_EXISTS] = State(LEGACY_EXISTS, "legacy-exists", (events,))
    states[LEGACY_ABSENT] = State(LEGACY_ABSENT, "legacy-absent", (events,))
    tops = [link(nav) for nav, entry in segments.items()
            if entry["under"] == [None] and "derived" not in spec["types"][entry["type"]]]
    deep: dict[tuple[str, str], list[tuple[Link, ...]]] = {}

    def descend(chain: tuple[Link, ...]) -> None:
        for child, via in children(chain[-1].nav):
            longer = (*chain, link(child, via))
            if len(longer) == 2:
                name = f"{article(chain[0].noun)} with {article(longer[-1].noun)} exists"
                states[name] = State(name, "exists", longer, (chain[0],))
            else:
                deep.setdefault((chain[-1].nav, child), []).append(longer)
            descend(longer)

    for top in tops:
        for kind, name in (("exists", f"{article(top.noun)} exists"), ("absent", f"no {top.noun} exists")):
            states[name] = State(name, kind, (top,), (top,))
        descend((top,))
    for chains in deep.values():
        first = chains[0]
        name = f"{article(first[-2].noun)} has {article(first[-1].noun)}"
        states[name] = State(name, "exists", first, tuple(chain[0] for chain in chains))
    return states


#: The names, for messages and for ``handlers``; kept as a dict like the first release's table.
STATES: dict[str, State] = vocabulary()


# -- making entities as the service holds them -----------------------------------------------------------------

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
                include_unknown_enum_members=True, now=state.now())


def _collection(state: Any, path: str):
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


def _concrete(state: Any, type_name: str, entity: Mapping[str, Any]):
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
    call, found = _collection(state, path)
    step = found[-1].step
    nested = {k: v for k, v in entity.items() if k in _children_navs(step.nav)}
    own = {k: v for k, v in entity.items() if k not in nested}
    kind = _concrete(state, step.type, own)
    for name in own:
        if name not in kind.keys and not name.startswith("@"):
            raise GraphError(400, "BadRequest", f"{where}.{name}: '{name}' is not a property of "
                                                f"microsoft.graph.{kind.name} (nor a collection under it).")
    _check(kind, own, where)
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
    _check(kind, call.store.get(target.collection, target.key), where)
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


def _check(kind: Any, entity: Mapping[str, Any] | None, where: str) -> None:
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
    call, found = _collection(state, path)
    step = found[-1].step
    members = [entity for _, entity in call.store.page(found[-1].collection)]
    if step.store == "events" and step.nav != "events":
        members = [e for e in members if e.get("@odata.type") == f"#microsoft.graph.{step.type}"]
    return members


def _show(value: Any) -> str:
    from mockgraph.contracts import show_json

    return show_json(value)


# -- data files ----------------------------------------------------------------------------------------------

class DataError(ValueError):
    """A data file mockgraph cannot load: one message naming the file, the entity and the property."""


def read_data(path: str | Path) -> dict[str, list]:
    """Read a data file: ``{"townhalls": [{…}, …], "webinars/{id}/registrations": [{…}]}``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(f"cannot read the data file {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise DataError(f"the data file {path} is not JSON: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise DataError(f"the data file {path} must be a JSON object of collection paths to lists of entities, "
                        'like {"townhalls": [{"displayName": "All hands"}]}.')
    return data


def load_data(state: Any, path: str | Path) -> int:
    """Add every entity of the data file ``path`` to the mock; returns how many top-level entities it added.

    The first bad entity stops the load with a DataError naming it (``townhalls[1] (id 'x')``) and its property.
    """
    data = read_data(path)
    count = 0
    for collection, items in data.items():
        for i, item in enumerate(items):
            where = f"{collection}[{i}]"
            ident = item.get("id") if isinstance(item, dict) else None
            try:
                add(state, collection, item, where=where)
            except GraphError as exc:
                named = f" (id '{ident}')" if ident else ""
                rest = exc.message[len(where):] if exc.message.startswith(where) else f": {exc.message}"
                raise DataError(f"the data file {path}: {where}{named}{rest}") from None
            count += 1
    return count


# -- provider states -----------------------------------------------------------------------------------------

def _seeded_id(seed: int, state: str, link: Link) -> str:
    """An id the state was not given, made from the seed: the same state gives the same id every time."""
    from faker import Generator
    from faker.providers import misc

    faker = Generator()
    faker.add_provider(misc.Provider)
    legacy = state in (LEGACY_EXISTS, LEGACY_ABSENT)
    faker.seed_instance(f"mockgraph:{seed}:state:{state}" + ("" if legacy else f":{link.nav}"))
    if link.nav in ("events", "townhalls", "webinars"):
        return f"{faker.uuid4()}@{faker.uuid4()}"  # Graph's event ids are "{guid}@{tenant guid}"
    return faker.uuid4()


def _given_id(params: Mapping[str, Any], name: str, key: str) -> str | None:
    given = params.get(key)
    if given is None:
        return None
    if not isinstance(given, str) or not given.strip() or "/" in given:
        raise GraphError(400, "BadRequest", f"Provider state '{name}': params.{key} must be an id (a non-empty "
                                            f"string without '/'), got {given!r}.")
    return given


def _resolve(state_def: State, params: Mapping[str, Any], seed: int) -> tuple[tuple[Link, ...], list[str]]:
    """The chain this call is about (a deep state's top chosen by the params) and the id of each link."""
    chain = state_def.chain
    name = state_def.name
    if len(state_def.tops) > 1 or (state_def.tops and state_def.tops[0] != chain[0]):
        top = next((t for t in state_def.tops if t.param in params), None)
        wanted = params.get("event")
        if top is None and wanted is not None:
            top = next((t for t in state_def.tops if t.noun == wanted or t.nav == wanted), None)
            if top is None:
                raise GraphError(400, "BadRequest", f"Provider state '{name}': params.event must be one of "
                                                    f"{', '.join(repr(t.noun) for t in state_def.tops)}.")
        top = top or state_def.tops[0]
        chain = (top, *chain[1:])
    ids = []
    for i, link in enumerate(chain):
        keys = [link.param] + ([EVENT_PARAM] if i == 0 else []) + (["id"] if i == len(chain) - 1 else [])
        given = next((g for g in (_given_id(params, name, k) for k in keys) if g is not None), None)
        ids.append(given or _seeded_id(seed, name, link))
    return chain, ids


def _properties(state: Any, state_def: State, chain: tuple[Link, ...], params: Mapping[str, Any]) -> dict:
    taken = {"id", "event", EVENT_PARAM, *(link.param for link in chain)}
    props = {k: v for k, v in params.items() if k not in taken}
    last = chain[-1]
    kind = state.kinds[last.type]
    if props.get("@odata.type"):
        kind = _concrete(state, last.type, props)
    unknown = [k for k in props if k not in kind.keys]
    if unknown:
        raise GraphError(400, "BadRequest", f"Provider state '{state_def.name}': '{unknown[0]}' is not a param it "
                                            f"takes: {', '.join(link.param for link in chain)}, id, and the "
                                            f"properties of microsoft.graph.{kind.name}.")
    return props


def _path(chain: tuple[Link, ...], ids: list[str], upto: int) -> str:
    path = ROOT
    for i, link in enumerate(chain[:upto]):
        path += "".join(f"/{v}" for v in link.via) + f"/{link.nav}/{ids[i].replace('%', '%25').replace('/', '%2F')}"
    link = chain[upto]
    return path + "".join(f"/{v}" for v in link.via) + f"/{link.nav}"


def _ensure(state: Any, chain: tuple[Link, ...], ids: list[str], props: dict) -> None:
    """Make each entity of the chain that is missing; give the last one ``props`` (merged if it is there)."""
    from mockgraph.entities import merge_patch

    for i, link in enumerate(chain):
        last = i == len(chain) - 1
        collection_path = _path(chain, ids, i)
        call, found = _collection(state, collection_path)
        existing = call.store.get(found[-1].collection, ids[i])
        wanted = f"#microsoft.graph.{link.type}"
        if existing is not None and link.nav != "events" and found[-1].step.store == "events" \
                and existing.get("@odata.type") != wanted:
            call.store.delete(found[-1].collection, ids[i])  # a webinar where the state wants a town hall
            existing = None
        given = props if last else {}
        if existing is None:
            body = {**given, "id": ids[i]}
            if link.type in state.kinds and state.kinds[link.type].derived and "@odata.type" not in body:
                body["@odata.type"] = f"#microsoft.graph.{state.kinds[link.type].derived[0]}"
            add(state, collection_path, body, where="params")
        elif given:
            call.store.update(found[-1].collection, ids[i], lambda e, g=given: merge_patch(e, g))
        if i == 0:
            state.store.set_event_absent(ids[0], False)


def change_state(state: Any, state_def: State, params: Mapping[str, Any], action: str) -> dict[str, Any]:
    """Enter (``setup``) or leave (``teardown``) one state of the vocabulary; return the ids it is about."""
    seed = state.fakes.seed
    if state_def.kind.startswith("legacy"):
        (event,) = _resolve(state_def, {k: v for k, v in params.items() if k == EVENT_PARAM}, seed)[1]
        if state_def.kind == "legacy-exists":
            if action == "setup":
                state.store.set_event_absent(event, False)
        else:
            state.store.set_event_absent(event, action == "setup")
        return {EVENT_PARAM: event}
    chain, ids = _resolve(state_def, params, seed)
    values = {link.param: ident for link, ident in zip(chain, ids, strict=True)}
    values.update({EVENT_PARAM: ids[0], "id": ids[-1]})
    top_collection = "events"
    if state_def.kind == "absent":
        if action == "setup":
            state.store.delete(top_collection, ids[0])
        state.store.set_event_absent(ids[0], action == "setup")
        return values
    props = _properties(state, state_def, chain, params)
    if action == "setup":
        _ensure(state, chain, ids, props)
    else:
        state.store.delete(top_collection, ids[0])
    return values


def change(state: Any, name: Any, params: Any = None, action: Any = "setup") -> dict[str, Any]:
    """Apply one state change as Pact describes it; every mistake is a 400 naming what is known."""
    if action == "teardown":
        clear(state)  # whatever happens below, the next interaction starts from an empty mock
    if name == "" or name is None:
        return {}  # Pact's generic set-up/tear-down call for interactions without a state
    if not isinstance(name, str) or name not in STATES:
        known = "; ".join(f"'{known}'" for known in STATES)
        raise GraphError(400, "BadRequest", f"Unknown provider state {name!r}. mockgraph knows: {known}.")
    action = action or "setup"
    if action not in ACTIONS:
        raise GraphError(400, "BadRequest", f"Unknown provider state action {action!r}: use 'setup' or 'teardown'.")
    params = {} if params is None else params
    if not isinstance(params, Mapping):
        raise GraphError(400, "BadRequest", f"Provider state '{name}': params must be a JSON object.")
    return change_state(state, STATES[name], params, action)


def clear(state: Any) -> None:
    """Remove every entity (all live under an event) but keep the journal: a teardown leaves nothing behind.

    A verifier replays interactions one after another; without this an entity one interaction created would
    show up in the next one's list.
    """
    for key, _ in [(e["id"], e) for _, e in state.store.page("events")]:
        state.store.delete("events", key)


def mock_state(target: Any, seed: int | None = None) -> Any:
    """The MockState behind a server, client, app or state; a bare Store gets one built around it."""
    for attr in ("state", "_state"):
        if hasattr(target, attr) and hasattr(getattr(target, attr), "kinds"):
            return getattr(target, attr)
    if hasattr(target, "extensions"):
        return target.extensions["mockgraph"]
    if hasattr(target, "kinds"):
        return target
    from mockgraph.app import MockState
    from mockgraph.config import Settings
    from mockgraph.entities import load_kinds
    from mockgraph.fakes import Fakes
    from mockgraph.model import operations
    from mockgraph.routing import Router

    return MockState(settings=Settings(seed=seed or 0), store=target, fakes=Fakes(seed or 0), operations=[],
                     router=Router(operations()), kinds=load_kinds(open_types=False))


def handlers(target: Any, seed: int | None = None) -> dict[str, Callable[..., dict[str, Any]]]:
    """The vocabulary bound to one mock, shaped for ``Verifier.state_handler(..., teardown=True)``.

    ``target`` is the mock's state (``graph.state``), the server, the app, or (as in the first release) its
    store: ``with MockGraphServer() as graph: verifier.state_handler(states.handlers(graph), teardown=True)``.
    """
    state = mock_state(target, seed)

    def bind(name: str) -> Callable[..., dict[str, Any]]:
        def handler(action: str = "setup", parameters: Mapping[str, Any] | None = None) -> dict[str, Any]:
            return change(state, name, parameters, action)

        handler.__name__ = handler.__qualname__ = name.replace(" ", "_")
        return handler

    return {name: bind(name) for name in STATES}


def state_name(navs: tuple[str, ...]) -> str:
    """The vocabulary's name for the entity at the end of ``navs`` ("townhalls", "presenters") existing."""
    for state in STATES.values():
        if state.kind != "exists" or len(state.chain) != len(navs):
            continue
        if tuple(link.nav for link in state.chain[1:]) == navs[1:] and navs[0] in {t.nav for t in state.tops}:
            return state.name
    raise KeyError(f"no provider state makes {'/'.join(navs)}")


def absent_name(nav: str) -> str:
    """The vocabulary's name for the top-level entity set ``nav`` having no entity with some id."""
    return next(s.name for s in STATES.values() if s.kind.endswith("absent") and s.chain[0].nav == nav)


def param_of(nav: str) -> str:
    """The param (and ``ProviderState`` value) naming the id of an entity of the set ``nav``: ``townhallId``."""
    return _param(nav)
