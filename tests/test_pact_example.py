"""The example consumer under examples/: its pact-python test, then its pact verified by CI's script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow
EXAMPLE = ROOT / "examples" / "graph_consumer"


def test_ci_script_verifies_the_example_pact_and_keeps_reports(tmp_path):
    """ci.sh writes the consumer's pact (sessions, the town-hall flow), verifies it against `mockgraph serve`."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run([str(EXAMPLE / "ci.sh"), str(tmp_path)], env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    pact = json.loads((tmp_path / "pacts" / "scheduler-microsoft-graph.json").read_text())
    states = sorted(s["name"] for i in pact["interactions"] for s in i.get("providerStates", []))
    assert states == ["a town hall exists"] * 3 + ["a virtual event exists", "no virtual event exists"]
    count = len(pact["interactions"])
    assert count == 6  # two session interactions, four of the town-hall flow (create, publish, presenter, read)
    suite = ET.parse(tmp_path / "verification.xml").getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (str(count), "0", "0")
    report = json.loads((tmp_path / "verification.json").read_text())
    assert report["errors"] == [] and [r["result"] for r in report["interactionResults"]] == ["OK"] * count
    log = (tmp_path / "mockgraph.log").read_text()
    assert log.count("POST /_mockgraph/provider-states 200") >= 2  # the states went through the endpoint
    assert " 201 " in log and " 404 " in log
