"""The provider-state vocabulary: every state name mockgraph knows, made from ``contracts/model.json``.

One job: names, not effects. Pact replays a consumer's interactions after asking the provider to enter
each one's state, so the vocabulary must cover every entity the family has. It is made from the model,
not written per type: every entity set at the top (town halls, webinars) gives ``a town hall exists``
and ``no town hall exists``; every collection under it ``a town hall with a presenter exists``; every
collection deeper ``a session has an attendance report``. The two states of the first release (``a
virtual event exists``, ``no virtual event exists``) keep their meaning.

It is apart from ``states.py`` (which applies a state to a mock) because the pact exporter and the
recorder name states too, and they need the names without the machinery that makes entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

EVENT_PARAM = "virtualEventId"
LEGACY_EXISTS = "a virtual event exists"
LEGACY_ABSENT = "no virtual event exists"
#: How a type's name reads in a state, where splitting its camel case is not English (``Townhall``).
SPELLING = {"townhall": "town hall"}


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
