"""``mockgraph openapi``: print (or write) the OpenAPI 3.1 document of what the mock serves.

One job: the command, registered on the main group by ``cli.py`` as ``pact_cli.py`` is for ``mockgraph
pact``. The document is imported only when the command runs, so listing the commands costs nothing.
"""

from __future__ import annotations

import json

import click


@click.command("openapi")
@click.option("--server", help="Base URL to announce in 'servers', e.g. http://127.0.0.1:8000.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of stdout.")
def command(server: str | None, out: str | None) -> None:
    """Print the OpenAPI 3.1 document of the operations the mock serves (also at /_mockgraph/openapi.json)."""
    from mockgraph.openapi import document

    text = json.dumps(document(server), indent=2, ensure_ascii=False) + "\n"
    if out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        click.echo(text, nl=False)
