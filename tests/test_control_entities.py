"""POST /_mockgraph/entities: state put in directly, as the service holds it, for what Graph fills itself."""

from __future__ import annotations

from tests.conftest import AUTH, assert_envelope

BASE = "/v1.0/solutions/virtualEvents"


def _put(client, path: str, entity: dict):
    return client.post("/_mockgraph/entities", json={"path": BASE + path, "entity": entity})


def test_a_town_hall_put_in_comes_with_its_session_and_configuration(client):
    """Like a create, the service's children come too; read-only values (status) are taken as given."""
    made = _put(client, "/townhalls", {"displayName": "Seeded", "status": "published"})
    assert made.status_code == 201
    event = made.get_json()["id"]
    assert client.get(f"{BASE}/townhalls/{event}", headers=AUTH).get_json()["status"] == "published"
    assert len(client.get(f"{BASE}/townhalls/{event}/sessions", headers=AUTH).get_json()["value"]) == 1
    assert client.get(f"{BASE}/townhalls/{event}/registrationConfiguration", headers=AUTH).status_code == 200


def test_a_derived_question_is_checked_against_its_own_type(client):
    """A predefined question's label is a property of its derived type, not refused as unknown to the base."""
    webinar = _put(client, "/webinars", {"displayName": "W"}).get_json()["id"]
    question = _put(client, f"/webinars/{webinar}/registrationConfiguration/questions",
                    {"@odata.type": "#microsoft.graph.virtualEventRegistrationPredefinedQuestion", "label": "city"})
    assert question.status_code == 201 and question.get_json()["label"] == "city"
    unknown = _put(client, f"/webinars/{webinar}/registrationConfiguration/questions",
                   {"@odata.type": "#microsoft.graph.virtualEventRegistrationPredefinedQuestion", "colour": "red"})
    assert "'colour' is not a property" in assert_envelope(unknown, 400, "BadRequest")["message"]


def test_attendance_reports_are_put_in_and_read_back(client):
    """Graph makes reports when a session ends; a test puts one in, and reads it and its records through the API."""
    webinar = _put(client, "/webinars", {"displayName": "W"}).get_json()["id"]
    session = client.get(f"{BASE}/webinars/{webinar}/sessions", headers=AUTH).get_json()["value"][0]["id"]
    reports = f"/webinars/{webinar}/sessions/{session}/attendanceReports"
    report = _put(client, reports, {"totalParticipantCount": 1}).get_json()["id"]
    _put(client, f"{reports}/{report}/attendanceRecords", {"emailAddress": "a@example.com", "role": "Attendee"})
    listed = client.get(BASE + reports, headers=AUTH).get_json()["value"]
    assert [r["id"] for r in listed] == [report] and listed[0]["attendanceRecords"] == []
    expanded = client.get(f"{BASE}{reports}/{report}?$expand=attendanceRecords", headers=AUTH).get_json()
    assert [r["emailAddress"] for r in expanded["attendanceRecords"]] == ["a@example.com"]
    assert "attendanceRecords" not in client.get(f"{BASE}{reports}/{report}", headers=AUTH).get_json()


def test_paths_that_are_not_collections_are_refused(client):
    """An entity path, a missing parent and a non-object each get a 400 or 404 in the envelope."""
    assert_envelope(_put(client, "/townhalls/x", {}), 400, "BadRequest")
    assert_envelope(_put(client, "/townhalls/missing/presenters", {}), 404, "itemNotFound")
    refused = client.post("/_mockgraph/entities", json={"path": BASE + "/townhalls", "entity": []})
    assert_envelope(refused, 400, "BadRequest")
