"""Pact files out, provider states in: the public names of the Pact wing (``from mockgraph.pacts import export``).

One job: the import path users and ``app.py`` rely on. The work is in one module per job:

- ``matching.py``   Pact matchers from the JSON Schemas (pure; no Flask, no pact-python)
- ``pactfile.py``   contracts/pact.json, a new ``Pact``, writing it, a reply added to an interaction
- ``exporter.py``   ``export()``: the contract as a pact, and the first release's session create in it
- ``examples.py``   the documented examples, resolved to operations, with the states each needs
- ``family.py``     the interactions of every documented example (success, missing event, no token, refusal)
- ``world.py``      what a recorded journal showed of the store, as provider states
- ``recorder.py``   ``record()``/``render()``: a consumer's pact from the request journal
- ``views.py``      the blueprint: ``POST /_mockgraph/provider-states``, ``GET /_mockgraph/pact``

pact-python is imported only when a pact is built, so the mock serves without it; each module here loads on
first use of one of its names (``__getattr__``), so an app registering the blueprint does not load the rest at
start-up. The provider-state vocabulary and its effects live beside, in ``mockgraph.vocabulary`` and
``mockgraph.states``.
"""

from __future__ import annotations

import importlib
from typing import Any

#: each public name -> the module of this package that holds it
_NAMES = {
    "EVENT_NAVS": "examples", "Documented": "examples", "documented": "examples", "example_states": "examples",
    "export": "exporter", "add_family": "family",
    "exact_except": "matching", "whole_match": "matching", "with_schema_matchers": "matching",
    "DEFAULT_CONSUMER": "pactfile", "PROVIDER": "pactfile", "SPECS": "pactfile", "pact_data": "pactfile",
    "KEPT_HEADERS": "recorder", "add_recorded": "recorder", "record": "recorder", "render": "recorder",
    "bp": "views", "provider_states": "views", "recorded_pact": "views", "World": "world",
}
__all__ = sorted(_NAMES)


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        return getattr(importlib.import_module(f"mockgraph.pacts.{_NAMES[name]}"), name)
    raise AttributeError(f"module 'mockgraph.pacts' has no attribute {name!r}")
