"""Running the real Pact tools in tests: the verifier against a mock, the stub server on a free port."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("PACT_DO_NOT_TRACK", "true")  # these tests must not phone home

PACT_BIN = str(Path(sys.executable).parent / "pact")


def verify(pact_file: Path, base_url: str, *, states: str | dict | None = "url") -> dict:
    """Verify ``pact_file`` against ``base_url``; return pact's JSON results (errors listed, never raised)."""
    from pact import Verifier

    verifier = Verifier("microsoft-graph", host="127.0.0.1").add_transport(url=base_url).add_source(pact_file)
    if states == "url":
        verifier.state_handler(base_url + "/_mockgraph/provider-states", teardown=True, body=True)
    elif isinstance(states, dict):
        verifier.state_handler(states, teardown=True)
    with contextlib.suppress(RuntimeError):  # a failed verification raises; the results say why
        verifier.verify()
    return verifier.results


def failures(results: dict) -> list[str]:
    return [e["interaction"] for e in results["errors"]]


@contextmanager
def stub_server(pact_file: Path, timeout: float = 20.0) -> Iterator[str]:
    """``pact stub`` serving ``pact_file`` on a free loopback port; yields its base URL."""
    proc = subprocess.Popen([PACT_BIN, "stub", "--file", str(pact_file), "--port", "0", "--log-level", "info"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + timeout
        for line in proc.stdout:
            found = re.search(r"Server started on port (\d+)", line)
            if found:
                break
            if time.monotonic() > deadline:
                raise RuntimeError("pact stub server did not start")
        else:
            raise RuntimeError(f"pact stub server exited with {proc.wait()}")
        yield f"http://127.0.0.1:{found.group(1)}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()
