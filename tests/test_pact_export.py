"""`mockgraph pact export`: the contract as a real pact, proven by the Pact verifier and stub server."""

from __future__ import annotations

import json
import re

import pytest
import requests
from click.testing import CliRunner

from mockgraph.cli import main
from mockgraph.pacts import export, pact_data
from mockgraph.server import MockGraphServer
from mockgraph.states import handlers

from .conftest import AUTH, GUID, load_fixture
from .pact_helpers import failures, stub_server, verify

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    return export(tmp_path_factory.mktemp("pacts"), consumer="exported-consumer")


@pytest.fixture(scope="module")
def pact_json(exported) -> dict:
    return json.loads(exported.read_text())


def by_status(pact_json: dict) -> dict[int, dict]:
    """The first release's four session-create interactions, by status."""
    names = {i["description"] for i in pact_data()["interactions"]}
    return {i["response"]["status"]: i for i in pact_json["interactions"] if i["description"] in names}


def test_file_is_named_for_consumer_and_provider(exported, pact_json):
    """The file is <consumer>-microsoft-graph.json, a V4 pact of HTTP interactions keeping the four session ones."""
    assert exported.name == "exported-consumer-microsoft-graph.json"
    assert pact_json["provider"]["name"] == "microsoft-graph"
    assert pact_json["metadata"]["pactSpecification"]["version"].startswith("4")
    assert sorted(by_status(pact_json)) == [201, 400, 401, 404]
    assert {i["type"] for i in pact_json["interactions"]} == {"Synchronous/HTTP"}


def test_requests_come_from_the_fixtures(pact_json):
    """Request bodies are the documented examples: the minimal create, and the placeholder body for 400."""
    interactions = by_status(pact_json)
    assert interactions[201]["request"]["body"]["content"] == load_fixture(
        "virtualEventSession.create.request.minimal.json")
    assert interactions[400]["request"]["body"]["content"] == load_fixture("virtualEventSession.create.request.json")
    assert "Authorization" not in interactions[401]["request"].get("headers", {})
    assert "Authorization" in interactions[201]["request"]["headers"]


def test_states_follow_the_vocabulary(pact_json):
    """The 404 is given 'no virtual event exists'; the others 'a virtual event exists', each with its id."""
    data = pact_data()
    for status, interaction in by_status(pact_json).items():
        (state,) = interaction["providerStates"]
        expected = "no virtual event exists" if status == 404 else "a virtual event exists"
        assert state["name"] == expected
        assert state["params"]["virtualEventId"] in data["events"].values()
        assert state["params"]["virtualEventId"] in interaction["request"]["path"]


def test_generated_values_have_matchers_and_generators(pact_json):
    """The id is a regex-matched GUID with a Uuid generator; join URL and dates are matched, not fixed."""
    created = by_status(pact_json)[201]
    rules = created["response"]["matchingRules"]["body"]
    assert rules["$.id"]["matchers"][0]["match"] == "regex"
    assert created["response"]["generators"]["body"]["$.id"]["type"] == "Uuid"
    assert rules["$.joinWebUrl"]["matchers"][0]["match"] == "regex"
    assert rules["$.startDateTime.dateTime"]["matchers"][0]["match"] == "regex"
    request_rules = created["request"]["matchingRules"]
    assert request_rules["body"]["$.startDateTime.dateTime"]["matchers"][0]["match"] == "regex"
    assert created["request"]["generators"]["path"]["type"] == "ProviderState"
    for status in (400, 401, 404):
        response = by_status(pact_json)[status]["response"]
        assert response["generators"]["body"]["$.error.innerError['request-id']"]["type"] == "Uuid"
        assert "$.error.code" not in response["matchingRules"]["body"]  # the code is the contract


@pytest.mark.parametrize("spec", ["V3", "V4"])
def test_exported_pact_verifies_against_mockgraph(tmp_path, spec):
    """pact-python's Verifier passes every interaction against a running mockgraph, states via the endpoint."""
    path = export(tmp_path, consumer=f"verify-{spec.lower()}", spec=spec)
    with MockGraphServer(seed=11) as graph:
        results = verify(path, graph.base_url)
        statuses = sorted(e["status"] for e in graph.requests)
    assert failures(results) == []
    count = len(json.loads(path.read_text())["interactions"])
    assert [r["result"] for r in results["interactionResults"]] == ["OK"] * count
    assert {201, 400, 401, 404} <= set(statuses)


def test_exported_pact_verifies_with_in_process_state_handlers(exported):
    """The same states as a dict of functions, for Python verifiers, verify the pact too."""
    with MockGraphServer() as graph:
        results = verify(exported, graph.base_url, states=handlers(graph.state.store))
    assert failures(results) == []


def test_verification_fails_without_provider_states(exported):
    """Without the state calls the session 404 gets a 201 and reads of entities nobody made fail: states matter."""
    with MockGraphServer() as graph:
        results = verify(exported, graph.base_url, states=None)
    failed = failures(results)
    assert next(f"Verifying a pact between exported-consumer and microsoft-graph Given no virtual event exists - {d}"
                for d in [i["description"] for i in pact_data()["interactions"] if i["status"] == 404]) in failed
    assert any("Given a town hall exists - a request to get virtualEventTownhall" in f for f in failed)


def test_stub_server_serves_the_exported_pact(exported):
    """The Pact stub server answers a create with 201 and a fresh GUID, and the documented failures."""
    data = pact_data()
    body = {**load_fixture("virtualEventSession.create.request.minimal.json"),
            "subject": "Another subject", "capacity": 12}
    with stub_server(exported) as url:
        sessions = url + "/v1.0/solutions/virtualEvents/townhalls/{}/sessions"
        first = requests.post(sessions.format("some-event"), json=body, headers=AUTH, timeout=10)
        second = requests.post(sessions.format("some-event"), json=body, headers=AUTH, timeout=10)
        no_token = requests.post(sessions.format("some-event"), json=body, timeout=10)
        absent = requests.post(url + f"/v1.0/solutions/virtualEvents/events/{data['events']['absent']}/sessions",
                               json=body, headers=AUTH, timeout=10)  # the 404 is about one event, exactly
        placeholders = requests.post(sessions.format("some-event"), headers=AUTH, timeout=10,
                                     json=load_fixture("virtualEventSession.create.request.json"))
    assert first.status_code == second.status_code == 201
    assert GUID.match(first.json()["id"]) and GUID.match(second.json()["id"])
    assert first.json()["id"] != second.json()["id"]
    assert re.match(r"^https://teams\.microsoft\.com/", first.json()["joinWebUrl"])
    assert (no_token.status_code, no_token.json()["error"]["code"]) == (401, "InvalidAuthenticationToken")
    assert (absent.status_code, absent.json()["error"]["code"]) == (404, "itemNotFound")
    assert (placeholders.status_code, placeholders.json()["error"]["code"]) == (400, "BadRequest")


def test_cli_export_writes_the_named_file(tmp_path):
    """`mockgraph pact export --out DIR --consumer NAME --spec V3` prints the path it wrote."""
    result = CliRunner().invoke(main, ["pact", "export", "--out", str(tmp_path), "--consumer", "cli-app",
                                       "--spec", "V3"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "cli-app-microsoft-graph.json"
    assert result.output.strip() == str(path)
    assert json.loads(path.read_text())["metadata"]["pactSpecification"]["version"].startswith("3")


def test_cli_export_refuses_an_unknown_spec(tmp_path):
    """An unknown --spec is a one-line usage error."""
    result = CliRunner().invoke(main, ["pact", "export", "--out", str(tmp_path), "--spec", "V2"])
    assert result.exit_code == 2 and "V2" in result.output
