"""Property-based: contract-generated bodies are created and echoed; mutated ones get the envelope, never a 5xx.

The generator reads the request schema from contracts/ (no hand copy): hypothesis-jsonschema follows only
local refs of older drafts, so the schema's ``$ref`` s into ``$defs`` are inlined and the ``x-`` keywords dropped.
"""

from __future__ import annotations

import json
import string
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from mockgraph.contracts import data_path, load_operations, read_json
from mockgraph.server import MockGraphServer
from tests.conftest import AUTH, EVENT, GUID, SESSIONS

OPERATION = load_operations()[0]
MAX_BODY = 256 * 1024
EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
JSON_KINDS = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object",
              type(None): "null"}


def contract_schema(ref: str) -> dict:
    """The schema at ``file.schema.json#/$defs/name``, its refs inlined and extension keywords dropped."""
    file, _, pointer = ref.partition("#")
    defs = read_json(data_path("contracts") / file)["$defs"]

    def inline(node: Any, seen: tuple = ()) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                name = node["$ref"].removeprefix("#/$defs/")
                assert name not in seen, f"recursive $ref {name}: cannot inline"
                return inline(defs[name], (*seen, name))
            return {k: inline(v, seen) for k, v in node.items()
                    if not k.startswith("x-") and k not in {"title", "description", "examples", "$comment"}}
        if isinstance(node, list):
            return [inline(v, seen) for v in node]
        return node

    return inline(defs[pointer.removeprefix("/$defs/")])


REQUEST = contract_schema(OPERATION.spec["request"]["schema"])
PROPERTIES = REQUEST["properties"]
valid_bodies = from_schema(REQUEST)
scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(max_size=20))
any_json = st.recursive(scalars,
                        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                     max_size=3),
                        max_leaves=8)


@pytest.fixture(scope="module")
def graph():
    with MockGraphServer(seed=3, max_body_bytes=MAX_BODY, journal_size=50) as server:
        server.session = requests.Session()
        yield server


def post(graph, data: bytes, content_type: str = "application/json", prefer: str = "") -> requests.Response:
    headers = {**AUTH, "Content-Type": content_type}
    if prefer:
        headers["Prefer"] = prefer
    return graph.session.post(graph.url + SESSIONS.format(event=EVENT).removeprefix("/v1.0"), data=data,
                              headers=headers, timeout=30)


def assert_graph_error(response: requests.Response, status: int | set[int]) -> dict:
    """A 4xx in the Graph envelope, exactly as every failure must look."""
    statuses = {status} if isinstance(status, int) else status
    assert response.status_code in statuses, response.text[:500]
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) >= {"code", "message", "innerError"}
    assert body["error"]["message"] and GUID.match(body["error"]["innerError"]["request-id"])
    return body["error"]


def contract_accepts(body: Any) -> bool:
    return isinstance(body, dict) and not any(OPERATION.request_validator.iter_errors(body))


@EXAMPLES
@given(body=valid_bodies)
def test_bodies_from_the_contract_are_created_and_echoed_exactly(graph, body):
    """Any body the contract allows gets 201, a contract-valid reply, and every sent value back as sent."""
    response = post(graph, json.dumps(body).encode(), prefer="include-unknown-enum-members")
    assert response.status_code == 201, response.text[:500]
    reply = response.json()
    assert not list(OPERATION.response_validator.iter_errors(reply))
    assert GUID.match(reply["id"]) and reply["@odata.type"] == "#microsoft.graph.virtualEventSession"
    generated = OPERATION.spec["response"]["generated"]
    for key, value in body.items():
        if key == "@odata.type":
            continue
        if key in generated and isinstance(value, dict) and isinstance(reply[key], dict):
            assert reply[key] | value == reply[key]  # the client's values overlay the generated ones
        else:
            assert reply[key] == value
    graph.check()


@st.composite
def wrong_types(draw):
    """A valid body with one property set to a JSON value of a type its schema does not allow."""
    body = draw(valid_bodies)
    name = draw(st.sampled_from(sorted(k for k, v in PROPERTIES.items() if "type" in v)))
    allowed = PROPERTIES[name]["type"]
    allowed = {allowed} if isinstance(allowed, str) else set(allowed)
    if "number" in allowed:
        allowed.add("integer")
    value = draw(any_json.filter(lambda v: JSON_KINDS[type(v)] not in allowed))  # 5.0 is no Edm.Int32 either
    body[name] = value
    return name, body


@EXAMPLES
@given(case=wrong_types())
def test_a_wrongly_typed_property_is_a_400_naming_it(graph, case):
    """A value of the wrong JSON type is refused with 400, and the message points at that property."""
    name, body = case
    error = assert_graph_error(post(graph, json.dumps(body).encode()), 400)
    assert error["code"] == "BadRequest"
    assert f"$.{name}" in error["message"] or f"$['{name}']" in error["message"], error["message"]
    graph.check()


@EXAMPLES
@given(body=valid_bodies, extra=st.text(min_size=1, max_size=30).filter(lambda k: k not in PROPERTIES),
       value=any_json)
def test_an_unknown_property_is_a_400(graph, body, extra, value):
    """Properties the contract does not declare are refused (mockgraph's default strictness)."""
    body[extra] = value
    error = assert_graph_error(post(graph, json.dumps(body).encode()), 400)
    assert "is not a property" in error["message"], error["message"]
    graph.check()


@EXAMPLES
@given(body=valid_bodies, which=st.sampled_from(["startDateTime", "endDateTime"]),
       when=st.fixed_dictionaries({"dateTime": st.just("2026-01-01T10:00:00"), "timeZone": st.just("UTC")}))
def test_a_missing_required_part_is_a_400_naming_it(graph, body, which, when):
    """dateTimeTimeZone requires dateTime: leaving it out is a 400 that names the missing path."""
    body[which] = {k: v for k, v in when.items() if k != "dateTime"}
    error = assert_graph_error(post(graph, json.dumps(body).encode()), 400)
    assert f"$.{which}.dateTime" in error["message"], error["message"]
    graph.check()


@EXAMPLES
@given(data=st.binary(max_size=2048))
def test_random_bytes_never_get_a_5xx(graph, data):
    """Arbitrary bytes as a JSON body: a 400 in the envelope, or a 201 when they happen to be a valid body."""
    response = post(graph, data)
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        parsed = None
    if response.status_code == 201:
        assert contract_accepts(parsed)
    else:
        assert_graph_error(response, 400)
    graph.check()


@EXAMPLES
@given(depth=st.integers(1, 5_000), opener=st.sampled_from(["[", '{"a":']), where=st.sampled_from(["top", "subject"]))
def test_deep_nesting_is_refused_without_recursion_trouble(graph, depth, opener, where):
    """Nesting to any depth (past Python's recursion limit too) answers 400, never a 5xx."""
    closer = "]" if opener == "[" else "}"
    nested = opener * depth + "1" + closer * depth
    text = nested if where == "top" else '{"subject":' + nested + "}"
    error = assert_graph_error(post(graph, text.encode()), {400, 413})
    assert error["code"] in {"BadRequest", "RequestEntityTooLarge"}
    graph.check()


@settings(max_examples=15, deadline=None)
@given(size=st.integers(0, 2 * MAX_BODY), char=st.sampled_from(["x", "é", "😀", "\u202e", "\x00", "\ufeff"]))
def test_huge_strings_are_echoed_below_the_limit_and_413_above(graph, size, char):
    """A long subject is echoed whole while the body fits the limit; past it the answer is 413."""
    data = json.dumps({"subject": char * size}, ensure_ascii=False).encode()
    response = post(graph, data)
    if len(data) <= MAX_BODY:
        assert response.status_code == 201, response.text[:300]
        assert response.json()["subject"] == char * size
    else:
        assert assert_graph_error(response, 413)["code"] == "RequestEntityTooLarge"
    graph.check()


@EXAMPLES
@given(text=st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=40),
       surrogates=st.lists(st.integers(0xD800, 0xDFFF), max_size=3), at=st.integers(0, 40))
def test_odd_unicode_and_surrogates_get_201_or_an_envelope(graph, text, surrogates, at):
    """Any code point, escaped surrogates included: 201 echoing it when it is Unicode text, else a 400."""
    lone = "".join(f"\\u{s:04x}" for s in surrogates)
    at = min(at, len(text))
    literal = '{"subject":"' + json.dumps(text[:at])[1:-1] + lone + json.dumps(text[at:])[1:-1] + '"}'
    expected = json.loads(literal)["subject"]
    response = post(graph, literal.encode("utf-8"))
    try:
        expected.encode("utf-8")
    except UnicodeEncodeError:
        assert "surrogate" in assert_graph_error(response, 400)["message"]
    else:
        assert response.status_code == 201, response.text[:300]
        assert response.json()["subject"] == expected
    graph.check()


@EXAMPLES
@given(content_type=st.text(string.printable.strip() + " ", max_size=60).map(str.strip), body=st.binary(max_size=64))
def test_any_content_type_gets_201_or_an_envelope(graph, content_type, body):
    """Whatever the Content-Type says, the answer is a 201 or a Graph error, never a 5xx."""
    response = post(graph, body, content_type=content_type)
    if response.status_code != 201:
        assert_graph_error(response, {400, 415})
    graph.check()
