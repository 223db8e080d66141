"""The floor for any server on the design card: Flask answering fixed replies, checking nothing.

No auth, no contract, no Faker, no store, no journal: a create route that reads the body and replays a
fixed 201, and GET routes for one session and a one-page list that replay fixed 200s. ``bench_serve.py``
serves it on granian (a Rust HTTP server, the fastest WSGI server it can install), so its figures are
the most a create, get or list that runs through Flask can reach on this machine: the Flask floor.
``bench/floor_serve.py`` serves the same app on `mockgraph serve`'s own server (gunicorn through
``mockgraph.wsgi``): the server floor, the most any app can reach on that server.

The replies are the bytes mockgraph itself answered for the same requests when ``FLOOR_REPLIES`` names a
JSON file ``{"create": str, "get": str, "list": str}`` (bench_serve.py writes one), so both sides send bodies
of the same size; without it, the documented create response (and a list of ten of it).
It is a yardstick, not part of mockgraph.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from flask import Flask, Response, request

_FIXTURE = (Path(__file__).resolve().parent.parent / "fixtures" / "virtualEventSession.create.response.json")


def _replies() -> dict[str, bytes]:
    named = os.environ.get("FLOOR_REPLIES")
    if named:
        return {k: v.encode("utf-8") for k, v in json.loads(Path(named).read_text(encoding="utf-8")).items()}
    one = _FIXTURE.read_bytes()
    context = b'"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#x"'
    listed = b"{" + context + b',"value":[' + b",".join([one] * 10) + b"]}"
    return {"create": one, "get": one, "list": listed}


REPLIES = _replies()
SESSIONS = "/v1.0/solutions/virtualEvents/<collection>/<event>/sessions"

app = Flask(__name__)


@app.post(SESSIONS)
def create(collection: str, event: str) -> Response:
    request.get_data()
    return Response(REPLIES["create"], status=201, mimetype="application/json")


@app.get(SESSIONS + "/<session>")
def get(collection: str, event: str, session: str) -> Response:
    return Response(REPLIES["get"], status=200, mimetype="application/json")


@app.get(SESSIONS)
def list_(collection: str, event: str) -> Response:
    return Response(REPLIES["list"], status=200, mimetype="application/json")
