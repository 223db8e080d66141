"""The documented examples imported into fixtures/: in step with the Graph reference, complete, and explained."""

from __future__ import annotations

import importlib.util
import json
import os
import re
from pathlib import Path

import pytest

# Not imported from conftest: these checks need neither the app nor mockgraph, only files.
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
MANIFEST = json.loads((FIXTURES / "examples.json").read_text(encoding="utf-8"))
ROLES = ("request", "response")
QUIRK_REF = re.compile(r"^quirks\[(\d+(?:,\d+)*)\]: ")
NO_REFERENCE = ("the Graph reference folder is not beside this checkout (../shared/graph-reference), so the fixtures "
                "cannot be compared with it; set MOCKGRAPH_SHARED to the folder that holds graph-reference")


def shared_reference() -> Path | None:
    """../shared/graph-reference beside the checkout (as in CI), or MOCKGRAPH_SHARED (as conftest finds it)."""
    for base in (os.environ.get("MOCKGRAPH_SHARED"), ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if base and (Path(base) / "graph-reference").is_dir():
            return Path(base) / "graph-reference"
    return None


def _load_script():
    spec = importlib.util.spec_from_file_location("import_examples", ROOT / "scripts" / "import_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _load_script()


def _ids(entries: list[dict]) -> list[str]:
    return [f"{e['docsPage']}/{e['n']}" for e in entries]


def _resolved_bodies() -> list[tuple[str, object]]:
    return [(f"{e['docsPage']}/{e[role]}", json.loads((FIXTURES / e["docsPage"] / e[role]).read_text()))
            for e in MANIFEST for role in ROLES if e[role]]


@pytest.fixture(scope="module")
def reference() -> Path:
    shared = shared_reference()
    if shared is None:
        pytest.skip(NO_REFERENCE)
    return shared / "virtual-events"


def test_committed_fixtures_are_what_the_script_writes(reference):
    """Running scripts/import_examples.py now would change no file and leave no stale one behind."""
    files = SCRIPT.build(reference)
    for name, text in files.items():
        assert (FIXTURES / name).read_text(encoding="utf-8") == text, f"{name}: rerun scripts/import_examples.py"
    folders = {name.split("/")[0] for name in files if "/" in name}
    on_disk = {f"{folder}/{p.name}" for folder in folders for p in (FIXTURES / folder).iterdir()}
    assert on_disk == {name for name in files if "/" in name}


def test_every_docs_page_of_the_reference_index_appears_with_all_its_examples(reference):
    """Each page of examples/index.json has one manifest entry per example, numbered 1, 2, ... in page order."""
    index = json.loads((reference / "examples" / "index.json").read_text())
    expected = {(page["file"].removesuffix(".json"), n)
                for page in index["files"] for n in range(1, len(page["examples"]) + 1)}
    assert {(e["docsPage"], e["n"]) for e in MANIFEST} == expected
    assert len(MANIFEST) == 45


def test_quirks_are_the_reference_examples_quirks_verbatim(reference):
    """The manifest copies each example file's quirks exactly, so none is lost or reworded."""
    for entry in MANIFEST:
        source = json.loads((reference / "examples" / f"{entry['docsPage']}.json").read_text())
        assert entry["quirks"] == (source.get("quirks") or []), entry["docsPage"]


def test_every_operation_is_a_path_of_the_reference_operations(reference):
    """operation names an OpenAPI path of operations.json, or one of its documented-only action paths."""
    spec = json.loads((reference / "operations.json").read_text())
    paths = {(op["method"], op["path"]) for op in spec["operations"]}
    shapes = {(extra["method"], extra["docsPathShape"]) for extra in spec["documentedPathsNotInOpenAPI"]}
    for entry in MANIFEST:
        shape = re.sub(r"\{[^}]*\}", "{}", entry["operation"])
        assert (entry["method"], entry["operation"]) in paths or (entry["method"], shape) in shapes, entry


def test_resolved_session_bodies_use_only_properties_of_the_v1_type(reference):
    """After the legacy onlineMeeting properties are dropped, a session body names only virtualEventSession's own."""
    types = json.loads((reference.parent / "virtualeventsession.types.json").read_text())
    allowed = set(types["virtualEventSession"]["effectiveBodyPropertyNames_latest"])
    assert not allowed & set(SCRIPT.LEGACY_SESSION_PROPERTIES)
    sessions = [e for e in MANIFEST if "virtualEventSession" in str(e["responseType"])]
    assert len(sessions) == 3
    for entry in sessions:
        body = json.loads((FIXTURES / entry["docsPage"] / entry["response"]).read_text())
        for item in body.get("value", [body]):
            assert {k for k in item if not k.startswith("@")} <= allowed, entry["docsPage"]


def test_manifest_is_sorted_by_page_and_number():
    """The manifest lists examples in (docsPage, n) order, so a regenerated file diffs cleanly."""
    keys = [(e["docsPage"], e["n"]) for e in MANIFEST]
    assert keys == sorted(keys)


@pytest.mark.parametrize("entry", MANIFEST, ids=_ids(MANIFEST))
def test_every_file_the_manifest_names_exists_and_parses(entry):
    """Resolved files and .documented.json twins are JSON; a .documented.txt twin exists because it is not."""
    for role in ROLES:
        if entry[role]:
            json.loads((FIXTURES / entry["docsPage"] / entry[role]).read_text(encoding="utf-8"))
        twin = entry[f"{role}Documented"]
        if twin is None:
            continue
        assert entry[role], "a documented twin without its resolved file"
        text = (FIXTURES / entry["docsPage"] / twin).read_text(encoding="utf-8")
        if twin.endswith(".txt"):
            with pytest.raises(json.JSONDecodeError):
                json.loads(text)
        else:
            json.loads(text)


@pytest.mark.parametrize("entry", [e for e in MANIFEST if e["requestDocumented"] or e["responseDocumented"]],
                         ids=_ids([e for e in MANIFEST if e["requestDocumented"] or e["responseDocumented"]]))
def test_no_documented_file_equals_its_resolved_twin(entry):
    """A .documented file exists only where the resolved body differs, and the manifest says why."""
    assert entry["resolved"]
    for role in ROLES:
        twin = entry[f"{role}Documented"]
        if twin:
            documented = (FIXTURES / entry["docsPage"] / twin).read_text(encoding="utf-8")
            resolved = (FIXTURES / entry["docsPage"] / entry[role]).read_text(encoding="utf-8")
            assert documented != resolved
            if twin.endswith(".json"):
                assert json.loads(documented) != json.loads(resolved)


@pytest.mark.parametrize("entry", MANIFEST, ids=_ids(MANIFEST))
def test_every_quirk_is_resolved_or_noted_as_harmless(entry):
    """Each quirk index is named by a resolved or a harmless line ("quirks[i]: ..."), and no line names a stray one."""
    named: set[int] = set()
    for line in entry["harmless"]:
        match = QUIRK_REF.match(line)
        assert match, f"a harmless line must name its quirk: {line!r}"
        named |= {int(i) for i in match[1].split(",")}
    for line in entry["resolved"]:
        match = QUIRK_REF.match(line)
        named |= {int(i) for i in match[1].split(",")} if match else set()
    assert named == set(range(len(entry["quirks"])))


@pytest.mark.parametrize("entry", MANIFEST, ids=_ids(MANIFEST))
def test_every_url_fits_its_operation_or_says_why_not(entry):
    """A virtual-events url matches its operation's template; an onlineMeeting one carries a urlNote instead."""
    assert entry["version"] in ("v1.0", "beta") and entry["url"].startswith("/")
    if entry["url"].startswith("/solutions/virtualEvents/"):
        assert SCRIPT._regex(entry["operation"]).fullmatch(entry["url"]), entry["url"]
    else:
        assert entry["urlNote"] and entry["operation"].startswith("/solutions/virtualEvents/")


@pytest.mark.parametrize(("slip", "found"), [
    ("a {\"value\": {...}} wrapper around one entity",
     lambda body: isinstance(body, dict) and set(body) == {"value"} and isinstance(body["value"], dict)),
    ("timeZone \"PacificSt\"", lambda body: "\"PacificSt\"" in json.dumps(body)),
    ("a plain-string description", lambda body: any(isinstance(e.get("description"), str) for e in _items(body))),
    ("userId \"String\"", lambda body: any(e.get("userId") == "String" for e in _items(body))),
    ("a legacy session property", lambda body: any(k in e for e in _items(body)
                                                    for k in SCRIPT.LEGACY_SESSION_PROPERTIES)),
    ("a registrationDateTime without offset",
     lambda body: any(SCRIPT.NO_OFFSET.match(str(e.get("registrationDateTime"))) for e in _items(body))),
])
def test_no_resolved_body_keeps_a_documented_slip(slip, found):
    """None of the slips the docs make survives into a resolved file."""
    assert [name for name, body in _resolved_bodies() if found(body)] == [], slip


def _items(body: object) -> list[dict]:
    if isinstance(body, dict) and isinstance(body.get("value"), list):
        return body["value"]
    return [body] if isinstance(body, dict) else []


def test_documented_twins_keep_the_slips_they_were_made_for():
    """The webinar get keeps its wrapper and the custom question its trailing comma in the documented files."""
    webinar = json.loads((FIXTURES / "virtualeventwebinar-get" / "1.response.documented.json").read_text())
    assert set(webinar) == {"value"}
    raw = (FIXTURES / "virtualeventregistrationconfiguration-post-questions" / "1.request.documented.txt").read_text()
    assert re.search(r",\s*}\s*$", raw)


def test_the_webinar_cancel_example_posts_to_webinars():
    """The page's slip (/townhalls/…/cancel) is fixed in url, kept in urlDocumented, mapped to the webinar action."""
    (entry,) = [e for e in MANIFEST if e["docsPage"] == "virtualeventwebinar-cancel"]
    assert entry["url"].startswith("/solutions/virtualEvents/webinars/")
    assert "/townhalls/" in entry["urlDocumented"]
    assert entry["operation"] == "/solutions/virtualEvents/webinars/{virtualEventWebinar-id}/cancel"


@pytest.mark.parametrize(("text", "expected"), [
    ('{"a": [1, 2,],}', '{"a": [1, 2]}'),
    ('{\n  "a": 1,\n}', '{\n  "a": 1\n}'),
    ('{"a": ",}", "b": "x,]"}', '{"a": ",}", "b": "x,]"}'),
    ('{"a": "say \\",}\\" twice",}', '{"a": "say \\",}\\" twice"}'),
    ('[1, 2]', '[1, 2]'),
])
def test_strip_trailing_commas_drops_only_closing_commas_outside_strings(text, expected):
    """Commas before ] or } go; commas inside strings, escaped quotes included, stay."""
    assert SCRIPT.strip_trailing_commas(text) == expected


def test_a_quirk_no_rule_knows_stops_the_script():
    """A new quirk in the reference fails the import, naming the quirk, instead of passing unexplained."""
    with pytest.raises(SystemExit, match="a brand-new oddity"):
        SCRIPT._quirk_handling(["a brand-new oddity"], "some-page")


def test_write_removes_stale_files_only_inside_its_own_folders(tmp_path):
    """A file the script no longer makes goes from a docs-page folder; top-level fixtures are never touched."""
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "9.response.json").write_text("{}")
    (tmp_path / "virtualEventSession.create.request.json").write_text("{}")
    SCRIPT.write({"page/1.response.json": "{}\n", "examples.json": "[]\n"}, tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.json")) == [
        "examples.json", "page/1.response.json", "virtualEventSession.create.request.json"]
