"""The contract out as a pact: ``export()`` writes ``<consumer>-microsoft-graph.json``.

One job: the exported pact as a whole, and the first release's session create in it. Nothing here is
a hand-written copy of the contract: the requests are the documented examples in ``fixtures/``, the
replies are what the mock itself answers to them, and the matchers come from the JSON Schemas in
``contracts/`` plus ``contracts/pact.json``, which names the values a consumer must not rely on. The
rest of the family's interactions come from ``family.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mockgraph.contracts import Operation, json_path
from mockgraph.pacts.family import add_family
from mockgraph.pacts.matching import Resolver, deref, exact_except, matcher, with_schema_matchers
from mockgraph.pacts.pactfile import DEFAULT_CONSUMER, new_pact, pact_data, respond, write_pact


def export(out_dir: Path | str, consumer: str = DEFAULT_CONSUMER, spec: str = "V4", *, seed: int = 0) -> Path:
    """Write ``<consumer>-microsoft-graph.json``: every documented operation of the family and its failures.

    The session create keeps the four interactions of the first release; every other documented example
    (``fixtures/examples.json``) gives its success, a 404 for a missing event, a 401 without a token, and
    the failures contracts/pact.json names (``failures``).
    """
    from mockgraph.app import create_app

    app = create_app({"seed": seed})
    pact = new_pact(consumer, spec)
    _add_session_create(pact, app, spec)
    add_family(pact, app, spec)
    return write_pact(pact, consumer, out_dir)


def _add_session_create(pact, app, spec: str) -> None:
    """The first release's interactions: the documented session create and its documented failures."""
    data = pact_data()
    mock = app.extensions["mockgraph"]
    op = next(o for o in mock.operations if o.name == data["operation"])
    examples = {e.file: e for e in op.examples}
    resolver = Resolver(op.spec["request"]["schema"])
    client = app.test_client()
    for item in data["interactions"]:
        event = data["events"][item["event"]]
        example = examples[item["request"]]
        path = op.concrete_path(data["version"], collection=data["collection"], **{op.parent: event})
        headers = {"Content-Type": "application/json", **({"Authorization": data["token"]} if item["auth"] else {})}
        mock.store.reset()
        if item["state"] == "no virtual event exists":
            mock.store.set_event_absent(event, True)
        reply = client.post(path, json=example.body, headers=headers)
        if reply.status_code != item["status"]:
            raise RuntimeError(f"contracts/pact.json expects {item['status']} for '{item['description']}', "
                               f"but the mock answers {reply.status_code}: {reply.get_data(as_text=True)}")
        interaction = (pact.upon_receiving(item["description"])
                       .given(item["state"], {op.parent: event})
                       .with_request(op.method, _path_matcher(op, data["version"], data["collection"], event, spec,
                                                             any_event=item.get("anyEvent", True))))
        for name, value in headers.items():
            rule = data["requestHeaders"].get(name)
            interaction.with_header(name, json.dumps(matcher(value, rule, None, spec)) if rule else value)
        request_schema = deref({"$ref": op.spec["request"]["schema"]}, resolver)
        # An invalid example is one exact body; a valid one stands for any body of its shape.
        body = with_schema_matchers(example.body, request_schema, resolver, spec, open_objects=True) \
            if example.valid else example.body
        interaction.with_body(body, content_type="application/json", part="Request")
        overrides = _response_overrides(op, reply.status_code, data)
        if reply.status_code < 400:
            response_schema = deref({"$ref": op.spec["response"]["schema"]}, resolver)
            response_body = with_schema_matchers(reply.get_json(), response_schema, resolver, spec, overrides)
        else:  # the error code is the contract; its message, date and ids are not
            response_body = exact_except(reply.get_json(), overrides, spec)
        respond(interaction, reply.status_code, dict(reply.headers), response_body, data["responseHeaders"], spec)


def _response_overrides(op: Operation, status: int, data: dict) -> dict[str, dict]:
    if status >= 400:
        return data["errorBody"]
    recipes = op.spec["response"]["generated"]
    return {json_path([prop]): data["generated"][recipe] for prop, recipe in recipes.items()}


def _path_matcher(op: Operation, version: str, collection: str, event: str, spec: str, any_event: bool) -> str:
    """The example path, a regex any event id fits, and a ``ProviderState`` generator for the event id.

    An interaction about one particular event (the absent one) keeps its exact path, so that a stub
    server answers 404 only for that event and 201 for every other.
    """
    versions = "|".join(re.escape(v) for v in op.versions)
    pattern = re.escape(op.path)
    for name, values in op.path_values.items():
        pattern = pattern.replace(re.escape("{" + name + "}"), "(" + "|".join(map(re.escape, values)) + ")")
    pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", pattern)
    example = op.concrete_path(version, collection=collection, **{op.parent: event})
    expression = op.concrete_path(version, collection=collection, **{op.parent: "${" + op.parent + "}"})
    rule = {"match": "regex", "regex": f"^/({versions}){pattern}$"} if any_event else {"match": "equality"}
    return json.dumps(matcher(example, rule, {"type": "ProviderState", "expression": expression}, spec))
