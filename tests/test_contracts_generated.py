"""The contracts scripts/make_contracts.py generates: current, valid, and right about documented and bad bodies."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest
from referencing import Registry, Resource

from mockgraph import contracts
from mockgraph.accept import compile_accepts, module_name
from mockgraph.contracts import first_in_document
from mockgraph.entities import _views
from mockgraph.refusals import Validator

from .conftest import shared_reference

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "contracts"
NO_REFERENCE = ("compares the committed contracts with what scripts/make_contracts.py makes from the Graph facts, "
                "but the Graph reference folder is not beside this checkout (../shared/graph-reference); set "
                "MOCKGRAPH_SHARED to the folder that holds it to run this check")


def _script():
    spec = importlib.util.spec_from_file_location("make_contracts", ROOT / "scripts" / "make_contracts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = _script()
GENERATED = [f"{name}.schema.json" for name in MAKE.ENTITY_TYPES]
SCHEMAS = {name: json.loads((CONTRACTS / name).read_text(encoding="utf-8")) for name in GENERATED}


def _registry() -> Registry:
    """Every contracts/*.schema.json under its file name and its $id, as mockgraph/contracts.py registers them."""
    resources = []
    for path in sorted(CONTRACTS.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema)
        resources += [(path.name, resource), (schema.get("$id", path.name), resource)]
    return Registry().with_resources(resources)


REGISTRY = _registry()


def examples_dir() -> Path:
    reference = shared_reference()
    if reference is None:
        pytest.skip(NO_REFERENCE)
    return reference / "virtual-events"


def validator(contract: str, view: str):
    return Validator({"$ref": f"{contract}.schema.json#/$defs/{view}"}, registry=REGISTRY,
                     format_checker=Validator.FORMAT_CHECKER)


def errors_of(contract: str, view: str, body: Any) -> list:
    return list(validator(contract, view).iter_errors(body))


def test_committed_contracts_are_what_the_script_makes_now():
    """Re-running the script on the facts beside this checkout changes no committed file."""
    built = MAKE.build_contracts(examples_dir())
    assert sorted(built) == sorted(GENERATED)
    for name, schema in built.items():
        committed = (CONTRACTS / name).read_text(encoding="utf-8")
        assert MAKE.render(schema) == committed, f"{name} is stale: run python scripts/make_contracts.py"


@pytest.mark.parametrize("name", GENERATED)
def test_generated_contract_is_a_valid_draft_2020_12_schema(name):
    """check_schema passes, and the file names itself and lists its properties for reply templates."""
    schema = SCHEMAS[name]
    Validator.check_schema(schema)
    assert schema["$id"] == name
    assert {"create", "update", "response"} <= set(schema["$defs"])
    assert set(schema["x-readOnly"]) <= set(schema["x-properties"]) and "id" in schema["x-readOnly"]


def _refs(node: Any):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


@pytest.mark.parametrize("name", GENERATED)
def test_every_ref_resolves_in_the_contracts_registry(name):
    """Each $ref points at a definition that exists, looked up the way contracts.py looks them up."""
    resolver = REGISTRY.resolver(base_uri=name)
    refs = set(_refs(SCHEMAS[name]))
    assert refs
    for ref in sorted(refs):
        assert resolver.lookup(ref).contents is not None, ref


@pytest.mark.parametrize("name", sorted(path.name for path in CONTRACTS.glob("*.schema.json")))
def test_mockgraphs_own_lookup_finds_what_referencing_finds(name):
    """contracts.resolve (start-up's lookup, without the referencing library) gives, for every $ref of a file
    and under both its names, the very definition referencing resolves it to."""
    schema = SCHEMAS.get(name) or json.loads((CONTRACTS / name).read_text(encoding="utf-8"))
    refs = sorted(set(_refs(schema)))
    for ref in refs:
        assert contracts.resolve(ref, name) == REGISTRY.resolver(base_uri=name).lookup(ref).contents, ref
    for fragment in ("", *(ref.partition("#")[2] for ref in refs)):
        found = REGISTRY.resolver().lookup(f"{schema.get('$id', name)}#{fragment}").contents
        assert contracts.resolve(f"{name}#{fragment}") == found
        assert contracts.resolve(f"{schema.get('$id', name)}#{fragment}") == found


def test_mockgraphs_own_lookup_finds_every_view_the_operations_and_model_name():
    """Every view of every type (model.json) and of operations.json resolves, and open types' copies accept any
    property."""
    model = json.loads((CONTRACTS / "model.json").read_text(encoding="utf-8"))["types"]
    operations = json.loads((CONTRACTS / "operations.json").read_text(encoding="utf-8"))["operations"]
    refs = {*(ref for name, spec in model.items() for ref in _views(name, spec).values()),
            *(op[part]["schema"] for op in operations for part in ("request", "response"))}
    assert len(refs) > 10
    for ref in sorted(refs):
        assert contracts.resolve(ref) == REGISTRY.resolver().lookup(ref).contents, ref
    open_session = contracts.resolve("virtualEventSession.schema.json#/$defs/virtualEventSession", open_types=True)
    assert open_session["additionalProperties"] is True
    assert contracts.resolve("virtualEventSession.schema.json#/$defs/virtualEventSession")["additionalProperties"] \
        is False


@pytest.mark.parametrize("name", GENERATED)
def test_views_of_one_file_share_one_property_list(name):
    """create, update and response name the same properties, each the facts' effective list, in the same order."""
    schema = SCHEMAS[name]
    if "x-derivedTypes" in schema:
        pairs = [(f"{derived}.{view}", summary["x-properties"])
                 for derived, summary in schema["x-derivedTypes"].items() for view in ("create", "update", "response")]
    else:
        pairs = [(view, schema["x-properties"]) for view in ("create", "update", "response")]
    for view, names in pairs:
        listed = [p for p in schema["$defs"][view]["properties"] if not p.startswith("@odata.")]
        assert listed == names, view


# Documented request bodies: (examples file, example name, contract, view); a listed quirk is resolved first.
DOCUMENTED = [
    ("virtualeventsroot-post-townhalls.json", "create_virtualeventtownhall", "virtualEventTownhall", "create"),
    ("virtualeventsroot-post-webinars.json", "create_virtualeventwebinar", "virtualEventWebinar", "create"),
    ("virtualeventtownhall-update.json", "update_virtualeventtownhall", "virtualEventTownhall", "update"),
    ("virtualeventwebinar-update.json", "update_virtualeventwebinar", "virtualEventWebinar", "update"),
    ("virtualevent-post-presenters.json", "create_virtualeventpresenter_internal_", "virtualEventPresenter", "create"),
    ("virtualevent-post-presenters.json", "create_virtualeventpresenter_external", "virtualEventPresenter", "create"),
    ("virtualevent-post-presenters.json", "create_virtualeventpresenter_internal_3", "virtualEventPresenter", "create"),
    ("virtualevent-post-presenters.json", "create_virtualeventpresenter_external_4", "virtualEventPresenter", "create"),
    ("virtualeventpresenter-update.json", "update_virtualeventpresenter", "virtualEventPresenter", "update"),
    ("virtualeventregistrationconfiguration-post-questions.json", "post_custom_question_virtualeventregistration",
     "virtualEventRegistrationQuestionBase", "create"),
    ("virtualeventregistrationconfiguration-post-questions.json", "post_predefined_question_virtualeventregistration",
     "virtualEventRegistrationQuestionBase", "create"),
    ("virtualeventwebinar-post-registrations.json", "create-virtualeventregistration-delegated",
     "virtualEventRegistration", "create"),
    ("virtualeventwebinar-post-registrations.json", "create-virtualeventregistration-application",
     "virtualEventRegistration", "createWithApplicationPermission"),
    ("virtualevent-setexternaleventinformation.json", "virtualeventtownhall.setexternaleventinformation",
     "virtualEvent", "action.setExternalEventInformation"),
    ("virtualevent-setexternaleventinformation.json", "virtualeventwebinar.setexternaleventinformation",
     "virtualEvent", "action.setExternalEventInformation"),
]


def documented_body(file: str, name: str) -> Any:
    page = json.loads((examples_dir() / "examples" / file).read_text(encoding="utf-8"))
    body = next(e for e in page["examples"] if e["name"] == name)["request"]["body"]
    if isinstance(body, dict) and "_rawBody" in body:
        # the page's listed quirk: "request body has a trailing comma (invalid JSON as written)"
        assert any("trailing comma" in quirk for quirk in page["quirks"]), page["quirks"]
        return json.loads(re.sub(r",\s*}", "}", body["_rawBody"]))
    return body


@pytest.mark.parametrize(("file", "name", "contract", "view"), DOCUMENTED, ids=[f"{d[0]}:{d[1]}" for d in DOCUMENTED])
def test_documented_request_body_is_accepted(file, name, contract, view):
    """The docs' own request bodies pass the view of the operation they document."""
    assert errors_of(contract, view, documented_body(file, name)) == []


def test_every_documented_create_or_update_body_is_in_the_table():
    """A docs page with a POST or PATCH body that the table above misses would go unchecked."""
    found = set()
    for path in sorted((examples_dir() / "examples").glob("*.json")):
        page = json.loads(path.read_text(encoding="utf-8"))
        for example in page.get("examples", []):
            request = example.get("request") or {}
            if request.get("method") in ("POST", "PATCH") and request.get("body"):
                found.add((path.name, example["name"]))
    assert found == {(d[0], d[1]) for d in DOCUMENTED}


def test_raw_trailing_comma_body_is_not_json_as_written():
    """The resolved quirk is real: the custom-question example does not parse before its trailing comma goes."""
    page = json.loads((examples_dir() / "examples" / DOCUMENTED[9][0]).read_text(encoding="utf-8"))
    raw = next(e for e in page["examples"] if e["name"] == DOCUMENTED[9][1])["request"]["body"]["_rawBody"]
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw)


GUEST = {"@odata.type": "#microsoft.graph.communicationsGuestIdentity", "displayName": "G", "email": "g@f.com"}
WHEN = {"dateTime": "2024-03-30T10:00:00", "timeZone": "Pacific Standard Time"}
# Bad bodies: (contract, view, body, JSON path of the error, the marker or keyword its schema carries).
BAD = [
    ("virtualEventTownhall", "create", {"displayName": "x", "status": "draft"}, ["status"], ("x-readOnly", True)),
    ("virtualEventTownhall", "create", {"id": "abc"}, ["id"], ("x-readOnly", True)),
    ("virtualEventWebinar", "create", {"createdBy": None}, ["createdBy"], ("x-readOnly", True)),
    ("virtualEventPresenter", "create", {"identity": GUEST, "email": "g@f.com"}, ["email"], ("x-readOnly", True)),
    ("virtualEventRegistration", "create", {"preferredLanguage": "en", "preferredTimezone": "UTC", "status": "x"},
     ["status"], ("x-readOnly", True)),
    ("meetingAttendanceReport", "create", {"totalParticipantCount": 3}, ["totalParticipantCount"],
     ("x-readOnly", True)),
    ("virtualEventTownhall", "update", {"audience": "everyone"}, ["audience"], ("x-notSettable", "update")),
    ("virtualEventTownhall", "update", {"isInviteOnly": True}, ["isInviteOnly"], ("x-notSettable", "update")),
    ("virtualEventWebinar", "update", {"audience": "organization"}, ["audience"], ("x-notSettable", "update")),
    ("virtualEventPresenter", "update", {"identity": GUEST}, ["identity"], ("x-notSettable", "update")),
    ("virtualEventTownhall", "create", {"capacity": 10}, ["capacity"], ("x-notSettable", "create")),
    ("virtualEventTownhall", "update", {"capacity": 10}, ["capacity"], ("x-createOnly", None)),
    ("virtualEventTownhall", "update", {"isInviteOnly": False}, ["isInviteOnly"], ("x-createOnly", True)),
    ("virtualEventRegistrationQuestionBase", "create",
     {"@odata.type": "#microsoft.graph.virtualEventRegistrationPredefinedQuestion", "label": "city",
      "displayName": "x"}, ["displayName"], ("x-notSettable", "create")),
    ("virtualEventTownhall", "create", {"audience": "public"}, ["audience"], ("validator", "enum")),
    ("virtualEventRegistrationQuestionBase", "create",
     {"@odata.type": "#microsoft.graph.virtualEventRegistrationCustomQuestion", "answerInputType": "checkbox"},
     ["answerInputType"], ("validator", "enum")),
    ("virtualEventRegistration", "create", {"preferredLanguage": "en-us"}, [], ("validator", "required")),
    ("virtualEventRegistration", "createWithApplicationPermission",
     {"preferredLanguage": "en-us", "preferredTimezone": "UTC", "email": "a@b.c"}, [], ("validator", "required")),
    ("virtualEventTownhall", "create", {"displayName": "x", "isPublic": True}, [],
     ("validator", "additionalProperties")),
    ("virtualEventRegistrationQuestionBase", "create",
     {"@odata.type": "#microsoft.graph.virtualEventRegistrationCustomQuestion", "label": "city"}, [],
     ("validator", "additionalProperties")),
    ("virtualEventRegistrationQuestionBase", "create", {"displayName": "Your team?"}, [], ("x-abstract", True)),
    ("virtualEventRegistrationQuestionBase", "create",
     {"@odata.type": "#microsoft.graph.virtualEventRegistrationQuestionBase", "displayName": "x"}, ["@odata.type"],
     ("x-discriminatorValues", ["#microsoft.graph.virtualEventRegistrationCustomQuestion",
                                "#microsoft.graph.virtualEventRegistrationPredefinedQuestion"])),
    ("virtualEventPresenter", "create", {"identity": {"id": "u1"}}, ["identity"], ("x-discriminator", "@odata.type")),
    ("virtualEventPresenter", "create", {"identity": {**GUEST, "@odata.type": "#microsoft.graph.user"}},
     ["identity", "@odata.type"], ("validator", "pattern")),
    ("virtualEventPresenter", "create", {"identity": {k: v for k, v in GUEST.items() if k != "email"}},
     ["identity"], ("validator", "required")),
    ("virtualEventTownhall", "create", {"isInviteOnly": True, "audience": "everyone"}, ["audience"],
     ("x-rule", "isInviteOnly can be true only when audience is organization")),
    ("virtualEventTownhall", "create", {"isInviteOnly": True}, [],
     ("x-rule", "isInviteOnly can be true only when audience is organization")),
    ("virtualEventTownhall", "create", {"startDateTime": {**WHEN, "dateTime": "2024-03-30T10:00:00Z"}},
     ["startDateTime", "dateTime"], ("validator", "pattern")),
    ("virtualEventTownhall", "create", {"endDateTime": {"timeZone": "UTC"}}, ["endDateTime"],
     ("validator", "required")),
    ("virtualEventRegistrationConfiguration", "create", {"capacity": 5.0}, ["capacity"], ("title", "Edm.Int32")),
    ("virtualEventRegistrationConfiguration", "update", {"capacity": 2**31}, ["capacity"], ("validator", "maximum")),
    ("virtualEvent", "action.setExternalEventInformation", {"externalEventId": "x" * 257}, ["externalEventId"],
     ("validator", "maxLength")),
    ("virtualEventRegistration", "create", {"preferredLanguage": "en", "preferredTimezone": "UTC",
                                            "externalRegistrationInformation": {"registrationId": "r" * 257}},
     ["externalRegistrationInformation", "registrationId"], ("validator", "maxLength")),
    ("virtualEventPresenter", "update", {"presenterDetails": {"photo": "aGk="}}, ["presenterDetails", "photo"],
     ("x-stream", True)),
    ("virtualEventTownhall", "create", {"coOrganizers": [None]}, ["coOrganizers", 0], ("validator", "type")),
    ("virtualEventTownhall", "update", {"invitedAttendees": [{"id": "u1"}]}, ["invitedAttendees", 0],
     ("x-discriminator", "@odata.type")),
]


@pytest.mark.parametrize(("contract", "view", "body", "where", "marker"), BAD,
                         ids=[f"{b[0]}.{b[1]}:{'/'.join(map(str, b[3])) or b[4][1]}" for b in BAD])
def test_bad_body_is_refused_with_the_marker(contract, view, body, where, marker):
    """The error mockgraph reports first sits where the table says, and its schema says why."""
    errors = errors_of(contract, view, body)
    assert errors
    first = first_in_document(errors, body)
    assert list(first.absolute_path) == where, [e.message for e in errors]
    key, value = marker
    assert (first.validator if key == "validator" else first.schema.get(key)) == value, (first.message, first.schema)


def _padded(contract: str, body: dict, schema_view: str = "response") -> dict:
    """A truncated documented reply with the annotations and the properties it leaves out (as null) added."""
    schema = SCHEMAS[f"{contract}.schema.json"]
    view = schema["$defs"][schema_view]
    odata_type = view["properties"]["@odata.type"].get("const") or body.get("@odata.type")
    out = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x/$entity", "@odata.type": odata_type}
    names = schema["x-derivedTypes"][odata_type.rsplit(".", 1)[1]]["x-properties"] if "x-derivedTypes" in schema \
        else schema["x-properties"]
    return {**out, **{name: None for name in names}, **body}


# Documented replies, padded; a listed quirk is resolved by the function beside it.
REPLIES = [
    ("virtualevent-post-presenters.json", "virtualEventPresenter", None),
    ("virtualeventpresenter-update.json", "virtualEventPresenter", None),
    ("virtualeventregistrationconfiguration-post-questions.json", "virtualEventRegistrationQuestionBase", None),
    ("virtualeventtownhall-update.json", "virtualEventTownhall", None),
    ("virtualeventwebinar-post-registrations.json", "virtualEventRegistration",
     # quirk: registrationDateTime "2023-03-07T22:04:17" has no offset though the type is Edm.DateTimeOffset
     lambda body: {**body, "registrationDateTime": body["registrationDateTime"] + "Z"}),
    ("virtualeventsroot-post-townhalls.json", "virtualEventTownhall",
     # createdBy.user carries tenantId without @odata.type; mockgraph's replies name the derived type
     lambda body: {**body, "createdBy": {**body["createdBy"], "user": {
         "@odata.type": "#microsoft.graph.communicationsUserIdentity", **body["createdBy"]["user"]}}}),
]


@pytest.mark.parametrize(("file", "contract", "resolve"), REPLIES, ids=[r[0] for r in REPLIES])
def test_documented_reply_fits_the_response_view(file, contract, resolve):
    """The docs' replies, with what a truncated example leaves out added as null, pass the response view."""
    page = json.loads((examples_dir() / "examples" / file).read_text(encoding="utf-8"))
    bodies = [e["response"]["body"] for e in page["examples"] if (e.get("response") or {}).get("body")]
    assert bodies
    for body in bodies:
        body = resolve(body) if resolve else body
        assert errors_of(contract, "response", _padded(contract, body)) == []


def test_identity_without_odata_type_is_a_plain_identity_in_replies():
    """Without @odata.type an identity is the base type, so a derived property such as tenantId is refused."""
    body = {"presenterDetails": None, "email": None, "id": "p1", "identity": {"id": "u1", "tenantId": "t"}}
    errors = errors_of("virtualEventPresenter", "response", _padded("virtualEventPresenter", body))
    assert [e.validator for e in errors] == ["additionalProperties"]


@pytest.mark.parametrize(("contract", "view", "body", "valid"), [
    *[(d[2], d[3], None, True) for d in DOCUMENTED],
    *[(b[0], b[1], b[2], False) for b in BAD],
])
def test_compiled_accept_check_agrees_with_jsonschema(contract, view, body, valid):
    """mockgraph's fastjsonschema check (accept.py) accepts exactly the bodies jsonschema accepts."""
    if body is None:
        file, name = next((d[0], d[1]) for d in DOCUMENTED if (d[2], d[3]) == (contract, view))
        body = documented_body(file, name)
    file, fragment = f"{contract}.schema.json", f"/$defs/{view}"
    for module in (module_name(file, fragment), None):  # the generated module, and the code generated here
        accepts = compile_accepts(SCHEMAS[file], fragment, module)
        assert accepts is not None
        assert accepts(body) is valid


# The session's contract: generated too, from its own facts file, under the names the mock has always used.
SESSION_FILE = MAKE.SESSION_FILE
SESSION = json.loads((CONTRACTS / SESSION_FILE).read_text(encoding="utf-8"))


def session_facts() -> Path:
    reference = shared_reference()
    if reference is None:
        pytest.skip(NO_REFERENCE)
    return reference / MAKE.SESSION_FACTS


def test_committed_session_contract_is_what_the_script_makes_now():
    """Re-running the script on virtualeventsession.types.json changes nothing in the committed session contract."""
    committed = (CONTRACTS / SESSION_FILE).read_text(encoding="utf-8")
    assert MAKE.render(MAKE.build_session_contract(session_facts())) == committed, \
        f"{SESSION_FILE} is stale: run python scripts/make_contracts.py"


def test_session_views_share_one_property_list():
    """The create body is every listed property (id only as a read-only refusal), the reply every one, in the facts'
    order."""
    names, views = SESSION["x-properties"], SESSION["$defs"]
    assert len(names) == 39 and names[0] == "id"
    body = views["virtualEventSession"]["properties"]
    assert [p for p in body if p != "@odata.type"] == names
    assert body["id"] == {"title": "no value: id is read-only (the service sets it)", "x-readOnly": True, "not": {}}
    reply = views["virtualEventSessionResponse"]
    assert [p for p in reply["properties"] if not p.startswith("@odata.")] == names
    assert reply["required"] == list(reply["properties"])


def test_session_views_the_mock_uses_resolve_in_the_file():
    """model.json's views and operations.json's refs name $defs of the session file, found under its $id too."""
    model = json.loads((CONTRACTS / "model.json").read_text(encoding="utf-8"))["types"]["virtualEventSession"]
    operations = json.loads((CONTRACTS / "operations.json").read_text(encoding="utf-8"))["operations"]
    refs = {*model["views"].values(), *(op[part]["schema"] for op in operations for part in ("request", "response"))}
    assert {"virtualEventSession.schema.json#/$defs/virtualEventSession",
            "virtualEventSession.schema.json#/$defs/virtualEventSessionResponse"} <= refs
    assert SESSION["$id"] == "urn:mockgraph:contract:virtualEventSession"
    for ref in sorted(refs):
        if ref.startswith(SESSION_FILE):
            fragment = ref.split("#", 1)[1]
            assert REGISTRY.resolver().lookup(ref).contents is not None, ref
            assert REGISTRY.resolver().lookup(SESSION["$id"] + "#" + fragment).contents is not None, ref


# The choices README "How the mock differs" documents for a session create: (body, first error's path, validator).
SESSION_BODIES = [
    ({"joinWebUrl": "https://teams.microsoft.com/l/x", "videoTeleconferenceId": "123",
      "audioConferencing": {"conferenceId": "1"}, "joinInformation": {"content": "x", "contentType": "html"}},
     None, None),
    ({"subject": "x", "id": "s1"}, ["id"], "not"),  # read-only, so refused with open types too
    ({"lobbyBypassSettings": {"scope": "invited"}}, None, None),
    ({"lobbyBypassSettings": {"scope": "anyone"}}, ["lobbyBypassSettings", "scope"], "enum"),
    ({"startDateTime": {"timeZone": "UTC"}}, ["startDateTime"], "required"),
    ({"startDateTime": {"dateTime": "2024-03-30T10:00:00Z"}}, ["startDateTime", "dateTime"], "pattern"),
    ({"capacity": 2**31}, ["capacity"], "maximum"),
    ({"capacity": 5.0}, ["capacity"], "type"),
    ({"chatInfo": {"@odata.type": "#microsoft.graph.itemBody"}}, ["chatInfo", "@odata.type"], "pattern"),
]


@pytest.mark.parametrize(("body", "where", "keyword"), SESSION_BODIES,
                         ids=[json.dumps(b[0])[:40] for b in SESSION_BODIES])
def test_session_create_view_keeps_the_documented_choices(body, where, keyword):
    """Read-only-per-docs values pass, id and out-of-contract values fail where and why the README says."""
    errors = errors_of("virtualEventSession", "virtualEventSession", body)
    if keyword is None:
        assert errors == []
        return
    first = first_in_document(errors, body)
    assert (list(first.absolute_path), first.validator) == (where, keyword), [e.message for e in errors]


def test_session_script_stops_when_the_facts_start_deciding_settability(tmp_path):
    """A readOnly or settable fact on a session property is a decision for a person, not silently followed."""
    facts = json.loads(session_facts().read_text(encoding="utf-8"))
    prop = next(p for p in facts["virtualEventSession"]["effectiveProperties"] if p["name"] == "joinWebUrl")
    prop["readOnly"] = True
    changed = tmp_path / MAKE.SESSION_FACTS
    changed.write_text(json.dumps(facts), encoding="utf-8")
    with pytest.raises(SystemExit, match="joinWebUrl"):
        MAKE.build_session_contract(changed)
