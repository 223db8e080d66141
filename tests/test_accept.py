"""The compiled accept check (accept.py) says yes to exactly the bodies jsonschema finds no error in."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockgraph.contracts import load_operations, registry

from .conftest import FIXTURES

OPEN_TYPES = [False, True]


def _operation(open_types: bool):
    return load_operations(accept_unknown_properties=open_types)[0]


def _agree(op, body) -> bool:
    reference = not any(op.request_validator.iter_errors(body))
    assert op.request_accepts(body) is reference, json.dumps(body)[:300]
    return reference


# Values chosen where the engines' rules differ by default: float integers, `$` before a newline,
# dates that match the pattern but not RFC 3339, bools where numbers go, huge and negative ints.
TRICKY = [
    5, 5.0, -1, 0, 2**31, 10**30, 1.5, True, False, None, "", "x", "x\n", [], {}, [1], {"a": 1},
    "2024-03-30T10:00:00", "2024-03-30T10:00:00\n", "2024-03-30T10:00", "2024-02-30T10:00:00",
    "2024-03-30T10:00:00Z", "2024-03-30T10:00:00Z\n", "2024-03-30T10:00Z", "2024-02-30T10:00:00Z",
    "2024-03-30t10:00:00z", "2024-03-30T10:00:00.1234567+01:00", "2024-03-30T10:00:00.12345678Z",
    "2024-03-30T24:00:00Z", "#microsoft.graph.virtualEventSession", "microsoft.graph.virtualEventSession\n",
    "#microsoft.graph.dateTimeTimeZone", "organization", "organization\n", "enabled", "Organization",
    "unknownFutureValue", "html", "text", "\ud800",
]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8) | st.sampled_from(TRICKY),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def _examples() -> list:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.request*.json"))]


def _minimal() -> dict:
    return json.loads((FIXTURES / "virtualEventSession.create.request.minimal.json").read_text(encoding="utf-8"))


def _paths(node, prefix=()):
    """Every place in a body a value could be replaced, objects' own keys included."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


def _replace(body, path, value):
    if not path:
        return value
    out = copy.deepcopy(body)
    node = out
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return out


def _schema_properties(open_types: bool) -> list[str]:
    contents = registry(open_types).resolver().lookup("virtualEventSession.schema.json").contents
    names = set()
    for definition in contents["$defs"].values():
        names.update(definition.get("properties", {}))
    return sorted(names)


@pytest.mark.parametrize("open_types", OPEN_TYPES)
def test_operations_have_a_compiled_check(open_types):
    """Every operation gets the fast check, so a valid create never walks the schema in jsonschema."""
    assert all(op.request_accepts is not None for op in load_operations(accept_unknown_properties=open_types))


@pytest.mark.parametrize("open_types", OPEN_TYPES)
def test_engines_agree_on_the_fixtures(open_types):
    """The documented bodies get the same verdict from both engines, and each example its manifest verdict."""
    op = _operation(open_types)
    verdicts = {e.file: _agree(op, e.body) for e in op.examples if e.role == "request"}
    assert verdicts == {e.file: e.valid for e in op.examples if e.role == "request"}
    for body in _examples():
        _agree(op, body)


@pytest.mark.parametrize("open_types", OPEN_TYPES)
def test_engines_agree_on_every_single_replacement(open_types):
    """Each tricky value in each place of each example, and under each declared name: verdicts never differ."""
    op = _operation(open_types)
    seen = set()
    for body in _examples():
        places = [*_paths(body), *((name,) for name in _schema_properties(open_types))]
        for path in places:
            for value in TRICKY:
                seen.add(_agree(op, _replace(body, path, value)))
    assert seen == {True, False}  # both verdicts were reached, so the table tests something


@pytest.mark.parametrize("open_types", OPEN_TYPES)
def test_strict_integers_and_patterns_follow_jsonschema(open_types):
    """5.0 is not an Edm.Int32, and `$` may match before a final newline as in Python's re."""
    op = _operation(open_types)
    minimal = _minimal()
    assert not op.request_accepts({**minimal, "capacity": 5.0})
    assert op.request_accepts({**minimal, "capacity": 5})
    newline = {**minimal, "@odata.type": "#microsoft.graph.virtualEventSession\n"}
    assert op.request_accepts(newline) is not any(op.request_validator.iter_errors(newline))


def test_open_type_switch_changes_the_compiled_verdict():
    """An undeclared property is refused by default and accepted with accept_unknown_properties."""
    body = {**_minimal(), "myCustomNote": "x"}
    assert not _operation(False).request_accepts(body)
    assert _operation(True).request_accepts(body)


@pytest.mark.parametrize("open_types", OPEN_TYPES)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_engines_agree_on_generated_bodies(open_types, data):
    """Generated bodies (examples with random values at random places, and known names) agree."""
    op = _operation(open_types)
    body = data.draw(st.sampled_from(_examples()))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(list(_paths(body))))
        if isinstance(body, dict) and data.draw(st.booleans()):
            path = (data.draw(st.sampled_from(_schema_properties(open_types))),)
        body = _replace(body, path, data.draw(JSON))
    _agree(op, body)
