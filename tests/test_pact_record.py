"""Recording a consumer's pact from the journal: real V4 pacts that verify against mockgraph."""

from __future__ import annotations

import json

import pytest
import requests
from click.testing import CliRunner

from mockgraph.cli import main
from mockgraph.pacts import record
from mockgraph.server import MockGraphServer

from .conftest import AUTH, load_fixture, served
from .pact_helpers import failures, verify

pytestmark = pytest.mark.slow
GONE = "gone-event@tenant"


def consumer_traffic(graph: MockGraphServer) -> None:
    """What a consumer's test suite might send: good creates (one repeated), mistakes, a missing event."""
    body = load_fixture("virtualEventSession.create.request.minimal.json")
    sessions = graph.url + "/solutions/virtualEvents/webinars/{}/sessions"
    for _ in range(3):
        requests.post(sessions.format("event-1@tenant"), json=body, headers=AUTH, timeout=10)
    requests.post(sessions.format("event-1@tenant"), json={**body, "subject": "Second"}, timeout=10,
                  headers={**AUTH, "Prefer": "include-unknown-enum-members"})
    requests.post(sessions.format("event-1@tenant"), json=body, timeout=10)
    requests.post(sessions.format("event-1@tenant"), data=b'{"subject": ', timeout=10,
                  headers={**AUTH, "Content-Type": "application/json"})
    requests.post(sessions.format("event-1@tenant"), json={"subjekt": "typo"}, headers=AUTH, timeout=10)
    graph.state.store.set_event_absent(GONE, True)
    requests.post(sessions.format(GONE), json=body, headers=AUTH, timeout=10)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    with MockGraphServer(seed=5) as graph:
        consumer_traffic(graph)
        return record(graph.requests, tmp_path_factory.mktemp("recorded"), "recording-app")


def interactions(path) -> list[dict]:
    return json.loads(path.read_text())["interactions"]


def test_recording_is_a_v4_pact_of_distinct_requests(recorded):
    """Eight requests, one repeated twice more, give six interactions in a V4 pact for the consumer."""
    pact = json.loads(recorded.read_text())
    assert recorded.name == "recording-app-microsoft-graph.json"
    assert pact["metadata"]["pactSpecification"]["version"].startswith("4")
    statuses = sorted(i["response"]["status"] for i in pact["interactions"])
    assert statuses == [201, 201, 400, 400, 401, 404]


def test_recording_matches_generated_values_and_keeps_the_rest(recorded):
    """The id gets a regex matcher and Uuid generator; the echoed subject stays exact."""
    created = next(i for i in interactions(recorded) if i["response"]["status"] == 201
                   and i["response"]["body"]["content"]["subject"] != "Second")
    rules = created["response"]["matchingRules"]["body"]
    assert rules["$.id"]["matchers"][0]["match"] == "regex"
    assert created["response"]["generators"]["body"]["$.id"]["type"] == "Uuid"
    assert "$.subject" not in rules
    assert created["request"]["headers"]["Authorization"] == ["Bearer [redacted]"]


def test_recording_gives_each_interaction_its_state(recorded):
    """A 404 itemNotFound is given 'no virtual event exists' for its event; the rest 'a virtual event exists'."""
    for interaction in interactions(recorded):
        (state,) = interaction["providerStates"]
        if interaction["response"]["status"] == 404:
            assert state == {"name": "no virtual event exists", "params": {"virtualEventId": GONE}}
        else:
            assert state == {"name": "a virtual event exists", "params": {"virtualEventId": "event-1@tenant"}}


def test_recorded_pact_verifies_against_a_fresh_mockgraph(recorded):
    """Recorded with seed 5, verified against seed 0: every interaction passes with states via the endpoint."""
    with MockGraphServer(seed=0) as graph:
        results = verify(recorded, graph.base_url)
    assert failures(results) == []
    assert len(results["interactionResults"]) == 6


def test_recorded_pact_catches_a_changed_provider(recorded, tmp_path):
    """A recorded echo that the provider no longer returns fails verification: the pact is not vacuous."""
    pact = json.loads(recorded.read_text())
    created = next(i for i in pact["interactions"] if i["response"]["status"] == 201)
    created["response"]["body"]["content"]["subject"] = "What the provider never echoes"
    tampered = tmp_path / "tampered-consumer-microsoft-graph.json"
    tampered.write_text(json.dumps(pact))
    with MockGraphServer() as graph:
        results = verify(tampered, graph.base_url)
    assert len(failures(results)) == 1


def test_pact_endpoint_returns_the_recorded_pact(mockgraph):
    """GET /_mockgraph/pact?consumer=NAME answers the pact of the journal so far."""
    consumer_traffic(mockgraph)
    reply = requests.get(mockgraph.base_url + "/_mockgraph/pact", params={"consumer": "from-endpoint"}, timeout=30)
    assert reply.status_code == 200
    pact = reply.json()
    assert pact["consumer"]["name"] == "from-endpoint" and pact["provider"]["name"] == "microsoft-graph"
    assert len(pact["interactions"]) == 6
    mockgraph.state.store.set_event_absent(GONE, False)


@pytest.mark.parametrize("query", [{}, {"consumer": " "}, {"consumer": "x", "spec": "V2"}])
def test_pact_endpoint_refuses_bad_queries(mockgraph, query):
    """A missing consumer or unknown spec is a 400 in the Graph envelope."""
    reply = requests.get(mockgraph.base_url + "/_mockgraph/pact", params=query, timeout=10)
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "BadRequest"


def test_cli_record_from_a_served_mockgraph(tmp_path):
    """`mockgraph pact record --url` reads a served mock's journal; the pact verifies against it."""
    body = load_fixture("virtualEventSession.create.request.minimal.json")
    with served("--workers", "2") as server:
        sessions = server.url + "/v1.0/solutions/virtualEvents/events/{}/sessions"
        requests.post(sessions.format("cli-event@tenant"), json=body, headers=AUTH, timeout=10)
        requests.post(sessions.format("cli-event@tenant"), json={"subject": 5}, headers=AUTH, timeout=10)
        result = CliRunner().invoke(main, ["pact", "record", "--url", server.url + "/v1.0", "--consumer", "cli-app",
                                           "--out", str(tmp_path)])
        assert result.exit_code == 0, result.output
        path = tmp_path / "cli-app-microsoft-graph.json"
        assert result.output.strip() == str(path)
        results = verify(path, server.url)
    assert failures(results) == [] and len(results["interactionResults"]) == 2


def test_cli_record_says_when_there_is_nothing_to_record(tmp_path):
    """An empty journal, or no mock at the URL, is a one-line error."""
    with MockGraphServer() as graph:
        empty = CliRunner().invoke(main, ["pact", "record", "--url", graph.url, "--consumer", "a",
                                          "--out", str(tmp_path)])
        url = graph.base_url
    gone = CliRunner().invoke(main, ["pact", "record", "--url", url, "--consumer", "a", "--out", str(tmp_path)])
    assert empty.exit_code == 1 and "journal" in empty.output and "empty" in empty.output
    assert gone.exit_code == 1 and "cannot read the request journal" in gone.output


def test_requests_under_events_record_and_verify_against_another_seed(tmp_path):
    """A town hall reached through /events/{id} (as the SDK addresses actions) gets the town hall's states, no crash."""
    townhall = {"displayName": "Via events", "startDateTime": {"dateTime": "2026-03-30T10:00:00", "timeZone": "UTC"},
                "endDateTime": {"dateTime": "2026-03-30T11:00:00", "timeZone": "UTC"}}
    with MockGraphServer(seed=3) as graph:
        base = graph.url + "/solutions/virtualEvents"
        made = requests.post(base + "/townhalls", json=townhall, headers=AUTH, timeout=10).json()
        requests.post(f"{base}/events/{made['id']}/sessions", json={"subject": "Extra"}, headers=AUTH, timeout=10)
        requests.get(f"{base}/events/{made['id']}", headers=AUTH, timeout=10)
        path = record(graph.requests, tmp_path, consumer="via-events")
    with MockGraphServer(seed=44) as fresh:
        results = verify(path, fresh.base_url)
    assert failures(results) == [] and len(results["interactionResults"]) == 3


def test_values_the_mock_made_in_a_create_are_matched_by_type(tmp_path):
    """A presenter's names, email and tenant come from the seed: the recorded pact verifies against another seed."""
    townhall = {"displayName": "Seeds", "startDateTime": {"dateTime": "2026-03-30T10:00:00", "timeZone": "UTC"},
                "endDateTime": {"dateTime": "2026-03-30T11:00:00", "timeZone": "UTC"},
                "coOrganizers": [{"id": "7b7e1acd-a3e0-4533-8c1d-c1a4ca0b2e2b"}]}
    presenter = {"identity": {"@odata.type": "#microsoft.graph.communicationsUserIdentity",
                              "id": "0e6f3c52-5a1e-4f53-9a4e-1a2b3c4d5e6f"}}
    with MockGraphServer(seed=1) as graph:
        base = graph.url + "/solutions/virtualEvents"
        made = requests.post(base + "/townhalls", json=townhall, headers=AUTH, timeout=10).json()
        requests.post(f"{base}/townhalls/{made['id']}/presenters", json=presenter, headers=AUTH, timeout=10)
        path = record(graph.requests, tmp_path, consumer="seeds")
    with MockGraphServer(seed=99) as fresh:
        results = verify(path, fresh.base_url)
    assert failures(results) == [] and len(results["interactionResults"]) == 2
