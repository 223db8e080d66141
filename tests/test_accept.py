"""The compiled accept check (accept.py) says yes to exactly the bodies jsonschema finds no error in; refusals.py's walk
finds the same errors as jsonschema's own."""

from __future__ import annotations

import copy
import importlib
import importlib.util
import json
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockgraph import accept, contracts
from mockgraph.contracts import first_in_document, load_operations, registry, validator
from mockgraph.entities import load_kinds
from mockgraph.refusals import Validator

from .conftest import FIXTURES, ROOT

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


# ---- refusals.py: the walk that explains a refusal skips plainly valid values, and finds the same errors


def _plain(ref: str, open_types: bool):
    """jsonschema's own walk of a view, as contracts.validator built it before refusals.py."""
    return Validator({"$ref": ref}, registry=registry(open_types), format_checker=Validator.FORMAT_CHECKER)


def _errors(errors) -> list:
    """Every field of each error a reply, a log line or the journal could be made from, schemas by identity."""
    return [(e.message, e.validator, e.validator_value, list(e.absolute_path), list(e.absolute_schema_path),
             json.dumps(e.instance, sort_keys=True), id(e.schema), _errors(e.context)) for e in errors]


def _walks_agree(ref: str, open_types: bool, body) -> bool:
    walked = list(validator(ref, open_types=open_types).iter_errors(body))
    reference = list(_plain(ref, open_types).iter_errors(body))
    assert _errors(walked) == _errors(reference), json.dumps(body)[:300]
    if reference:
        assert _errors([first_in_document(walked, body)]) == _errors([first_in_document(reference, body)])
    return bool(reference)


def _views(open_types: bool) -> list[str]:
    """Every view a body is checked against: each type's create and update, and each operation's request and reply."""
    kinds = load_kinds(open_types=open_types).values()
    operations = load_operations(accept_unknown_properties=open_types)
    return sorted({view.ref for kind in kinds for view in (kind.create, kind.update)}
                  | {op.spec[part]["schema"] for op in operations for part in ("request", "response")})


def test_walks_agree_on_every_single_replacement():
    """Each tricky value in each place of each example: the session create finds the same errors as jsonschema."""
    open_types = False  # the open views are walked by the two tests below
    ref = _operation(open_types).spec["request"]["schema"]
    seen = set()
    for body in _examples():
        for path in _paths(body):  # the declared names are set one by one in the test below
            for value in TRICKY:
                seen.add(_walks_agree(ref, open_types, _replace(body, path, value)))
    assert seen == {True, False}


@pytest.mark.parametrize("open_types", OPEN_TYPES)
def test_walks_agree_on_every_view(open_types):
    """Every view, on every example, and with each of its own properties set to wrong values in two bodies."""
    seen = set()
    resolver = registry(open_types).resolver()
    for ref in _views(open_types):
        names = sorted(resolver.lookup(ref).contents.get("properties", {}))
        for body in _examples():
            seen.add(_walks_agree(ref, open_types, body))
        for body in ({}, _minimal()):
            for name in names:
                for value in ("x", 5, 5.0, None, True, {"a": 1}, [{}], "2024-03-30T10:00:00Z"):
                    seen.add(_walks_agree(ref, open_types, {**body, name: value}))
    assert seen == {True, False}


@pytest.mark.parametrize("open_types", OPEN_TYPES)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_walks_agree_on_generated_bodies(open_types, data):
    """Generated bodies against any view (examples with random values at random places) give the same errors."""
    ref = data.draw(st.sampled_from(_views(open_types)))
    body = data.draw(st.sampled_from(_examples()))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(list(_paths(body))))
        body = _replace(body, path, data.draw(JSON))
    _walks_agree(ref, open_types, body)


def test_plainly_valid_values_are_not_descended_into(monkeypatch):
    """A body with one wrong value among many right ones descends only into the wrong one."""
    descended = []
    original = Validator.descend

    def descend(self, instance, schema, path=None, *args, **kwargs):
        descended.append(path)
        return original(self, instance, schema, path, *args, **kwargs)

    walker = validator(_operation(False).spec["request"]["schema"])
    monkeypatch.setattr(type(walker), "descend", descend)
    body = {**_minimal(), "capacity": "lots"}
    assert [e.message for e in walker.iter_errors(body)] == ["'lots' is not of type 'integer', 'null'"]
    assert [p for p in descended if p is not None] == ["capacity"]


LAZY = """
import sys
from mockgraph import create_app
from mockgraph.contracts import _accepts
client = create_app({}).test_client()
townhalls, auth = "/v1.0/solutions/virtualEvents/townhalls", {"Authorization": "Bearer x"}
loaded = lambda: ",".join(name for name in ("jsonschema", "referencing") if name in sys.modules) or "-"
print(len(_accepts), loaded())
made = client.post(townhalls, json={"displayName": "x"}, headers=auth)
print(made.status_code, len(_accepts), loaded())
bad = client.post(townhalls, json={"displayName": 5}, headers=auth)
print(bad.status_code, len(_accepts), loaded(), bad.get_json()["error"]["message"].split(". ")[1])
"""


def test_checks_are_compiled_on_first_use_and_jsonschema_imported_on_the_first_refusal():
    """create_app compiles no view; a valid create compiles its own and leaves jsonschema and referencing
    unimported; a refusal imports them and explains (the start-up work ``mockgraph serve``'s launch no longer
    pays)."""
    done = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    refused = "400 1 jsonschema,referencing $.displayName: expected Edm.String or null, got 5."
    assert done.stdout.splitlines() == ["0 -", "201 1 -", refused]


def test_threads_asking_for_one_view_at_once_compile_it_once(monkeypatch):
    """The first requests of a served worker's threads may meet one uncompiled view together: one compiles it
    (fastjsonschema's exec), the others wait for that check rather than compiling beside it."""
    compiled = []

    def slow_compile(document, fragment, module=None):
        compiled.append(fragment)
        time.sleep(0.05)  # a wide window for another thread to arrive while this one compiles
        return real(document, fragment, module)

    real = contracts.compile_accepts
    monkeypatch.setattr(contracts, "_accepts", {})
    monkeypatch.setattr(contracts, "compile_accepts", slow_compile)
    ref = _operation(False).spec["request"]["schema"]
    start, found = threading.Barrier(6), []

    def ask() -> None:
        start.wait()
        found.append(contracts.accepts(ref, False))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert compiled == [ref.partition("#")[2]]
    assert len(found) == 6 and all(f is found[0] for f in found) and found[0](_minimal())


def _make_checks():
    spec = importlib.util.spec_from_file_location("make_checks", ROOT / "scripts" / "make_checks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_view_has_its_generated_check_made_from_the_contract_in_use():
    """mockgraph/checks/ holds one module per view a body is checked against, each made from the contract as it
    is now (its DIGEST); a contract edited without ``python scripts/make_checks.py`` fails here."""
    make = _make_checks()
    views = make.views()
    assert len(views) > 20
    names = {accept.module_name(*ref.split("#")): ref for ref in views}
    assert len(names) == len(views)
    on_disk = {path.stem for path in make.CHECKS.glob("*.py")} - {"__init__"}
    assert on_disk == set(names), "run python scripts/make_checks.py"
    for name, ref in sorted(names.items()):
        file, _, fragment = ref.partition("#")
        module = importlib.import_module(f"mockgraph.checks.{name}")
        assert accept.digest(contracts.documents(False)[file], fragment) == module.DIGEST, \
            f"{name} was made from another {file}: run python scripts/make_checks.py"


def test_a_generated_check_is_imported_only_when_made_from_the_very_contract(monkeypatch):
    """The session's create: its module answers without generating code; the open types' copy of the contract
    (another document) and an edited contract are generated afresh, and the stale module is not used."""
    made = []
    real = accept.generate
    monkeypatch.setattr(accept, "generate", lambda document, fragment: made.append(fragment) or real(document,
                                                                                                     fragment))
    file, _, fragment = _operation(False).spec["request"]["schema"].partition("#")
    name = accept.module_name(file, fragment)
    body = {**_minimal(), "capacity": 5}
    imported = accept.compile_accepts(contracts.documents(False)[file], fragment, name)
    assert made == [] and imported(body) and not imported({**body, "capacity": "5"})
    opened = accept.compile_accepts(contracts.documents(True)[file], fragment, name)
    unknown = {**body, "unknownProperty": 1}
    assert made == [fragment] and opened(unknown) and not imported(unknown)
    edited = copy.deepcopy(contracts.documents(False)[file])
    edited["$defs"]["virtualEventSession"]["properties"]["capacity"] = {"type": "string"}
    stale = accept.compile_accepts(edited, fragment, name)
    assert made == [fragment, fragment] and stale({**body, "capacity": "5"}) and not stale(body)


def test_a_generated_check_is_loaded_past_import_hooks(monkeypatch):
    """pytest's assertion rewriter is an import hook parsing through ``ast``, which two threads cannot do at once
    on CPython 3.11: the fixture's server threads load generated checks without asking any hook."""
    asked = []

    class Recorder:
        def find_spec(self, name, path=None, target=None):
            asked.append(name)

    monkeypatch.setattr(sys, "meta_path", [Recorder(), *sys.meta_path])
    file, _, fragment = _operation(False).spec["request"]["schema"].partition("#")
    check = accept.compile_accepts(contracts.documents(False)[file], fragment, accept.module_name(file, fragment))
    assert check(_minimal())
    assert not [name for name in asked if name.startswith("mockgraph.checks")], asked


def test_a_generated_check_that_does_not_load_is_generated_afresh(monkeypatch, tmp_path):
    """A module made under another fastjsonschema may import a name this one lacks: the view's check is then
    generated here, and the create it checks is answered, not failed."""
    file, _, fragment = _operation(False).spec["request"]["schema"].partition("#")
    name = accept.module_name(file, fragment)
    made = (accept.FOLDER / f"{name}.py").read_text(encoding="utf-8")
    (tmp_path / f"{name}.py").write_text("from fastjsonschema import NoSuchName\n" + made, encoding="utf-8")
    monkeypatch.setattr(accept, "FOLDER", tmp_path)
    check = accept.compile_accepts(contracts.documents(False)[file], fragment, name)
    assert check(_minimal()) and not check({**_minimal(), "capacity": "lots"})
