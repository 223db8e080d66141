"""A served mockgraph (gunicorn, two workers) under load, mixed control calls, stalled and hostile clients.

CI runs 64 clients x ROBUSTNESS_CREATES creates (20 by default); ``ROBUSTNESS_CREATES=1000`` runs the full issue size.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import requests

from mockgraph import create_app
from mockgraph.wsgi import CLIENT_IDLE_SECONDS, PEEK_BYTES, REQUEST_SECONDS, _arrived
from tests.conftest import AUTH, EVENT, SESSIONS, assert_envelope, raw_response, served

pytestmark = pytest.mark.slow

PATH = SESSIONS.format(event=EVENT)
CLIENTS = 64
CREATES = int(os.environ.get("ROBUSTNESS_CREATES", "20"))
SECRET = "eyJ0eXAiOiJKV1QifQ.bm90LWEtcmVhbC10b2tlbg.c2lnbmF0dXJl"


def _clients(count: int, work) -> list:
    """Run ``work(i, session)`` in ``count`` threads released at once; return their results in order."""
    barrier = threading.Barrier(count)

    def run(i: int):
        with requests.Session() as session:
            barrier.wait(timeout=30)
            return work(i, session)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def _create_many(url: str, event: str = EVENT):
    def work(i: int, session: requests.Session) -> list[tuple[int, str, str]]:
        out = []
        for n in range(CREATES):
            r = session.post(url + SESSIONS.format(event=event), json={"subject": f"client {i} create {n}"},
                             headers=AUTH, timeout=60)
            out.append((r.status_code, r.json().get("id"), r.headers["request-id"]))
        return out
    return work


def _assert_clean(log: str) -> None:
    assert "Traceback" not in log and "[ERROR]" not in log and " 500 " not in log, log[-3000:]


def test_concurrent_creates_all_succeed_with_unique_ids_and_an_exact_journal():
    """64 clients at once: every reply 201, every id unique, the journal holds exactly the newest creates."""
    journal_size = min(CLIENTS * CREATES * 3 // 4, 1000)  # a bound the run overflows: eviction under load
    with served("--workers", "2", "--journal-size", str(journal_size)) as server:
        results = [r for client in _clients(CLIENTS, _create_many(server.url)) for r in client]
        journal = requests.get(server.url.removesuffix("/v1.0") + "/_mockgraph/requests", timeout=30).json()
        log = server.log
    total = CLIENTS * CREATES
    assert [status for status, _, _ in results] == [201] * total
    ids = {session_id for _, session_id, _ in results}
    assert len(ids) == total
    kept = min(total, journal_size)
    entries = journal["value"]
    assert journal["count"] == len(entries) == kept
    assert [e["seq"] for e in entries] == list(range(total - kept + 1, total + 1))
    by_request = {request_id: session_id for _, session_id, request_id in results}
    assert len({e["requestId"] for e in entries}) == kept
    for entry in entries:
        assert entry["status"] == 201
        assert entry["response"]["id"] == by_request[entry["requestId"]]
        assert entry["json"]["subject"] == entry["response"]["subject"]
    _assert_clean(log)


def test_resets_and_provider_states_mixed_with_creates_leave_no_torn_state():
    """Creates, resets and provider-state changes at once: no 5xx, no lost reply, and a consistent store after."""
    absent = "absent-event@tenant"
    with served("--workers", "2", "--seed", "5") as server:
        base = server.url.removesuffix("/v1.0")
        create = _create_many(server.url)

        def work(i: int, session: requests.Session) -> list[tuple[str, int]]:
            if i % 8 == 0:
                return [("reset", session.post(base + "/_mockgraph/reset", timeout=60).status_code)
                        for _ in range(CREATES)]
            if i % 8 == 1:
                out = []
                for n in range(CREATES):
                    action = "setup" if n % 2 == 0 else "teardown"
                    r = session.post(base + "/_mockgraph/provider-states", timeout=60,
                                     json={"state": "no virtual event exists", "action": action,
                                           "params": {"virtualEventId": absent}})
                    out.append(("state", r.status_code))
                    r = session.post(server.url + SESSIONS.format(event=absent), json={}, headers=AUTH, timeout=60)
                    out.append(("absent-create", r.status_code))
                return out
            return [("create", status) for status, _, _ in create(i, session)]

        outcomes = [o for client in _clients(CLIENTS, work) for o in client]
        session = requests.Session()
        journal = session.get(base + "/_mockgraph/requests", timeout=30).json()["value"]
        assert session.post(base + "/_mockgraph/reset", timeout=30).status_code == 200
        after_reset = session.post(server.url + PATH, json={}, headers=AUTH, timeout=30)
        after_journal = session.get(base + "/_mockgraph/requests", timeout=30).json()["value"]
        log = server.log
    statuses: dict[str, set[int]] = {}
    for kind, status in outcomes:
        statuses.setdefault(kind, set()).add(status)
    assert statuses["create"] == {201}
    assert statuses["reset"] == {200} and statuses["state"] == {200}
    assert statuses["absent-create"] <= {201, 404}  # 404 while declared absent, 201 after teardown or reset
    # After the storm the journal is whole: gapless sequence numbers since the last reset (from 1, unless
    # more than the default bound of 1000 came after it), one entry per request.
    seqs = [e["seq"] for e in journal]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    assert seqs[0] == 1 or len(seqs) == 1000
    assert len({e["requestId"] for e in journal}) == len(journal)
    # And the counter restarts cleanly: the first create after a reset is creation number 1 again.
    fresh = create_app({"seed": 5}).test_client().post(PATH, json={}, headers=AUTH).get_json()
    assert after_reset.status_code == 201 and after_reset.json()["id"] == fresh["id"]
    assert [e["seq"] for e in after_journal] == [1]
    _assert_clean(log)


def _raw(url: str, data: bytes) -> socket.socket:
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
    sock.sendall(data)
    return sock


def _reply(sock: socket.socket) -> bytes:
    """One whole response: its head, then as many body bytes as its Content-Length says."""
    data = b""
    while b"\r\n\r\n" not in data and (chunk := sock.recv(65536)):
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    while length and len(body) < int(length.group(1)) and (chunk := sock.recv(65536)):
        body += chunk
    return head + b"\r\n\r\n" + body


def test_stalled_clients_do_not_block_others():
    """Clients that send half a request and go silent lose their connection; everyone else is served."""
    with served("--workers", "1", "--threads", "2") as server:
        head = f"POST {PATH} HTTP/1.1\r\nHost: x\r\n".encode()
        stalled = [_raw(server.url, head)]  # with the half body below, every thread the server has
        body_start = (f"POST {PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: {AUTH['Authorization']}\r\n"
                      "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"subj").encode()
        half_body = _raw(server.url, body_start)
        time.sleep(0.5)
        started = time.monotonic()
        r = requests.post(server.url + PATH, json={}, headers=AUTH, timeout=(5, 2 * CLIENT_IDLE_SECONDS + 10))
        assert r.status_code == 201, f"served after {time.monotonic() - started:.1f}s"
        reply = _reply(half_body)
        log = server.log
        for sock in [*stalled, half_body]:
            sock.close()
    # The half-sent body is answered in the envelope, not with a 500 or a traceback.
    status_line = reply.split(b"\r\n", 1)[0]
    assert status_line.split()[1] == b"400", reply[:500]
    assert b'"error":{"code":"BadRequest"' in reply
    _assert_clean(log)
    assert "silent" in log  # each dropped connection is one warning line


def test_a_stall_on_a_kept_alive_connection_is_cut_off_too():
    """The idle timeout holds for every request on a connection, not only for its first."""
    with served("--workers", "1", "--threads", "1") as server:
        create = (f"POST {PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: {AUTH['Authorization']}\r\n"
                  "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}").encode()
        kept = _raw(server.url, create)
        assert _reply(kept).split()[1] == b"201"
        kept.sendall(create[:-2].replace(b"Length: 2", b"Length: 100") + b'{"subj')  # then silence
        time.sleep(0.5)
        started = time.monotonic()
        r = requests.post(server.url + PATH, json={}, headers=AUTH, timeout=(5, 2 * CLIENT_IDLE_SECONDS + 10))
        assert r.status_code == 201, f"served after {time.monotonic() - started:.1f}s"
        reply = _reply(kept)
        kept.close()
        log = server.log
    assert reply.split(b"\r\n", 1)[0].split()[1] == b"400", reply[:500]
    _assert_clean(log)


def test_a_trickling_client_is_cut_off_at_the_request_deadline():
    """A byte every second never trips the idle timeout; the deadline for the whole request still frees the thread.

    Meanwhile a request that has wholly arrived is answered by the worker's own thread (wsgi._Worker).
    """
    with served("--workers", "1", "--threads", "1") as server:
        trickler = _raw(server.url, b"P")
        stop = threading.Event()

        def trickle() -> None:
            for byte in f"OST {PATH} HTTP/1.1\r\nHost: x\r\nX-Slow: {'s' * 500}\r\n\r\n".encode():
                if stop.wait(1.0):
                    return
                try:
                    trickler.send(bytes([byte]))
                except OSError:  # the server closed the connection: what this test wants
                    return

        sender = threading.Thread(target=trickle, daemon=True)
        sender.start()
        time.sleep(0.5)
        started = time.monotonic()
        try:
            r = requests.post(server.url + PATH, json={}, headers=AUTH,
                              timeout=(5, REQUEST_SECONDS + CLIENT_IDLE_SECONDS + 10))
            cut_later = sender.is_alive()  # still trickling: the 201 did not wait for the cut
            sender.join(timeout=REQUEST_SECONDS + CLIENT_IDLE_SECONDS + 10)  # it ends once the server cuts it
        finally:
            stop.set()
            sender.join()
            trickler.close()
        log = server.log
    assert r.status_code == 201, f"served after {time.monotonic() - started:.1f}s"
    assert cut_later
    _assert_clean(log)
    assert "deadline" in log  # the cut is one warning line, not a traceback


@pytest.mark.parametrize("request_bytes, status, code, words", [
    # Graph's front end wraps its own HTTP error pages in the envelope, as UnknownError
    (b"GET /" + b"a" * 10_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "UnknownError", "URL is too long"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 20_000 + b"\r\n\r\n", 400, "UnknownError",
     "request headers is too long"),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(300)) + b"\r\n", 400,
     "UnknownError", "request headers is too long"),
    (b"\x00\xff\xfe garbage \r\n\r\n", 400, "UnknownError", "badly formed"),
    (b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400, "UnknownError",
     "badly formed"),
    (b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: foo\r\n\r\n", 501,
     "UnknownError", "transfer coding is not supported"),
    # a body that cannot be read reaches mockgraph itself
    (b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json"
     b"\r\nAuthorization: Bearer t\r\n\r\nzz\r\n", 400, "BadRequest", "could not be read"),
    (b"POST /_mockgraph/provider-states HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400,
     "BadRequest", "could not be read"),
])
def test_hostile_http_is_refused_in_the_envelope_and_the_server_keeps_serving(request_bytes, status, code, words,
                                                                               hostile_server):
    """Oversized request lines and headers, binary junk, bad framing: Graph's envelope, never a crash."""
    sock = _raw(hostile_server.url, request_bytes)
    reply = _reply(sock)
    sock.close()
    assert words in assert_envelope(raw_response(reply), status, code)["message"]
    assert requests.post(hostile_server.url + PATH, json={}, headers=AUTH, timeout=30).status_code == 201
    _assert_clean(hostile_server.log)


@pytest.fixture(scope="module")
def hostile_server():
    with served("--workers", "1") as server:
        yield server


def test_tokens_never_reach_a_reply_or_the_log():
    """Neither the client's bearer token nor the control token shows up in any reply or log line."""
    control = "control-token-that-must-not-leak"
    with served("--workers", "2", env={"MOCKGRAPH_CONTROL_TOKEN": control}) as server:
        base = server.url.removesuffix("/v1.0")
        bearer = {"Authorization": f"Bearer {SECRET}"}
        replies = [
            requests.post(server.url + PATH, json={}, headers=bearer, timeout=30),
            requests.post(server.url + PATH, json={"capacity": "x"}, headers=bearer, timeout=30),
            requests.post(server.url + PATH, data=b"\xff", headers={**bearer, "Content-Type": "application/json"},
                          timeout=30),
            requests.post(server.url + PATH, json={}, headers={"Authorization": f"Basic {SECRET}"}, timeout=30),
            requests.get(server.url + "/nowhere", headers=bearer, timeout=30),
            requests.get(base + "/_mockgraph/requests", headers={"X-MockGraph-Token": "guess"}, timeout=30),
            requests.get(base + "/_mockgraph/requests", headers={"X-MockGraph-Token": control}, timeout=30),
        ]
        assert [r.status_code for r in replies] == [201, 400, 400, 401, 404, 401, 200]
        assert replies[5].json()["error"]["code"] == "Unauthorized"
        log = server.log
    for reply in replies:
        text = reply.text + "".join(f"{k}: {v}\n" for k, v in reply.headers.items())
        assert SECRET not in text and control not in text
    assert SECRET not in log and control not in log
    assert log.count("request-id=") >= 5  # the access log did run


def test_no_control_serves_graph_but_no_control_endpoints():
    """`--no-control` removes /_mockgraph/ entirely on a served mock."""
    with served("--workers", "1", "--no-control") as server:
        base = server.url.removesuffix("/v1.0")
        assert requests.post(server.url + PATH, json={}, headers=AUTH, timeout=30).status_code == 201
        for path in ("/_mockgraph/health", "/_mockgraph/requests", "/_mockgraph/openapi.json"):
            r = requests.get(base + path, timeout=30)
            assert r.status_code == 404 and r.json()["error"]["code"] == "itemNotFound"
        assert requests.post(base + "/_mockgraph/reset", timeout=30).status_code == 404


@pytest.mark.parametrize("sent, whole", [
    (b"", False),
    (b"GET / HTTP/1.1\r\nHost: x\r\n", False),  # the head still arriving
    (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", True),
    (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n{}", False),  # half the body
    (b"POST / HTTP/1.1\r\nHost: x\r\ncontent-length:4\r\n\r\n{  }", True),
    (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}", False),
    (b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", False),
    (b"POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n", False),
    (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % PEEK_BYTES + b"x" * PEEK_BYTES, False),
])
def test_a_worker_serves_in_its_own_thread_only_a_request_that_has_wholly_arrived(sent, whole):
    """Looked at, not read: what is in the socket stays there for gunicorn's reader either way."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(sent)
        time.sleep(0.05)
        assert _arrived(ours) is whole
        ours.setblocking(False)
        left = b""
        with contextlib.suppress(BlockingIOError):
            while chunk := ours.recv(1 << 20):
                left += chunk
        assert left == sent


def test_pipelined_requests_are_answered_in_order():
    """Two requests in one write: the second is read ahead with the first and still answered, after it."""
    with served("--workers", "1", "--threads", "1") as server:
        create = (f"POST {PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: {AUTH['Authorization']}\r\n"
                  "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}").encode()
        health = b"GET /_mockgraph/health HTTP/1.1\r\nHost: x\r\n\r\n"
        with _raw(server.url, create + health) as sock:
            first, second = _reply(sock), _reply(sock)
    assert first.split()[1] == b"201" and b'"@odata.context"' in first
    assert second.split()[1] == b"200" and b'"status":"ok"' in second


def test_a_request_still_arriving_does_not_hold_up_one_that_has_arrived():
    """One worker with one thread: a half-sent request takes the thread; a whole one is answered meanwhile."""
    with served("--workers", "1", "--threads", "1") as server:
        body_start = (f"POST {PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: {AUTH['Authorization']}\r\n"
                      "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"subj").encode()
        with _raw(server.url, body_start) as half:
            time.sleep(0.5)
            r = requests.post(server.url + PATH, json={}, headers=AUTH, timeout=(5, 2 * CLIENT_IDLE_SECONDS + 10))
            half.setblocking(False)
            with pytest.raises(BlockingIOError):  # not cut off yet: the 201 did not wait for the idle timeout
                half.recv(1)
        assert r.status_code == 201
        _assert_clean(server.log)


def test_while_a_fault_rule_is_stored_a_delayed_request_holds_a_thread_not_the_worker():
    """A rule's delay sleeps where its request is served: then every request goes to a pool thread."""
    with served("--workers", "1", "--threads", "2") as server, requests.Session() as session:
        rule = {"method": "GET", "path": "/v1.0/solutions/virtualEvents/events/slow/sessions", "delayMs": 3000}
        assert session.post(server.url + "/_mockgraph/faults", json=rule, timeout=10).status_code == 201
        with ThreadPoolExecutor(1) as pool:
            slow = pool.submit(requests.get, server.url + SESSIONS.format(event="slow"), headers=AUTH, timeout=30)
            time.sleep(0.5)
            quick = requests.get(server.url + SESSIONS.format(event=EVENT), headers=AUTH, timeout=30)
            assert not slow.done()  # answered while the delayed request still sleeps
            assert quick.status_code in (200, 404) and slow.result().status_code in (200, 404)
