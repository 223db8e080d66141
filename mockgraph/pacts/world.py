"""What the mock held as a recorded journal went on, and the provider states that make it again.

One job: ``World``, the recorder's model of the store as far as the replies showed it (address ->
entity). Apart from ``recorder.py`` (which writes interactions) because this part reads the model's
paths and the state vocabulary, and never touches pact-python.
"""

from __future__ import annotations

from typing import Any

#: the entity set a town hall or webinar read through /events/{id} is named for in the states' vocabulary
_FAMILY = {"#microsoft.graph.virtualEventTownhall": "townhalls", "#microsoft.graph.virtualEventWebinar": "webinars"}

class World:
    """What the mock held as the journal went on, as far as its replies showed it: address → entity.

    Each recorded interaction is given the states that make those entities again (with every property the
    replies showed, ids included), so a recorded flow (create, then read, then update) verifies against a
    fresh mock with any seed: the read's state holds what the create made.
    """

    def __init__(self) -> None:
        from mockgraph.model import operations
        from mockgraph.routing import Router

        self.entities: dict[str, dict] = {}
        self.router = Router(operations())

    def resolve(self, entry: dict):
        from mockgraph.errors import GraphError

        try:
            match = self.router.resolve(entry["method"], entry["path"])
        except GraphError:
            return None
        return match if match.operation.served else None

    def chain(self, match) -> list[tuple[Any, str, str]]:
        """(step, collection address, key) for each step of the path, as handlers.walk addresses them."""
        out: list[tuple[Any, str, str]] = []
        for step in match.operation.steps:
            if step.same_as:
                collection = f"{_address(*out[-2][1:])}/{step.same_as}"
            else:
                collection = f"{_address(*out[-1][1:])}/{step.store}" if out else step.store
            if not step.keyed:
                out.append((step, collection, ""))
                break
            if step.singleton:
                key = "$"
            elif step.alternate:
                (prop, param), = step.alternate
                wanted = match.params[param]
                key = next((e["id"] for a, e in self.entities.items() if a.rsplit("/", 1)[0] == collection
                            and str(e.get(prop, "")).casefold() == wanted.casefold()), wanted)
            else:
                key = match.params[step.key]
            out.append((step, collection, key))
        return out

    def states(self, match, entry: dict) -> list[tuple[str, dict]]:
        """The provider states that recreate what this request met; the first release's names where they fit."""
        from mockgraph.vocabulary import EVENT_PARAM, LEGACY_ABSENT, LEGACY_EXISTS, param_of, state_name

        op = match.operation
        chain = self.chain(match)
        keyed = [c for c in chain if c[0].keyed and not c[0].singleton]
        if op.target.keyed and not op.target.singleton and op.kind == "create":
            keyed = keyed[:-1]
        out: list[tuple[str, dict]] = []
        if not keyed:
            pass
        elif _address(*keyed[0][1:]) not in self.entities:
            reply = entry.get("response")
            code = (reply.get("error") or {}).get("code") if isinstance(reply, dict) else None
            name = LEGACY_ABSENT if entry["status"] == 404 and code == "itemNotFound" else LEGACY_EXISTS
            return [(name, {EVENT_PARAM: keyed[0][2]})]
        ids: dict[str, str] = {}
        top = keyed[0][0].nav if keyed else op.target.nav
        if top == "events" and keyed:  # /events/{id} holds town halls and webinars: the states are named for the kind
            held = self.entities.get(_address(*keyed[0][1:])) or {}
            top = _FAMILY.get(held.get("@odata.type"), top)
        for step, collection, key in keyed:
            entity = self.entities.get(_address(collection, key))
            if entity is None:
                break  # a child the mock never showed: the request meets its absence
            if step.same_as:  # registrations/{r}/sessions/{s}: the event's own session
                navs, params = (top, step.same_as), {param_of(top): keyed[0][2], param_of(step.same_as): key}
            else:
                ids[param_of(top if step is keyed[0][0] else step.nav)] = key
                navs = (top, *(s.nav for s, _, _ in keyed[1:len(ids)]))
                params = dict(ids)
            out.append((state_name(navs), {**params, **_properties(entity)}))
        if op.kind in ("list", "function") and not op.target.keyed:
            collection = chain[-1][1]
            nav = op.target.same_as or op.target.nav
            navs = (top, nav) if op.target.same_as else (*((top,) if keyed else ()), *(s.nav for s, _, _ in keyed[1:]),
                                                          nav)
            base = {param_of(top): keyed[0][2]} if op.target.same_as else dict(ids)
            if op.target.store == "events" and not keyed:
                collection, navs = "events", (op.target.nav if op.target.nav != "events" else None,)
            for address, entity in self.entities.items():
                if address.rsplit("/", 1)[0] != collection or navs[-1] is None:
                    continue
                if collection == "events" and entity.get("@odata.type") != f"#microsoft.graph.{op.target.type}":
                    continue
                out.append((state_name(navs), {**base, param_of(navs[-1]): entity["id"], **_properties(entity)}))
        return out

    def learn(self, match, entry: dict) -> None:
        """Take in what a successful reply showed, and what a delete or an action changed."""
        from mockgraph.model import model

        if not 200 <= entry["status"] < 300:
            return
        op = match.operation
        chain = self.chain(match)
        reply = entry.get("response") if isinstance(entry.get("response"), dict) else None
        step, collection, key = chain[-1]
        if op.kind == "create" and reply and reply.get("id"):
            self.entities[_address(collection, reply["id"])] = _entity(reply)
        elif op.kind in ("get", "update") and reply and step.keyed and not step.singleton:
            address = _address(collection, key)
            self.entities[address] = {**self.entities.get(address, {}), **_entity(reply, keep_null=True)}
        elif op.kind in ("list", "function") and reply and isinstance(reply.get("value"), list):
            for item in reply["value"]:
                if isinstance(item, dict) and item.get("id"):
                    where = "events" if step.store == "events" and len(chain) == 1 else collection
                    address = _address(where, item["id"])
                    self.entities[address] = {**self.entities.get(address, {}), **_entity(item)}
        elif op.kind == "delete" and step.keyed:
            address = _address(collection, key)
            self.entities = {a: e for a, e in self.entities.items() if a != address and not a.startswith(address + "/")}
        elif op.kind == "action":
            actions = model()["actions"]
            spec = actions.get(f"{step.nav}.{op.tail}") or actions.get(op.tail) or {}
            entity = self.entities.get(_address(collection, key))
            if entity is not None:
                entity.update({k: v for k, v in spec.get("set", {}).items() if not str(v).startswith("$")})


def _address(collection: str, key: str) -> str:
    return f"{collection}/{key.replace('%', '%25').replace('/', '%2F')}"


def _entity(reply: dict, keep_null: bool = False) -> dict:
    return {k: v for k, v in reply.items() if k != "@odata.context" and (keep_null or v is not None)}


def _properties(entity: dict) -> dict:
    """An entity as a state's params: every property it showed, its derived type, not its id (a param already)."""
    out = {k: v for k, v in entity.items() if v is not None and k != "id" and not k.startswith("@")}
    kind = entity.get("@odata.type", "")
    if "RegistrationCustomQuestion" in kind or "RegistrationPredefinedQuestion" in kind:
        out["@odata.type"] = kind
    return out
