"""The baseline the issue names: Flask + jsonschema written the obvious way, served by gunicorn sync workers.

Validates the create body against the same contract (a validator per request, errors listed),
answers the documented response with a fresh id. Run by bench_serve.py as
``gunicorn -w 2 -k sync bench.naive_app:app`` (the plain gunicorn CLI, sync workers, no access log:
the way such an app is usually served, not through ``mockgraph.wsgi``); its label in the tables says so.
It is a yardstick, not part of mockgraph.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import jsonschema
from flask import Flask, jsonify, request
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "contracts" / "virtualEventSession.schema.json").read_text(encoding="utf-8"))
RESPONSE = json.loads((ROOT / "fixtures" / "virtualEventSession.create.response.json").read_text(encoding="utf-8"))
REGISTRY = Registry().with_resource("session.json", Resource.from_contents(SCHEMA))

app = Flask(__name__)


@app.post("/v1.0/solutions/virtualEvents/<collection>/<event>/sessions")
def create(collection: str, event: str):
    if not request.headers.get("Authorization"):
        return jsonify(error={"code": "InvalidAuthenticationToken", "message": "Access token is empty."}), 401
    body = request.get_json(silent=True)
    validator = jsonschema.Draft202012Validator({"$ref": "session.json#/$defs/virtualEventSession"},
                                                registry=REGISTRY,
                                                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [e.message for e in validator.iter_errors(body)]
    if body is None or errors:
        return jsonify(error={"code": "BadRequest", "message": "; ".join(errors) or "Invalid JSON."}), 400
    return jsonify({**RESPONSE, **body, "id": str(uuid.uuid4())}), 201
