"""Limits and exposure, in process: what the journal may hold, who may reach /_mockgraph/, the OpenAPI document."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from mockgraph import create_app
from mockgraph.cli import main
from mockgraph.contracts import Validator, load_operations
from mockgraph.graph import JOURNAL_BODY_BYTES
from mockgraph.openapi import document
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
    rows = sqlite3.connect(path).execute("SELECT COUNT(*) FROM journal").fetchone()[0]
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


def test_openapi_schemas_accept_what_the_mock_answers():
    """A real 201 and a real error envelope validate against the document's own response schemas."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    doc = document()
    registry = Registry().with_resource("urn:doc", DRAFT202012.create_resource(doc))
    client = create_app({}).test_client()
    post = doc["paths"]["/v1.0/solutions/virtualEvents/{collection}/{virtualEventId}/sessions"]["post"]
    cases = [(client.post(PATH, json=load_fixture("virtualEventSession.create.request.resolved.json"),
                          headers=AUTH), "201"),
             (client.post(PATH, json={"subject": 5}, headers=AUTH), "400"),
             (client.post(PATH, json={}), "401")]
    for reply, status in cases:
        assert str(reply.status_code) == status
        ref = post["responses"][status]["content"]["application/json"]["schema"]["$ref"]
        validator = Validator({"$ref": "urn:doc" + ref}, registry=registry)
        validator.validate(reply.get_json())
