"""JSON batching: POST /v1.0/$batch, each request inside answered as if it had been sent alone."""

from __future__ import annotations

import json

import pytest
from flask import g

from mockgraph import create_app, faults

from .conftest import AUTH, assert_envelope

WEBINARS = "/solutions/virtualEvents/webinars"
WEBINAR = {"displayName": "Launch", "startDateTime": {"dateTime": "2025-01-01T10:00:00", "timeZone": "UTC"},
           "endDateTime": {"dateTime": "2025-01-01T11:00:00", "timeZone": "UTC"}}
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def app():
    app = create_app({"seed": 4})
    app.items = []

    @app.after_request
    def _capture(response):
        app.items.append(g.get("batch_item"))
        return response

    return app


@pytest.fixture
def client(app):
    return app.test_client()


def batch(client, *requests, version="v1.0", headers=AUTH):
    return client.post(f"/{version}/$batch", json={"requests": list(requests)}, headers=headers)


def by_id(response) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)
    return {item["id"]: item for item in response.get_json()["responses"]}


def test_a_batch_answers_each_request_as_if_sent_alone(app, client):
    """Create, read and count in one batch: statuses, headers and bodies are those of the single calls."""
    answers = by_id(batch(client,
                          {"id": "1", "method": "POST", "url": WEBINARS, "headers": JSON, "body": WEBINAR},
                          {"id": "2", "method": "GET", "url": WEBINARS + "?$select=displayName", "dependsOn": ["1"]},
                          {"id": "3", "method": "GET", "url": WEBINARS.lstrip("/") + "/$count", "dependsOn": ["2"]}))
    created = answers["1"]
    assert created["status"] == 201 and created["body"]["displayName"] == "Launch"
    assert created["headers"]["Location"].endswith(created["body"]["id"])
    assert created["headers"]["Content-Type"].startswith("application/json")
    assert not {"Content-Length", "request-id", "Date"} & set(created["headers"])
    assert answers["2"]["status"] == 200
    assert [w["displayName"] for w in answers["2"]["body"]["value"]] == ["Launch"]
    assert answers["3"] == {"id": "3", "status": 200, "headers": answers["3"]["headers"], "body": "1"}
    alone = client.get("/v1.0" + WEBINARS + "/" + created["body"]["id"], headers=AUTH)
    assert alone.get_json() == created["body"]


def test_the_journal_holds_the_inner_requests_marked_with_their_batch(app, client):
    """Every inner request is journaled as its own call, knowing its id and the batch's request-id."""
    response = batch(client, {"id": "a", "method": "GET", "url": WEBINARS},
                     {"id": "b", "method": "GET", "url": WEBINARS + "/nope"})
    journal = [(entry["method"], entry["path"], entry["status"]) for entry in client.get("/_mockgraph/requests")
               .get_json()["value"]]
    assert journal == [("GET", "/v1.0" + WEBINARS, 200), ("GET", "/v1.0" + WEBINARS + "/nope", 404),
                       ("POST", "/v1.0/$batch", 200)]
    outer = response.headers["request-id"]
    assert app.items[:2] == [{"id": "a", "batchRequestId": outer}, {"id": "b", "batchRequestId": outer}]
    assert app.items[2] is None


def test_a_failed_dependency_is_424_for_every_request_after_it(client):
    """A 404 fails its dependants with 424, and theirs in turn; they are not run, so not journaled either."""
    answers = by_id(batch(client,
                          {"id": "1", "method": "GET", "url": WEBINARS + "/missing"},
                          {"id": "2", "method": "POST", "url": WEBINARS, "headers": JSON, "body": WEBINAR,
                           "dependsOn": ["1"]},
                          {"id": "3", "method": "GET", "url": WEBINARS, "dependsOn": ["2"]},
                          {"id": "4", "method": "GET", "url": WEBINARS}))
    assert [answers[i]["status"] for i in "1234"] == [404, 424, 424, 200]
    error = answers["2"]["body"]["error"]
    assert error["code"] == "FailedDependency" and "request 1" in error["message"] and "404" in error["message"]
    assert answers["4"]["body"]["value"] == []  # the create never ran
    assert len(client.get("/_mockgraph/requests").get_json()["value"]) == 3  # 1, 4 and the batch


def test_validation_and_auth_apply_inside(client):
    """An invalid body is the inner request's 400, a body without Content-Type too; the batch's token is used."""
    answers = by_id(batch(client,
                          {"id": "1", "method": "POST", "url": WEBINARS, "headers": JSON, "body": {"nope": 1}},
                          {"id": "2", "method": "POST", "url": WEBINARS, "body": WEBINAR},
                          {"id": "3", "method": "GET", "url": "/solutions/virtualEvents/unknown"},
                          {"id": "4", "method": "GET", "url": WEBINARS, "headers": {"Authorization": "Basic x"}}))
    assert [answers[i]["status"] for i in "1234"] == [400, 400, 400, 200]
    assert "Content-Type" in answers["2"]["body"]["error"]["message"]
    assert_envelope(batch(client, {"id": "1", "method": "GET", "url": WEBINARS}, headers={}), 401,
                    "InvalidAuthenticationToken")


def test_beta_batches_run_under_beta(client):
    """POST /beta/$batch sends its requests to /beta."""
    answers = by_id(batch(client, {"id": "1", "method": "GET", "url": WEBINARS}, version="beta"))
    assert answers["1"]["body"]["@odata.context"].startswith("https://graph.microsoft.com/beta/")


def test_faults_and_the_rate_limit_apply_to_each_inner_request():
    """A rule answers an inner request (Retry-After in its headers, nothing stored); the limit counts each one."""
    app = create_app({"rate_limit": "2/60"})
    faults.state(app).clock = lambda: 0.0
    client = app.test_client()
    faults.fail(app, "POST", WEBINARS, 429, retry_after=2)
    answers = by_id(batch(client,
                          {"id": "1", "method": "POST", "url": WEBINARS, "headers": JSON, "body": WEBINAR},
                          {"id": "2", "method": "GET", "url": WEBINARS},
                          {"id": "3", "method": "GET", "url": WEBINARS},
                          {"id": "4", "method": "GET", "url": WEBINARS}))
    assert answers["1"]["status"] == 429 and answers["1"]["headers"]["Retry-After"] == "2"
    assert answers["2"]["body"]["value"] == []
    assert answers["4"]["status"] == 429 and answers["4"]["body"]["error"]["code"] == "TooManyRequests"


def test_a_dropped_inner_request_drops_the_batch_connection():
    """A drop rule matching a request inside closes the whole batch's connection, as a network failure would."""
    app = create_app()
    faults.fail(app, "GET", WEBINARS, drop=True)
    with pytest.raises(ConnectionResetError):
        batch(app.test_client(), {"id": "1", "method": "GET", "url": WEBINARS})


def requests_of(n: int) -> list[dict]:
    return [{"id": str(i), "method": "GET", "url": WEBINARS} for i in range(1, n + 1)]


def test_twenty_requests_is_the_limit(client):
    """Twenty requests are answered; twenty-one is the batch's 400."""
    assert len(by_id(batch(client, *requests_of(20)))) == 20
    error = assert_envelope(batch(client, *requests_of(21)), 400, "BadRequest")
    assert error["message"].startswith("Number of requests inside batch exceeds the limit.")
    assert "21" in error["message"]


GET = {"id": "1", "method": "GET", "url": WEBINARS}


@pytest.mark.parametrize(("body", "message"), [
    ("[]", "expected a JSON object"),
    ("{", "Invalid JSON"),
    ("{}", "Invalid batch payload format. $.requests"),
    ('{"requests": []}', "Invalid batch payload format. $.requests"),
    ('{"requests": {"id": "1"}}', "Invalid batch payload format. $.requests"),
    (json.dumps({"requests": ["GET /me"]}), "$.requests[0]: expected a request object"),
    (json.dumps({"requests": [{"method": "GET", "url": WEBINARS}]}), "$.requests[0].id"),
    (json.dumps({"requests": [{**GET, "id": 1}]}), "$.requests[0].id"),
    (json.dumps({"requests": [{"id": "1", "url": WEBINARS}]}), "$.requests[0].method"),
    (json.dumps({"requests": [{**GET, "method": "HEAD"}]}), "$.requests[0].method: expected one of"),
    (json.dumps({"requests": [{"id": "1", "method": "GET"}]}), "$.requests[0].url"),
    (json.dumps({"requests": [{**GET, "url": "https://graph.microsoft.com/v1.0" + WEBINARS}]}),
     "$.requests[0].url: expected a URL relative"),
    (json.dumps({"requests": [{**GET, "url": "//evil.example/x"}]}), "$.requests[0].url"),
    (json.dumps({"requests": [{**GET, "url": WEBINARS + "\n"}]}), "$.requests[0].url"),
    (json.dumps({"requests": [GET, {**GET, "id": "2", "headers": ["Accept"]}]}), "$.requests[1].headers"),
    (json.dumps({"requests": [GET, GET]}), "Request Id 1 has to be unique in a batch"),
    (json.dumps({"requests": [{**GET, "id": "a"}, {**GET, "id": "A"}]}), "Request Id A has to be unique in a batch"),
    (json.dumps({"requests": [{**GET, "dependsOn": ["9"]}]}), "Invalid dependency for request Id 1: '9'"),
    (json.dumps({"requests": [{**GET, "dependsOn": ["2"]}, {**GET, "id": "2"}]}),
     "Invalid dependency for request Id 1: '2'"),
    (json.dumps({"requests": [{**GET, "dependsOn": "0"}]}), "$.requests[0].dependsOn"),
])
def test_a_bad_batch_is_the_400_graph_gives(client, body, message):
    """A body that is not a batch, a bad item, a duplicate id or a dependency that is not earlier: 400, nothing run."""
    response = client.post("/v1.0/$batch", data=body, headers={**AUTH, **JSON})
    error = assert_envelope(response, 400, "BadRequest")
    assert message in error["message"]
    entries = client.get("/_mockgraph/requests").get_json()["value"]
    assert [entry["path"] for entry in entries] == ["/v1.0/$batch"]


@pytest.mark.parametrize(("method", "status", "code"), [("GET", 405, "MethodNotAllowed"),
                                                        ("DELETE", 405, "MethodNotAllowed")])
def test_only_post_sends_a_batch(client, method, status, code):
    """Another method on /$batch is a 405 that says POST is allowed."""
    response = client.open("/v1.0/$batch", method=method, headers=AUTH)
    assert_envelope(response, status, code)
    assert response.headers["Allow"] == "POST"


def test_a_batch_cannot_hold_a_batch(client):
    """An inner /$batch is that request's 400; the rest of the batch is answered."""
    answers = by_id(batch(client, {"id": "1", "method": "POST", "url": "/$batch", "headers": JSON,
                                   "body": {"requests": [GET]}}, {**GET, "id": "2"}))
    assert answers["1"]["status"] == 400 and "another batch" in answers["1"]["body"]["error"]["message"]
    assert answers["2"]["status"] == 200


def test_a_batch_needs_a_json_content_type(client):
    """The batch body is JSON, declared as such, like any write (Graph's 415 otherwise)."""
    response = client.post("/v1.0/$batch", data=json.dumps({"requests": [GET]}),
                           headers={**AUTH, "Content-Type": "text/plain"})
    assert_envelope(response, 415, "RequestBodyRead")


def test_the_sdk_batch_request_builder_round_trips():
    """msgraph-core's BatchRequestContent and BatchRequestBuilder, against a served mock, read every answer."""
    pytest.importorskip("msgraph")
    import asyncio

    from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone
    from msgraph.generated.models.virtual_event_webinar import VirtualEventWebinar
    from msgraph.generated.models.virtual_event_webinar_collection_response import (
        VirtualEventWebinarCollectionResponse,
    )
    from msgraph_core.requests.batch_request_builder import BatchRequestBuilder
    from msgraph_core.requests.batch_request_content import BatchRequestContent
    from msgraph_core.requests.batch_request_item import BatchRequestItem

    from mockgraph.server import MockGraphServer

    from .test_core_sdk import graph_client

    with MockGraphServer() as server:
        client = graph_client(server.url)
        webinars = client.solutions.virtual_events.webinars
        new = VirtualEventWebinar(display_name="Launch",
                                  start_date_time=DateTimeTimeZone(date_time="2025-01-01T10:00:00", time_zone="UTC"),
                                  end_date_time=DateTimeTimeZone(date_time="2025-01-01T11:00:00", time_zone="UTC"))
        content = BatchRequestContent({
            "create": BatchRequestItem(webinars.to_post_request_information(new), id="create"),
            "missing": BatchRequestItem(webinars.by_virtual_event_webinar_id("nope").to_get_request_information(),
                                        id="missing"),
        })

        async def send():
            response = await BatchRequestBuilder(client.request_adapter).post(content)
            listed = await webinars.get()
            return response, listed

        response, listed = asyncio.run(asyncio.wait_for(send(), timeout=30))
        assert response.get_response_status_codes() == {"create": 201, "missing": 404}
        # msgraph-core 1.5.2 reads a JSON body of a batch answer as None (get_bytes_value of an object), so
        # response_body() cannot parse Graph's answers either; the created webinar is read back instead.
        assert isinstance(listed, VirtualEventWebinarCollectionResponse)
        assert [w.display_name for w in listed.value] == ["Launch"]
        assert response.responses["create"].headers["Location"].endswith(listed.value[0].id)
        assert [entry["path"] for entry in server.requests] == [
            "/v1.0" + WEBINARS, "/v1.0" + WEBINARS + "/nope", "/v1.0/$batch", "/v1.0" + WEBINARS]


@pytest.mark.parametrize("path", ["/V1.0/$batch", "/v1.0/$BATCH", "/Beta/$Batch"])
def test_the_batch_path_is_case_insensitive_like_every_graph_path(client, path):
    """Graph's segments are case-insensitive, so /V1.0/$BATCH is a batch too, run under its version."""
    r = client.post(path, json={"requests": [{"id": "1", "method": "GET", "url": WEBINARS}]}, headers=AUTH)
    assert r.status_code == 200, r.get_json()
    inner = r.get_json()["responses"][0]
    assert inner["status"] == 200
    assert inner["body"]["@odata.context"].split("/$metadata")[0].endswith(path.split("/")[1].lower())
