"""The per-request shortcuts give what the slower ways they replace gave: URLs, journal headers, ids, copies, bytes."""

from __future__ import annotations

import json

import pytest
from faker import Generator
from faker.providers import misc
from flask import Response, request, url_for
from flask.ctx import RequestContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import EnvironHeaders
from werkzeug.routing import Rule
from werkzeug.test import EnvironBuilder
from werkzeug.urls import iri_to_uri

from mockgraph import create_app, faults, graph, handlers
from mockgraph.fakes import Fakes, _digits, _uuid4
from mockgraph.headers import PLAIN_LOCATION, GraphReply, graph_json

from .conftest import AUTH

HOSTS = ["localhost", "127.0.0.1:38107", "example.com:443", "host:80", "host:65535", "host:65536", "host:080",
         "LocalHost:5000", "xn--n3h.net", "[::1]:5000", "a..b", "host.", "h_st", "ab--cd.example"]
PATHS = ["/v1.0/solutions/virtualEvents/events/e1/sessions", "//v1.0//a", "/v1.0/townhalls('a@b')/x", "/v1.0/x%40y",
         "/v1.0/caf\u00e9", "/~u/;p=1,2:3*!$&+", "/%2F", "/a%zz", "/"]


@pytest.mark.parametrize("scheme", ["http", "https"])
@pytest.mark.parametrize("root", ["", "/app"])
@pytest.mark.parametrize("host", HOSTS)
def test_request_urls_are_werkzeugs_base_and_host_url(scheme, root, host):
    """For plain and odd hosts, paths and mount points alike, the view's URLs are Werkzeug's, or its error."""
    app = create_app({})
    for path in PATHS:
        with app.test_request_context(path, base_url=f"{scheme}://placeholder{root}", environ_overrides={
                "wsgi.url_scheme": scheme, "HTTP_HOST": host}):
            req = request._get_current_object()
            try:
                expected = (req.base_url, req.host_url)
            except ValueError as error:  # a port Werkzeug cannot parse: the shortcut must fail the same way
                with pytest.raises(type(error)):
                    graph._urls(req)
                continue
            assert graph._urls(req) == expected, path


ENVIRONS = [
    {"REQUEST_METHOD": "GET", "HTTP_HOST": "h", "HTTP_AUTHORIZATION": "Bearer abc", "CONTENT_TYPE": "",
     "CONTENT_LENGTH": "0"},
    {"HTTP_authorization": "abc", "CONTENT_TYPE": "application/json", "HTTP_CONTENT_TYPE": "x", "HTTP_X_EMPTY": ""},
    {"HTTP_AUTHORIZATION": "Basic  a b", "HTTP_X_A": "1", "CONTENT_LENGTH": "12", "wsgi.input": None},
]


@pytest.mark.parametrize("environ", ENVIRONS)
def test_journal_headers_are_the_request_headers_in_order_with_the_token_hidden(environ):
    """Names, order and values are Werkzeug's request.headers; only the Authorization value is replaced."""
    headers = dict(EnvironHeaders(environ).items())
    journaled = graph._redact(environ)
    assert list(journaled) == list(headers)
    assert {k: v for k, v in journaled.items() if k != "Authorization"} == \
           {k: v for k, v in headers.items() if k != "Authorization"}
    assert journaled["Authorization"].endswith("[redacted]") and "abc" not in journaled["Authorization"]


def test_the_journal_entry_keeps_its_fields():
    """A create's entry has every field tests read, with the body as sent and the token redacted."""
    app = create_app({"seed": 1})
    body = {"subject": "Caf\u00e9", "startDateTime": {"dateTime": "2026-01-01T10:00:00", "timeZone": "UTC"},
            "endDateTime": {"dateTime": "2026-01-01T11:00:00", "timeZone": "UTC"}}
    reply = app.test_client().post("/v1.0/solutions/virtualEvents/events/e1/sessions?x=1", json=body, headers=AUTH)
    entry = app.extensions["mockgraph"].store.journal()[-1]
    assert list(entry) == ["seq", "time", "method", "path", "query", "headers", "status", "requestId", "response",
                           "json"]
    assert (entry["method"], entry["path"], entry["query"], entry["status"]) == \
           ("POST", "/v1.0/solutions/virtualEvents/events/e1/sessions", "x=1", 201)
    assert entry["json"] == body and entry["response"] == reply.get_json()
    assert entry["requestId"] == reply.headers["request-id"]
    assert entry["headers"]["Authorization"] == "Bearer [redacted]"


@pytest.mark.parametrize("reply", [None, '{"value":[]}', '{"subject":"Caf\u00e9 \u2615","n":1.5}'])
@pytest.mark.parametrize("tail", [{}, {"json": {"subject": "\u00e9"}}, {"responseTruncated": True, "text": "x",
                                                                        "truncated": False}])
def test_a_journal_entry_splices_the_reply_as_sent(reply, tail):
    """The entry's text is the object head + response + tail would encode to, in that order, the reply as sent."""
    head = {"time": "2026-01-01T00:00:00.000Z", "method": "GET", "path": "/v1.0/x", "headers": {"A": "\u00e9"},
            "status": 200}
    text = graph.journal_text(head, reply, tail)
    expected = {**head, "response": None if reply is None else json.loads(reply), **tail}
    assert json.loads(text) == expected and list(json.loads(text)) == list(expected)
    assert reply is None or reply in text  # spliced, not encoded again
    assert text.replace(reply or "", "").isascii()  # only the reply's own characters may be non-ASCII


def test_flask_asks_once_per_hook_whether_it_is_a_coroutine(monkeypatch):
    """ensure_sync's answer is kept per function: requests after the first ask inspect nothing, and still run."""
    import flask.app

    app = create_app({})
    client = app.test_client()
    path = "/v1.0/solutions/virtualEvents/events/e1/sessions"
    assert client.post(path, json={}, headers=AUTH).status_code == 201
    asked = []
    real = flask.app.iscoroutinefunction
    monkeypatch.setattr(flask.app, "iscoroutinefunction", lambda func: asked.append(func) or real(func))
    reply = client.get(path, headers=AUTH)
    assert reply.status_code == 200 and reply.headers["request-id"]  # the hooks ran
    assert app.extensions["mockgraph"].store.journal()[-1]["requestId"] == reply.headers["request-id"]
    assert asked == []


def test_ids_are_fakers_uuid4_from_the_same_draws():
    """The shortcut uuid4 gives Faker's own strings, draw for draw, whatever the seed."""
    ours, theirs = Generator(), Generator()
    for faker in (ours, theirs):
        faker.add_provider(misc.Provider)
    for seed in ("mockgraph:0:virtualEventSession:1", "mockgraph:7:tenant", 12345):
        ours.seed_instance(seed)
        theirs.seed_instance(seed)
        assert [_uuid4(ours) for _ in range(200)] == [theirs.uuid4() for _ in range(200)]


def test_digits_are_fakers_fixed_length_numbers_from_the_same_draws():
    """The shortcut gives Faker's ``random_number(digits=n, fix_len=True)``, draw for draw, n digits each."""
    ours, theirs = Generator(), Generator()
    for faker in (ours, theirs):
        faker.add_provider(misc.Provider)
    for seed in ("mockgraph:0:virtualEventSession:1", 99):
        ours.seed_instance(seed)
        theirs.seed_instance(seed)
        for n in (1, 9, 10, 13):
            mine = [_digits(ours, n) for _ in range(100)]
            assert mine == [str(theirs.random_number(digits=n, fix_len=True)) for _ in range(100)]
            assert all(len(d) == n and d[0] != "0" for d in mine)


def test_people_are_a_function_of_the_seed_and_key_cached_or_not():
    """A remembered person is the one a fresh generator makes; a reseeded generator gets that seed's people."""
    fakes = Fakes(3)
    first = fakes.person("user-1")
    first["displayName"] = "changed by a caller"
    assert fakes.person("user-1") == Fakes(3).person("user-1") != first
    fakes.seed = 8
    assert fakes.signed_in == Fakes(8).signed_in != Fakes(3).signed_in
    assert fakes.person("user-1") == Fakes(8).person("user-1")


class _Tagged(dict):
    """A dict subclass, which marshal refuses."""


@pytest.mark.parametrize("value", [{"a": [1, 2.5, None, True, {"b": "\u00e9"}]}, _Tagged(a=[1])])
def test_a_fresh_copy_is_deep_and_equal(value):
    """The copy a create works on equals the body and shares nothing with it."""
    copied = handlers._fresh(value)
    assert copied == value
    copied["a"].append("more")
    assert copied["a"] != value["a"]


def test_reply_bytes_are_compact_utf8_in_insertion_order():
    """graph_json writes exactly json.dumps(ensure_ascii=False, compact separators) as UTF-8."""
    body = {"z": 1, "a": "Caf\u00e9 \u2603", "n": [None, 1.5, -0.0, 10**20], "o": {"q": '"'}}
    with create_app({}).test_request_context("/"):
        data = graph_json(body, 200).get_data()
    assert data == json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_a_rule_added_through_one_worker_applies_to_the_next_request_of_another(tmp_path):
    """Two apps on one SQLite store: no rules, no fault; a rule added through one fails the other's next request."""
    settings = {"store_path": str(tmp_path / "state.db"), "seed": 2}
    one, other = create_app(settings).test_client(), create_app(settings).test_client()
    path = "/v1.0/solutions/virtualEvents/webinars"
    assert other.get(path, headers=AUTH).status_code == 200
    rule = faults.fail(one.application, "GET", "/solutions/virtualEvents/webinars", 503)
    assert other.get(path, headers=AUTH).status_code == 503
    assert other.get(path, headers=AUTH).status_code == 200  # the rule's one time is spent
    assert one.application.extensions["mockgraph"].store.delete(faults.RULES, rule["id"])


def test_a_request_served_after_the_quiet_check_counts_the_rules_once():
    """serve's polling thread asks ``quiet`` before it serves a request in the same thread: the app's fault check
    takes that count instead of reading the store again; a request without a check (a pool thread) counts itself,
    and a rule stored between requests still fires."""
    app = create_app({})
    client, store = app.test_client(), app.extensions["mockgraph"].store
    counted, real = [], store.count
    store.count = lambda collection: counted.append(collection) or real(collection)
    check = faults.quiet(app)
    path = "/v1.0/solutions/virtualEvents/webinars"
    assert check() is True
    assert client.get(path, headers=AUTH).status_code == 200
    assert counted.count(faults.RULES) == 1
    assert client.get(path, headers=AUTH).status_code == 200  # no check before it: it counts for itself
    assert counted.count(faults.RULES) == 2
    faults.fail(app, "GET", "/solutions/virtualEvents/webinars", 503)
    assert check() is False and client.get(path, headers=AUTH).status_code == 503
    assert counted.count(faults.RULES) == 4


def test_only_a_request_that_writes_reads_the_clock(monkeypatch):
    """A get or a list formats no time; a create reads the clock once, for every property that takes it."""
    from mockgraph.app import MockState

    read = []
    real = MockState.now
    monkeypatch.setattr(MockState, "now", lambda self: read.append(1) or real(self))
    client = create_app({"seed": 3}).test_client()
    path = "/v1.0/solutions/virtualEvents/townhalls"
    made = client.post(path, json={"displayName": "x"}, headers=AUTH)
    assert made.status_code == 201 and len(read) == 1
    assert client.get(f"{path}/{made.get_json()['id']}", headers=AUTH).status_code == 200
    assert client.get(path, headers=AUTH).status_code == 200
    assert len(read) == 1


@pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND"])
def test_graph_paths_are_matched_to_the_rule_werkzeug_matches(method):
    """The app's own match of a Graph path gives Werkzeug's rule and arguments, or Werkzeug decides (and refuses)."""
    app = create_app({})
    paths = [*PATHS, "/v1.0/solutions/virtualEvents/events/e1/sessions/", "/_mockgraph/health", "/_mockgraph",
             "/_mockgraphs/x", "/v1.0/a b", "/v1.0/\u00e9t\u00e9/%2F", "/v1.0//", "/v1.0/x;y?z", "",
             "/v1.0/$batch", "/BETA/$BATCH", "/v1.0/$batch/", "/v1.0/$batch//", "/_mockgraph/faults/1",
             "/_mockgraph/faults/1/x", "/a/b/c/d", "/v1.0/solutions/virtualEvents/townhalls"]
    for path in paths:
        environ = EnvironBuilder(path=path or "/", method=method).get_environ()
        if not path:
            environ["PATH_INFO"] = ""
        ours, werkzeugs = app.request_context(dict(environ)), RequestContext(app, dict(environ))
        assert type(ours) is not RequestContext  # the app's own context is what is under test
        for ctx in (ours, werkzeugs):
            ctx.match_request()
        assert ours.request.url_rule is werkzeugs.request.url_rule, (method, path)
        assert ours.request.view_args == werkzeugs.request.view_args, (method, path)
        assert type(ours.request.routing_exception) is type(werkzeugs.request.routing_exception), (method, path)


def test_graph_headers_replace_a_replys_own_once_and_are_added_to_the_rest():
    """A fault rule's reply that names Graph's headers itself gets one of each, Graph's value, in its place; any
    other reply gets them after its own, and Cache-Control only where it has none."""
    app = create_app({})
    client = app.test_client()
    path = "/v1.0/solutions/virtualEvents/webinars"
    plain = client.get(path, headers={**AUTH, "client-request-id": "mine"})
    names = [name for name, _ in plain.headers]
    assert names[-6:] == ["request-id", "client-request-id", "x-ms-ags-diagnostic", "Strict-Transport-Security",
                          "OData-Version", "Cache-Control"]
    assert plain.headers["client-request-id"] == "mine" and plain.headers["Cache-Control"] == "no-store"
    faults.fail(app, "GET", "/solutions/virtualEvents/webinars", 503,
                headers={"Request-Id": "theirs", "Cache-Control": "max-age=5", "X-Other": "1"})
    faulted = client.get(path, headers=AUTH)
    lowered = [name.lower() for name, _ in faulted.headers]
    assert faulted.status_code == 503 and lowered.count("request-id") == 1 and lowered.count("cache-control") == 1
    assert faulted.headers["request-id"] != "theirs" and faulted.headers["Cache-Control"] == "max-age=5"
    assert lowered.index("request-id") < lowered.index("x-other")  # replaced where the reply had it


@given(st.from_regex(PLAIN_LOCATION, fullmatch=True))
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_a_plain_location_is_one_werkzeug_gives_back_unchanged(location):
    """What GraphReply sends as it is, Werkzeug's iri_to_uri would have sent unchanged (ports past 65535 aside)."""
    port = PLAIN_LOCATION.fullmatch(location).group(1)
    if port is None or int(port) <= 65535:
        assert iri_to_uri(location) == location


@pytest.mark.parametrize("status", [200, 201, 202, 204, 304, 400, 404, 503])
@pytest.mark.parametrize("location", [None, "http://127.0.0.1:8000/v1.0/x/a@b", "http://LocalHost/x", "/relative",
                                      "http://h/%7e?q=1", "http://h/caf\u00e9", "https://xn--n3h.net:443/p",
                                      "http://h:99999/x"])
def test_a_graph_reply_sends_the_headers_werkzeug_would(status, location):
    """Whether it takes the short way or Werkzeug's, a reply's headers on the wire are the ones Werkzeug makes."""
    environ = EnvironBuilder(path="/v1.0/x", method="POST").get_environ()
    reply = GraphReply(b'{"a":1}', status=status, content_type="application/json")
    reply.headers.add("request-id", "r")
    if location is not None:
        reply.headers["Location"] = location
    try:
        expected = Response.get_wsgi_headers(reply, environ).to_wsgi_list()
    except (UnicodeError, ValueError):  # a port past 65535: Werkzeug's own way raises, and so does the reply
        with pytest.raises((UnicodeError, ValueError)):
            reply.get_wsgi_headers(environ)
        return
    assert reply.get_wsgi_headers(environ).to_wsgi_list() == expected


def test_a_list_counts_its_collection_only_when_asked_for_count():
    """A page without $count=true does not ask the store for a count it does not show (a round trip on Redis)."""
    app = create_app({})
    client = app.test_client()
    path = "/v1.0/solutions/virtualEvents/events/e1/sessions"
    client.post(path, json={"subject": "x"}, headers=AUTH)
    store = app.extensions["mockgraph"].store
    counted = []
    real = store.count

    def count(collection):
        if "sessions" in collection:
            counted.append(collection)
        return real(collection)

    store.count = count
    assert client.get(path, headers=AUTH).status_code == 200
    plain = len(counted)  # the path walk may count (a session under an event the store does not hold)
    assert client.get(path + "?$count=true", headers=AUTH).get_json()["@odata.count"] == 1
    assert len(counted) == 2 * plain + 1


def test_url_builders_are_compiled_on_first_use_and_build_what_werkzeug_builds(monkeypatch):
    """create_app adds its rules without compiling their url_for builders (~5 ms of every start); url_for
    still builds each URL as Werkzeug does."""
    compiled = []
    real = Rule._compile_builder
    monkeypatch.setattr(Rule, "_compile_builder", lambda rule, *a: compiled.append(rule.rule) or real(rule, *a))
    app = create_app({})
    assert compiled == []
    with app.test_request_context():
        assert url_for("faults._delete", rule_id="r 1") == "/_mockgraph/faults/r%201"
        assert url_for("control.health", extra="x") == "/_mockgraph/health?extra=x"
    assert compiled == ["/_mockgraph/faults/<rule_id>", "/_mockgraph/health"]
