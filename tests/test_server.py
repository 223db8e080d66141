"""MockGraphServer without pytest: a real loopback server in a thread, its journal and its assertions."""

from __future__ import annotations

import re
import socket

import pytest
import requests

from mockgraph.server import MockGraphServer

from .conftest import AUTH, EVENT, assert_envelope, raw_response

SESSIONS = "/solutions/virtualEvents/events/{event}/sessions"


def create(graph: MockGraphServer, body: dict, event: str = EVENT, **headers: str) -> requests.Response:
    return requests.post(graph.url + SESSIONS.format(event=event), json=body,
                         headers={**AUTH, **headers}, timeout=10)


@pytest.fixture
def graph():
    with MockGraphServer(seed=3) as server:
        yield server


def test_context_manager_serves_on_a_free_loopback_port_and_stops(minimal_body):
    """The server picks a free port, answers a create with 201 and frees the port on exit."""
    with MockGraphServer(seed=1) as graph:
        assert graph.is_running and graph.port > 0
        assert graph.url == f"http://127.0.0.1:{graph.port}/v1.0"
        assert graph.base_url + "/v1.0" == graph.url
        response = create(graph, minimal_body)
        assert response.status_code == 201
        assert response.json()["subject"] == minimal_body["subject"]
        port = graph.port
    assert not graph.is_running
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.parametrize("request_bytes, status, words", [
    (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "URL is too long"),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(300)) + b"\r\n", 400,
     "request headers is too long"),
    (b"\x00\xff\xfe garbage\r\n\r\n", 400, "badly formed"),
])
def test_what_the_http_server_cannot_parse_is_answered_in_the_envelope(graph, request_bytes, status, words,
                                                                       minimal_body):
    """The fixture's server answers unparseable requests as `mockgraph serve` does, and keeps serving."""
    with socket.create_connection(("127.0.0.1", graph.port), timeout=10) as sock:
        sock.sendall(request_bytes)
        reply = b""
        while chunk := sock.recv(65536):  # the server closes the connection after its reply
            reply += chunk
    assert words in assert_envelope(raw_response(reply), status, "UnknownError")["message"]
    assert create(graph, minimal_body).status_code == 201


def test_start_twice_is_refused(graph):
    """A running server cannot be started again; stop is idempotent."""
    with pytest.raises(RuntimeError, match="already running"):
        graph.start()
    graph.stop()
    graph.stop()
    assert not graph.is_running


def test_journal_holds_method_path_headers_body_and_reply(graph, minimal_body):
    """Each request is journalled with what was sent and what came back; the token is redacted."""
    reply = create(graph, minimal_body, **{"client-request-id": "abc"}).json()
    [entry] = graph.requests
    assert entry["method"] == "POST"
    assert entry["path"] == "/v1.0" + SESSIONS.format(event=EVENT)
    assert entry["json"] == minimal_body
    assert entry["status"] == 201
    assert entry["response"] == reply
    assert entry["headers"]["Authorization"] == "Bearer [redacted]"
    assert entry["headers"]["Client-Request-Id"] == "abc"


def test_reset_forgets_the_journal_and_restarts_the_ids(graph, minimal_body):
    """After reset the journal is empty and the first create gets the first id again."""
    first = create(graph, minimal_body).json()["id"]
    assert create(graph, minimal_body).json()["id"] != first
    graph.reset()
    assert graph.requests == []
    assert create(graph, minimal_body).json()["id"] == first


def test_reset_with_a_seed_changes_ids_until_the_next_reset(graph, minimal_body):
    """reset(seed=n) makes other ids; a plain reset brings the configured seed back."""
    first = create(graph, minimal_body).json()["id"]
    graph.reset(seed=4)
    assert graph.seed == 4
    other = create(graph, minimal_body).json()["id"]
    assert other != first
    graph.reset()
    assert graph.seed == 3
    assert create(graph, minimal_body).json()["id"] == first
    with MockGraphServer(seed=4) as fresh:
        assert create(fresh, minimal_body).json()["id"] == other


def test_a_server_exception_answers_500_and_is_reraised_by_check(graph, minimal_body, monkeypatch):
    """A bug in the mock reaches the client as a Graph 500 and the caller as the exception itself."""
    def broken(*args, **kwargs):
        raise LookupError("fake recipe missing")

    monkeypatch.setattr(graph.state.fakes, "generate", broken)
    response = create(graph, minimal_body)
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "generalException"
    assert len(graph.failures) == 1
    with pytest.raises(LookupError, match="fake recipe missing"):
        graph.check()
    graph.check()  # reported once


def test_leaving_the_context_reraises_a_server_exception(minimal_body):
    """``with MockGraphServer()`` fails the block that made the mock fail."""
    with pytest.raises(ZeroDivisionError), MockGraphServer() as graph:
        graph.state.fakes.generate = lambda *a, **k: 1 / 0
        assert create(graph, minimal_body).status_code == 500


def test_two_servers_keep_separate_state(minimal_body):
    """Servers in one process share nothing: ports, journals and counters are their own."""
    with MockGraphServer(seed=1) as one, MockGraphServer(seed=1) as two:
        assert one.port != two.port
        create(one, minimal_body)
        create(one, minimal_body)
        assert create(two, minimal_body).json()["id"] == one.requests[0]["response"]["id"]
        assert len(one.requests) == 2 and len(two.requests) == 1


def test_ipv6_loopback():
    """The server binds ::1 when asked, and its URL brackets the address."""
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        server = MockGraphServer(host="::1").start()
    except OSError as exc:
        pytest.skip(f"cannot bind ::1: {exc}")
    try:
        assert server.url.startswith("http://[::1]:")
        assert requests.get(server.base_url + "/_mockgraph/health", timeout=10).status_code == 200
    finally:
        server.stop()


def test_assert_called_matches_method_path_body_status_and_headers(graph, minimal_body):
    """Paths may be relative to .url, absolute, a full URL, percent-encoded, with {placeholders} or a regex."""
    create(graph, minimal_body)
    create(graph, {**minimal_body, "subject": "Second"}, event="other")
    path = SESSIONS.format(event=EVENT)
    assert len(graph.assert_called("POST", path)) == 1
    graph.assert_called("post", "/v1.0" + path)
    graph.assert_called("POST", graph.url + path.replace("@", "%40"))
    graph.assert_called("POST", "/solutions/virtualEvents/events/{id}/sessions", count=2)
    graph.assert_called("POST", re.compile(r"/v1\.0/solutions/.*/sessions"), count=None)
    graph.assert_called("POST", "/solutions/virtualEvents/events/{id}/sessions", json={"subject": "Second"})
    graph.assert_called("POST", path, json={"startDateTime": {"timeZone": "Pacific Standard Time"}}, status=201)
    graph.assert_called("POST", path, headers={"Content-Type": "application/json"})
    graph.assert_not_called("GET", path)
    graph.assert_not_called("POST", "/beta" + path)
    assert [e["json"]["subject"] for e in graph.calls("POST", "/solutions/virtualEvents/events/{id}/sessions")] \
        == [minimal_body["subject"], "Second"]


HERE = SESSIONS.format(event=EVENT)


@pytest.mark.parametrize(("method", "path", "count", "json", "found", "explanation"), [
    ("POST", SESSIONS.format(event="other"), 1, None, 0, f"path has '{EVENT}' where 'other' was expected"),
    ("GET", HERE, 1, None, 0, "method is POST, not GET"),
    ("POST", "/solutions/virtualEvents/{collection}/{id}", 1, None, 0, "path has 6 segments, expected 5"),
    ("POST", re.compile("/beta/.*"), 1, None, 0, "path does not match"),
    ("POST", HERE, 1, {"subject": "Nope"}, 0, '$.subject is "Bad", expected "Nope"'),
    ("POST", HERE, 1, {"capacity": 250.0}, 0, "$.capacity is 250, expected 250.0"),
    ("POST", HERE, 1, {"startDateTime": {"zone": "UTC"}}, 0, '$.startDateTime.zone is missing (expected "UTC")'),
    ("POST", HERE, 2, None, 1, "expected 2 requests"),
    ("POST", HERE, 0, None, 1, "-> 201: matches"),
])
def test_a_miss_lists_the_requests_made_and_how_each_differs(graph, minimal_body, method, path, count, json,
                                                             found, explanation):
    """A failed assert_called names what it wanted, what it found, and the difference per request."""
    create(graph, {**minimal_body, "subject": "Bad"})
    with pytest.raises(AssertionError) as caught:
        graph.assert_called(method, path, count, json=json)
    message = str(caught.value)
    assert message.startswith("expected ")
    assert f", found {found}." in message
    assert "Requests this test made (1), closest first:" in message
    assert explanation in message


def test_a_miss_shows_the_error_the_mock_answered(graph, minimal_body):
    """When a request got a Graph error, the explanation quotes its code and message."""
    create(graph, {**minimal_body, "subjekt": "typo"})
    with pytest.raises(AssertionError, match=r"answered 400, not 201 \(BadRequest: .*\$\.subjekt"):
        graph.assert_called("POST", SESSIONS.format(event=EVENT), status=201)


def test_a_miss_with_no_requests_says_so(graph):
    """With an empty journal the message says no request reached the mock."""
    with pytest.raises(AssertionError, match="no request to mockgraph"):
        graph.assert_called("POST", SESSIONS.format(event=EVENT))


def test_a_miss_lists_the_closest_requests_first(graph, minimal_body):
    """Among many requests, those that pass most matchers come first, and the list is bounded."""
    for event in ("e0", "e1", "e2", "e3", "e4", "e5"):
        create(graph, minimal_body, event=event)
    create(graph, {**minimal_body, "subject": "Near"}, event="target")
    with pytest.raises(AssertionError) as caught:
        graph.assert_called("POST", SESSIONS.format(event="target"), json={"subject": "Wanted"})
    lines = str(caught.value).splitlines()
    assert lines[2].startswith("  POST /v1.0/solutions/virtualEvents/events/target/sessions -> 201:")
    assert lines[-1] == "  ... and 2 more (see .requests)"
