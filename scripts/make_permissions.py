"""Write contracts/permissions.json: which delegated scopes and application roles each Graph operation accepts.

The reference (operations.json) quotes each docs page's permission table as text ("VirtualEvent.Read (higher:
VirtualEvent.ReadWrite)", "Not supported.", "not read ..."); this script turns it into lists, least privileged
first, so ``mockgraph.auth`` only compares names. Most operations are generated-only (no docs page) and some
pages were not read; those get a fallback, tried in this order and named in the entry's ``basis``:

1. ``sibling``: the same operation (method and path shape) documented under another of events/townhalls/webinars;
2. ``alternate key``: ``registrations(email='…')`` takes the permissions of ``registrations/{id}``;
3. ``$count``: the list it counts;
4. ``collection``: an item's GET takes its collection's list; an item's PATCH or DELETE its collection's POST;
5. ``kind default``: what every documented operation of the family asks for its kind (reads: VirtualEvent.Read
   or higher, application VirtualEvent.Read.All; attendance reads: OnlineMeetingArtifact.Read.All; writes:
   VirtualEvent.ReadWrite, no application permission).

Run from the repo root:

    python scripts/make_permissions.py [REFERENCE_DIR]     # default ../shared/graph-reference/virtual-events
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("delegated", "application")
READS = {"get", "list", "count", "function"}
FAMILIES = ("townhalls", "webinars", "events")
PREFIX = "/solutions/virtualEvents/"
#: A permission's name: "VirtualEvent.Read.All", "VirtualEventRegistration-Anon.ReadWrite.Chat".
_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:-[A-Za-z]+)?(?:\.[A-Z][A-Za-z]*)+\b")
_ALTERNATE = re.compile(r"/(\w+)\(\w+='\{\w+\}'\)")
DEFAULTS = {
    "read": {"delegated": ["VirtualEvent.Read", "VirtualEvent.ReadWrite"], "application": ["VirtualEvent.Read.All"]},
    "attendance read": {"delegated": ["OnlineMeetingArtifact.Read.All"],
                        "application": ["OnlineMeetingArtifact.Read.All", "OnlineMeetingArtifact.Read.Chat"]},
    "write": {"delegated": ["VirtualEvent.ReadWrite"], "application": []},
}


def parse(text: str | None) -> list[str] | None:
    """The names a docs cell lists, least privileged first; [] for "Not supported."; None when it was not read."""
    if not text or "not read" in text.lower():
        return None
    if text.strip().lower().startswith("not supported"):
        return []
    return list(dict.fromkeys(_NAME.findall(text)))


def shape(path: str) -> str:
    """The path with parameter names and the family segment blanked, to find the same operation elsewhere."""
    rest = re.sub(r"\{[^}]*\}", "{}", path.removeprefix(PREFIX))
    head, _, tail = rest.partition("/")
    return ("*" if head in FAMILIES else head) + ("/" + tail if tail else "")


class Table:
    """Every operation's documented permissions, and the fallback chain for the rest."""

    def __init__(self, operations: list[dict]):
        self.ops = {(op["method"], op["path"]): op for op in operations}
        self.by_shape: dict[tuple[str, str], list[dict]] = {}
        for op in operations:
            self.by_shape.setdefault((op["method"], shape(op["path"])), []).append(op)

    def documented(self, op: dict, kind: str) -> tuple[list[str], dict] | None:
        pages = [(page, cell) for page, cell in (op.get("permissions") or {}).items()
                 if op.get("docsPage") in (None, page)]
        found = [(page, parse(cell.get(kind)), cell) for page, cell in pages]
        found = [(page, names, cell) for page, names, cell in found if names is not None]
        if not found:
            return None
        names = list(dict.fromkeys(n for _, listed, _ in found for n in listed))
        basis = {"basis": "documented: " + ", ".join(page for page, _, _ in found)}
        notes = [cell[kind] for _, _, cell in found if "assumed" in cell[kind]]
        notes += [cell["conflict"] for _, _, cell in found if cell.get("conflict")]
        if notes:
            basis["note"] = " ".join(dict.fromkeys(notes))
        return names, basis

    def resolve(self, op: dict, kind: str) -> tuple[list[str], dict]:
        found = self.documented(op, kind)
        if found:
            return found
        method, path = op["method"], op["path"]
        siblings = [o for o in self.by_shape[(method, shape(path))] if o is not op and self.documented(o, kind)]
        siblings.sort(key=lambda o: FAMILIES.index(o["path"].removeprefix(PREFIX).split("/")[0]))
        if siblings:
            names = list(dict.fromkeys(n for o in siblings for n in self.documented(o, kind)[0]))
            return names, {"basis": "fallback: sibling " + ", ".join(f"{o['method']} {o['path']}" for o in siblings)}
        for rule, target in self._nearer(op):
            names, basis = self.resolve(target, kind)
            return names, {"basis": f"fallback: {rule} {target['method']} {target['path']} ({basis['basis']})"}
        default = ("attendance read" if "/attendanceReports" in path else "read") if op["kind"] in READS else "write"
        return list(DEFAULTS[default][kind]), {"basis": f"fallback: kind default ({default})"}

    def _nearer(self, op: dict):
        """Operations whose permissions stand for this one's, nearest first."""
        method, path = op["method"], op["path"]
        keyed = _ALTERNATE.sub(r"/\1/{}", path)
        if keyed != path:
            for other in self.by_shape.get((method, shape(keyed)), []):
                if other["path"].removeprefix(PREFIX).split("/")[0] == path.removeprefix(PREFIX).split("/")[0]:
                    yield "alternate key", other
                    return
        if path.endswith("/$count"):
            target = self.ops.get(("GET", path.removesuffix("/$count")))
            if target:
                yield "$count", target
                return
        collection, _, last = path.rpartition("/")
        if re.fullmatch(r"\{[^}]+\}", last):
            wanted = {"GET": "GET", "PATCH": "POST", "DELETE": "POST"}.get(method)
            target = self.ops.get((wanted, collection)) if wanted else None
            if target:
                yield "collection", target


def _documented_only(spec: dict) -> list[dict]:
    """The action paths the docs give under /townhalls/{id} and /webinars/{id}, where the operations lack them.

    (The reference lists them among its operations too, marked ``inOpenAPI: false``; older versions did not.)
    """
    out = []
    known = {(op["method"], op["path"]) for op in spec["operations"]}
    for extra in spec["documentedPathsNotInOpenAPI"]:
        family = extra["docsPathShape"].split("/")[3]
        key = {"townhalls": "{virtualEventTownhall-id}", "webinars": "{virtualEventWebinar-id}"}[family]
        path = extra["docsPathShape"].replace("{}", key)
        action = path.rsplit("/", 1)[1]
        base = next(o for o in spec["operations"]
                    if o["method"] == extra["method"] and o["path"].endswith(f"/events/{{virtualEvent-id}}/{action}"))
        if (extra["method"], path) in known:
            continue
        page = extra["docsPages"][0]
        out.append({**base, "path": path, "docsPages": extra["docsPages"], "docsPage": page})
    return out


def build(reference: Path) -> dict:
    spec = json.loads((reference / "operations.json").read_text(encoding="utf-8"))
    operations = [*spec["operations"], *_documented_only(spec)]
    table = Table(operations)
    entries = []
    for op in operations:
        entry: dict = {"method": op["method"], "path": op["path"]}
        basis: dict = {}
        for kind in KINDS:
            entry[kind], basis[kind] = table.resolve(op, kind)
        entry["basis"] = basis
        entry["fallback"] = any(b["basis"].startswith("fallback") for b in basis.values())
        status = op.get("successStatusDocumented")
        if isinstance(status, dict):
            entry["status"] = status
        entries.append(entry)
    entries.sort(key=lambda e: (re.sub(r"\{[^}]*\}", "{}", e["path"]), e["method"]))
    return {"$comment": "The delegated scopes (scp) and application roles (roles) each Graph operation of "
                        "/solutions/virtualEvents accepts, least privileged first ([] = not supported); made by "
                        "scripts/make_permissions.py from the Graph reference (its docstring explains the fallbacks "
                        "marked in 'basis'). Do not edit by hand.",
            "rsc": sorted({n for e in entries for k in KINDS for n in e[k] if n.endswith(".Chat")}),
            "operations": entries}


def main(argv: list[str]) -> None:
    reference = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "graph-reference" / "virtual-events"
    out = ROOT / "contracts" / "permissions.json"
    out.write_text(json.dumps(build(reference), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main(sys.argv)
