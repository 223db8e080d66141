"""Every documented example (fixtures/examples.json) replayed against the mock, with the state it needs made first.

The state comes from the example itself: the parents its path names, and the target (or a list's members) made
from the settable properties its documented response shows, through the same requests a client would send.
The docs' examples are truncated, so a reply is compared with them as a subset: every documented property is there,
with a value of the same JSON type; what the client sent comes back exactly; what the mock made is well-formed.
"""

from __future__ import annotations

import copy
import json
import re
import uuid
from types import SimpleNamespace
from typing import Any

import pytest

from mockgraph import contracts
from mockgraph.errors import GraphError
from mockgraph.model import Operation, operations
from mockgraph.routing import Router

from .conftest import BASE, BODIES, CLOCK, EVENT_ID, FIXTURES, GUID, assert_error, fill, load

EXAMPLES = load("examples.json")
SERVED = {(op.method, op.path): op for op in operations() if op.served}
EVENT_SETS = ("events", "townhalls", "webinars")
VERSION = "v1.0"  # state is made through v1.0 whatever the example's version: the store is version-free

#: Examples whose documented reply the mock cannot give, and why. Their request bodies are still checked below.
SKIPPED: dict[str, str] = {
    "virtualevent-list-attendancerecords.beta/1": "the beta page's records carry registrantId, a beta-only property: "
                                                  "the mock serves the v1.0 types under /beta too (README: How the "
                                                  "mock differs)",
}


def _token(example: dict) -> dict[str, str]:
    """Examples named for application permissions are sent with an application token (roles, no user)."""
    if (example["name"] or "").endswith("-application"):
        from mockgraph.tokens import make_token

        return {"Authorization": "Bearer " + make_token(roles=["VirtualEvent.ReadWrite.All"], now=CLOCK)}
    return {}


def name(example: dict) -> str:
    return f"{example['docsPage']}/{example['n']}"


def operation(example: dict) -> Operation | None:
    return SERVED.get((example["method"], example["operation"]))


def served(examples: list[dict]) -> list:
    return [pytest.param(e, id=name(e)) for e in examples if operation(e) is not None]


def fixture_of(example: dict, role: str) -> Any:
    return load(f"{example['docsPage']}/{example[role]}") if example[role] else None


# -- making the state an example needs --------------------------------------------------------------------------

def settable(app, type_name: str, entity: dict, view: str) -> dict:
    """The properties of ``entity`` a client may send in a create (or update) of ``type_name``, non-null ones only."""
    kinds = app.extensions["mockgraph"].kinds
    sent = (entity.get("@odata.type") or "").lstrip("#").removeprefix("microsoft.graph.")
    kind = kinds.get(sent) if sent in kinds[type_name].derived else kinds[type_name]
    ref = kind.create.ref if view == "create" else kind.update.ref
    allowed = contracts.registry(False).resolver().lookup(ref).contents.get("properties", {})
    out = {k: _without_nulls(v) for k, v in entity.items()
           if k in allowed and "not" not in allowed[k] and v is not None and k != "@odata.type"}
    if kind is not kinds[type_name]:
        out = {"@odata.type": entity["@odata.type"], **out}
    return out


def _without_nulls(value: Any) -> Any:
    """A documented null stands for any value, so the state made from it leaves the property to the service."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


class Stage:
    """The ids the mock made for an example, by the documented value they stand for, and what was sent to make them."""

    def __init__(self, api, app, op: Operation, example: dict):
        self.api, self.app, self.op, self.example = api, app, op, example
        self.ids: dict[str, str] = {}
        self.sent: list[dict] = []    # per documented entity (the target, or each member of a list)

    def substitute(self, value: Any) -> Any:
        """``value`` (a URL or a body) with each documented id replaced by the one the mock made."""
        text = json.dumps(value)
        for documented, made in self.ids.items():
            text = text.replace(documented, made)
        return json.loads(text)

    def questions(self, event: str, body: dict) -> None:
        """Answers name questions: make one for each documented question id, so the answers can name it."""
        for answer in body.get("registrationQuestionAnswers") or []:
            qid = answer.get("questionId")
            if qid and qid not in self.ids:
                kind = "boolean" if answer.get("booleanValue") is not None else "multiChoice"
                question = {"@odata.type": "#microsoft.graph.virtualEventRegistrationCustomQuestion",
                            "displayName": answer.get("displayName") or f"Question {qid[:8]}",
                            "answerInputType": kind, "answerChoices": answer.get("multiChoiceValues") or []}
                self.ids[qid] = self.api.question(event, question)

    def make(self, collection: str, step, documented: dict | None) -> str:
        """Make one entity of ``step``'s set in ``collection`` from a documented entity; return its id."""
        api, documented = self.api, documented or {}
        if step.nav in ("attendanceReports", "attendanceRecords"):
            kind = self.app.extensions["mockgraph"].kinds[step.type]
            entity = {k: v for k, v in documented.items() if k in kind.keys and k != "id" and not k.startswith("@")}
            made = api.put(collection, entity)
            self.sent.append(entity)
        elif step.nav == "sessions":  # the event's own session, changed to look like the documented one
            made = api.session_of(self.event)
            self.patch(f"{BASE}/events/{self.event}/sessions/{made}", step.type, documented)
        elif step.nav == "registrationConfiguration":
            made = None
            self.patch(collection, step.type, documented)
        else:
            family = "townhalls" if step.nav == "events" else step.nav
            body = settable(self.app, step.type, documented, "create")
            body = body if "@odata.type" in body else {**copy.deepcopy(BODIES[family]), **body}
            identity = body.get("identity")
            if isinstance(identity, dict) and "@odata.type" not in identity:  # lists show none; a create needs one
                guest = "email" in identity and "tenantId" not in identity
                identity["@odata.type"] = f"#microsoft.graph.communications{'Guest' if guest else 'User'}Identity"
            if "registrationQuestionAnswers" in body:
                self.questions(self.event, body)
                body = self.substitute(body)
            made = api.made(collection, body)["id"]
            self.sent.append(body)
            if step.nav in EVENT_SETS:
                api.families[made] = family
                self.event_state(made, documented)
        if documented.get("id") and made:
            self.ids[documented["id"]] = made
        return made

    def patch(self, path: str, type_name: str, documented: dict) -> None:
        body = settable(self.app, type_name, documented, "update")
        if body:
            response = self.api.call("PATCH", path, body)
            assert response.status_code == 200, response.get_data(as_text=True)
        self.sent.append(body)

    def event_state(self, event: str, documented: dict) -> None:
        """The documented status and external event information, made by the actions that make them."""
        path = f"{BASE}/events/{event}"
        for info in documented.get("externalEventInformation") or []:
            response = self.api.call("POST", f"{path}/setExternalEventInformation",
                                     {"externalEventId": info.get("externalEventId")})
            assert response.status_code == 204, response.get_data(as_text=True)
        action = {"published": "publish", "canceled": "cancel"}.get(documented.get("status"))
        if action:
            assert self.api.call("POST", f"{path}/{action}").status_code == 204
        organizer = ((documented.get("createdBy") or {}).get("user") or {}).get("id")
        if organizer:
            self.ids[organizer] = self.api.entity(path)["createdBy"]["user"]["id"]

    def build(self) -> dict[str, str]:
        """Make the parents, then the target or the list's members; the path's parameters, filled."""
        op, example = self.op, self.example
        documented = fixture_of(example, "response")
        steps = op.steps
        target_keyed = op.kind in ("get", "update", "delete", "action") and steps[-1].keyed
        parents = steps[:-1] if target_keyed or op.kind in ("list", "create", "count") else steps
        params = self.api.realize(SimpleNamespace(steps=parents, kind="get"))
        self.event = params.get(steps[0].key) if steps[0].key else None
        if op.kind == "function":
            collection = f"{BASE}/{steps[0].nav}"
            for member in documented["value"]:
                self.make(collection, steps[0], member)
            params["userId"] = self.ids.get(_documented_params(example).get("userId"), "")
            params["role"] = _documented_params(example).get("role", "organizer")
        elif op.kind == "list":
            collection = f"/{VERSION}{fill(_collection_template(op), params)}"
            members = documented["value"] if documented else []
            for member in members:
                self.make(collection, steps[-1], member)
        elif target_keyed:
            collection = f"/{VERSION}{fill(_collection_template(op), params)}"
            made = self.make(collection, steps[-1], documented)
            if steps[-1].key:
                params[steps[-1].key] = made
        for param, documented_value in _documented_params(example).items():
            if param in params and documented_value != params[param]:
                self.ids.setdefault(documented_value, params[param])
        return params


def _collection_template(op: Operation) -> str:
    """The path of the set ``op``'s target is in (the op's own path for a list)."""
    path = op.path
    if op.kind == "action":
        path = path.rsplit("/", 1)[0]
    if op.kind in ("get", "update", "delete", "action") and op.target.key:
        path = path.rsplit("/", 1)[0]
    return path


_ROUTER = Router(operations())


def _documented_params(example: dict) -> dict[str, str]:
    """The parameters the documented URL gives (none when it is not a virtual events path)."""
    try:
        return _ROUTER.resolve(example["method"], f"/{example['version']}{example['url']}").params
    except GraphError:
        return {}


def request_url(stage: Stage, params: dict[str, str]) -> str:
    """The documented URL with the mock's ids in it; the operation's own path where the docs show another one."""
    example = stage.example
    if not _documented_params(example) and "{" not in example["url"]:
        return f"/{example['version']}{fill(example['operation'], params)}"
    url = f"/{example['version']}{example['url']}"
    for param, documented in _documented_params(example).items():
        if param in params:
            url = url.replace(documented, params[param])
    return url


# -- checking a reply --------------------------------------------------------------------------------------------

def json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}[type(value)]


def shape_problems(documented: Any, got: Any, where: str = "$") -> list[str]:
    """Where ``got`` lacks a documented property or holds another JSON type (a documented null stands for any)."""
    if documented is None:
        return []
    if json_kind(documented) != json_kind(got):
        return [f"{where}: documented {json_kind(documented)}, got {json_kind(got)} ({got!r:.80})"]
    out = []
    if isinstance(documented, dict):
        for key, value in documented.items():
            if key.startswith("@") and not (where == "$" and key == "@odata.type"):
                continue  # annotations inside values are the docs' notes, not properties
            if key not in got:
                out.append(f"{where}.{key}: documented, missing")
            else:
                out += shape_problems(value, got[key], f"{where}.{key}")
    elif isinstance(documented, list):
        if documented and not got:
            out.append(f"{where}: documented with members, got []")
        for i, (doc_item, got_item) in enumerate(zip(documented, got, strict=False)):
            out += shape_problems(doc_item, got_item, f"{where}[{i}]")
    return out


def echo_problems(sent: Any, got: Any, where: str = "$") -> list[str]:
    """Where a value the client sent does not come back as sent (objects may gain what the service adds)."""
    if isinstance(sent, dict) and isinstance(got, dict):
        out = []
        for key, value in sent.items():
            if key == "@odata.type":
                continue
            out += echo_problems(value, got.get(key), f"{where}.{key}") if key in got else [f"{where}.{key}: missing"]
        return out
    if isinstance(sent, list) and isinstance(got, list) and len(sent) == len(got):
        return [p for i, (s, g) in enumerate(zip(sent, got, strict=True)) for p in echo_problems(s, g, f"{where}[{i}]")]
    return [] if sent == got else [f"{where}: sent {sent!r:.80}, got {got!r:.80}"]


def expected_context(op: Operation, params: dict[str, str], version: str, entity: bool) -> tuple[str, ...]:
    """The @odata.context forms that name the set the reply is from (``…/set/$entity`` or ``…/set('id')``)."""
    parts = ["solutions", "virtualEvents"]
    for i, step in enumerate(op.steps):
        if step.key and i < len(op.steps) - 1:
            parts.append(f"{step.nav}('{params[step.key]}')")
        else:
            parts.append(step.nav)
    base = f"https://graph.microsoft.com/{version}/$metadata#{'/'.join(parts)}"
    if not entity:
        return (base,)
    keyed = op.target.key and params.get(op.target.key)
    return (f"{base}/$entity",) + ((f"{base}('{params[op.target.key]}')",) if keyed else ())


def id_problems(op: Operation, entity: dict) -> list[str]:
    if "id" not in entity:
        return []
    pattern = EVENT_ID if entity.get("@odata.type", "").endswith(("Townhall", "Webinar")) else GUID
    return [] if pattern.match(entity["id"]) else [f"$.id: {entity['id']!r} is not a well-formed id"]


def check_headers(response, client_request_id: str) -> None:
    assert GUID.match(response.headers["request-id"])
    assert response.headers["client-request-id"] == client_request_id
    if response.status_code < 400:
        assert response.headers["OData-Version"] == "4.0"
    if response.get_data():
        assert response.headers["Content-Type"].startswith("application/json"), response.headers["Content-Type"]


# -- the tests ---------------------------------------------------------------------------------------------------

def test_every_example_names_a_served_operation():
    """Each documented example is of an operation the mock serves, so none is left out of the walk."""
    assert [name(e) for e in EXAMPLES if operation(e) is None] == []


def test_skips_are_few_and_real():
    """The skip table names real examples, each with a reason."""
    names = {name(e) for e in EXAMPLES}
    assert set(SKIPPED) <= names and len(SKIPPED) <= 3
    assert all(len(reason) > 20 for reason in SKIPPED.values())


@pytest.mark.parametrize("example", served(EXAMPLES))
def test_example_replays(api, app, example):
    """The documented request, on the state it needs, answers the documented status, headers and body shape."""
    if name(example) in SKIPPED:
        pytest.skip(SKIPPED[name(example)])
    op = operation(example)
    stage = Stage(api, app, op, example)
    params = stage.build()
    body = stage.substitute(fixture_of(example, "request")) if example["request"] else None
    if body and "registrationQuestionAnswers" in body:
        stage.questions(stage.event, body)
        body = stage.substitute(body)
    client_request_id = str(uuid.uuid4())
    response = api.call(example["method"], request_url(stage, params), body,
                        headers={"client-request-id": client_request_id, **_token(example)})
    assert response.status_code == example["status"], response.get_data(as_text=True)
    check_headers(response, client_request_id)
    documented = fixture_of(example, "response")
    if documented is None:
        assert response.get_data() == b""
        return
    got = response.get_json()
    problems = shape_problems(documented, got)
    if example["isCollection"]:
        assert len(got["value"]) == len(documented["value"]), got["value"]
        members = got["value"]
        sent = stage.sent if op.kind in ("list", "function") else []
    else:
        members = [got]
        sent = [body] if body is not None else stage.sent[-1:]
    for made, sent_body in zip(members, sent, strict=False):  # sent is shorter where a member was not made from a body
        problems += echo_problems(sent_body, made)
    for member in members:
        problems += id_problems(op, member)
    contexts = expected_context(op, params, example["version"], entity=not example["isCollection"])
    assert got["@odata.context"] in contexts, (got["@odata.context"], contexts)
    assert problems == []
    if response.status_code == 201:
        location = response.headers["Location"].removeprefix("http://localhost")
        again = api.get(location)
        assert again.status_code == 200, again.get_data(as_text=True)
        assert again.get_json() == got


@pytest.mark.parametrize("example", served([e for e in EXAMPLES if e["request"]]))
def test_documented_request_is_accepted(api, app, example):
    """Every documented request body is accepted (2xx) on the state its example needs."""
    stage = Stage(api, app, operation(example), example)
    params = stage.build()
    body = stage.substitute(fixture_of(example, "request"))
    if "registrationQuestionAnswers" in body:
        stage.questions(stage.event, body)
        body = stage.substitute(body)
    response = api.call(example["method"], request_url(stage, params), body)
    assert 200 <= response.status_code < 300, response.get_data(as_text=True)


def _not_a_value(example: dict) -> bool:
    """The manifest resolved the documented request because the docs' text is not JSON at all."""
    return bool(example["requestDocumented"]) and any(
        re.search(r"request: .*not JSON", line) for line in example["resolved"])



@pytest.mark.parametrize("example", served([e for e in EXAMPLES if _not_a_value(e)]))
def test_documented_request_that_is_not_json_is_refused(api, app, example):
    """The docs' own text of a request that is not JSON is refused with 400, in the envelope, naming where (line and
    column: a body that does not parse has no JSON path)."""
    raw = (FIXTURES / example["docsPage"] / example["requestDocumented"]).read_bytes()
    with pytest.raises(ValueError):
        json.loads(raw)
    stage = Stage(api, app, operation(example), example)
    params = stage.build()
    url = request_url(stage, params)
    before = api.get(url).get_json() if example["method"] == "POST" else None
    response = api.call(example["method"], url, data=raw)
    message = assert_error(response, 400, "BadRequest")
    if before is not None:
        assert api.get(url).get_json() == before
    assert re.search(r"line \d+, column \d+", message), message


def test_there_is_a_documented_request_that_is_not_json():
    """The walk above has something to walk (the questions page's trailing comma)."""
    assert [name(e) for e in EXAMPLES if _not_a_value(e)] == ["virtualeventregistrationconfiguration-post-questions/1"]
