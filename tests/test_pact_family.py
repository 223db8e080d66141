"""The whole family in Pact: the export, its stub, every provider state, recorded flows, data files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import requests

from mockgraph import create_app
from mockgraph.errors import GraphError
from mockgraph.model import operations
from mockgraph.pacts import documented, export, pact_data, record
from mockgraph.server import MockGraphServer
from mockgraph.states import STATES, DataError, change, load_data

from .conftest import GUID
from .pact_helpers import failures, stub_server, verify

pytestmark = pytest.mark.slow
ROOT = "/v1.0/solutions/virtualEvents"
AUTH = {"Authorization": "Bearer any-token"}
JSON = {**AUTH, "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    return export(tmp_path_factory.mktemp("family"), consumer="family")


@pytest.fixture(scope="module")
def interactions(exported) -> list[dict]:
    return json.loads(exported.read_text())["interactions"]


def test_every_documented_operation_is_exported(interactions):
    """Each documented example that mockgraph answers as documented is a success interaction with a 401 beside it."""
    app = create_app()
    examples, left_out = documented(app.extensions["mockgraph"].router)
    assert left_out == []
    labels = {f"({e.label})" for e in examples} - {"(virtualeventwebinar-post-registrations #2)"}
    descriptions = [i["description"] for i in interactions]
    for label in labels:
        assert any(d.startswith("a request to") and d.endswith(label) for d in descriptions), label
        assert any(d.startswith("an unauthenticated request to") and d.endswith(label) for d in descriptions), label
    kinds = {e.op.kind for e in examples}
    assert kinds == {"create", "get", "list", "update", "delete", "action", "function"}
    documented_ops = {(o.method, o.path) for o in operations() if o.served and o.docs}
    assert {(e.op.method, e.op.path) for e in examples} <= documented_ops


def test_documented_failures_are_exported(interactions):
    """The refusals contracts/pact.json names are there, each with its 400, and 404s for missing events."""
    refused = [i for i in interactions if i["description"].startswith("a refused request")]
    assert len(refused) == len(pact_data()["failures"])
    assert {i["response"]["status"] for i in refused} == {400}
    missing = [i for i in interactions if i["description"].startswith("a request about a missing event")]
    assert missing and {i["response"]["status"] for i in missing} == {404}
    assert all(s["name"].startswith("no ") for i in missing for s in i["providerStates"])


def test_reads_carry_states_and_generators(interactions):
    """A read is given the state that makes its entity, and its path takes the ids from that state."""
    read = next(i for i in interactions if i["description"] == "a request to get virtualEventPresenter "
                                                               "(virtualeventpresenter-get #1)")
    (state,) = read["providerStates"]
    assert state["name"] == "a town hall with a presenter exists"
    assert {"townhallId", "presenterId", "email"} <= set(state["params"])
    expression = read["request"]["generators"]["path"]["expression"]
    assert expression.endswith("/townhalls/${townhallId}/presenters/${presenterId}")


@pytest.mark.parametrize("seed", [0, 42])
def test_family_export_verifies_with_any_seed(exported, seed):
    """Every interaction of the export passes pact-python's Verifier against mockgraph over HTTP, whatever its seed."""
    with MockGraphServer(seed=seed) as graph:
        results = verify(exported, graph.base_url)
    assert failures(results) == []
    assert len(results["interactionResults"]) == len(json.loads(exported.read_text())["interactions"])


def test_stub_accepts_other_valid_bodies(exported):
    """The stub answers bodies the contract accepts (other values, properties left out) and refuses others."""
    with stub_server(exported) as url:
        base = url + ROOT
        def post(path, body, headers=JSON):
            return requests.post(base + path, json=body, headers=headers, timeout=10)

        other = post("/townhalls", {"displayName": "Another name",
                                    "startDateTime": {"dateTime": "2026-01-01T09:00:00", "timeZone": "UTC"}})
        again = post("/townhalls", {"displayName": "Yet another"})
        wrong_type = post("/townhalls", {"displayName": 5})
        unknown = post("/townhalls", {"displayName": "x", "bogus": True})
        session = post("/webinars/any-webinar@tenant/sessions", {
            "subject": "Mine", "startDateTime": {"dateTime": "2026-01-01T09:00:00", "timeZone": "UTC"},
            "endDateTime": {"dateTime": "2026-01-01T10:00:00", "timeZone": "UTC"}})
        read = requests.get(base + "/townhalls/some-hall@tenant", headers=AUTH, timeout=10)
        publish = requests.post(base + "/townhalls/some-hall@tenant/publish", headers=AUTH, timeout=10)
        no_token = requests.get(base + "/townhalls/some-hall@tenant", timeout=10)
        absent = requests.get(base + f"/townhalls/{pact_data()['events']['absent']}", headers=AUTH, timeout=10)
        refused = requests.post(base + f"/townhalls/{pact_data()['events']['refused']}/publish", headers=AUTH,
                                timeout=10)
    assert (other.status_code, again.status_code, session.status_code) == (201, 201, 201)
    assert other.json()["id"] != again.json()["id"]  # made fresh by the stub's generator
    assert GUID.match(session.json()["id"])
    assert (wrong_type.status_code, unknown.status_code) == (404, 404)  # no interaction fits: the stub's refusal
    assert (read.status_code, publish.status_code, no_token.status_code) == (200, 204, 401)
    assert (absent.json()["error"]["code"], refused.json()["error"]["code"]) == ("itemNotFound", "BadRequest")


def _path_of(name: str, values: dict) -> str:
    """The Graph path of the last entity a state made, from the ids it returned."""
    chain = STATES[name].chain
    top = next(t for t in STATES[name].tops if t.param in values)
    path = ROOT
    for link in (top, *chain[1:]):
        path += "".join(f"/{v}" for v in link.via) + f"/{link.nav}/{values[link.param]}"
    return path


@pytest.mark.parametrize("name", [n for n, s in STATES.items() if s.kind == "exists"])
def test_each_state_makes_its_entity_and_teardown_removes_it(name):
    """Each 'exists' state answers its ids; Graph then serves the entity at them; teardown leaves nothing."""
    graph = create_app({"seed": 4}).test_client()
    setup = graph.post("/_mockgraph/provider-states", json={"state": name, "action": "setup"})
    assert setup.status_code == 200, setup.get_data(as_text=True)
    values = setup.get_json()
    assert values["id"] and values["virtualEventId"]
    path = _path_of(name, values)
    assert graph.get(path, headers=AUTH).status_code == 200
    again = graph.post("/_mockgraph/provider-states", json={"state": name, "action": "setup"}).get_json()
    assert again == values  # ids come from the seed and the state's name
    graph.post("/_mockgraph/provider-states", json={"state": name, "action": "teardown"})
    assert graph.get(path, headers=AUTH).status_code == 404


@pytest.mark.parametrize("name", [n for n, s in STATES.items() if s.kind == "absent"])
def test_each_absent_state_answers_404_for_its_id(name):
    """'no town hall exists' removes that id and makes sessions created in it 404."""
    graph = create_app().test_client()
    made = graph.post("/_mockgraph/provider-states", json={"state": name.replace("no ", "a ", 1)}).get_json()
    param = STATES[name].chain[0].param
    gone = graph.post("/_mockgraph/provider-states", json={"state": name, "params": {param: made[param]}})
    nav = STATES[name].chain[0].nav
    assert graph.get(f"{ROOT}/{nav}/{made[param]}", headers=AUTH).status_code == 404
    session = graph.post(f"{ROOT}/{nav}/{gone.get_json()[param]}/sessions", json={"subject": "x"}, headers=AUTH)
    assert session.status_code == 404


def test_state_params_set_properties_and_pick_the_event():
    """Params give the ids and any property; a deep state's event is the one its params name."""
    app = create_app()
    state = app.extensions["mockgraph"]
    made = change(state, "a town hall exists", {"townhallId": "th@t", "status": "canceled", "displayName": "Old"})
    assert made == {"townhallId": "th@t", "virtualEventId": "th@t", "id": "th@t"}
    hall = app.test_client().get(f"{ROOT}/townhalls/th@t", headers=AUTH).get_json()
    assert (hall["status"], hall["displayName"]) == ("canceled", "Old")
    deep = change(state, "a session has an attendance report", {"webinarId": "w@t", "totalParticipantCount": 3})
    report = app.test_client().get(_path_of("a session has an attendance report", deep), headers=AUTH).get_json()
    assert report["totalParticipantCount"] == 3


@pytest.mark.parametrize("params, wanted", [
    ({"nope": 1}, "'nope' is not a param"),
    ({"status": "sleeping"}, "status"),
    ({"townhallId": "a/b"}, "params.townhallId"),
])
def test_bad_state_params_are_400(params, wanted):
    """A param the state does not take, a value the contract refuses, or a bad id: a 400 naming it."""
    with pytest.raises(GraphError) as raised:
        change(create_app().extensions["mockgraph"], "a town hall exists", params)
    assert raised.value.status == 400 and wanted in raised.value.message


def test_unknown_state_lists_the_whole_vocabulary():
    """An unknown state's 400 names every state, the family's among them."""
    reply = create_app().test_client().post("/_mockgraph/provider-states", json={"state": "a town hall exist"})
    assert reply.status_code == 400
    for name in ("a town hall exists", "a webinar with a registration exists", "a session has an attendance report",
                 "no virtual event exists"):
        assert name in reply.get_json()["error"]["message"]


def scheduler_flow(graph: MockGraphServer) -> None:
    """Create a town hall, publish it, add a presenter, read it back, rename it, list, delete the presenter."""
    base = graph.url + "/solutions/virtualEvents"
    hall = requests.post(base + "/townhalls", json={"displayName": "All hands"}, headers=JSON, timeout=10).json()
    where = f"{base}/townhalls/{hall['id']}"
    requests.post(where + "/publish", headers=AUTH, timeout=10)
    presenter = requests.post(where + "/presenters", json={"identity": {
        "@odata.type": "#microsoft.graph.communicationsGuestIdentity", "displayName": "Ana",
        "email": "ana@contoso.com"}}, headers=JSON, timeout=10).json()
    requests.get(where, headers=AUTH, timeout=10)
    requests.patch(where, json={"displayName": "Renamed"}, headers=JSON, timeout=10)
    requests.get(where + "/presenters", headers=AUTH, timeout=10)
    requests.get(where + "/sessions", headers=AUTH, timeout=10)
    requests.delete(f"{where}/presenters/{presenter['id']}", headers=AUTH, timeout=10)
    requests.get(f"{where}/presenters/{presenter['id']}", headers=AUTH, timeout=10)


def test_recorded_stateful_flow_verifies_against_another_seed(tmp_path):
    """A flow recorded with seed 5 verifies against seed 77: each interaction carries the states it needs."""
    with MockGraphServer(seed=5) as graph:
        scheduler_flow(graph)
        path = record(graph.requests, tmp_path, "flow")
    pact = json.loads(path.read_text())["interactions"]
    read = next(i for i in pact if i["description"].startswith("get GET /townhalls/"))
    (state,) = read["providerStates"]
    assert state["name"] == "a town hall exists" and state["params"]["status"] == "published"
    with MockGraphServer(seed=77) as other:
        results = verify(path, other.base_url)
    assert failures(results) == []
    assert len(results["interactionResults"]) == len(pact) == 9


GOOD = {"townhalls": [{"id": "th-1@tenant", "displayName": "All hands", "status": "published",
                       "presenters": [{"email": "ana@contoso.com"}],
                       "registrationConfiguration": {"capacity": 50}}],
        "webinars": [{"displayName": "Webinar", "registrations": [{"email": "x@contoso.com", "firstName": "X"}]}],
        "webinars/w-missing@tenant/sessions": []}


def test_a_good_data_file_is_served(tmp_path):
    """Every entity of the file, nested collections and the singleton's properties too, is served as Graph would."""
    (tmp_path / "data.json").write_text(json.dumps(GOOD))
    graph = create_app({"data": str(tmp_path / "data.json")}).test_client()
    base = f"{ROOT}/townhalls/th-1@tenant"
    assert graph.get(base, headers=AUTH).get_json()["status"] == "published"
    assert graph.get(base + "/presenters", headers=AUTH).get_json()["value"][0]["email"] == "ana@contoso.com"
    assert graph.get(base + "/registrationConfiguration", headers=AUTH).get_json()["capacity"] == 50
    webinars = graph.get(f"{ROOT}/webinars", headers=AUTH).get_json()["value"]
    assert len(webinars) == 1
    graph.post("/_mockgraph/reset")
    assert graph.get(base, headers=AUTH).status_code == 200  # a reset loads the file again


@pytest.mark.parametrize("data, wanted", [
    ({"townhalls": [{"displayName": 5}]}, "townhalls[0].displayName: 5 is not of type"),
    ({"townhalls": [{"id": "t@t"}, {"id": "u@t", "status": "sleeping"}]}, "townhalls[1] (id 'u@t').status: 'sleeping'"),
    ({"townhalls": [{"displayNam": "typo"}]}, "townhalls[0].displayNam: 'displayNam' is not a property"),
    ({"townhalls": [{"presenters": [{"emial": "x"}]}]}, "townhalls[0].presenters[0].emial"),
    ({"townhalls": [{"id": "t@t"}, {"id": "t@t"}]}, "townhalls[1] (id 't@t'): an entity with the id 't@t'"),
    ({"townhals": [{}]}, "townhals[0]: Resource not found for the segment 'townhals'"),
    ({"townhalls": {"id": "x"}}, "must be a JSON object of collection paths to lists"),
    ([], "must be a JSON object"),
])
def test_a_bad_data_file_is_one_clear_error(tmp_path, data, wanted):
    """A bad file stops the mock with one message naming the file, the entity and the property."""
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data))
    with pytest.raises(DataError) as raised:
        load_data(create_app().extensions["mockgraph"], path)
    assert str(path) in str(raised.value) and wanted in str(raised.value), str(raised.value)


def test_serve_with_a_bad_data_file_says_so_in_one_line(tmp_path):
    """`mockgraph serve --data FILE` with a bad file exits 2 with one line naming the entity and property."""
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"webinars": [{"status": "sleeping"}]}))
    done = subprocess.run([sys.executable, "-m", "mockgraph", "serve", "--port", "0", "--data", str(path)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "webinars[0].status" in done.stderr
