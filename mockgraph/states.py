"""The provider states mockgraph understands: the vocabulary consumers may write in ``given(...)``.

Pact replays a consumer's interactions after asking the provider to enter each one's state.
mockgraph keeps that vocabulary here, as a dict of name → function, so the same handlers serve
``POST /_mockgraph/provider-states`` (any verifier, any language) and pact-python's in-process
``Verifier.state_handler({...})`` (see ``handlers``).

A handler takes the store, the seed, the state's params and the action ("setup" or "teardown")
and returns the values Pact's ``ProviderState`` generators may use (``${virtualEventId}``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mockgraph.errors import GraphError
from mockgraph.store import Store

EVENT_PARAM = "virtualEventId"
ACTIONS = ("setup", "teardown")

Handler = Callable[[Store, int, Mapping[str, Any], str], dict[str, Any]]


def _event_id(params: Mapping[str, Any], seed: int, state: str) -> str:
    """The event the state is about: the one named in params, or one made by Faker from the seed."""
    given = params.get(EVENT_PARAM)
    if given is not None:
        if not isinstance(given, str) or not given.strip() or "/" in given:
            raise GraphError(400, "BadRequest", f"Provider state '{state}': params.{EVENT_PARAM} must be a "
                                                f"virtual event id (a non-empty string without '/'), got {given!r}.")
        return given
    from faker import Generator
    from faker.providers import misc

    faker = Generator()
    faker.add_provider(misc.Provider)
    faker.seed_instance(f"mockgraph:{seed}:state:{state}")
    return f"{faker.uuid4()}@{faker.uuid4()}"  # Graph's event ids are "{guid}@{tenant guid}"


def event_exists(store: Store, seed: int, params: Mapping[str, Any], action: str) -> dict[str, Any]:
    """``a virtual event exists``: creates in it answer 201 (any well-formed id does by default)."""
    event = _event_id(params, seed, "a virtual event exists")
    if action == "setup":
        store.set_event_absent(event, False)
    return {EVENT_PARAM: event}


def no_event_exists(store: Store, seed: int, params: Mapping[str, Any], action: str) -> dict[str, Any]:
    """``no virtual event exists``: creates in it answer 404 itemNotFound until teardown or reset."""
    event = _event_id(params, seed, "no virtual event exists")
    store.set_event_absent(event, action == "setup")
    return {EVENT_PARAM: event}


STATES: dict[str, Handler] = {
    "a virtual event exists": event_exists,
    "no virtual event exists": no_event_exists,
}


def change(store: Store, seed: int, state: Any, params: Any = None, action: Any = "setup") -> dict[str, Any]:
    """Apply one state change as Pact describes it; every mistake is a 400 naming what is known."""
    if state == "" or state is None:
        return {}  # Pact's generic set-up/tear-down call for interactions without a state
    if not isinstance(state, str) or state not in STATES:
        known = "; ".join(f"'{name}'" for name in STATES)
        raise GraphError(400, "BadRequest", f"Unknown provider state {state!r}. mockgraph knows: {known}.")
    action = action or "setup"
    if action not in ACTIONS:
        raise GraphError(400, "BadRequest", f"Unknown provider state action {action!r}: use 'setup' or 'teardown'.")
    params = {} if params is None else params
    if not isinstance(params, Mapping):
        raise GraphError(400, "BadRequest", f"Provider state '{state}': params must be a JSON object.")
    return STATES[state](store, seed, params, action)


def handlers(store: Store, seed: int = 0) -> dict[str, Callable[..., dict[str, Any]]]:
    """The vocabulary bound to one mock's store, shaped for ``Verifier.state_handler(..., teardown=True)``.

    ``with MockGraphServer() as graph: verifier.state_handler(states.handlers(graph.state.store), teardown=True)``
    """
    def bind(name: str) -> Callable[..., dict[str, Any]]:
        def handler(action: str = "setup", parameters: Mapping[str, Any] | None = None) -> dict[str, Any]:
            return change(store, seed, name, parameters, action)

        handler.__name__ = handler.__qualname__ = name.replace(" ", "_")
        return handler

    return {name: bind(name) for name in STATES}
