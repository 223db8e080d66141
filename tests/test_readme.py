"""The README's set-up, fixture and curl sections, run as a reader would paste them, so they stay true.

Only the part before "## Pact" is read here; each block is found under its heading, so a block that
moves or disappears fails a test instead of silently not being run.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
OWNED = README[:README.index("\n## Pact\n")]


def blocks(text: str) -> dict[str, list[tuple[str, str]]]:
    """Fenced blocks as (language, code), by the heading they sit under (a ``#`` inside a block is code)."""
    found: dict[str, list[tuple[str, str]]] = {}
    heading, fence, lines = "", None, []
    for line in text.splitlines():
        stripped = line.strip()
        if fence is None and stripped.startswith("```"):
            fence, indent, lines = stripped[3:].strip(), len(line) - len(line.lstrip()), []
        elif fence is not None and stripped == "```":
            found.setdefault(heading, []).append((fence, "\n".join(lines) + "\n"))
            fence = None
        elif fence is not None:
            lines.append(line[indent:])
        elif line.startswith("#"):
            heading = line.lstrip("#").strip()
    return found


BLOCKS = blocks(OWNED)


def python_block(heading: str, index: int = 0) -> str:
    python = [code for language, code in BLOCKS.get(heading, []) if language == "python"]
    assert len(python) > index, f"README lost Python block {index} under {heading!r}"
    return python[index]


def marked_command(name: str) -> str:
    """The shell line between <!-- NAME --> and <!-- /NAME -->, as a reader copies it."""
    match = re.search(rf"<!-- {name} -->\n```sh\n(.*?)\n```\n<!-- /{name} -->", OWNED, re.S)
    assert match, f"README lost its {name} block"
    return match.group(1)


@pytest.fixture(autouse=True)
def _no_mockgraph_env(monkeypatch):
    """The examples must pass on the defaults, whatever MOCKGRAPH_* the suite itself runs with."""
    import os

    for name in [n for n in os.environ if n.startswith("MOCKGRAPH_")]:
        monkeypatch.delenv(name)


@pytest.mark.parametrize(("heading", "index"), [
    ("The pytest fixture", 0),
    ("The pytest fixture", 1),
    ("With the official SDK (msgraph-sdk)", 0),
    ("State, faults and tokens in one line", 0),
], ids=["mockgraph", "mockgraph_client", "msgraph-sdk", "add-fail-token"])
def test_a_fixture_example_passes_as_a_users_test_file(pytester, heading, index):
    """Each test module shown in the fixture sections passes, pasted alone into a test file."""
    code = python_block(heading, index)
    if "msgraph" in code:
        pytest.importorskip("msgraph", reason="the msgraph-sdk example needs msgraph-sdk, which '.[test]' installs")
    pytester.makepyfile(test_example=code)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(re.findall(r"^def test_", code, re.M)))


def test_the_conftest_example_and_the_marker_do_what_the_readme_says(pytester):
    """The conftest override reaches the fixture with its values, and the marker's seed reaches one test."""
    conftest = python_block("Fixture configuration")
    settings = ast.literal_eval(re.search(r"return (\{.*\})", conftest).group(1))
    marker = re.search(r"`(@pytest\.mark\.mockgraph\(seed=(\d+)\))`", OWNED)
    assert marker, "README lost its one-test seed marker"
    pytester.makeconftest(conftest)
    pytester.makepyfile(test_settings=f'''
        import pytest, urllib.error, urllib.request

        SETTINGS = {settings!r}

        def test_conftest_settings(mockgraph):
            assert {{name: getattr(mockgraph.settings, name) for name in SETTINGS}} == SETTINGS
            request = urllib.request.Request(mockgraph.url + "/solutions/virtualEvents/events/e/sessions",
                                             b'{{"subject": "x"}}', {{"Content-Type": "application/json"}})
            try:
                status = urllib.request.urlopen(request, timeout=10).status
            except urllib.error.HTTPError as error:
                status = error.code
            assert status == (401 if SETTINGS.get("require_auth", True) else 201)

        {marker.group(1)}
        def test_marker(mockgraph):
            assert mockgraph.seed == {marker.group(2)}

        def test_after_the_marker(mockgraph):
            assert mockgraph.seed == SETTINGS.get("seed", 0)
    ''')
    pytester.runpytest("-p", "no:cacheprovider", "-p", "no:randomly").assert_outcomes(passed=3)


def test_the_without_pytest_example_runs_as_a_script(tmp_path):
    """The MockGraphServer block runs as a script outside the checkout and prints the 201 and the id."""
    done = subprocess.run([sys.executable, "-c", python_block("Without pytest")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"201 [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n", done.stdout)


def curl_session() -> list[tuple[str, str]]:
    """The console block of "A curl session" as (command, shown reply); a reply wrapped over lines indents them."""
    [(language, code)] = BLOCKS["A curl session"][:1]
    assert language == "console"
    commands: list[list[str]] = []
    replies: list[str] = []
    continued = False
    for line in code.splitlines():
        if line.startswith("$ ") or continued:
            if line.startswith("$ "):
                commands.append([])
                replies.append("")
            commands[-1].append(line.removeprefix("$ "))
            continued = line.endswith("\\")
        elif line.strip():
            replies[-1] += line.removeprefix(" ") if replies[-1] else line
    return [("\n".join(command), reply) for command, reply in zip(commands, replies, strict=True)]


def matches_abbreviated(shown: str, actual: str) -> bool:
    """``shown`` is ``actual`` with parts cut out and each cut marked by one "…"."""
    parts = shown.split("…")
    if len(parts) == 1:
        return shown == actual
    if not actual.startswith(parts[0]) or not actual.endswith(parts[-1]):
        return False
    position = len(parts[0])
    for part in parts[1:-1]:
        position = actual.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return position <= len(actual) - len(parts[-1])


def test_abbreviation_matching_finds_the_cut_parts_in_order():
    """The curl test's matcher accepts cuts and refuses a missing, reordered or changed part."""
    actual = '{"a":1,"b":2,"c":3}'
    assert matches_abbreviated(actual, actual)
    assert not matches_abbreviated('{"a":1}', actual)
    assert matches_abbreviated('{"a":1,…,"c":3}', actual)
    assert matches_abbreviated('{…"b":2…}', actual)
    assert not matches_abbreviated('{"a":1,…,"d":4}', actual)
    assert not matches_abbreviated('{…"c":3,…"b":2…}', actual)
    assert not matches_abbreviated('{"a":2,…}', actual)


@pytest.mark.skipif(shutil.which("curl") is None, reason="the README's curl session needs curl, which is not installed")
def test_the_curl_session_answers_what_the_readme_shows():
    """Each curl line, pasted against a fresh mock, answers the (abbreviated) reply printed under it."""
    from mockgraph import MockGraphServer

    session = curl_session()
    assert [command.split("http://127.0.0.1:8000", 1)[1].split()[0] for command, _ in session][-2:] == \
        ["/_mockgraph/requests", "/_mockgraph/reset"]
    with MockGraphServer() as graph:
        for command, shown in session:
            assert command.startswith("curl ") and shown, f"a curl line without its reply: {command}"
            done = subprocess.run(["bash", "-c", command.replace("http://127.0.0.1:8000", graph.base_url)],
                                  cwd=ROOT, capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
            assert matches_abbreviated(shown, done.stdout), f"{command}\nshows  {shown}\nanswers {done.stdout}"


def test_ci_runs_the_readme_commands_as_the_readme_prints_them():
    """.ci/run's own extraction of the marked commands gives the README's lines, and it runs both."""
    function = re.search(r"^readme_command\(\) \{.*?^\}", CI, re.S | re.M)
    assert function, ".ci/run lost readme_command"
    for name in ("serve-command", "test-command"):
        done = subprocess.run(["bash", "-c", f"{function.group(0)}\nreadme_command {name}"], cwd=ROOT,
                              capture_output=True, text=True, check=True, timeout=30)
        assert done.stdout.strip() == marked_command(name)
    serve, test, stop = (CI.index(line) for line in ('bash -c "$serve_cmd"', 'bash -c "$test_cmd"',
                                                     "kill -- -$server; wait"))
    assert serve < test < stop, ".ci/run must run the test command while the served mock is still up"


def test_the_two_commands_do_not_share_an_environment():
    """The served mock runs from its own plain install, so the test command's editable install cannot touch it."""
    serve, test = marked_command("serve-command"), marked_command("test-command")
    [serve_env] = re.findall(r"python3 -m venv (\S+)", serve)
    [test_env] = re.findall(r"python3 -m venv (\S+)", test)
    assert serve_env != test_env
    assert re.search(rf"{re.escape(serve_env)}/bin/pip install (\.|'\.\[pact\]') ", serve) and " -e " not in serve
    assert serve.endswith(f"{serve_env}/bin/mockgraph serve")
    assert f"{serve_env}/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
