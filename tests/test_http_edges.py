"""The HTTP edges a newcomer probing a mock with raw requests meets: each in Graph's envelope, with Graph's headers."""

from __future__ import annotations

import json
import logging
import socket

import pytest

from mockgraph.server import MockGraphServer
from tests.conftest import AUTH, EVENT, SESSIONS, assert_envelope

MINIMAL = {"subject": "Edges", "startDateTime": {"dateTime": "2024-03-30T10:00:00", "timeZone": "UTC"}}


def _raw(server: MockGraphServer, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are and read the whole reply (head, then Content-Length bytes)."""
    host, port = server.base_url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host.strip("[]"), int(port)), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    return int(lines[0].split()[1]), headers, body


@pytest.fixture(scope="module")
def server():
    with MockGraphServer() as running:
        yield running


def test_http11_without_host_is_400_in_the_envelope(server):
    """RFC 9112 requires Host in HTTP/1.1; the mock answers 400 BadRequest in Graph's envelope, and serves on."""
    path = "/v1.0/solutions/virtualEvents/townhalls"
    status, headers, body = _raw(server, f"GET {path} HTTP/1.1\r\n"
                                         "Authorization: Bearer x\r\nConnection: close\r\n\r\n".encode())
    assert status == 400
    error = json.loads(body)["error"]
    assert error["code"] == "BadRequest" and "Host" in error["message"]
    assert headers["request-id"] and headers["content-type"].startswith("application/json")
    status, _, _ = _raw(server, f"GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer x\r\n"
                                "Connection: close\r\n\r\n".encode())
    assert status == 200


def test_http10_without_host_is_served(server):
    """HTTP/1.0 has no Host requirement: the request is answered as usual."""
    status, _, body = _raw(server, b"GET /v1.0/solutions/virtualEvents/townhalls HTTP/1.0\r\n"
                                   b"Authorization: Bearer x\r\n\r\n")
    assert status == 200 and "value" in json.loads(body)


def test_a_double_slash_is_judged_by_the_router_not_redirected(client):
    """Werkzeug would answer a 308 redirect of its own; the mock answers Graph's 400 naming the empty segment."""
    response = client.get("/v1.0/solutions//virtualEvents/townhalls", headers=AUTH)
    error = assert_envelope(response, 400, "BadRequest")
    assert "segment ''" in error["message"]
    assert "Location" not in response.headers


def test_a_trailing_slash_names_the_same_resource(client, minimal_body):
    """A trailing slash after a served path is the same Graph operation, not a 501."""
    path = SESSIONS.format(event=EVENT)
    assert client.post(path + "/", json=minimal_body, headers=AUTH).status_code == 201
    listed = client.get(path + "/", headers=AUTH)
    assert listed.status_code == 200 and len(listed.get_json()["value"]) == 1


@pytest.mark.parametrize("path", [
    "/V1.0/Solutions/VirtualEvents/Events/{event}/Sessions",
    "/v1.0/SOLUTIONS/virtualevents/EVENTS/{event}/sessions",
    "/BETA/solutions/virtualEvents/events/{event}/SESSIONS",
])
def test_segment_names_are_case_insensitive(client, minimal_body, path):
    """Graph's resource names are not case sensitive; ids keep their case."""
    response = client.post(path.format(event=EVENT), json=minimal_body, headers=AUTH)
    assert response.status_code == 201, response.get_data(as_text=True)
    assert EVENT in response.get_json()["@odata.context"]


def test_id_in_a_create_body_says_the_service_sets_it(client, minimal_body):
    """`id` is not a typo: the message says the service sets it."""
    response = client.post(SESSIONS.format(event=EVENT), json={**minimal_body, "id": "mine"}, headers=AUTH)
    error = assert_envelope(response, 400, "BadRequest")
    assert "'id' is set by the service" in error["message"] and "spelling" not in error["message"]


def test_every_contract_error_is_logged_and_journaled(client, caplog):
    """The reply names the first problem; the log has one line per problem and the journal entry keeps them all."""
    bad = {"subject": 5, "allowedPresenters": "everybody", "isEntryExitAnnounced": "yes"}
    with caplog.at_level(logging.INFO, logger="mockgraph"):
        response = client.post(SESSIONS.format(event=EVENT), data=json.dumps(bad), content_type="application/json",
                               headers=AUTH)
    assert_envelope(response, 400, "BadRequest")
    lines = [r.getMessage() for r in caplog.records if "request-id=" in r.getMessage()]
    for where in ("$.subject", "$.allowedPresenters", "$.isEntryExitAnnounced"):
        assert any(where in line for line in lines), lines
    entry = client.get("/_mockgraph/requests").get_json()["value"][-1]
    assert len(entry["errors"]) == 3
    assert [e.split(":")[0] for e in entry["errors"]] == ["$.subject", "$.allowedPresenters", "$.isEntryExitAnnounced"]
