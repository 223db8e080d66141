"""What the service does for particular types beyond the generic create and update, each rule from the docs.

The table keys are the ``hook`` names in contracts/model.json, so a type's special behaviour is named in
the data and written once here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mockgraph.errors import GraphError

#: predefined question labels and the displayName the service gives them (docs: street -> "Address")
PREDEFINED_LABELS = {"street": "Address", "city": "City", "state": "State or province", "postalCode": "Postal code",
                     "countryOrRegion": "Country or region", "industry": "Industry", "jobTitle": "Job title",
                     "organization": "Organization"}


def _event(call: Any, entity: dict, body: dict, found: list) -> None:
    """Town halls and webinars: co-organizers get their display names; invite-only needs an organization audience."""
    for person in entity.get("coOrganizers") or []:
        if isinstance(person, dict) and person.get("id") and not person.get("displayName"):
            known = call.state.fakes.person(person["id"])
            person["displayName"] = known["displayName"]
            person.setdefault("tenantId", known["tenantId"])
    _check_invite_only(entity)


def _check_invite_only(entity: dict) -> None:
    if entity.get("isInviteOnly") is True and entity.get("audience") not in (None, "organization"):
        raise GraphError(400, "BadRequest", "$.isInviteOnly: a town hall can be invite-only only when its audience "
                                            f"is 'organization' (it is '{entity.get('audience')}').")


def _event_update(call: Any, entity: dict, body: dict) -> None:
    _check_invite_only(entity)


def _presenter(call: Any, entity: dict, body: dict, found: list) -> None:
    """An in-tenant presenter's id is its user's id; a guest gets a new id, echoed into its identity."""
    identity = dict(entity.get("identity") or {})
    kind = (identity.get("@odata.type") or "").lstrip("#")
    if kind == "microsoft.graph.communicationsUserIdentity" or (identity.get("id") and not identity.get("email")):
        person = call.state.fakes.person(identity["id"]) if identity.get("id") else None
        if person is None:
            raise GraphError(400, "BadRequest", "$.identity.id: an in-tenant presenter needs the user's id.")
        entity["id"] = identity["id"]
        identity.setdefault("displayName", person["displayName"])
        identity.setdefault("tenantId", person["tenantId"])
        entity["email"] = entity.get("email") or person["email"]
    else:
        identity["id"] = entity["id"]
        entity["email"] = entity.get("email") or identity.get("email")
    entity["identity"] = identity
    if found and found[0].step.nav == "townhalls" and entity.get("presenterDetails") is not None:
        raise GraphError(400, "BadRequest", "$.presenterDetails: only webinar presenters have presenterDetails.")


def _question(call: Any, entity: dict, body: dict, found: list) -> None:
    if entity.get("@odata.type") == "#microsoft.graph.virtualEventRegistrationPredefinedQuestion":
        entity["displayName"] = PREDEFINED_LABELS.get(entity.get("label"), entity.get("label"))


def _registration(call: Any, entity: dict, body: dict, found: list) -> None:
    """Answers get their questions' names; manual approval and a full capacity change the status, as documented."""
    event = found[0]
    config = call.store.get(f"{event.address}/registrationConfiguration", "$") or {}
    questions = {q["id"]: q for _, q in call.store.page(f"{event.address}/registrationConfiguration/$/questions")}
    for answer in entity.get("registrationQuestionAnswers") or []:
        if isinstance(answer, dict) and answer.get("questionId") in questions:
            answer["displayName"] = questions[answer["questionId"]].get("displayName")
    if config.get("isManualApprovalEnabled"):
        entity["status"] = "pendingApproval"
    capacity = config.get("capacity")
    if isinstance(capacity, int) and call.store.count(found[-1].collection) >= capacity:
        if not config.get("isWaitlistEnabled"):
            raise GraphError(400, "BadRequest", f"The webinar is full: its capacity is {capacity} registrations.")
        entity["status"] = "waitlisted"


ON_CREATE: dict[str, Callable[..., None]] = {
    "event": _event, "presenter": _presenter, "question": _question, "registration": _registration,
}
ON_UPDATE: dict[str, Callable[..., None]] = {"event": _event_update}


def _event_session(call: Any, event: dict) -> dict:
    """The one session Graph creates with a town hall or webinar: its subject and times are the event's."""
    return {"@odata.type": "#microsoft.graph.virtualEventSession", "subject": event.get("displayName"),
            "startDateTime": event.get("startDateTime"), "endDateTime": event.get("endDateTime")}


def _configuration(kind: str) -> Callable[[Any, dict], dict]:
    def make(call: Any, event: dict) -> dict:
        return {"@odata.type": f"#microsoft.graph.{kind}",
                "registrationWebUrl": f"https://events.teams.microsoft.com/event/{event['id']}"}
    return make


CHILDREN: dict[str, Callable[[Any, dict], dict]] = {
    "event_session": _event_session,
    "townhall_registration_configuration": _configuration("virtualEventTownhallRegistrationConfiguration"),
    "webinar_registration_configuration": _configuration("virtualEventWebinarRegistrationConfiguration"),
}


def apply_action(call: Any, spec: dict, entity: dict, body: dict, key: str) -> dict:
    """An action's change of state, from its entry in model.json; a transition the data forbids changes nothing."""
    if "from" in spec and entity.get("status") not in spec["from"]:
        raise GraphError(400, "BadRequest", spec["refuse"].format(key=key, status=entity.get("status")))
    if "body" in spec:
        _check_parameters(spec["body"], body, call.op.tail)
    for prop, value in spec.get("set", {}).items():
        entity[prop] = _value(call, value, body)
    for prop, template in spec.get("append", {}).items():
        item = {k: _value(call, v, body) for k, v in template.items()}
        entity[prop] = [*(entity.get(prop) or []), item]
    return entity


def _check_parameters(schema: dict, body: dict, action: str) -> None:
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(body), key=lambda e: list(e.path))
    if errors:
        where = "$" + "".join(f".{p}" for p in errors[0].path)
        raise GraphError(400, "BadRequest", f"Invalid parameters for {action}. {where}: {errors[0].message}.")


def _value(call: Any, value: Any, body: dict) -> Any:
    if value == "$now":
        return call.now
    if value == "$applicationId":
        from mockgraph import auth

        return auth.caller().app_id or call.state.application_id
    if isinstance(value, str) and value.startswith("$body."):
        return body.get(value.removeprefix("$body."))
    return value


def has_role(event: dict, user_id: str, role: str) -> bool:
    """getByUserRole: the organizer is the event's creator; co-organizers are listed on it."""
    if role == "organizer":
        return ((event.get("createdBy") or {}).get("user") or {}).get("id") == user_id
    return any(isinstance(p, dict) and p.get("id") == user_id for p in event.get("coOrganizers") or [])
