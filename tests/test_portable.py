"""Without fcntl, as on Windows: the fixture's server, create_app and `mockgraph serve` all still work."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest
import requests

pytestmark = pytest.mark.slow

NO_FCNTL = "import sys; sys.modules['fcntl'] = None  # importing it now raises ImportError, as on Windows\n"


def test_the_fixture_server_needs_no_fcntl(tmp_path):
    """MockGraphServer (what the pytest fixture runs) starts, creates and stops with fcntl unimportable."""
    script = tmp_path / "fixture.py"
    script.write_text(NO_FCNTL + """
import requests
from mockgraph import MockGraphServer
with MockGraphServer() as graph:
    reply = requests.post(graph.url + "/solutions/virtualEvents/townhalls", json={"displayName": "x"},
                          headers={"Authorization": "Bearer x"}, timeout=10)
    print(reply.status_code, "gunicorn" in sys.modules)
""")
    # (the SQLite store takes msvcrt's lock on Windows: tests/test_store_contract.py covers it with a fake msvcrt)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["201", "False"]


def test_serve_falls_back_to_one_process_without_gunicorn(tmp_path):
    """`mockgraph serve` where gunicorn cannot import: one process on Werkzeug, Graph's envelope, an access line."""
    script = tmp_path / "serve.py"
    script.write_text(NO_FCNTL + "from mockgraph.cli import main\nmain(['serve', '--port', '0'])\n")
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, str(script)], stdout=out, stderr=subprocess.STDOUT,
                                env={k: v for k, v in os.environ.items() if not k.startswith("MOCKGRAPH_")})
    try:
        for _ in range(600):  # tries 0.05 s apart: about 30 s for the banner
            if found := re.search(r"on (http://\S+/v1\.0) \((.*)\)", log.read_text()):
                break
            assert proc.poll() is None, log.read_text()
            time.sleep(0.05)
        else:
            pytest.fail(log.read_text())
        url, banner = found.groups()
        assert "1 process" in banner and "memory store" in banner
        made = requests.post(url + "/solutions/virtualEvents/townhalls", json={"displayName": "x"},
                             headers={"Authorization": "Bearer x"}, timeout=10)
        assert made.status_code == 201
        bad = requests.post(url + "/solutions/virtualEvents/townhalls", data=b"{", timeout=10,
                            headers={"Authorization": "Bearer x", "Content-Type": "application/json"})
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "BadRequest"
        time.sleep(0.2)
        lines = log.read_text()
        assert f"POST /v1.0/solutions/virtualEvents/townhalls 201 request-id={made.headers['request-id']}" in lines
        assert "Traceback" not in lines
    finally:
        proc.terminate()
        proc.wait(timeout=10)
