"""The floor for any server on the design card: Flask answering the documented 201, checking nothing.

No auth, no contract, no Faker, no journal: one route that reads the body and replays a fixed
reply. ``bench_serve.py`` serves it on granian (a Rust HTTP server, the fastest WSGI server it can
install), so its figures are the most a create path that runs through Flask can reach on this
machine; a target above them is out of reach for mockgraph while its creates go through Flask.
It is a yardstick, not part of mockgraph.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, request

REPLY = (Path(__file__).resolve().parent.parent / "fixtures" / "virtualEventSession.create.response.json").read_bytes()

app = Flask(__name__)


@app.post("/v1.0/solutions/virtualEvents/<collection>/<event>/sessions")
def create(collection: str, event: str) -> Response:
    request.get_data()
    return Response(REPLY, status=201, mimetype="application/json")
