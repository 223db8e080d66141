"""Who is calling, and may they: the bearer token read as Graph reads it, and each operation's permissions.

By default mockgraph only asks for a Bearer token (``require_auth``); a token that is a JWT still says who calls
(``oid``) and how (delegated ``scp`` or application ``roles``), and anything else is a delegated call by the mock's
signed-in user. With ``check_permissions`` the token must be a JWT for Graph that is valid at the mock's clock
(401 otherwise) and must hold a permission the operation accepts (403 otherwise), from contracts/permissions.json.
Signatures are never checked.

The 401 and 403 codes and messages are the ones Graph answers (see ``MESSAGES``); the role rule (only the organizer
publishes or cancels) has no documented error, so its 403 wording is mockgraph's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple
from urllib.parse import quote

from flask import current_app, g, has_request_context, request

from mockgraph import tokens
from mockgraph.config import CONTROL_PREFIX
from mockgraph.contracts import data_path, read_json
from mockgraph.errors import GraphError

#: Graph's WWW-Authenticate on every 401.
CHALLENGE = ('Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", '
             'client_id="00000003-0000-0000-c000-000000000000"')
#: Graph's words (observed in its replies, quoted in public issue threads; see the README of this feature).
MESSAGES = {
    "lifetime": "Access token has expired or is not yet valid.",
    "audience": "Access token validation failure. Invalid audience.",
    "invalid": "Access token validation failure.",
    "scopes": "Missing scope permissions on the request. API requires one of '{accepted}'. Scopes on the request "
              "'{held}'",
    "roles": "Missing role permissions on the request. API requires one of '{accepted}'. Roles on the request "
             "'{held}'.",
}


@dataclass(frozen=True)
class Caller:
    """Who a request acts as: a user through an app (delegated), or an app alone (application)."""

    kind: str = "delegated"                 # "delegated" | "application"
    user_id: str | None = None              # the token's oid for a delegated call; None: the mock's signed-in user
    scopes: tuple[str, ...] = ()            # scp, split on spaces
    roles: tuple[str, ...] = ()             # roles
    app_id: str | None = None               # appid (v1 tokens) or azp (v2)
    tenant_id: str | None = None            # tid
    claims: Mapping[str, Any] | None = field(default=None, repr=False)  # None: the token is not a JWT

    @property
    def is_application(self) -> bool:
        return self.kind == "application"


SIGNED_IN = Caller()


def from_claims(claims: Mapping[str, Any]) -> Caller:
    """A caller from a token's claims: application when ``idtyp`` is "app" or it has roles and no scp."""
    scopes = tuple(str(claims.get("scp") or "").split())
    raw_roles = claims.get("roles") or []
    roles = tuple(str(r) for r in (raw_roles if isinstance(raw_roles, list) else [raw_roles]))
    application = claims.get("idtyp") == "app" or (bool(roles) and not scopes)
    oid = claims.get("oid")
    return Caller(kind="application" if application else "delegated",
                  user_id=str(oid) if oid and not application else None, scopes=scopes, roles=roles,
                  app_id=_text(claims.get("appid") or claims.get("azp")), tenant_id=_text(claims.get("tid")),
                  claims=dict(claims))


def _text(value: Any) -> str | None:
    return str(value) if value else None


def caller() -> Caller:
    """The caller of the request being served (set by ``authenticate``); the signed-in user outside a request."""
    if not has_request_context():
        return SIGNED_IN
    return g.get("mockgraph_caller") or SIGNED_IN


def acting_user(state: Any) -> dict[str, str]:
    """The user a delegated call acts as, to stand as organizer of what it creates and as "me" in getByUserRole.

    The token's ``oid`` when it names one (names made up from it, stable per seed), else the mock's signed-in user;
    always of the mock's tenant, so that event ids and the organizer's tenant agree.
    """
    signed_in = state.fakes.signed_in
    who = caller()
    if who.is_application or not who.user_id:
        return signed_in
    person = state.fakes.person(who.user_id)
    return {**person, "id": who.user_id, "tenantId": signed_in["tenantId"]}


def token_for(state: Any, scopes: Any = None, roles: Any = None, **kwargs: Any) -> str:
    """``tokens.make_token`` issued at the mock's clock (``state.now()``), so a pinned ``clock`` setting accepts it.

    The pytest fixture's ``token(...)`` helper: ``token_for(app.extensions["mockgraph"], ["VirtualEvent.ReadWrite"])``.
    """
    kwargs.setdefault("now", state.now())
    return tokens.make_token(scopes, roles, **kwargs)


# -- permissions -----------------------------------------------------------------------------------------------

class Rule(NamedTuple):
    """What one operation accepts (least privileged first; empty: that kind of call is not supported)."""

    delegated: tuple[str, ...]
    application: tuple[str, ...]
    status: Mapping[str, int]  # the success status per kind, where it differs
    fallback: bool = False


@cache
def rules() -> dict[tuple[str, str], Rule]:
    """contracts/permissions.json by (method, path template), as ``model.Operation`` names operations."""
    data = read_json(data_path("contracts") / "permissions.json")
    return {(e["method"], e["path"]): Rule(tuple(e["delegated"]), tuple(e["application"]), e.get("status") or {},
                                           e.get("fallback", False))
            for e in data["operations"]}


def rule_for(op: Any) -> Rule | None:
    return rules().get((op.method, op.path))


def check_permission(op: Any, who: Caller) -> None:
    """403 ``Forbidden`` unless the caller holds one of the permissions the operation accepts for its kind of call."""
    rule = rule_for(op)
    if rule is None:
        return
    if who.is_application:
        accepted, held, template = rule.application, who.roles, MESSAGES["roles"]
    else:
        accepted, held, template = rule.delegated, who.scopes, MESSAGES["scopes"]
    if {name.casefold() for name in accepted} & {name.casefold() for name in held}:
        return
    message = template.format(accepted=", ".join(accepted), held=", ".join(held))
    if not accepted:
        other = "delegated" if who.is_application else "application"
        names = rule.delegated if who.is_application else rule.application
        article = "an" if other == "application" else "a"
        message = message.replace("API requires one of ''", f"This API does not support {who.kind} permissions"
                                  + (f"; call it with {article} {other} token holding one of '{', '.join(names)}'"
                                     if names else ""))
    raise GraphError(403, "Forbidden", message)


def created_status(op: Any, default: int = 201) -> int:
    """The success status of a create for this caller: a webinar registration made by an application is 204."""
    rule = rule_for(op)
    return int((rule.status if rule else {}).get(caller().kind, default))


def check_role(call: Any, event: Mapping[str, Any], action: str) -> None:
    """The docs' role rule: only the organizer publishes or cancels; the organizer and co-organizers update.

    Applies only with ``check_permissions`` and a delegated token naming its user (``oid``): without one mockgraph
    cannot tell who calls. ``action`` is "publish", "cancel" or "update".
    """
    who = caller()
    if not call.state.settings.check_permissions or who.is_application or not who.user_id:
        return
    organizer = ((event.get("createdBy") or {}).get("user") or {}).get("id")
    allowed = {organizer}
    if action == "update":
        allowed |= {p.get("id") for p in event.get("coOrganizers") or [] if isinstance(p, dict)}
    if who.user_id in allowed:
        return
    whom = "the organizer or a co-organizer" if action == "update" else "the organizer"
    raise GraphError(403, "Forbidden", f"Only {whom} of the virtual event '{event.get('id')}' can {action} it; "
                                       f"the signed-in user '{who.user_id}' is neither.")


# -- the request hook ------------------------------------------------------------------------------------------

def _challenge(message: str) -> GraphError:
    return GraphError(401, "InvalidAuthenticationToken", message, {"WWW-Authenticate": CHALLENGE})


def bearer_token(require: bool) -> str | None:
    """The request's bearer token; with ``require``, Graph's 401 for a missing, empty or non-Bearer one."""
    header = request.environ.get("HTTP_AUTHORIZATION", "").strip()
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() == "bearer" and token:
        return token
    if not require:
        return None
    if not header or scheme.lower() == "bearer":
        raise _challenge("Access token is empty.")
    raise _challenge("Access token validation failure: the Authorization header must be 'Bearer {token}'.")


def validate(claims: Mapping[str, Any], now: int) -> None:
    """Graph's 401 for a token that is not valid at ``now`` (epoch seconds) or is not for Graph. No clock skew."""
    try:
        expires = None if claims.get("exp") is None else float(claims["exp"])
        starts = None if claims.get("nbf") is None else float(claims["nbf"])
    except (TypeError, ValueError):
        raise _challenge(MESSAGES["invalid"]) from None
    if (expires is not None and now >= expires) or (starts is not None and now < starts):
        raise _challenge(MESSAGES["lifetime"])
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if not any(a in tokens.GRAPH_AUDIENCES for a in audiences):
        raise _challenge(MESSAGES["audience"])


def _operation(state: Any) -> Any:
    """The operation the request names, or None where routing will answer an error of its own."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or quote(request.path)
    try:
        return state.router.resolve(request.method, raw).operation
    except GraphError:
        return None


def authenticate() -> None:
    """Graph checks the token before anything else: 401 for a bad one, then (with permission checks) 403."""
    if request.path.startswith(CONTROL_PREFIX):
        return
    state = current_app.extensions["mockgraph"]
    settings = state.settings
    token = bearer_token(settings.require_auth)
    claims = None
    if token is not None:
        try:
            claims = tokens.read(token)
        except tokens.NotAJwt as exc:
            if settings.check_permissions:
                raise _challenge(exc.message) from None
    g.mockgraph_caller = from_claims(claims) if claims is not None else SIGNED_IN
    if not settings.check_permissions or claims is None:
        return
    validate(claims, tokens.epoch(state.now()))
    op = _operation(state)
    if op is not None:
        check_permission(op, g.mockgraph_caller)
