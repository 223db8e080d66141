"""Schemathesis against a served mockgraph, with the OpenAPI document the mock itself serves.

Left out on purpose, because they test behaviour the mock chose and documents:
``ignored_auth`` (mockgraph checks that a bearer token is sent, never what it holds);
``positive_data_acceptance`` (JSON Schema counts 5.0 as an integer, OData's Edm.Int32 does not, and
no schema can tell them apart; tests/test_robustness_properties.py checks acceptance instead);
GET on the collection or on a created session, which Graph has and the mock answers with a 501
that says so (``unsupported_method``, the coverage phase's unexpected GET, stateful link inference).
Every other check runs: no 5xx, status codes, content types, headers and bodies as documented,
invalid data refused.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import served

pytestmark = pytest.mark.slow

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EXAMPLES = os.environ.get("ROBUSTNESS_SCHEMATHESIS_EXAMPLES", "10")
CONFIG = """\
[phases.coverage]
unexpected-methods = ["put", "patch", "delete", "options", "trace"]

[phases.stateful.inference]
algorithms = []
"""
EXCLUDED = "ignored_auth,positive_data_acceptance,unsupported_method"


@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="schemathesis is in the test extra: pip install -e .[test]")
def test_schemathesis_finds_no_5xx_and_no_reply_breaking_the_contract(tmp_path):
    """A bounded Schemathesis run (fixed seed, every phase) passes all its checks against `mockgraph serve`."""
    with served("--workers", "2", "--seed", "9") as server:
        base = server.url.removesuffix("/v1.0")
        junit = tmp_path / "schemathesis.xml"
        config = tmp_path / "schemathesis.toml"
        config.write_text(CONFIG)
        run = subprocess.run(
            [str(SCHEMATHESIS), "--config-file", str(config), "run", base + "/_mockgraph/openapi.json",
             "--checks", "all", "--exclude-checks", EXCLUDED,
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
    assert len(cases) == 2 and not suites.findall(".//failure") and not suites.findall(".//error"), output[-3000:]
    assert "Traceback" not in log and " 500 " not in log
    assert log.count(" 201 request-id=") >= 10  # it did create sessions, not only get refused
