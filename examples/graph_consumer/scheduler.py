"""A tiny Microsoft Graph consumer: schedules a session in a virtual event (townhall or webinar).

It is the code under test in the example: the Pact consumer test beside it records what this
client needs from Graph, and CI verifies that pact against mockgraph standing in for Graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests


class GraphError(Exception):
    """Graph answered with its error envelope; ``code`` is what callers branch on, never the message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class Session:
    id: str
    subject: str
    join_web_url: str


class Scheduler:
    """``Scheduler("https://graph.microsoft.com/v1.0", token).schedule(event_id, subject, start, end)``."""

    def __init__(self, base_url: str, token: str, http: requests.Session | None = None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.http = http or requests.Session()

    def schedule(self, event_id: str, subject: str, start: str, end: str, time_zone: str = "UTC",
                 collection: str = "webinars") -> Session:
        body = {
            "@odata.type": "#microsoft.graph.virtualEventSession",
            "subject": subject,
            "startDateTime": {"dateTime": start, "timeZone": time_zone},
            "endDateTime": {"dateTime": end, "timeZone": time_zone},
        }
        reply = self.http.post(f"{self.base_url}/solutions/virtualEvents/{collection}/{event_id}/sessions",
                               json=body, headers={"Authorization": f"Bearer {self.token}"}, timeout=10)
        if reply.status_code != 201:
            error = reply.json().get("error", {})
            raise GraphError(reply.status_code, error.get("code", "unknown"), error.get("message", ""))
        data = reply.json()
        return Session(id=data["id"], subject=data["subject"], join_web_url=data["joinWebUrl"])


@dataclass(frozen=True)
class TownHall:
    id: str
    display_name: str
    status: str


class TownHallScheduler:
    """A town hall's life as an organizer's tool drives it: create it, publish it, add a presenter, read it back.

    ``TownHallScheduler(base_url, token).create("All hands", start, end)`` and so on; Graph's errors raise GraphError.
    """

    def __init__(self, base_url: str, token: str, http: requests.Session | None = None):
        self.base_url = base_url.rstrip("/") + "/solutions/virtualEvents/townhalls"
        self.headers = {"Authorization": f"Bearer {token}"}
        self.http = http or requests.Session()

    def _check(self, reply: requests.Response, status: int) -> requests.Response:
        if reply.status_code != status:
            error = reply.json().get("error", {}) if reply.content else {}
            raise GraphError(reply.status_code, error.get("code", "unknown"), error.get("message", ""))
        return reply

    def create(self, name: str, start: str, end: str, time_zone: str = "UTC") -> TownHall:
        body = {"displayName": name, "startDateTime": {"dateTime": start, "timeZone": time_zone},
                "endDateTime": {"dateTime": end, "timeZone": time_zone}, "audience": "organization"}
        data = self._check(self.http.post(self.base_url, json=body, headers=self.headers, timeout=10), 201).json()
        return TownHall(data["id"], data["displayName"], data["status"])

    def publish(self, town_hall_id: str) -> None:
        self._check(self.http.post(f"{self.base_url}/{town_hall_id}/publish", headers=self.headers, timeout=10), 204)

    def add_presenter(self, town_hall_id: str, name: str, email: str) -> str:
        """A guest presenter (outside the tenant): Graph gives it an id of its own."""
        body = {"identity": {"@odata.type": "#microsoft.graph.communicationsGuestIdentity",
                             "displayName": name, "email": email}}
        reply = self.http.post(f"{self.base_url}/{town_hall_id}/presenters", json=body, headers=self.headers,
                               timeout=10)
        return self._check(reply, 201).json()["id"]

    def get(self, town_hall_id: str) -> TownHall:
        data = self._check(self.http.get(f"{self.base_url}/{town_hall_id}", headers=self.headers, timeout=10),
                           200).json()
        return TownHall(data["id"], data["displayName"], data["status"])
