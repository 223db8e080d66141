"""Paths as Graph reads them: spellings of one resource, every operation of the family answered or refused in kind."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from mockgraph.app import create_app
from mockgraph.model import operations

from .conftest import BASE, BODIES, Api, assert_error, fill

_PARAM = re.compile(r"\{([^}]+)\}")
V1_PATHS = {op.path for op in operations() if "v1.0" in op.versions}

#: Spellings of "the town hall T" Graph reads alike; {id} is its id, {quoted} the id with @ as %40.
SPELLINGS = [
    "/v1.0/solutions/virtualEvents/townhalls/{id}",
    "/V1.0/Solutions/VirtualEvents/TownHalls/{id}",
    "/v1.0/SOLUTIONS/VIRTUALEVENTS/TOWNHALLS/{id}",
    "/v1.0/solutions/virtualEvents/townhalls('{id}')",
    "/v1.0/solutions/virtualEvents/TownHalls('{quoted}')",
    "/v1.0/solutions/virtualEvents/townhalls/{quoted}",
    "/v1.0/solutions/virtualEvents/townhalls/{id}/",
    "/v1.0/solutions/virtualEvents/events/{id}",
    "/beta/solutions/virtualEvents/townhalls/{id}",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_spellings_name_one_town_hall(api, spelling):
    """Each spelling reads the same town hall (case, key form, %40, trailing slash, /events, beta)."""
    event = api.townhall()
    expected = api.entity(f"{BASE}/townhalls/{event}")
    got = api.entity(spelling.format(id=event, quoted=quote(event, safe="")))
    assert {k: v for k, v in got.items() if k != "@odata.context"} == \
        {k: v for k, v in expected.items() if k != "@odata.context"}


@pytest.mark.parametrize("path", ["/V1.0/Solutions/VirtualEvents/TownHalls",
                                  "/v1.0/solutions/virtualEvents/townhalls/"])
def test_list_spellings(api, path):
    """The town halls list answers under any case of its segments and with a trailing slash."""
    event = api.townhall()
    assert [e["id"] for e in api.entity(path)["value"]] == [event]


@pytest.mark.parametrize("path", ["townhalls/$count", "events/$count", "TownHalls/$count",
                                  "townhalls/{id}/sessions/$count"])
def test_count_is_plain_text(api, path):
    """/$count answers the number as text/plain."""
    event = api.townhall()
    api.webinar()
    response = api.get(f"{BASE}/{path.format(id=event)}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"].startswith("text/plain")
    assert response.get_data(as_text=True) == ("2" if path.startswith("events") else "1")


@pytest.mark.parametrize("family, via", [("townhalls", "townhalls"), ("townhalls", "events"),
                                         ("webinars", "webinars"), ("webinars", "events")])
def test_publish_by_docs_path_and_openapi_path(api, family, via):
    """publish answers on the docs' own path (townhalls/{id}/publish) and on the OpenAPI one (events/{id}/publish)."""
    event = api.event(family)
    assert api.call("POST", f"{BASE}/{via}/{event}/publish").status_code == 204
    assert api.entity(f"{BASE}/{family}/{event}")["status"] == "published"


def _body(op) -> dict | None:
    """A well-formed body for ``op`` (None for an operation that takes none)."""
    nav = op.target.nav
    if op.kind == "create":
        return {"subject": "A session"} if nav == "sessions" else BODIES[nav]
    if op.kind == "update":
        return {"townhalls": {"displayName": "x"}, "webinars": {"displayName": "x"}, "events": {"displayName": "x"},
                "sessions": {"subject": "x"}, "presenters": {"presenterDetails": {"company": "Contoso"}},
                "registrations": {"preferredLanguage": "fr-fr"}, "registrationConfiguration": {"capacity": 10},
                "questions": {"displayName": "x"}}[nav]
    if op.tail == "setExternalEventInformation":
        return {"externalEventId": "x"}
    return None


def _cases(served: bool) -> list:
    """Unserved operations in each of their versions; served ones once (both versions run the same handler)."""
    return [pytest.param(op, version, id=f"{version} {op.method} {op.path}")
            for op in operations() if op.served == served for version in (op.versions[:1] if served else op.versions)]


@pytest.fixture(scope="module")
def shared_api():
    """One app for the tests that change nothing (every request they send is refused before any state is read)."""
    return Api(create_app({"seed": 7}).test_client())


@pytest.mark.parametrize("op, version", _cases(served=True))
def test_served_operation_answers(api, op, version):
    """Every served operation, sent well-formed on state made for it, answers its documented status."""
    params = api.realize(op)
    response = api.call(op.method, f"/{version}{fill(op.path, params)}", _body(op))
    assert response.status_code == op.status, response.get_data(as_text=True)


@pytest.mark.parametrize("op, version", _cases(served=False))
def test_unserved_operation_is_501(shared_api, op, version):
    """Every operation of the family the mock does not serve answers 501 NotImplemented naming it."""
    params = {name: "x" for name in _PARAM.findall(op.path)}
    body = {} if op.kind in ("create", "update") else None  # never read: the 501 comes first
    response = shared_api.call(op.method, f"/{version}{fill(op.path, params)}", body)
    assert_error(response, 501, "NotImplemented", op.path)


@pytest.mark.parametrize("op", [pytest.param(op, id=f"{op.method} {op.path}") for op in operations()
                                if op.versions == ["beta"] and op.path not in V1_PATHS])
def test_beta_only_path_under_v1_is_400(shared_api, op):
    """A beta-only path sent to v1.0 is a 400 naming the segment v1.0 does not have."""
    params = {name: "x" for name in _PARAM.findall(op.path)}
    response = shared_api.call(op.method, f"/v1.0{fill(op.path, params)}")
    assert_error(response, 400, "BadRequest", "Resource not found for the segment")


@pytest.mark.parametrize("path, status, code", [
    ("/v1.0/solutions/virtualEvents/bogus", 400, "BadRequest"),
    ("/v1.0/solutions/virtualEvents/townhalls/x/bogus", 400, "BadRequest"),
    ("/v2.0/solutions/virtualEvents/townhalls", 404, "itemNotFound"),
    ("/v1.0/solutions", 501, "NotImplemented"),
])
def test_paths_outside_the_family(api, path, status, code):
    """Unknown segments are 400s, an unknown version a 404, Graph paths outside the family 501."""
    assert_error(api.get(path), status, code)


def test_wrong_method_is_405_with_allow(api):
    """A known path with a method it does not take is a 405 listing the ones it does."""
    response = api.call("DELETE", f"{BASE}/townhalls")
    assert_error(response, 405, "MethodNotAllowed")
    assert response.headers["Allow"] == "GET, POST"
