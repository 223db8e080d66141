"""Schemathesis against a served mockgraph, with the OpenAPI document the mock itself serves.

What runs, to stay near a minute on a 2-core machine: every operation of the family on v1.0, and on beta
only the original create-session operation (beta repeats v1.0 operation for operation); the examples and
fuzzing phases on all of them (``--max-examples`` 5, or ROBUSTNESS_SCHEMATHESIS_EXAMPLES), the coverage phase
only where no path key can stop a request first: the unkeyed operations and the original create-session,
whose event id may be any (sessions are created under any event id). Elsewhere generated ids name entities
that do not exist, so those requests are 404s, which the document lists, whatever their body or query; the
coverage phase's hundreds of body variants per operation would all be that 404 (about 70 s more).
tests/test_robustness_limits.py checks the replies on entities that exist against the same document.

Left out on purpose, because they test behaviour the mock chose and documents:
``ignored_auth`` (mockgraph checks that a bearer token is sent, never what it holds);
``positive_data_acceptance`` (JSON Schema counts 5.0 as an integer, OData's Edm.Int32 does not, and
no schema can tell them apart; tests/test_robustness_properties.py checks acceptance instead; and a
valid-looking id of an entity that does not exist is a 404);
``unsupported_method`` (Graph's methods on a path the mock does not serve answer 501, not 405).
For the same reason the coverage phase's unexpected-method probes skip the (method, path) pairs Graph has
and the mock answers 501 (PATCH or DELETE of an attendance report, POST /events), and ``Allow`` is not
compared with the document on the paths that have one: the mock's ``Allow`` names Graph's methods, the
document only the served ones. The original ``/{collection}/{virtualEventId}/sessions`` path overlaps the
family's session paths, whose ``Allow`` also names GET. Every other check runs: no 5xx, status codes,
content types, headers and bodies as documented, invalid data refused.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from mockgraph.model import operations
from mockgraph.openapi import document
from tests.conftest import served

pytestmark = pytest.mark.slow

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EXAMPLES = os.environ.get("ROBUSTNESS_SCHEMATHESIS_EXAMPLES", "5")
SELECTED = r"^/v1\.0/|^/beta/solutions/virtualEvents/\{collection\}/"
#: Checks are chosen here, not with --checks: only then do the per-operation switches below apply to them.
CONFIG = """\
[checks]
enabled = true
ignored_auth.enabled = false
positive_data_acceptance.enabled = false
unsupported_method.enabled = false

[phases.coverage]
unexpected-methods = ["put", "patch", "delete", "options", "trace"]

[phases.stateful.inference]
algorithms = []

[[operations]]
include-name-regex = "^[A-Z]+ /(v1\\\\.0|beta)/solutions/virtualEvents/(?!\\\\{collection\\\\}/).*\\\\{"
phases.coverage.enabled = false
"""


def _config() -> str:
    """The run's config: the 501 pairs never sent, Allow not compared on the paths where it names them."""
    paths = {"/" + path.split("/", 2)[2] for path in document()["paths"]}  # without the version
    served = {(op.method, op.path) for op in operations() if op.served}
    answering_501 = sorted({(op.method, op.path) for op in operations()
                            if (op.method, op.path) not in served and op.path in paths})
    blocks = [CONFIG]
    for method, path in answering_501:
        blocks.append(f"[[operations]]\ninclude-name-regex = {_name(path, method)}\nenabled = false\n")
    legacy = [p for p in paths if "{collection}" in p]
    for path in sorted({path for _, path in answering_501} | set(legacy)):
        blocks.append(f"[[operations]]\ninclude-name-regex = {_name(path)}\n"
                      f"checks.allow_header_conformance.enabled = false\n")
    return "\n".join(blocks)


def _name(path: str, method: str = "[A-Z]+") -> str:
    """A regex for "METHOD /version/path" (one filter: Schemathesis ORs separate include keys, method and path)."""
    return json.dumps(rf"^{method} /(v1\.0|beta){re.escape(path)}$")


def _selected() -> int:
    return sum(len(item) for path, item in document()["paths"].items() if re.search(SELECTED, path))


@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="schemathesis is in the test extra: pip install -e .[test]")
def test_schemathesis_finds_no_5xx_and_no_reply_breaking_the_contract(tmp_path):
    """A bounded Schemathesis run (fixed seed, three phases) passes all its checks against `mockgraph serve`."""
    with served("--workers", "2", "--seed", "9") as server:
        base = server.url.removesuffix("/v1.0")
        junit = tmp_path / "schemathesis.xml"
        config = tmp_path / "schemathesis.toml"
        config.write_text(_config())
        run = subprocess.run(
            [str(SCHEMATHESIS), "--config-file", str(config), "run", base + "/_mockgraph/openapi.json",
             "--include-path-regex", SELECTED,
             "--header", "Authorization: Bearer schemathesis",
             "--phases", "examples,coverage,fuzzing", "--max-examples", EXAMPLES, "--seed", "20261124",
             "--workers", "1",
             "--generation-database", "none", "--request-timeout", "20",
             "--report", "junit", "--report-junit-path", str(junit), "--no-color"],
            cwd=tmp_path, capture_output=True, text=True, timeout=240,
            env={**os.environ, "SCHEMATHESIS_TELEMETRY": "false"},
        )
        log = server.log
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-6000:]
    suites = ElementTree.parse(junit).getroot()
    cases = suites.findall(".//testcase")
    assert len(cases) == _selected() > 100, output[-3000:]
    assert not suites.findall(".//failure") and not suites.findall(".//error"), output[-3000:]
    assert "Traceback" not in log and " 500 " not in log
    assert log.count(" 201 request-id=") >= 10  # it did create sessions, not only get refused
    assert log.count(" 200 request-id=") >= 10  # and read lists, counts or entities
