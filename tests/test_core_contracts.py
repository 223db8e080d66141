"""The contracts and the documented examples: data checked against data and against Graph's metadata."""

from __future__ import annotations

import json

import pytest

from mockgraph.contracts import data_path, load_operations
from mockgraph.refusals import Validator

from .conftest import AUTH, EVENT, SESSIONS, assert_envelope, shared_reference

OPERATIONS = load_operations()
EXAMPLES = [(op, ex) for op in OPERATIONS for ex in op.examples]
SCHEMA = json.loads((data_path("contracts") / "virtualEventSession.schema.json").read_text())


def test_every_contract_is_a_valid_draft_2020_12_schema():
    """check_schema passes for every file in contracts/, so a broken edit fails here first."""
    files = sorted(data_path("contracts").glob("*.schema.json"))
    assert files
    for path in files:
        Validator.check_schema(json.loads(path.read_text()))


def test_concrete_path_fills_placeholders_and_routes_to_the_operation(client):
    """The path warm-up and the Pact export post to is one the operation's own route answers."""
    op = OPERATIONS[0]
    assert op.concrete_path("beta", virtualEventId="e1") == "/beta/solutions/virtualEvents/events/e1/sessions"
    path = op.concrete_path("v1.0", collection="webinars", virtualEventId="e@t")
    assert path == "/v1.0/solutions/virtualEvents/webinars/e@t/sessions"
    assert client.post(path, json={"subject": "x"}, headers=AUTH).status_code == 201


@pytest.mark.parametrize(("op", "example"), EXAMPLES, ids=[ex.file for _, ex in EXAMPLES])
def test_every_fixture_is_checked_against_its_contract(op, example):
    """Each example in fixtures/ is as valid, or as invalid, as the manifest says."""
    validator = op.request_validator if example.role == "request" else op.response_validator
    errors = list(validator.iter_errors(example.body))
    assert (not errors) == example.valid, [e.message for e in errors]


def test_every_fixture_file_is_in_the_manifest():
    """A file dropped into fixtures/ without a manifest entry would go unchecked."""
    listed = {ex.file for _, ex in EXAMPLES} | {"examples.json"}  # examples.json: the manifest of the family's examples
    assert {p.name for p in data_path("fixtures").glob("*.json")} <= listed


def test_documented_request_is_rejected_naming_the_property(client):
    """The page's example keeps its placeholders; the mock refuses the first one it reads, saying where."""
    raw = (data_path("fixtures") / "virtualEventSession.create.request.json").read_bytes()
    response = client.post(SESSIONS.format(event=EVENT), data=raw, content_type="application/json", headers=AUTH)
    error = assert_envelope(response, 400, "BadRequest")
    assert "$.isEntryExitAnnounced" in error["message"]  # the first placeholder in document order
    assert "Edm.Boolean" in error["message"] and '"Boolean"' in error["message"]


def test_documented_request_resolved_is_accepted(client, resolved_body):
    """With real values in place of the placeholders, the documented request creates a session."""
    response = client.post(SESSIONS.format(event=EVENT), json=resolved_body, headers=AUTH)
    assert response.status_code == 201, response.get_json()


# Said to whoever runs the suite from a clone or an sdist, where Graph's metadata is not shipped.
NO_REFERENCE = ("needs Graph's metadata, and the Graph reference folder (shared/graph-reference) is not beside "
                "this checkout; set MOCKGRAPH_SHARED to the folder that holds graph-reference to run this check")


def _body_properties() -> dict:
    """The properties a create body may carry (``id`` is there only to be refused: x-readOnly)."""
    return {name: schema for name, schema in SCHEMA["$defs"]["virtualEventSession"]["properties"].items()
            if not schema.get("x-readOnly")}


def test_contract_covers_the_38_properties_of_the_current_v1_type():
    """Every body property of virtualEventSession in the v1.0 metadata, and nothing else."""
    names = set(_body_properties()) - {"@odata.type"}
    assert len(names) == 38
    reference = shared_reference()
    if reference is None:
        pytest.skip(NO_REFERENCE)
    types = json.loads((reference / "virtualeventsession.types.json").read_text())
    expected = set(types["virtualEventSession"]["effectiveBodyPropertyNames_latest"]) - {"id"}
    assert names == expected


def _resolve(schema: dict) -> dict:
    ref = schema.get("$ref")
    return SCHEMA["$defs"][ref.rsplit("/", 1)[1]] if ref else schema


def test_contract_types_nullability_and_enums_match_the_metadata():
    """Types, nullability and enum members (unknownFutureValue included) are the metadata's."""
    reference = shared_reference()
    if reference is None:
        pytest.skip(NO_REFERENCE)
    types = json.loads((reference / "virtualeventsession.types.json").read_text())
    props = {p["name"]: p for p in types["virtualEventSession"]["effectiveProperties"]}
    for name, schema in _body_properties().items():
        if name == "@odata.type":
            continue
        fact, schema = props[name], _resolve(schema)
        if fact["typeKind"] == "enum":
            members = types["enumTypes"][fact["type"]]["members"]
            assert schema["enum"] == [*members, None], name
            assert "unknownFutureValue" in schema["enum"]
        elif fact["typeKind"] == "complex":
            assert schema["title"] == f"microsoft.graph.{fact['type']}"
            assert "null" in schema["type"]
            complex_type = types["complexTypes"][fact["type"]]
            assert set(schema["properties"]) - {"@odata.type"} == {p["name"] for p in complex_type["properties"]}
            required = {p["name"] for p in complex_type["properties"] if not p["nullable"]}
            assert set(schema.get("required", [])) == required
        else:
            assert schema["title"].startswith(fact["type"]), name
            assert ("null" in schema["type"]) == fact["nullable"], name


def test_int32_range_and_datetime_shapes_are_in_the_contract():
    """Edm.Int32 carries its range; dateTimeTimeZone.dateTime is required and not nullable."""
    int32 = SCHEMA["$defs"]["Edm.Int32"]
    assert (int32["minimum"], int32["maximum"]) == (-(2**31), 2**31 - 1)
    dtz = SCHEMA["$defs"]["dateTimeTimeZone"]
    assert dtz["required"] == ["dateTime"]
    assert dtz["properties"]["dateTime"]["type"] == "string"


@pytest.mark.parametrize("value", [5, None, "chosen-by-the-client"])
def test_an_id_is_refused_in_open_mode_too(value):
    """With accept_unknown_properties a session body's id is still the service's: refused, as in the default mode
    (a number once made a 500, a string replaced the service's id)."""
    from mockgraph import create_app

    replies = {}
    for open_types in (False, True):
        client = create_app({"accept_unknown_properties": open_types}).test_client()
        path = SESSIONS.format(event=EVENT)
        made = client.post(path, json={"subject": "x"}, headers=AUTH).get_json()["id"]
        replies[open_types] = [
            client.post(path, json={"subject": "x", "id": value}, headers=AUTH),
            client.patch(f"{path}/{made}", json={"id": value}, headers=AUTH),
        ]
        assert client.get(f"{path}/{made}", headers=AUTH).get_json()["id"] == made
    for closed, opened in zip(replies[False], replies[True], strict=True):
        assert opened.status_code == closed.status_code == 400
        assert opened.get_json()["error"]["message"] == closed.get_json()["error"]["message"]
        assert "'id' is set by the service" in opened.get_json()["error"]["message"]
