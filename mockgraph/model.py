"""The family as data: every Graph operation (contracts/paths.json) laid over the served model (contracts/model.json).

Each operation becomes a typed ``Operation``: its kind, the chain of steps its path walks (entity set or
navigation, the parameter holding each key, the entity type there) and its tail (an action, a function or
``$count``). An operation is served when every step is in the model and its kind has a handler; the rest
stay in the router, so Graph's other paths answer 501 rather than a made-up 400.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from mockgraph.contracts import data_path, read_json

KINDS = ("create", "get", "list", "count", "update", "delete", "action", "function")
READ_KINDS = {"get", "list", "count", "function"}
_PARAM = re.compile(r"^\{([^}]+)\}$")
_CALL = re.compile(r"^([^()]+)\((.*)\)$")


class Step(NamedTuple):
    """One entity set or navigation on an operation's path, with how its key is given."""

    nav: str                 # as the template spells it: "townhalls", "sessions", "registrationConfiguration"
    type: str                # the entity type there
    store: str               # the name it has in store addresses ("events" for townhalls and webinars)
    key: str | None = None   # the path parameter holding its key
    alternate: tuple[tuple[str, str], ...] = ()  # (property, parameter) for registrations(email='…')
    singleton: bool = False
    same_as: str | None = None  # a navigation that is not contained: it reads a sibling set of the event
    read_only: bool = False

    @property
    def keyed(self) -> bool:
        return self.key is not None or bool(self.alternate) or self.singleton


@dataclass
class Operation:
    method: str
    path: str
    kind: str
    versions: list[str]
    status: int
    docs: list[str]
    permissions: Any = None
    steps: list[Step] = field(default_factory=list)
    tail: str | None = None             # the action or function name, or "$count"
    tail_params: dict[str, str] = field(default_factory=dict)
    served: bool = False
    why: str = ""

    @property
    def target(self) -> Step:
        return self.steps[-1]

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


@cache
def model() -> dict:
    return read_json(data_path("contracts") / "model.json")


def _plan(op: Operation, spec: dict) -> None:
    """Fill ``steps`` and ``tail`` from the path; set ``served`` and ``why``."""
    root = spec["root"]
    parts = op.path.strip("/").split("/")
    if [p.casefold() for p in parts[:len(root)]] != [r.casefold() for r in root]:
        op.why = "outside /solutions/virtualEvents"
        return
    segments = spec["segments"]
    parts = parts[len(root):]
    family = parts[0] if parts else None
    i = 0
    while i < len(parts):
        text = parts[i]
        call = _CALL.match(text)
        name = call.group(1) if call else text
        previous = op.steps[-1].nav if op.steps else None
        entry = segments.get(f"{previous}/{name}") or segments.get(name)
        if entry is not None and previous not in entry["under"]:
            entry = None
        if entry is None:
            if name == "$count" and i == len(parts) - 1:
                op.tail = "$count"
            elif op.kind in ("action", "function") and i == len(parts) - 1:
                op.tail = name
                if call:
                    op.tail_params = _call_params(call.group(2))
            else:
                op.why = f"the segment '{name}' is not in the model"
                return
            i += 1
            continue
        type_name = entry.get("typeUnder", {}).get(family, entry["type"])
        key, alternate = None, ()
        if call:
            alternate = tuple(_call_params(call.group(2)).items())
        elif i + 1 < len(parts) and (param := _PARAM.match(parts[i + 1])):
            key = param.group(1)
            i += 1
        op.steps.append(Step(nav=name, type=type_name, store=entry.get("store", name), key=key, alternate=alternate,
                             singleton=entry.get("singleton", False), same_as=entry.get("sameAs"),
                             read_only=entry.get("readOnly", False)))
        i += 1
    if not op.steps:
        op.why = "the virtualEventsRoot itself"
        return
    if op.kind not in KINDS:
        op.why = f"no handler for the kind '{op.kind}'"
        return
    if op.tail and op.tail != "$count":
        known = spec["actions"] if op.kind == "action" else spec["functions"]
        if op.tail not in known and f"{op.target.nav}.{op.tail}" not in known:
            op.why = f"the {op.kind} '{op.tail}' is not in the model"
            return
    if any(s.read_only for s in op.steps) and op.kind not in READ_KINDS:
        op.why = "Graph fills this collection itself (put entities there with POST /_mockgraph/entities)"
        return
    if any(s.same_as for s in op.steps) and op.kind not in READ_KINDS:
        op.why = "a navigation that is not contained: change the entities where they are contained"
        return
    op.served = True


def _call_params(inner: str) -> dict[str, str]:
    out = {}
    for part in inner.split(","):
        key, _, value = part.partition("=")
        out[key.strip()] = _PARAM.match(value.strip().strip("'")).group(1)
    return out


@cache
def operations() -> tuple[Operation, ...]:
    """Every operation Graph has in the family, each planned against the model (cached: data does not change)."""
    spec = model()
    not_served = {(entry.get("method"), entry["path"]): entry["why"] for entry in spec.get("notServed", [])}
    out = []
    for raw in read_json(data_path("contracts") / "paths.json")["operations"]:
        op = Operation(method=raw["method"], path=raw["path"], kind=raw["kind"], versions=raw["versions"],
                       status=raw["status"], docs=raw["docs"], permissions=raw.get("permissions"))
        why = not_served.get((raw["method"], raw["path"])) or not_served.get((None, raw["path"]))
        if why:
            op.why = why
        else:
            _plan(op, spec)
        out.append(op)
    return tuple(out)


def type_spec(name: str) -> dict:
    return model()["types"][name]
