"""$filter: the subset mockgraph evaluates, and the 400s it answers in Graph's words."""

import pytest

from mockgraph.errors import GraphError
from mockgraph.odata.filter import MAX_DEPTH, compile_filter

FIELDS = {"id": "string", "subject": "string", "capacity": "int", "isActive": "bool", "startsAt": "datetimeoffset",
          "status": "enum", "startDateTime": "complex", "createdBy": "complex", "tags": "collection"}
TYPE = "virtualEventSession"
ENTITIES = [
    {"id": "a", "subject": "Alpha launch", "capacity": 10, "isActive": True, "startsAt": "2024-03-30T10:00:00Z",
     "status": "draft", "startDateTime": {"dateTime": "2024-03-30T10:00:00", "timeZone": "UTC"},
     "createdBy": {"user": {"id": "a1b2c3d4-0000-0000-0000-00000000000f"}}, "tags": ["x"]},
    {"id": "b", "subject": "Beta's review", "capacity": 25, "isActive": False,
     "startsAt": "2024-03-30T12:30:00+02:00", "status": "published",
     "startDateTime": {"dateTime": "2024-04-01T09:00:00", "timeZone": "UTC"}},
    {"id": "c", "subject": "gamma", "capacity": None, "isActive": None, "startsAt": "2024-03-31T00:00:00.1234567Z",
     "status": "canceled"},
    {"id": "d"},  # every property missing
    {"id": "e", "subject": 42, "capacity": "lots", "isActive": "yes", "startsAt": "not a date", "status": "draft"},
]


def ids(text: str) -> list[str]:
    predicate = compile_filter(text, FIELDS, type_name=TYPE)
    return [entity["id"] for entity in ENTITIES if predicate(entity)]


@pytest.mark.parametrize(("text", "expected"), [
    ("subject eq 'Alpha launch'", ["a"]),
    ("subject eq 'Beta''s review'", ["b"]),
    ("subject ne 'gamma'", ["a", "b", "d", "e"]),
    ("subject gt 'B'", ["b", "c"]),
    ("capacity gt 10", ["b"]),
    ("capacity ge 10", ["a", "b"]),
    ("capacity lt 25", ["a"]),
    ("capacity le 25", ["a", "b"]),
    ("capacity eq 10.0", ["a"]),
    ("capacity gt -1", ["a", "b"]),
    ("capacity eq null", ["c", "d"]),
    ("capacity ne null", ["a", "b", "e"]),
    ("capacity gt null", []),
    ("null eq capacity", ["c", "d"]),
    ("isActive", ["a"]),
    ("isActive eq true", ["a"]),
    ("isActive eq false", ["b"]),
    ("isActive ne true", ["b", "c", "d", "e"]),
    ("not isActive", ["b"]),
    ("not not isActive", ["a"]),
    ("not isActive eq true", ["b"]),  # (not isActive) eq true, as OData binds not
    ("startsAt gt 2024-03-30T10:00:00Z", ["b", "c"]),
    ("startsAt eq 2024-03-30T12:00:00+02:00", ["a"]),
    ("startsAt lt 2024-03-30T10:30:00.5Z", ["a", "b"]),
    ("startsAt ge 2024-03-31T00:00:00.1z", ["c"]),
    ("status eq 'draft'", ["a", "e"]),
    ("status ne 'draft'", ["b", "c", "d"]),
    ("status eq microsoft.graph.virtualEventStatus'published'", ["b"]),
    ("status in ('draft', 'canceled')", ["a", "c", "e"]),
    ("id in ('a')", ["a"]),
    ("capacity in (10, null)", ["a", "c", "d"]),
    ("startDateTime/dateTime eq '2024-03-30T10:00:00'", ["a"]),
    ("startDateTime/dateTime ge '2024-04-01'", ["b"]),
    ("startDateTime/timeZone eq 'UTC'", ["a", "b"]),
    ("startdatetime/DATETIME eq '2024-04-01T09:00:00'", ["b"]),
    ("startDateTime/dateTime eq 2024-04-01T09:00:00Z", ["b"]),
    ("startDateTime/dateTime gt 3", []),
    ("createdBy/user/id eq 'a1b2c3d4-0000-0000-0000-00000000000f'", ["a"]),
    ("createdBy/user/id eq A1B2C3D4-0000-0000-0000-00000000000F", ["a"]),
    ("createdBy/user/missing eq null", ["a", "b", "c", "d", "e"]),
    ("ID eq 'c'", ["c"]),
    ("startswith(subject, 'Al')", ["a"]),
    ("endswith(subject,'review')", ["b"]),
    ("contains(subject, 'amm')", ["c"]),
    ("startswith(tolower(subject), 'alpha')", ["a"]),
    ("toupper(subject) eq 'GAMMA'", ["c"]),
    ("startswith(subject, 'A') eq false", ["b", "c"]),
    ("not startswith(subject, 'A')", ["b", "c"]),
    ("subject eq 'gamma' or capacity eq 10 and isActive eq false", ["c"]),  # and before or
    ("(subject eq 'gamma' or capacity eq 10) and isActive eq true", ["a"]),
    ("capacity gt 5 and capacity lt 20 and isActive", ["a"]),
    ("capacity eq 10 or capacity eq 25 or capacity eq null", ["a", "b", "c", "d"]),
    ("not (capacity gt 10)", ["a", "c", "d", "e"]),
    ("isActive or capacity eq 25", ["a", "b"]),
    ("not (isActive and subject ne 'x')", ["b"]),  # null and true stays null under not: c, d and e stay out
    ("not (isActive and capacity eq 10)", ["b", "c", "d", "e"]),  # null and false is false
    ("true", ["a", "b", "c", "d", "e"]),
    ("false", []),
    ("null eq null", ["a", "b", "c", "d", "e"]),
    ("  subject   eq\t'gamma'  ", ["c"]),
    ("(" * MAX_DEPTH + "isActive" + ")" * MAX_DEPTH, ["a"]),
    ("not " * MAX_DEPTH + "isActive", ["a"]),
])
def test_filter_selects(text, expected):
    """Each operator, literal and path picks the expected entities, and missing or odd values never raise."""
    assert ids(text) == expected


@pytest.mark.parametrize(("text", "fragment"), [
    ("nosuch eq 1", "Could not find a property named 'nosuch' on type 'microsoft.graph.virtualEventSession'."),
    ("startswith(nosuch, 'a')", "property named 'nosuch'"),
    ("subject/length eq 1", "'subject' is Edm.String"),
    ("isActive gt 'x'", "Found operand types 'Edm.Boolean' and 'Edm.String' for operator kind 'GreaterThan'"),
    ("capacity eq 'ten'", "'Edm.Int32' and 'Edm.String' for operator kind 'Equal'"),
    ("startsAt eq '2024-03-30T10:00:00Z'", "'Edm.DateTimeOffset' and 'Edm.String'"),
    ("subject eq true", "'Edm.String' and 'Edm.Boolean'"),
    ("status in ('draft', 3)", "operator kind 'In'"),
    ("status gt 'draft'", "enum values only with eq, ne and in"),
    ("tags eq 'x'", "'tags' is a collection"),
    ("startDateTime eq null", "is not a single value"),
    ("subject", "must evaluate to a single boolean value; 'subject' is Edm.String"),
    ("capacity and isActive", "operator kind 'And' ('capacity' is not a condition)"),
    ("not subject eq 'x'", "operator kind 'Not'"),
    ("startswith(subject)", "No function signature for the function with name 'startswith'"),
    ("startswith(capacity, 'a')", "No function signature for the function with name 'startswith'"),
    ("startsWith(subject, 'a')", "An unknown function with name 'startsWith' was found"),
    ("foo(subject)", "unknown function with name 'foo'"),
    ("", "syntax error at position 0 in '': expected a value, found the end"),
    ("subject eq", "syntax error at position 10 in 'subject eq': expected a value"),
    ("subject eq 'open", "syntax error at position 11 in 'subject eq 'open': the string literal"),
    ("subject EQ 'x'", "found 'EQ' (OData keywords are lowercase)"),
    ("subject eq 'x' AND isActive", "found 'AND' (OData keywords are lowercase)"),
    ("subject eq 'x' eq 'y'", "found 'eq'"),
    ("(subject eq 'x'", "expected ')', found the end"),
    ("subject eq 'x')", "found ')'"),
    ("subject # 'x'", "character '#' is not valid"),
    ("subject in ()", "expected a value, found ')'"),
    ("subject in ('a', subject)", "expected a value, found 'subject'"),
    ("subject in 'a'", "expected '(', found ''a''"),
    ("and", "found the keyword 'and'"),
    ("startsAt gt 2024-13-01T00:00:00Z", "'2024-13-01T00:00:00Z' is not a valid Edm.DateTimeOffset"),
    ("subject eq " + "'x'" * 700, "it is 2111 characters long; mockgraph accepts at most 2000"),
    ("(" * (MAX_DEPTH + 1) + "isActive" + ")" * (MAX_DEPTH + 1), "nests deeper than 50 levels"),
    ("not " * 400 + "isActive", "nests deeper than 50 levels"),
    ("startswith(" * 60 + "subject" + ",'a')" * 60, "nests deeper than 50 levels"),
])
def test_bad_filter_is_a_400(text, fragment):
    """A bad $filter is a 400 BadRequest whose message names the property, operator or position at fault."""
    with pytest.raises(GraphError) as caught:
        compile_filter(text, FIELDS, type_name=TYPE)
    assert (caught.value.status, caught.value.code) == (400, "BadRequest")
    assert fragment in caught.value.message
    syntax = not caught.value.message.startswith(("Could not find", "The parent value"))
    assert caught.value.message.startswith("Invalid filter clause") == syntax


def test_declared_nested_path_is_typed():
    """A nested path declared in the fields gets its declared kind, so a mistyped literal is refused up front."""
    fields = {**FIELDS, "startDateTime/dateTime": "string"}
    predicate = compile_filter("StartDateTime/DateTime eq '2024-03-30T10:00:00'", fields, type_name=TYPE)
    assert [e["id"] for e in ENTITIES if predicate(e)] == ["a"]
    with pytest.raises(GraphError, match=r"'Edm\.String' and 'Edm\.Int32'"):
        compile_filter("startDateTime/dateTime eq 3", fields, type_name=TYPE)


def test_qualified_type_name_is_kept():
    """A type name that is already qualified is named as given."""
    with pytest.raises(GraphError, match=r"on type 'microsoft\.graph\.virtualEventTownhall'\."):
        compile_filter("nosuch eq 1", FIELDS, type_name="microsoft.graph.virtualEventTownhall")
