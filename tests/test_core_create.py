"""Creating a session: the documented reply replayed, the client's values echoed, Graph's headers."""

from __future__ import annotations

import json
import re

import pytest

from mockgraph import create_app
from mockgraph.contracts import load_operations

from .conftest import AUTH, EVENT, GUID, load_fixture

OPERATION = load_operations()[0]


def create(client, body, event=EVENT, collection="events", version="v1.0", headers=AUTH):
    path = f"/{version}/solutions/virtualEvents/{collection}/{event}/sessions"
    return client.post(path, json=body, headers=headers)


@pytest.mark.parametrize("version", ["v1.0", "beta"])
@pytest.mark.parametrize("collection", ["events", "townhalls", "webinars"])
def test_create_in_every_collection_and_version(client, minimal_body, collection, version):
    """The same contract answers under events, townhalls and webinars, in v1.0 and beta."""
    response = create(client, minimal_body, collection=collection, version=version)
    assert response.status_code == 201
    body = response.get_json()
    assert body["@odata.context"] == (f"https://graph.microsoft.com/{version}/$metadata#solutions/virtualEvents/"
                                      f"{collection}('{EVENT}')/sessions/$entity")
    assert body["@odata.type"] == "#microsoft.graph.virtualEventSession"


def test_percent_encoded_ids_are_decoded(client, minimal_body):
    """The SDK sends '@' as %40; the entity context names the decoded id."""
    response = create(client, minimal_body, event=EVENT.replace("@", "%40"))
    assert response.status_code == 201
    assert f"events('{EVENT}')" in response.get_json()["@odata.context"]
    assert response.headers["Location"].startswith(f"http://localhost/v1.0/solutions/virtualEvents/events/{EVENT}/sessions/")


def test_reply_echoes_every_sent_value_exactly(client, resolved_body):
    """What the client sent comes back unchanged, nested objects included."""
    body = create(client, resolved_body).get_json()
    for key, value in resolved_body.items():
        if key != "@odata.type":
            assert body[key] == value, key


def test_unicode_is_echoed_exactly(client, minimal_body):
    """Non-ASCII text, emoji and combining marks survive the round trip byte for byte."""
    subject = "Town hall — Ünïcødé 🎉 e\u0301 日本語 \u200b"
    response = create(client, {**minimal_body, "subject": subject})
    assert response.status_code == 201
    assert response.get_json()["subject"] == subject
    assert subject.encode() in response.get_data()


def test_reply_has_every_documented_and_every_current_property(client, minimal_body):
    """All documented properties are present, then the rest of the v1.0 type; unsent ones are null."""
    body = create(client, minimal_body).get_json()
    documented = list(load_fixture("virtualEventSession.create.response.json"))
    assert list(body)[1:len(documented) + 1] == documented
    assert len(body) == 1 + 1 + 1 + 38  # context, type, id, body properties
    assert body["joinInformation"] is None and body["lobbyBypassSettings"] is None
    assert body["capacity"] == 250


def test_generated_values_are_realistic(client, minimal_body):
    """What Graph generates gets real-looking values, never the page's placeholders."""
    body = create(client, minimal_body).get_json()
    assert GUID.match(body["id"])
    assert body["joinWebUrl"].startswith("https://teams.microsoft.com/l/meetup-join/19%3ameeting_")
    assert re.fullmatch(r"19:meeting_[A-Za-z0-9+/]+@thread\.v2", body["chatInfo"]["threadId"])
    assert body["chatInfo"]["threadId"].split("_")[1].split("@")[0] in body["joinWebUrl"]
    assert re.fullmatch(r"\d{13}", body["joinMeetingIdSettings"]["joinMeetingId"])
    assert re.fullmatch(r"\w{6}", body["joinMeetingIdSettings"]["passcode"])
    assert re.fullmatch(r"\d{10}", body["videoTeleconferenceId"])
    audio = body["audioConferencing"]
    assert audio["tollNumbers"] == [audio["tollNumber"]] and audio["conferenceId"] in audio["dialinUrl"]


def test_no_placeholder_ever_appears_in_a_reply(client, resolved_body, minimal_body):
    """'String' and 'Boolean' are the page's placeholders, not values."""
    for body in (resolved_body, minimal_body, {}):
        text = create(client, body).get_data(as_text=True)
        assert '"String"' not in text and '"Boolean"' not in text


def test_reply_matches_the_response_contract(client, resolved_body, minimal_body):
    """The service-side contract holds for what the mock sends back."""
    for body in (resolved_body, minimal_body, {}):
        reply = create(client, body).get_json()
        errors = [e.message for e in OPERATION.response_validator.iter_errors(reply)]
        assert errors == []


def test_client_values_win_over_generated_ones_inside_an_object(client, minimal_body):
    """A sent isPasscodeRequired is kept; the generated meeting id and passcode fill the rest."""
    sent = {**minimal_body, "joinMeetingIdSettings": {"isPasscodeRequired": False}}
    settings = create(client, sent).get_json()["joinMeetingIdSettings"]
    assert settings["isPasscodeRequired"] is False
    assert settings["joinMeetingId"] and settings["passcode"]


def test_graph_headers(client, minimal_body):
    """request-id is fresh, client-request-id echoes the client's, Location names the new entity."""
    response = create(client, minimal_body, headers={**AUTH, "client-request-id": "my-correlation-id"})
    assert response.headers["Content-Type"].startswith("application/json")
    assert GUID.match(response.headers["request-id"])
    assert response.headers["client-request-id"] == "my-correlation-id"
    session_id = response.get_json()["id"]
    assert response.headers["Location"].endswith(f"/sessions/{session_id}")
    assert response.headers["OData-Version"] == "4.0"
    other = create(client, minimal_body)
    assert other.headers["request-id"] != response.headers["request-id"]
    assert other.headers["client-request-id"] == other.headers["request-id"]


def test_odata_type_may_be_sent_with_or_without_hash(client, minimal_body):
    """Both spellings name the type; the reply always carries the canonical one."""
    for spelling in ("#microsoft.graph.virtualEventSession", "microsoft.graph.virtualEventSession"):
        response = create(client, {**minimal_body, "@odata.type": spelling})
        assert response.status_code == 201
        assert response.get_json()["@odata.type"] == "#microsoft.graph.virtualEventSession"


def test_members_after_unknown_future_value_need_the_prefer_header(client, minimal_body):
    """Graph returns lobbyBypassScope 'invited' only to clients that ask for evolvable members."""
    sent = {**minimal_body, "lobbyBypassSettings": {"scope": "invited", "isDialInBypassEnabled": True}}
    plain = create(client, sent).get_json()["lobbyBypassSettings"]
    assert plain == {"scope": "unknownFutureValue", "isDialInBypassEnabled": True}
    asked = create(client, sent, headers={**AUTH, "Prefer": "include-unknown-enum-members"}).get_json()
    assert asked["lobbyBypassSettings"]["scope"] == "invited"


def test_unknown_properties_are_accepted_and_echoed_in_open_mode(minimal_body):
    """With accept_unknown_properties, the open type keeps what it does not declare."""
    client = create_app({"accept_unknown_properties": True}).test_client()
    response = create(client, {**minimal_body, "isBroadcast": True, "customTag": {"a": [1, 2]}})
    assert response.status_code == 201
    assert response.get_json()["customTag"] == {"a": [1, 2]}
    nested = create(client, {**minimal_body, "startDateTime": {"dateTime": "2024-03-30T10:00:00", "zone": "x"}})
    assert nested.status_code == 400  # complex types stay closed, as in the metadata


def test_empty_object_creates_a_session(client):
    """Graph's contract makes every body property optional."""
    response = create(client, {})
    assert response.status_code == 201
    assert response.get_json()["subject"] is None


def test_sessions_created_are_journaled_with_redacted_token(client, minimal_body):
    """The journal keeps what was sent and answered, never the bearer token."""
    create(client, minimal_body)
    entries = client.get("/_mockgraph/requests").get_json()["value"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry["json"] == minimal_body and entry["status"] == 201
    assert entry["headers"]["Authorization"] == "Bearer [redacted]"
    assert AUTH["Authorization"].split()[1] not in json.dumps(entries)


def test_an_id_the_client_chose_taken_is_a_conflict_one_the_mock_made_is_made_again(client, minimal_body):
    """A presenter's id is the user the client named: the same user twice is Graph's 409. A generated id the store
    already holds (a reset raced the create) is not the client's doing: the create takes the next number."""
    townhalls = "/v1.0/solutions/virtualEvents/townhalls"
    town_hall = client.post(townhalls, json={"displayName": "x"}, headers=AUTH).get_json()["id"]
    body = {"identity": {"@odata.type": "#microsoft.graph.communicationsUserIdentity",
                         "id": "7b7e1acd-a3e0-4533-8c1d-c1a4ca0b2e2b"}}
    presenters = f"{townhalls}/{town_hall}/presenters"
    assert client.post(presenters, json=body, headers=AUTH).status_code == 201
    again = client.post(presenters, json=body, headers=AUTH)
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "Conflict"

    store = client.application.extensions["mockgraph"].store
    taken, real = [], store.insert

    def insert(collection: str, key: str, entity: dict) -> bool:
        if not taken and collection.endswith("/sessions"):
            taken.append(key)
            return False  # as if the generated id were held already
        return real(collection, key, entity)

    store.insert = insert
    made = client.post(f"/v1.0/solutions/virtualEvents/events/{EVENT}/sessions", json=minimal_body, headers=AUTH)
    assert made.status_code == 201 and taken and made.get_json()["id"] not in taken
