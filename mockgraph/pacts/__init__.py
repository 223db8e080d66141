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

pact-python is imported only when a pact is built, so the mock serves without it. The provider-state
vocabulary and its effects live beside, in ``mockgraph.vocabulary`` and ``mockgraph.states``.
"""

from mockgraph.pacts.examples import EVENT_NAVS, Documented, documented, example_states
from mockgraph.pacts.exporter import export
from mockgraph.pacts.family import add_family
from mockgraph.pacts.matching import exact_except, whole_match, with_schema_matchers
from mockgraph.pacts.pactfile import DEFAULT_CONSUMER, PROVIDER, SPECS, pact_data
from mockgraph.pacts.recorder import KEPT_HEADERS, add_recorded, record, render
from mockgraph.pacts.views import bp, provider_states, recorded_pact
from mockgraph.pacts.world import World

__all__ = [
    "DEFAULT_CONSUMER", "EVENT_NAVS", "KEPT_HEADERS", "PROVIDER", "SPECS", "Documented", "World", "add_family",
    "add_recorded", "bp", "documented", "exact_except", "example_states", "export", "pact_data", "provider_states",
    "record", "recorded_pact", "render", "whole_match", "with_schema_matchers",
]
