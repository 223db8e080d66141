"""Seeds: the same seed and the same creates give byte-identical entities, whatever comes between."""

from __future__ import annotations

import pytest

from mockgraph import create_app

from .conftest import AUTH, EVENT, SESSIONS

PATH = SESSIONS.format(event=EVENT)


def creates(app, bodies, noise=False):
    client = app.test_client()
    out = []
    for body in bodies:
        if noise:  # requests that must not shift the generated values
            client.get("/_mockgraph/health")
            client.post("/v1.0/nowhere", json={}, headers=AUTH)
            client.post(PATH, data=b"{", content_type="application/json", headers=AUTH)
        out.append(client.post(PATH, json=body, headers=AUTH).get_data())
    return out


BODIES = [{"subject": f"Session {i}"} for i in range(5)]


def test_same_seed_gives_byte_identical_entities():
    """Two apps with one seed answer the same creates with the same bytes."""
    assert creates(create_app({"seed": 42}), BODIES) == creates(create_app({"seed": 42}), BODIES)


def test_another_seed_gives_other_values():
    """Every generated value changes with the seed."""
    a = creates(create_app({"seed": 1}), BODIES)
    b = creates(create_app({"seed": 2}), BODIES)
    assert all(x != y for x, y in zip(a, b, strict=True))


def test_requests_in_between_do_not_shift_the_values():
    """Health checks, 400s and unknown paths leave the creation sequence alone."""
    assert creates(create_app({"seed": 5}), BODIES) == creates(create_app({"seed": 5}), BODIES, noise=True)


def test_every_entity_is_unique_and_reset_starts_over():
    """Ids never repeat within a run; after a reset the sequence starts again from the first entity."""
    app = create_app({"seed": 9})
    first = creates(app, BODIES)
    assert len(set(first)) == len(first)
    app.test_client().post("/_mockgraph/reset")
    assert creates(app, BODIES) == first


@pytest.mark.parametrize("seed", [0, 123456789])
def test_values_are_a_function_of_seed_and_number(seed):
    """What entity n gets does not depend on what was created before it."""
    app = create_app({"seed": seed})
    fakes, recipes = app.extensions["mockgraph"].fakes, {"id": "guid", "joinWebUrl": "join_web_url"}
    third = fakes.generate(3, recipes)
    fakes.generate(1, recipes)
    assert create_app({"seed": seed}).extensions["mockgraph"].fakes.generate(3, recipes) == third


TOWNHALLS = "/v1.0/solutions/virtualEvents/townhalls"
TOWNHALL = {"displayName": "All hands", "startDateTime": {"dateTime": "2024-03-30T10:00:00", "timeZone": "UTC"},
            "endDateTime": {"dateTime": "2024-03-30T11:00:00", "timeZone": "UTC"}}


def test_other_entity_types_do_not_shift_session_ids():
    """Counters are per entity type: presenters and registrations made between sessions leave session ids alone."""
    def run(noise: bool) -> list[str]:
        client = create_app({"seed": 11}).test_client()
        webinar = client.post("/v1.0/solutions/virtualEvents/webinars", json=TOWNHALL, headers=AUTH).get_json()["id"]
        ids = []
        for i, body in enumerate(BODIES):
            if noise:
                client.post(f"/v1.0/solutions/virtualEvents/webinars/{webinar}/presenters", headers=AUTH,
                            json={"identity": {"@odata.type": "#microsoft.graph.communicationsGuestIdentity",
                                               "displayName": f"Guest {i}", "email": f"guest{i}@example.com"}})
                client.post(f"/v1.0/solutions/virtualEvents/webinars/{webinar}/registrations", headers=AUTH,
                            json={"preferredTimezone": "UTC", "preferredLanguage": "en-us"})
            ids.append(_id(client.post(PATH, json=body, headers=AUTH).get_data()))
        return ids

    assert run(noise=False) == run(noise=True)


def test_same_seed_gives_the_same_town_halls():
    """Town halls, their sessions and configuration are byte-identical under one seed, with the clock pinned."""
    def run():
        client = create_app({"seed": 3, "clock": "2026-01-01T00:00:00Z"}).test_client()
        made = client.post(TOWNHALLS, json=TOWNHALL, headers=AUTH).get_json()
        sessions = client.get(f"{TOWNHALLS}/{made['id']}/sessions", headers=AUTH).get_json()
        config = client.get(f"{TOWNHALLS}/{made['id']}/registrationConfiguration", headers=AUTH).get_json()
        return made, sessions, config

    assert run() == run()


def _id(raw: bytes) -> str:
    import json

    return json.loads(raw)["id"]


def test_an_error_is_dated_by_the_pinned_clock():
    """With the clock pinned, innerError.date is that instant in UTC (Graph's form: no offset), so errors replay too."""
    client = create_app({"clock": "2026-01-01T09:30:15.250+02:00"}).test_client()
    for reply in (client.post(PATH, json={"subject": 7}, headers=AUTH),
                  client.post("/v1.0/$batch", headers=AUTH, json={"requests": [
                      {"id": "1", "method": "GET", "url": "/me"},
                      {"id": "2", "method": "GET", "url": "/me", "dependsOn": ["1"]}]}).get_json()["responses"][1]):
        body = reply.get_json() if hasattr(reply, "get_json") else reply["body"]
        assert body["error"]["innerError"]["date"] == "2026-01-01T07:30:15"


@pytest.mark.parametrize("clock", ["yesterday", "2026-13-01T00:00:00Z", "12:00"])
def test_a_clock_that_is_not_an_instant_is_refused_at_start(clock):
    """A pinned clock dates everything the service sets: one that is not an ISO instant fails create_app, naming it."""
    with pytest.raises(ValueError, match=r"clock .* is not an ISO 8601 instant"):
        create_app({"clock": clock})
