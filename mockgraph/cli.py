"""The command line: ``mockgraph serve`` and friends. Only this module reads the environment.

A bad setting is one line, ``mockgraph: ...``, naming where the value came from (the flag, or
the ``MOCKGRAPH_*`` variable) and exit status 2: a newcomer should see what to change, not a
traceback or a page of server log.
"""

from __future__ import annotations

import atexit
import difflib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import click
from click.core import ParameterSource

from mockgraph.config import Settings, parse_bool, parse_int
from mockgraph.openapi import command as openapi_command
from mockgraph.pact_cli import pact as pact_group
from mockgraph.ports import PORTS, BindError, bind

MANIFEST = "examples.json"


class CliError(click.ClickException):
    """A mistake in how mockgraph was called (a setting, a name): one line, and exit status 2 as for usage errors."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"mockgraph: {self.format_message()}", file=file, err=file is None)


def setting(ctx: click.Context, name: str) -> str:
    """How the user set parameter ``name``: its flag, its variable, or (by default) both, to say how to change it."""
    param = next(p for p in ctx.command.params if p.name == name)
    flag = max(param.opts, key=len)
    source = ctx.get_parameter_source(name)
    if source is ParameterSource.ENVIRONMENT:
        return str(param.envvar)
    if source is ParameterSource.COMMANDLINE:
        return flag
    return f"{flag} / {param.envvar}"


class _Option(click.Option):
    """An option that shows its variable in --help and reports a bad value as one line naming its source."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("show_envvar", True)
        super().__init__(*args, **kwargs)

    def process_value(self, ctx: click.Context, value):
        try:
            return super().process_value(ctx, value)
        except click.BadParameter as exc:
            raise CliError(f"{setting(ctx, self.name)}: {exc.message}") from None


class _Integer(click.ParamType):
    """A whole number read as ``Settings.from_env`` reads one, within bounds."""

    name = "integer"

    def __init__(self, low: int | None = None, high: int | None = None, expected: str | None = None):
        self.low, self.high = low, high
        self.expected = expected or ("a whole number" if low is None else f"{low} or more" if high is None
                                     else f"{low} to {high}")

    def convert(self, value, param, ctx) -> int:
        try:
            number = value if isinstance(value, int) else parse_int(value)
        except ValueError as exc:
            self.fail(f"{exc}; use {self.expected}", param, ctx)
        if (self.low is not None and number < self.low) or (self.high is not None and number > self.high):
            self.fail(f"{number} is out of range; use {self.expected}", param, ctx)
        return number


class _RateLimit(click.ParamType):
    """N/S: at most N Graph requests in each window of S seconds (checked as create_app checks it)."""

    name = "N/S"

    def convert(self, value, param, ctx) -> str:
        from mockgraph.faults import parse_rate

        try:
            parse_rate(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        return value


class _Boolean(click.types.BoolParamType):
    """A switch's variable, spelled as ``Settings.from_env`` reads booleans (true/false, 1/0, yes/no, on/off)."""

    def convert(self, value, param, ctx) -> bool:
        try:
            return value if isinstance(value, bool) else parse_bool(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class _Group(click.Group):
    """Lists each command with its whole summary, wrapped, where click would cut it off with '...'."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, command.get_short_help_str(limit=1000)) for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def option(*decls: str, **attrs):
    return click.option(*decls, cls=_Option, **attrs)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mockgraph")
def main() -> None:
    """A contract-testing mock of the Microsoft Graph virtual events API."""


@main.command(short_help="Serve the mock on gunicorn, one log line per request.")
@option("--host", default="127.0.0.1", show_default=True, envvar="MOCKGRAPH_HOST",
        help="Address to bind; loopback unless you say otherwise.")
@option("--port", default=8000, show_default=True, envvar="MOCKGRAPH_PORT", type=_Integer(0, 65535, PORTS),
        help="Port to bind; 0 picks a free one (the URL printed says which).")
@option("--seed", default=Settings.seed, show_default=True, type=_Integer(), envvar="MOCKGRAPH_SEED",
        help="Seed for generated ids and URLs.")
@option("--workers", default=2, show_default=True, envvar="MOCKGRAPH_WORKERS", type=_Integer(1),
        help="Worker processes; they share one store, so they act as one server.")
@option("--threads", default=4, show_default=True, envvar="MOCKGRAPH_THREADS", type=_Integer(1),
        help="Threads per worker.")
@option("--accept-unknown-properties/--reject-unknown-properties", default=Settings.accept_unknown_properties,
        show_default=True, type=_Boolean(), envvar="MOCKGRAPH_ACCEPT_UNKNOWN_PROPERTIES",
        help="Accept and echo properties the contract does not declare, as Graph's open type does.")
@option("--require-auth/--no-auth", default=Settings.require_auth, show_default=True, type=_Boolean(),
        envvar="MOCKGRAPH_REQUIRE_AUTH", help="Require a Bearer token (its contents are never checked).")
@option("--check-permissions/--no-check-permissions", default=Settings.check_permissions, show_default=True,
        type=_Boolean(), envvar="MOCKGRAPH_CHECK_PERMISSIONS",
        help="Read the token as a JWT (signature unchecked): 401 if expired or not for Graph, 403 unless its scp or "
             "roles hold a permission the operation accepts ('mockgraph token' makes one).")
@option("--max-body-bytes", default=Settings.max_body_bytes, show_default=True, type=_Integer(1),
        envvar="MOCKGRAPH_MAX_BODY_BYTES", help="Largest request body, in bytes, before 413.")
@option("--max-json-depth", default=Settings.max_json_depth, show_default=True, type=_Integer(1),
        envvar="MOCKGRAPH_MAX_JSON_DEPTH", help="Deepest JSON nesting before 400.")
@option("--journal-size", default=Settings.journal_size, show_default=True, type=_Integer(0),
        envvar="MOCKGRAPH_JOURNAL_SIZE", help="Requests kept in the journal, oldest dropped first.")
@option("--control/--no-control", default=Settings.control, show_default=True, type=_Boolean(),
        envvar="MOCKGRAPH_CONTROL",
        help="Serve the /_mockgraph/ endpoints (health, reset, journal, provider states, openapi.json).")
@option("--rate-limit", envvar="MOCKGRAPH_RATE_LIMIT", type=_RateLimit(),
        help="Throttle like Graph: past N requests in S seconds (e.g. 10/1), 429 with Retry-After.")
@option("--control-token", envvar="MOCKGRAPH_CONTROL_TOKEN", help="Answer /_mockgraph/ only with this "
        "X-MockGraph-Token header (prefer the variable: a flag shows in ps).")
@option("--data", envvar="MOCKGRAPH_DATA", type=click.Path(dir_okay=False),
        help="A JSON file of entities to preload ({\"townhalls\": [...]}), checked against the contracts.")
@option("--store", envvar="MOCKGRAPH_STORE", metavar="URL",
        help="Where state lives: memory: (one worker), sqlite:///path (the workers of this host; kept across "
             "restarts), redis://[:password@]host:port/db[?namespace=NAME] (several hosts as one). "
             "Default: a temporary SQLite file with several workers, memory with one.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int, threads: int, **settings: object) -> None:
    """Serve the mock on a production WSGI server (gunicorn), one log line per request.

    Other settings come from their MOCKGRAPH_* variables (see the README).
    """
    try:
        config = Settings.from_env(**settings)
    except (TypeError, ValueError) as exc:
        raise CliError(str(exc)) from None
    try:
        sock = bind(host, port, host_setting=setting(ctx, "host"), port_setting=setting(ctx, "port"))
    except BindError as exc:
        raise CliError(str(exc)) from None
    where = setting(ctx, "store") if config.store else "MOCKGRAPH_STORE_PATH"
    if workers > 1 and config.store and config.store.lower().startswith("memory:"):
        raise CliError(f"{where}: {config.store} keeps state in one process, so {workers} workers would each "
                       "answer as another Graph; use sqlite:///path or redis://host:port/db, or --workers 1")
    if workers > 1 and not config.store_url:
        folder = tempfile.mkdtemp(prefix="mockgraph-")
        master = os.getpid()
        atexit.register(lambda: os.getpid() == master and shutil.rmtree(folder, ignore_errors=True))
        config = config.replace(store_path=os.path.join(folder, "state.sqlite3"))
    from mockgraph.app import create_app
    from mockgraph.stores import StoreUnavailable, open_store

    try:
        store = open_store(config.store_url, config.journal_size, config.max_entities)
    except StoreUnavailable as exc:  # a Redis that is down, or not where the URL says
        raise CliError(f"cannot reach {exc.what} ({where}): {exc.reason}") from None
    except ValueError as exc:  # an unknown scheme, a URL without a file, no Redis client installed
        raise CliError(f"{where}: {exc}") from None
    except (sqlite3.Error, OSError) as exc:  # a SQLite file in a folder that is not there, or not a database
        raise CliError(f"cannot open the store {config.store_url} ({where}): {exc}") from None
    try:
        app = create_app(config, store=store)
    except (TypeError, ValueError, OSError) as exc:
        raise CliError(str(exc)) from None
    from mockgraph.wsgi import run

    kind = store.describe()["kind"]
    run(app, host=host, port=port, workers=workers, threads=threads, sock=sock,
        banner=f"seed {config.seed}, {workers} worker(s) x {threads} thread(s), {kind} store")


def example_files() -> dict[str, Path]:
    """The documented bodies shipped in fixtures/, by name: the path below the folder, without ``.json``."""
    from mockgraph.contracts import data_path

    folder = data_path("fixtures")
    files = {path.relative_to(folder).as_posix().removesuffix(".json"): path for path in folder.rglob("*.json")}
    files.pop(MANIFEST.removesuffix(".json"), None)
    return dict(sorted(files.items()))


#: The manifest's keys that name a file of an example, and what that file is.
_ROLES = {"request": "request", "requestDocumented": "request as documented",
          "response": "response", "responseDocumented": "response as documented"}


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


@main.command(short_help="List the documented example bodies, or print one.")
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


@main.command(short_help="Print an access token (a JWT, not really signed) for curl and --check-permissions.")
@click.option("--scopes", multiple=True, help="Delegated permissions (the scp claim), e.g. VirtualEvent.ReadWrite; "
              "repeat the flag or separate them with spaces or commas.")
@click.option("--roles", multiple=True, help="Application permissions (the roles claim), e.g. VirtualEvent.Read.All; "
              "a token with roles and no scopes is an application token.")
@click.option("--user", help="The signed-in user's object id (oid): the organizer of what the token creates.")
@click.option("--expires-in", default=3600, show_default=True, type=_Integer(), help="Seconds until it expires "
              "(negative: expired already).")
@click.option("--tenant", help="The tenant id (tid).")
@click.option("--app-id", help="The calling application's id (appid).")
@click.option("--audience", default="https://graph.microsoft.com", show_default=True, help="The aud claim.")
@click.option("--now", help="Issue it at this ISO 8601 instant (the mock's MOCKGRAPH_CLOCK, if you pinned it).")
def token(scopes: tuple[str, ...], roles: tuple[str, ...], user: str | None, expires_in: int, tenant: str | None,
          app_id: str | None, audience: str, now: str | None) -> None:
    """Print an access token for Microsoft Graph shaped like Entra's, signed HS256 with mockgraph's published dummy key.

    \b
    A served mock with --check-permissions reads its claims and never its signature:
      curl URL -H "Authorization: Bearer $(mockgraph token --scopes VirtualEvent.ReadWrite)"
    """
    from mockgraph.tokens import epoch, make_token

    if not scopes and not roles:
        raise CliError("give --scopes (a delegated token) or --roles (an application token)")
    try:
        epoch(now)
    except ValueError:
        raise CliError(f"--now: {now!r} is not an ISO 8601 instant (use e.g. 2024-06-01T12:00:00Z)") from None
    try:
        click.echo(make_token(scopes, roles, user=user, tenant=tenant, app_id=app_id, expires_in=expires_in,
                              audience=audience, now=now))
    except ValueError as exc:
        raise CliError(str(exc)) from None


main.add_command(openapi_command)
main.add_command(pact_group)
