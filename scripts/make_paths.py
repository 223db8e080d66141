"""Write contracts/paths.json: every Graph operation of the virtual events family, from the reference.

mockgraph decides "Graph has this path but the mock does not serve it" (501) against "Graph has no such
path" (400) from this list, never by guessing from the paths it serves. Run from the repo root:

    python scripts/make_paths.py [REFERENCE_DIR]     # default ../shared/graph-reference/virtual-events
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATUS = {"create": 201, "get": 200, "list": 200, "count": 200, "function": 200, "update": 200,
          "delete": 204, "action": 204}


def _status(op: dict) -> int:
    documented = op.get("successStatusDocumented")
    if isinstance(documented, int):
        return documented
    return STATUS[op["kind"]]


def build(reference: Path) -> dict:
    spec = json.loads((reference / "operations.json").read_text(encoding="utf-8"))
    operations = []
    for op in spec["operations"]:
        operations.append({
            "method": op["method"], "path": op["path"], "kind": op["kind"], "versions": op["apiVersions"],
            "status": _status(op), "docs": op["docsPages"], "permissions": op.get("permissions"),
        })
    # The reference lists the documented-only action paths (townhalls/{id}/publish, ...) among its operations.
    for op, raw in zip(operations, spec["operations"], strict=True):
        if not str(raw.get("successStatusOpenAPI", "")).startswith("n/a (not an OpenAPI path"):
            continue
        op["docsOnly"] = True
    operations.sort(key=lambda o: (re.sub(r"\{[^}]*\}", "{}", o["path"]), o["method"]))
    return {"$comment": "Every operation of Graph's /solutions/virtualEvents family (v1.0 OpenAPI, beta-only ones, and "
                        "the documented-only action paths), made by scripts/make_paths.py from the Graph reference. "
                        "Do not edit by hand.",
            "operations": operations}


def main(argv: list[str]) -> None:
    reference = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "graph-reference" / "virtual-events"
    out = ROOT / "contracts" / "paths.json"
    out.write_text(json.dumps(build(reference), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main(sys.argv)
