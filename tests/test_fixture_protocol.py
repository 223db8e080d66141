"""The fixture's helpers for Graph's protocol: faults a test sets up in one line, tokens for the permission checks."""

from __future__ import annotations

import pytest
import requests

from mockgraph.tokens import read

TOWNHALLS = "/solutions/virtualEvents/townhalls"
BODY = {"displayName": "All hands", "startDateTime": {"dateTime": "2026-03-30T10:00:00", "timeZone": "UTC"},
        "endDateTime": {"dateTime": "2026-03-30T11:00:00", "timeZone": "UTC"}}


def test_fail_makes_the_next_matching_request_a_graph_429(mockgraph):
    """mockgraph.fail answers the next matching create with 429, Retry-After and the envelope; then serving resumes."""
    mockgraph.fail("POST", TOWNHALLS, 429, retry_after=1)
    auth = {"Authorization": "Bearer x"}
    first = requests.post(mockgraph.url + TOWNHALLS, json=BODY, headers=auth, timeout=10)
    assert first.status_code == 429 and first.headers["Retry-After"] == "1"
    assert first.json()["error"]["code"] == "TooManyRequests"
    second = requests.post(mockgraph.url + TOWNHALLS, json=BODY, headers=auth, timeout=10)
    assert second.status_code == 201
    listed = requests.get(mockgraph.url + TOWNHALLS, headers=auth, timeout=10).json()["value"]
    assert [t["id"] for t in listed] == [second.json()["id"]]  # the faulted create stored nothing
    injected = [e for e in mockgraph.requests if e.get("injected")]
    assert len(injected) == 1 and injected[0]["status"] == 429


def test_token_names_the_caller(mockgraph_client):
    """mockgraph.token makes a delegated token whose user organizes what it creates; roles make an application one."""
    user = "3f2a0b6e-1c7d-4e8f-9a0b-1c2d3e4f5a6b"
    token = mockgraph_client.token(["VirtualEvent.ReadWrite"], user=user)
    assert read(token)["oid"] == user and read(token)["scp"] == "VirtualEvent.ReadWrite"
    made = mockgraph_client.post("/v1.0" + TOWNHALLS, json=BODY, headers={"Authorization": f"Bearer {token}"})
    assert made.status_code == 201 and made.get_json()["createdBy"]["user"]["id"] == user
    assert "roles" in read(mockgraph_client.token(roles=["VirtualEvent.Read.All"]))


@pytest.mark.parametrize("settings", [{"check_permissions": True}])
def test_permission_checks_take_the_fixture_token(mockgraph_client, settings):
    """With the checks on (by default off), a read-only scope may read a town hall but not create one."""
    from mockgraph.app import create_app

    client = create_app(settings).test_client()
    writer, reader = mockgraph_client.token(["VirtualEvent.ReadWrite"]), mockgraph_client.token(["VirtualEvent.Read"])
    made = client.post("/v1.0" + TOWNHALLS, json=BODY, headers={"Authorization": f"Bearer {writer}"}).get_json()
    read_back = client.get(f"/v1.0{TOWNHALLS}/{made['id']}", headers={"Authorization": f"Bearer {reader}"})
    assert read_back.status_code == 200
    refused = client.post("/v1.0" + TOWNHALLS, json=BODY, headers={"Authorization": f"Bearer {reader}"})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "Forbidden"
