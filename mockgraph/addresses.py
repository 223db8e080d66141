"""Where an operation's path leads in the store: the request resolved (``Call``) and each step's entity found.

Every handler first walks the operation's path (``walk``): each keyed step must name an entity that exists and is
of the type its set holds, or the request is a 404 naming it. Kept apart from the handlers because the Pact wing
and the control endpoints walk paths too, and because addresses (``events/{id}/sessions``) are the store's
vocabulary, not any one handler's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from mockgraph.errors import GraphError
from mockgraph.model import Operation, Step, model


@dataclass
class Call:
    """One request, resolved: what the handlers need and nothing of Flask's."""

    op: Operation
    params: dict[str, str]
    version: str
    state: Any                      # app.MockState
    body: dict | None
    args: Any                       # the query arguments (a MultiDict)
    url: str                        # scheme://host/path of the request, no query
    host_url: str
    include_unknown_enum_members: bool

    @property
    def store(self):
        return self.state.store

    @cached_property
    def now(self) -> str:
        """The service's clock when the request first asks (``MockState.now``), the same for the rest of it.

        Only what a request writes reads it (createdDateTime and the like): a get or a list formats no time.
        """
        return self.state.now()


@dataclass
class Found:
    step: Step
    collection: str
    key: str | None = None
    entity: dict | None = None

    @property
    def address(self) -> str:
        return f"{self.collection}/{escape(self.key)}"


def escape(key: str | None) -> str:
    """A key as it stands in an address: '/' and '%' escaped, so an id cannot reach into another collection."""
    return (key or "").replace("%", "%25").replace("/", "%2F")


def walk(call: Call, *, lenient: bool = False) -> list[Found]:
    """Resolve each step of the path in the store; the last step is the target (an entity, or a collection)."""
    found: list[Found] = []
    steps = call.op.steps
    for i, step in enumerate(steps):
        if step.same_as:
            collection = f"{found[-2].address}/{step.same_as}"  # not contained: the event's own set
        else:
            collection = f"{found[-1].address}/{step.store}" if found else step.store
        if not step.keyed:
            found.append(Found(step, collection))
            break
        key, entity, held = _lookup(call, step, collection)
        here = Found(step, collection, key, entity)
        is_target = i == len(steps) - 1
        if entity is None and (is_target or held or not _implied(call, here, lenient, steps[i + 1])):
            raise not_found(step, here.key)
        found.append(here)
    return found


def _lookup(call: Call, step: Step, collection: str) -> tuple[str, dict | None, bool]:
    """(key, entity, whether the store holds an entity at that key): held but None is one of another type."""
    if step.singleton:
        entity = call.store.get(collection, "$")
        return "$", entity, entity is not None
    if step.alternate:
        (prop, param), = step.alternate
        wanted = call.params[param]
        for _, entity in call.store.page(collection):
            value = entity.get(prop)
            same_email = prop == "email" and isinstance(value, str) and value.casefold() == wanted.casefold()
            if value == wanted or same_email:
                return entity["id"], entity, True
        return wanted, None, False
    key = call.params[step.key]
    entity = call.store.get(collection, key)
    if entity is not None and step.store == "events" and step.nav != "events" \
            and entity.get("@odata.type") != f"#microsoft.graph.{step.type}":
        return key, None, True  # a webinar's id under /townhalls is not a town hall
    return key, entity, entity is not None


def _implied(call: Call, parent: Found, lenient: bool, child: Step) -> bool:
    """A parent the store does not hold still stands where the mock is lenient and nobody declared it absent.

    (One held but of another type, a webinar's id under /townhalls, is not a missing parent: walk asks only for
    keys the store does not hold.)
    """
    if call.state.settings.strict_parents or call.store.event_absent(parent.key or ""):
        return False
    if lenient:
        return True
    # only sessions are ever made under a parent the store does not hold, so only they imply one
    return child.type == "virtualEventSession" and call.store.count(f"{parent.address}/{child.store}") > 0


def parents_gone(call: Call, found: list[Found]) -> bool:
    """Whether a parent the walk found was deleted since (a create racing a delete of its event)."""
    return any(f.entity is not None and not f.step.singleton and call.store.get(f.collection, f.key) is None
               for f in found[:-1])


def not_found(step: Step, key: str | None) -> GraphError:
    what = "virtual event" if step.store == "events" else f"{step.type} in {step.nav}"
    if step.singleton:
        return GraphError(404, "itemNotFound", f"The {step.nav} of this virtual event was not found.")
    return GraphError(404, "itemNotFound", f"The {what} '{key}' was not found.")


def context_url(call: Call, *, entity: bool) -> str:
    """``https://graph.microsoft.com/v1.0/$metadata#solutions/virtualEvents/townhalls('…')/presenters/$entity``."""
    parts = [*model()["root"]]
    steps = call.op.steps
    for i, step in enumerate(steps):
        last = i == len(steps) - 1
        if step.key and not last:
            parts.append(f"{step.nav}('{call.params[step.key].replace(chr(39), chr(39) * 2)}')")
        else:
            parts.append(step.nav)
    return f"https://graph.microsoft.com/{call.version}/$metadata#{'/'.join(parts)}" + ("/$entity" if entity else "")
