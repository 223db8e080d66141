"""The router and the model: every Graph path of the family compiled once, each answered or refused for a reason."""

from __future__ import annotations

import importlib.util
import json

import pytest

from mockgraph.contracts import data_path
from mockgraph.errors import GraphError
from mockgraph.model import operations
from mockgraph.routing import Router, parse_segment, split_path
from tests.conftest import ROOT, shared_reference

ROUTER = Router(operations())
T = "/v1.0/solutions/virtualEvents/townhalls"


@pytest.mark.parametrize(("text", "expected"), [
    ("townhalls", [("townhalls", None)]),
    ("townhalls('a@b')", [("townhalls", None), ("a@b", None)]),
    ("townhalls('it''s')", [("townhalls", None), ("it's", None)]),
    ("registrations(email='x@y.com')", [("registrations", {"email": "x@y.com"})]),
    ("getByUserIdAndRole(userId='u', role='organizer')",
     [("getByUserIdAndRole", {"userId": "u", "role": "organizer"})]),
    ("f(a='1,2',b='3')", [("f", {"a": "1,2", "b": "3"})]),
])
def test_segments_are_parsed_as_odata_writes_them(text, expected):
    """Keys in parentheses, quoted literals with doubled quotes, named parameters with or without spaces."""
    assert [(s.name, s.args) for s in parse_segment(text)] == expected


@pytest.mark.parametrize("text", ["f(a='x)", "f(a='x' b='y')", "f(a='1',a='2')"])
def test_malformed_segments_are_400(text):
    """An unterminated literal, a missing comma or a repeated name is the client's 400, not a crash."""
    with pytest.raises(GraphError) as caught:
        parse_segment(text)
    assert caught.value.status == 400


def test_split_path_decodes_each_segment_alone():
    """%2F stays inside its segment, %40 is an @, a trailing slash is dropped, a query is ignored."""
    assert split_path("/v1.0/a%2Fb/x%40y/?q=1") == ["v1.0", "a/b", "x@y"]
    assert split_path("http://host:1/v1.0/x") == ["v1.0", "x"]


@pytest.mark.parametrize(("method", "path", "operation", "params"), [
    ("GET", T, "/solutions/virtualEvents/townhalls", {}),
    ("GET", f"{T}('abc')", "/solutions/virtualEvents/townhalls/{virtualEventTownhall-id}",
     {"virtualEventTownhall-id": "abc"}),
    ("GET", "/V1.0/SOLUTIONS/virtualevents/TownHalls/abc/Presenters",
     "/solutions/virtualEvents/townhalls/{virtualEventTownhall-id}/presenters", {"virtualEventTownhall-id": "abc"}),
    ("POST", f"{T}/abc/publish", "/solutions/virtualEvents/townhalls/{virtualEventTownhall-id}/publish",
     {"virtualEventTownhall-id": "abc"}),
    ("GET", f"{T}/getByUserRole(role='organizer')", "/solutions/virtualEvents/townhalls/getByUserRole(role='{role}')",
     {"role": "organizer"}),
    ("GET", "/v1.0/solutions/virtualEvents/webinars/w/registrations(email='a@b.c')",
     "/solutions/virtualEvents/webinars/{virtualEventWebinar-id}/registrations(email='{email}')",
     {"virtualEventWebinar-id": "w", "email": "a@b.c"}),
    ("GET", f"{T}/$count", "/solutions/virtualEvents/townhalls/$count", {}),
    ("GET", f"{T}/$COUNT", "/solutions/virtualEvents/townhalls/$count", {}),
])
def test_paths_resolve_to_their_operation(method, path, operation, params):
    """Each spelling Graph accepts names the operation and its parameters."""
    match = ROUTER.resolve(method, path)
    assert (match.operation.path, match.params) == (operation, params)
    assert match.operation.served


@pytest.mark.parametrize(("method", "path", "status", "words"), [
    ("GET", "/v1.0/solutions/virtualEvents/townhals", 400, "segment 'townhals'"),
    ("GET", f"{T}/a/presenters/p/sessions", 400, "segment 'sessions'"),  # beta only
    ("GET", "/beta/solutions/virtualEvents/townhalls/a/presenters/p/sessions", 501, ""),
    ("DELETE", T, 405, "Allowed: GET, POST"),
    ("GET", "/v2/solutions", 404, "not a Microsoft Graph path"),
    ("GET", "/v1.0/solutions", 501, "outside"),
])
def test_paths_graph_lacks_or_the_mock_does_not_serve(method, path, status, words):
    """400 for a segment Graph does not have, 405 with Allow, 404 outside any version, 501 for the rest."""
    try:
        match = ROUTER.resolve(method, path)
    except GraphError as error:
        assert (error.status, words in error.message) == (status, True), error.message
        return
    assert status == 501 and not match.operation.served


def test_every_v1_operation_is_served_but_the_root_and_graph_filled_writes():
    """What is not served is so for a reason the data gives, and only those."""
    unserved = {(op.method, op.path): op.why for op in operations() if "v1.0" in op.versions and not op.served}
    assert all(why for why in unserved.values())
    assert all(path == "/solutions/virtualEvents" or "attendance" in path or path == "/solutions/virtualEvents/events"
               for _, path in unserved)


@pytest.mark.skipif(shared_reference() is None,
                    reason="the Graph reference folder (shared/graph-reference) is not beside this checkout")
def test_paths_json_is_what_the_script_makes_from_the_reference():
    """contracts/paths.json is generated: a hand edit, or a newer reference, shows up here."""
    spec = importlib.util.spec_from_file_location("make_paths", ROOT / "scripts" / "make_paths.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = module.build(shared_reference() / "virtual-events")
    assert json.loads((data_path("contracts") / "paths.json").read_text(encoding="utf-8")) == made
