"""Write mockgraph/checks/<view>.py: the compiled accept check of every contract view the mock checks bodies against.

Usage: ``python scripts/make_checks.py`` (in mockgraph's venv: it imports mockgraph and fastjsonschema), after any
change to contracts/ or to the recipe in mockgraph/accept.py. Generating a view's code costs a served worker's
first request ~16 ms (the session's create); importing the module made here, ~2 ms. tests/test_accept.py fails
while a module is missing or was made from another contract; modules of views that are gone are removed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mockgraph import accept, contracts  # noqa: E402
from mockgraph.entities import load_kinds  # noqa: E402

CHECKS = ROOT / "mockgraph" / "checks"


def views() -> list[str]:
    """Every view a request body is checked against (without open types: those are copies, generated on use)."""
    kinds = load_kinds(open_types=False).values()
    refs = {*(kind.create.ref for kind in kinds), *(kind.update.ref for kind in kinds),
            *(op.spec["request"]["schema"] for op in contracts.load_operations())}
    return sorted(refs)


def modules() -> dict[str, str]:
    """module name -> its source, for every view that fastjsonschema can compile."""
    out: dict[str, str] = {}
    for ref in views():
        file, _, fragment = ref.partition("#")
        name = accept.module_name(file, fragment)
        if name.casefold() in {made.casefold() for made in out}:  # one file name on Windows' and macOS' disks
            raise SystemExit(f"two views would share the module {name}: rename one, or change module_name")
        source = accept.generate(contracts.documents(False)[file], fragment)
        if source is not None:
            out[name] = source
    return out


def main() -> None:
    made = modules()
    for stale in CHECKS.glob("*.py"):
        if stale.name != "__init__.py" and stale.stem not in made:
            stale.unlink()
    for name, source in made.items():
        (CHECKS / f"{name}.py").write_text(source, encoding="utf-8", newline="\n")
    print(f"wrote {len(made)} modules to {CHECKS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
