"""`mockgraph pact publish`: hands pact files to the Pact CLI's broker client, or says there is no broker."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from mockgraph.cli import main
from mockgraph.pact_cli import broker_command, pact_binary
from mockgraph.pacts import export

BROKER_ENV = ("PACT_BROKER_BASE_URL", "PACT_BROKER_TOKEN", "PACT_BROKER_USERNAME", "PACT_BROKER_PASSWORD",
              "PACT_BROKER_HTTP_RETRIES")


@pytest.fixture
def pact_dir(tmp_path):
    export(tmp_path, consumer="publishing-app")
    return tmp_path


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    for name in BROKER_ENV:
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


class _FakeBroker(BaseHTTPRequestHandler):
    """Just enough of a Pact Broker's API for `pact broker publish`: the index and /contracts/publish."""

    def log_message(self, *args) -> None:
        pass

    def _send(self, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/hal+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self.server.calls.append(("GET", self.path, self.headers.get("Authorization"), None))
        href = f"http://127.0.0.1:{self.server.server_port}/contracts/publish"
        self._send({"_links": {"pb:publish-contracts": {"href": href}}})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.calls.append(("POST", self.path, self.headers.get("Authorization"), body))
        self._send({"notices": [{"type": "success", "text": "published"}], "_links": {}, "_embedded": {}})


@pytest.fixture
def broker() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeBroker)
    server.calls = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def test_without_a_broker_it_says_so_in_one_line(runner, pact_dir):
    """No PACT_BROKER_BASE_URL and no --broker-url: one line, nothing run, exit 0."""
    result = runner.invoke(main, ["pact", "publish", str(pact_dir), "--version", "1.0.0"])
    assert result.exit_code == 0
    assert result.output.count("\n") == 1 and "no Pact Broker configured" in result.output


def test_broker_command_arguments():
    """Files, broker URL, version, branch, tags and retries become `pact broker publish` arguments."""
    argv = broker_command("pact", "pacts/", "https://broker.example", "abc123", "main", ("ci", "rc"), 0)
    assert argv == ["pact", "broker", "publish", "pacts/", "--broker-base-url", "https://broker.example",
                    "--consumer-app-version", "abc123", "--branch", "main", "--retries", "0",
                    "--tag", "ci", "--tag", "rc"]


def test_dry_run_prints_the_command_without_the_token(runner, pact_dir):
    """--dry-run shows the broker call; a token in the environment never appears on the command line."""
    result = runner.invoke(main, ["pact", "publish", str(pact_dir), "--version", "2", "--dry-run"],
                           env={"PACT_BROKER_BASE_URL": "https://broker.example", "PACT_BROKER_TOKEN": "s3cret"})
    assert result.exit_code == 0
    assert result.output.startswith(pact_binary() + " broker publish " + str(pact_dir))
    assert "https://broker.example" in result.output and "s3cret" not in result.output


def test_publish_hands_the_pacts_to_the_broker_client(runner, pact_dir, broker):
    """The real Pact CLI publishes the exported file, version, branch and tag with the bearer token."""
    url = f"http://127.0.0.1:{broker.server_port}"
    result = runner.invoke(main, ["pact", "publish", str(pact_dir), "--broker-url", url, "--version", "1.2.3",
                                  "--branch", "main", "--tag", "ci", "--retries", "0"],
                           env={"PACT_BROKER_TOKEN": "s3cret"})
    assert result.exit_code == 0, result.output
    posts = [call for call in broker.calls if call[0] == "POST"]
    assert len(posts) == 1
    _, path, auth, body = posts[0]
    assert (path, auth) == ("/contracts/publish", "Bearer s3cret")
    assert (body["pacticipantName"], body["pacticipantVersionNumber"], body["branch"], body["tags"]) == (
        "publishing-app", "1.2.3", "main", ["ci"])
    sent = json.loads(base64.b64decode(body["contracts"][0]["content"]))
    assert sent == json.loads((pact_dir / "publishing-app-microsoft-graph.json").read_text())


def test_broker_failure_is_one_line(runner, pact_dir):
    """A broker that cannot be reached fails the command with one line naming the broker client's error."""
    import socket

    with socket.socket() as sock:  # a loopback port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = runner.invoke(main, ["pact", "publish", str(pact_dir), "--broker-url", f"http://127.0.0.1:{port}",
                                  "--version", "1", "--retries", "0"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: pact broker publish failed") and result.output.count("\n") == 1


def test_an_empty_version_is_refused(tmp_path):
    """`--version ""` (a git rev-parse outside a checkout) is a usage error, not a pact published without a version."""
    from click.testing import CliRunner

    from mockgraph.cli import main

    (tmp_path / "a.json").write_text("{}")
    result = CliRunner().invoke(main, ["pact", "publish", str(tmp_path / "a.json"), "--version", "", "--dry-run",
                                       "--broker-url", "https://broker.example.com"])
    assert result.exit_code == 2 and "--version is empty" in result.output
