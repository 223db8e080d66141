"""The consumer side: what Scheduler and TownHallScheduler need from Microsoft Graph, as a Pact (pact-python 4).

Run: ``PACT_DO_NOT_TRACK=true pytest examples/graph_consumer`` → ``pacts/scheduler-microsoft-graph.json``
(or ``$PACT_DIR``). The provider states are mockgraph's vocabulary, so the pact verifies against it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pact import Pact, generate, match
from pact.match.matcher import GenericMatcher
from scheduler import GraphError, Scheduler, TownHallScheduler

PACT_DIR = Path(os.environ.get("PACT_DIR", Path(__file__).parent / "pacts"))
SESSIONS = "/v1.0/solutions/virtualEvents/webinars/{event}/sessions"
EVENT = "2d4a0f1c-7b5e-4a63-9a0e-3c1f6a7b8e90@5466a424-aadf-425c-9b24-034ca28d4bdd"
GONE = "0e0e0e0e-0404-4404-8404-000000000404@5466a424-aadf-425c-9b24-034ca28d4bdd"
LOCAL_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"
REQUEST = {
    "@odata.type": "#microsoft.graph.virtualEventSession",
    "subject": match.str("Quarterly all-hands"),
    "startDateTime": {"dateTime": match.regex("2025-03-30T10:00:00", regex=LOCAL_TIME), "timeZone": "UTC"},
    "endDateTime": {"dateTime": match.regex("2025-03-30T11:00:00", regex=LOCAL_TIME), "timeZone": "UTC"},
}


@pytest.fixture(scope="module", autouse=True)
def fresh_pact_file() -> None:
    """Each run writes the pact anew; the tests below merge their interactions into it."""
    (PACT_DIR / "scheduler-microsoft-graph.json").unlink(missing_ok=True)


@pytest.fixture
def pact() -> Iterator[Pact]:
    """One Pact per test (a served Pact takes no more interactions), merged into one file."""
    pact = Pact("scheduler", "microsoft-graph").with_specification("V4")
    yield pact
    pact.write_file(PACT_DIR, overwrite=False)


def event_path() -> GenericMatcher:
    """Any event's sessions path; at verification, the event id comes from the provider state's answer."""
    return GenericMatcher("regex", SESSIONS.format(event=EVENT),
                          regex=r"^/v1\.0/solutions/virtualEvents/webinars/[^/]+/sessions$",
                          generator=generate.provider_state(SESSIONS.format(event="${virtualEventId}")))


def test_schedule_returns_the_new_session(pact: Pact) -> None:
    """A create in an existing event answers 201 with a fresh id and a Teams join URL."""
    (pact.upon_receiving("a request to schedule a session")
     .given("a virtual event exists")
     .with_request("POST", event_path())
     .with_header("Authorization", match.regex("Bearer token", regex=r"^Bearer \S+$"))
     .with_body(REQUEST, content_type="application/json")
     .will_respond_with(201)
     .with_body({
         "id": match.uuid("5d14c090-1e97-4ace-a3e9-f0eb1b6d37ed"),
         "subject": match.str("Quarterly all-hands"),
         "joinWebUrl": match.regex("https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0",
                                   regex=r"^https://teams\.microsoft\.com/l/meetup-join/\S+$"),
     }, content_type="application/json"))

    with pact.serve() as srv:
        session = Scheduler(f"{srv.url}/v1.0", "token").schedule(EVENT, "Quarterly all-hands",
                                                                 "2025-03-30T10:00:00", "2025-03-30T11:00:00")
    assert session.subject == "Quarterly all-hands"
    assert session.join_web_url.startswith("https://teams.microsoft.com/")


def test_schedule_in_a_missing_event_raises_item_not_found(pact: Pact) -> None:
    """A create in an event that does not exist answers 404 itemNotFound, which the client raises."""
    (pact.upon_receiving("a request to schedule a session in a missing event")
     .given("no virtual event exists", virtualEventId=GONE)
     .with_request("POST", SESSIONS.format(event=GONE))
     .with_header("Authorization", match.regex("Bearer token", regex=r"^Bearer \S+$"))
     .with_body(REQUEST, content_type="application/json")
     .will_respond_with(404)
     .with_body({"error": {"code": "itemNotFound", "message": match.str("The virtual event was not found.")}},
                content_type="application/json"))

    with pact.serve() as srv, pytest.raises(GraphError) as raised:
        Scheduler(f"{srv.url}/v1.0", "token").schedule(GONE, "Quarterly all-hands",
                                                       "2025-03-30T10:00:00", "2025-03-30T11:00:00")
    assert (raised.value.status, raised.value.code) == (404, "itemNotFound")


TOWNHALLS = "/v1.0/solutions/virtualEvents/townhalls"
HALL = "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968@5466a424-aadf-425c-9b24-034ca28d4bdd"
EVENT_ID = r"^[0-9a-f-]{36}@[0-9a-f-]{36}$"
BEARER = match.regex("Bearer token", regex=r"^Bearer \S+$")


def hall_path(tail: str = "") -> GenericMatcher:
    """Any town hall's path; at verification the id is the one mockgraph's 'a town hall exists' made."""
    return GenericMatcher("regex", f"{TOWNHALLS}/{HALL}{tail}", regex=rf"^{TOWNHALLS}/[^/]+{re.escape(tail)}$",
                          generator=generate.provider_state(TOWNHALLS + "/${townhallId}" + tail))


def test_town_hall_flow(pact: Pact) -> None:
    """Create a town hall, publish it, add a presenter, read it back: each step in the state it needs."""
    (pact.upon_receiving("a request to create a town hall")
     .with_request("POST", TOWNHALLS).with_header("Authorization", BEARER)
     .with_body({"displayName": match.str("All hands"),
                 "startDateTime": {"dateTime": match.regex("2025-03-30T10:00:00", regex=LOCAL_TIME),
                                   "timeZone": "UTC"},
                 "endDateTime": {"dateTime": match.regex("2025-03-30T11:00:00", regex=LOCAL_TIME),
                                 "timeZone": "UTC"},
                 "audience": "organization"}, content_type="application/json")
     .will_respond_with(201)
     .with_body({"id": match.regex(HALL, regex=EVENT_ID), "displayName": match.str("All hands"), "status": "draft"},
                content_type="application/json"))
    (pact.upon_receiving("a request to publish a town hall")
     .given("a town hall exists", status="draft")
     .with_request("POST", hall_path("/publish")).with_header("Authorization", BEARER)
     .will_respond_with(204))
    (pact.upon_receiving("a request to add a guest presenter to a town hall")
     .given("a town hall exists")
     .with_request("POST", hall_path("/presenters")).with_header("Authorization", BEARER)
     .with_body({"identity": {"@odata.type": "#microsoft.graph.communicationsGuestIdentity",
                              "displayName": match.str("Ana Lopez"), "email": match.str("ana@fabrikam.example")}},
                content_type="application/json")
     .will_respond_with(201)
     .with_body({"id": match.uuid("5d14c090-1e97-4ace-a3e9-f0eb1b6d37ed"),
                 "email": match.str("ana@fabrikam.example")}, content_type="application/json"))
    (pact.upon_receiving("a request to read a published town hall")
     .given("a town hall exists", status="published", displayName="All hands")
     .with_request("GET", hall_path()).with_header("Authorization", BEARER)
     .will_respond_with(200)
     .with_body({"id": match.regex(HALL, regex=EVENT_ID), "displayName": "All hands", "status": "published"},
                content_type="application/json"))

    with pact.serve() as srv:
        graph = TownHallScheduler(f"{srv.url}/v1.0", "token")
        hall = graph.create("All hands", "2025-03-30T10:00:00", "2025-03-30T11:00:00")
        graph.publish(hall.id)
        presenter = graph.add_presenter(hall.id, "Ana Lopez", "ana@fabrikam.example")
        back = graph.get(hall.id)
    assert hall.status == "draft" and presenter
    assert (back.display_name, back.status) == ("All hands", "published")
