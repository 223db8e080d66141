"""Write the documented examples of the virtual events family into fixtures/, as files the project owns.

The Graph reference keeps each docs page's request/response examples with their ApiDoctor annotations and a list of
the page's quirks. This script turns them into plain bodies, ``fixtures/<docsPage>/<n>.request.json`` and
``<n>.response.json``, and a manifest, ``fixtures/examples.json``. Where a documented body is not something the real
service would accept or send (invalid JSON, a ``{"value": {...}}`` wrapper, placeholders, legacy properties), the
documented form is kept as ``<n>.<role>.documented.json`` (``.txt`` when it is not JSON) beside the resolved one, and
the manifest says what was changed and which quirk that answers. Every quirk of the reference is either resolved or
listed as harmless; a quirk this script has never seen stops it, so none is passed over silently. Run from anywhere:

    python scripts/import_examples.py [REFERENCE_DIR]     # default ../shared/graph-reference/virtual-events
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
MANIFEST = "examples.json"
HOST = re.compile(r"^https://graph\.microsoft\.com/(v1\.0|beta)(/.*)$")
VIRTUAL_EVENTS = "/solutions/virtualEvents/"
# The registrant of the registration examples is Emilee Pham; the town hall examples give her this user id
# (invitedAttendees in virtualeventtownhall-get.json). The docs reuse the same GUID as the registration id.
EMILEE_PHAM_USER_ID = "127962bb-84e1-7b62-fd98-1c9d39def7b6"
# onlineMeeting properties the session examples show but virtualEventSession lacks in the v1.0 metadata
# (../endpoints.md, "Quirks of the docs example"); tests check the list against virtualeventsession.types.json.
LEGACY_SESSION_PROPERTIES = ("participants", "isBroadcast", "broadcastSettings", "capabilities", "externalId")
UTC_STRING = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)Z$")
NO_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?$")
OFFSET_PROPERTIES = ("registrationDateTime", "cancelationDateTime")  # Edm.DateTimeOffset in the registration type

# How each quirk of the reference is handled: a phrase that identifies it (compared case-insensitively) and either the
# name of the change that resolves it or why it is harmless. A quirk may match several rows ("description is a plain
# string; timeZone PacificSt" is two changes).
QUIRKS: list[tuple[str, str]] = [
    ('wrapped as {"value"', "change:unwrap"),
    ("description is a plain string", "change:description"),
    ("PacificSt", "change:timezone"),
    ("startDateTime/endDateTime", "change:session-datetimes"),
    ("legacy onlineMeeting properties", "change:legacy-session"),
    ('placeholder "String"', "change:user-id"),
    ("has no offset", "change:offset"),
    ("but the response id is", "change:update-id"),
    ("trailing comma", "change:trailing-comma"),
    ("uses /beta/", "change:version"),
    ("uses /townhalls/{id}/cancel", "change:collection"),
    ("predate the virtual event paths", "the url stays the documented onlineMeeting one; operation names the "
     "virtual-events path of the same operation and urlNote says so"),
    ("shows only onlineMeeting paths", "the url stays the documented onlineMeeting one; operation names the "
     "virtual-events path of the same operation and urlNote says so"),
    ("no ApiDoctor annotations", "nothing to resolve: name and responseType are null, truncated false, as documented"),
    ("same id for a town hall as", "town halls and webinars are separate collections, so the two ids do not collide"),
    ('with "isCollection": true', "isCollection is read from the annotation, responseType is kept verbatim"),
    ("attendanceRecords property is empty", "documented behaviour (records come from $expand or their own list)"),
    ("Early beta page", "permissions are not part of the fixtures"),
    ("is a template (no host)", "the url is kept as the documented template; urlNote says what to fill in"),
    ("Records carry registrantId", "registrantId is a beta property and this is the beta example"),
    ("spelled attendancerecords", "kept as documented; urlNote says the OpenAPI spells it attendanceRecords"),
    ("Presenter id equals identity.id", "documented behaviour for in-tenant presenters"),
    ("carry no @odata.type", "a truncated example; adding a type would be invention"),
    ('typo "Kennth Brown"', "a name the directory could hold; kept exactly (the lead decides what the mock echoes)"),
    ("document the action on /townhalls/{id}/", "operation names the documented-only /townhalls|webinars path"),
    ("@odata.type without #", "Graph accepts both forms and the contracts match ^#?microsoft.graph.X$; kept"),
    ("with and without the leading #", "Graph accepts both forms and the contracts match ^#?microsoft.graph.X$; kept"),
    ("Content-type", "headers are not part of the fixtures, and header names are case-insensitive"),
    ("presenterDetails.photo", "a stream property is never in a JSON body; the example is truncated"),
    ("Documented only for webinars", "scope of the page; nothing in the bodies"),
    ("alternate-key paths", "scope of the page; nothing in the bodies"),
    ("non-contained navigation", "scope of the operation; nothing in the bodies"),
    ("Polymorphic collection", "documented behaviour; each item keeps its @odata.type"),
    ("#page.annotation", "a docs build comment; nothing in the bodies"),
    ("split into two code blocks", "the reference joined the request and its body; the request file holds the body"),
    ("discriminated by @odata.type", "documented behaviour; the request keeps its @odata.type"),
    ("has no @odata.context", "a truncated example; the mock adds the context"),
    ("Permissions block name", "permissions are not part of the fixtures"),
    ("Permissions include is", "permissions are not part of the fixtures"),
    ("no # [HTTP] tab marker", "docs markup; nothing in the bodies"),
    ("carries sampleKeys", "docs markup; the id is the one in the url"),
    ("space after the comma", "the url keeps the documented space; urlNote says the SDK sends none"),
    ("no invitedAttendees/isInviteOnly", "a truncated example"),
    ("not in the update table", "the response is the whole entity, so it shows create-only properties too"),
    ("malformed closing tag", "the content is a string the service stores as given; kept exactly"),
    ("No Optional query parameters section", "query options are not part of the fixtures"),
    ("has no ms.date", "page revision; nothing in the bodies"),
    ("has no blockType annotation", "nothing to resolve: name is null, as documented"),
    ("Only one success status is parsed", "status is per example here (201 delegated, 204 application)"),
    ("carries only registrationWebUrl", "a truncated example"),
]


def strip_trailing_commas(text: str) -> str:
    """Drop each comma that closes an array or object (outside strings), leaving everything else as written."""
    out: list[str] = []
    in_string = False
    i = 0
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                out.append(text[i:i + 2])
                i += 2
                continue
            in_string = ch != '"'
        elif ch == '"':
            in_string = True
        elif ch == ",":
            rest = text[i + 1:].lstrip(" \t\r\n")
            if rest[:1] in ("]", "}"):
                i += 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _entities(body: object) -> list[dict]:
    if isinstance(body, dict) and isinstance(body.get("value"), list):
        return [item for item in body["value"] if isinstance(item, dict)]
    return [body] if isinstance(body, dict) else []


def _walk(node: object):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _replace(entity: dict, key: str, value: object) -> None:
    """Set entity[key] keeping the key where it was, so the file reads like the page."""
    items = [(k, value if k == key else v) for k, v in entity.items()]
    entity.clear()
    entity.update(items)


def resolve_body(body: object, role: str, ctx: dict) -> tuple[object, list[tuple[str, str]]]:
    """Return the body the real service would accept or send, and (change, note) for each thing changed."""
    body = copy.deepcopy(body)
    notes: list[tuple[str, str]] = []
    if role == "request" and isinstance(body, dict) and "_rawBody" in body:
        body = json.loads(strip_trailing_commas(body["_rawBody"]))
        notes.append(("trailing-comma", "removed the comma after the last array: the documented body is not JSON, "
                                        "so the service would answer 400; the page's text is the .documented.txt"))
    if role == "response" and not ctx["isCollection"] and isinstance(body, dict) and set(body) == {"value"} \
            and isinstance(body["value"], dict):
        body = body["value"]
        notes.append(("unwrap", 'unwrapped the entity from {"value": {...}}: a GET by id returns the entity itself; '
                                '"value" holds collections only'))
    for entity in _entities(body):
        if isinstance(entity.get("description"), str):
            _replace(entity, "description", {"contentType": "text", "content": entity["description"]})
            notes.append(("description", 'description, a plain string, written as itemBody {"contentType": "text", '
                                         '"content": <the string>}: the property is an itemBody'))
        if ctx["session"]:
            for key in ("startDateTime", "endDateTime"):
                value = entity.get(key)
                match = UTC_STRING.match(value) if isinstance(value, str) else None
                if match:
                    _replace(entity, key, {"dateTime": match[1], "timeZone": "UTC"})
                    notes.append(("session-datetimes", f'{key} "{match[0]}" written as dateTimeTimeZone '
                                                       f'{{"dateTime": "{match[1]}", "timeZone": "UTC"}}: the '
                                                       "property is a dateTimeTimeZone and the Z means UTC"))
            legacy = [key for key in LEGACY_SESSION_PROPERTIES if key in entity]
            for key in legacy:
                del entity[key]
            if legacy:
                notes.append(("legacy-session", f"dropped {', '.join(legacy)}: old onlineMeeting properties that "
                                                "virtualEventSession does not have in the v1.0 metadata"))
        if entity.get("userId") == "String":
            _replace(entity, "userId", EMILEE_PHAM_USER_ID)
            notes.append(("user-id", f'userId placeholder "String" replaced by {EMILEE_PHAM_USER_ID}, the user id '
                                     "the town hall examples give the registrant, Emilee Pham"))
        for key in OFFSET_PROPERTIES:
            if isinstance(entity.get(key), str) and NO_OFFSET.match(entity[key]):
                notes.append(("offset", f'{key} "{entity[key]}" given the offset Z: the property is '
                                        "Edm.DateTimeOffset, which the service sends with an offset"))
                _replace(entity, key, entity[key] + "Z")
    for node in _walk(body):
        if node.get("timeZone") == "PacificSt":
            node["timeZone"] = "Pacific Standard Time"
            notes.append(("timezone", 'timeZone "PacificSt" (no zone has that name) written as "Pacific Standard '
                                      'Time", the zone the other examples with these dates use'))
    if role == "response" and ctx["kind"] == "update" and isinstance(body, dict) and body.get("id") != ctx["key"]:
        notes.append(("update-id", f"id {body.get('id')} replaced by {ctx['key']}, the id the request updates: "
                                   "an update returns the entity it changed"))
        _replace(body, "id", ctx["key"])
    unique = list(dict.fromkeys(notes))
    return body, unique


def _regex(template: str) -> re.Pattern:
    parts = re.split(r"(\{[^}]*\})", template)
    pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part).replace(",", r",\s*") for part in parts)
    return re.compile(pattern, re.IGNORECASE)


def match_operation(method: str, path: str, version: str, page: str, operations: list[dict]) -> dict | None:
    """The operation whose template fits the path, preferring the page's own and then the most literal template."""
    fits = [op for op in operations if op["method"] == method and version in op["apiVersions"]
            and _regex(op["path"]).fullmatch(path)]
    fits.sort(key=lambda op: (page not in op["docsPages"], -len(re.sub(r"\{[^}]*\}", "", op["path"])), op["path"]))
    return fits[0] if fits else None


def _page_operation(method: str, page: str, operations: list[dict]) -> dict:
    """For an example outside /solutions/virtualEvents: the page's virtual-events operation (the webinar tree)."""
    own = [op for op in operations if op["method"] == method and page in op["docsPages"]]
    own.sort(key=lambda op: ("/webinars/" not in op["path"], op["path"]))
    if not own:
        raise SystemExit(f"{page}: no virtual-events operation with method {method} names this page")
    return own[0]


def _url(example: dict, page: dict, notes: list[tuple[str, str]]) -> tuple[str, str]:
    hosted = HOST.match(example["request"]["url"])
    version, path = hosted.groups() if hosted else (page["apiVersion"], example["request"]["url"])
    if version == "beta" and page["apiVersion"] == "v1.0":
        version = "v1.0"
        notes.append(("version", "the documented URL's /beta/ changed to /v1.0/: this is the v1.0 page and the "
                                 "operation is the same in both versions"))
    collections = {line.split("/")[3] for line in page["httpRequest"] if line.split()[1].startswith(VIRTUAL_EVENTS)}
    segment = path.split("/")[3] if path.startswith(VIRTUAL_EVENTS) else None
    if segment in ("townhalls", "webinars") and collections and segment not in collections:
        (other,) = collections
        path = path.replace(f"/{segment}/", f"/{other}/", 1)
        notes.append(("collection", f"the documented URL's /{segment}/ changed to /{other}/: the page documents "
                                    f"the {other[:-1]} operation, and the id is the {other[:-1]} the create example "
                                    "makes"))
    return version, path


def _url_note(path: str, operation: str) -> str | None:
    if not path.startswith(VIRTUAL_EVENTS):
        return (f"the page's example calls the onlineMeeting path; operation is the same operation on a virtual event "
                f"session, {operation} (the town hall tree has the same shape)")
    if "{" in path:
        return ("the documented URL is a template: fill in the {…} ids to replay it; the docs spell the last "
                "segment attendancerecords, the OpenAPI attendanceRecords")
    if re.search(r",\s", path):
        return "the docs write a space after the comma between function parameters; the OpenAPI and the SDK send none"
    return None


def _quirk_handling(quirks: list[str], docs_page: str) -> dict[int, list[str]]:
    """For each quirk (by index) the QUIRKS rows that match it; a quirk no row matches stops the script."""
    handling: dict[int, list[str]] = {}
    for i, quirk in enumerate(quirks):
        rows = [how for phrase, how in QUIRKS if phrase.lower() in quirk.lower()]
        if not rows:
            raise SystemExit(f"{docs_page}: no rule says how to handle the quirk {quirk!r}; add one to QUIRKS")
        handling[i] = rows
    return handling


def _write_body(files: dict, folder: str, stem: str, documented: object, resolved: object, changed: bool) -> tuple:
    """Put the body (and its documented twin when it changed) in files; return (file, documented file) names."""
    name = f"{stem}.json"
    files[f"{folder}/{name}"] = _dump(resolved)
    if not changed:
        return name, None
    if isinstance(documented, dict) and "_rawBody" in documented:
        twin, text = f"{stem}.documented.txt", documented["_rawBody"].rstrip("\n") + "\n"
    else:
        twin, text = f"{stem}.documented.json", _dump(documented)
    files[f"{folder}/{twin}"] = text
    return name, twin


def _dump(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def build(reference: Path) -> dict[str, str]:
    """Every file to write, as {path relative to fixtures/: text}, the manifest included."""
    index = json.loads((reference / "examples" / "index.json").read_text(encoding="utf-8"))
    operations = json.loads((reference / "operations.json").read_text(encoding="utf-8"))["operations"]
    files: dict[str, str] = {}
    manifest = []
    for page in index["files"]:
        docs_page = page["file"].removesuffix(".json")
        source = json.loads((reference / "examples" / page["file"]).read_text(encoding="utf-8"))
        quirks = source.get("quirks") or []
        for n, example in enumerate(source["examples"], 1):
            annotation = example.get("responseAnnotation") or {}
            response_type = annotation.get("@odata.type")
            response = example["response"]
            is_collection = bool(annotation.get("isCollection")) or str(response_type).startswith("Collection(") \
                or (not annotation and isinstance((response["body"] or {}).get("value"), list))
            method = example["request"]["method"]
            url_notes: list[tuple[str, str]] = []
            version, path = _url(example, page, url_notes)
            op = match_operation(method, path, version, docs_page, operations) or _page_operation(
                method, docs_page, operations)
            ctx = {"isCollection": is_collection, "kind": op["kind"], "key": path.rsplit("/", 1)[1],
                   "session": "virtualEventSession" in str(response_type)}
            entry: dict = {"docsPage": docs_page, "n": n, "name": example.get("name"), "summary": page["operation"],
                           "method": method, "version": version, "url": path}
            if url_notes:
                entry["urlDocumented"] = example["request"]["url"]
            entry["operation"] = op["path"]
            note = _url_note(path, op["path"])
            if note:
                entry["urlNote"] = note
            entry["status"] = response["status"]
            notes = [("url", change, text) for change, text in url_notes]
            for role in ("request", "response"):
                documented = example[role]["body"]
                entry[role] = entry[f"{role}Documented"] = None
                if documented is None:
                    continue
                resolved, changes = resolve_body(documented, role, ctx)
                entry[role], entry[f"{role}Documented"] = _write_body(
                    files, docs_page, f"{n}.{role}", documented, resolved, bool(changes))
                notes += [(role, change, text) for change, text in changes]
            entry.update(responseType=response_type, isCollection=is_collection,
                         truncated=bool(annotation.get("truncated", False)))
            entry["resolved"], entry["harmless"] = _explain(notes, quirks, docs_page, n)
            entry["quirks"] = quirks
            manifest.append(entry)
    manifest.sort(key=lambda e: (e["docsPage"], e["n"]))
    files[MANIFEST] = _dump(manifest)
    return files


def _explain(notes: list[tuple[str, str, str]], quirks: list[str], docs_page: str, n: int) -> tuple[list, list]:
    """The manifest's resolved and harmless lists; each names the quirks it answers as "quirks[i]: "."""
    handling = _quirk_handling(quirks, docs_page)
    made = {change for _, change, _ in notes}
    resolved, harmless = [], []
    for where, change, text in notes:
        answered = [i for i, rows in handling.items() if f"change:{change}" in rows]
        prefix = f"quirks[{','.join(map(str, answered))}]: " if answered else ""
        resolved.append(f"{prefix}{where}: {text}")
    for i, rows in handling.items():
        for how in rows:
            if not how.startswith("change:"):
                harmless.append(f"quirks[{i}]: {how}")
            elif how[len("change:"):] not in made:
                harmless.append(f"quirks[{i}]: not in example {n}; nothing to change here")
    return resolved, harmless


def write(files: dict[str, str], out: Path = FIXTURES) -> None:
    """Write the files and remove stale ones from the folders this script owns (never the top-level fixtures)."""
    folders = {name.split("/")[0] for name in files if "/" in name}
    for folder in folders:
        for stale in (out / folder).glob("*"):
            if f"{folder}/{stale.name}" not in files:
                stale.unlink()
    for name, text in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str]) -> None:
    reference = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "graph-reference" / "virtual-events"
    if not (reference / "examples" / "index.json").is_file():
        raise SystemExit(f"no Graph reference at {reference}: expected examples/index.json and operations.json there")
    files = build(reference)
    write(files)
    print(f"wrote {len(files)} files under {FIXTURES}")


if __name__ == "__main__":
    main(sys.argv)
