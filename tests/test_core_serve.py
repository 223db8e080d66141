"""``mockgraph serve``: a production server on loopback whose workers act as one server."""

from __future__ import annotations

import os
import re
import time

import pytest
import requests

from mockgraph import create_app

from .conftest import AUTH, EVENT, SESSIONS, served

PATH = SESSIONS.format(event=EVENT)
BODIES = [{"subject": f"Session {i}", "capacity": i} for i in range(24)]


def test_serve_binds_loopback_and_logs_one_line_per_request():
    """The printed URL is 127.0.0.1; each request logs method, path, status and request-id."""
    with served("--workers", "1") as server:
        assert server.url.startswith("http://127.0.0.1:")
        response = requests.post(server.url + PATH, json=BODIES[0], headers=AUTH, timeout=10)
        assert response.status_code == 201
        assert "gunicorn" in response.headers.get("Server", "")  # not the Werkzeug development server
        bad = requests.post(server.url + PATH, data=b"{", headers={**AUTH, "Content-Type": "application/json"},
                            timeout=10)
        assert bad.status_code == 400
        requests.get(server.url + "/_mockgraph/health", timeout=10)
        line = rf"POST {re.escape(PATH)} 201 request-id={response.headers['request-id']}"
        assert re.search(line, server.log), server.log
        assert f"400 request-id={bad.headers['request-id']}" in server.log
        assert AUTH["Authorization"].split()[1] not in server.log


def test_workers_act_as_one_server_with_reproducible_entities():
    """Two workers share counter and journal: the entities equal those of one in-process app."""
    with served("--workers", "2", "--threads", "2", "--seed", "11") as server, requests.Session() as session:
        served_bodies = [session.post(server.url + PATH, json=b, headers=AUTH, timeout=10).json() for b in BODIES]
        journal = session.get(server.url + "/_mockgraph/requests", timeout=10).json()
        assert journal["count"] == len(BODIES)
        assert [e["json"] for e in journal["value"]] == BODIES
        session.post(server.url + "/_mockgraph/reset", timeout=10)
        again = session.post(server.url + PATH, json=BODIES[0], headers=AUTH, timeout=10).json()
    client = create_app({"seed": 11}).test_client()
    local = [client.post(PATH, json=b, headers=AUTH).get_json() for b in BODIES]
    assert served_bodies == local
    assert len({b["id"] for b in served_bodies}) == len(BODIES)
    assert again["id"] == local[0]["id"]


def test_seed_comes_from_the_environment():
    """MOCKGRAPH_SEED seeds a served mock like --seed does."""
    with served("--workers", "1", env={"MOCKGRAPH_SEED": "77"}) as server:
        body = requests.post(server.url + PATH, json={}, headers=AUTH, timeout=10).json()
    expected = create_app({"seed": 77}).test_client().post(PATH, json={}, headers=AUTH).get_json()
    assert body["id"] == expected["id"]


def test_serve_opens_no_gunicorn_control_socket(tmp_path):
    """No gunicorn.ctl where gunicorn would put it: two mocks on one host would otherwise take each other's."""
    with served("--workers", "1", env={"HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}) as server:
        assert requests.post(server.url + PATH, json=BODIES[0], headers=AUTH, timeout=10).status_code == 201
        time.sleep(0.5)  # gunicorn opens it once the workers are spawned
        assert list(tmp_path.rglob("gunicorn.ctl")) == []


def test_the_access_line_is_the_one_gunicorns_formatter_wrote(tmp_path):
    """wsgi._Logger writes its line itself (gunicorn's formatter builds every atom of every format, ~35 µs a
    request): the same bytes gunicorn's own ``access`` gave for serve's old format, request-id or none."""
    import datetime

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    from mockgraph.wsgi import _Logger

    class Reply:
        def __init__(self, status, headers):
            self.status, self.headers, self.sent = status, headers, 10

    replies = [Reply("201 CREATED", [("Content-Type", "application/json"), ("request-id", "r-1")]),
               Reply("400 BAD REQUEST", [("Request-Id", "R-2")]), Reply(204, [])]
    environ = {"REQUEST_METHOD": "PATCH", "PATH_INFO": "/v1.0/solutions/virtualEvents/townhalls/t 1",
               "RAW_URI": "/v1.0/x?y=1", "SERVER_PROTOCOL": "HTTP/1.1", "QUERY_STRING": "y=1"}
    request = type("Request", (), {"headers": [("Authorization", "Bearer secret")]})()
    lines = []
    for logger_class in (Logger, _Logger):
        path = tmp_path / f"{logger_class.__name__}.log"
        config = Config()
        config.set("accesslog", str(path))
        config.set("access_log_format", "%(m)s %(U)s %(s)s request-id=%({request-id}o)s")
        logger = logger_class(config)
        for reply in replies:
            logger.access(reply, request, environ, datetime.timedelta(milliseconds=3))
        for handler in logger.access_log.handlers:
            handler.close()
        lines.append(path.read_text())
    assert lines[0] == lines[1]
    assert lines[1].splitlines()[0] == "PATCH /v1.0/solutions/virtualEvents/townhalls/t 1 201 request-id=r-1"


def _connections_by_worker(master: int) -> dict[int, int]:
    """Open sockets of each worker of a gunicorn ``master`` (Linux's /proc): its connections, plus a constant."""
    from pathlib import Path

    held = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) != master:
                continue
            fds = list((stat.parent / "fd").iterdir())
            held[int(stat.parent.name)] = sum(os.readlink(fd).startswith("socket:") for fd in fds)
        except (OSError, ValueError):
            continue
    return held


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts each worker's sockets in Linux's /proc")
def test_kept_alive_connections_are_shared_out_among_the_workers():
    """Eight kept-alive clients of a 2-worker serve land 4 and 4 (give or take one), not wherever a worker
    happened to wake first: with all eight on one worker the server ran at a third of its speed."""
    with served("--workers", "2", "--threads", "2") as server:
        for _ in range(400):  # the banner comes before the forks: up to 20 s for both workers to be there
            if len(before := _connections_by_worker(server.proc.pid)) == 2:
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"two workers never appeared: {before}")
        time.sleep(0.3)  # both workers booted: listening, nothing held
        before = _connections_by_worker(server.proc.pid)
        sessions = [requests.Session() for _ in range(8)]
        try:
            for session in sessions:  # one after another, each kept open
                assert session.get(server.url + "/_mockgraph/health", timeout=10).status_code == 200
            after = _connections_by_worker(server.proc.pid)
        finally:
            for session in sessions:
                session.close()
        held = sorted(after[pid] - before[pid] for pid in before)
        assert sum(held) == 8 and held[0] >= 3, held


def test_what_the_master_built_is_frozen_before_the_workers_fork(monkeypatch):
    """gc.freeze() before gunicorn forks: the workers' collections leave the app and the imports alone (no walk of
    them, no copy-on-write of their pages); launch to a first 201 measured 0.91x without it."""
    import gc

    from mockgraph import wsgi

    seen = []
    monkeypatch.setattr(wsgi, "_log_to_stderr", lambda: None)  # it would add a handler to this process's logger
    monkeypatch.setattr(wsgi._Gunicorn, "run", lambda self: seen.append(gc.get_freeze_count()))
    monkeypatch.setattr(gc, "freeze", lambda real=gc.freeze: (seen.append("freeze"), real()))
    try:
        wsgi.run(create_app({}), host="127.0.0.1", port=0, workers=2, threads=2, banner="test")
    finally:
        gc.unfreeze()
    assert seen[0] == "freeze" and seen[1] > 0


@pytest.mark.parametrize("limit", [100, 2])
def test_a_worker_accepts_every_connection_waiting_up_to_its_limit(limit):
    """One wake-up of the listener takes every connection waiting (gthread took one a turn of its loop, and a turn
    is long while the polling thread serves requests itself: 64 clients connecting at once waited up to 1.3 s)."""
    import socket

    from gunicorn.config import Config

    from mockgraph.wsgi import _Worker

    worker = object.__new__(_Worker)  # no process: only what accept uses
    worker.cfg, worker._held, worker._limit = Config(), 0, limit
    taken = []
    worker.enqueue_req = taken.append
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.setblocking(False)
        clients = [socket.create_connection(listener.getsockname()) for _ in range(3)]
        time.sleep(0.1)  # let the kernel finish the handshakes
        worker.accept(listener)
        assert len(taken) == worker.nr_conns == min(3, limit)
        for conn in taken:
            conn.sock.close()
        for client in clients:
            client.close()
