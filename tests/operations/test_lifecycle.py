"""State through the API: what a create makes is what a get reads, PATCH merges, DELETE removes, actions transition."""

from __future__ import annotations

import pytest

from .conftest import BASE, BODIES, CLOCK, assert_error

TOWNHALL = f"{BASE}/townhalls"
WEBINAR = f"{BASE}/webinars"


def _no_type(entity: dict) -> dict:
    return {k: v for k, v in entity.items() if k != "@odata.type"}


@pytest.mark.parametrize("kind", ["townhall", "webinar", "presenter", "registration", "question"])
def test_get_answers_what_create_answered(api, kind):
    """A get of a created entity answers exactly the create's reply."""
    if kind in ("townhall", "webinar"):
        path = f"{BASE}/{kind}s"
        created = api.made(path, BODIES[f"{kind}s"])
    else:
        event = api.webinar()
        sets = {"presenter": "presenters", "registration": "registrations",
                "question": "registrationConfiguration/questions"}[kind]
        path = f"{WEBINAR}/{event}/{sets}"
        created = api.made(path, BODIES[sets.rsplit("/", 1)[-1]])
    assert api.entity(f"{path}/{created['id']}") == created


def test_patch_changes_only_what_it_sends(api):
    """PATCH replaces the sent properties, merges nested complex values and replaces collections whole."""
    event = api.townhall()
    before = api.entity(f"{TOWNHALL}/{event}")
    change = {"displayName": "Renamed", "startDateTime": {"dateTime": "2023-03-30T11:00:00"},
              "coOrganizers": [{"id": "11111111-2222-4333-8444-555555555555"}]}
    response = api.call("PATCH", f"{TOWNHALL}/{event}", change)
    assert response.status_code == 200, response.get_data(as_text=True)
    after = api.entity(f"{TOWNHALL}/{event}")
    assert response.get_json() == after
    assert after["displayName"] == "Renamed"
    assert after["startDateTime"] == {"dateTime": "2023-03-30T11:00:00",
                                      "timeZone": before["startDateTime"]["timeZone"]}
    assert [p["id"] for p in after["coOrganizers"]] == ["11111111-2222-4333-8444-555555555555"]
    untouched = {k for k in before if k not in change}
    assert {k: after[k] for k in untouched} == {k: before[k] for k in untouched}


@pytest.mark.parametrize("body, words", [
    ({"status": "published"}, ["$.status", "read-only"]),
    ({"id": "x"}, ["$.id"]),
    ({"audience": "everyone"}, ["$.audience"]),
    ({"displayName": 7}, ["$.displayName"]),
    ({"displayName": "ok", "createdBy": {}}, ["$.createdBy"]),
])
def test_refused_patch_changes_nothing(api, body, words):
    """A PATCH refused for a read-only, create-only or mistyped property leaves the entity as it was."""
    event = api.townhall()
    before = api.entity(f"{TOWNHALL}/{event}")
    response = api.call("PATCH", f"{TOWNHALL}/{event}", body)
    assert_error(response, 400, "BadRequest", *words)
    assert api.entity(f"{TOWNHALL}/{event}") == before


def test_delete_removes_the_webinar_and_what_it_contains(api):
    """Deleting a webinar makes it, its sessions, presenters, registrations and questions 404."""
    event = api.webinar()
    here = f"{WEBINAR}/{event}"
    inside = [f"{here}/sessions/{api.session_of(event)}", f"{here}/presenters/{api.presenter(event)}",
              f"{here}/registrations/{api.registration(event)}",
              f"{here}/registrationConfiguration/questions/{api.question(event)}"]
    assert all(api.get(path).status_code == 200 for path in inside)
    assert api.call("DELETE", here).status_code == 204
    assert_error(api.get(here), 404, "itemNotFound", event)
    for path in inside:
        assert_error(api.get(path), 404, "itemNotFound")
    assert event not in [e["id"] for e in api.entity(WEBINAR)["value"]]


@pytest.mark.parametrize("what", ["townhall", "webinar", "event", "session", "presenter", "registration", "question",
                                  "report", "record"])
def test_missing_entity_is_a_404_naming_its_id(api, settings, what):
    """Every kind of missing entity answers 404 itemNotFound with its id in the message."""
    missing = "00000000-1111-4222-8333-444444444444"
    event = api.webinar()
    session = api.session_of(event)
    report = api.report(event, session)
    here = f"{WEBINAR}/{event}"
    path = {"townhall": f"{TOWNHALL}/{missing}@{missing}", "webinar": f"{WEBINAR}/{missing}@{missing}",
            "event": f"{BASE}/events/{missing}@{missing}", "session": f"{here}/sessions/{missing}",
            "presenter": f"{here}/presenters/{missing}", "registration": f"{here}/registrations/{missing}",
            "question": f"{here}/registrationConfiguration/questions/{missing}",
            "report": f"{here}/sessions/{session}/attendanceReports/{missing}",
            "record": f"{here}/sessions/{session}/attendanceReports/{report}/attendanceRecords/{missing}"}[what]
    assert_error(api.get(path), 404, "itemNotFound", missing)


@pytest.mark.parametrize("family", ["townhalls", "webinars"])
def test_publish_then_cancel(api, family):
    """draft -> published -> canceled; publishing a canceled event is a 400, and it stays readable."""
    event = api.event(family)
    here = f"{BASE}/{family}/{event}"
    assert api.entity(here)["status"] == "draft"
    assert api.call("POST", f"{here}/publish").status_code == 204
    assert api.entity(here)["status"] == "published"
    assert api.call("POST", f"{here}/publish").status_code == 204  # idempotent
    assert api.call("POST", f"{here}/cancel").status_code == 204
    assert api.entity(here)["status"] == "canceled"
    assert_error(api.call("POST", f"{here}/publish"), 400, "BadRequest", event, "canceled")
    assert_error(api.call("POST", f"{here}/cancel"), 400, "BadRequest", event)
    assert api.entity(here)["status"] == "canceled"


def test_set_external_event_information_appends(api):
    """Each setExternalEventInformation adds one entry with the caller's application id."""
    event = api.townhall()
    for external in ("first", "second"):
        response = api.call("POST", f"{TOWNHALL}/{event}/setExternalEventInformation", {"externalEventId": external})
        assert response.status_code == 204, response.get_data(as_text=True)
    entries = api.entity(f"{TOWNHALL}/{event}")["externalEventInformation"]
    assert [e["externalEventId"] for e in entries] == ["first", "second"]
    assert entries[0]["applicationId"] == entries[1]["applicationId"]


@pytest.mark.parametrize("key", ["id", "email", "userId"])
def test_registration_cancel(api, key):
    """Cancel (by id or by an alternate key) sets status canceled and cancelationDateTime from the clock."""
    event = api.webinar()
    made = api.entity(f"{WEBINAR}/{event}/registrations/{api.registration(event)}")
    here = f"{WEBINAR}/{event}/registrations" + (f"/{made['id']}" if key == "id" else f"({key}='{made[key]}')")
    assert api.entity(here) == made
    assert api.call("POST", f"{here}/cancel").status_code == 204
    after = api.entity(here)
    assert (after["status"], after["cancelationDateTime"]) == ("canceled", CLOCK)
    assert {k: v for k, v in after.items() if k not in ("status", "cancelationDateTime")} == \
        {k: v for k, v in made.items() if k not in ("status", "cancelationDateTime")}
    assert_error(api.call("POST", f"{here}/cancel"), 400, "BadRequest")


@pytest.mark.parametrize("key", ["email", "userId"])
def test_alternate_key_that_matches_nothing_is_a_404(api, key):
    """registrations(email='…') or (userId='…') naming no registration is a 404 naming the value."""
    event = api.webinar()
    api.registration(event)
    assert_error(api.get(f"{WEBINAR}/{event}/registrations({key}='nobody')"), 404, "itemNotFound", "nobody")


def test_town_hall_session_is_listed(api):
    """The session Graph creates with a town hall is in its sessions list, with the town hall's name and times."""
    event = api.townhall()
    sessions = api.entity(f"{TOWNHALL}/{event}/sessions")["value"]
    assert len(sessions) == 1
    body = BODIES["townhalls"]
    assert (sessions[0]["subject"], sessions[0]["startDateTime"]) == (body["displayName"], body["startDateTime"])


def test_session_in_an_event_never_created(api):
    """A session created under an event id nobody created answers 201 and is readable and listed there."""
    event = "9d1b7c2e-1f6a-4b8e-a2c3-7e5f4d3c2b1a@5466a424-aadf-425c-9b24-034ca28d4bdd"
    created = api.made(f"{BASE}/events/{event}/sessions", {"subject": "Lenient"})
    assert api.entity(f"{BASE}/events/{event}/sessions/{created['id']}") == created
    assert [s["id"] for s in api.entity(f"{BASE}/events/{event}/sessions")["value"]] == [created["id"]]


@pytest.mark.parametrize("settings", [{"strict_parents": True}])
def test_session_in_an_event_never_created_with_strict_parents(api, settings):
    """With strict_parents the same create is a 404 naming the event."""
    event = "9d1b7c2e-1f6a-4b8e-a2c3-7e5f4d3c2b1a@5466a424-aadf-425c-9b24-034ca28d4bdd"
    assert_error(api.call("POST", f"{BASE}/events/{event}/sessions", {"subject": "Strict"}), 404, "itemNotFound",
                 event)


def test_events_lists_both_families_townhalls_only_its_own(api):
    """/events lists town halls and webinars with their @odata.type; /townhalls and /webinars only their own."""
    townhall, webinar = api.townhall(), api.webinar()
    events = {e["id"]: e["@odata.type"] for e in api.entity(f"{BASE}/events")["value"]}
    assert events == {townhall: "#microsoft.graph.virtualEventTownhall",
                      webinar: "#microsoft.graph.virtualEventWebinar"}
    assert [e["id"] for e in api.entity(TOWNHALL)["value"]] == [townhall]
    assert [e["id"] for e in api.entity(WEBINAR)["value"]] == [webinar]


@pytest.mark.parametrize("tail", ["", "/sessions", "/publish"])
def test_webinar_under_townhalls_is_a_404(api, tail):
    """A webinar's id under /townhalls names no town hall."""
    webinar = api.webinar()
    method = "POST" if tail == "/publish" else "GET"
    assert_error(api.call(method, f"{TOWNHALL}/{webinar}{tail}"), 404, "itemNotFound", webinar)
    assert api.entity(f"{WEBINAR}/{webinar}")["status"] == "draft"


def test_webinar_by_events_path_is_the_same_entity(api):
    """A webinar read through /events is the entity /webinars holds (only the context differs)."""
    webinar = api.webinar()
    through_events = api.entity(f"{BASE}/events/{webinar}")
    own = api.entity(f"{WEBINAR}/{webinar}")
    assert {k: v for k, v in through_events.items() if k != "@odata.context"} == \
        {k: v for k, v in own.items() if k != "@odata.context"}
