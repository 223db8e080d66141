"""Provider states applied: Pact's state changes entered into (and left from) one mock.

One job: turning a state name and its params into entities in the store. The names themselves come
from ``vocabulary.py`` (made from ``contracts/model.json``); the entities are made by ``adding.add``,
as the service holds them. The same names serve ``POST /_mockgraph/provider-states`` (any verifier,
any language) and pact-python's in-process ``Verifier.state_handler(handlers(graph.state), teardown=True)``.

Each state takes as params the ids of what it is about (``townhallId``, ``presenterId``; ``virtualEventId``
for the event and ``id`` for the last entity also work) and any property of the last entity
(``status``, ``displayName``…), and returns the ids it used for Pact's ``ProviderState`` generators
(``${townhallId}``). Ids it is not given are made from the seed, so a state gives the same ids each time.

This is also the public path of the direct-state API (``from mockgraph.states import handlers, STATES,
change, add, entities, load_data``), so the names of ``vocabulary``, ``adding`` and ``datafiles`` are
re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mockgraph.adding import ROOT, add, collection_at, concrete_kind, entities, graph_path
from mockgraph.datafiles import DataError, load_data, read_data
from mockgraph.errors import GraphError
from mockgraph.vocabulary import (
    EVENT_PARAM,
    LEGACY_ABSENT,
    LEGACY_EXISTS,
    SPELLING,
    STATES,
    Link,
    State,
    absent_name,
    article,
    noun,
    param_of,
    state_name,
    vocabulary,
)

__all__ = [
    "ACTIONS", "EVENT_PARAM", "LEGACY_ABSENT", "LEGACY_EXISTS", "ROOT", "SPELLING", "STATES", "DataError", "Handler",
    "Link", "State", "absent_name", "add", "article", "change", "change_state", "clear", "entities", "graph_path",
    "handlers", "load_data", "mock_state", "noun", "param_of", "read_data", "state_name", "vocabulary",
]

ACTIONS = ("setup", "teardown")

Handler = Callable[[Any, Mapping[str, Any], str], dict[str, Any]]


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
        kind = concrete_kind(state, last.type, props)
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
        call, found = collection_at(state, collection_path)
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
