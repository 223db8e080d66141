"""The command line a newcomer meets: one-line errors naming the setting, help that names variables, examples."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import click
import pytest
from click.testing import CliRunner

from mockgraph.cli import main
from mockgraph.contracts import data_path
from mockgraph.ports import BindError, bind


def mockgraph(*args: str, env: dict[str, str] | None = None, cwd=None) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``python -m mockgraph ARGS`` with no MOCKGRAPH_* variable but ``env``; the result and its duration."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MOCKGRAPH_")}
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "mockgraph", *args], env={**clean, **(env or {})}, cwd=cwd,
                          capture_output=True, timeout=30)
    return done, time.monotonic() - start


def assert_one_line(done: subprocess.CompletedProcess, *parts: str) -> str:
    """Exit status 2, nothing on stdout, one ``mockgraph:`` line on stderr holding every part."""
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert done.stdout == b""
    assert len(err.splitlines()) == 1 and err.startswith("mockgraph: "), err
    for part in parts:
        assert part in err
    return err


@pytest.fixture
def busy_port():
    """A loopback port another socket is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


@pytest.mark.parametrize(("args", "env", "parts"), [
    (["--port", "{busy}"], {}, ["port {busy} on 127.0.0.1 is in use", "(--port)", "0 for a free one"]),
    ([], {"MOCKGRAPH_PORT": "{busy}"}, ["port {busy} on 127.0.0.1 is in use", "(MOCKGRAPH_PORT)"]),
    (["--port", "-1"], {}, ["--port: -1 is out of range", "0 to 65535"]),
    (["--port", "70000"], {}, ["--port: 70000 is out of range", "0 to 65535"]),
    (["--port", "abc"], {}, ["--port: 'abc' is not an integer", "0 to 65535"]),
    ([], {"MOCKGRAPH_PORT": "70000"}, ["MOCKGRAPH_PORT: 70000 is out of range"]),
    # an empty label fails in Python's idna codec, so no resolver (and no DNS server) is ever asked
    (["--host", "no..such.host"], {}, ["host 'no..such.host' cannot be resolved", "(--host)"]),
    ([], {"MOCKGRAPH_HOST": "no..such.host"}, ["cannot be resolved", "(MOCKGRAPH_HOST)"]),
    (["--host", "192.0.2.1"], {}, ["192.0.2.1 is not an address of this machine", "(--host)",
                                   "cannot assign requested address"]),
])
def test_serve_refuses_a_bad_address_in_one_line_at_once(busy_port, args, env, parts):
    """A port in use or out of range, or a host that cannot be resolved or is not local: one line, exit 2, at once
    (before gunicorn starts: its retry loop's "Retrying"/ERROR lines never appear; speed itself is bench/'s)."""
    fill = {"busy": busy_port}
    done, _ = mockgraph("serve", "--workers", "1", *(a.format(**fill) for a in args),
                              env={k: v.format(**fill) for k, v in env.items()})
    err = assert_one_line(done, *(p.format(**fill) for p in parts))
    assert "Traceback" not in err and "ERROR" not in err and "Retrying" not in err


def test_a_name_the_resolver_does_not_know_is_one_sentence(monkeypatch):
    """bind() turns the resolver's refusal into a BindError naming the host and its setting (no DNS is asked)."""
    def unknown(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    with pytest.raises(BindError, match=r"^host 'db\.example' cannot be resolved \(MOCKGRAPH_HOST\): Name or service"):
        bind("db.example", 0, host_setting="MOCKGRAPH_HOST")


@pytest.mark.parametrize(("variable", "value"), [
    ("MOCKGRAPH_PORT", "abc"),
    ("MOCKGRAPH_SEED", "abc"),
    ("MOCKGRAPH_WORKERS", "0"),
    ("MOCKGRAPH_JOURNAL_SIZE", "many"),
    ("MOCKGRAPH_REQUIRE_AUTH", "maybe"),
    ("MOCKGRAPH_CONTROL", "maybe"),
    ("MOCKGRAPH_ACCEPT_UNKNOWN_PROPERTIES", "maybe"),
    ("MOCKGRAPH_PROPAGATE_EXCEPTIONS", "maybe"),  # read by Settings.from_env, not by click
])
def test_a_bad_variable_is_named_not_its_flag(variable, value):
    """A bad MOCKGRAPH_* value is reported as that variable's, in one line with exit status 2."""
    done, _ = mockgraph("serve", env={variable: value})
    err = assert_one_line(done, f"{variable}: ", value)
    assert " --" not in err


def test_a_store_that_cannot_be_opened_is_one_line(tmp_path):
    """create_app's failure to open MOCKGRAPH_STORE_PATH is one line naming it, not a sqlite3 traceback."""
    done, _ = mockgraph("serve", "--port", "0", env={"MOCKGRAPH_STORE_PATH": str(tmp_path / "absent" / "db")})
    assert_one_line(done, "MOCKGRAPH_STORE_PATH", str(tmp_path / "absent" / "db"))


def test_serve_help_names_each_options_variable():
    """Every serve option has its MOCKGRAPH_* variable (the name from_env reads for a setting), shown in --help."""
    serve = main.get_command(click.Context(main), "serve")
    options = [p for p in serve.params if isinstance(p, click.Option) and p.name != "help"]
    text = " ".join(CliRunner().invoke(main, ["serve", "--help"]).output.split())  # help wraps at 80 columns
    for option in options:
        assert option.envvar == f"MOCKGRAPH_{option.name.upper()}"
        assert f"env var: {option.envvar}" in text


def test_serve_imports_no_other_commands_module():
    """`mockgraph serve` loads serve_cli alone (not the Pact broker's HTTP client); the old names still import."""
    code = ("import sys\nfrom mockgraph.cli import main\nmain(['serve', '--help'], standalone_mode=False)\n"
            "print(sorted(m for m in sys.modules if m.endswith('_cli')))\n"
            "from mockgraph.cli import MANIFEST, CliError, example_files, serve, token\n"
            "print(serve.name, token.name)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-2:] == ["['mockgraph.serve_cli']", "serve token"]


def test_main_help_shows_whole_command_summaries():
    """`mockgraph --help` at 80 columns cuts no command's summary short with '...'."""
    text = CliRunner().invoke(main, ["--help"], terminal_width=80).output
    commands = text.split("Commands:")[1]
    assert "..." not in commands
    assert {line.split()[0] for line in commands.splitlines() if line[2:3].strip()} >= {"serve", "examples", "openapi"}


def shipped() -> dict[str, bytes]:
    """Each example file in the package's fixtures folder, by its name in ``mockgraph examples``."""
    folder = data_path("fixtures")
    return {p.relative_to(folder).as_posix()[:-5]: p.read_bytes() for p in folder.rglob("*.json")
            if p.relative_to(folder).as_posix() != "examples.json"}


def test_examples_lists_and_prints_the_shipped_bodies_from_any_folder(tmp_path):
    """Outside the checkout, the list names every shipped body, and NAME prints that file byte for byte."""
    listed, _ = mockgraph("examples", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    names = [line.split()[0] for line in listed.stdout.decode().splitlines()]
    assert names == sorted(shipped())
    name = "virtualEventSession.create.request.minimal"
    printed, _ = mockgraph("examples", name, cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == shipped()[name]
    json.loads(printed.stdout)


def test_every_listed_example_prints_as_json():
    """Each name the list shows prints its file's bytes exactly."""
    runner = CliRunner()
    for name, body in shipped().items():
        result = runner.invoke(main, ["examples", name])
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes == body


def test_examples_describe_what_the_manifest_says(tmp_path, monkeypatch):
    """Descriptions come from fixtures/examples.json when present; the manifest itself is not an example."""
    (tmp_path / "plain.json").write_text("{}")
    (tmp_path / "page-get").mkdir()
    (tmp_path / "page-get" / "1.response.json").write_text("{}")
    monkeypatch.setattr("mockgraph.contracts.data_path", lambda name: tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["examples"]).output.split() == ["page-get/1.response", "plain"]
    manifest = [{"docsPage": "page-get", "method": "GET", "version": "v1.0", "summary": "Get a page",
                 "request": None, "response": "1.response.json", "responseDocumented": "1.response.documented.txt"}]
    (tmp_path / "examples.json").write_text(json.dumps(manifest))
    lines = runner.invoke(main, ["examples"]).output.splitlines()
    assert [line.split(None, 1) for line in lines] == [["page-get/1.response", "GET v1.0 Get a page: response"],
                                                        ["plain"]]


@pytest.mark.parametrize(("name", "suggested"), [
    ("virtualEventSession.create.request.minimum", "virtualEventSession.create.request.minimal"),
    ("minimal", "virtualEventSession.create.request.minimal"),
    ("../contracts/operations", None),
])
def test_an_unknown_example_is_one_line_with_close_matches(name, suggested):
    """An unknown NAME exits 2 with one line naming it and the close matches, and reads nothing outside fixtures/."""
    result = CliRunner().invoke(main, ["examples", name])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"mockgraph: no example is called {name!r}")
    assert len(result.stderr.splitlines()) == 1
    if suggested:
        assert f"did you mean {suggested}" in result.stderr
