"""OData query options on a list, through the API: 25 town halls, filtered, ordered, selected, counted and paged."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from mockgraph import create_app

from .conftest import BASE, BODIES, CLOCK, Api, assert_error

TOWNHALLS = f"{BASE}/townhalls"
N = 25


@pytest.fixture
def settings() -> dict:
    return {"seed": 7, "clock": CLOCK, "page_size": 10}


@pytest.fixture
def made(api) -> list[str]:
    """25 town halls, "Town hall 00" to "Town hall 24"; the odd ones for everyone, every fifth published."""
    out = []
    for i in range(N):
        body = {**BODIES["townhalls"], "displayName": f"Town hall {i:02d}",
                "audience": "everyone" if i % 2 else "organization"}
        event = api.made(TOWNHALLS, body)["id"]
        if i % 5 == 0:
            assert api.call("POST", f"{TOWNHALLS}/{event}/publish").status_code == 204
        out.append(event)
    return out


def _list(api, query: str) -> dict:
    response = api.get(f"{TOWNHALLS}?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def _numbers(entities: list[dict]) -> list[int]:
    return [int(e["displayName"][-2:]) for e in entities]


@pytest.mark.parametrize("expression, expected", [
    ("displayName eq 'Town hall 03'", [3]),
    ("displayName ne 'Town hall 03'", [i for i in range(N) if i != 3]),
    ("displayName gt 'Town hall 20'", [21, 22, 23, 24]),
    ("displayName ge 'Town hall 20'", [20, 21, 22, 23, 24]),
    ("displayName lt 'Town hall 02'", [0, 1]),
    ("displayName le 'Town hall 02'", [0, 1, 2]),
    ("startswith(displayName,'Town hall 1')", list(range(10, 20))),
    ("startswith(displayName,'Town hall 1') and audience eq 'everyone'", [11, 13, 15, 17, 19]),
    ("displayName eq 'Town hall 01' or displayName eq 'Town hall 24'", [1, 24]),
    ("not startswith(displayName,'Town hall')", []),
    ("not (audience eq 'everyone') and displayName lt 'Town hall 05'", [0, 2, 4]),
    ("status eq 'published'", [0, 5, 10, 15, 20]),
    ("displayName in ('Town hall 07','Town hall 08','nothing')", [7, 8]),
    ("isInviteOnly eq false and status ne 'published' and displayName le 'Town hall 03'", [1, 2, 3]),
])
def test_filter(api, made, expression, expected):
    """$filter keeps exactly the town halls the expression holds for, in creation order."""
    assert _numbers(_list(api, f"$filter={expression}&$top=999")["value"]) == expected


def test_top_and_skip(api, made):
    """$top sets the page size and $skip starts later; together they pick a window."""
    assert _numbers(_list(api, "$top=5")["value"]) == [0, 1, 2, 3, 4]
    assert _numbers(_list(api, "$skip=20")["value"]) == [20, 21, 22, 23, 24]
    assert _numbers(_list(api, "$top=3&$skip=4")["value"]) == [4, 5, 6]


def test_count(api, made):
    """$count=true gives the filtered total beside the first page."""
    body = _list(api, "$count=true")
    assert (body["@odata.count"], len(body["value"])) == (N, 10)
    assert _list(api, "$count=true&$filter=audience eq 'everyone'")["@odata.count"] == 12
    assert "@odata.count" not in _list(api, "$count=false")


def test_select(api, made):
    """$select leaves only the named properties (and annotations) in each member."""
    for member in _list(api, "$select=displayName,status")["value"]:
        assert {k for k in member if not k.startswith("@")} == {"displayName", "status"}


@pytest.mark.parametrize("orderby, expected", [
    ("displayName desc", list(reversed(range(N)))),
    ("displayName", list(range(N))),
    ("audience,displayName desc", [i for i in reversed(range(N)) if i % 2] + [i for i in reversed(range(N))
                                                                                 if not i % 2]),
])
def test_orderby(api, made, orderby, expected):
    """$orderby sorts by each key in turn, asc unless desc."""
    assert _numbers(_list(api, f"$orderby={orderby}&$top=999")["value"]) == expected


@pytest.mark.parametrize("query, pages", [("", [10, 10, 5]), ("$top=7", [7, 7, 7, 4]),
                                          ("$filter=audience eq 'everyone'", [10, 2]),
                                          ("$orderby=displayName desc&$select=displayName", [10, 10, 5])])
def test_next_links_collect_each_once(api, made, query, pages):
    """Following @odata.nextLink (absolute, with an opaque $skiptoken) until it is absent yields each member once."""
    url, sizes, seen = f"{TOWNHALLS}?{query}", [], []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)
        body = response.get_json()
        sizes.append(len(body["value"]))
        seen += [e["displayName"] for e in body["value"]]
        link = body.get("@odata.nextLink")
        if link:
            parts = urlsplit(link)
            assert parts.scheme == "http" and parts.netloc == "localhost"
            token = parse_qs(parts.query)["$skiptoken"][0]
            assert not token.isdigit() and len(token) > 8
            link = link.removeprefix("http://localhost")
        url = link
    assert sizes == pages
    assert len(seen) == len(set(seen)) == sum(pages)


@pytest.mark.parametrize("option, value", [
    ("$top", "-1"), ("$top", "abc"), ("$top", "1.5"), ("$skip", "-3"), ("$skip", "x"),
    ("$count", "maybe"), ("$select", "noSuchProperty"), ("$select", "displayName,,status"),
    ("$orderby", "noSuchProperty"), ("$orderby", "displayName sideways"), ("$filter", "displayName eq"),
    ("$filter", "noSuchProperty eq 'x'"), ("$filter", "displayName eq 'x' and"), ("$filter", "startswith(displayName)"),
    ("$filter", "displayName eq 3"), ("$skiptoken", "not-a-token"),
])
def test_bad_option_is_a_400_naming_it(api, option, value):
    """A bad value of a query option answers 400 in the envelope, and the message names the option or, in Graph's
    own words for an unknown property ("Could not find a property named …"), the property."""
    api.townhall()
    response = api.get(f"{TOWNHALLS}?{option}={value}")
    message = assert_error(response, 400, "BadRequest")
    named = option.lstrip("$").casefold() in message.casefold() or "'noSuchProperty'" in message
    assert named, message


def test_skiptoken_of_another_query_is_refused(api, made):
    """A $skiptoken replayed with another $filter is a 400."""
    link = _list(api, "$filter=audience eq 'organization'")["@odata.nextLink"]
    token = parse_qs(urlsplit(link).query)["$skiptoken"][0]
    assert_error(api.get(f"{TOWNHALLS}?$filter=audience eq 'everyone'&$skiptoken={token}"), 400, "BadRequest",
                 "skiptoken")


def test_a_first_page_reads_only_what_it_shows(app, api, monkeypatch):
    """Without $orderby, a list reads the store a chunk at a time and stops after the page: flat in the set's size."""
    store = app.extensions["mockgraph"].store
    event = api.webinar()
    for i in range(300):
        store.insert(f"events/{event}/presenters", f"p{i}", {"@odata.type": "#microsoft.graph.virtualEventPresenter",
                                                             "id": f"p{i}", "email": f"p{i}@example.com"})
    reads = []
    page = store.page_raw  # what lists read through (page() decodes the same rows)
    presenters = f"events/{event}/presenters"

    def counted(collection, *args, **kwargs):
        if collection == presenters:
            reads.append(kwargs.get("limit"))
        return page(collection, *args, **kwargs)

    monkeypatch.setattr(store, "page_raw", counted)
    body = api.get(f"/v1.0/solutions/virtualEvents/webinars/{event}/presenters?$top=5&$count=true").get_json()
    assert [p["id"] for p in body["value"]] == [f"p{i}" for i in range(5)] and body["@odata.count"] == 300
    assert reads and all(limit is not None for limit in reads) and len(reads) == 1
    reads.clear()
    ordered = api.get(f"/v1.0/solutions/virtualEvents/webinars/{event}/presenters?$top=5&$orderby=email desc")
    assert ordered.status_code == 200 and len(reads) > 1  # an order needs the whole set, as it should


@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_a_plain_list_answers_the_bytes_of_the_general_path(store, tmp_path, monkeypatch):
    """Lists whose items are rendered once from their stored form answer what decoding every item answers."""
    from mockgraph import handlers

    settings = {"seed": 7, "clock": CLOCK}
    if store == "sqlite":
        settings["store"] = f"sqlite:///{tmp_path}/state.sqlite3"
    app = create_app(settings)
    api = Api(app.test_client())
    event = api.webinar()
    for i in range(3):
        api.presenter(event, _guest(i))
        api.registration(event)
    session = api.session_of(event)
    report = api.report(event, session)
    api.record(event, session, report)
    lists = [f"{api.under(event)}/presenters", f"{api.under(event)}/registrations", f"{BASE}/events/{event}/sessions",
             f"{BASE}/events/{event}/sessions/{session}/attendanceReports",
             f"{BASE}/events/{event}/sessions/{session}/attendanceReports/{report}/attendanceRecords"]
    queries = ["", "?$top=2", "?$top=1&$count=true", "?$select=id", "?$skip=1&$select=ID", "?$count=true"]
    preferences = [{}, {"Prefer": "include-unknown-enum-members"}]

    def answers() -> list[bytes]:
        out = []
        for path in lists:
            for query in [*queries, *(["?$select=id,email&$top=2"] if "presenters" in path else [])]:
                for prefer in preferences:
                    reply = api.call("GET", path + query, headers=prefer)
                    assert reply.status_code == 200, reply.get_data(as_text=True)
                    out.append(reply.data)
                    link = reply.get_json().get("@odata.nextLink")
                    if link:  # the next page, through its $skiptoken
                        out.append(api.call("GET", link.split("localhost", 1)[-1], headers=prefer).data)
        return out

    plain, kept = answers(), len(app.extensions["mockgraph"].listed)
    monkeypatch.setattr(handlers, "_plain", lambda step, query: False)
    general = answers()
    assert kept > 0 and len(plain) == len(general) > len(lists) * len(queries) * len(preferences)
    assert plain == general


def _guest(i: int) -> dict:
    return {"identity": {"@odata.type": "#microsoft.graph.communicationsGuestIdentity", "displayName": f"Guest {i}",
                         "email": f"g{i}@example.com"}}


def test_a_changed_entity_is_listed_as_changed(app, api, monkeypatch):
    """An item's text is kept by the entity's stored form: a change or a delete shows in the next list at once."""
    from mockgraph import handlers

    monkeypatch.setattr(handlers, "LISTED_TEXTS", 4)
    event = api.webinar()
    ids = [api.presenter(event, _guest(i)) for i in range(6)]
    path = f"{api.under(event)}/presenters"
    assert [p["email"] for p in api.get(path).get_json()["value"]] == [f"g{i}@example.com" for i in range(6)]
    patched = api.call("PATCH", f"{path}/{ids[0]}", {"presenterDetails": {"company": "Contoso"}})
    assert patched.status_code in (200, 204), patched.get_data(as_text=True)
    assert api.call("DELETE", f"{path}/{ids[1]}").status_code == 204
    listed = api.get(path).get_json()["value"]
    assert [p["id"] for p in listed] == [ids[0], *ids[2:]]
    assert listed[0]["presenterDetails"]["company"] == "Contoso"
    assert len(app.extensions["mockgraph"].listed) <= 4  # bounded: past the bound, the texts kept are dropped
