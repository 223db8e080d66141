"""The official Python SDK, msgraph-sdk, as a real client of a served mockgraph.

The SDK turns a wrongly typed response value into None without a word, so every field it
sent is compared with what it reads back.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

pytest.importorskip("msgraph")

from kiota_abstractions.authentication import (
    AccessTokenProvider,
    AllowedHostsValidator,
    BaseBearerTokenAuthenticationProvider,
)
from msgraph import GraphRequestAdapter, GraphServiceClient
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.chat_restrictions import ChatRestrictions
from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.join_meeting_id_settings import JoinMeetingIdSettings
from msgraph.generated.models.lobby_bypass_scope import LobbyBypassScope
from msgraph.generated.models.lobby_bypass_settings import LobbyBypassSettings
from msgraph.generated.models.meeting_chat_history_default_mode import MeetingChatHistoryDefaultMode
from msgraph.generated.models.meeting_chat_mode import MeetingChatMode
from msgraph.generated.models.o_data_errors.o_data_error import ODataError
from msgraph.generated.models.online_meeting_presenters import OnlineMeetingPresenters
from msgraph.generated.models.virtual_event_session import VirtualEventSession
from msgraph.generated.models.watermark_protection_values import WatermarkProtectionValues

from .conftest import EVENT, served


class StaticToken(AccessTokenProvider):
    """Any token will do for the mock; the SDK only has to send one."""

    async def get_authorization_token(self, uri, additional_authentication_context=None) -> str:
        return "mock-token"

    def get_allowed_hosts_validator(self) -> AllowedHostsValidator:
        return AllowedHostsValidator(["127.0.0.1"])


def graph_client(base_url: str) -> GraphServiceClient:
    adapter = GraphRequestAdapter(BaseBearerTokenAuthenticationProvider(StaticToken()))
    adapter.base_url = base_url
    return GraphServiceClient(request_adapter=adapter)


def sent_session() -> VirtualEventSession:
    return VirtualEventSession(
        odata_type="#microsoft.graph.virtualEventSession",
        subject="Quarterly town hall — Q&A 🎤",
        start_date_time=DateTimeTimeZone(date_time="2024-03-30T10:00:00", time_zone="Pacific Standard Time"),
        end_date_time=DateTimeTimeZone(date_time="2024-03-30T17:00:00", time_zone="Pacific Standard Time"),
        allowed_presenters=OnlineMeetingPresenters.Organizer,
        allow_meeting_chat=MeetingChatMode.Limited,
        share_meeting_chat_history_default=MeetingChatHistoryDefaultMode.All,
        allow_attendee_to_enable_camera=False,
        allow_attendee_to_enable_mic=True,
        allow_teamwork_reactions=True,
        record_automatically=True,
        is_entry_exit_announced=False,
        lobby_bypass_settings=LobbyBypassSettings(scope=LobbyBypassScope.Organization, is_dial_in_bypass_enabled=True),
        watermark_protection=WatermarkProtectionValues(is_enabled_for_content_sharing=True, is_enabled_for_video=False),
        join_meeting_id_settings=JoinMeetingIdSettings(is_passcode_required=True),
        join_information=ItemBody(content_type=BodyType.Html, content="<p>Welcome</p>"),
        chat_restrictions=ChatRestrictions(allow_text_only=True),
        expiry_date_time=dt.datetime(2024, 4, 30, 17, 0, tzinfo=dt.UTC),
        capacity=500,
    )


SCALARS = ["subject", "allowed_presenters", "allow_meeting_chat", "share_meeting_chat_history_default",
           "allow_attendee_to_enable_camera", "allow_attendee_to_enable_mic", "allow_teamwork_reactions",
           "record_automatically", "is_entry_exit_announced", "expiry_date_time", "capacity"]
NESTED = {
    "start_date_time": ["date_time", "time_zone"],
    "end_date_time": ["date_time", "time_zone"],
    "lobby_bypass_settings": ["scope", "is_dial_in_bypass_enabled"],
    "watermark_protection": ["is_enabled_for_content_sharing", "is_enabled_for_video"],
    "join_meeting_id_settings": ["is_passcode_required"],
    "join_information": ["content_type", "content"],
    "chat_restrictions": ["allow_text_only"],
}


def sessions_builder(client: GraphServiceClient, collection: str, event_id: str):
    collections = client.solutions.virtual_events
    by_id = {"events": lambda: collections.events.by_virtual_event_id(event_id),
             "townhalls": lambda: collections.townhalls.by_virtual_event_townhall_id(event_id),
             "webinars": lambda: collections.webinars.by_virtual_event_webinar_id(event_id)}
    return by_id[collection]().sessions


@pytest.fixture(scope="module")
def server():
    with served("--workers", "2", "--seed", "3") as running:
        yield running


@pytest.mark.parametrize("collection", ["events", "townhalls", "webinars"])
def test_sdk_creates_a_session_and_reads_back_what_it_sent(server, collection):
    """Through the real SDK, the created session carries every sent field, typed as sent."""
    client = graph_client(server.url + "/v1.0")
    sent = sent_session()
    created = asyncio.run(sessions_builder(client, collection, EVENT).post(sent))
    for name in SCALARS:
        assert getattr(created, name) == getattr(sent, name), name
    for name, fields in NESTED.items():
        for field in fields:
            assert getattr(getattr(created, name), field) == getattr(getattr(sent, name), field), f"{name}.{field}"
    assert created.id and created.join_web_url.startswith("https://teams.microsoft.com/l/meetup-join/")
    assert created.join_meeting_id_settings.join_meeting_id and created.join_meeting_id_settings.passcode
    assert created.chat_info.thread_id.startswith("19:meeting_")
    assert created.audio_conferencing.toll_numbers == [created.audio_conferencing.toll_number]
    assert created.video_teleconference_id


def test_sdk_sends_the_event_id_percent_encoded_and_the_mock_decodes_it(server):
    """The SDK writes '@' as %40; the journal shows the decoded path and the entity context the id."""
    import requests

    requests.post(server.url + "/_mockgraph/reset", timeout=10)
    client = graph_client(server.url + "/v1.0")
    created = asyncio.run(sessions_builder(client, "webinars", EVENT).post(VirtualEventSession(subject="x")))
    assert created.additional_data["@odata.context"].endswith(f"webinars('{EVENT}')/sessions/$entity")
    entry = requests.get(server.url + "/_mockgraph/requests", timeout=10).json()["value"][-1]
    assert entry["path"] == f"/v1.0/solutions/virtualEvents/webinars/{EVENT}/sessions"
    assert entry["headers"]["Authorization"] == "Bearer [redacted]"
    assert entry["json"]["@odata.type"] == "#microsoft.graph.virtualEventSession"


def test_sdk_surfaces_a_rejected_body_as_odata_error(server):
    """A 400 in the envelope parses into the SDK's ODataError with Graph's code and message."""
    client = graph_client(server.url + "/v1.0")
    bad = VirtualEventSession(subject="x", additional_data={"subjct": "typo"})
    with pytest.raises(ODataError) as raised:
        asyncio.run(sessions_builder(client, "events", EVENT).post(bad))
    assert raised.value.response_status_code == 400
    assert raised.value.error.code == "BadRequest"
    assert "$.subjct" in raised.value.error.message
    assert raised.value.error.inner_error.date is not None
