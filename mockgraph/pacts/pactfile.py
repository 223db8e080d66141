"""The pact-python side: ``contracts/pact.json``, a new ``Pact``, a written file, a reply added to an interaction.

One job: everything that touches pact-python's ``Pact`` object itself, so that the exporter and the
recorder build interactions the same way. pact-python is imported only when a pact is made, so the
mock serves without it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mockgraph.contracts import data_path, read_json
from mockgraph.pacts.matching import matcher

SPECS = ("V3", "V4")
PROVIDER = "microsoft-graph"
DEFAULT_CONSUMER = "mockgraph-consumer"


def pact_data() -> dict:
    """``contracts/pact.json``: which examples become interactions, and the matchers for generated values."""
    return read_json(data_path("contracts") / "pact.json")


def new_pact(consumer: str, spec: str) -> Any:
    """A pact-python ``Pact`` from ``consumer`` to Graph in specification ``spec`` (V3 or V4)."""
    from pact import Pact

    if spec not in SPECS:
        raise ValueError(f"unknown Pact specification {spec!r}: use one of {', '.join(SPECS)}")
    return Pact(consumer, PROVIDER).with_specification(spec)


def write_pact(pact, consumer: str, out_dir: Path | str) -> Path:
    """Write the pact file into ``out_dir`` (replacing one there) and return its path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pact.write_file(out, overwrite=True)
    return out / f"{consumer}-{PROVIDER}.json"


def respond(interaction, status: int, headers: dict[str, str], body: Any, rules: dict, spec: str) -> None:
    """The reply of an interaction: its status, the headers ``rules`` name (with their matchers), its body."""
    interaction.will_respond_with(status)
    for name, rule in rules.items():
        if body is None and name.lower() == "content-type":
            continue  # a 204 has no body, so no type to promise
        value = next((v for k, v in headers.items() if k.lower() == name.lower()), None)
        if value is not None:
            interaction.with_header(name, json.dumps(matcher(value, rule, None, spec)), "Response")
    if body is not None:
        interaction.with_body(body, content_type=headers.get("Content-Type", "application/json"), part="Response")
