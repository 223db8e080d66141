"""The whole town-hall and webinar flow through the official msgraph-sdk, against a served mockgraph.

The app code here is what one would write against the real Graph, unchanged: only the adapter's base URL points
at the mock. The SDK turns a response value of the wrong type into None without a word, so every reply is checked
twice: what the SDK read back against what it sent (field by field, typed), and against the raw JSON the mock
answered (a value the mock sent must not come back as None or as something else).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import enum
import json
import re
from typing import Any

import pytest

pytest.importorskip("msgraph")

import requests
from msgraph.generated.models.attendance_record import AttendanceRecord
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.communications_user_identity import CommunicationsUserIdentity
from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.meeting_attendance_report import MeetingAttendanceReport
from msgraph.generated.models.meeting_audience import MeetingAudience
from msgraph.generated.models.o_data_errors.o_data_error import ODataError
from msgraph.generated.models.virtual_event_attendee_registration_status import VirtualEventAttendeeRegistrationStatus
from msgraph.generated.models.virtual_event_presenter import VirtualEventPresenter
from msgraph.generated.models.virtual_event_registration import VirtualEventRegistration
from msgraph.generated.models.virtual_event_registration_custom_question import VirtualEventRegistrationCustomQuestion
from msgraph.generated.models.virtual_event_registration_predefined_question import (
    VirtualEventRegistrationPredefinedQuestion,
)
from msgraph.generated.models.virtual_event_registration_predefined_question_label import (
    VirtualEventRegistrationPredefinedQuestionLabel,
)
from msgraph.generated.models.virtual_event_registration_question_answer import VirtualEventRegistrationQuestionAnswer
from msgraph.generated.models.virtual_event_registration_question_answer_input_type import (
    VirtualEventRegistrationQuestionAnswerInputType,
)
from msgraph.generated.models.virtual_event_session import VirtualEventSession
from msgraph.generated.models.virtual_event_settings import VirtualEventSettings
from msgraph.generated.models.virtual_event_status import VirtualEventStatus
from msgraph.generated.models.virtual_event_townhall import VirtualEventTownhall
from msgraph.generated.models.virtual_event_webinar import VirtualEventWebinar
from msgraph.generated.models.virtual_event_webinar_registration_configuration import (
    VirtualEventWebinarRegistrationConfiguration,
)
from msgraph.generated.solutions.virtual_events.events.item.set_external_event_information.set_external_event_information_post_request_body import (  # noqa: E501
    SetExternalEventInformationPostRequestBody,
)

from .test_core_sdk import graph_client

GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
EVENT_ID = re.compile(rf"{GUID}@{GUID}")
CLOCK = "2024-05-01T12:00:00Z"
PINNED = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
CO_ORGANIZER = "7b7e1acd-a3e0-4533-8c1d-c1a4ca0b2e2b"
PRESENTER = "2f5a9c1e-8d3b-4a7e-9c6f-1b2d3e4f5a6b"
TENANT = "77229959-e479-4a73-b6e0-ddac27be315c"
ROOT = "/solutions/virtualEvents"


@pytest.fixture
def mockgraph_settings(mockgraph_seed: int) -> dict:
    """The plugin's marker takes only a seed, so the clock is pinned by overriding the settings for this module."""
    return {"seed": mockgraph_seed, "clock": CLOCK}


# -- strict comparison of SDK models ---------------------------------------------------------------------------

_SKIPPED = {"backing_store", "additional_data"}


def _fields(model: Any) -> dict[str, Any]:
    return {f.name: getattr(model, f.name) for f in dataclasses.fields(model) if f.name not in _SKIPPED}


def _is_model(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def echoes(sent: Any, got: Any, where: str = "$") -> None:
    """Every value set on ``sent`` is on ``got``, of the same type and equal (the SDK's None hides a type error)."""
    if _is_model(sent):
        assert _is_model(got), f"{where}: sent {type(sent).__name__}, SDK read {got!r}"
        assert isinstance(got, type(sent)), f"{where}: sent {type(sent).__name__}, SDK read {type(got).__name__}"
        for name, value in _fields(sent).items():
            if value is not None:
                echoes(value, getattr(got, name), f"{where}.{name}")
    elif isinstance(sent, list):
        assert isinstance(got, list) and len(got) == len(sent), f"{where}: sent {len(sent)} items, SDK read {got!r}"
        for i, (one, other) in enumerate(zip(sent, got, strict=True)):
            echoes(one, other, f"{where}[{i}]")
    else:
        assert got is not None, f"{where}: sent {sent!r}, SDK read None"
        assert type(got) is type(sent) and got == sent, f"{where}: sent {sent!r}, SDK read {got!r}"


def same(first: Any, second: Any, where: str = "$") -> None:
    """Two reads of one entity agree on every property (only the context URL may differ)."""
    if _is_model(first):
        assert type(first) is type(second), f"{where}: {type(first).__name__} vs {type(second).__name__}"
        for name, value in _fields(first).items():
            same(value, getattr(second, name), f"{where}.{name}")
        extra = [{k: v for k, v in m.additional_data.items() if k != "@odata.context"} for m in (first, second)]
        assert extra[0] == extra[1], f"{where}: additional data {extra[0]!r} vs {extra[1]!r}"
    elif isinstance(first, list):
        assert isinstance(second, list) and len(first) == len(second), f"{where}: {first!r} vs {second!r}"
        for i, (one, other) in enumerate(zip(first, second, strict=True)):
            same(one, other, f"{where}[{i}]")
    else:
        assert first == second, f"{where}: {first!r} vs {second!r}"


def _attribute(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


#: Properties a reply may carry that the SDK's class lacks, so it keeps them in additional_data: none, today.
UNMODELLED: set[str] = set()


def read_whole(model: Any, raw: Any, where: str = "$") -> None:
    """Every non-null value of the raw reply reached the SDK's model: as a property it knows, equal, not None."""
    if isinstance(raw, list):
        assert isinstance(model, list) and len(model) == len(raw), f"{where}: mock sent {raw!r}, SDK read {model!r}"
        for i, (one, other) in enumerate(zip(model, raw, strict=True)):
            read_whole(one, other, f"{where}[{i}]")
        return
    if isinstance(raw, dict):
        assert _is_model(model), f"{where}: mock sent an object, SDK read {model!r}"
        for key, value in raw.items():
            if key == "@odata.type":
                assert model.odata_type == value, f"{where}.@odata.type: mock sent {value}, SDK read {model.odata_type}"
                continue
            if key.startswith("@odata."):
                continue
            name = _attribute(key)
            if not hasattr(model, name) or name in _SKIPPED:
                assert f"{type(model).__name__}.{key}" in UNMODELLED, \
                    f"{where}.{key}: mock sent a property {type(model).__name__} does not have"
                assert key in model.additional_data, f"{where}.{key}: the SDK dropped it"
                continue
            got = getattr(model, name)
            if value is None:
                assert got is None, f"{where}.{key}: mock sent null, SDK read {got!r}"
            else:
                assert got is not None, f"{where}.{key}: mock sent {value!r}, SDK read None"
                read_whole(got, value, f"{where}.{key}")
        return
    if isinstance(model, enum.Enum):
        assert model.value == raw, f"{where}: mock sent {raw!r}, SDK read {model!r}"
    elif isinstance(model, dt.datetime):
        assert model == dt.datetime.fromisoformat(raw), f"{where}: mock sent {raw!r}, SDK read {model!r}"
    else:
        assert model == raw and type(model) is type(raw), f"{where}: mock sent {raw!r}, SDK read {model!r}"


def last_reply(mockgraph) -> Any:
    """The JSON body of the mock's last answer, from its journal."""
    return mockgraph.requests[-1]["response"]


def checked(mockgraph, model: Any) -> Any:
    """``model`` after checking it holds all of the raw reply it was read from."""
    raw = last_reply(mockgraph)
    listed = hasattr(model, "value") and "value" in raw
    read_whole(model.value if listed else model, raw["value"] if listed else raw)
    return model


async def odata_error(awaitable) -> ODataError:
    """The ODataError the SDK raises for an error reply (it must raise one)."""
    with pytest.raises(ODataError) as raised:
        await awaitable
    return raised.value


# -- the bodies an app sends -----------------------------------------------------------------------------------

def sent_townhall() -> VirtualEventTownhall:
    return VirtualEventTownhall(
        display_name="The Impact of Tech on Our Lives",
        description=ItemBody(content_type=BodyType.Text, content="Discusses how technology has changed us."),
        start_date_time=DateTimeTimeZone(date_time="2024-06-30T10:00:00", time_zone="Pacific Standard Time"),
        end_date_time=DateTimeTimeZone(date_time="2024-06-30T17:00:00", time_zone="Pacific Standard Time"),
        audience=MeetingAudience.Organization,
        co_organizers=[CommunicationsUserIdentity(id=CO_ORGANIZER, tenant_id=TENANT)],
        settings=VirtualEventSettings(is_attendee_email_notification_enabled=False),
    )


def sent_webinar() -> VirtualEventWebinar:
    return VirtualEventWebinar(
        display_name="Teams webinar: how to stay fit",
        description=ItemBody(content_type=BodyType.Text, content="An hour of stretches."),
        start_date_time=DateTimeTimeZone(date_time="2024-07-01T09:00:00", time_zone="UTC"),
        end_date_time=DateTimeTimeZone(date_time="2024-07-01T10:00:00", time_zone="UTC"),
        audience=MeetingAudience.Everyone,
        co_organizers=[CommunicationsUserIdentity(id=CO_ORGANIZER, tenant_id=TENANT)],
        settings=VirtualEventSettings(is_attendee_email_notification_enabled=True),
    )


# -- the flows -------------------------------------------------------------------------------------------------

async def townhall_flow(mockgraph) -> str:
    client = graph_client(mockgraph.url)
    virtual_events = client.solutions.virtual_events
    sent = sent_townhall()

    created = checked(mockgraph, await virtual_events.townhalls.post(sent))
    echoes(sent, created)
    assert created.status == VirtualEventStatus.Draft, "a new town hall is a draft"
    assert created.id is not None and EVENT_ID.fullmatch(created.id), f"id is {{guid}}@{{guid}}: {created.id!r}"
    user = created.created_by.user
    assert user.id and user.display_name and user.tenant_id, "createdBy.user is filled"
    assert created.co_organizers[0].display_name, "the co-organizer gets its display name"
    townhall = virtual_events.townhalls.by_virtual_event_townhall_id(created.id)

    read = checked(mockgraph, await townhall.get())
    same(created, read)

    change = VirtualEventTownhall(display_name="Tech and us", description=ItemBody(content_type=BodyType.Html,
                                                                                   content="<p>Updated</p>"))
    updated = checked(mockgraph, await townhall.patch(change))
    echoes(change, updated)
    assert updated.id == created.id and updated.status == VirtualEventStatus.Draft, "PATCH answers the whole entity"
    assert updated.start_date_time.date_time == sent.start_date_time.date_time, "PATCH keeps what it did not name"

    listed = checked(mockgraph, await virtual_events.townhalls.get())
    mine = [t for t in listed.value if t.id == created.id]
    assert len(mine) == 1 and mine[0].display_name == "Tech and us", "the list holds it under its new name"

    organized = checked(mockgraph, await virtual_events.townhalls.get_by_user_role_with_role("organizer").get())
    assert created.id in [t.id for t in organized.value], "getByUserRole(role='organizer') finds it"

    await virtual_events.events.by_virtual_event_id(created.id).publish.post()
    assert (await townhall.get()).status == VirtualEventStatus.Published, "publish makes it published"

    sessions = checked(mockgraph, await townhall.sessions.get())
    assert len(sessions.value) == 1, "Graph creates exactly one session with the town hall"
    first = sessions.value[0]
    assert first.id and first.subject == "The Impact of Tech on Our Lives", "the session is the event's"
    session = checked(mockgraph, await townhall.sessions.by_virtual_event_session_id(first.id).get())
    assert session.id == first.id and session.join_web_url, "the session reads back by id, with its join URL"

    extra = VirtualEventSession(subject="Breakout",
                                start_date_time=DateTimeTimeZone(date_time="2024-06-30T12:00:00", time_zone="UTC"),
                                end_date_time=DateTimeTimeZone(date_time="2024-06-30T13:00:00", time_zone="UTC"))
    made = checked(mockgraph, await townhall.sessions.post(extra))
    echoes(extra, made)
    assert made.id and made.id != first.id and made.join_web_url, "a created session gets its own id and join URL"

    identity = CommunicationsUserIdentity(id=PRESENTER)
    presenter = checked(mockgraph, await townhall.presenters.post(VirtualEventPresenter(identity=identity)))
    echoes(identity, presenter.identity, "$.identity")
    assert presenter.id == PRESENTER, "an in-tenant presenter's id is its user's id"
    assert presenter.email and presenter.identity.display_name, "the service fills the presenter's email and name"
    one = townhall.presenters.by_virtual_event_presenter_id(presenter.id)
    same(presenter, checked(mockgraph, await one.get()))
    presenters = checked(mockgraph, await townhall.presenters.get())
    assert [p.id for p in presenters.value] == [PRESENTER], "the list holds the one presenter"
    await one.delete()
    gone = await odata_error(one.get())
    assert (gone.response_status_code, gone.error.code) == (404, "itemNotFound"), "a deleted presenter is gone"

    await virtual_events.events.by_virtual_event_id(created.id).cancel.post()
    canceled = checked(mockgraph, await townhall.get())
    assert canceled.status == VirtualEventStatus.Canceled, "a canceled town hall is still readable, as canceled"
    return created.id


async def webinar_flow(mockgraph) -> tuple[str, str]:
    client = graph_client(mockgraph.url)
    virtual_events = client.solutions.virtual_events
    sent = sent_webinar()
    created = checked(mockgraph, await virtual_events.webinars.post(sent))
    echoes(sent, created)
    assert created.id and EVENT_ID.fullmatch(created.id) and created.status == VirtualEventStatus.Draft
    webinar = virtual_events.webinars.by_virtual_event_webinar_id(created.id)

    configuration = checked(mockgraph, await webinar.registration_configuration.get())
    assert isinstance(configuration, VirtualEventWebinarRegistrationConfiguration), type(configuration)
    assert configuration.registration_web_url == f"https://events.teams.microsoft.com/event/{created.id}"

    questions = webinar.registration_configuration.questions
    custom = VirtualEventRegistrationCustomQuestion(
        display_name="What's your job position?", is_required=True,
        answer_input_type=VirtualEventRegistrationQuestionAnswerInputType.Text)
    asked = checked(mockgraph, await questions.post(custom))
    echoes(custom, asked)
    assert asked.id, "a question gets an id"
    job_title = VirtualEventRegistrationPredefinedQuestionLabel.JobTitle
    predefined = VirtualEventRegistrationPredefinedQuestion(label=job_title)
    labelled = checked(mockgraph, await questions.post(predefined))
    echoes(predefined, labelled)
    assert labelled.id and labelled.display_name == "Job title" and labelled.is_required is False
    listed = checked(mockgraph, await questions.get())
    kinds = {q.id: type(q) for q in listed.value}
    assert kinds == {asked.id: VirtualEventRegistrationCustomQuestion,
                     labelled.id: VirtualEventRegistrationPredefinedQuestion}, "the list keeps the derived types"

    registration = VirtualEventRegistration(
        preferred_timezone="Pacific Standard Time", preferred_language="en-us",
        registration_question_answers=[VirtualEventRegistrationQuestionAnswer(question_id=asked.id, value="Tester")])
    registered = checked(mockgraph, await webinar.registrations.post(registration))
    echoes(registration, registered)
    assert registered.id and registered.status == VirtualEventAttendeeRegistrationStatus.Registered
    assert registered.registration_date_time == PINNED, "registrationDateTime is the service's (pinned) clock"
    assert registered.cancelation_date_time is None, "a new registration is not canceled"
    assert registered.email and registered.user_id and registered.first_name, "the registrant is the signed-in user"
    answer = registered.registration_question_answers[0]
    assert answer.display_name == "What's your job position?", "the answer gets its question's name"
    listed_registrations = checked(mockgraph, await webinar.registrations.get())
    assert [r.id for r in listed_registrations.value] == [registered.id], "the list holds the registration"
    by_email = checked(mockgraph, await webinar.registrations_with_email(registered.email).get())
    same(registered, by_email)
    await webinar.registrations.by_virtual_event_registration_id(registered.id).cancel.post()
    after = checked(mockgraph, await webinar.registrations.by_virtual_event_registration_id(registered.id).get())
    assert after.status == VirtualEventAttendeeRegistrationStatus.Canceled, "cancel makes the registration canceled"
    assert after.cancelation_date_time == PINNED, "cancelationDateTime is the service's (pinned) clock"

    event = virtual_events.events.by_virtual_event_id(created.id)
    await event.set_external_event_information.post(
        SetExternalEventInformationPostRequestBody(external_event_id="myExternalEventId"))
    informed = checked(mockgraph, await webinar.get())
    info = informed.external_event_information
    assert [i.external_event_id for i in info] == ["myExternalEventId"], "the external id is on the webinar"
    assert info[0].application_id, "the external information names the calling application"
    await event.publish.post()
    assert (await webinar.get()).status == VirtualEventStatus.Published, "publish makes the webinar published"
    await event.cancel.post()
    assert (await webinar.get()).status == VirtualEventStatus.Canceled, "cancel makes the webinar canceled"

    sessions = checked(mockgraph, await webinar.sessions.get())
    assert len(sessions.value) == 1, "a webinar has its one session"
    return created.id, sessions.value[0].id


def put(mockgraph, path: str, entity: dict) -> dict:
    """Store what Graph fills itself (attendance) through the mock's control endpoint, over plain HTTP."""
    reply = requests.post(mockgraph.base_url + "/_mockgraph/entities",
                          json={"path": "/v1.0" + path, "entity": entity}, timeout=10)
    assert reply.status_code == 201, reply.text
    return reply.json()


REPORT = {"totalParticipantCount": 2, "meetingStartDateTime": "2024-07-01T09:00:00Z",
          "meetingEndDateTime": "2024-07-01T10:00:00Z"}
RECORD = {"emailAddress": "frederick.cormier@contoso.com", "role": "Attendee", "totalAttendanceInSeconds": 1800,
          "identity": {"id": "3a1bcf4e-9c1d-4bd0-a1b2-6f0e6c5d4e3f", "displayName": "Frederick Cormier"},
          "attendanceIntervals": [{"joinDateTime": "2024-07-01T09:05:00Z", "leaveDateTime": "2024-07-01T09:35:00Z",
                                   "durationInSeconds": 1800}]}


async def attendance_flow(mockgraph, webinar_id: str, session_id: str) -> None:
    reports_path = f"{ROOT}/webinars/{webinar_id}/sessions/{session_id}/attendanceReports"
    report_id = put(mockgraph, reports_path, REPORT)["id"]
    record_id = put(mockgraph, f"{reports_path}/{report_id}/attendanceRecords", RECORD)["id"]
    session = graph_client(mockgraph.url).solutions.virtual_events.webinars.by_virtual_event_webinar_id(
        webinar_id).sessions.by_virtual_event_session_id(session_id)

    reports = checked(mockgraph, await session.attendance_reports.get())
    assert [r.id for r in reports.value] == [report_id], "the list holds the report that was put"
    one = session.attendance_reports.by_meeting_attendance_report_id(report_id)
    report = checked(mockgraph, await one.get())
    assert isinstance(report, MeetingAttendanceReport) and report.total_participant_count == 2
    assert report.meeting_start_date_time == dt.datetime(2024, 7, 1, 9, 0, tzinfo=dt.UTC)
    assert report.meeting_end_date_time == dt.datetime(2024, 7, 1, 10, 0, tzinfo=dt.UTC)
    records = checked(mockgraph, await one.attendance_records.get())
    assert len(records.value) == 1 and isinstance(records.value[0], AttendanceRecord)
    record = records.value[0]
    assert record.id == record_id and record.email_address == RECORD["emailAddress"] and record.role == "Attendee"
    assert record.total_attendance_in_seconds == 1800 and record.identity.display_name == "Frederick Cormier"
    interval = record.attendance_intervals[0]
    assert interval.duration_in_seconds == 1800
    assert interval.join_date_time == dt.datetime(2024, 7, 1, 9, 5, tzinfo=dt.UTC)


async def error_flow(mockgraph, canceled_id: str) -> None:
    virtual_events = graph_client(mockgraph.url).solutions.virtual_events
    missing = f"00000000-0000-0000-0000-000000000000@{TENANT}"
    error = await odata_error(virtual_events.townhalls.by_virtual_event_townhall_id(missing).get())
    assert (error.response_status_code, error.error.code) == (404, "itemNotFound"), "a missing town hall is a 404"
    assert missing in error.error.message, "the message names the missing id"

    read_only = VirtualEventTownhall(display_name="x", status=VirtualEventStatus.Published)
    error = await odata_error(virtual_events.townhalls.by_virtual_event_townhall_id(canceled_id).patch(read_only))
    assert (error.response_status_code, error.error.code) == (400, "BadRequest"), "status is read-only"
    assert "status" in error.error.message, "the message names the read-only property"

    error = await odata_error(virtual_events.events.by_virtual_event_id(canceled_id).publish.post())
    assert (error.response_status_code, error.error.code) == (400, "BadRequest"), "a canceled event stays canceled"


def test_townhall_webinar_attendance_and_errors_through_the_sdk(mockgraph):
    """An app written against the real Graph runs its whole virtual-events flow on the mock, read back strictly."""

    async def flow() -> None:
        townhall_id = await townhall_flow(mockgraph)
        webinar_id, session_id = await webinar_flow(mockgraph)
        await attendance_flow(mockgraph, webinar_id, session_id)
        await error_flow(mockgraph, townhall_id)

    asyncio.run(flow())

    mockgraph.assert_called("POST", f"{ROOT}/townhalls", status=201)
    mockgraph.assert_called("PATCH", f"{ROOT}/townhalls/{{id}}", status=200)
    mockgraph.assert_called("GET", f"{ROOT}/townhalls/getByUserRole(role='organizer')", status=200)
    mockgraph.assert_called("POST", f"{ROOT}/events/{{id}}/publish", count=2, status=204)
    mockgraph.assert_called("POST", f"{ROOT}/events/{{id}}/publish", status=400)
    mockgraph.assert_called("POST", f"{ROOT}/events/{{id}}/cancel", count=2, status=204)
    mockgraph.assert_called("POST", f"{ROOT}/townhalls/{{id}}/sessions", status=201)
    mockgraph.assert_called("POST", f"{ROOT}/townhalls/{{id}}/presenters", json={"identity": {"id": PRESENTER}},
                            status=201)
    mockgraph.assert_called("DELETE", f"{ROOT}/townhalls/{{id}}/presenters/{PRESENTER}", status=204)
    mockgraph.assert_called("GET", f"{ROOT}/townhalls/{{id}}/presenters/{PRESENTER}", status=404)
    mockgraph.assert_called("POST", f"{ROOT}/webinars/{{id}}/registrationConfiguration/questions", count=2,
                            status=201)
    mockgraph.assert_called("POST", f"{ROOT}/webinars/{{id}}/registrations", status=201,
                            json={"preferredTimezone": "Pacific Standard Time", "preferredLanguage": "en-us"})
    mockgraph.assert_called("GET", f"{ROOT}/webinars/{{id}}/registrations(email='{{email}}')", status=200)
    mockgraph.assert_called("POST", f"{ROOT}/webinars/{{id}}/registrations/{{id}}/cancel", status=204)
    mockgraph.assert_called("POST", f"{ROOT}/events/{{id}}/setExternalEventInformation",
                            json={"externalEventId": "myExternalEventId"}, status=204)
    mockgraph.assert_called("GET", f"{ROOT}/webinars/{{id}}/sessions/{{id}}/attendanceReports/{{id}}/attendanceRecords",
                            status=200)
    mockgraph.assert_called("GET", f"{ROOT}/townhalls/{{id}}", count=None, status=404)
    mockgraph.assert_called("PATCH", f"{ROOT}/townhalls/{{id}}", status=400)


def test_the_journal_keeps_each_body_as_the_sdk_sent_it(mockgraph):
    """The journal's request body is the SDK's serialized body, not the body completed by the mock's create hooks."""

    async def flow() -> list[tuple[str, bytes]]:
        virtual_events = graph_client(mockgraph.url).solutions.virtual_events
        townhall, webinar = sent_townhall(), sent_webinar()
        await virtual_events.townhalls.post(townhall)
        created = await virtual_events.webinars.post(webinar)
        one = virtual_events.webinars.by_virtual_event_webinar_id(created.id)
        question = await one.registration_configuration.questions.post(VirtualEventRegistrationCustomQuestion(
            display_name="Where from?", answer_input_type=VirtualEventRegistrationQuestionAnswerInputType.Text))
        registration = VirtualEventRegistration(
            preferred_timezone="UTC", preferred_language="en-us",
            registration_question_answers=[VirtualEventRegistrationQuestionAnswer(question_id=question.id,
                                                                                  value="Oslo")])
        await one.registrations.post(registration)
        # The exact bytes the SDK put on the wire for each create.
        return [(f"{ROOT}/townhalls", virtual_events.townhalls.to_post_request_information(townhall).content),
                (f"{ROOT}/webinars", virtual_events.webinars.to_post_request_information(webinar).content),
                (f"{ROOT}/webinars/{{id}}/registrations",
                 one.registrations.to_post_request_information(registration).content)]

    differing = {}
    for path, wire in asyncio.run(flow()):
        entry, = mockgraph.assert_called("POST", path, status=201)
        if entry["json"] != json.loads(wire):
            differing[path] = {"sent": json.loads(wire), "journal": entry["json"]}
    assert differing == {}, "the journal shows bodies the SDK did not send"


def test_created_by_user_is_a_communications_user_identity(mockgraph):
    """createdBy.user carries @odata.type communicationsUserIdentity, as in Graph's get/list examples, so the SDK reads
    its tenantId."""

    async def flow() -> tuple[VirtualEventTownhall, VirtualEventTownhall]:
        townhalls = graph_client(mockgraph.url).solutions.virtual_events.townhalls
        created = await townhalls.post(sent_townhall())
        return created, await townhalls.by_virtual_event_townhall_id(created.id).get()

    created, read = asyncio.run(flow())
    users = {"POST": created.created_by.user, "GET": read.created_by.user}
    kinds = {call: type(user).__name__ for call, user in users.items()}
    assert kinds == {"POST": "CommunicationsUserIdentity", "GET": "CommunicationsUserIdentity"}, \
        "the mock leaves out createdBy.user's @odata.type, so the SDK reads a plain Identity"
    assert all(user.tenant_id for user in users.values()), "the organizer's tenantId reaches the SDK's model"
