"""``mockgraph serve`` where gunicorn cannot run (Windows: it imports fcntl): one process, Werkzeug's threaded server.

The same app, the same Graph envelope for requests the HTTP server cannot parse (the fixture's handler), one access-log
line per request in the gunicorn format, a silent client cut off after the same idle timeout. What it lacks beside
gunicorn: worker processes (the store stays in this process) and the whole-request deadline against trickling clients.
Werkzeug's server and the fixture's handler are imported only on that path: where gunicorn runs, ``mockgraph serve``
imports this module just for ``gunicorn_runs`` (its cold start is measured).
"""

from __future__ import annotations

import socket
import sys
from typing import Any

from flask import Flask

#: As in wsgi.py: how long a client may go silent in the middle of a request before its connection is closed.
CLIENT_IDLE_SECONDS = 5.0
#: The access-log line of every server mockgraph runs on (this one, the fixture's, gunicorn's in wsgi.py):
#: method, path without the query, status, request id.
ACCESS_LINE = "%s %s %s request-id=%s"


def gunicorn_runs() -> bool:
    """Whether this platform has what gunicorn imports (fcntl and friends are POSIX-only)."""
    try:
        import gunicorn.workers.gthread  # noqa: F401
    except ImportError:
        return False
    return True


def access_log_handler() -> type:
    """The fixture's handler, with gunicorn's access-log line: ``METHOD path status request-id=…``."""
    from mockgraph.server import QuietHandler

    class AccessLogHandler(QuietHandler):
        timeout = CLIENT_IDLE_SECONDS

        def log_request(self, code: Any = "-", size: Any = "-") -> None:
            status = getattr(code, "value", code)
            request_id = getattr(self, "environ", {}).get("mockgraph.request_id", "-")
            print(ACCESS_LINE % (self.command, self.path.split("?", 1)[0], status, request_id), file=sys.stderr,
                  flush=True)

    return AccessLogHandler


def run(app: Flask, *, sock: socket.socket, threads: int, banner: str) -> None:
    """Serve ``app`` on the bound ``sock`` until Ctrl-C; print the same start-up line as under gunicorn."""
    from werkzeug.serving import make_server

    host, port = sock.getsockname()[:2]
    sock.listen(128)  # bound by ports.bind; gunicorn listens itself, Werkzeug takes the socket as it is
    server = make_server(host, port, app, threaded=True, request_handler=access_log_handler(), fd=sock.fileno())
    shown = f"[{host}]" if ":" in host else host
    print(f"mockgraph: Microsoft Graph mock on http://{shown}:{port}/v1.0 ({banner})",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
