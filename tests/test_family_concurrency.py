"""Creates, updates and deletes racing on one entity, through `mockgraph serve` with two workers sharing its store."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.conftest import served

pytestmark = pytest.mark.slow

AUTH = {"Authorization": "Bearer race"}
BODY = {"displayName": "Race", "startDateTime": {"dateTime": "2026-03-30T10:00:00", "timeZone": "UTC"},
        "endDateTime": {"dateTime": "2026-03-30T11:00:00", "timeZone": "UTC"}}


@pytest.fixture(scope="module")
def base():
    with served("--workers", "2", "--threads", "4") as server:
        yield server.url + "/v1.0/solutions/virtualEvents"


def test_patches_of_different_properties_lose_neither(base):
    """40 PATCHes, half to displayName, half to description, race on one town hall: the last of each is kept whole."""
    event = requests.post(f"{base}/townhalls", json=BODY, headers=AUTH, timeout=30).json()["id"]
    url = f"{base}/townhalls/{event}"

    def patch(i: int) -> int:
        body = {"displayName": f"name {i}"} if i % 2 else {"description": {"contentType": "text", "content": f"d {i}"}}
        return requests.patch(url, json=body, headers=AUTH, timeout=30).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(patch, range(40)))
    assert statuses == [200] * 40
    final = requests.get(url, headers=AUTH, timeout=30).json()
    assert final["displayName"].startswith("name ") and final["description"]["content"].startswith("d ")
    assert final["description"]["contentType"] == "text" and final["status"] == "draft"  # nothing torn


def test_a_delete_racing_updates_and_creates_leaves_nothing_behind(base):
    """Once a webinar is deleted, racing PATCHes answer 200 before it or 404 after it, never a 500 or a resurrection."""
    event = requests.post(f"{base}/webinars", json=BODY, headers=AUTH, timeout=30).json()["id"]
    url = f"{base}/webinars/{event}"

    def work(i: int) -> tuple[str, int]:
        if i == 10:
            return "delete", requests.delete(url, headers=AUTH, timeout=30).status_code
        if i % 3 == 0:
            reply = requests.post(f"{url}/presenters", headers=AUTH, timeout=30, json={"identity": {
                "@odata.type": "#microsoft.graph.communicationsGuestIdentity", "displayName": f"G{i}",
                "email": f"g{i}@example.com"}})
            return "presenter", reply.status_code
        return "patch", requests.patch(url, json={"displayName": f"n{i}"}, headers=AUTH, timeout=30).status_code

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(work, range(30)))
    assert ("delete", 204) in outcomes
    assert {status for kind, status in outcomes if kind == "patch"} <= {200, 404}
    assert {status for kind, status in outcomes if kind == "presenter"} <= {201, 404}
    assert requests.get(url, headers=AUTH, timeout=30).status_code == 404
    listed = requests.get(f"{base}/webinars", headers=AUTH, timeout=30).json()["value"]
    assert event not in [w["id"] for w in listed]
    assert requests.get(f"{url}/presenters", headers=AUTH, timeout=30).status_code == 404


def test_creates_racing_across_workers_get_distinct_ids(base):
    """60 town hall creates over two workers: 60 distinct ids, all listed, the count exact."""
    before = int(requests.get(f"{base}/townhalls/$count", headers=AUTH, timeout=30).text)
    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(lambda i: requests.post(f"{base}/townhalls", json={**BODY, "displayName": f"T{i}"},
                                                     headers=AUTH, timeout=30).json()["id"], range(60)))
    assert len(set(made)) == 60
    assert int(requests.get(f"{base}/townhalls/$count", headers=AUTH, timeout=30).text) == before + 60
