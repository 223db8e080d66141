"""Fault rules, the rate limit and dropped connections: Graph's bad minutes, on demand."""

from __future__ import annotations

import json

import pytest
import requests
from click.testing import CliRunner
from flask import g

from mockgraph import create_app, faults
from mockgraph.cli import main
from mockgraph.config import Settings
from mockgraph.server import MockGraphServer

from .conftest import AUTH, assert_envelope, served

WEBINARS = "/v1.0/solutions/virtualEvents/webinars"
WEBINAR = {"displayName": "Launch", "startDateTime": {"dateTime": "2025-01-01T10:00:00", "timeZone": "UTC"},
           "endDateTime": {"dateTime": "2025-01-01T11:00:00", "timeZone": "UTC"}}


def make_app(**settings):
    """An app whose injected faults are captured per request, and whose clock and sleep the test holds."""
    app = create_app({"seed": 3, **settings})
    app.marks = []
    app.now = [0.0]
    app.slept = []

    @app.after_request
    def _capture(response):
        app.marks.append(g.get("injected_fault"))
        return response

    faults.state(app).clock = lambda: app.now[0]
    faults.state(app).sleep = app.slept.append
    return app


def create(client, body=WEBINAR):
    return client.post(WEBINARS, json=body, headers=AUTH)


def count(client) -> int:
    return len(client.get(WEBINARS, headers=AUTH).get_json()["value"])


@pytest.mark.parametrize(("status", "code", "retry_after"), [
    (429, "TooManyRequests", "1"),
    (503, "serviceNotAvailable", "1"),
    (504, "gatewayTimeout", None),
    (500, "generalException", None),
    (502, "BadGateway", None),
])
def test_each_status_answers_in_graphs_envelope_with_its_headers(status, code, retry_after):
    """A rule's status comes with Graph's code, the envelope and Retry-After where Graph sends one."""
    app = make_app()
    client = app.test_client()
    faults.fail(app, "POST", "/solutions/virtualEvents/webinars", status)
    response = create(client)
    assert_envelope(response, status, code)
    assert response.headers.get("Retry-After") == retry_after
    assert app.marks[-1]["status"] == status and app.marks[-1]["rules"] == ["1"]


def test_a_faulted_create_stores_nothing():
    """Rules apply before the operation runs: the 429'd webinar does not exist afterwards."""
    client = make_app().test_client()
    faults.fail(client, "POST", WEBINARS, 429, retry_after=7)  # a test client, an app or a server will do
    response = create(client)
    assert response.status_code == 429 and response.headers["Retry-After"] == "7"
    assert count(client) == 0
    assert create(client).status_code == 201  # the rule was for the next request only
    assert count(client) == 1


@pytest.mark.parametrize(("options", "pattern"), [
    ({}, "x....."),
    ({"times": 2}, "xx...."),
    ({"every": 3}, "..x..x"),
    ({"every": 2, "times": 2}, ".x.x.."),
    ({"probability": 0}, "......"),
    ({"probability": 1}, "xxxxxx"),
])
def test_how_often_a_rule_fires(options, pattern):
    """times, every and probability decide which matching requests fail (x) and which pass (.)."""
    app = make_app()
    client = app.test_client()
    faults.fail(app, "GET", WEBINARS, 503, **options)
    seen = "".join("x" if client.get(WEBINARS, headers=AUTH).status_code == 503 else "." for _ in pattern)
    assert seen == pattern


def _drawn(seed: int, rule_seed: int | None = None) -> str:
    app = make_app(seed=seed)
    client = app.test_client()
    faults.fail(app, "GET", WEBINARS, 500, probability=0.5, seed=rule_seed)
    return "".join("x" if client.get(WEBINARS, headers=AUTH).status_code == 500 else "." for _ in range(40))


def test_a_probability_is_reproducible_from_the_seed():
    """The same seed fails the same requests in every run; another seed fails others, about half of them."""
    first = _drawn(5)
    assert first == _drawn(5)
    assert first != _drawn(6)
    assert 8 < first.count("x") < 32
    assert _drawn(5, rule_seed=11) == _drawn(6, rule_seed=11)  # a rule's own seed wins over the mock's


@pytest.mark.parametrize(("rule", "method", "path", "body", "hit"), [
    ({"method": "POST"}, "GET", WEBINARS, None, False),
    ({"method": "*"}, "GET", WEBINARS, None, True),
    ({"path": "/solutions/virtualEvents/webinars/{id}"}, "GET", WEBINARS + "/w1", None, True),
    ({"path": "/solutions/virtualEvents/webinars/{id}"}, "GET", WEBINARS, None, False),
    ({"path": "/solutions/virtualEvents/webinars"}, "GET", "/beta/solutions/virtualEvents/webinars", None, True),
    ({"path": "/v1.0/solutions/virtualEvents/webinars"}, "GET", "/beta/solutions/virtualEvents/webinars", None,
     False),
    ({"path": "/V1.0/Solutions/VirtualEvents/Webinars"}, "GET", WEBINARS, None, True),
    ({"path": "https://graph.microsoft.com/v1.0/solutions/virtualEvents/webinars"}, "GET", WEBINARS, None, True),
    ({"json": {"displayName": "Launch"}}, "POST", WEBINARS, WEBINAR, True),
    ({"json": {"startDateTime": {"timeZone": "UTC"}}}, "POST", WEBINARS, WEBINAR, True),
    ({"json": {"displayName": "Other"}}, "POST", WEBINARS, WEBINAR, False),
    ({"json": {"displayName": "Launch"}}, "GET", WEBINARS, None, False),
])
def test_which_requests_a_rule_matches(rule, method, path, body, hit):
    """Method ('*' for any), path ({name} = one segment, version optional, any case) and a JSON subset."""
    app = make_app()
    client = app.test_client()
    faults.add(app.extensions["mockgraph"].store, {"status": 500, "every": 1, **rule})
    response = client.open(path, method=method, json=body, headers=AUTH)
    assert (response.status_code == 500) is hit


def test_control_paths_are_never_faulted():
    """A rule for every request spares /_mockgraph/, so a test can always list and clear its rules."""
    app = make_app()
    client = app.test_client()
    faults.fail(app, status=503, every=1)
    assert client.get(WEBINARS, headers=AUTH).status_code == 503
    assert client.get("/_mockgraph/faults").status_code == 200
    assert client.delete("/_mockgraph/faults").get_json() == {"deleted": 1}
    assert client.get(WEBINARS, headers=AUTH).status_code == 200


def test_a_delay_waits_then_lets_the_request_through_or_fail():
    """delayMs waits (on the app's sleep) before the request goes on, or before the rule's own status."""
    app = make_app()
    client = app.test_client()
    faults.fail(app, "POST", WEBINARS, None, delay_ms=250)
    faults.fail(app, "GET", WEBINARS, 504, delay_ms=1500)
    assert create(client).status_code == 201
    assert client.get(WEBINARS, headers=AUTH).status_code == 504
    assert app.slept == [0.25, 1.5]
    assert app.marks[0] == {"rules": ["1"], "delayMs": 250}


def test_delays_add_up_and_the_first_status_answers():
    """Every matching rule's delay is waited; the first rule with a status or a drop decides the answer."""
    app = make_app()
    client = app.test_client()
    faults.fail(app, status=None, delay_ms=100, every=1)
    faults.fail(app, "GET", WEBINARS, 429, retry_after=3, delay_ms=50)
    faults.fail(app, "GET", WEBINARS, 500)
    response = client.get(WEBINARS, headers=AUTH)
    assert response.status_code == 429
    assert app.slept == [0.1, 0.05]
    assert app.marks[-1] == {"rules": ["1", "2"], "delayMs": 150, "status": 429, "retryAfter": 3}


def test_the_control_endpoint_adds_lists_deletes_and_reset_clears():
    """POST /_mockgraph/faults answers 201 with the rule and its id; GET lists; DELETE one or all; reset clears."""
    client = make_app().test_client()
    added = client.post("/_mockgraph/faults", json={"method": "get", "path": "/solutions/virtualEvents/webinars",
                                                    "status": 503, "every": 1})
    assert added.status_code == 201
    assert added.get_json() == {"id": "1", "method": "GET", "path": "/solutions/virtualEvents/webinars",
                                "status": 503, "every": 1, "drop": False}
    client.post("/_mockgraph/faults", json={"status": 500})
    assert [rule["id"] for rule in client.get("/_mockgraph/faults").get_json()["value"]] == ["1", "2"]
    assert client.delete("/_mockgraph/faults/1").status_code == 204
    assert_envelope(client.delete("/_mockgraph/faults/1"), 404, "itemNotFound")
    assert client.get("/_mockgraph/faults").get_json()["count"] == 1
    client.post("/_mockgraph/reset")
    assert client.get("/_mockgraph/faults").get_json() == {"value": [], "count": 0}
    assert client.get(WEBINARS, headers=AUTH).status_code == 200


@pytest.mark.parametrize(("rule", "message"), [
    ([], "expected a JSON object (fault rule)"),
    ({"status": 200}, "$.status: expected a whole number, 400 to 599"),
    ({"status": "429"}, "$.status"),
    ({}, "needs a status"),
    ({"status": 429, "sometimes": True}, "$.sometimes: not a fault rule property"),
    ({"status": 429, "method": "GET POST"}, "$.method"),
    ({"status": 429, "path": ""}, "$.path"),
    ({"status": 429, "json": [1]}, "$.json"),
    ({"status": 429, "times": 0}, "$.times"),
    ({"status": 429, "every": True}, "$.every"),
    ({"status": 429, "probability": 1.5}, "$.probability"),
    ({"status": 429, "every": 2, "probability": 0.5}, "not both"),
    ({"status": 429, "retryAfter": -1}, "$.retryAfter"),
    ({"status": 429, "headers": {"X": 1}}, "$.headers"),
    ({"delayMs": 10**9}, "$.delayMs"),
    ({"drop": "yes"}, "$.drop"),
])
def test_a_bad_rule_is_refused_naming_what_is_wrong(rule, message):
    """A rule that cannot mean anything is a 400 naming the property and what it should be; nothing is stored."""
    client = make_app().test_client()
    response = client.post("/_mockgraph/faults", data=json.dumps(rule), content_type="application/json")
    error = assert_envelope(response, 400, "BadRequest")
    assert message in error["message"]
    assert client.get("/_mockgraph/faults").get_json()["count"] == 0


def test_the_token_is_checked_before_any_fault():
    """A request without a token is Graph's 401, not the fault: faults come after authentication."""
    app = make_app()
    faults.fail(app, status=503, every=1)
    assert_envelope(app.test_client().get(WEBINARS), 401, "InvalidAuthenticationToken")


# --- the rate limit ---------------------------------------------------------------------------------------

def test_the_rate_limit_throttles_past_the_budget_until_the_window_ends():
    """3/10: the 4th request in a window is 429 with Retry-After counting down; early retries stay throttled."""
    app = make_app(rate_limit="3/10")
    client = app.test_client()
    statuses = [client.get(WEBINARS, headers=AUTH).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    throttled = client.get(WEBINARS, headers=AUTH)
    assert_envelope(throttled, 429, "TooManyRequests")
    assert throttled.headers["Retry-After"] == "10"
    assert app.marks[-1] == {"rateLimit": "3/10", "status": 429, "retryAfter": 10}
    app.now[0] = 4.2
    assert client.get(WEBINARS, headers=AUTH).headers["Retry-After"] == "6"
    app.now[0] = 9.9
    early = client.get(WEBINARS, headers=AUTH)
    assert early.status_code == 429 and early.headers["Retry-After"] == "1"
    app.now[0] = 10.0
    assert [client.get(WEBINARS, headers=AUTH).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_the_rate_limit_spares_control_paths_and_reset_restores_the_budget():
    """The mock's own endpoints are not counted; a reset starts the budget again."""
    app = make_app(rate_limit="1/60")
    client = app.test_client()
    assert client.get(WEBINARS, headers=AUTH).status_code == 200
    for _ in range(3):
        assert client.get("/_mockgraph/health").status_code == 200
    assert client.get(WEBINARS, headers=AUTH).status_code == 429
    client.post("/_mockgraph/reset")
    assert client.get(WEBINARS, headers=AUTH).status_code == 200


@pytest.mark.parametrize("text", ["10", "0/1", "-1/1", "1/0", "a/b", "1/-2", "1/inf", "1.5/1", "/"])
def test_a_bad_rate_limit_is_refused_at_start(text):
    """create_app refuses a rate_limit that is not N/S with N >= 1 and S > 0, saying what it expected."""
    with pytest.raises(ValueError, match="is not N/S"):
        create_app({"rate_limit": text})


def test_the_rate_limit_comes_from_the_environment_and_the_command_line():
    """MOCKGRAPH_RATE_LIMIT sets it; a bad --rate-limit is one line and exit status 2."""
    assert Settings.from_env({"MOCKGRAPH_RATE_LIMIT": "600/60"}).rate_limit == "600/60"
    assert faults.parse_rate("1/0.5") == (1, 0.5)
    assert faults.parse_rate("600/60") == (600, 60.0)
    result = CliRunner().invoke(main, ["serve", "--rate-limit", "ten/1"])
    assert result.exit_code == 2
    assert "--rate-limit" in result.output and "is not N/S" in result.output
    assert len(result.output.strip().splitlines()) == 1


# --- over real HTTP -----------------------------------------------------------------------------------------

def test_a_dropped_connection_under_the_fixture_server():
    """drop: the client sees the connection closed with no answer; the next request is served as usual."""
    with MockGraphServer() as server:
        faults.fail(server, "GET", WEBINARS, drop=True)
        with requests.Session() as session:
            with pytest.raises(requests.ConnectionError):
                session.get(server.url + "/solutions/virtualEvents/webinars", headers=AUTH, timeout=10)
            assert session.get(server.url + "/solutions/virtualEvents/webinars", headers=AUTH,
                               timeout=10).status_code == 200
        assert [entry["status"] for entry in server.requests] == [faults.DROPPED, 200]


def test_faults_under_gunicorn_are_shared_by_every_worker():
    """Under `mockgraph serve` (two workers, one store) a rule added over HTTP fails exactly its count, and drops."""
    with served("--workers", "2", "--threads", "2") as server:
        base = server.url + "/v1.0/solutions/virtualEvents/webinars"
        rule = {"method": "GET", "path": "/solutions/virtualEvents/webinars", "status": 503, "every": 1, "times": 3}
        assert requests.post(server.url + "/_mockgraph/faults", json=rule, timeout=10).status_code == 201
        statuses = []
        for _ in range(8):
            with requests.Session() as fresh:  # a new connection each time, so both workers take requests
                statuses.append(fresh.get(base, headers=AUTH, timeout=10).status_code)
        assert sorted(statuses) == [200] * 5 + [503] * 3
        requests.post(server.url + "/_mockgraph/faults", json={"method": "POST", "drop": True}, timeout=10)
        with pytest.raises(requests.ConnectionError):
            requests.post(base, json=WEBINAR, headers=AUTH, timeout=10)
        assert requests.post(base, json=WEBINAR, headers=AUTH, timeout=10).status_code == 201
        assert server.proc.poll() is None


def test_the_sdk_retry_handler_honours_a_429_and_retry_after(monkeypatch):
    """msgraph-sdk's RetryHandler waits the mock's Retry-After (1 s) after its 429, then succeeds (the wait is
    captured, not slept through: the delay it asks for is the behaviour, its duration is not the test's)."""
    pytest.importorskip("msgraph")
    import asyncio

    from kiota_http.middleware import retry_handler

    waits: list[float] = []
    real_sleep = asyncio.sleep

    async def recorded(delay: float, *args, **kwargs):
        waits.append(delay)
        await real_sleep(0)

    monkeypatch.setattr(retry_handler.asyncio, "sleep", recorded)

    from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone
    from msgraph.generated.models.virtual_event_webinar import VirtualEventWebinar

    from .test_core_sdk import graph_client

    with MockGraphServer() as server:
        faults.fail(server, "POST", "/solutions/virtualEvents/webinars", 429, retry_after=1)
        webinar = VirtualEventWebinar(
            display_name="Launch",
            start_date_time=DateTimeTimeZone(date_time="2025-01-01T10:00:00", time_zone="UTC"),
            end_date_time=DateTimeTimeZone(date_time="2025-01-01T11:00:00", time_zone="UTC"))
        created = asyncio.run(asyncio.wait_for(graph_client(server.url).solutions.virtual_events.webinars.post(
            webinar), timeout=30))
        assert created.display_name == "Launch"
        posts = server.calls("POST", "/solutions/virtualEvents/webinars")
        assert [entry["status"] for entry in posts] == [429, 201]
        assert {k.lower(): v for k, v in posts[1]["headers"].items()}.get("retry-attempt") == "1"
        assert waits == [1]  # the Retry-After the mock sent, before the one retry
