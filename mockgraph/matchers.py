"""Assertions on the request journal that explain a miss instead of just failing.

Each matcher answers ``(ok, reason)`` about one journal entry, as responses' matchers do, so
when ``assert_called`` finds the wrong number of requests it can say, for every request the
test did make, which part differed and how.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from mockgraph.contracts import json_path, show_json

Matcher = Callable[[dict], tuple[bool, str]]
_VERSIONS = ("/v1.0/", "/beta/", "/_mockgraph/")
_MISSING = object()
SHOWN = 5


def _show(value: Any) -> str:
    return show_json(value, limit=80)


def normalize_path(path: str) -> str:
    """A journal-style path: URL-decoded, without scheme and host, and under /v1.0 unless it names a version."""
    if "://" in path:
        path = urlsplit(path).path
    path = unquote("/" + path.lstrip("/"))
    return path if path.startswith(_VERSIONS) else "/v1.0" + path


def _path_pattern(path: str | re.Pattern) -> re.Pattern:
    """``{name}`` in a path stands for one segment, as in contracts/operations.json."""
    if isinstance(path, re.Pattern):
        return path
    parts = re.split(r"(\{\w+\})", normalize_path(path))
    return re.compile("".join("[^/]+" if re.fullmatch(r"\{\w+\}", p) else re.escape(p) for p in parts))


def method_is(method: str) -> Matcher:
    wanted = method.upper()

    def match(entry: dict) -> tuple[bool, str]:
        ok = entry["method"] == wanted
        return ok, "" if ok else f"method is {entry['method']}, not {wanted}"

    return match


def path_is(path: str | re.Pattern) -> Matcher:
    """Match the whole path; a relative path is taken under /v1.0, like a client given ``mockgraph.url``."""
    pattern = _path_pattern(path)
    wanted = None if isinstance(path, re.Pattern) else normalize_path(path).split("/")

    def match(entry: dict) -> tuple[bool, str]:
        actual = unquote(entry["path"])
        if pattern.fullmatch(actual):
            return True, ""
        return False, _path_difference(wanted, actual.split("/")) if wanted else "path does not match"

    return match


def _path_difference(wanted: list[str], actual: list[str]) -> str:
    if len(wanted) != len(actual):
        return f"path has {len(actual) - 1} segments, expected {len(wanted) - 1}"
    for want, got in zip(wanted, actual, strict=True):
        if want != got and not re.fullmatch(r"\{\w+\}", want):
            return f"path has '{got}' where '{want}' was expected"
    return "path does not match"


def status_is(status: int) -> Matcher:
    def match(entry: dict) -> tuple[bool, str]:
        ok = entry["status"] == status
        reason = f"answered {entry['status']}, not {status}"
        error = (entry.get("response") or {}).get("error") if isinstance(entry.get("response"), dict) else None
        if not ok and error:
            reason += f" ({error.get('code')}: {error.get('message')})"
        return ok, "" if ok else reason

    return match


def header_is(name: str, value: str) -> Matcher:
    def match(entry: dict) -> tuple[bool, str]:
        got = next((v for k, v in entry["headers"].items() if k.lower() == name.lower()), None)
        ok = got == value
        return ok, "" if ok else f"header {name} is {got!r}, not {value!r}"

    return match


def json_includes(expected: Mapping[str, Any]) -> Matcher:
    """The body holds at least these properties, recursively into objects; lists and values compare whole."""

    def match(entry: dict) -> tuple[bool, str]:
        if "json" not in entry:
            return False, f"body is not a JSON object: {_show(entry.get('text', ''))}"
        difference = _first_difference(expected, entry["json"], [])
        return difference is None, difference or ""

    return match


def _first_difference(expected: Any, actual: Any, where: list) -> str | None:
    if isinstance(expected, Mapping) and isinstance(actual, Mapping):
        for key, value in expected.items():
            got = actual.get(key, _MISSING)
            if got is _MISSING:
                return f"{json_path([*where, key])} is missing (expected {_show(value)})"
            difference = _first_difference(value, got, [*where, key])
            if difference:
                return difference
        return None
    if expected == actual and type(expected) is type(actual):
        return None
    return f"{json_path(where)} is {_show(actual)}, expected {_show(expected)}"


def describe(method: str, path: str | re.Pattern, **filters: Any) -> str:
    shown = path.pattern if isinstance(path, re.Pattern) else normalize_path(path)
    extra = [f"{name}={_show(value)}" for name, value in filters.items() if value is not None]
    return f"{method.upper()} {shown}" + (f" with {', '.join(extra)}" if extra else "")


def build(method: str, path: str | re.Pattern, *, json: Mapping[str, Any] | None = None,
          status: int | None = None, headers: Mapping[str, str] | None = None) -> list[Matcher]:
    matchers = [method_is(method), path_is(path)]
    if json is not None:
        matchers.append(json_includes(json))
    if status is not None:
        matchers.append(status_is(status))
    matchers += [header_is(name, value) for name, value in (headers or {}).items()]
    return matchers


def matching(entries: list[dict], matchers: list[Matcher]) -> list[dict]:
    return [entry for entry in entries if all(m(entry)[0] for m in matchers)]


def explain(entries: list[dict], matchers: list[Matcher], wanted: str, count: int | None, found: int,
            target: str) -> str:
    """Say what was expected, what was found, and how each request the test made differs, closest first."""
    expected = "at least 1" if count is None else str(count)
    noun = "request" if count == 1 else "requests"
    lines = [f"expected {expected} {noun} {wanted}, found {found}."]
    if not entries:
        lines.append("This test made no request to mockgraph.")
        return "\n".join(lines)

    def closeness(entry: dict) -> tuple[int, float]:
        passed = sum(m(entry)[0] for m in matchers)
        return passed, difflib.SequenceMatcher(None, entry["path"], target).ratio()

    ranked = sorted(entries, key=closeness, reverse=True)
    lines.append(f"Requests this test made ({len(entries)}), closest first:")
    for entry in ranked[:SHOWN]:
        reasons = [reason for ok, reason in (m(entry) for m in matchers) if not ok]
        verdict = "; ".join(reasons) if reasons else "matches"
        lines.append(f"  {entry['method']} {entry['path']} -> {entry['status']}: {verdict}")
    if len(entries) > SHOWN:
        lines.append(f"  ... and {len(entries) - SHOWN} more (see .requests)")
    return "\n".join(lines)


class JournalAssertions:
    """``assert_called`` and friends for anything with a ``requests`` journal (the server, the client)."""

    requests: list[dict]

    def calls(self, method: str, path: str | re.Pattern, **filters: Any) -> list[dict]:
        """The journal entries of this test that match: method, path (``{id}`` = one segment), json, status."""
        return matching(self.requests, build(method, path, **filters))

    def assert_called(self, method: str, path: str | re.Pattern, count: int | None = 1, *,
                      json: Mapping[str, Any] | None = None, status: int | None = None,
                      headers: Mapping[str, str] | None = None) -> list[dict]:
        """Assert ``count`` matching requests (``None``: at least one); on a miss, list the near ones and why."""
        entries = self.requests
        matchers = build(method, path, json=json, status=status, headers=headers)
        found = matching(entries, matchers)
        if (len(found) == count) if count is not None else found:
            return found
        wanted = describe(method, path, json=json, status=status, headers=headers)
        target = path.pattern if isinstance(path, re.Pattern) else normalize_path(path)
        __tracebackhide__ = True
        raise AssertionError(explain(entries, matchers, wanted, count, len(found), target))

    def assert_not_called(self, method: str, path: str | re.Pattern, **filters: Any) -> None:
        __tracebackhide__ = True
        self.assert_called(method, path, 0, **filters)
