"""``mockgraph serve``: the mock on gunicorn, its settings read from flags and ``MOCKGRAPH_*`` variables.

One job: turning the command line into a running server: the options, the checks a served mock needs
beyond ``Settings`` (a port that binds, a store several workers can share), and the one-line errors for
each (``CliError``, naming the flag or variable to change). Registered on the main group by ``cli.py``;
the app, the stores and gunicorn are imported only once the settings are good.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile

import click

from mockgraph.cli_options import Boolean, CliError, Integer, RateLimit, option, setting
from mockgraph.config import Settings
from mockgraph.ports import PORTS, BindError, bind


@click.command(short_help="Serve the mock on gunicorn, one log line per request.")
@option("--host", default="127.0.0.1", show_default=True, envvar="MOCKGRAPH_HOST",
        help="Address to bind; loopback unless you say otherwise.")
@option("--port", default=8000, show_default=True, envvar="MOCKGRAPH_PORT", type=Integer(0, 65535, PORTS),
        help="Port to bind; 0 picks a free one (the URL printed says which).")
@option("--seed", default=Settings.seed, show_default=True, type=Integer(), envvar="MOCKGRAPH_SEED",
        help="Seed for generated ids and URLs.")
@option("--workers", default=2, show_default=True, envvar="MOCKGRAPH_WORKERS", type=Integer(1),
        help="Worker processes; they share one store, so they act as one server.")
@option("--threads", default=2, show_default=True, envvar="MOCKGRAPH_THREADS", type=Integer(1),
        help="Threads per worker (more only help while clients stall: Python runs one at a time per worker).")
@option("--accept-unknown-properties/--reject-unknown-properties", default=Settings.accept_unknown_properties,
        show_default=True, type=Boolean(), envvar="MOCKGRAPH_ACCEPT_UNKNOWN_PROPERTIES",
        help="Accept and echo properties the contract does not declare, as Graph's open type does.")
@option("--require-auth/--no-auth", default=Settings.require_auth, show_default=True, type=Boolean(),
        envvar="MOCKGRAPH_REQUIRE_AUTH", help="Require a Bearer token (its contents are never checked).")
@option("--check-permissions/--no-check-permissions", default=Settings.check_permissions, show_default=True,
        type=Boolean(), envvar="MOCKGRAPH_CHECK_PERMISSIONS",
        help="Read the token as a JWT (signature unchecked): 401 if expired or not for Graph, 403 unless its scp or "
             "roles hold a permission the operation accepts ('mockgraph token' makes one).")
@option("--max-body-bytes", default=Settings.max_body_bytes, show_default=True, type=Integer(1),
        envvar="MOCKGRAPH_MAX_BODY_BYTES", help="Largest request body, in bytes, before 413.")
@option("--max-json-depth", default=Settings.max_json_depth, show_default=True, type=Integer(1),
        envvar="MOCKGRAPH_MAX_JSON_DEPTH", help="Deepest JSON nesting before 400.")
@option("--journal-size", default=Settings.journal_size, show_default=True, type=Integer(0),
        envvar="MOCKGRAPH_JOURNAL_SIZE", help="Requests kept in the journal, oldest dropped first.")
@option("--control/--no-control", default=Settings.control, show_default=True, type=Boolean(),
        envvar="MOCKGRAPH_CONTROL",
        help="Serve the /_mockgraph/ endpoints (health, reset, journal, provider states, openapi.json).")
@option("--rate-limit", envvar="MOCKGRAPH_RATE_LIMIT", type=RateLimit(),
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
    from mockgraph import portable

    one_process = not portable.gunicorn_runs()  # Windows: Werkzeug's threaded server, state in this process
    workers = 1 if one_process else workers
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
    kind = store.describe()["kind"]
    if one_process:
        portable.run(app, sock=sock, threads=threads,
                     banner=f"seed {config.seed}, 1 process (gunicorn does not run here), {kind} store")
        return
    from mockgraph.faults import quiet
    from mockgraph.wsgi import run

    run(app, host=host, port=port, workers=workers, threads=threads, sock=sock, inline=quiet(app),
        banner=f"seed {config.seed}, {workers} worker(s) x {threads} thread(s), {kind} store")
