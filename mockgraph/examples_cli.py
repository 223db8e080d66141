"""``mockgraph examples``: list the documented example bodies shipped in fixtures/, or print one byte for byte.

One job: the command and what it reads, the example files by name and what ``fixtures/examples.json``
says of each. Registered on the main group by ``cli.py``; a name that is not an example is one line
(``CliError``) suggesting the closest names.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import click

from mockgraph.cli_options import CliError

MANIFEST = "examples.json"
#: The manifest's keys that name a file of an example, and what that file is.
_ROLES = {"request": "request", "requestDocumented": "request as documented",
          "response": "response", "responseDocumented": "response as documented"}


def example_files() -> dict[str, Path]:
    """The documented bodies shipped in fixtures/, by name: the path below the folder, without ``.json``."""
    from mockgraph.contracts import data_path

    folder = data_path("fixtures")
    files = {path.relative_to(folder).as_posix().removesuffix(".json"): path for path in folder.rglob("*.json")}
    files.pop(MANIFEST.removesuffix(".json"), None)
    return dict(sorted(files.items()))


def example_descriptions() -> dict[str, str]:
    """What fixtures/examples.json says of each example file (method, version, summary, role); else nothing.

    Each manifest entry is one example of a docs page: its folder (``docsPage``) and the files in it.
    """
    from mockgraph.contracts import data_path

    try:
        manifest = json.loads((data_path("fixtures") / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found = {}
    for entry in manifest if isinstance(manifest, list) else []:
        if not isinstance(entry, dict):
            continue
        about = " ".join(str(entry[key]) for key in ("method", "version", "summary") if entry.get(key))
        for key, role in _ROLES.items():
            file = entry.get(key)
            if isinstance(file, str) and file.endswith(".json"):
                name = f"{entry['docsPage']}/{file}" if entry.get("docsPage") else file
                found[name.removesuffix(".json")] = f"{about}: {role}" if about else role
    return found


@click.command(short_help="List the documented example bodies, or print one.")
@click.argument("name", required=False)
def examples(name: str | None) -> None:
    """List the documented example bodies shipped with mockgraph, or print the one called NAME.

    \b
    From any folder, send one to a served mock:
      mockgraph examples virtualEventSession.create.request.minimal |
        curl -X POST URL -H 'Content-Type: application/json' -H 'Authorization: Bearer x' -d @-
    """
    files = example_files()
    if name is None:
        descriptions = example_descriptions()
        width = max(map(len, files), default=0)
        for known in files:
            click.echo(f"{known:{width}}  {descriptions[known]}" if known in descriptions else known)
        return
    path = files.get(name.removesuffix(".json"))
    if path is None:
        raise CliError(f"no example is called {name!r}; {_close_to(name, list(files))}")
    sys.stdout.buffer.write(path.read_bytes())  # the file's bytes exactly: no newline added or translated


def _close_to(name: str, names: list[str]) -> str:
    lowered = name.lower().removesuffix(".json")
    close = [n for n in names if lowered in n.lower()] or difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    if close:
        return f"did you mean {' or '.join(close[:3])}? ('mockgraph examples' lists them all)"
    return "'mockgraph examples' lists them all"
