"""The family's documented examples as the exported pact sees them: which operation each calls, in which states.

One job: from ``fixtures/examples.json`` to ``Documented`` examples resolved against the router, the
provider states that make mockgraph hold what each needs, and the path matchers any id fits. Apart
from ``family.py`` (which turns them into interactions) because this part is about the model and
the vocabulary, not about pact-python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mockgraph.contracts import data_path, read_json
from mockgraph.errors import GraphError

EVENT_NAVS = ("events", "townhalls", "webinars")


@dataclass
class Documented:
    """One documented example resolved to the served operation it calls."""

    entry: dict                  # its fixtures/examples.json entry
    op: Any                      # model.Operation
    params: dict[str, str]
    version: str
    path: str                    # the path it sends, version included

    @property
    def label(self) -> str:
        return f"{self.entry['docsPage']} #{self.entry['n']}"

    @property
    def summary(self) -> str:
        text = self.entry.get("summary") or self.op.name
        return text[:1].lower() + text[1:]

    def body(self, role: str) -> Any:
        name = self.entry.get(role)
        return read_json(data_path("fixtures") / self.entry["docsPage"] / name) if name else None


def _placeholder(name: str) -> str:
    """A stand-in id for a template parameter the docs leave as ``{webinarId}``: stable, and shaped as Graph's."""
    import uuid

    guid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"mockgraph:pact:{name}"))
    return f"{guid}@{uuid.uuid5(uuid.NAMESPACE_URL, 'mockgraph:pact:tenant')}" if "ebinar" in name or \
        "ownhall" in name or "vent" in name else guid


def documented(router) -> tuple[list[Documented], list[str]]:
    """Every example of fixtures/examples.json that a served operation answers, and why the others are left out."""
    from mockgraph.contracts import read_json as read

    chosen, left_out = [], []
    for entry in read(data_path("fixtures") / "examples.json"):
        label = f"{entry['docsPage']} #{entry['n']}"
        url = entry["url"]
        candidates = [url] if "{" not in url else []
        candidates.append(re.sub(r"\{([^}]+)\}", lambda m: _placeholder(m.group(1)), entry["operation"]))
        for candidate in candidates:
            try:
                match = router.resolve(entry["method"], f"/{entry['version']}{candidate}")
            except GraphError:
                continue
            if match.operation.served:
                chosen.append(Documented(entry, match.operation, match.params, match.version,
                                         f"/{entry['version']}{candidate}"))
                break
        else:
            left_out.append(f"{label}: no served operation answers {entry['method']} {url}")
    return chosen, left_out


def keyed_steps(ex: Documented) -> list[tuple[Any, str, dict]]:
    """The keyed steps of the path: (step, id, properties its key implies), singletons skipped."""
    import uuid

    out = []
    for step in ex.op.steps:
        if step.singleton or not step.keyed:
            continue
        if step.alternate:  # registrations(email='…'): an id of its own, and the email the path names
            (prop, param), = step.alternate
            value = ex.params[param]
            out.append((step, str(uuid.uuid5(uuid.NAMESPACE_URL, f"mockgraph:pact:{value}")), {prop: value}))
        else:
            out.append((step, ex.params[step.key], {}))
    return out


def _given_properties(state: Any, type_name: str, entity: dict, keep_generated: bool) -> dict:
    """What a state is given of a documented entity: its properties, less the ones the service makes."""
    from mockgraph.adding import check

    kind = state.kinds[type_name]
    concrete = (entity.get("@odata.type") or "").removeprefix("#microsoft.graph.")
    if concrete in kind.derived:
        kind = state.kinds[concrete]
    out = {"@odata.type": entity["@odata.type"]} if kind.name != type_name else {}
    for key, value in entity.items():
        if key.startswith("@") or key == "id" or value is None or key not in kind.keys:
            continue
        if key in kind.recipes and not keep_generated:
            continue
        try:
            check(kind, {key: value}, "$")
        except GraphError:
            continue  # a truncated or loosely documented value the contract refuses: the mock's own stands
        out[key] = value
    return out


def example_states(state: Any, ex: Documented) -> list[tuple[str, dict]]:
    """The states that make mockgraph hold what the example needs: its path's entities, and what it reads.

    The path's deepest entity gets one state (which makes its parents); a session reached through a
    registration is the event's own; what a get, list or function documents is given as properties.
    """
    from mockgraph.vocabulary import param_of, state_name

    chain = keyed_steps(ex)
    response = ex.body("response")
    keep_generated = ex.op.kind == "function" and "userId" in ex.params
    linear = [c for c in chain if not c[0].same_as]
    ids = {param_of(step.nav): ident for step, ident, _ in linear}
    target = ex.op.target
    reads_target = target.keyed and not target.singleton and isinstance(response, dict) and "value" not in response
    out: list[tuple[str, dict]] = []
    if linear:
        step, _, implied = linear[-1]
        params = {**ids, **implied}
        if reads_target and target is step:
            params.update(_given_properties(state, step.type, response, keep_generated))
        out.append((state_name(tuple(s.nav for s, _, _ in linear)), params))
    for step, ident, implied in (c for c in chain if c[0].same_as):
        params = {param_of(linear[0][0].nav): linear[0][1], param_of(step.same_as): ident, **implied}
        if reads_target and target is step:
            params.update(_given_properties(state, step.type, response, keep_generated))
        out.append((state_name((linear[0][0].nav, step.same_as)), params))
    items = response.get("value") if isinstance(response, dict) else None
    if not target.keyed and isinstance(items, list):
        nav = target.same_as or target.nav
        navs = (linear[0][0].nav, nav) if target.same_as else (*(s.nav for s, _, _ in linear), nav)
        base = {param_of(linear[0][0].nav): linear[0][1]} if target.same_as else ids
        for item in items:
            if isinstance(item, dict) and item.get("id"):
                params = {**base, param_of(nav): item["id"],
                          **_given_properties(state, target.type, item, keep_generated)}
                out.append((state_name(navs), params))
    return out


def path_regex(ex: Documented) -> str:
    """Any id where the template has one; the documented path's literal segments and function parameters."""
    versions = "|".join(re.escape(v) for v in ex.op.versions)
    pattern = re.sub(r"\\\{[^}]+\\\}", "[^/']+", re.escape(ex.op.path))
    return f"^/({versions}){pattern}$"


def path_expression(ex: Documented, chain: list[tuple[Any, str, dict]]) -> str:
    """The example's path with each id a state makes as ``${townhallId}``, for a ``ProviderState`` generator."""
    from mockgraph.routing import template_path
    from mockgraph.vocabulary import param_of

    values = dict(ex.params)
    for step, _, _ in chain:
        if step.key:
            values[step.key] = "${" + param_of(step.same_as or step.nav) + "}"
    filled = template_path(ex.op.path, values)
    return f"/{ex.version}" + filled.replace("%24%7B", "${").replace("%7D", "}")
