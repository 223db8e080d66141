"""Query options of a list: parsing, ordering, $select, paging with $skiptoken, nextLink and /$count."""

import base64
from urllib.parse import parse_qsl, urlsplit

import pytest

from mockgraph.errors import GraphError
from mockgraph.odata.query import Query, count_only, next_link, parse_query, run_query

FIELDS = {"id": "string", "subject": "string", "capacity": "int", "isActive": "bool", "startsAt": "datetimeoffset",
          "status": "enum", "start": "complex", "tags": "collection"}
TYPE = "virtualEventSession"
URL = "https://graph.microsoft.com/v1.0/solutions/virtualEvents/webinars/w1/sessions"
MANY = [{"@odata.type": "#microsoft.graph.virtualEventSession", "id": f"e{n:02}", "capacity": n % 4,
         "subject": f"session {n}"} for n in range(25)]


def parse(args: dict, **options) -> Query:
    return parse_query(args, FIELDS, type_name=TYPE, **options)


def run(args: dict, entities: list[dict], page_size: int = 10, **options):
    return run_query(parse(args), entities, page_size=page_size, **options)


def follow(args: dict, entities: list[dict], page_size: int = 10, max_page_size: int = 999) -> list[list[str]]:
    """The ids of every page, reached by following nextLink the way a client does."""
    pages = []
    while True:
        page = run(args, entities, page_size, max_page_size=max_page_size)
        pages.append([entity["id"] for entity in page.value])
        if page.next_token is None:
            return pages
        assert len(pages) < 50, "paging does not end"
        link = next_link(URL, args, page.next_token)
        assert link.startswith(URL + "?")
        args = dict(parse_qsl(urlsplit(link).query, keep_blank_values=True))


def test_defaults():
    """No options: everything, in store order, nothing counted or selected."""
    assert parse({}) == Query(top=None, skip=0, count=False, select=None, orderby=(), filter=None,
                              filter_text=None, skiptoken=None)


def test_option_names_are_case_insensitive_and_plain_names_ignored():
    """$TOP and $Skip count; top=, foo= and other non-$ parameters are ignored as Graph ignores them."""
    query = parse({"$TOP": "5", "$Skip": "2", "$COUNT": "True", "top": "9", "foo": "bar"})
    assert (query.top, query.skip, query.count) == (5, 2, True)


def test_huge_top_and_skip_are_numbers_not_errors():
    """A $top or $skip of thousands of digits is a very large number, not a 500."""
    page = run({"$top": "9" * 5000}, MANY, max_page_size=30)
    assert len(page.value) == 25
    assert run({"$skip": "9" * 5000}, MANY).value == []


def test_select_and_orderby_use_declared_spelling():
    """Property names match case-insensitively and come back as the type declares them."""
    query = parse({"$select": "Subject, ID,subject", "$orderby": "Capacity desc, start/dateTime asc,subject"})
    assert query.select == ("subject", "id")
    assert query.orderby == (("capacity", True), ("start/dateTime", False), ("subject", False))
    assert parse({"$select": "*"}).select is None


def test_filter_is_compiled_and_kept_as_text():
    """$filter comes back compiled, with its text kept for the nextLink fingerprint."""
    query = parse({"$filter": "capacity eq 2"})
    assert query.filter_text == "capacity eq 2"
    assert [e["id"] for e in MANY if query.filter(e)] == ["e02", "e06", "e10", "e14", "e18", "e22"]


@pytest.mark.parametrize(("args", "fragment"), [
    ({"$top": "-1"}, "Invalid value '-1' for $top query option found. The $top query option requires a "
                     "non-negative integer value."),
    ({"$top": "abc"}, "for $top query option"),
    ({"$top": ""}, "Invalid value '' for $top"),
    ({"$top": "1.5"}, "for $top query option"),
    ({"$top": "²"}, "for $top query option"),
    ({"$skip": "x"}, "Invalid value 'x' for $skip query option"),
    ({"$count": "yes"}, "'yes' is not a valid count option"),
    ({"$search": "x"}, "Query option 'Search' is not allowed: this operation does not support $search."),
    ({"$expand": "x"}, "Query option 'Expand' is not allowed"),
    ({"$FORMAT": "json"}, "Query option 'Format' is not allowed: this operation does not support $FORMAT."),
    ({"$foo": "1"}, "The query parameter '$foo' is not supported."),
    ({"$select": "nosuch"}, "Could not find a property named 'nosuch' on type 'microsoft.graph.virtualEventSession'."),
    ({"$select": "subject,"}, "Invalid $select 'subject,'"),
    ({"$select": ""}, "Invalid $select ''"),
    ({"$select": "start/dateTime"}, "not 'start/dateTime'"),
    ({"$orderby": "nosuch"}, "Could not find a property named 'nosuch'"),
    ({"$orderby": "start/x/y, nosuch desc"}, "property named 'nosuch'"),
    ({"$orderby": "subject/x"}, "'subject' is Edm.String"),
    ({"$orderby": "subject up"}, "Invalid $orderby 'subject up': syntax error in 'subject up'"),
    ({"$orderby": "subject DESC"}, "Invalid $orderby"),
    ({"$orderby": "subject desc extra"}, "Invalid $orderby"),
    ({"$orderby": "subject,"}, "Invalid $orderby"),
    ({"$orderby": ""}, "Invalid $orderby"),
    ({"$orderby": "tags"}, "must evaluate to a single value of primitive type: 'tags' is Collection"),
    ({"$orderby": "start"}, "must evaluate to a single value of primitive type"),
    ({"$filter": "nosuch eq 1"}, "Could not find a property named 'nosuch'"),
    ({"$filter": "subject eq"}, "Invalid filter clause"),
])
def test_bad_option_is_a_400(args, fragment):
    """A bad option value is a 400 BadRequest naming the option or property."""
    with pytest.raises(GraphError) as caught:
        parse(args)
    assert (caught.value.status, caught.value.code) == (400, "BadRequest")
    assert fragment in caught.value.message


def test_options_outside_allowed_are_refused_but_skiptoken_is_not():
    """An operation's allowed list refuses the rest, while $skiptoken (written by the mock itself) always passes."""
    with pytest.raises(GraphError, match=r"Query option 'Top' is not allowed: this operation does not support \$top"):
        parse({"$top": "1"}, allowed=("$count",))
    assert parse({"$count": "true", "$skiptoken": "x"}, allowed=("$COUNT",)).skiptoken == "x"


def test_allowed_option_the_mock_lacks_is_a_501():
    """An option Graph supports on the operation but mockgraph does not implement is a 501, not a silent no-op."""
    with pytest.raises(GraphError) as caught:
        parse({"$Expand": "attendanceRecords"}, allowed=("$select", "$expand"))
    assert (caught.value.status, caught.value.code) == (501, "NotImplemented")
    assert "$Expand" in caught.value.message


ORDERED = [
    {"id": "p1", "capacity": 3, "subject": "b", "start": {"dateTime": "2024-03-30T10:00:00"},
     "startsAt": "2024-03-30T10:00:00Z"},
    {"id": "p2", "capacity": None, "subject": "a", "start": {"dateTime": "2024-03-29T10:00:00"},
     "startsAt": "2024-03-30T10:00:00.5Z"},
    {"id": "p3", "capacity": 1, "subject": "c", "startsAt": "2024-03-30T11:00:00+02:00"},
    {"id": "p4", "capacity": 3, "subject": "a", "start": {"dateTime": "2024-03-31T10:00:00"}},
    {"id": "p5", "subject": "b", "startsAt": None},
]


@pytest.mark.parametrize(("orderby", "expected"), [
    ("capacity", ["p2", "p5", "p3", "p1", "p4"]),  # nulls first, ties in store order
    ("capacity desc", ["p1", "p4", "p3", "p2", "p5"]),  # nulls last, ties still in store order
    ("capacity desc,subject", ["p4", "p1", "p3", "p2", "p5"]),
    ("subject asc, capacity desc", ["p4", "p2", "p1", "p5", "p3"]),
    ("start/dateTime", ["p3", "p5", "p2", "p1", "p4"]),
    ("start/dateTime desc", ["p4", "p1", "p2", "p3", "p5"]),
    ("startsAt", ["p4", "p5", "p3", "p1", "p2"]),  # instants: 09:00Z, 10:00Z, 10:00:00.5Z
])
def test_orderby(orderby, expected):
    """$orderby follows OData: nulls first ascending and last descending, stable, paths into complex values."""
    assert [e["id"] for e in run({"$orderby": orderby}, ORDERED).value] == expected


def test_orderby_mixed_types_does_not_raise():
    """Values of different types in one property sort by type instead of raising TypeError."""
    rows = [{"id": str(n), "capacity": value} for n, value in enumerate([1, "a", True, None, {"x": 1}, [2], 0.5])]
    assert [e["id"] for e in run({"$orderby": "capacity"}, rows).value] == ["3", "2", "6", "0", "1", "5", "4"]


def test_select_keeps_annotations_and_leaves_the_store_alone():
    """$select keeps the chosen properties and @odata annotations; the store's dicts are not changed."""
    page = run({"$select": "subject", "$top": "2"}, MANY)
    assert page.value == [{"@odata.type": "#microsoft.graph.virtualEventSession", "subject": "session 0"},
                          {"@odata.type": "#microsoft.graph.virtualEventSession", "subject": "session 1"}]
    assert set(MANY[0]) == {"@odata.type", "id", "capacity", "subject"}


def test_paging_by_page_size_end_to_end():
    """25 entities at page size 10 are pages of 10, 10 and 5: every entity once, in order."""
    pages = follow({}, MANY)
    assert [len(page) for page in pages] == [10, 10, 5]
    assert [i for page in pages for i in page] == [e["id"] for e in MANY]


def test_paging_by_top():
    """$top sets the page size, and the nextLink keeps it."""
    pages = follow({"$top": "7"}, MANY)
    assert [len(page) for page in pages] == [7, 7, 7, 4]
    assert [i for page in pages for i in page] == [e["id"] for e in MANY]


def test_top_is_capped_by_max_page_size():
    """A $top above the maximum page size pages by the maximum."""
    assert [len(page) for page in follow({"$top": "20"}, MANY, max_page_size=8)] == [8, 8, 8, 1]


def test_paging_with_skip_filter_orderby_and_count():
    """$skip, $filter and $orderby hold across pages, and @odata.count is the filtered total on each page."""
    args = {"$filter": "capacity ne 0", "$orderby": "capacity desc", "$skip": "2", "$count": "true", "$top": "5"}
    expected = [e["id"] for e in sorted((e for e in MANY if e["capacity"]), key=lambda e: -e["capacity"])][2:]
    pages = follow(args, MANY)
    assert [i for page in pages for i in page] == expected
    assert [len(page) for page in pages] == [5, 5, 5, 1]
    first = run(args, MANY)
    assert first.count == 18
    second = run({**args, "$skiptoken": first.next_token}, MANY)
    assert second.count == 18
    assert [e["id"] for e in second.value] == expected[5:10]  # $skip kept beside the token is not applied twice


def test_last_page_and_empty_pages_have_no_token():
    """The last page, an empty result and $top=0 carry no next token."""
    assert run({}, MANY[:10]).next_token is None
    assert run({"$filter": "capacity eq 9"}, MANY).next_token is None
    page = run({"$top": "0", "$count": "true"}, MANY)
    assert (page.value, page.count, page.next_token) == ([], 25, None)


def test_token_is_opaque_base64url():
    """The token is base64url without padding, safe to put in a URL as it is."""
    token = run({"$filter": "subject ne 'x'"}, MANY).next_token
    assert token and set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


@pytest.mark.parametrize("change", [
    {"$filter": "capacity eq 1"},
    {"$orderby": "subject"},
    {"$select": "id"},
    {"$top": "5"},
    {"$skip": "4"},
])
def test_token_reused_with_another_query_is_a_400(change):
    """A token presented with a different $filter, $orderby, $select, $top or $skip is refused, naming $skiptoken."""
    args = {"$filter": "capacity ne 3", "$top": "4", "$skip": "1"}
    token = run(args, MANY).next_token
    assert run({**args, "$skiptoken": token}, MANY).value  # the same query resumes
    with pytest.raises(GraphError) as caught:
        run({**args, **change, "$skiptoken": token}, MANY)
    assert (caught.value.status, caught.value.code) == (400, "BadRequest")
    assert "$skiptoken was issued for a different query" in caught.value.message


def _tampered() -> str:
    token = run({}, MANY).next_token
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    return base64.urlsafe_b64encode(raw.replace("1.10.", "1.20.", 1).encode()).rstrip(b"=").decode()


@pytest.mark.parametrize("token", [
    "", "abc", "!!!!", "a" * 500, base64.urlsafe_b64encode(b"1.10.0.abc.def").decode().rstrip("="),
    base64.urlsafe_b64encode(b"\xff\xfe").decode(), _tampered(), run({}, MANY).next_token[:-3],
])
def test_token_not_ours_is_a_400(token):
    """Garbage, truncated or edited tokens are a 400 naming $skiptoken."""
    with pytest.raises(GraphError) as caught:
        run({"$skiptoken": token}, MANY)
    assert (caught.value.status, caught.value.code) == (400, "BadRequest")
    assert "Invalid $skiptoken" in caught.value.message


def test_count_only_applies_the_filter_alone():
    """/$count counts what the filter keeps, ignoring $top, $skip and $orderby."""
    assert count_only(parse({"$filter": "capacity eq 1", "$top": "1", "$skip": "3"}), MANY) == 6
    assert count_only(parse({}), MANY) == 25


def test_next_link_keeps_options_in_order_and_encodes_them():
    """nextLink keeps the other options in order, drops $skip, adds $skiptoken, and percent-encodes values."""
    args = {"$filter": "subject eq 'a b&c+d'", "$skip": "3", "api": "x/y", "$top": "5"}
    link = next_link(URL, args, "TOKEN")
    assert link == f"{URL}?$filter=subject%20eq%20'a%20b%26c%2Bd'&api=x/y&$top=5&$skiptoken=TOKEN"
    assert dict(parse_qsl(urlsplit(link).query)) == {"$filter": "subject eq 'a b&c+d'", "api": "x/y", "$top": "5",
                                                     "$skiptoken": "TOKEN"}


def test_next_link_replaces_the_token_in_place():
    """A request's own $skiptoken is replaced where it stood."""
    link = next_link(URL, {"$top": "5", "$SkipToken": "old", "$count": "true"}, "new")
    assert link == f"{URL}?$top=5&$skiptoken=new&$count=true"
