"""Tokens and permissions: off by default; with check_permissions, Graph's 401s and 403s from the token's claims."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from mockgraph import auth, tokens
from mockgraph.app import create_app
from mockgraph.cli import main
from mockgraph.contracts import data_path, read_json
from mockgraph.errors import GraphError
from tests.conftest import shared_reference

CLOCK = "2024-06-01T12:00:00.000Z"
ROOT = "/v1.0/solutions/virtualEvents"
EVENT = "f8ce2a5f-0e6a-4186-aa90-1f64bc023566@5466a424-aadf-425c-9b24-034ca28d4bdd"
TOWN_HALL = {"displayName": "All hands", "audience": "organization",
             "startDateTime": {"dateTime": "2024-07-01T10:00:00", "timeZone": "UTC"},
             "endDateTime": {"dateTime": "2024-07-01T11:00:00", "timeZone": "UTC"}}


def token(scopes=None, roles=None, **kwargs) -> str:
    return tokens.make_token(scopes, roles, now=CLOCK, **kwargs)


def bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


def claims_of(value: str) -> dict:
    part = value.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


@pytest.fixture
def checked():
    return create_app({"check_permissions": True, "clock": CLOCK}).test_client()


def test_off_by_default_any_bearer_token_creates():
    """Without check_permissions a token that is no JWT, or lacks the permission, still creates (201)."""
    client = create_app({"clock": CLOCK}).test_client()
    for value in ("anything", token("User.Read"), token("VirtualEvent.ReadWrite", expires_in=-60)):
        reply = client.post(f"{ROOT}/townhalls", json=TOWN_HALL, headers=bearer(value))
        assert reply.status_code == 201, reply.get_json()


@pytest.mark.parametrize("value, message", [
    ("anything", tokens.NO_DOTS),
    ("a.b", tokens.NO_DOTS),
    ("!!!.e30.", "IDX14102: Unable to decode the header"),
    ("e30.bm90IGpzb24.", "IDX14101: Unable to decode the payload"),
    (token("VirtualEvent.ReadWrite", expires_in=-1), "Access token has expired or is not yet valid."),
    (token("VirtualEvent.ReadWrite", expires_in=0), "Access token has expired or is not yet valid."),
    (token("VirtualEvent.ReadWrite", not_before=60), "Access token has expired or is not yet valid."),
    (tokens.make_token("VirtualEvent.ReadWrite"), "Access token has expired or is not yet valid."),  # wall clock
    (token("VirtualEvent.ReadWrite", audience="https://graph.windows.net"),
     "Access token validation failure. Invalid audience."),
    (token("VirtualEvent.ReadWrite", claims={"aud": None}), "Access token validation failure. Invalid audience."),
    (token("VirtualEvent.ReadWrite", claims={"exp": "soon"}), "Access token validation failure."),
])
def test_a_token_graph_would_refuse_is_its_401(checked, value, message):
    """Not a JWT, expired, not yet valid at the app's clock, or not for Graph: 401 with Graph's words and challenge."""
    reply = checked.post(f"{ROOT}/townhalls", json=TOWN_HALL, headers=bearer(value))
    assert reply.status_code == 401
    error = reply.get_json()["error"]
    assert error["code"] == "InvalidAuthenticationToken"
    assert error["message"].startswith(message)
    assert reply.headers["WWW-Authenticate"] == auth.CHALLENGE


@pytest.mark.parametrize("audience", ["https://graph.microsoft.com", "https://graph.microsoft.com/",
                                      "00000003-0000-0000-c000-000000000000",
                                      ["api://other", "https://graph.microsoft.com"]])
def test_every_spelling_of_graph_is_a_good_audience(checked, audience):
    """Graph's URL (with or without a slash), its application id, or a list holding one of them."""
    value = token("VirtualEvent.ReadWrite", claims={"aud": audience})
    assert checked.post(f"{ROOT}/townhalls", json=TOWN_HALL, headers=bearer(value)).status_code == 201


@pytest.mark.parametrize("scopes, roles, method, path, status", [
    ("VirtualEvent.ReadWrite", None, "POST", "/townhalls", 201),
    ("VirtualEvent.Read", None, "POST", "/townhalls", 403),
    ("User.Read", None, "POST", "/webinars", 403),
    (None, "VirtualEvent.Read.All", "POST", "/townhalls", 403),            # application: not supported
    (None, "VirtualEvent.Read.All", "GET", "/townhalls", 200),
    ("VirtualEvent.ReadWrite", None, "GET", "/townhalls", 403),           # delegated: not supported
    ("VirtualEvent.Read", None, "GET", f"/webinars/{EVENT}", 404),        # allowed, and not there
    ("VirtualEvent.ReadWrite", None, "GET", f"/webinars/{EVENT}", 404),   # a higher permission
    (None, "VirtualEvent.Read.Chat", "GET", f"/webinars/{EVENT}", 404),
    ("Calendars.Read", None, "GET", f"/webinars/{EVENT}", 403),
    ("VirtualEvent.Read", None, "GET", f"/events/{EVENT}/sessions", 404),  # generated-only: the sibling's rule
    ("User.Read", None, "GET", f"/events/{EVENT}/sessions", 403),
    ("OnlineMeetingArtifact.Read.All", None, "GET", f"/webinars/{EVENT}/sessions/s1/attendanceReports", 404),
    ("VirtualEvent.Read", None, "GET", f"/webinars/{EVENT}/sessions/s1/attendanceReports", 403),
    ("VirtualEvent.Read", None, "POST", f"/webinars/{EVENT}/publish", 403),
    ("virtualevent.readwrite", None, "POST", f"/webinars/{EVENT}/publish", 404),  # names compare without case
    (None, "VirtualEventRegistration-Anon.ReadWrite.All", "POST", f"/webinars/{EVENT}/registrations", 404),
    (None, "VirtualEvent.Read.All", "POST", f"/webinars/{EVENT}/registrations", 403),
    (None, "X.Y", "GET", "/townhalls/nope/bogus", 400),                   # routing errors are routing's
])
def test_the_token_needs_a_permission_the_operation_accepts(checked, scopes, roles, method, path, status):
    """scp (delegated) or roles (application) must hold one of the operation's permissions, or 403 Forbidden."""
    body = TOWN_HALL if method == "POST" and path in ("/townhalls", "/webinars") else None
    if path.endswith("/registrations"):
        body = {"preferredTimezone": "UTC", "preferredLanguage": "en-us", "firstName": "A", "lastName": "B",
                "email": "a.b@example.com"}
    reply = checked.open(ROOT + path, method=method, json=body, headers=bearer(token(scopes, roles)))
    assert reply.status_code == status, reply.get_json()
    if status == 403:
        assert reply.get_json()["error"]["code"] == "Forbidden"


@pytest.mark.parametrize("scopes, roles, path, message", [
    ("VirtualEvent.Read User.Read", None, "/townhalls",
     "Missing scope permissions on the request. API requires one of 'VirtualEvent.ReadWrite'. Scopes on the request "
     "'VirtualEvent.Read, User.Read'"),
    (None, "VirtualEvent.Read.All", "/townhalls",
     "Missing role permissions on the request. This API does not support application permissions; call it with a "
     "delegated token holding one of 'VirtualEvent.ReadWrite'. Roles on the request 'VirtualEvent.Read.All'."),
    (None, "Chat.Read.All", f"/webinars/{EVENT}/registrations",
     "Missing role permissions on the request. API requires one of 'VirtualEventRegistration-Anon.ReadWrite.Chat, "
     "VirtualEventRegistration-Anon.ReadWrite.All'. Roles on the request 'Chat.Read.All'."),
])
def test_a_403_names_what_the_api_requires_and_what_the_token_holds(checked, scopes, roles, path, message):
    """Graph's Teams workload words: the permissions it accepts, then the ones on the request."""
    reply = checked.post(ROOT + path, json={}, headers=bearer(token(scopes, roles)))
    assert reply.status_code == 403
    assert reply.get_json()["error"]["message"] == message


def test_a_token_made_at_the_apps_clock_works_and_one_past_it_does_not():
    """exp and nbf are judged by the clock setting, so a test moves time by choosing the clock, not by sleeping."""
    made = tokens.make_token("VirtualEvent.ReadWrite", now="2024-06-01T12:00:00Z", expires_in=600)
    for clock, status in (("2024-06-01T12:09:59Z", 201), ("2024-06-01T12:10:00Z", 401), ("2024-06-01T11:59:59Z", 401)):
        client = create_app({"check_permissions": True, "clock": clock}).test_client()
        assert client.post(f"{ROOT}/townhalls", json=TOWN_HALL, headers=bearer(made)).status_code == status


@pytest.mark.parametrize("header, message", [
    (None, "Access token is empty."),
    ("Bearer ", "Access token is empty."),
    ("Basic dXNlcjpwYXNz", "Access token validation failure: the Authorization header must be 'Bearer {token}'."),
])
def test_missing_or_non_bearer_tokens_are_refused_as_before(checked, header, message):
    """The checks of require_auth stand first, with or without permission checks."""
    reply = checked.get(f"{ROOT}/townhalls", headers={"Authorization": header} if header else {})
    assert reply.status_code == 401
    assert reply.get_json()["error"]["message"] == message


def test_without_require_auth_a_request_without_a_token_is_not_checked():
    """require_auth off and no token: nothing to read, so no permission check (a token present is still checked)."""
    client = create_app({"check_permissions": True, "require_auth": False, "clock": CLOCK}).test_client()
    assert client.post(f"{ROOT}/townhalls", json=TOWN_HALL).status_code == 201
    assert client.post(f"{ROOT}/townhalls", json=TOWN_HALL, headers=bearer(token("User.Read"))).status_code == 403


# -- who calls -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("settings, value, kind, user", [
    ({}, "anything", "delegated", None),
    ({}, "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e30.", "delegated", None),   # the suite's AUTH token: no claims
    ({}, token("VirtualEvent.ReadWrite", user="u-1"), "delegated", "u-1"),
    ({}, token(roles="VirtualEventRegistration-Anon.ReadWrite.All"), "application", None),
    ({"check_permissions": True}, token("VirtualEvent.ReadWrite", user="u-2"), "delegated", "u-2"),
    ({}, token(claims={"roles": ["A.B"], "idtyp": "app", "scp": None}), "application", None),
])
def test_the_caller_is_read_from_the_token_whatever_the_setting(settings, value, kind, user):
    """A JWT says delegated or application and who; anything else is a delegated call by the signed-in user."""
    app = create_app({"clock": CLOCK, **settings})
    with app.test_request_context(f"{ROOT}/townhalls", method="POST", headers=bearer(value)):
        auth.authenticate()
        who = auth.caller()
        assert (who.kind, who.user_id) == (kind, user)
        expected = user or app.extensions["mockgraph"].fakes.signed_in["id"]
        assert auth.acting_user(app.extensions["mockgraph"])["id"] == expected


@pytest.mark.parametrize("value, status", [
    ("anything", 201),
    (token("VirtualEvent.ReadWrite"), 201),
    (token(roles="VirtualEventRegistration-Anon.ReadWrite.Chat"), 204),
])
def test_a_webinar_registration_by_an_application_answers_204(value, status):
    """created_status gives the create handler Graph's status for this caller: 204 for an application, else 201."""
    app = create_app({"clock": CLOCK})
    path = f"{ROOT}/webinars/{EVENT}/registrations"
    with app.test_request_context(path, method="POST", headers=bearer(value)):
        auth.authenticate()
        op = app.extensions["mockgraph"].router.resolve("POST", path).operation
        assert auth.created_status(op) == status
        other = app.extensions["mockgraph"].router.resolve("POST", f"{ROOT}/townhalls").operation
        assert auth.created_status(other) == 201


ORGANIZER, CO, STRANGER = "u-organizer", "u-co", "u-stranger"
HALL = {"id": EVENT, "createdBy": {"user": {"id": ORGANIZER}}, "coOrganizers": [{"id": CO}]}


@pytest.mark.parametrize("check, user, action, allowed", [
    (True, ORGANIZER, "publish", True),
    (True, ORGANIZER, "update", True),
    (True, CO, "update", True),
    (True, CO, "publish", False),
    (True, CO, "cancel", False),
    (True, STRANGER, "update", False),
    (True, None, "publish", True),        # no oid: the mock cannot tell who calls
    (False, STRANGER, "cancel", True),    # permission checks off
])
def test_only_the_organizer_publishes_or_cancels(check, user, action, allowed):
    """check_role: organizer for publish and cancel, organizer or co-organizer for update, when the token names oid."""
    app = create_app({"check_permissions": check, "clock": CLOCK})
    call = SimpleNamespace(state=app.extensions["mockgraph"])
    headers = bearer(token("VirtualEvent.ReadWrite", user=user))
    with app.test_request_context(f"{ROOT}/townhalls", method="POST", headers=headers):
        auth.authenticate()
        if allowed:
            auth.check_role(call, HALL, action)
        else:
            with pytest.raises(GraphError) as refused:
                auth.check_role(call, HALL, action)
            assert (refused.value.status, refused.value.code) == (403, "Forbidden")
            assert user in refused.value.message and EVENT in refused.value.message


# -- the data --------------------------------------------------------------------------------------------------

def test_every_graph_operation_has_a_permission_rule():
    """Each operation of contracts/paths.json is in permissions.json, and accepts some kind of call."""
    paths = read_json(data_path("contracts") / "paths.json")["operations"]
    for op in paths:
        rule = auth.rules()[(op["method"], op["path"])]
        assert rule.delegated or rule.application, op


def test_documented_permissions_are_kept_and_fallbacks_marked():
    """The docs' least privileged permission comes first; generated-only operations say where theirs came from."""
    data = read_json(data_path("contracts") / "permissions.json")
    entries = {(e["method"], e["path"]): e for e in data["operations"]}
    get = entries[("GET", "/solutions/virtualEvents/townhalls/{virtualEventTownhall-id}")]
    assert get["delegated"] == ["VirtualEvent.Read", "VirtualEvent.ReadWrite"] and not get["fallback"]
    assert get["application"] == ["VirtualEvent.Read.Chat", "VirtualEvent.Read.All"]
    role = entries[("GET", "/solutions/virtualEvents/townhalls/getByUserIdAndRole(userId='{userId}',role='{role}')")]
    assert role["fallback"] and role["basis"]["delegated"]["basis"].startswith("fallback: sibling GET")
    session = entries[("POST", "/solutions/virtualEvents/events/{virtualEvent-id}/sessions")]
    assert session["basis"]["delegated"]["basis"] == "fallback: kind default (write)"


@pytest.mark.skipif(shared_reference() is None, reason="the Graph reference is not beside the checkout")
def test_permissions_json_is_what_the_script_makes_from_the_reference():
    """contracts/permissions.json is generated: rerun scripts/make_permissions.py after the reference changes."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    try:
        import make_permissions
    finally:
        sys.path.pop(0)
    built = make_permissions.build(shared_reference() / "virtual-events")
    assert built == read_json(data_path("contracts") / "permissions.json")


# -- tokens and the CLI ----------------------------------------------------------------------------------------

def test_the_token_command_prints_a_delegated_or_application_jwt():
    """mockgraph token: scp from --scopes (spaces, commas or repeats), roles from --roles, the user as oid."""
    runner = CliRunner()
    result = runner.invoke(main, ["token", "--scopes", "VirtualEvent.Read,VirtualEvent.ReadWrite", "--user", "u-1",
                                  "--tenant", "t-1", "--now", "2024-06-01T12:00:00Z", "--expires-in", "60"])
    assert result.exit_code == 0, result.output
    claims = claims_of(result.output.strip())
    assert claims["scp"] == "VirtualEvent.Read VirtualEvent.ReadWrite"
    assert (claims["oid"], claims["tid"], claims["idtyp"], claims["aud"]) == ("u-1", "t-1", "user",
                                                                              "https://graph.microsoft.com")
    assert claims["exp"] - claims["nbf"] == 60 and claims["nbf"] == tokens.epoch("2024-06-01T12:00:00Z")
    result = runner.invoke(main, ["token", "--roles", "VirtualEvent.Read.All", "--roles", "X.Y"])
    claims = claims_of(result.output.strip())
    assert (claims["roles"], claims["idtyp"]) == (["VirtualEvent.Read.All", "X.Y"], "app") and "scp" not in claims


@pytest.mark.parametrize("args, words", [
    ([], "give --scopes"),
    (["--scopes", "A.B", "--roles", "C.D"], "not both"),
    (["--roles", "C.D", "--user", "u"], "leave out the user"),
    (["--scopes", "A.B", "--now", "yesterday"], "--now: 'yesterday' is not an ISO 8601 instant"),
])
def test_a_token_that_cannot_be_made_is_one_line(args, words):
    """A wrong combination of flags is one line naming it, exit status 2."""
    result = CliRunner().invoke(main, ["token", *args])
    assert result.exit_code == 2
    assert words in result.output and len(result.output.strip().splitlines()) == 1


def test_a_made_token_passes_the_checks_a_served_mock_makes(checked):
    """What make_token issues (HS256, dummy key) is read back whole, its signature never checked."""
    value = token("VirtualEvent.ReadWrite", user="u-9")
    assert tokens.read(value)["oid"] == "u-9"
    assert checked.post(f"{ROOT}/townhalls", json=TOWN_HALL, headers=bearer(value)).status_code == 201


def test_token_for_issues_at_the_mocks_clock():
    """The fixture's helper: a token made for an app with a pinned clock is valid there, unlike a wall-clock one."""
    app = create_app({"check_permissions": True, "clock": "2031-01-01T00:00:00.000Z"})
    value = auth.token_for(app.extensions["mockgraph"], ["VirtualEvent.ReadWrite"], user="u-3")
    assert claims_of(value)["iat"] == tokens.epoch("2031-01-01T00:00:00Z")
    client = app.test_client()
    assert client.post(f"{ROOT}/townhalls", json=TOWN_HALL, headers=bearer(value)).status_code == 201
