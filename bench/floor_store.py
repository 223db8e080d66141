"""The store floor: the Flask floor plus the least a state shared by several worker processes costs.

``bench/floor_app.py`` replays fixed replies and keeps nothing, so it is the floor of a mock without state.
This app answers the same bytes, and before each reply does the SQLite work that any mock whose workers
share one state file must do, and nothing else (no checks, no Faker, no rendering):

- a create: take the next number (one upsert), store the body as the entity (one insert), journal it;
- a get: read one entity by its key, journal it; a list: read a page of 11 in insertion order, journal it.

Each statement commits alone (WAL, ``synchronous=OFF``, one connection per thread and process), as
mockgraph's SQLite store does its cheapest writes. ``bench/floor_serve.py --store`` serves it the way `mockgraph
serve` serves (several workers on one file); granian serves it too. When this floor misses a target, no app
that keeps its state in a file its workers share can meet it on that server. Bench-only.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from pathlib import Path

from flask import Flask, Response, request

from bench.floor_app import REPLIES, SESSIONS

#: the file the workers share: FLOOR_STORE, else one per parent process (workers fork after this import)
PATH = os.environ.get("FLOOR_STORE") or str(Path(tempfile.mkdtemp(prefix="mockgraph-floor-")) / "state.sqlite3")
SCHEMA = """
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entities (seq INTEGER PRIMARY KEY, collection TEXT NOT NULL, key TEXT NOT NULL,
                                     json TEXT NOT NULL, UNIQUE (collection, key));
CREATE INDEX IF NOT EXISTS entities_order ON entities (collection, seq);
CREATE TABLE IF NOT EXISTS journal (seq INTEGER PRIMARY KEY, entry TEXT NOT NULL);
"""
_local = threading.local()


def _db() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None or _local.pid != os.getpid():  # a forked worker opens its own
        conn = sqlite3.connect(PATH, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(SCHEMA)
        _local.conn, _local.pid = conn, os.getpid()
    return conn


app = Flask(__name__)


@app.post(SESSIONS)
def create(collection: str, event: str) -> Response:
    body = request.get_data(as_text=True)
    db = _db()
    number = db.execute("INSERT INTO counters VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 "
                        "RETURNING value", (event,)).fetchone()[0]
    db.execute("INSERT INTO entities (collection, key, json) VALUES (?, ?, ?)", (event, str(number), body))
    db.execute("INSERT INTO journal (entry) VALUES (?)", (request.path,))
    return Response(REPLIES["create"], status=201, mimetype="application/json")


@app.get(SESSIONS + "/<session>")
def get(collection: str, event: str, session: str) -> Response:
    db = _db()
    db.execute("SELECT json FROM entities WHERE collection = ? AND key = ?", (event, session)).fetchone()
    db.execute("INSERT INTO journal (entry) VALUES (?)", (request.path,))
    return Response(REPLIES["get"], status=200, mimetype="application/json")


@app.get(SESSIONS)
def list_(collection: str, event: str) -> Response:
    db = _db()
    db.execute("SELECT seq, json FROM entities WHERE collection = ? ORDER BY seq LIMIT 11", (event,)).fetchall()
    db.execute("INSERT INTO journal (entry) VALUES (?)", (request.path,))
    return Response(REPLIES["list"], status=200, mimetype="application/json")
