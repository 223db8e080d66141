"""What each kind of operation does: a table of handlers with one signature, ``handler(call) -> Response``.

Every handler first walks the operation's path through the store (``addresses.walk``), and only then reads or
changes the target, so a refused request changes nothing.
"""

from __future__ import annotations

import copy
import json
import marshal
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

from flask import Response

from mockgraph import auth, hooks
from mockgraph.addresses import Call, Found, context_url, escape, not_found, parents_gone, walk
from mockgraph.entities import Kind, complete, merge_patch, overlay, select
from mockgraph.errors import GraphError
from mockgraph.headers import encode, graph_json, json_reply
from mockgraph.model import Step, model
from mockgraph.stores import StoreFull

# -- rendering -------------------------------------------------------------------------------------------------

def _kind_of(call: Call, entity: dict, default: str) -> Kind:
    name = (entity.get("@odata.type") or "").removeprefix("#microsoft.graph.")
    return call.state.kinds.get(name) or call.state.kinds[default]


def render(call: Call, entity: dict, kind: Kind) -> dict:
    """The entity as this client may see it (the store hands out copies, so no copy here: it cost 45% of a list)."""
    if not call.include_unknown_enum_members:
        kind.hide_unknown_members(entity)
    return entity


def _entity_reply(call: Call, entity: dict, status: int, headers: dict | None = None) -> Response:
    kind = _kind_of(call, entity, call.op.target.type)
    body = {"@odata.context": context_url(call, entity=True), **render(call, entity, kind)}
    return graph_json(body, status, headers)


def _no_content() -> Response:
    return Response(status=204)


# -- the kinds -------------------------------------------------------------------------------------------------

def create(call: Call) -> Response:
    target = call.op.target
    lenient = target.type == "virtualEventSession"  # sessions may be created in any well-formed event id
    found = walk(call, lenient=lenient)
    kind = call.state.kinds[target.type]
    kind.create.check(call.body)
    entity = materialize(call, kind, call.body, found)
    for _ in range(3):
        # A generated id meets a stored one only when a reset raced this create (the counter started over while the
        # id was being made): take the next number rather than refuse the client.
        if _insert(call, found[-1].collection, entity, sent=call.body):
            break
        entity = materialize(call, kind, call.body, found)
    if parents_gone(call, found):  # the parent was deleted while this create ran: take it back, as Graph would 404
        call.store.delete(found[-1].collection, entity["id"])
        gone = next(f for f in found[:-1] if f.entity is not None and call.store.get(f.collection, f.key) is None)
        raise not_found(gone.step, gone.key)
    _children(call, kind, entity, found)
    where = {k: quote(v, safe="@") for k, v in call.params.items()}
    location = (call.host_url + call.version + call.op.path.format_map(where) + "/" + quote(entity["id"], safe="@"))
    if auth.created_status(call.op, call.op.status) == 204:
        return _no_content()  # a webinar registration made with an application token: no body, as documented
    return _entity_reply(call, entity, call.op.status, {"Location": location})


def _children(call: Call, kind: Kind, entity: dict, found: list[Found]) -> None:
    """What the service creates with an entity: a town hall's or webinar's session and registration configuration."""
    for nav, recipe in kind.children.items():
        child = hooks.CHILDREN[recipe](call, entity)
        child_kind = _kind_of(call, child, child["@odata.type"].removeprefix("#microsoft.graph."))
        key = "$" if nav == "registrationConfiguration" else None
        _insert(call, f"events/{escape(entity['id'])}/{nav}", materialize(call, child_kind, child, found, key), key)


def materialize(call: Call, kind: Kind, body: dict, found: list[Found], key: str | None = None) -> dict:
    """A new entity of ``kind``: the template, the seeded generated values, the defaults, then the client's values."""
    concrete = kind
    sent_type = (body.get("@odata.type") or "").lstrip("#").removeprefix("microsoft.graph.")
    if sent_type in kind.derived:
        concrete = call.state.kinds.get(sent_type, kind)
    number = call.store.next_number(kind.name)
    recipes = dict(concrete.recipes or kind.recipes)
    if kind.id_recipe:
        recipes = {"id": kind.id_recipe, **recipes}
    entity = concrete.template()
    entity.update(_fresh(concrete.defaults or kind.defaults))
    entity.update(call.state.fakes.generate(number, recipes, kind=kind.name, now=call.now,
                                            user=auth.acting_user(call.state)))
    overlay(entity, _fresh(body))  # hooks fill in what they get; the journal keeps what was sent
    if concrete.hook:
        hooks.ON_CREATE[concrete.hook](call, entity, body, found)
    complete(entity, concrete.shapes)
    return entity


def _fresh(value: dict) -> dict:
    """A deep copy of JSON-shaped data: ``marshal`` round-trips a small body in 1.5 µs where deepcopy takes 6."""
    try:
        return marshal.loads(marshal.dumps(value))
    except ValueError:  # not plain JSON types (a dict subclass, say): deepcopy takes anything
        return copy.deepcopy(value)


def _insert(call: Call, collection: str, entity: dict, key: str | None = None, sent: dict | None = None) -> bool:
    """Store a new entity. A key taken is a 409, except an id the mock made (not found in what the client ``sent``,
    looked for only then): False, and the caller makes another."""
    try:
        added = call.store.insert(collection, key or entity["id"], entity)
    except StoreFull:
        raise GraphError(507, "quotaLimitReached", "mockgraph holds as many entities as its max_entities setting "
                                                   "allows; delete some or POST /_mockgraph/reset.") from None
    if not added and (sent is None or entity["id"] in json.dumps(sent)):
        raise GraphError(409, "Conflict", f"An entity with the id '{key or entity['id']}' already exists here.")
    return added


def get(call: Call) -> Response:
    from mockgraph import odata  # the query options' modules load with the first read (~7 ms), not at start-up

    target = walk(call)[-1]
    kind = _kind_of(call, target.entity, target.step.type)
    args = {k: v for k, v in call.args.items() if k.casefold() != "$expand"}
    query = odata.parse_query(args, kind.fields, type_name=f"microsoft.graph.{target.step.type}", allowed=("$select",))
    entity = select(target.entity, query.select)
    for name in _expanded(call, kind, target.step.type):
        entity[name] = [e for _, e in call.store.page(f"{target.address}/{name}")]
    return _entity_reply(call, entity, 200)


def _expanded(call: Call, kind: Kind, type_name: str) -> list[str]:
    """The navigations ``$expand`` names; only those the docs say a get expands (attendance reports' records)."""
    raw = next((v for k, v in call.args.items() if k.casefold() == "$expand"), None)
    if raw is None:
        return []
    names = [n.strip() for n in raw.split(",")]
    for name in names:
        if name not in kind.expand:
            raise GraphError(400, "BadRequest", f"Parsing OData Select and Expand failed: Could not find a navigation "
                                                f"property named '{name}' that $expand can bring in on type "
                                                f"'microsoft.graph.{type_name}'.")
    return names


_CHUNK = 128


def _raw_members(call: Call, found: Found, first: int = _CHUNK) -> Iterator[bytes | str]:
    """The collection's entities in store order, as the store keeps them, read a chunk at a time (``first``
    entities, then ``_CHUNK`` more each time): a first page reads what it shows and one more, whatever the size."""
    after, limit = 0, max(first, 1)
    while True:
        chunk = call.store.page_raw(found.collection, after=after, limit=limit)
        for _, raw in chunk:
            yield raw
        if len(chunk) < limit:
            return
        after, limit = chunk[-1][0], _CHUNK


def _members(call: Call, found: Found, first: int = _CHUNK) -> Iterator[dict]:
    """The collection's entities in store order (a typed view's of its type only), decoded as they are read."""
    wanted = f"#microsoft.graph.{found.step.type}" if _typed(found.step) else None
    for raw in _raw_members(call, found, first):
        entity = call.store.decode(raw)
        if wanted is None or entity.get("@odata.type") == wanted:
            yield entity


def _typed(step: Step) -> bool:
    """/townhalls and /webinars are views of the events set: their lists keep one type."""
    return step.store == "events" and step.nav != "events"


def _total(call: Call, found: Found) -> int | None:
    """The size of an unfiltered list without reading it, where the store knows it (not for a typed view)."""
    return None if _typed(found.step) else call.store.count(found.collection)


def _fields(call: Call, type_name: str) -> dict[str, str]:
    return call.state.kinds[type_name].fields


def list_(call: Call, entities: list[dict] | None = None) -> Response:
    from mockgraph import odata

    found = walk(call)[-1]
    step = found.step
    kind = call.state.kinds[step.type]
    query = odata.parse_query(call.args, _fields(call, step.type), type_name=f"microsoft.graph.{step.type}")
    size = min(query.top if query.top is not None else call.state.settings.page_size, 999)
    if entities is None and _plain(step, query):
        return _plain_list(call, found, kind, query, size)
    members = _members(call, found, first=size + 1) if entities is None else entities
    total = _total(call, found) if entities is None and query.count else None  # a store call only if asked
    page = odata.run_query(query, members, page_size=call.state.settings.page_size, total=total)
    body: dict[str, Any] = {"@odata.context": context_url(call, entity=False)}
    if page.count is not None:
        body["@odata.count"] = page.count
    body["value"] = [select(render(call, _listed(kind, e), _kind_of(call, e, step.type)), query.select)
                     for e in page.value]
    if page.next_token:
        body["@odata.nextLink"] = odata.next_link(call.url, call.args, page.next_token)
    return graph_json(body, 200)


#: How many items' texts an app keeps (``MockState.listed``), ~3 KB each with its key; past it they are all dropped.
LISTED_TEXTS = 2048


def _plain(step: Step, query: Any) -> bool:
    """Whether a list's page is only counted and cut from the stored set: no $filter, no $orderby, not a typed view."""
    return query.filter is None and not query.orderby and not _typed(step)


def _plain_list(call: Call, found: Found, kind: Kind, query: Any, size: int) -> Response:
    """A list without ``$filter``, ``$orderby`` or a typed view: the page's items only counted and cut, so each is
    rendered from its stored form once and its text reused by every later list that shows it unchanged.

    The reply is the bytes ``list_``'s general path makes (tests compare the two): that path decodes, summarizes,
    hides members and encodes every item of every list, ~25 µs a session, 40% of a list of 10 in process.
    """
    from mockgraph import odata

    store, texts = call.store, call.state.listed
    total = _total(call, found) if query.count else None
    page = odata.run_query(query, _raw_members(call, found, first=size + 1), page_size=call.state.settings.page_size,
                           total=total, project=False)
    flags = (kind.name, call.include_unknown_enum_members, query.select)
    items = []
    for raw in page.value:
        text = texts.get((raw, *flags))
        if text is None:
            entity = odata.project_row(store.decode(raw), query.select)
            text = encode(select(render(call, _listed(kind, entity), _kind_of(call, entity, kind.name)), query.select))
            if len(texts) >= LISTED_TEXTS:
                texts.clear()
            texts[(raw, *flags)] = text
        items.append(text)
    body = '{"@odata.context":' + encode(context_url(call, entity=False))
    if page.count is not None:
        body += f',"@odata.count":{page.count}'
    body += ',"value":[' + ",".join(items) + "]"
    if page.next_token:
        body += ',"@odata.nextLink":' + encode(odata.next_link(call.url, call.args, page.next_token))
    return json_reply(body + "}", 200)


def _listed(kind: Kind, entity: dict) -> dict:
    """What a list shows of an entity, in a dict of its own (render hides members in place)."""
    shown = kind.summarize(entity)
    if kind.in_list:
        return {**shown, **copy.deepcopy(kind.in_list)}
    return shown if shown is not entity else dict(entity)


def count(call: Call) -> Response:
    from mockgraph import odata

    found = walk(call)[-1]
    step = found.step
    query = odata.parse_query(call.args, _fields(call, step.type), type_name=f"microsoft.graph.{step.type}",
                              allowed=("$filter", "$search"))
    plain = query.filter is None and not _typed(step)
    number = call.store.count(found.collection) if plain else odata.count_only(query, _members(call, found))
    return Response(str(number), status=200, content_type="text/plain; charset=utf-8")


def update(call: Call) -> Response:
    target = walk(call)[-1]
    kind = _kind_of(call, target.entity, target.step.type)
    if target.step.store == "events":
        auth.check_role(call, target.entity, "update")
    kind.update.check(call.body)

    def change(entity: dict) -> dict:
        changed = merge_patch(entity, call.body)
        if kind.hook in hooks.ON_UPDATE:
            hooks.ON_UPDATE[kind.hook](call, changed, call.body)
        return complete(changed, kind.shapes)

    updated = call.store.update(target.collection, target.key, change)
    if updated is None:  # deleted by another request between the walk and the update
        raise not_found(target.step, target.key)
    return _entity_reply(call, updated, 200)


def delete(call: Call) -> Response:
    target = walk(call)[-1]
    if not call.store.delete(target.collection, target.key):
        raise not_found(target.step, target.key)
    return _no_content()


def action(call: Call) -> Response:
    target = walk(call)[-1]
    actions = model()["actions"]
    scoped = f"{target.step.nav}.{call.op.tail}"
    name = scoped if scoped in actions else call.op.tail
    spec = actions[name]
    if spec["on"] == "events" and call.op.tail in ("publish", "cancel"):
        auth.check_role(call, target.entity, call.op.tail)
    body = call.body if call.body is not None else {}
    updated = call.store.update(target.collection, target.key, lambda e: hooks.apply_action(call, spec, e, body,
                                                                                             target.key))
    if updated is None:
        raise not_found(target.step, target.key)
    return _no_content()


def function(call: Call) -> Response:
    found = walk(call)[-1]
    role = call.params.get("role", "")
    roles = model()["functions"][call.op.tail]["roles"]
    if role not in roles:
        raise GraphError(400, "BadRequest", f"The role '{role}' is not one of {', '.join(roles)}.")
    user = call.params.get("userId") or auth.acting_user(call.state)["id"]
    members = [e for e in _members(call, found) if hooks.has_role(e, user, role)]
    return list_(call, members)


def put(call: Call, entity: Any) -> dict:
    """Store ``entity`` in the collection ``call`` names, as the service would hold it: for what Graph fills itself
    (attendance reports and records) and for tests that want state without the requests that make it.

    The parents must exist; generated values fill what the entity leaves out; properties the type does not have
    are refused; read-only properties are welcome (that is the point).
    """
    found = walk(call)
    step = found[-1].step
    if step.keyed or step.same_as:
        raise GraphError(400, "BadRequest", f"'{call.op.path}' is not a collection entities can be put in.")
    if not isinstance(entity, dict):
        raise GraphError(400, "BadRequest", "$.entity: expected a JSON object.")
    kind = call.state.kinds[step.type]
    concrete = _kind_of(call, {"@odata.type": "#" + str(entity.get("@odata.type", "")).lstrip("#")}, step.type)
    unknown = [k for k in entity if k not in concrete.keys and not k.startswith("@")]
    if unknown:
        raise GraphError(400, "BadRequest", f"$.entity.{unknown[0]}: '{unknown[0]}' is not a property of "
                                            f"{concrete.odata_type.lstrip('#')}.")
    made = materialize(call, kind, entity, found)
    if entity.get("id"):
        made["id"] = entity["id"]
    _insert(call, found[-1].collection, made)
    _children(call, kind, made, found)
    return {"@odata.context": context_url(call, entity=True), **made}


HANDLERS: dict[str, Callable[[Call], Response]] = {
    "create": create, "get": get, "list": list_, "count": count, "update": update, "delete": delete,
    "action": action, "function": function,
}
