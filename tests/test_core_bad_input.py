"""Bad input, kind by kind: each gets Graph's status and code in the envelope, and the mock lives on."""

from __future__ import annotations

import json

import pytest

from mockgraph import create_app

from .conftest import AUTH, EVENT, SESSIONS, assert_envelope, load_fixture

PATH = SESSIONS.format(event=EVENT)
MINIMAL = load_fixture("virtualEventSession.create.request.minimal.json")


def with_(**changes) -> bytes:
    return json.dumps({**MINIMAL, **changes}).encode()


# (id, raw body, status, code, text the message must contain)
BODIES = [
    ("malformed", b'{"subject": "x",}', 400, "BadRequest", "Invalid JSON at line 1"),
    ("truncated", b'{"subject": "x"', 400, "BadRequest", "Invalid JSON"),
    ("trailing-garbage", b'{"subject": "x"} {}', 400, "BadRequest", "Extra data"),
    ("nan", b'{"capacity": NaN}', 400, "BadRequest", "NaN is not a JSON number"),
    ("infinity", b'{"capacity": Infinity}', 400, "BadRequest", "Infinity is not a JSON number"),
    ("minus-infinity", b'{"capacity": -Infinity}', 400, "BadRequest", "-Infinity"),
    ("invalid-utf8", b'{"subject": "\xff\xfe"}', 400, "BadRequest", "not UTF-8 (byte 0xff at offset 13)"),
    ("empty", b"", 400, "BadRequest", "Empty Payload"),
    ("whitespace", b"  \n ", 400, "BadRequest", "Empty Payload"),
    ("array", b"[]", 400, "BadRequest", "expected a JSON object"),
    ("string", b'"session"', 400, "BadRequest", "expected a JSON object"),
    ("number", b"42", 400, "BadRequest", "expected a JSON object"),
    ("null", b"null", 400, "BadRequest", "expected a JSON object"),
    ("duplicate-key", b'{"subject": "a", "subject": "b"}', 400, "BadRequest", "'subject' appears more than once"),
    ("lone-surrogate", b'{"subject": "\\ud800"}', 400, "BadRequest", "unpaired UTF-16 surrogate"),
    ("huge-integer", b'{"capacity": ' + b"9" * 5000 + b"}", 400, "BadRequest", "Invalid JSON"),
    ("boolean-as-string", with_(isEntryExitAnnounced="true"), 400, "BadRequest",
     '$.isEntryExitAnnounced: expected Edm.Boolean or null, got "true"'),
    ("string-as-number", with_(subject=12), 400, "BadRequest", "$.subject: expected Edm.String"),
    ("bad-enum-member", with_(allowedPresenters="everybody"), 400, "BadRequest",
     "$.allowedPresenters: expected a member of microsoft.graph.onlineMeetingPresenters"),
    ("enum-wrong-case", with_(allowMeetingChat="Enabled"), 400, "BadRequest", "$.allowMeetingChat"),
    ("nested-enum", with_(lobbyBypassSettings={"scope": "anyone"}), 400, "BadRequest", "$.lobbyBypassSettings.scope"),
    ("unknown-property", with_(subjct="typo"), 400, "BadRequest",
     "$.subjct: 'subjct' is not a property of microsoft.graph.virtualEventSession"),
    ("unknown-nested-property", with_(startDateTime={"dateTime": "2024-03-30T10:00:00", "tz": "UTC"}),
     400, "BadRequest", "$.startDateTime.tz"),
    ("missing-datetime", with_(startDateTime={"timeZone": "UTC"}), 400, "BadRequest",
     "$.startDateTime.dateTime: missing"),
    ("null-datetime", with_(endDateTime={"dateTime": None}), 400, "BadRequest", "$.endDateTime.dateTime"),
    ("datetime-with-offset", with_(startDateTime={"dateTime": "2024-03-30T10:00:00+02:00"}), 400, "BadRequest",
     "$.startDateTime.dateTime"),
    ("datetime-as-string", with_(startDateTime="2023-08-08T12:30:00Z"), 400, "BadRequest",
     "$.startDateTime: expected microsoft.graph.dateTimeTimeZone"),
    ("int32-overflow", with_(capacity=2**31), 400, "BadRequest", "Edm.Int32 from -2147483648 to 2147483647"),
    ("int32-underflow", with_(capacity=-(2**31) - 1), 400, "BadRequest", "$.capacity"),
    ("int32-as-float", with_(capacity=5.0), 400, "BadRequest", "$.capacity"),
    ("int32-as-bool", with_(capacity=True), 400, "BadRequest", "$.capacity"),
    ("offset-datetime-garbage", with_(expiryDateTime="tomorrow"), 400, "BadRequest", "$.expiryDateTime"),
    ("offset-datetime-impossible", with_(expiryDateTime="2024-02-30T10:00:00Z"), 400, "BadRequest",
     "$.expiryDateTime"),
    ("wrong-odata-type", with_(**{"@odata.type": "#microsoft.graph.onlineMeeting"}), 400, "BadRequest",
     "$['@odata.type']"),
    ("wrong-nested-odata-type", with_(chatInfo={"@odata.type": "microsoft.graph.itemBody"}), 400, "BadRequest",
     "$.chatInfo['@odata.type']"),
    ("collection-not-array", with_(audioConferencing={"tollNumbers": "+1 425 555 0100"}), 400, "BadRequest",
     "$.audioConferencing.tollNumbers"),
    ("id-is-read-only", with_(id="5d14c090-1e97-a9ce-a3e9-f0eb1b6d37ed"), 400, "BadRequest", "$.id"),
    ("deep-nesting", b'{"subject": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", 400, "BadRequest",
     "nested deeper than"),
    ("moderate-nesting", b'{"x": ' + b"[" * 70 + b"]" * 70 + b"}", 400, "BadRequest", "nested deeper than 64"),
]


@pytest.mark.parametrize(("raw", "status", "code", "text"), [b[1:] for b in BODIES], ids=[b[0] for b in BODIES])
def test_bad_bodies(client, raw, status, code, text):
    """Each kind of bad body gets a 400 naming what is wrong; then a good create still works."""
    response = client.post(PATH, data=raw, content_type="application/json", headers=AUTH)
    error = assert_envelope(response, status, code)
    assert text in error["message"]
    assert client.post(PATH, json=MINIMAL, headers=AUTH).status_code == 201


HEADERS = [
    ("no-authorization", {}, 401, "InvalidAuthenticationToken", "Access token is empty."),
    ("empty-authorization", {"Authorization": ""}, 401, "InvalidAuthenticationToken", "Access token is empty."),
    ("bearer-without-token", {"Authorization": "Bearer "}, 401, "InvalidAuthenticationToken",
     "Access token is empty."),
    ("basic-scheme", {"Authorization": "Basic dXNlcjpwYXNz"}, 401, "InvalidAuthenticationToken", "Bearer {token}"),
    ("token-without-scheme", {"Authorization": "eyJ0eXAi"}, 401, "InvalidAuthenticationToken", "Bearer {token}"),
]


@pytest.mark.parametrize(("headers", "status", "code", "text"), [h[1:] for h in HEADERS], ids=[h[0] for h in HEADERS])
def test_missing_or_bad_token(client, headers, status, code, text):
    """No token, an empty one or another scheme: 401 with Graph's challenge header."""
    response = client.post(PATH, json=MINIMAL, headers=headers)
    error = assert_envelope(response, status, code)
    assert error["message"].endswith(text) or text in error["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")


def test_token_contents_are_not_checked(client):
    """Any bearer token will do: the mock is for contracts, not for Entra ID."""
    response = client.post(PATH, json=MINIMAL, headers={"Authorization": "bearer not-a-jwt"})
    assert response.status_code == 201


def test_auth_can_be_switched_off():
    """--no-auth: requests without a token are served."""
    client = create_app({"require_auth": False}).test_client()
    assert client.post(PATH, json=MINIMAL).status_code == 201


CONTENT_TYPES = [
    ("missing", None, 400, "BadRequest", "must contain the Content-Type header"),
    ("text-plain", "text/plain", 415, "RequestBodyRead", "A supported MIME type could not be found"),
    ("form", "application/x-www-form-urlencoded", 415, "RequestBodyRead", "application/json"),
    ("xml", "application/xml", 415, "RequestBodyRead", "application/json"),
    ("latin1-charset", "application/json; charset=latin-1", 415, "RequestBodyRead", "charset utf-8"),
]


@pytest.mark.parametrize(("ctype", "status", "code", "text"), [c[1:] for c in CONTENT_TYPES],
                         ids=[c[0] for c in CONTENT_TYPES])
def test_wrong_or_missing_content_type(client, ctype, status, code, text):
    """Graph reads JSON only, and says so."""
    headers = dict(AUTH)
    if ctype:
        headers["Content-Type"] = ctype
    response = client.post(PATH, data=json.dumps(MINIMAL), headers=headers)
    error = assert_envelope(response, status, code)
    assert text in error["message"]


@pytest.mark.parametrize("ctype", ["application/json", "application/json; charset=utf-8",
                                   "application/json;odata.metadata=minimal;odata.streaming=true",
                                   "Application/JSON"])
def test_json_content_types_with_parameters_are_accepted(client, ctype):
    """OData parameters and case differences in the media type are fine."""
    response = client.post(PATH, data=json.dumps(MINIMAL), headers={**AUTH, "Content-Type": ctype})
    assert response.status_code == 201


def test_body_over_the_limit_is_413():
    """The size limit is a setting; past it the body is refused unread."""
    client = create_app({"max_body_bytes": 1024}).test_client()
    raw = json.dumps({**MINIMAL, "subject": "x" * 2000})
    response = client.post(PATH, data=raw, content_type="application/json", headers=AUTH)
    error = assert_envelope(response, 413, "RequestEntityTooLarge")
    assert "1024" in error["message"]
    assert client.post(PATH, json=MINIMAL, headers=AUTH).status_code == 201


def test_default_limit_is_4_mib(client):
    """Just over 4 MiB is refused; a large body under it is read and echoed."""
    big = {**MINIMAL, "subject": "x" * (4 * 1024 * 1024)}
    assert_envelope(client.post(PATH, json=big, headers=AUTH), 413, "RequestEntityTooLarge")
    fits = {**MINIMAL, "subject": "y" * (3 * 1024 * 1024)}
    response = client.post(PATH, json=fits, headers=AUTH)
    assert response.status_code == 201 and response.get_json()["subject"] == fits["subject"]


PATHS = [
    ("typo-in-sessions", "POST", "/v1.0/solutions/virtualEvents/events/abc/sesions", 400, "BadRequest",
     "Resource not found for the segment 'sesions'."),
    ("typo-in-collection", "POST", "/v1.0/solutions/virtualEvents/meetings/abc/sessions", 400, "BadRequest",
     "segment 'meetings'"),
    ("unknown-root", "POST", "/v1.0/me/sessions", 400, "BadRequest", "segment 'me'"),
    ("beyond-the-item", "POST", "/v1.0/solutions/virtualEvents/events/abc/sessions/x/y", 400, "BadRequest",
     "segment 'y'"),
    ("not-a-graph-path", "POST", "/sessions", 404, "itemNotFound", "not a Microsoft Graph path"),
    # a GET here met Flask's static-file route (answered 405 MethodNotAllowed): Graph has no such route
    ("flask-static-path", "POST", "/static/app.css", 404, "itemNotFound", "not a Microsoft Graph path"),
    ("flask-static-path-get", "GET", "/static/app.css", 404, "itemNotFound", "not a Microsoft Graph path"),
    ("unknown-version", "POST", "/v2.0/solutions/virtualEvents/events/abc/sessions", 404, "itemNotFound",
     "/v1.0/ or /beta/"),
    ("graph-path-not-mocked", "POST", "/v1.0/solutions/virtualEvents/events", 501, "NotImplemented",
     "mockgraph does not serve it"),
    ("root-not-mocked", "GET", "/v1.0/solutions/virtualEvents", 501, "NotImplemented",
     "Microsoft Graph has GET /v1.0/solutions/virtualEvents"),
    ("beta-only-path-under-v1", "GET", "/v1.0/solutions/virtualEvents/townhalls/t/presenters/p/sessions", 400,
     "BadRequest", "segment 'sessions'"),
    ("beta-path-not-mocked", "GET", "/beta/solutions/virtualEvents/townhalls/t/presenters/p/sessions", 501,
     "NotImplemented", "not in the model"),
    ("wrong-method-put", "PUT", "/v1.0/solutions/virtualEvents/events/abc/sessions", 405, "MethodNotAllowed",
     "'PUT' is not allowed"),
    ("wrong-method-delete", "DELETE", "/v1.0/solutions/virtualEvents/events/abc/sessions", 405, "MethodNotAllowed",
     "Allowed: GET, POST"),
    ("unknown-control-endpoint", "GET", "/_mockgraph/nothing", 404, "itemNotFound", "no control endpoint"),
]


@pytest.mark.parametrize(("method", "path", "status", "code", "text"), [p[1:] for p in PATHS],
                         ids=[p[0] for p in PATHS])
def test_wrong_paths_and_methods(client, method, path, status, code, text):
    """Unknown segments, foreign paths and wrong methods each get their own clear answer."""
    response = client.open(path, method=method, json=MINIMAL, headers=AUTH)
    error = assert_envelope(response, status, code)
    assert text in error["message"]
    if status == 405:
        assert "POST" in response.headers["Allow"]


def test_auth_is_checked_before_the_path(client):
    """Graph answers 401 to an unauthenticated request whatever its path."""
    assert_envelope(client.post("/v1.0/nowhere", json=MINIMAL), 401, "InvalidAuthenticationToken")


def test_unexpected_exception_is_a_500_in_the_envelope(monkeypatch, client):
    """A bug in the mock still answers in the envelope, as generalException, and is logged."""
    state = client.application.extensions["mockgraph"]
    monkeypatch.setattr(state.fakes, "generate", lambda *a, **k: 1 / 0)
    response = client.post(PATH, json=MINIMAL, headers=AUTH)
    error = assert_envelope(response, 500, "generalException")
    assert "ZeroDivisionError" in error["message"]
    monkeypatch.undo()
    assert client.post(PATH, json=MINIMAL, headers=AUTH).status_code == 201


def test_unexpected_exception_is_kept_for_the_test_when_asked():
    """propagate_exceptions keeps the exception so the pytest fixture can re-raise it."""
    app = create_app({"propagate_exceptions": True})
    state = app.extensions["mockgraph"]
    state.fakes.generate = lambda *a, **k: 1 / 0
    assert app.test_client().post(PATH, json=MINIMAL, headers=AUTH).status_code == 500
    assert isinstance(state.failures[0], ZeroDivisionError)


def test_bad_requests_are_journaled_too(client):
    """A 400 is recorded with the raw text, so a test can see what its code really sent."""
    client.post(PATH, data=b'{"subject": ', content_type="application/json", headers=AUTH)
    entry = client.get("/_mockgraph/requests").get_json()["value"][-1]
    assert entry["status"] == 400 and entry["text"] == '{"subject": '
    assert entry["response"]["error"]["code"] == "BadRequest"
