"""Settings for one mock: passed to ``create_app`` and never read from globals."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

#: Where mockgraph's own endpoints live, apart from any Graph path (health, reset, journal, states, pacts).
CONTROL_PREFIX = "/_mockgraph/"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """What a user may tune; the defaults are what Graph would do or a safe bound."""

    seed: int = 0
    #: onlineMeetingBase is an OData open type, so Graph stores unknown properties; by default
    #: mockgraph rejects them instead, because in a test a typo should fail loudly.
    accept_unknown_properties: bool = False
    max_body_bytes: int = 4 * MIB
    max_json_depth: int = 64
    journal_size: int = 1000
    #: 401 for a missing, empty or non-Bearer token; the token's contents are never checked.
    require_auth: bool = True
    #: Read the bearer token as a JWT (signature unchecked): 401 when it is not one, expired, not yet valid or not
    #: for Graph; 403 unless its scp or roles hold a permission the operation accepts (contracts/permissions.json).
    check_permissions: bool = False
    #: The /_mockgraph/ endpoints (health, reset, request journal, provider states).
    control: bool = True
    #: When set, the /_mockgraph/ endpoints answer only requests carrying it in X-MockGraph-Token.
    control_token: str | None = field(default=None, repr=False)
    #: Where state lives, as a URL: ``memory:`` (this process; the default, and the fastest), ``sqlite:///path``
    #: (the workers of one host, kept across restarts), ``redis://host:port/db?namespace=NAME`` (several hosts).
    store: str | None = None
    #: The older spelling of a SQLite store: a file path; ``store`` wins when both are set.
    store_path: str | None = None
    #: A JSON file of entities to preload ({"townhalls": [{...}], ...}), checked against the contracts; a reset
    #: (the fixture's, or POST /_mockgraph/reset) loads it again.
    data: str | None = None
    #: When false (the default), sessions may be created in any well-formed event id, created or not, and what is
    #: created there is readable; when true, every parent must exist, as in Graph.
    strict_parents: bool = False
    #: Times the service sets (registrationDateTime, cancelationDateTime): this ISO 8601 instant, or the wall clock.
    clock: str | None = None
    #: Entities kept at most, all collections together; a create past it answers 507 quotaLimitReached.
    max_entities: int = 100_000
    #: Entities in one page of a list (a client's $top chooses another, up to 999); past it, @odata.nextLink.
    page_size: int = 100
    #: Re-raise unexpected exceptions (the pytest fixture turns them into test failures).
    propagate_exceptions: bool = False
    #: "N/S" (like "10/1"): past N Graph requests in a window of S seconds, 429 TooManyRequests with Retry-After
    #: until the window ends (the requests inside a $batch count one each). None: no limit.
    rate_limit: str | None = None

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> Settings:
        """Build settings from a plain mapping, refusing names that are not settings."""
        values = dict(values or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise TypeError(f"unknown mockgraph setting(s): {', '.join(unknown)}")
        return cls(**values)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read ``MOCKGRAPH_*`` variables; only the CLI and the pytest plugin call this."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(f"MOCKGRAPH_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _coerce(f, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.from_mapping(values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @property
    def store_url(self) -> str | None:
        """The store to open: ``store``, else the ``store_path`` alias (a bare path is SQLite), else None (memory)."""
        return self.store or self.store_path


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant (the ``clock`` setting: ``Z``, an offset, or none for UTC), aware; ValueError if not one."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def parse_bool(raw: str) -> bool:
    """Read a boolean the way environment variables and ini files spell them."""
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{raw!r} is not a boolean (use true or false)")


def parse_int(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not an integer") from None


def _coerce(field: dataclasses.Field, raw: str) -> Any:
    parse = {"bool": parse_bool, "int": parse_int}.get(str(field.type))
    if parse is None:
        return raw
    try:
        return parse(raw)
    except ValueError as exc:
        raise ValueError(f"MOCKGRAPH_{field.name.upper()}: {exc}") from None
