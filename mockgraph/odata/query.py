"""OData query options of a list: parsed once into a ``Query``, applied to entity dicts by ``run_query``.

Pure functions, no Flask: the list handler passes ``request.args`` in and renders the ``Page`` it gets back.
Paging follows Graph: ``$top`` sets the page size (as Graph's lists do, not OData's "at most n in all"), and
each page but the last carries an opaque ``$skiptoken``. The token holds the next offset, the original
``$skip`` and a fingerprint of ``$filter $orderby $select $top $skip``, sealed with a keyed hash, so any worker
can serve the next page, a token replayed with another query is refused, and an edited one is noticed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from mockgraph.errors import GraphError
from mockgraph.odata.filter import Predicate, compile_filter
from mockgraph.odata.values import EDM, FieldKinds, bad_request, get_path, parse_instant, qualified, resolve_path

__all__ = ["FieldKinds", "Page", "Query", "count_only", "next_link", "parse_query", "run_query"]

SUPPORTED = ("$top", "$skip", "$count", "$select", "$orderby", "$filter", "$skiptoken")
#: System query options OData defines, with the names OData .NET uses in "Query option 'X' is not allowed".
KNOWN = {"$top": "Top", "$skip": "Skip", "$count": "Count", "$select": "Select", "$orderby": "OrderBy",
         "$filter": "Filter", "$skiptoken": "SkipToken", "$search": "Search", "$expand": "Expand",
         "$format": "Format", "$apply": "Apply", "$compute": "Compute", "$deltatoken": "DeltaToken",
         "$levels": "Levels", "$index": "Index", "$schemaversion": "SchemaVersion", "$id": "Id"}
_KEY = b"mockgraph $skiptoken v1"  # an integrity seal, not a secret: tokens only need to be ours and unedited
_SAFE = "$'(),:/@!*"  # left readable in nextLinks; RFC 3986 allows them in a query, and Graph leaves them so
_OFFSET_INSTANT = re.compile(r"\d{4}-\d\d-\d\dT[\d:.]+(?:[Zz]|[+-]\d\d:\d\d)$")


@dataclass(frozen=True)
class Query:
    top: int | None  # $top: also the page size, as in Graph (capped by max_page_size)
    skip: int  # $skip, 0 when absent
    count: bool  # $count=true
    select: tuple[str, ...] | None  # declared spellings; None for all (absent or *)
    orderby: tuple[tuple[str, bool], ...]  # (declared path with "/", descending)
    filter: Predicate | None  # compiled $filter
    filter_text: str | None  # as sent, for the $skiptoken fingerprint
    skiptoken: str | None  # as sent; checked by run_query


@dataclass(frozen=True)
class Page:
    value: list[dict]  # this page, $select applied; without $select the store's own dicts
    count: int | None  # the filtered total, when $count=true
    next_token: str | None  # for next_link; None on the last page


def parse_query(args: Mapping[str, str], fields: FieldKinds, *, type_name: str,
                allowed: Collection[str] = SUPPORTED) -> Query:
    """Read the ``$`` options of a request (names case-insensitive); GraphError 400 in Graph's words for bad ones.

    ``allowed`` is what Graph supports on the operation: other options are a 400, and allowed ones the mock lacks
    (``$search``, ``$expand``) a 501. ``$skiptoken`` passes whatever ``allowed`` says: the mock writes it into its
    own nextLinks, also on lists whose docs support no option. Arguments without ``$`` are ignored, as Graph
    ignores unknown parameters.
    """
    allowed = {name.lower() for name in allowed} | {"$skiptoken"}
    options: dict[str, str] = {}
    for key, value in args.items():
        if not key.startswith("$"):
            continue
        name = key.lower()
        if name not in KNOWN:
            raise bad_request(f"The query parameter '{key}' is not supported.")
        if name not in allowed:
            raise bad_request(f"The query specified in the URI is not valid. Query option '{KNOWN[name]}' is not "
                              f"allowed: this operation does not support {key}.")
        if name not in SUPPORTED:  # Graph has it here, the mock does not: the same 501 as an unserved path
            raise GraphError(501, "NotImplemented", f"Microsoft Graph supports {key} on this operation, but "
                                                    f"mockgraph does not implement it.")
        options[name] = value
    filter_text = options.get("$filter")
    return Query(
        top=_whole(options, "$top"),
        skip=_whole(options, "$skip") or 0,
        count=_count(options.get("$count")),
        select=_select(options.get("$select"), fields, type_name),
        orderby=_orderby(options.get("$orderby"), fields, type_name),
        filter=None if filter_text is None else compile_filter(filter_text, fields, type_name=type_name),
        filter_text=filter_text,
        skiptoken=options.get("$skiptoken"),
    )


def _whole(options: Mapping[str, str], name: str) -> int | None:
    value = options.get(name)
    if value is None:
        return None
    if not re.fullmatch(r"[0-9]+", value):
        raise bad_request(f"Invalid value '{value}' for {name} query option found. The {name} query option "
                          f"requires a non-negative integer value.")
    return int(value) if len(value) <= 18 else 10**18  # int() refuses over 4,300 digits; any such $top is "all"


def _count(value: str | None) -> bool:
    if value is None or value.lower() == "false":
        return False
    if value.lower() == "true":
        return True
    raise bad_request(f"'{value}' is not a valid count option: $count takes true or false.")


def _select(value: str | None, fields: FieldKinds, type_name: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = [name.strip() for name in value.split(",")]
    if "" in names:
        raise bad_request(f"Invalid $select '{value}': it has an empty item; $select takes a comma-separated list "
                          f"of property names.")
    if "*" in names:
        return None
    lower = {name.lower(): name for name in fields}
    chosen: dict[str, None] = {}
    for name in names:
        if "/" in name or "(" in name:
            raise bad_request(f"Invalid $select '{value}': mockgraph selects top-level properties only, not "
                              f"'{name}'.")
        if name.lower() not in lower:
            raise bad_request(f"Parsing OData Select and Expand failed: Could not find a property named '{name}' "
                              f"on type '{qualified(type_name)}'.")
        chosen[lower[name.lower()]] = None
    return tuple(chosen)


def _orderby(value: str | None, fields: FieldKinds, type_name: str) -> tuple[tuple[str, bool], ...]:
    if value is None:
        return ()
    keys = []
    for item in value.split(","):
        words = item.split()
        if not 1 <= len(words) <= 2 or (len(words) == 2 and words[1] not in ("asc", "desc")):
            raise bad_request(f"Invalid $orderby '{value}': syntax error in '{item.strip()}'; expected a property "
                              f"name or path, optionally followed by asc or desc.")
        path, kind = resolve_path(words[0], fields, type_name=type_name)
        if kind in ("complex", "collection"):
            raise bad_request(f"The $orderby expression must evaluate to a single value of primitive type: "
                              f"'{words[0]}' is {EDM[kind]}.")
        keys.append(("/".join(path), len(words) == 2 and words[1] == "desc"))
    return tuple(keys)


def run_query(query: Query, entities: Iterable[Any], *, page_size: int, max_page_size: int = 999,
              total: int | None = None, project: bool = True) -> Page:
    """Filter, order, skip and cut one page; the entities keep their store order where the ordering ties.

    Without ``$orderby`` (and without ``$count``, or with ``total`` given for an unfiltered count) the entities are
    read only as far as the page and one more, so a first page costs the same in a collection of 100,000 as of 10.
    ``project=False`` leaves ``$select`` to the caller: without ``$filter`` and ``$orderby`` the entities may then be
    anything (a store's raw forms), as they are only counted and cut.
    """
    start, skip = query.skip, query.skip
    if query.skiptoken is not None:
        start, skip = _resume(query)
    size = page_size if query.top is None else min(query.top, max_page_size)
    if not query.orderby and (not query.count or (query.filter is None and total is not None)):
        rows, more = _window(query, entities, start, size)
        count = total if query.count else None
    else:
        matched = [entity for entity in entities if query.filter is None or query.filter(entity)]
        ordered = _order(matched, query.orderby)
        rows = ordered[start:start + size] if size > 0 else []
        more, count = start + len(rows) < len(ordered), len(matched) if query.count else None
    end = start + len(rows)
    token = _seal(end, skip, _fingerprint(query, skip)) if rows and more else None
    return Page(value=[project_row(row, query.select) for row in rows] if project else rows, count=count,
                next_token=token)


def _window(query: Query, entities: Iterable[dict], start: int, size: int) -> tuple[list[dict], bool]:
    """The matching entities from ``start`` for ``size``, and whether one more matches after them."""
    rows: list[dict] = []
    index = 0
    for entity in entities:
        if query.filter is not None and not query.filter(entity):
            continue
        if index >= start + size:
            return rows, True
        if index >= start:
            rows.append(entity)
        index += 1
    return rows, False


def count_only(query: Query, entities: Iterable[dict]) -> int:
    """What ``/$count`` answers: the entities the filter keeps, nothing else applied."""
    return sum(1 for entity in entities if query.filter is None or query.filter(entity))


def next_link(url_without_query: str, args: Mapping[str, str], token: str) -> str:
    """The absolute ``@odata.nextLink``: the request's options in order, ``$skiptoken`` in place, ``$skip`` gone."""
    pairs: list[tuple[str, str]] = []
    for key, value in args.items():
        name = key.lower()
        if name == "$skip":
            continue
        if name == "$skiptoken":
            if all(k != "$skiptoken" for k, _ in pairs):
                pairs.append(("$skiptoken", token))
            continue
        pairs.append((key, value))
    if all(k != "$skiptoken" for k, _ in pairs):
        pairs.append(("$skiptoken", token))
    query = "&".join(f"{quote(key, safe=_SAFE)}={quote(value, safe=_SAFE)}" for key, value in pairs)
    return f"{url_without_query}?{query}"


def _sort_key(value: Any) -> tuple:
    """Nulls first, then by type (bool, number, instant, string, anything else), so no two keys fail to compare."""
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, 0, value)
    if isinstance(value, (int, float)):
        return (1, 1, value)
    if isinstance(value, str):
        instant = parse_instant(value) if _OFFSET_INSTANT.match(value) else None
        return (1, 2, instant) if instant is not None else (1, 3, value)
    return (1, 4, json.dumps(value, sort_keys=True, default=str))


def _order(rows: list[dict], orderby: tuple[tuple[str, bool], ...]) -> list[dict]:
    # One stable sort per key, last key first; reverse=True keeps ties in store order and puts nulls last.
    for path, descending in reversed(orderby):
        parts = tuple(path.split("/"))
        rows = sorted(rows, key=lambda entity, parts=parts: _sort_key(get_path(entity, parts)), reverse=descending)
    return rows


def project_row(entity: dict, select: tuple[str, ...] | None) -> dict:
    """``$select`` on a page's entity: the properties named (as declared), and the ``@odata.`` annotations."""
    if select is None:
        return entity
    return {key: value for key, value in entity.items() if key in select or key.startswith("@odata.")}


def _fingerprint(query: Query, skip: int) -> str:
    text = json.dumps([query.filter_text, query.orderby, query.select, query.top, skip])
    return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()


def _mac(body: str) -> str:
    return hashlib.blake2b(body.encode(), key=_KEY, digest_size=8).hexdigest()


def _seal(offset: int, skip: int, fingerprint: str) -> str:
    body = f"1.{offset}.{skip}.{fingerprint}"
    return base64.urlsafe_b64encode(f"{body}.{_mac(body)}".encode()).rstrip(b"=").decode()


def _resume(query: Query) -> tuple[int, int]:
    """(offset, original $skip) from the request's token; 400 for a token not ours or issued for another query."""
    token = query.skiptoken or ""
    try:
        raw = base64.b64decode(token + "=" * (-len(token) % 4), altchars=b"-_", validate=True).decode("ascii")
        version, offset, skip, fingerprint, mac = raw.split(".")
        ours = (len(token) < 200 and version == "1" and offset.isdigit() and skip.isdigit()
                and hmac.compare_digest(mac, _mac(f"{version}.{offset}.{skip}.{fingerprint}")))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        ours = False
    if not ours:
        raise bad_request(f"Invalid $skiptoken '{token[:60]}': it is not a token mockgraph issued. Follow "
                          f"@odata.nextLink exactly as it was returned.")
    if query.skip not in (0, int(skip)) or fingerprint != _fingerprint(query, int(skip)):
        raise bad_request("The $skiptoken was issued for a different query: $filter, $orderby, $select, $top and "
                          "$skip must stay as they were in the request that returned it. Follow @odata.nextLink "
                          "as returned, or drop $skiptoken to start from the first page.")
    return int(offset), int(skip)
