"""The built wheel, installed in a fresh venv and run from elsewhere, finds its contracts and serves."""

from __future__ import annotations

import subprocess
import sys
import venv

import pytest
import requests

from .conftest import AUTH, EVENT, ROOT, SESSIONS, served


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_serves_from_outside_the_repo(tmp_path, monkeypatch):
    """pip install of the wheel, then `mockgraph serve` in another folder answers a create."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(dist), str(ROOT)], check=True)
    wheel = next(dist.glob("mockgraph-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    located = subprocess.run([str(python), "-c", "from mockgraph.contracts import data_path;"
                              "print(data_path('contracts'), data_path('fixtures'))"],
                             check=True, capture_output=True, text=True).stdout
    assert str(env_dir) in located and str(ROOT) not in located
    with served("--workers", "1", python=str(python)) as server:
        response = requests.post(server.url + SESSIONS.format(event=EVENT), json={"subject": "from a wheel"},
                                 headers=AUTH, timeout=10)
    assert response.status_code == 201
    assert response.json()["subject"] == "from a wheel"
