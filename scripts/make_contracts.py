"""Write contracts/<type>.schema.json for each virtual-events entity type, from the Graph reference facts.

Usage: ``python scripts/make_contracts.py [REFERENCE_DIR [SESSION_FACTS]]`` (defaults
``../shared/graph-reference/virtual-events`` beside the checkout, and ``virtualeventsession.types.json`` beside that
folder). Stdlib only, so it runs before the venv exists. The output is deterministic: the same facts
always give byte-identical files, and tests/test_contracts_generated.py checks the committed files against it.

Each file is self-contained (its complex types, enums and Edm helpers are in its own ``$defs``): mockgraph's
compiled accept-only check (mockgraph/accept.py) resolves references inside one document only. Every view of an
entity (``$defs/create``, ``$defs/update``, ``$defs/response``) is built from the one list of effective properties
in the facts; a property a view must refuse is present as ``{"not": {}}`` carrying ``x-readOnly: true`` or
``x-notSettable: "create" | "update"``, so the refusal names its reason.

The session's contract (contracts/virtualEventSession.schema.json) comes from its own facts file and keeps the shape
the first release gave it, which the code, the tests and the README rely on: its ``$id`` is a URN, its views are
``$defs/virtualEventSession`` (the create body) and ``$defs/virtualEventSessionResponse`` (the reply), both built from
the one effective property list, and it makes the choices "How the mock differs" documents (see session_contract).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "graph-reference" / "virtual-events"
ENTITY_TYPES = [
    "virtualEvent", "virtualEventTownhall", "virtualEventWebinar", "virtualEventPresenter", "virtualEventRegistration",
    "virtualEventRegistrationConfiguration", "virtualEventTownhallRegistrationConfiguration",
    "virtualEventWebinarRegistrationConfiguration", "virtualEventRegistrationQuestionBase",
    "meetingAttendanceReport", "attendanceRecord",
]
# How the docs' request-body tables are worded in the facts' ``settable`` values, and what each wording means.
# An unknown wording stops the script: someone has to decide what it means.
WORDINGS = {
    "optional": {},
    "required (delegated and application)": {"required": True},
    "application permission only (required)": {"requiredWith": "application"},
    "webinar only": {"marker": {"x-settableOnlyUnder": "virtualEventWebinar"}},
    "custom questions": {"onlyOn": "virtualEventRegistrationCustomQuestion"},
}
DATE_TIME_OFFSET = ("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]"
                    "(:[0-5][0-9](\\.[0-9]{1,7})?)?")
MAX_LENGTH = re.compile(r"maximum supported length is (\d+) characters")
INVITE_ONLY_NOTE = "Can only be true if audience is organization."
SESSION = "virtualEventSession"
SESSION_FILE = f"{SESSION}.schema.json"
SESSION_FACTS = "virtualeventsession.types.json"


class Facts:
    """Every entity, complex and enum type in ``types/*.types.json``, with effective properties worked out."""

    def __init__(self, reference: Path | None = None, *, files: list[Path] | None = None) -> None:
        """Read ``reference/types/*.types.json``, or exactly ``files`` (the session's one facts file)."""
        self.types: dict[str, dict] = {}
        self.enums: dict[str, dict] = {}
        self.actions: list[dict] = []
        if files is None:
            files = sorted((reference / "types").glob("*.types.json")) if reference else []
        for path in files:
            data = json.loads(path.read_text(encoding="utf-8"))
            for name, value in data.items():
                if isinstance(value, dict) and "effectiveProperties" in value:
                    self._add(name, {**value, "properties": value["effectiveProperties"], "effective": True}, path)
            for group in ("entityTypes", "complexTypes"):
                for name, value in data.get(group, {}).items():
                    self._add(name, {**value, "effective": False}, path)
            for name, value in data.get("enumTypes", {}).items():
                self.enums.setdefault(name, value)
            self.actions += [op for op in data.get("boundOperations", []) if op["kind"] == "action"]

    def _add(self, name: str, record: dict, path: Path) -> None:
        known = self.types.get(name)
        if known is None or (record["effective"] and not known["effective"]):
            self.types[name] = record
        elif [p["name"] for p in known["properties"]] != [p["name"] for p in record["properties"]] \
                and record["effective"] == known["effective"]:
            raise SystemExit(f"{path.name}: {name} disagrees with an earlier file about its properties")

    def properties(self, name: str) -> list[dict]:
        """Effective structural properties (navigation properties dropped), in the facts' order."""
        record = self.types[name]
        props = record["properties"]
        if not record["effective"] and record.get("baseType") in self.types:
            props = self.properties(record["baseType"]) + props
        return [p for p in props if not p.get("navigation")]

    def derived(self, name: str) -> list[str]:
        return sorted(n for n, t in self.types.items() if t.get("baseType") == name)


def type_pattern(names: list[str]) -> str:
    alternatives = names[0] if len(names) == 1 else "(" + "|".join(names) + ")"
    return "^#?microsoft\\.graph\\." + alternatives + "$"


def odata_type_property(names: list[str], *, discriminator: bool = False) -> dict:
    schema = {"title": "the type name " + " or ".join(f"microsoft.graph.{n}" for n in names), "type": "string",
              "pattern": type_pattern(names), "examples": [f"#microsoft.graph.{names[0]}"]}
    if discriminator:
        schema["x-discriminatorValues"] = [f"#microsoft.graph.{n}" for n in names]
    return schema


def when_type(name: str, then: dict) -> dict:
    """Apply ``then`` when ``@odata.type`` names ``name``; an ``if`` never reports errors of its own."""
    return {"if": {"properties": {"@odata.type": {"type": "string", "pattern": type_pattern([name])}},
                   "required": ["@odata.type"]}, "then": then}


def max_length(prop: dict) -> int | None:
    found = MAX_LENGTH.search(prop.get("description", "") + " " + prop.get("docNote", ""))
    return int(found.group(1)) if found else None


class Builder:
    """Builds one file's views, adding each complex type, enum and Edm helper to ``$defs`` the first time it is used."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.defs: dict[str, Any] = {}

    def ref(self, name: str) -> dict:
        if name not in self.defs:
            self.defs[name] = None  # reserve first: complex types can refer to each other
            self.defs[name] = self._definition(name)
        return {"$ref": f"#/$defs/{name}"}

    def _definition(self, name: str) -> dict:
        if name == "Edm.Int32":
            return {"title": "Edm.Int32", "type": ["integer", "null"], "minimum": -2**31, "maximum": 2**31 - 1}
        if name == "Edm.DateTimeOffset":
            return {"title": "Edm.DateTimeOffset", "type": ["string", "null"], "format": "date-time",
                    "pattern": DATE_TIME_OFFSET + "(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$",
                    "examples": ["2024-03-30T17:00:00Z"]}
        if name in self.facts.enums:
            enum = self.facts.enums[name]
            schema = {"title": f"microsoft.graph.{name}", "enum": [*enum["members"], None]}
            if enum.get("membersAfterSentinel"):
                schema["x-membersAfterSentinel"] = enum["membersAfterSentinel"]
            return schema
        if name == "identity.any":
            return self.polymorphic(self.facts.derived("identity"), typed=False)
        if name.startswith("identity.as."):
            return self.polymorphic(name.removeprefix("identity.as.").split("."), typed=False)
        return self.complex(name)

    def complex(self, name: str) -> dict:
        record = self.facts.types[name]
        schema: dict[str, Any] = {"title": f"microsoft.graph.{name}", "type": ["object", "null"]}
        if record.get("openType"):
            schema["x-openType"] = True
        props = {"@odata.type": odata_type_property([name])}
        for prop in self.facts.properties(name):
            props[prop["name"]] = self.value(prop)
        schema["properties"] = props
        schema["additionalProperties"] = False
        required = [p["name"] for p in self.facts.properties(name) if not p["nullable"]]
        if required:
            schema["required"] = required
        return schema

    def polymorphic(self, allowed: list[str], *, typed: bool, needs: dict[str, list[str]] | None = None,
                    title: str = "") -> dict:
        """An identity slot: ``@odata.type`` picks the derived type; without it the value is a plain identity."""
        names = allowed if typed else ["identity", *allowed]
        branches = []
        for derived in names:
            then: dict[str, Any] = self.ref(derived)
            if needs and needs.get(derived):
                then = {"title": f"microsoft.graph.{derived} ({title})", "allOf": [then], "required": needs[derived]}
            branches.append(when_type(derived, then))
        if not typed:
            branches.append({"if": {"not": {"required": ["@odata.type"]}}, "then": self.ref("identity")})
        schema: dict[str, Any] = {
            "title": "microsoft.graph.identity (" + " or ".join(allowed) + ")", "type": ["object", "null"],
            "x-discriminator": "@odata.type",
            "properties": {"@odata.type": odata_type_property(names, discriminator=True)},
            "allOf": branches}
        if typed:
            schema["required"] = ["@odata.type"]
        return schema

    def value(self, prop: dict, *, slot: str | None = None) -> dict:
        """The schema of one property's value; ``slot`` names a typed identity slot of a request body."""
        kind, name, nullable = prop["typeKind"], prop["type"], prop["nullable"]
        if kind == "primitive":
            item = self.primitive(name, prop)
        elif name == "identity":
            item = self.identity_slot(prop, slot)
        else:
            item = self.ref(name)
        if not prop["collection"]:
            return item if nullable or kind == "primitive" else self.not_null(item, name)
        items = item if kind == "primitive" else self.not_null(item, name)
        if kind == "primitive":
            items = {**items, "type": items["type"][0]} if isinstance(items.get("type"), list) else items
        title = "Collection(" + (name if kind == "primitive" else f"microsoft.graph.{name}") + ")"
        return {"title": title, "type": ["array", "null"] if nullable else "array", "items": items}

    def not_null(self, schema: dict, name: str) -> dict:
        return {"title": f"microsoft.graph.{name}", "type": "object", "allOf": [schema]} if "$ref" in schema else schema

    def primitive(self, name: str, prop: dict) -> dict:
        nullable = prop["nullable"]
        if name in ("Edm.Int32", "Edm.DateTimeOffset"):
            return self.ref(name) if nullable else {"title": name, "allOf": [self.ref(name)], "not": {"type": "null"}}
        if name == "Edm.Stream":
            return {"title": f"no value: {prop['name']} is an Edm.Stream, read and written at its own URL, not in JSON",
                    "x-stream": True, "not": {}}
        kinds = {"Edm.String": "string", "Edm.Boolean": "boolean"}
        if name not in kinds:
            raise SystemExit(f"{prop['name']}: no JSON Schema for {name} yet; add it to make_contracts.py")
        if prop["name"] == "dateTime" and name == "Edm.String" and not nullable:
            return {"title": "Edm.String (a local date and time without offset)", "type": "string",
                    "pattern": DATE_TIME_OFFSET + "$", "examples": ["2024-03-30T10:00:00"]}
        schema: dict[str, Any] = {"title": name, "type": [kinds[name], "null"] if nullable else kinds[name]}
        limit = max_length(prop)
        if limit:
            schema["title"] += f" of at most {limit} characters"
            schema["maxLength"] = limit
        return schema

    def identity_slot(self, prop: dict, slot: str | None) -> dict:
        """Where the declared type is identity: the derived types the description names, else every one."""
        known = self.facts.derived("identity")
        allowed = sorted(n for n in known if re.search(rf"\b{n}\b", prop.get("description", ""))) or known
        if allowed == known:
            return self.ref("identity.any")
        if slot is None:
            return self.ref("identity.as." + ".".join(allowed))
        needs = {n: [p.strip() for p in fields.split(",")]
                 for n, fields in re.findall(r"(\w+Identity) \{([^}]*)\}", prop.get("docNote", ""))}
        if slot not in self.defs:
            self.defs[slot] = self.polymorphic(allowed, typed=True, needs=needs, title="as " + slot.rsplit(".", 1)[0])
        return {"$ref": f"#/$defs/{slot}"}


def settable(facts: Facts, type_name: str, prop: dict, view: str) -> tuple[bool, dict]:
    """Whether ``view`` ('create' or 'update') of ``type_name`` may carry ``prop``, and what the docs add to that."""
    documented = [p for p in facts.properties(type_name) if (p.get("settable") or {}).get(view) is not None]
    fact = (prop.get("settable") or {}).get(view)
    if not documented:  # no request-body table for this view: every property the service does not set
        return True, {}
    if fact is None or fact is False:
        return False, {}
    if fact is True:
        return True, {}
    if fact not in WORDINGS:
        raise SystemExit(f"{type_name}.{prop['name']}: unknown settable wording {fact!r}; add it to WORDINGS")
    meaning = WORDINGS[fact]
    if "onlyOn" in meaning and meaning["onlyOn"] != type_name:
        return False, {}
    return True, meaning


def refusal(facts: Facts, prop: dict, type_name: str, view: str, reason: str) -> dict:
    name = prop["name"]
    if reason == "readOnly":
        return {"title": f"no value: {name} is read-only (the service sets it)", "x-readOnly": True, "not": {}}
    if view == "create":
        return {"title": f"no value: {name} cannot be set when a {type_name} is created", "x-notSettable": "create",
                "not": {}}
    schema = {"title": f"no value: {name} cannot be changed by an update of a {type_name}", "x-notSettable": "update",
              "not": {}}
    if settable(facts, type_name, prop, "create")[0]:
        schema["x-createOnly"] = True  # settable when created, fixed afterwards (town hall audience, isInviteOnly)
    return schema


def request_view(facts: Facts, build: Builder, type_name: str, view: str) -> tuple[dict, dict]:
    record = facts.types[type_name]
    props: dict[str, Any] = {"@odata.type": odata_type_property([type_name])}
    required, with_application, extras = [], [], {}
    for prop in facts.properties(type_name):
        name = prop["name"]
        if prop.get("readOnly"):
            props[name] = refusal(facts, prop, type_name, view, "readOnly")
            continue
        ok, meaning = settable(facts, type_name, prop, view)
        if not ok:
            props[name] = refusal(facts, prop, type_name, view, "notSettable")
            continue
        props[name] = build.value(prop, slot=f"{type_name}.{name}.request")
        if meaning.get("marker"):
            props[name] = {"title": props[name].get("title", f"microsoft.graph.{prop['type']}"),
                           "allOf": [props[name]], **meaning["marker"]}
        if meaning.get("required") and view == "create":
            required.append(name)
        if meaning.get("requiredWith") == "application" and view == "create":
            with_application.append(name)
    body = "the request body of a create (POST)" if view == "create" else "the request body of an update (PATCH)"
    schema: dict[str, Any] = {
        "title": f"microsoft.graph.{type_name}",
        "description": f"{body[0].upper()}{body[1:]}. Properties the service sets are refused (x-readOnly), and so "
                       f"are those the docs do not let a client set here (x-notSettable).",
        "type": "object"}
    if record.get("openType"):
        schema["x-openType"] = True
    schema["properties"] = props
    if required:
        schema["required"] = sorted(required)
    schema["additionalProperties"] = False
    if view == "create" and "isInviteOnly" in props and "x-readOnly" not in props["isInviteOnly"] \
            and "x-notSettable" not in props["isInviteOnly"]:
        schema.update(invite_only_rule(facts, type_name))
    if with_application:
        extras["createWithApplicationPermission"] = {
            "title": f"microsoft.graph.{type_name} (created with application permission)",
            "x-typeName": f"microsoft.graph.{type_name}",
            "description": "The docs require these properties when the caller uses application permission.",
            "allOf": [{"$ref": "#/$defs/create"}], "required": sorted(required + with_application)}
    return schema, extras


def invite_only_rule(facts: Facts, type_name: str) -> dict:
    note = next(p.get("docNote", "") for p in facts.types[type_name]["properties"] if p["name"] == "isInviteOnly")
    if INVITE_ONLY_NOTE not in note:
        raise SystemExit(f"{type_name}.isInviteOnly: the facts no longer say {INVITE_ONLY_NOTE!r}; check the rule")
    rule = "isInviteOnly can be true only when audience is organization"
    # enum/pattern, not const: mockgraph's compiled accept check (accept.py) cannot compile const.
    return {"if": {"properties": {"isInviteOnly": {"enum": [True]}}, "required": ["isInviteOnly"]},
            "then": {"title": f"a microsoft.graph.{type_name} whose isInviteOnly is true", "x-rule": rule,
                     "properties": {"audience": {"title": f"organization ({rule})", "type": "string",
                                                 "pattern": "^organization$", "x-rule": rule}},
                     "required": ["audience"]}}


def response_view(facts: Facts, build: Builder, type_name: str) -> dict:
    props: dict[str, Any] = {
        "@odata.context": {"title": "the OData context URL", "type": "string",
                           "pattern": "^https://graph\\.microsoft\\.com/(v1\\.0|beta)/\\$metadata#"},
        "@odata.type": {"title": f"the type name #microsoft.graph.{type_name}",
                        "const": f"#microsoft.graph.{type_name}"},
    }
    for prop in facts.properties(type_name):
        if prop["name"] == "id":
            props["id"] = {"title": f"Edm.String (the {type_name} id)", "type": "string", "minLength": 1}
        else:
            props[prop["name"]] = build.value(prop)
    return {"title": f"microsoft.graph.{type_name} (as the service returns it)",
            "x-typeName": f"microsoft.graph.{type_name}",
            "description": "The entity in a reply: every structural property (null when unset) and the OData "
                           "annotations. Navigation properties are not part of it.",
            "type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def abstract_view(type_name: str, derived: list[str], view: str, *, typed: bool) -> dict:
    """The abstract type's view: ``@odata.type`` names a derived type, whose own view then checks the body."""
    branches = [when_type(d, {"$ref": f"#/$defs/{d}.{view}"}) for d in derived]
    names = derived if typed else [type_name, *derived]
    if not typed:
        branches.append({"if": {"not": {"required": ["@odata.type"]}}, "then": {"$ref": f"#/$defs/{type_name}.{view}"}})
    schema: dict[str, Any] = {
        "title": f"microsoft.graph.{type_name}",
        "description": f"{type_name} is abstract: @odata.type names the derived type, and that type's {view} view "
                       "checks the rest of the body.",
        "type": "object", "x-abstract": True, "x-discriminator": "@odata.type",
        "properties": {"@odata.type": odata_type_property(names, discriminator=True)}, "allOf": branches}
    if typed:
        schema["required"] = ["@odata.type"]
    return schema


def views(facts: Facts, build: Builder, type_name: str) -> dict:
    out: dict[str, Any] = {}
    for view in ("create", "update"):
        out[view], extras = request_view(facts, build, type_name, view)
        out.update(extras)
    out["response"] = response_view(facts, build, type_name)
    return out


def summary(facts: Facts, type_name: str) -> dict:
    props = facts.properties(type_name)
    return {"x-properties": [p["name"] for p in props], "x-readOnly": [p["name"] for p in props if p.get("readOnly")]}


def action_bodies(facts: Facts, type_name: str) -> dict:
    """Bodies of the actions bound to ``type_name`` that take parameters (setExternalEventInformation)."""
    out = {}
    limits = {p["name"]: p for t in facts.types.values() for p in t["properties"] if max_length(p)}
    for action in facts.actions:
        if action["bindingParameter"] != type_name or not action["parameters"]:
            continue
        props = {}
        for param in action["parameters"]:
            prop = {**limits.get(param["name"], {}), "name": param["name"], "nullable": param["nullable"]}
            props[param["name"]] = Builder(facts).primitive(param["type"], prop)
        out[f"action.{action['name']}"] = {
            "title": f"the body of the {action['name']} action", "type": "object",
            "properties": props, "additionalProperties": False}
    return out


def contract(facts: Facts, type_name: str) -> dict:
    record = facts.types[type_name]
    build = Builder(facts)
    head: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{type_name}.schema.json",
        "title": f"microsoft.graph.{type_name}, Microsoft Graph v1.0",
        "description": "Generated by scripts/make_contracts.py from ../shared/graph-reference/virtual-events/types; "
                       "do not edit by hand. $defs/create, $defs/update and $defs/response are the three views of "
                       "one property list.",
        **summary(facts, type_name),
    }
    if record.get("abstract"):
        derived = facts.derived(type_name)
        head["x-derivedTypes"] = {d: summary(facts, d) for d in derived}
        main = {"create": abstract_view(type_name, derived, "create", typed=True),
                "update": abstract_view(type_name, derived, "update", typed=False),
                "response": abstract_view(type_name, derived, "response", typed=True)}
        main[f"{type_name}.update"] = request_view(facts, build, type_name, "update")[0]
        for name in derived:
            for view, schema in views(facts, build, name).items():
                main[f"{name}.{view}"] = schema
    else:
        main = views(facts, build, type_name)
    main.update(action_bodies(facts, type_name))
    head["$defs"] = {**main, **{k: build.defs[k] for k in sorted(build.defs)}}
    return head


def build_contracts(reference: Path) -> dict[str, dict]:
    """File name -> schema, for every entity type the mock serves."""
    facts = Facts(reference)
    missing = [t for t in ENTITY_TYPES if t not in facts.types]
    if missing:
        raise SystemExit(f"{reference}: no facts for {', '.join(missing)}")
    return {f"{t}.schema.json": contract(facts, t) for t in ENTITY_TYPES}


def session_contract(facts: Facts) -> dict:
    """The session's two views from its one effective property list, making the choices the README documents.

    The session facts carry no request-body table (no ``settable``) and no ``readOnly`` flags, so every structural
    property but the key is a body property: joinWebUrl, audioConferencing, joinInformation and videoTeleconferenceId,
    read-only per the resource docs (their ``docNote``) but "Optional" on the documented page, are accepted and echoed
    (README: How the mock differs). ``id`` is in the body's properties as a refusal (x-readOnly), so it is refused
    with --accept-unknown-properties too (contracts.explain: "'id' is set by the service"). The types of values
    come from the same Builder as every other contract: enums with every member plus null (x-membersAfterSentinel
    for lobbyBypassScope), Edm.Int32's range, the offset-free required dateTimeTimeZone.dateTime, and an
    ``@odata.type`` pattern on every complex value.
    """
    record = facts.types.get(SESSION)
    if record is None or not record["effective"]:
        raise SystemExit(f"{SESSION_FACTS}: no effective property list for {SESSION}")
    props = facts.properties(SESSION)
    decided = [p["name"] for p in props if p.get("settable") or p.get("readOnly")]
    if decided:
        raise SystemExit(f"{SESSION}: the facts now say what {', '.join(decided)} may carry; decide whether the "
                         "session's contract should follow them (README: How the mock differs)")
    listed = record.get("effectiveBodyPropertyNames_latest")
    if listed is not None and listed != [p["name"] for p in props]:
        raise SystemExit(f"{SESSION}: effectiveProperties and effectiveBodyPropertyNames_latest disagree")
    build = Builder(facts)
    body: dict[str, Any] = {"@odata.type": odata_type_property([SESSION])}
    reply: dict[str, Any] = {
        "@odata.context": {"title": "the OData context URL", "type": "string",
                           "pattern": "^https://graph\\.microsoft\\.com/(v1\\.0|beta)/\\$metadata#"},
        "@odata.type": {"title": f"the type name #microsoft.graph.{SESSION}", "const": f"#microsoft.graph.{SESSION}"},
    }
    for prop in props:
        if prop["name"] == "id":
            body["id"] = refusal(facts, prop, SESSION, "create", "readOnly")
            reply["id"] = {"title": "Edm.String (the session id)", "type": "string", "minLength": 1}
        else:
            body[prop["name"]] = reply[prop["name"]] = build.value(prop)
    create = {
        "title": f"microsoft.graph.{SESSION}",
        "description": "The request body of a create: every body property of the v1.0 type (id is assigned by the "
                       "service). The type derives from onlineMeetingBase, an OData open type; mockgraph rejects "
                       "unknown properties unless it is started with --accept-unknown-properties.",
        "type": "object", "x-openType": True, "properties": body, "additionalProperties": False}
    response = {
        "title": f"microsoft.graph.{SESSION} (as the service returns it)",
        "description": "A created session: the server-assigned id, every body property (null when unset), and the "
                       "OData annotations.",
        "type": "object", "x-openType": True, "properties": reply, "required": list(reply),
        "additionalProperties": False}
    names = [p["name"] for p in props]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:mockgraph:contract:{SESSION}",
        "title": f"microsoft.graph.{SESSION}, Microsoft Graph v1.0",
        "description": f"Generated by scripts/make_contracts.py from ../shared/graph-reference/{SESSION_FACTS} (the "
                       "v1.0 CSDL metadata); do not edit by hand. $defs/virtualEventSession (the create body) and "
                       "$defs/virtualEventSessionResponse (the reply) are two views of one property list. Each "
                       "property's title names its OData type; complex types are nullable objects, enums list every "
                       "member plus null.",
        "x-properties": names,
        "x-readOnly": ["id"],
        # read-only per the resource docs, yet accepted in a create and echoed (README: How the mock differs)
        "x-readOnlyAccepted": [p["name"] for p in props
                               if p["name"] != "id" and p.get("docNote", "").startswith("Read-only")],
        # the views, then the types in the order the first release wrote them (Edm helpers last), so the
        # components of `mockgraph openapi` keep their order
        "$defs": {SESSION: create, f"{SESSION}Response": response,
                  **{k: build.defs[k] for k in sorted(build.defs, key=lambda k: (k.startswith("Edm."), k))}},
    }


def build_session_contract(facts_file: Path) -> dict:
    """The session's contract, from ``virtualeventsession.types.json``."""
    return session_contract(Facts(files=[facts_file]))


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    reference = Path(argv[1]) if len(argv) > 1 else DEFAULT_REFERENCE
    session_facts = Path(argv[2]) if len(argv) > 2 else reference.parent / SESSION_FACTS
    if not (reference / "types").is_dir():
        print(f"make_contracts: {reference} has no types/ folder (pass the virtual-events reference folder)",
              file=sys.stderr)
        return 2
    if not session_facts.is_file():
        print(f"make_contracts: no {session_facts} (pass the session's facts file second)", file=sys.stderr)
        return 2
    out = ROOT / "contracts"
    built = {**build_contracts(reference), SESSION_FILE: build_session_contract(session_facts)}
    for name, schema in built.items():
        (out / name).write_text(render(schema), encoding="utf-8", newline="\n")
        print(f"wrote contracts/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
