"""Two ``mockgraph serve`` processes sharing one real Redis answer as one Graph, and ride out a Redis restart."""

from __future__ import annotations

import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import AUTH, EVENT, assert_envelope, load_fixture, raw_response, served
from tests.redis_server import running_redis

requests = pytest.importorskip("requests")
pytest.importorskip("redis", reason="the redis client is not installed: pip install 'mockgraph[redis]'")

ROOT = "/v1.0/solutions/virtualEvents"
SESSIONS = f"{ROOT}/events/{EVENT}/sessions"
TOWN_HALL = {"displayName": "Town hall", "audience": "organization",
             "startDateTime": {"dateTime": "2024-03-30T10:00:00", "timeZone": "UTC"},
             "endDateTime": {"dateTime": "2024-03-30T11:00:00", "timeZone": "UTC"}}


@pytest.fixture(scope="module")
def redis_server():
    """A persistent redis-server (every acknowledged write reaches disk), so a restart keeps what was written."""
    with running_redis(persistent=True) as server:
        yield server


@contextlib.contextmanager
def host(url: str, namespace: str):
    with served("--store", f"{url}?namespace={namespace}", "--workers", "2", "--threads", "4", timeout=60) as server:
        yield server


@pytest.fixture(scope="module")
def hosts(redis_server):
    """Hosts a and b on namespace t1, c on namespace t2, all on the one Redis."""
    with host(redis_server.url, "t1") as a, host(redis_server.url, "t1") as b, host(redis_server.url, "t2") as c:
        yield a.url, b.url, c.url


@pytest.fixture(autouse=True)
def fresh(request):
    """Every test of the hosts starts from empty namespaces, reset through one host each."""
    if "hosts" not in request.fixturenames:
        return
    hosts = request.getfixturevalue("hosts")
    for url in (hosts[0], hosts[2]):
        assert requests.post(url + "/_mockgraph/reset", timeout=10).status_code == 200


def call(method: str, url: str, **kwargs):
    return requests.request(method, url, headers=AUTH, timeout=10, **kwargs)


def envelope(reply, status: int, code: str) -> dict:
    """assert_envelope over a requests reply (rebuilt as a Werkzeug response)."""
    head = "".join(f"{k}: {v}\r\n" for k, v in reply.headers.items() if k.lower() != "transfer-encoding")
    return assert_envelope(raw_response(f"HTTP/1.1 {reply.status_code} X\r\n{head}\r\n".encode() + reply.content),
                           status, code)


def test_health_names_the_redis_store_and_says_it_answers(hosts, redis_server):
    """Each host's health shows kind redis, its namespace, the URL and reachable: true."""
    for url, namespace in zip(hosts, ("t1", "t1", "t2"), strict=True):
        store = requests.get(url + "/_mockgraph/health", timeout=10).json()["store"]
        assert store == {"kind": "redis", "url": f"{redis_server.url}?namespace={namespace}",
                         "namespace": namespace, "reachable": True}


def test_created_on_one_host_is_read_updated_and_counted_on_the_other(hosts):
    """A town hall created through a is read, patched and counted through b, and a reads b's change."""
    a, b, _ = hosts
    created = call("POST", a + f"{ROOT}/townhalls", json=TOWN_HALL)
    assert created.status_code == 201, created.text
    town_hall = created.json()
    path = f"{ROOT}/townhalls/{town_hall['id']}"
    assert call("GET", b + path).json() == town_hall
    patched = call("PATCH", b + path, json={"displayName": "Renamed on b"})
    assert patched.status_code == 200 and patched.json()["displayName"] == "Renamed on b"
    assert call("GET", a + path).json() == {**town_hall, "displayName": "Renamed on b"}
    assert call("GET", b + f"{ROOT}/townhalls/$count").text == "1"
    sessions = call("GET", b + f"{path}/sessions").json()["value"]
    assert len(sessions) == 1  # the session made with the town hall, on a


def test_alternating_creates_give_distinct_ids_and_one_count(hosts):
    """20 session creates alternating between a and b give 20 distinct ids, all listed in order on either host."""
    a, b, _ = hosts
    body = load_fixture("virtualEventSession.create.request.minimal.json")
    ids = []
    for i in range(20):
        reply = call("POST", (a, b)[i % 2] + SESSIONS, json=body)
        assert reply.status_code == 201, reply.text
        ids.append(reply.json()["id"])
    assert len(set(ids)) == 20
    for url in (a, b):
        assert [s["id"] for s in call("GET", url + SESSIONS).json()["value"]] == ids
        assert call("GET", url + f"{SESSIONS}/$count").text == "20"


def test_a_reset_through_one_host_empties_both(hosts):
    """After a reset through b, a finds nothing either and numbers again from 1: the next id is the first one again."""
    a, b, _ = hosts
    body = load_fixture("virtualEventSession.create.request.minimal.json")
    first = call("POST", a + SESSIONS, json=body).json()["id"]
    second = call("POST", b + SESSIONS, json=body).json()["id"]
    town_hall = call("POST", b + f"{ROOT}/townhalls", json=TOWN_HALL).json()["id"]
    assert requests.post(b + "/_mockgraph/reset", timeout=10).status_code == 200
    for path in (f"{SESSIONS}/{first}", f"{SESSIONS}/{second}", f"{ROOT}/townhalls/{town_hall}"):
        assert call("GET", a + path).status_code == 404
    assert call("GET", a + f"{ROOT}/townhalls").json()["value"] == []
    assert call("GET", a + f"{ROOT}/townhalls/$count").text == "0"
    assert call("POST", a + SESSIONS, json=body).json()["id"] == first


def test_the_journal_is_shared(hosts):
    """Requests through a and b land in one journal, numbered from 1, that either host shows."""
    a, b, _ = hosts
    call("GET", a + f"{ROOT}/townhalls")
    call("GET", b + f"{ROOT}/webinars")
    call("GET", a + f"{ROOT}/events")
    for url in (a, b):
        entries = requests.get(url + "/_mockgraph/requests", timeout=10).json()["value"]
        assert [(e["seq"], e["path"]) for e in entries] == [
            (1, f"{ROOT}/townhalls"), (2, f"{ROOT}/webinars"), (3, f"{ROOT}/events")]


def test_two_namespaces_on_one_redis_do_not_see_each_other(hosts):
    """c (namespace t2) sees nothing of a's entities or journal, and a reset through c leaves a's."""
    a, _, c = hosts
    town_hall = call("POST", a + f"{ROOT}/townhalls", json=TOWN_HALL).json()
    assert call("GET", c + f"{ROOT}/townhalls/{town_hall['id']}").status_code == 404
    assert call("GET", c + f"{ROOT}/townhalls/$count").text == "0"
    assert [e["path"] for e in requests.get(c + "/_mockgraph/requests", timeout=10).json()["value"]] == [
        f"{ROOT}/townhalls/{town_hall['id']}", f"{ROOT}/townhalls/$count"]
    assert requests.post(c + "/_mockgraph/reset", timeout=10).status_code == 200
    assert call("GET", a + f"{ROOT}/townhalls/{town_hall['id']}").json() == town_hall


def test_patches_racing_on_two_hosts_lose_neither_change(hosts):
    """In 15 rounds a patches displayName while b patches description of one town hall: both changes stay."""
    a, b, _ = hosts
    path = f"{ROOT}/townhalls/" + call("POST", a + f"{ROOT}/townhalls", json=TOWN_HALL).json()["id"]
    for r in range(15):
        changes = [(a, {"displayName": f"a{r}"}), (b, {"description": {"contentType": "text", "content": f"b{r}"}})]
        with ThreadPoolExecutor(2) as pool:
            replies = list(pool.map(lambda change: call("PATCH", change[0] + path, json=change[1]), changes))
        assert [reply.status_code for reply in replies] == [200, 200]
        now = call("GET", b + path).json()
        assert (now["displayName"], now["description"]["content"]) == (f"a{r}", f"b{r}")


def _load(urls: list[str], stop: threading.Event, log: list, body: dict) -> None:
    """Create sessions through the hosts in turn and read each one back through the next, until told to stop."""
    with requests.Session() as http:
        i = 0
        while not stop.is_set():
            url = urls[i % len(urls)]
            i += 1
            try:
                reply = http.post(url + SESSIONS, json=body, headers=AUTH, timeout=10)
                log.append(("create", reply))
                if reply.status_code == 201:
                    log.append(("get", http.get(urls[i % len(urls)] + f"{SESSIONS}/{reply.json()['id']}",
                                                headers=AUTH, timeout=10)))
            except requests.RequestException as exc:  # reported by the assertions: the hosts must answer
                log.append(("failed", exc))
            time.sleep(0.01)


def _healthy(url: str) -> bool:
    return requests.get(url + "/_mockgraph/health", timeout=10).status_code == 200


def test_a_redis_restart_under_load_is_503s_then_service_again(hosts, redis_server):
    """Redis stopped and started under load: only 503 serviceNotAvailable with Retry-After meanwhile, never a 500,
    every entity whole and none lost, and both hosts serve again without a restart."""
    a, b, _ = hosts
    body = load_fixture("virtualEventSession.create.request.minimal.json")
    stop, log = threading.Event(), []
    workers = [threading.Thread(target=_load, args=([a, b], stop, log, body)) for _ in range(4)]
    for w in workers:
        w.start()
    try:
        time.sleep(1.0)
        redis_server.stop()
        time.sleep(1.5)
        down = requests.get(a + "/_mockgraph/health", timeout=10)
        redis_server.start()
        time.sleep(1.5)
    finally:
        stop.set()
        for w in workers:
            w.join(timeout=30)
    envelope(down, 503, "serviceNotAvailable")
    assert int(down.headers["Retry-After"]) > 0
    assert [entry for entry in log if entry[0] == "failed"] == []
    statuses = [reply.status_code for _, reply in log]
    assert set(statuses) <= {200, 201, 503}, sorted(set(statuses))
    assert 503 in statuses and len(log) >= 100, (len(log), sorted(set(statuses)))
    for _, reply in log:
        if reply.status_code == 503:
            error = envelope(reply, 503, "serviceNotAvailable")
            assert "Redis at 127.0.0.1:" in error["message"] and int(reply.headers["Retry-After"]) > 0
    for _ in range(100):  # tries 0.1 s apart: the hosts have about 10 s to notice Redis is back
        if _healthy(a) and _healthy(b):
            break
        time.sleep(0.1)
    else:
        pytest.fail("the hosts did not recover after Redis came back")
    created = {reply.json()["id"]: reply.json() for kind, reply in log if kind == "create" and reply.status_code == 201}
    for url in (a, b):  # the same processes, serving again
        reply = call("POST", url + SESSIONS, json=body)
        assert reply.status_code == 201, reply.text
        created[reply.json()["id"]] = reply.json()
    listed = call("GET", b + f"{SESSIONS}?$top=999").json()["value"]
    by_id = {entity["id"]: entity for entity in listed}
    assert set(created) <= set(by_id), "an entity acknowledged with 201 was lost"
    fields = set(next(iter(created.values()))) - {"@odata.context"}
    for entity in listed:
        assert set(entity) == fields, entity  # whole: never half an entity
    for key, reply in created.items():
        got = call("GET", a + f"{SESSIONS}/{key}").json()
        assert got == reply, key


def _serve_fails(*args: str, env: dict[str, str] | None = None) -> str:
    """Run ``mockgraph serve --port 0 ARGS`` expecting exit 2 and one ``mockgraph:`` line on stderr; that line."""
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if not k.startswith("MOCKGRAPH_")}
    done = subprocess.run([sys.executable, "-m", "mockgraph", "serve", "--port", "0", *args],
                          env={**clean, **(env or {})}, capture_output=True, timeout=60)
    err = done.stderr.decode()
    assert done.returncode == 2 and done.stdout == b"", err
    assert len(err.splitlines()) == 1 and err.startswith("mockgraph: "), err
    return err.strip()


def test_serve_with_redis_down_at_start_is_one_line_saying_where():
    """An unreachable Redis stops serve at once with one line naming the address, the setting and the reason."""
    from tests.redis_server import free_port

    port = free_port()
    flag = _serve_fails("--store", f"redis://:pw@127.0.0.1:{port}/0")
    assert flag == f"mockgraph: cannot reach Redis at 127.0.0.1:{port} (--store): Connection refused"
    variable = _serve_fails(env={"MOCKGRAPH_STORE": f"redis://127.0.0.1:{port}/0?namespace=x"})
    assert variable == f"mockgraph: cannot reach Redis at 127.0.0.1:{port} (MOCKGRAPH_STORE): Connection refused"


@pytest.mark.parametrize(("args", "parts"), [
    (["--store", "mongodb://localhost/x"], ["--store: unknown store URL 'mongodb://localhost/x'", "redis://"]),
    (["--store", "memory:"], ["--store: memory: keeps state in one process", "2 workers", "--workers 1"]),
    (["--store", "memory:", "--workers", "3"], ["3 workers", "sqlite:///path or redis://host:port/db"]),
    (["--store", "redis://127.0.0.1:6379/0?namespace=a/b"], ["--store: store URL namespace 'a/b'"]),
    (["--store", "sqlite:///nowhere/at/all/state.db"], ["cannot open the store sqlite:///nowhere/at/all/state.db",
                                                        "(--store)"]),
])
def test_serve_refuses_a_bad_store_in_one_line(args, parts):
    """A store URL serve cannot use is one line naming the setting and what to use instead."""
    err = _serve_fails(*args)
    for part in parts:
        assert part in err, err


def test_a_sqlite_store_path_is_kept_across_restarts(tmp_path):
    """--store sqlite:///path keeps what was created when serve is stopped and started again on that file."""
    url = f"sqlite:///{tmp_path / 'kept.sqlite3'}"
    with served("--store", url, timeout=60) as first:
        created = call("POST", first.url + f"{ROOT}/townhalls", json=TOWN_HALL).json()
        assert requests.get(first.url + "/_mockgraph/health", timeout=10).json()["store"]["kind"] == "sqlite"
    with served("--store", url, timeout=60) as second:
        assert call("GET", second.url + f"{ROOT}/townhalls/{created['id']}").json() == created


def test_memory_store_with_one_worker_serves():
    """--store memory: with --workers 1 serves, and health says memory."""
    with served("--store", "memory:", "--workers", "1", timeout=60) as server:
        assert requests.get(server.url + "/_mockgraph/health", timeout=10).json()["store"] == {
            "kind": "memory", "reachable": True}
