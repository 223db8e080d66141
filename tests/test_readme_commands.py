"""The README's commands from "## Pact" to the end, run as a reader pastes them into a fresh shell.

Each ``console``/``sh`` block is found under its heading and run by bash in a temporary folder (never the
checkout), with this venv's ``bin`` first on PATH, against real processes on free loopback ports. The only
change to a command is its address: the README's 127.0.0.1:8000 (and 6379, 8001, 8002, 9000) become the ports
chosen here; where a run is cut, a flag added to observe a result or a MOCKGRAPH_* variable set, the
test says so beside it. Every process a block starts runs in the block's own process group, which is stopped
on the way out whatever happened.
``test_readme.py`` covers the README before "## Pact"; LEFT_OUT lists the lines not run here, and why.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import GUID, served

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
TAIL = README[README.index("\n## Pact\n"):]
BIN = Path(sys.executable).parent
TOOLS = ("mockgraph", "pact", "schemathesis")
AUTH = {"Authorization": "Bearer any-token"}
URL_LINE = re.compile(r"on (http://\S+)/v1\.0")

pytestmark = [
    pytest.mark.skipif(os.name != "posix" or not shutil.which("bash") or not shutil.which("curl"),
                       reason="the README's shell lines need bash and curl"),
    pytest.mark.skipif(not all((BIN / tool).exists() for tool in TOOLS),
                       reason="mockgraph, pact and schemathesis come with the test extra: pip install -e '.[test]'"),
]

#: The README lines not run as printed, each with the reason (a test checks that each is still in the README).
LEFT_OUT = {
    'mockgraph pact publish pacts --version "$(git rev-parse HEAD)" --branch main --tag ci':
        "publishing needs a Pact Broker, and none can run here: the line runs with --dry-run after the block's "
        "export, and with no PACT_BROKER_* set, the two outcomes the README describes",
    "python bench/bench_serve.py --seconds 3":
        "minutes long, and needs wrk, Prism and the Pact stub beside it: only its presence and --seconds are checked",
    "python bench/bench_fixture.py": "minutes long: only its presence is checked",
    "python bench/soak.py": "a million requests (about 35 minutes): only its presence is checked",
    "python bench/bench_state.py": "loads 100,000 entities (about a minute): only its presence is checked",
    "python bench/profile_paths.py": "profiles thousands of requests (about a minute): only its presence is checked",
}

#: Every console/sh block from "## Pact" on, by (heading, index), and the test that runs it.
COVERED = {
    ("Pact", 0): "test_the_exported_pact_answers_as_a_stub",
    ("Pact", 1): "test_the_verifier_line_passes_and_writes_its_reports",
    ("Pact", 2): "test_a_recorded_pact_verifies_against_another_seed",
    ("Publishing to a Pact Broker", 0): "test_publish_dry_run_and_no_broker",
    ("Several hosts as one Graph (Redis)", 0): "test_two_hosts_on_one_redis_answer_as_one_graph",
    ("Permissions and tokens", 0): "test_the_token_lines_make_the_tokens_the_readme_describes",
    ("Throttling, faults, batching", 0): "test_the_fault_rule_fails_every_second_webinar_read",
    ("Limits, exposure, memory", 0): "test_no_control_and_the_control_token",
    ("Limits, exposure, memory", 1): "test_the_openapi_document_from_the_command_and_the_server_agree",
    ("Limits, exposure, memory", 2): "test_the_schemathesis_block_passes",
    ("Performance", 0): "test_the_benchmark_scripts_exist",
}


def blocks(text: str) -> dict[str, list[tuple[str, str]]]:
    """Fenced blocks as (language, code), by the heading they sit under (a ``#`` inside a block is code)."""
    found: dict[str, list[tuple[str, str]]] = {}
    heading, fence, lines = "", None, []
    for line in text.splitlines():
        if fence is None and line.startswith("```"):
            fence, lines = line[3:].strip(), []
        elif fence is not None and line.strip() == "```":
            found.setdefault(heading, []).append((fence, "\n".join(lines) + "\n"))
            fence = None
        elif fence is not None:
            lines.append(line)
        elif line.startswith("#"):
            heading = line.lstrip("#").strip()
    return found


BLOCKS = blocks(TAIL)


def shell_block(heading: str, index: int = 0) -> str:
    """The index-th console/sh block under the heading."""
    shell = [code for language, code in BLOCKS.get(heading, []) if language in ("console", "sh")]
    assert len(shell) > index, f"README lost shell block {index} under {heading!r}"
    return shell[index]


def python_block(heading: str, index: int = 0) -> str:
    python = [code for language, code in BLOCKS.get(heading, []) if language == "python"]
    assert len(python) > index, f"README lost Python block {index} under {heading!r}"
    return python[index]


def console(code: str) -> list[tuple[str, list[str]]]:
    """A console block as (command, the output lines shown under it); a ``\\`` ending a line continues it."""
    commands: list[tuple[str, list[str]]] = []
    continued = False
    for line in code.splitlines():
        if continued:
            commands[-1] = (commands[-1][0] + "\n" + line, commands[-1][1])
        elif line.startswith("$ "):
            commands.append((line[2:], []))
        elif line.strip():
            commands[-1][1].append(line)
        continued = line.endswith("\\")
    return commands


def at(code: str, **ports: int) -> str:
    """The code with each README port (``p8000=N``) replaced by the one chosen here; each must be there."""
    for name, port in ports.items():
        readme_port = name.removeprefix("p")
        assert re.search(rf"\b{readme_port}\b", code), f"the README block no longer uses port {readme_port}:\n{code}"
        code = re.sub(rf"\b{readme_port}\b", str(port), code)
    return code


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def json_values(text: str) -> list:
    """Every top-level JSON object in text that mixes replies (curl prints no newline) with log lines."""
    decoder, found, position = json.JSONDecoder(), [], 0
    while (start := text.find("{", position)) >= 0:
        try:
            value, position = decoder.raw_decode(text, start)
            found.append(value)
        except json.JSONDecodeError:
            position = start + 1
    return found


def abbreviated(shown: str, actual: str) -> bool:
    """``shown`` is ``actual`` with parts cut out, each cut marked by one "…"."""
    return re.fullmatch(".*?".join(re.escape(part) for part in shown.split("…")), actual, re.S) is not None


def call(method: str, url: str, body: dict | None = None, headers: dict | None = None) -> tuple[int, str]:
    """One HTTP request; (status, body text), error statuses included."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data, {**({"Content-Type": "application/json"} if data else {}),
                                                 **(headers or {})}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=20) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


@dataclass
class Done:
    status: int
    out: str
    err: str

    def ok(self) -> Done:
        assert self.status == 0, \
            f"exit status {self.status}\n--- stdout\n{self.out[-3000:]}\n--- stderr\n{self.err[-3000:]}"
        return self


class Shell:
    """A fresh shell in a project folder: each script runs in its own process group, logged outside the folder."""

    def __init__(self, folder: Path, logs: Path, env: dict[str, str]):
        self.folder, self.logs, self.env = folder, logs, env
        self.groups: list[subprocess.Popen] = []

    def _spawn(self, script: str) -> tuple[subprocess.Popen, Path, Path]:
        n = len(self.groups)
        out, err = self.logs / f"{n}.out", self.logs / f"{n}.err"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            proc = subprocess.Popen(["bash", "-c", script], cwd=self.folder, env=self.env, stdin=subprocess.DEVNULL,
                                    stdout=stdout, stderr=stderr, start_new_session=True)
        self.groups.append(proc)
        return proc, out, err

    def run(self, script: str, timeout: float = 120) -> Done:
        """Run the script to its end (what it sent to the background keeps running until stop())."""
        proc, out, err = self._spawn(script)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running after {timeout} s:\n{script}\n{err.read_text(errors='replace')}") \
                from None
        return Done(proc.returncode, out.read_text(errors="replace"), err.read_text(errors="replace"))

    def start(self, script: str, timeout: float = 30) -> str:
        """Start a script that serves mockgraph in the foreground; the base URL it printed on stderr."""
        proc, _, err = self._spawn(script)
        deadline = time.monotonic() + timeout
        while not (match := URL_LINE.search(err.read_text(errors="replace"))):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{script!r} did not start:\n{err.read_text(errors='replace')}")
            time.sleep(0.05)
        return match.group(1)

    def stop(self) -> None:
        """SIGTERM every group (SIGKILL what is left of one after ~10 s); a group outlives its bash when it forked."""
        for proc in self.groups:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.groups:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(10)
            for _ in range(200):  # tries 0.05 s apart: about 10 s for what the group forked
                try:
                    os.killpg(proc.pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)
            else:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def reader_env(**extra: str) -> dict[str, str]:
    """A reader's environment: the venv's bin first on PATH, no MOCKGRAPH_* or PACT_BROKER_* of the suite's own."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("MOCKGRAPH_", "PACT_BROKER_")) and name != "VIRTUAL_ENV"}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", PACT_DO_NOT_TRACK="true",
               SCHEMATHESIS_TELEMETRY="false", **extra)
    return env


@pytest.fixture(autouse=True)
def _no_suite_settings(monkeypatch):
    """The servers started with served() run on the defaults too, whatever MOCKGRAPH_* the suite runs with."""
    for name in [name for name in os.environ if name.startswith("MOCKGRAPH_")]:
        monkeypatch.delenv(name)


@pytest.fixture
def project(tmp_path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    return folder


@pytest.fixture
def shell(tmp_path, project) -> Iterator[Shell]:
    """A shell in the project folder; whatever it started is stopped afterwards."""
    logs = tmp_path / "logs"
    logs.mkdir()
    session = Shell(project, logs, reader_env())
    try:
        yield session
    finally:
        session.stop()


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Done]:
    """The Pact section's export line, run once in its own folder: (the folder, what the line did)."""
    folder = tmp_path_factory.mktemp("exported")
    command, _ = console(shell_block("Pact", 0))[0]
    assert command.startswith("mockgraph pact export ")
    done = subprocess.run(["bash", "-c", command], cwd=folder, env=reader_env(), capture_output=True, text=True,
                          timeout=120)
    return folder, Done(done.returncode, done.stdout, done.stderr)


def with_pacts(exported: tuple[Path, Done], project: Path) -> Path:
    """The exported pacts/ copied into the project, as the reader has them after the export line."""
    folder, done = exported
    done.ok()
    shutil.copytree(folder / "pacts", project / "pacts")
    return project / "pacts" / "my-app-microsoft-graph.json"


def test_every_command_block_is_run_or_listed():
    """Each console/sh block from "## Pact" on has a test, and each line LEFT_OUT is still in the README."""
    found = {(heading, index) for heading, items in BLOCKS.items()
             for index, _ in enumerate([code for language, code in items if language in ("console", "sh")])}
    assert found == set(COVERED), "a README shell block was added or moved: run it here or list it in LEFT_OUT"
    assert all(name in globals() for name in COVERED.values())
    python = [heading for heading, items in BLOCKS.items() for language, _ in items if language == "python"]
    assert python == ["Pact", "Pact"], "a Python block was added after '## Pact': run it here too"
    for line in LEFT_OUT:
        assert line in TAIL, f"LEFT_OUT names a line the README no longer has: {line}"


def test_the_exported_pact_answers_as_a_stub(exported, project, shell):
    """The export prints its path, a V4 pact of the README's interaction count; the stub answers 201, fresh GUIDs."""
    [(_, shown), (stub, _), (create, _)] = console(shell_block("Pact", 0))
    folder, done = exported
    assert done.ok().out.splitlines() == shown
    pact = json.loads((folder / shown[0]).read_text())
    assert (pact["consumer"], pact["provider"]) == ({"name": "my-app"}, {"name": "microsoft-graph"})
    assert pact["metadata"]["pactSpecification"]["version"] == "4.0"
    assert len(pact["interactions"]) == int(re.search(r"(\d+) interactions", TAIL).group(1))

    with_pacts(exported, project)
    port = free_port()
    shell.run(f"(\n{at(stub, p9000=port)}\n) &").ok()  # in the background, as a second terminal would serve it
    for _ in range(300):  # tries 0.1 s apart: about 30 s for the stub to listen
        if _listening(port):
            break
        time.sleep(0.1)
    else:
        pytest.fail("pact stub did not start")
    ids = []
    for _ in range(2):
        # -w is added (before the line's comment) to see the status the comment promises
        done = shell.run(re.sub(r"\s+#\s[^'\"]*$", "", at(create, p9000=port)) + " -w '\\n%{http_code}'").ok()
        body, status = done.out.rsplit("\n", 1)
        assert status == "201", done.out
        ids.append(json.loads(body)["id"])
    assert all(GUID.match(id_) for id_ in ids) and ids[0] != ids[1], "the stub makes a fresh GUID on each call"


def _listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
        return True
    return False


def test_the_verifier_line_passes_and_writes_its_reports(exported, project, shell):
    """Serve, wait, mkdir and verify pass on the exported pact (seed 5), and both reports say it passed."""
    with_pacts(exported, project)
    # MOCKGRAPH_SEED is the test's: the README says the pact verifies against any seed
    done = shell.run(f"export MOCKGRAPH_SEED=5\n{at(verifier_block(), p8000=free_port())}").ok()
    assert "Failures:" not in done.out
    report = project / "build" / "pact"
    assert json.loads((report / "verification.json").read_text())["result"] is True
    junit = ElementTree.parse(report / "verification.xml").getroot()
    assert junit.findall(".//testcase") and not junit.findall(".//failure") and not junit.findall(".//error")



def verifier_block() -> str:
    """The Pact section's serve + wait + mkdir + verify lines as one script that stops at a failing line."""
    return "set -e\n" + "\n".join(command for command, _ in console(shell_block("Pact", 1)))


def test_a_recorded_pact_verifies_against_another_seed(project, shell):
    """A test run's traffic (seed 5), recorded by both lines, is a V4 pact; the verifier block passes it on seed 11."""
    [(record, shown), (fetch, _)] = console(shell_block("Pact", 2))
    with served("--seed", "5") as server:  # stands for "your tests against mockgraph"
        port = int(server.url.rsplit(":", 1)[1])
        events = server.url + "/v1.0/solutions/virtualEvents"
        status, body = call("POST", events + "/townhalls", {"displayName": "All hands"}, AUTH)
        town_hall = f"{events}/townhalls/{json.loads(body)['id']}"
        flow = [call("POST", town_hall + "/publish", headers=AUTH), call("GET", town_hall, headers=AUTH),
                call("PATCH", town_hall, {"displayName": "Quarterly all hands"}, AUTH),
                call("POST", events + "/webinars", {"displayName": "Webinar"}, AUTH)]
        assert [status] + [reply[0] for reply in flow] == [201, 204, 200, 200, 201], flow
        done = shell.run(at(record, p8000=port)).ok()
        assert not shown and done.out.strip() == "pacts/my-app-microsoft-graph.json", done.out
        recorded = json.loads((project / done.out.strip()).read_text())
        shell.run(at(fetch, p8000=port)).ok()
        fetched = json.loads((project / done.out.strip()).read_text())
    assert recorded["consumer"] == fetched["consumer"] == {"name": "my-app"}
    assert recorded["metadata"]["pactSpecification"]["version"] == "4.0"
    assert len(fetched["interactions"]) == len(recorded["interactions"]) == 5
    # MOCKGRAPH_SEED is the test's: the README says the recorded pact verifies against any seed
    shell.run(f"export MOCKGRAPH_SEED=11\n{at(verifier_block(), p8000=free_port())}").ok()


def test_the_python_verifier_block_passes_as_a_script(exported, project):
    """The in-process Verifier block, run as a script beside the exported pact, verifies it."""
    with_pacts(exported, project)
    done = subprocess.run([sys.executable, "-c", python_block("Pact", 0)], cwd=project, env=reader_env(),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_the_python_record_block_writes_the_pact_as_a_users_test(project):
    """The record() test module passes under pytest in a user's folder and writes pacts/my-app-microsoft-graph.json."""
    code = python_block("Pact", 1)
    (project / "test_client.py").write_text(code)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_client.py"],
                          cwd=project, env=reader_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:]
    path = re.search(r"# (pacts/\S+\.json) \(V4\)", code).group(1)
    pact = json.loads((project / path).read_text())
    assert pact["consumer"] == {"name": "my-app"} and pact["metadata"]["pactSpecification"]["version"] == "4.0"


@pytest.mark.skipif(shutil.which("git") is None, reason="the publish line takes its version from git, not installed")
def test_publish_dry_run_and_no_broker(exported, project, shell):
    """With the block's broker the dry run prints `pact broker publish` and no token; with none, the one line, 0."""
    with_pacts(exported, project)
    git = "git -c user.name=reader -c user.email=reader@example.com"
    shell.run(f"git init -q && {git} commit -q --allow-empty -m start").ok()  # a reader's project is a repository
    sha = shell.run("git rev-parse HEAD").ok().out.strip()
    [(broker, _), (publish, _)] = console(shell_block("Publishing to a Pact Broker", 0))
    assert publish.startswith(next(iter(LEFT_OUT)))
    done = shell.run(f"{broker}\n{publish} --dry-run").ok()  # --dry-run added: no broker can run here
    assert re.search(rf"pact broker publish pacts --broker-base-url https://broker\.example\.com "
                     rf"--consumer-app-version {sha} --branch main --tag ci\b", done.out), done.out
    assert "PACT_BROKER_TOKEN" not in done.out + done.err and "..." not in done.out + done.err

    shown = re.search(r"prints one line, `(mockgraph: no Pact\s+Broker configured …; nothing published\.)`", TAIL)
    assert shown, "README lost its no-broker line"
    done = shell.run(publish).ok()
    said = (done.out + done.err).strip()
    assert abbreviated(re.sub(r"\s+", " ", shown.group(1)), said) and "\n" not in said, said


@contextlib.contextmanager
def redis_shutdown(port: int) -> Iterator[None]:
    """Stop the daemonized redis-server the README's line starts (it leaves our process group), however it went."""
    try:
        yield
    finally:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"SHUTDOWN NOSAVE\r\n")
            s.recv(64)
        pidfile = Path(f"/var/run/redis_{port}.pid")
        for _ in range(200):  # tries 0.05 s apart: about 10 s for redis-server to exit
            if not _listening(port):
                break
            time.sleep(0.05)
        if _listening(port) and pidfile.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pidfile.read_text()), signal.SIGKILL)


def test_two_hosts_on_one_redis_answer_as_one_graph(shell):
    """The block as printed (the README's ports replaced): host 2 reads host 1's town hall; health says redis."""
    for tool in ("redis-server", "jq"):
        if shutil.which(tool) is None:
            pytest.skip(f"the Redis block needs {tool}, which is not installed (Debian: apt-get install -y {tool})")
    pytest.importorskip("redis", reason="the redis client is not installed: pip install 'mockgraph[redis]'")
    redis_port = free_port()
    script = at(shell_block("Several hosts as one Graph (Redis)"), p6379=redis_port, p8001=free_port(),
                p8002=free_port())
    with redis_shutdown(redis_port):
        done = shell.run("set -eo pipefail\n" + script).ok()
    town_hall, health = [value for value in json_values(done.out) if "id" in value or "store" in value][-2:]
    assert GUID.match(town_hall["id"].split("@")[0]) and town_hall["displayName"] == "All hands", done.out
    assert health["store"] == {"kind": "redis", "url": f"redis://127.0.0.1:{redis_port}/0?namespace=staging",
                               "namespace": "staging", "reachable": True}


def test_the_token_lines_make_the_tokens_the_readme_describes(shell):
    """With --check-permissions the curl creates a town hall organized by --user; the other tokens act as said."""
    user = "3f2a0b6e-1c7d-4e8f-9a0b-1c2d3e4f5a6b"
    with served("--check-permissions") as server:
        port = int(server.url.rsplit(":", 1)[1])
        done = shell.run(at(shell_block("Permissions and tokens"), p8000=port)).ok()
        [town_hall] = json_values(done.out)
        application, expired = done.out[done.out.rindex("}") + 1:].split()
        assert town_hall["status"] == "draft" and town_hall["createdBy"]["user"]["id"] == user, done.out
        assert claims(application)["roles"] == ["VirtualEvent.Read.All"] and "scp" not in claims(application)
        assert claims(expired)["scp"] == "VirtualEvent.Read" and claims(expired)["exp"] < time.time()
        town_halls = server.url + "/v1.0/solutions/virtualEvents/townhalls"
        assert call("GET", town_halls, headers={"Authorization": f"Bearer {application}"})[0] == 200
        status, body = call("GET", town_halls, headers={"Authorization": f"Bearer {expired}"})
        assert status == 401 and json.loads(body)["error"]["code"] == "InvalidAuthenticationToken"


def test_the_fault_rule_fails_every_second_webinar_read(shell):
    """The curl stores the rule; then every second GET of a webinar answers 503 in the envelope."""
    with served() as server:
        port = int(server.url.rsplit(":", 1)[1])
        done = shell.run(at(shell_block("Throttling, faults, batching"), p8000=port)).ok()
        assert json.loads(done.out) | {"id": None} == {"id": None, "method": "GET", "status": 503, "every": 2,
                                                          "path": "/solutions/virtualEvents/webinars/{id}",
                                                          "drop": False}
        status, body = call("POST", server.url + "/v1.0/solutions/virtualEvents/webinars", {"displayName": "x"}, AUTH)
        assert status == 201, body
        webinar = f"{server.url}/v1.0/solutions/virtualEvents/webinars/{json.loads(body)['id']}"
        replies = [call("GET", webinar, headers=AUTH) for _ in range(4)]
        assert [status for status, _ in replies] == [200, 503, 200, 503]
        assert json.loads(replies[1][1])["error"]["code"] == "serviceNotAvailable"


def test_no_control_and_the_control_token(shell):
    """--no-control leaves no /_mockgraph/; the token line guards it, and the curl with the header reads the journal."""
    [no_control, with_token, curl] = [line.split("#")[0].strip()
                                      for line in shell_block("Limits, exposure, memory", 0).splitlines()]
    assert no_control == "mockgraph serve --no-control" and with_token.endswith("mockgraph serve")
    # MOCKGRAPH_PORT is the test's: both lines serve on the default port 8000 otherwise
    url = shell.start(f"MOCKGRAPH_PORT={free_port()} {no_control}")
    assert call("GET", url + "/_mockgraph/requests")[0] == 404
    assert call("GET", url + "/v1.0/solutions/virtualEvents/townhalls", headers=AUTH)[0] == 200
    port = free_port()
    url = shell.start(f"MOCKGRAPH_PORT={port} {with_token}")
    status, body = call("GET", url + "/_mockgraph/requests")
    assert status == 401 and json.loads(body)["error"]["code"] == "Unauthorized"
    done = shell.run(at(curl, p8000=port)).ok()
    assert isinstance(json.loads(done.out)["value"], list)


def test_the_openapi_document_from_the_command_and_the_server_agree(shell, project):
    """`mockgraph openapi > openapi.json` writes OpenAPI 3.1; the server's copy is the same, naming its URL."""
    [write, fetch] = shell_block("Limits, exposure, memory", 1).splitlines()
    shell.run(write).ok()
    document = json.loads((project / "openapi.json").read_text())
    assert document["openapi"].startswith("3.1") and document["paths"]
    with served() as server:
        port = int(server.url.rsplit(":", 1)[1])
        served_document = json.loads(shell.run(at(fetch, p8000=port)).ok().out)
    assert served_document.pop("servers") == [{"url": server.url}]
    document.pop("servers", None)
    assert served_document == document


def test_the_schemathesis_block_passes(shell):
    """The config and the run pass against `mockgraph serve` (cut here to --max-examples 1, about 15 s)."""
    script = shell_block("Limits, exposure, memory", 2)
    assert "--max-examples 5" in script
    with served() as server:
        port = int(server.url.rsplit(":", 1)[1])
        done = shell.run(at(script, p8000=port).replace("--max-examples 5", "--max-examples 1"), timeout=240)
    assert done.status == 0, done.out[-6000:] + done.err[-2000:]
    assert re.search(r"\b(\d+) generated, \1 passed\b", done.out), done.out[-3000:]


def test_a_port_in_use_is_the_one_line_the_readme_quotes(shell):
    """`mockgraph serve` on a taken port prints the README's line, naming --port or MOCKGRAPH_PORT, and exits 2."""
    quoted = re.search(r"at once: `(mockgraph: port 8000 .*?)`", re.sub(r"\s+", " ", TAIL))
    assert quoted and "(--port / MOCKGRAPH_PORT)" in quoted.group(1), "README lost its port-in-use line"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for command, named in ((f"mockgraph serve --port {port}", "--port"),
                               (f"MOCKGRAPH_PORT={port} mockgraph serve", "MOCKGRAPH_PORT")):
            done = shell.run(command, timeout=30)
            expected = at(quoted.group(1), p8000=port).replace("--port / MOCKGRAPH_PORT", named)
            assert (done.status, done.err.strip()) == (2, expected), done.err  # one line: gunicorn never retried


def test_serve_help_names_the_variable_of_every_flag_in_the_table(shell):
    """Each row of the settings table with a `mockgraph serve` flag and a variable shows that variable in --help."""
    help_text = re.sub(r"\s+", "", shell.run("mockgraph serve --help").ok().out)
    rows = re.findall(r"^\|[^|]*\| `(--[a-z-]+)[^|]*\| `(MOCKGRAPH_[A-Z_]+)`", TAIL, re.M)
    assert len(rows) > 10
    for _flag, variable in rows:
        assert f"envvar:{variable}" in help_text, variable


def test_the_benchmark_scripts_exist():
    """The Performance block's scripts are in the checkout (they are not run: see LEFT_OUT), with their options."""
    lines = [line.split("#")[0].strip() for line in shell_block("Performance").splitlines()]
    assert lines == [line for line in LEFT_OUT if line.startswith("python bench/")]
    for line in lines:
        _, script, *options = line.split()
        source = (ROOT / script).read_text(encoding="utf-8")
        assert all(option in source for option in options if option.startswith("--")), line
