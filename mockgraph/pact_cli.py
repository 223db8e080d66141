"""``mockgraph pact …``: export the contract as a pact, record one from traffic, publish to a broker.

Registered on the main command group by ``cli.py``; like it, this module may read the environment
(the broker settings are the Pact CLI's own ``PACT_BROKER_*`` variables).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import click

SPEC = click.Choice(["V3", "V4"], case_sensitive=False)


@click.group("pact")
def pact() -> None:
    """Pact files: publish mockgraph's contract, record a consumer's pact, push pacts to a broker."""


@pact.command()
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write into.")
@click.option("--consumer", default="mockgraph-consumer", show_default=True, help="Consumer name in the pact.")
@click.option("--spec", default="V4", show_default=True, type=SPEC, help="Pact specification version.")
def export(out_dir: str, consumer: str, spec: str) -> None:
    """Write <consumer>-microsoft-graph.json: the documented create and its documented failures."""
    from mockgraph.pacts import export as write

    path = _guard(lambda: write(out_dir, consumer, spec.upper()))
    click.echo(str(path))


@pact.command()
@click.option("--url", required=True, envvar="MOCKGRAPH_URL",
              help="A running mockgraph (its base URL, with or without /v1.0).")
@click.option("--consumer", required=True, help="Consumer name in the pact.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write into.")
@click.option("--spec", default="V4", show_default=True, type=SPEC, help="Pact specification version.")
@click.option("--control-token", envvar="MOCKGRAPH_CONTROL_TOKEN", help="The mock's control token, if it has one.")
def record(url: str, consumer: str, out_dir: str, spec: str, control_token: str | None) -> None:
    """Write the pact of what a consumer sent to a running mockgraph (its request journal)."""
    from mockgraph.pacts import record as write

    base = url.rstrip("/")
    for suffix in ("/v1.0", "/beta"):
        base = base.removesuffix(suffix)
    try:
        headers = {"X-MockGraph-Token": control_token} if control_token else {}
        journal_request = urllib.request.Request(base + "/_mockgraph/requests", headers=headers)
        with urllib.request.urlopen(journal_request, timeout=30) as reply:
            journal = json.load(reply)["value"]
    except (urllib.error.URLError, OSError, ValueError, KeyError) as exc:
        raise click.ClickException(f"cannot read the request journal of {base}: {exc}") from None
    if not journal:
        raise click.ClickException(f"the journal of {base} is empty: run the consumer's tests against it first")
    path = _guard(lambda: write(journal, out_dir, consumer, spec.upper()))
    click.echo(str(path))


def pact_binary() -> str | None:
    """The ``pact`` executable of pact-python-cli: beside this Python first, then on PATH."""
    beside = Path(sys.executable).parent / ("pact.exe" if os.name == "nt" else "pact")
    return str(beside) if beside.is_file() else shutil.which("pact")


def broker_command(binary: str, pacts: str, broker_url: str, version: str, branch: str | None = None,
                   tags: tuple[str, ...] = (), retries: int | None = None) -> list[str]:
    """The ``pact broker publish`` call; credentials stay in the environment, never on the command line."""
    argv = [binary, "broker", "publish", pacts, "--broker-base-url", broker_url, "--consumer-app-version", version]
    if branch:
        argv += ["--branch", branch]
    if retries is not None:
        argv += ["--retries", str(retries)]
    for tag in tags:
        argv += ["--tag", tag]
    return argv


@pact.command()
@click.argument("pacts", type=click.Path(exists=True))
@click.option("--broker-url", envvar="PACT_BROKER_BASE_URL", help="The Pact Broker (or PactFlow) base URL.")
@click.option("--version", "version", required=True, help="The consumer version the pacts belong to (a git sha).")
@click.option("--branch", help="The consumer's branch.")
@click.option("--tag", "tags", multiple=True, help="A tag for the consumer version (repeatable).")
@click.option("--retries", type=click.IntRange(0), envvar="PACT_BROKER_HTTP_RETRIES",
              help="Retries of a failed broker call (the Pact CLI backs off exponentially).  [default: 8]")
@click.option("--dry-run", is_flag=True, help="Print the broker command instead of running it.")
def publish(pacts: str, broker_url: str | None, version: str, branch: str | None, tags: tuple[str, ...],
            retries: int | None, dry_run: bool) -> None:
    """Publish pact files to a Pact Broker with the Pact CLI (token or user/password from PACT_BROKER_*)."""
    if not version.strip():  # what "$(git rev-parse HEAD)" gives outside a git checkout
        raise click.UsageError("--version is empty: give the consumer version the pacts belong to (a git sha).")
    if not broker_url:
        click.echo("mockgraph: no Pact Broker configured (set PACT_BROKER_BASE_URL or --broker-url); "
                   "nothing published.")
        return
    binary = pact_binary()
    if binary is None:
        raise click.ClickException("the Pact CLI is not installed: pip install 'mockgraph[pact]' (pact-python-cli)")
    argv = broker_command(binary, pacts, broker_url, version, branch, tags, retries)
    if dry_run:
        click.echo(" ".join(argv))
        return
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise click.ClickException(f"pact broker publish failed (exit {done.returncode}): "
                                   + (detail[-1] if detail else "no output"))
    click.echo(done.stdout.strip() or f"published {pacts} to {broker_url}")


def _guard(action):
    """pact-python missing or a bad pact: one line, not a traceback."""
    try:
        return action()
    except ImportError:
        raise click.ClickException("pact-python is not installed: pip install 'mockgraph[pact]'") from None
    except (ValueError, RuntimeError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
