"""Shared fixtures: an app per test, its test client, and the documented bodies."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from mockgraph import create_app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SESSIONS = "/v1.0/solutions/virtualEvents/events/{event}/sessions"
EVENT = "f8ce2a5f-0e6a-4186-aa90-1f64bc023566@5466a424-aadf-425c-9b24-034ca28d4bdd"
AUTH = {"Authorization": "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e30."}
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def shared_reference() -> Path | None:
    """../shared/graph-reference beside the checkout (as in CI), or MOCKGRAPH_SHARED."""
    for base in (os.environ.get("MOCKGRAPH_SHARED"), ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if base and (Path(base) / "graph-reference").is_dir():
            return Path(base) / "graph-reference"
    return None


def load_fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture
def app():
    return create_app({"seed": 7})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def minimal_body() -> dict:
    return load_fixture("virtualEventSession.create.request.minimal.json")


@pytest.fixture
def resolved_body() -> dict:
    return load_fixture("virtualEventSession.create.request.resolved.json")


def assert_envelope(response, status: int, code: str) -> dict:
    """Check a Graph error reply whole: status, code, message, innerError with an ISO date."""
    from datetime import datetime

    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    inner = error["innerError"]
    datetime.fromisoformat(inner["date"])
    assert GUID.match(inner["request-id"])
    assert inner["request-id"] == response.headers["request-id"]
    assert inner["client-request-id"] == response.headers["client-request-id"]
    return error


def raw_response(raw: bytes):
    """A raw HTTP reply (bytes off a socket) as a Werkzeug Response, for assert_envelope."""
    from werkzeug.wrappers import Response

    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines]
    return Response(body, status=int(status_line.split()[1]), headers=headers)


class Served:
    """A ``mockgraph serve`` process, its base URL and what it has logged so far."""

    def __init__(self, proc, url: str, log_path: Path):
        self.proc, self.url, self.log_path = proc, url, log_path

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def served(*args: str, env: dict | None = None, timeout: float = 30.0, python: str = sys.executable):
    """Start ``python -m mockgraph serve --port 0 ARGS`` and yield once it prints its URL."""
    log_file = tempfile.NamedTemporaryFile("w+b", suffix=".log", delete=False)  # noqa: SIM115 - lives past this block
    proc = subprocess.Popen([python, "-m", "mockgraph", "serve", "--port", "0", *args],
                            stdout=log_file, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    log_path = Path(log_file.name)
    try:
        deadline = time.monotonic() + timeout
        while True:
            match = re.search(r"on (http://\S+)/v1\.0", log_path.read_text(errors="replace"))
            if match:
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mockgraph serve did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.05)
        yield Served(proc, match.group(1), log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log_file.close()
        log_path.unlink(missing_ok=True)
