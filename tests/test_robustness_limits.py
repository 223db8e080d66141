"""Limits and exposure, in process: what the journal may hold, who may reach /_mockgraph/, the OpenAPI document."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from mockgraph import create_app
from mockgraph.cli import main
from mockgraph.contracts import load_operations
from mockgraph.graph import JOURNAL_BODY_BYTES
from mockgraph.openapi import document
from mockgraph.refusals import Validator
from mockgraph.store import SqliteStore
from tests.conftest import AUTH, EVENT, SESSIONS, assert_envelope, load_fixture

PATH = SESSIONS.format(event=EVENT)
TOKEN = "s3cret-control-token"


def _big_body(chars: int) -> dict:
    body = load_fixture("virtualEventSession.create.request.minimal.json")
    body["subject"] = "x" * chars
    return body


@pytest.mark.parametrize("store_kind", ["memory", "sqlite"])
def test_journal_bytes_stay_bounded_whatever_the_bodies(store_kind, tmp_path):
    """Huge valid bodies are echoed in full, but a journal entry keeps at most a bounded slice of them."""
    config = {"journal_size": 3}
    if store_kind == "sqlite":
        config["store_path"] = str(tmp_path / "state.sqlite3")
    client = create_app(config).test_client()
    for _ in range(5):
        response = client.post(PATH, json=_big_body(300_000), headers=AUTH)
        assert response.status_code == 201
        assert len(response.get_json()["subject"]) == 300_000
    entries = client.get("/_mockgraph/requests").get_json()["value"]
    assert len(entries) == 3
    for entry in entries:
        assert len(json.dumps(entry)) < 3 * JOURNAL_BODY_BYTES, "a journal entry must not hold a whole huge body"
        assert entry["status"] == 201 and entry["truncated"] is True


def test_small_bodies_are_journalled_whole():
    """The bound only cuts what is too big: an ordinary create keeps its body and its reply."""
    client = create_app({}).test_client()
    body = load_fixture("virtualEventSession.create.request.minimal.json")
    reply = client.post(PATH, json=body, headers=AUTH).get_json()
    (entry,) = client.get("/_mockgraph/requests").get_json()["value"]
    assert entry["json"] == body and entry["response"] == reply


def test_sqlite_journal_trims_its_table(tmp_path):
    """The shared SQLite journal deletes old rows as it goes: its table never grows past bound + one batch."""
    path = str(tmp_path / "state.sqlite3")
    store = SqliteStore(path, journal_size=100)
    for i in range(2_000):
        store.record({"i": i})
    rows = sqlite3.connect(path + ".requests").execute("SELECT COUNT(*) FROM journal").fetchone()[0]  # its own file
    assert 100 <= rows < 100 + 64
    assert [e["i"] for e in store.journal()] == list(range(1_900, 2_000))


def test_control_endpoints_can_be_switched_off():
    """With control off, /_mockgraph/ is not there at all, while Graph paths still serve."""
    client = create_app({"control": False}).test_client()
    for path in ("/_mockgraph/health", "/_mockgraph/requests", "/_mockgraph/openapi.json"):
        assert_envelope(client.get(path), 404, "itemNotFound")
    assert_envelope(client.post("/_mockgraph/reset"), 404, "itemNotFound")
    assert client.post(PATH, json={}, headers=AUTH).status_code == 201


@pytest.mark.parametrize("sent", [None, "", "wrong", TOKEN + "x", "Bearer " + TOKEN])
def test_control_token_guards_every_control_endpoint(sent):
    """With a control token set, a request without exactly that token gets 401 and changes nothing."""
    client = create_app({"control_token": TOKEN}).test_client()
    assert client.post(PATH, json={}, headers=AUTH).status_code == 201
    headers = {} if sent is None else {"X-MockGraph-Token": sent}
    for method, path in [("GET", "/_mockgraph/health"), ("GET", "/_mockgraph/requests"),
                         ("POST", "/_mockgraph/reset"), ("GET", "/_mockgraph/openapi.json"),
                         ("POST", "/_mockgraph/provider-states")]:
        error = assert_envelope(client.open(path, method=method, headers=headers), 401, "Unauthorized")
        assert TOKEN not in json.dumps(error)
    good = {"X-MockGraph-Token": TOKEN}
    assert client.get("/_mockgraph/requests", headers=good).get_json()["count"] == 1  # the reset was refused
    assert client.post("/_mockgraph/reset", headers=good).status_code == 200
    assert client.get("/_mockgraph/requests", headers=good).get_json()["count"] == 0


def test_the_token_does_not_guard_graph_paths():
    """The control token is for /_mockgraph/ only; Graph calls need just their bearer token."""
    client = create_app({"control_token": TOKEN}).test_client()
    assert client.post(PATH, json={}, headers=AUTH).status_code == 201


def test_settings_repr_hides_the_control_token():
    """Settings may be logged or shown in a traceback: the token is not in their repr."""
    from mockgraph.config import Settings

    assert TOKEN not in repr(Settings(control_token=TOKEN))


def test_bearer_token_is_in_no_reply_and_redacted_in_the_journal():
    """The client's bearer token never comes back: not in a reply, not in its headers, not in the journal."""
    secret = "eyJhbGciOiJub25lIn0.c2VjcmV0LXRva2Vu.signature"
    client = create_app({}).test_client()
    headers = {"Authorization": f"Bearer {secret}"}
    replies = [client.post(PATH, json={}, headers=headers),
               client.post(PATH, json={"subject": 5}, headers=headers),
               client.post(PATH, data=b"{", headers={**headers, "Content-Type": "application/json"}),
               client.get(PATH, headers=headers),
               client.post("/v1.0/nowhere", headers=headers),
               client.get("/_mockgraph/requests", headers=headers)]
    for reply in replies:
        assert secret not in reply.get_data(as_text=True)
        assert all(secret not in value for _, value in reply.headers.items())
    journal = client.get("/_mockgraph/requests").get_json()["value"]
    assert journal and all(e["headers"]["Authorization"] == "Bearer [redacted]" for e in journal)


def test_openapi_document_is_served_and_printed_the_same():
    """/_mockgraph/openapi.json and `mockgraph openapi` give one document, naming this server."""
    served = create_app({}).test_client().get("/_mockgraph/openapi.json")
    assert served.status_code == 200
    printed = CliRunner().invoke(main, ["openapi", "--server", "http://localhost"])
    assert printed.exit_code == 0, printed.output
    assert served.get_json() == json.loads(printed.output)
    assert served.get_json()["servers"] == [{"url": "http://localhost"}]


def test_openapi_document_is_built_once_per_server_url():
    """The document is cached per server URL (it is built on requests of /_mockgraph/openapi.json)."""
    assert document("http://a.test") is document("http://a.test")
    assert document("http://b.test")["servers"] == [{"url": "http://b.test"}]
    assert "servers" not in document()


def test_openapi_document_is_valid_openapi_3_1():
    """The generated document passes the OpenAPI 3.1 specification validator."""
    from openapi_spec_validator import validate

    validate(document(server="http://127.0.0.1:8000"))


def test_openapi_document_follows_the_contracts():
    """Every operation and version is a path; bodies and replies point at the contract's schemas."""
    doc = document()
    assert doc["openapi"].startswith("3.1")
    operations = load_operations()
    for op in operations:
        for version in op.versions:
            post = doc["paths"][f"/{version}{op.path}"][op.method.lower()]
            assert set(post["responses"]) >= {str(op.status), "400", "401", "404", "413", "415"}
            collection = next(p for p in post["parameters"] if p["name"] == "collection")
            assert collection["schema"]["enum"] == op.path_values["collection"]
    schemas = doc["components"]["schemas"]
    refs = set()

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.add(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    assert refs and all(ref.removeprefix("#/components/schemas/") in schemas for ref in refs)
    for schema in schemas.values():
        Validator.check_schema(schema)


def test_openapi_document_describes_every_served_operation_by_its_kind():
    """Each served operation of the family, in each version, is there with its kind's statuses and a unique id."""
    from mockgraph.model import operations

    doc = document()
    ids = [op["operationId"] for item in doc["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    served = [op for op in operations() if op.served]
    assert len(served) > 100
    for op in served:
        for version in op.versions:
            described = doc["paths"][f"/{version}{op.path}"][op.method.lower()]
            statuses = set(described["responses"])
            keyed = any(step.keyed for step in op.steps)
            body = op.kind in ("create", "update") or "requestBody" in described
            assert str(op.status) in statuses and {"400", "401", "405"} <= statuses, op.name
            assert ("404" in statuses) == keyed and ({"413", "415"} <= statuses) == body, op.name
            assert ({"409", "507"} <= statuses) == (op.kind == "create"), op.name
            if op.kind == "create":
                assert described["responses"]["201"]["headers"]["Location"]["required"] is True
            names = {p["name"] for p in described["parameters"] if p["in"] == "query"}
            expected = {"list": {"$top", "$skip", "$count", "$select", "$orderby", "$filter", "$skiptoken"},
                        "get": {"$select"}, "count": {"$filter"}}.get(op.kind.replace("function", "list"), set())
            assert expected <= names, op.name


def _validator(doc: dict, path: str, method: str, status: str, media: str = "application/json"):
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    registry = Registry().with_resource("urn:doc", DRAFT202012.create_resource(doc))
    pointer = "/".join(part.replace("~", "~0").replace("/", "~1")
                       for part in ("paths", path, method, "responses", status, "content", media, "schema"))
    return Validator({"$ref": f"urn:doc#/{pointer}"}, registry=registry)


def test_openapi_schemas_accept_what_the_mock_answers():
    """A real 201 and a real error envelope validate against the document's own response schemas."""
    doc = document()
    client = create_app({}).test_client()
    path = "/v1.0/solutions/virtualEvents/{collection}/{virtualEventId}/sessions"
    cases = [(client.post(PATH, json=load_fixture("virtualEventSession.create.request.resolved.json"),
                          headers=AUTH), "201"),
             (client.post(PATH, json={"subject": 5}, headers=AUTH), "400"),
             (client.post(PATH, json={}), "401")]
    for reply, status in cases:
        assert str(reply.status_code) == status
        _validator(doc, path, "post", status).validate(reply.get_json())


def _seeded(client) -> dict[str, str]:
    """A webinar with a session, presenter, question, registration, attendance report and record; their ids."""
    base = "/v1.0/solutions/virtualEvents"

    def made(path: str, body: dict, control: bool = False) -> dict:
        reply = client.post("/_mockgraph/entities" if control else path,
                            json={"path": path, "entity": body} if control else body, headers=AUTH)
        assert reply.status_code == 201, reply.get_data(as_text=True)
        return reply.get_json()

    webinar = made(f"{base}/webinars", load_fixture("virtualeventsroot-post-webinars/1.request.json"))
    at = f"{base}/webinars/{webinar['id']}"
    session = made(f"{at}/sessions", load_fixture("virtualEventSession.create.request.minimal.json"))
    report = made(f"{at}/sessions/{session['id']}/attendanceReports", {}, control=True)
    record = made(f"{at}/sessions/{session['id']}/attendanceReports/{report['id']}/attendanceRecords", {},
                  control=True)
    registration = made(f"{at}/registrations", load_fixture("virtualeventwebinar-post-registrations/1.request.json"))
    return {"virtualEventWebinar-id": webinar["id"], "virtualEvent-id": webinar["id"], "role": "organizer",
            "virtualEventSession-id": session["id"], "meetingAttendanceReport-id": report["id"],
            "attendanceRecord-id": record["id"], "virtualEventRegistration-id": registration["id"],
            "email": registration["email"], "userId": registration["userId"],
            "virtualEventPresenter-id": made(f"{at}/presenters", load_fixture(
                "virtualevent-post-presenters/1.request.json"))["id"],
            "virtualEventRegistrationQuestionBase-id": made(f"{at}/registrationConfiguration/questions", load_fixture(
                "virtualeventregistrationconfiguration-post-questions/1.request.json"))["id"]}


def test_openapi_schemas_accept_every_served_reply_on_real_entities():
    """Every v1.0 read, update and action of the webinar and events trees, on entities that exist, answers a
    documented status with a body its schema accepts (lists, $select, $expand, counts included)."""
    from mockgraph.model import operations

    doc = document()
    client = create_app({"seed": 3}).test_client()
    ids = _seeded(client)
    order = {"get": 0, "list": 0, "count": 0, "function": 0, "update": 1, "action": 2}
    served = [op for op in operations() if op.served and op.kind in order and "v1.0" in op.versions
              and "/townhalls" not in op.path]
    checked = set()
    for op in sorted(served, key=lambda op: order[op.kind]):
        path = "/v1.0" + op.path
        url = path
        for name, value in ids.items():
            url = url.replace("{" + name + "}", value.replace("@", "%40"))
        query = {"$select": "id", "$expand": "attendanceRecords"} if "attendanceReports/{" in op.path[-40:] else {}
        for args in ({}, query) if op.kind == "get" else ({},):
            reply = client.open(url, method=op.method, query_string=args, headers=AUTH,
                                json={} if op.kind == "update" else None)
            status = str(reply.status_code)
            described = doc["paths"][path][op.method.lower()]["responses"]
            assert status in described, (op.name, status, reply.get_data(as_text=True))
            if status.startswith("2") and "content" in described[status]:
                media = next(iter(described[status]["content"]))
                if media == "application/json":
                    _validator(doc, path, op.method.lower(), status).validate(reply.get_json())
                    checked.add(op.kind)
    assert checked == {"get", "list", "function", "update"}
