"""Fixtures for the operation tests: an app per test, its client, and an ``Api`` that makes state through Graph's paths.

State is made the way a client makes it (POST, PATCH, the actions), never by writing to the store; only what Graph
fills itself (attendance reports and records) goes in through ``POST /_mockgraph/entities``.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from mockgraph.app import create_app
from mockgraph.model import Operation

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
BASE = "/v1.0/solutions/virtualEvents"
AUTH = {"Authorization": "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e30."}
CLOCK = "2026-12-01T10:00:00Z"
_HEX = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
GUID = re.compile(rf"^{_HEX}$")
EVENT_ID = re.compile(rf"^{_HEX}@{_HEX}$")


def load(name: str) -> Any:
    """A file of fixtures/, parsed."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


#: What each helper creates when the test does not say (the documented request bodies).
BODIES = {
    "townhalls": load("virtualeventsroot-post-townhalls/1.request.json"),
    "webinars": load("virtualeventsroot-post-webinars/1.request.json"),
    "presenters": load("virtualevent-post-presenters/2.request.json"),
    "registrations": {"preferredTimezone": "Pacific Standard Time", "preferredLanguage": "en-us"},
    "questions": load("virtualeventregistrationconfiguration-post-questions/1.request.json"),
}


def assert_error(response, status: int, code: str, *words: str) -> str:
    """A reply in Graph's error envelope with this status and code, whose message names each of ``words``."""
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert error["code"] == code, error
    assert GUID.match(error["innerError"]["request-id"])
    for word in words:
        assert word in error["message"], (word, error["message"])
    return error["message"]


class Api:
    """A client of the mock's Graph paths, with helpers that create entities and return their ids."""

    def __init__(self, client):
        self.client = client
        self.families: dict[str, str] = {}  # event id -> townhalls or webinars (not every set is under /events)

    def call(self, method: str, path: str, body: Any = None, *, headers: dict | None = None, data: Any = None):
        """One request with a token; ``body`` goes as JSON, ``data`` as raw bytes (then typed as JSON)."""
        extra = {**AUTH, **(headers or {})}
        if data is not None:
            return self.client.open(path, method=method, data=data, headers={"Content-Type": "application/json",
                                                                             **extra})
        return self.client.open(path, method=method, json=body, headers=extra)

    def get(self, path: str, **kw):
        return self.call("GET", path, **kw)

    def made(self, path: str, body: dict) -> dict:
        """POST ``body`` to ``path`` and return the created entity (the create must answer 201)."""
        response = self.call("POST", path, copy.deepcopy(body))
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()

    def entity(self, path: str) -> dict:
        response = self.get(path)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    def event(self, family: str = "townhalls", body: dict | None = None) -> str:
        """A new town hall or webinar (``family``: townhalls, webinars, or events for a town hall); its id."""
        family = "townhalls" if family == "events" else family
        made = self.made(f"{BASE}/{family}", BODIES[family] if body is None else body)["id"]
        self.families[made] = family
        return made

    def under(self, event: str) -> str:
        """The path of an event the helpers made, in its own set (``…/webinars/{id}``)."""
        return f"{BASE}/{self.families.get(event, 'townhalls')}/{event}"

    def townhall(self, body: dict | None = None) -> str:
        return self.event("townhalls", body)

    def webinar(self, body: dict | None = None) -> str:
        return self.event("webinars", body)

    def session_of(self, event: str) -> str:
        """The session Graph created with the event."""
        return self.entity(f"{BASE}/events/{event}/sessions")["value"][0]["id"]

    def presenter(self, event: str, body: dict | None = None) -> str:
        return self.made(f"{self.under(event)}/presenters", BODIES["presenters"] if body is None else body)["id"]

    def registration(self, event: str, body: dict | None = None) -> str:
        body = BODIES["registrations"] if body is None else body
        return self.made(f"{self.under(event)}/registrations", body)["id"]

    def question(self, event: str, body: dict | None = None) -> str:
        body = BODIES["questions"] if body is None else body
        return self.made(f"{self.under(event)}/registrationConfiguration/questions", body)["id"]

    def put(self, collection: str, entity: dict | None = None) -> str:
        """Put an entity Graph fills itself (a report, a record) into ``collection``; its id."""
        response = self.client.post("/_mockgraph/entities", json={"path": collection, "entity": entity or {}})
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()["id"]

    def report(self, event: str, session: str, entity: dict | None = None) -> str:
        return self.put(f"{BASE}/events/{event}/sessions/{session}/attendanceReports", entity)

    def record(self, event: str, session: str, report: str, entity: dict | None = None) -> str:
        return self.put(f"{BASE}/events/{event}/sessions/{session}/attendanceReports/{report}/attendanceRecords",
                        entity)

    def realize(self, op: Operation) -> dict[str, str]:
        """Create what ``op``'s path names, parent first, and return its parameters filled with the made ids."""
        params: dict[str, str] = {}
        event = session = report = registration = None
        for step in op.steps:
            if step.nav in ("events", "townhalls", "webinars"):
                if step.key or op.kind == "function":
                    event = self.event(step.nav)
                    if step.key:
                        params[step.key] = event
                    if op.kind == "function":
                        params["userId"] = self.entity(f"{BASE}/events/{event}")["createdBy"]["user"]["id"]
                        params["role"] = "organizer"
                continue
            key = step.key
            if step.nav == "sessions":
                session = self.session_of(event)
                if step.alternate:
                    params["joinWebUrl"] = self.entity(f"{BASE}/events/{event}/sessions/{session}")["joinWebUrl"]
                value = session
            elif step.nav == "presenters":
                value = self.presenter(event) if key else None
            elif step.nav == "registrations":
                registration = self.registration(event) if (key or step.alternate) else None
                if step.alternate:
                    made = self.entity(f"{self.under(event)}/registrations/{registration}")
                    for prop, param in step.alternate:
                        params[param] = made[prop]
                value = registration
            elif step.nav == "questions":
                value = self.question(event) if key else None
            elif step.nav == "attendanceReports":
                report = value = self.report(event, session) if key else None
            elif step.nav == "attendanceRecords":
                value = self.record(event, session, report) if key else None
            else:
                value = None
            if key:
                params[key] = value
        return params


def fill(template: str, params: dict[str, str]) -> str:
    """An operation's path with its parameters filled in (ids percent-encoded, ``@`` kept, as the SDKs send)."""
    return re.sub(r"\{([^}]+)\}", lambda m: quote(params[m.group(1)], safe="@"), template)


@pytest.fixture
def settings() -> dict:
    """The app's settings; a module overrides this fixture to change them."""
    return {"seed": 7, "clock": CLOCK}


@pytest.fixture
def app(settings):
    return create_app(settings)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def api(client) -> Api:
    return Api(client)
