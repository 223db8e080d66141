"""Provider states: the vocabulary over POST /_mockgraph/provider-states and in-process."""

from __future__ import annotations

import re

import pytest

from mockgraph import create_app
from mockgraph.states import STATES, handlers

from .conftest import AUTH, SESSIONS, assert_envelope

GONE = "0e0e0e0e-0404-4404-8404-000000000404@5466a424-aadf-425c-9b24-034ca28d4bdd"
STATE_URL = "/_mockgraph/provider-states"


def create(client, event: str, body: dict):
    return client.post(SESSIONS.format(event=event), json=body, headers=AUTH)


def test_any_well_formed_event_exists_by_default(client, minimal_body):
    """Without any state call, a create in an arbitrary event id answers 201."""
    assert create(client, "any-event@tenant", minimal_body).status_code == 201


def test_no_event_state_makes_creates_404_until_teardown(client, minimal_body):
    """'no virtual event exists' answers 404 itemNotFound; its teardown brings the event back."""
    reply = client.post(STATE_URL, json={"state": "no virtual event exists", "params": {"virtualEventId": GONE},
                                         "action": "setup"})
    assert reply.status_code == 200 and reply.get_json() == {"virtualEventId": GONE}
    error = assert_envelope(create(client, GONE, minimal_body), 404, "itemNotFound")
    assert GONE in error["message"]
    assert create(client, "another@tenant", minimal_body).status_code == 201
    client.post(STATE_URL, json={"state": "no virtual event exists", "params": {"virtualEventId": GONE},
                                 "action": "teardown"})
    assert create(client, GONE, minimal_body).status_code == 201


def test_absent_event_stays_absent_until_reset(client, minimal_body):
    """An event declared absent answers 404 on every create until /_mockgraph/reset."""
    client.post(STATE_URL, json={"state": "no virtual event exists", "params": {"virtualEventId": GONE}})
    for _ in range(3):
        assert create(client, GONE, minimal_body).status_code == 404
    client.post("/_mockgraph/reset")
    assert create(client, GONE, minimal_body).status_code == 201


def test_event_exists_state_creates_an_absent_event(client, minimal_body):
    """'a virtual event exists' undoes an earlier 'no virtual event exists' for the same id."""
    client.post(STATE_URL, json={"state": "no virtual event exists", "params": {"virtualEventId": GONE}})
    reply = client.post(STATE_URL, json={"state": "a virtual event exists", "params": {"virtualEventId": GONE}})
    assert reply.get_json() == {"virtualEventId": GONE}
    assert create(client, GONE, minimal_body).status_code == 201


def test_state_without_params_returns_a_seeded_event_id(minimal_body):
    """Without params the state makes an event id from the seed, for ProviderState generators."""
    def event_for(seed: int) -> str:
        client = create_app({"seed": seed}).test_client()
        return client.post(STATE_URL, json={"state": "a virtual event exists"}).get_json()["virtualEventId"]

    first, again, other = event_for(1), event_for(1), event_for(2)
    assert first == again and first != other
    guid = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    assert re.fullmatch(f"{guid}@{guid}", first)
    assert create(create_app({"seed": 1}).test_client(), first, minimal_body).status_code == 201


def test_query_string_form_is_accepted(client, minimal_body):
    """The verifier's --state-change-as-query form: state, action and params in the query string."""
    reply = client.post(f"{STATE_URL}?state=no+virtual+event+exists&action=setup&virtualEventId={GONE}")
    assert reply.status_code == 200
    assert create(client, GONE, minimal_body).status_code == 404


def test_unknown_state_lists_known_states(client):
    """An unknown state is a 400 in the Graph envelope naming every state mockgraph knows."""
    error = assert_envelope(client.post(STATE_URL, json={"state": "a user exists"}), 400, "BadRequest")
    assert "a user exists" in error["message"]
    for name in STATES:
        assert name in error["message"]


@pytest.mark.parametrize("body", [
    {"state": "a virtual event exists", "action": "destroy"},
    {"state": "a virtual event exists", "params": ["not", "an", "object"]},
    {"state": "no virtual event exists", "params": {"virtualEventId": ""}},
    {"state": "no virtual event exists", "params": {"virtualEventId": "a/b"}},
    {"state": "no virtual event exists", "params": {"virtualEventId": 42}},
    {"state": 7},
])
def test_bad_state_calls_are_400_envelopes(client, body):
    """Every malformed state call answers 400 in the Graph envelope, never a 500."""
    assert_envelope(client.post(STATE_URL, json=body), 400, "BadRequest")


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b'"state"'])
def test_state_body_that_is_not_an_object_is_400(client, raw):
    """A body that is not a JSON object answers 400 in the envelope."""
    reply = client.post(STATE_URL, data=raw, headers={"Content-Type": "application/json"})
    assert_envelope(reply, 400, "BadRequest")


def test_pacts_generic_empty_state_is_a_no_op(client):
    """Pact's generic set-up call (state "") answers 200 with no values."""
    reply = client.post(STATE_URL, json={"state": "", "params": {}, "action": "setup"})
    assert reply.status_code == 200 and reply.get_json() == {}


def test_state_calls_stay_out_of_the_journal(client, minimal_body):
    """The request journal records Graph traffic only, not provider-state calls."""
    client.post(STATE_URL, json={"state": "no virtual event exists", "params": {"virtualEventId": GONE}})
    create(client, GONE, minimal_body)
    paths = [e["path"] for e in client.get("/_mockgraph/requests").get_json()["value"]]
    assert paths == [SESSIONS.format(event=GONE)]


def test_in_process_handlers_share_the_vocabulary(app, minimal_body):
    """handlers(store) gives one function per state, shaped for Verifier.state_handler(..., teardown=True)."""
    table = handlers(app.extensions["mockgraph"].store)
    assert set(table) == set(STATES)
    client = app.test_client()
    assert table["no virtual event exists"](action="setup", parameters={"virtualEventId": GONE}) == {
        "virtualEventId": GONE}
    assert create(client, GONE, minimal_body).status_code == 404
    table["no virtual event exists"](action="teardown", parameters={"virtualEventId": GONE})
    assert create(client, GONE, minimal_body).status_code == 201
