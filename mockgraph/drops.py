"""Dropped connections: the mark a fault (or a batch item) sets, and the WSGI wrapper that closes the socket unanswered.

One job, apart from the fault rules because ``batch.py`` drops connections too and the wrapper is
server plumbing, not a rule: a view returns ``drop_connection()``, and ``Dropper`` (wrapped around the
app's WSGI callable by ``faults.init_app``) closes the connection instead of sending that response.
"""

from __future__ import annotations

import contextlib
import errno
import socket
from collections.abc import Callable

from flask import Response, request

DROP = "mockgraph.drop"  # the environ key that tells the WSGI wrapper to close the connection unanswered
#: The journal's status for a dropped request: nginx's "closed without a response" (the client saw none).
DROPPED = 444


def drop_connection() -> Response:
    """Ask the WSGI wrapper to close this request's connection without an answer; the journal shows 444."""
    request.environ[DROP] = True
    return Response(status=DROPPED)


class Dropper:
    """Closes the socket, unanswered, of a request a rule dropped; portable across both servers mockgraph runs on.

    Werkzeug's server treats a ConnectionError from the app as a client gone away, gunicorn's gthread worker
    an OSError with ECONNRESET: each then closes the connection without writing. The socket is shut down
    first so the client sees the close at once, even on a kept-alive connection.
    """

    def __init__(self, wsgi_app: Callable):
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response: Callable):
        def start(status, headers, exc_info=None):
            if environ.get(DROP):
                return lambda data: None
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, start)
        if not environ.get(DROP):
            return body
        if hasattr(body, "close"):
            body.close()
        sock = environ.get("gunicorn.socket") or environ.get("werkzeug.socket")
        if sock is not None:
            with contextlib.suppress(OSError):  # the client may have gone already
                sock.shutdown(socket.SHUT_RDWR)
        raise ConnectionResetError(errno.ECONNRESET, "mockgraph dropped this connection (a fault rule)")
