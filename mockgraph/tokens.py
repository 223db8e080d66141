"""Make and read access tokens shaped like the ones Microsoft Entra issues for Microsoft Graph.

mockgraph never checks a signature, so the tokens it makes are signed HS256 with a fixed key that is published here
(``DUMMY_KEY``): a JWS of three parts, as Graph's front end expects, that any JWT library or jwt.ms decodes, and
that is worth nothing anywhere else. ``read`` decodes any JWS without verifying it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterable
from typing import Any

from mockgraph.config import parse_instant

#: Microsoft Graph, as a v1 token's ``aud`` names it and as a v2 token does (its application id).
GRAPH_AUDIENCES = ("https://graph.microsoft.com", "https://graph.microsoft.com/",
                   "00000003-0000-0000-c000-000000000000")
#: The key mockgraph's tokens are signed with: public on purpose, so nobody mistakes them for real ones.
DUMMY_KEY = b"mockgraph-dummy-key-not-a-secret"
#: Who a token says it is when the caller does not say (the tenant and application are made up, stable).
DEFAULT_TENANT = "11111111-1111-4111-8111-111111111111"
DEFAULT_APP = "22222222-2222-4222-8222-222222222222"


class NotAJwt(ValueError):
    """The bearer token is not a JWS whose header and payload decode to JSON objects; ``message`` says which part."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _json64(value: dict) -> str:
    return _b64(json.dumps(value, separators=(",", ":")).encode())


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def epoch(instant: str | float | int | None) -> int:
    """Seconds since 1970 for an ISO 8601 instant (``state.now()``, the ``clock`` setting), a number, or now."""
    if instant is None:
        return int(time.time())
    if isinstance(instant, (int, float)):
        return int(instant)
    return int(parse_instant(instant).timestamp())


def _names(values: Iterable[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [name for value in values for name in value.replace(",", " ").split()]


def make_token(scopes: Iterable[str] | str | None = None, roles: Iterable[str] | str | None = None, *,
               user: str | None = None, tenant: str | None = None, app_id: str | None = None,
               expires_in: int = 3600, not_before: int = 0, now: str | float | int | None = None,
               audience: str = GRAPH_AUDIENCES[0], claims: dict[str, Any] | None = None) -> str:
    """An access token for Graph: delegated when it has ``scopes`` (the ``scp`` claim), application when it has only
    ``roles``; ``user`` is the signed-in user's object id (``oid``).

    ``now`` is the instant it is issued at; pass the mock's clock (``state.now()``) when a test pins the ``clock``
    setting, or the token is not yet valid or already expired there. ``expires_in`` and ``not_before`` are seconds
    from ``now`` (negative for a token that expired already); ``claims`` adds or replaces claims.
    """
    scopes, roles = _names(scopes), _names(roles)
    if scopes and roles:
        raise ValueError("a token is delegated (scopes, the scp claim) or application (roles), not both")
    if roles and user:
        raise ValueError("an application token (roles) acts as no user; leave out the user (oid)")
    issued = epoch(now)
    tenant = tenant or DEFAULT_TENANT
    payload: dict[str, Any] = {
        "aud": audience, "iss": f"https://sts.windows.net/{tenant}/", "iat": issued, "nbf": issued + not_before,
        "exp": issued + expires_in, "tid": tenant, "appid": app_id or DEFAULT_APP, "ver": "1.0",
    }
    if roles:
        payload.update(idtyp="app", roles=roles, oid=app_id or DEFAULT_APP)
    else:
        payload.update(idtyp="user", scp=" ".join(scopes))
        if user:
            payload["oid"] = user
    payload.update(claims or {})
    header = {"typ": "JWT", "alg": "HS256"}
    signing_input = f"{_json64(header)}.{_json64(payload)}"
    signature = hmac.new(DUMMY_KEY, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


_PII = "[PII of type 'Microsoft.IdentityModel.Logging.SecurityArtifact' is hidden. For more details, see " \
       "https://aka.ms/IdentityModel/PII.]"
#: What Graph's token validation (Microsoft.IdentityModel) says of a token that is not a JWS.
NO_DOTS = ("IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact "
           "Serialization Format. (JWS): 'EncodedHeader.EncodedPayload.EncodedSignature'. (JWE): "
           "'EncodedProtectedHeader.EncodedEncryptedKey.EncodedInitializationVector.EncodedCiphertext."
           "EncodedAuthenticationTag'.")


def read(token: str) -> dict[str, Any]:
    """The payload (claims) of a JWS, signature unchecked; ``NotAJwt`` with IdentityModel's message otherwise."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise NotAJwt(NO_DOTS)
    _decode(parts[0], "IDX14102", "header")
    return _decode(parts[1], "IDX14101", "payload")


def _decode(part: str, code: str, name: str) -> dict[str, Any]:
    try:
        value = json.loads(_unb64(part))
    except ValueError:  # bad base64, bad UTF-8 and bad JSON are all ValueErrors
        value = None
    if not isinstance(value, dict):
        raise NotAJwt(f"{code}: Unable to decode the {name} '{_PII}' as Base64Url encoded string.")
    return value
