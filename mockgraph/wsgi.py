"""Running an app under gunicorn from Python, with mockgraph's log format and start-up banner."""

from __future__ import annotations

import sys

from flask import Flask
from gunicorn.app.base import BaseApplication

ACCESS_FORMAT = '%(m)s %(U)s %(s)s request-id=%({request-id}o)s'


class _Gunicorn(BaseApplication):
    def __init__(self, app: Flask, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def run(app: Flask, *, host: str, port: int, workers: int, threads: int, banner: str) -> None:
    """Serve until interrupted; prints the base URL once the socket is bound."""
    bind_host = f"[{host}]" if ":" in host else host

    def when_ready(server) -> None:
        bound = server.LISTENERS[0].sock.getsockname()[1]
        print(f"mockgraph: Microsoft Graph mock on http://{bind_host}:{bound}/v1.0 ({banner})",
              file=sys.stderr, flush=True)

    _Gunicorn(app, {
        "bind": f"{bind_host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "accesslog": "-",
        "access_log_format": ACCESS_FORMAT,
        "errorlog": "-",
        "loglevel": "warning",
        "graceful_timeout": 3,
        "when_ready": when_ready,
        "proc_name": "mockgraph",
    }).run()
