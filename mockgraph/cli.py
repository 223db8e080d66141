"""The command line: ``mockgraph serve`` and friends. Only this module reads the environment."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import click

from mockgraph.config import Settings
from mockgraph.openapi import command as openapi_command
from mockgraph.pact_cli import pact as pact_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mockgraph")
def main() -> None:
    """A contract-testing mock of the Microsoft Graph virtual events API."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, envvar="MOCKGRAPH_HOST",
              help="Address to bind; loopback unless you say otherwise.")
@click.option("--port", default=8000, show_default=True, envvar="MOCKGRAPH_PORT", type=int,
              help="Port to bind; 0 picks a free one (the URL printed says which).")
@click.option("--seed", type=int, envvar="MOCKGRAPH_SEED", help="Seed for generated ids and URLs.  [default: 0]")
@click.option("--workers", default=2, show_default=True, envvar="MOCKGRAPH_WORKERS", type=click.IntRange(1),
              help="Worker processes; they share one store, so they act as one server.")
@click.option("--threads", default=4, show_default=True, envvar="MOCKGRAPH_THREADS", type=click.IntRange(1),
              help="Threads per worker.")
@click.option("--accept-unknown-properties", is_flag=True, default=None,
              help="Accept and echo properties the contract does not declare, as Graph's open type does.")
@click.option("--no-auth", "require_auth", flag_value=False, default=None,
              help="Do not require an Authorization header.")
@click.option("--max-body-bytes", type=int, help="Largest request body before 413.  [default: 4 MiB]")
@click.option("--journal-size", type=int, help="Requests kept in the journal.  [default: 1000]")
@click.option("--no-control", "control", flag_value=False, default=None,
              help="Serve no /_mockgraph/ endpoints (health, reset, journal, provider states, openapi.json).")
@click.option("--control-token", help="Answer /_mockgraph/ only with this X-MockGraph-Token header "
              "(prefer MOCKGRAPH_CONTROL_TOKEN: a flag shows in ps).")
def serve(host: str, port: int, workers: int, threads: int, **settings: object) -> None:
    """Serve the mock on a production WSGI server (gunicorn), one log line per request."""
    from mockgraph.app import create_app
    from mockgraph.wsgi import run

    try:
        config = Settings.from_env(**settings)
    except (TypeError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if workers > 1 and not config.store_path:
        folder = tempfile.mkdtemp(prefix="mockgraph-")
        master = os.getpid()
        atexit.register(lambda: os.getpid() == master and shutil.rmtree(folder, ignore_errors=True))
        config = config.replace(store_path=os.path.join(folder, "state.sqlite3"))
    try:
        app = create_app(config)
    except (TypeError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    run(app, host=host, port=port, workers=workers, threads=threads,
        banner=f"seed {config.seed}, {workers} worker(s) x {threads} thread(s)")


main.add_command(openapi_command)
main.add_command(pact_group)
