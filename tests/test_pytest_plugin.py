"""The pytest plugin as a user meets it: fixtures in a user's test files, run by pytester."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import textwrap

import pytest

pytest_plugins = ["pytester"]

# What a user's test file starts with: the standard library only, so the test shows the fixture is enough.
USER_HEADER = '''
import json, urllib.error, urllib.request
import pytest

BODY = {"subject": "Town hall",
        "startDateTime": {"dateTime": "2024-03-30T10:00:00", "timeZone": "UTC"},
        "endDateTime": {"dateTime": "2024-03-30T11:00:00", "timeZone": "UTC"}}

def create(url, body=BODY, event="event-1"):
    request = urllib.request.Request(
        f"{url}/solutions/virtualEvents/events/{event}/sessions", json.dumps(body).encode(),
        {"Authorization": "Bearer token", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)
'''


@pytest.fixture(autouse=True)
def _no_mockgraph_env(monkeypatch):
    """The runs below must not pick up MOCKGRAPH_* settings from the environment of this suite."""
    import os

    for name in [n for n in os.environ if n.startswith("MOCKGRAPH_")]:
        monkeypatch.delenv(name)


def user_file(pytester: pytest.Pytester, body: str, name: str = "test_user") -> None:
    pytester.makepyfile(**{name: USER_HEADER + textwrap.dedent(body)})


def test_a_users_file_passes_with_nothing_but_the_install(pytester):
    """In a fresh process, with no conftest, the entry point provides a working mockgraph fixture."""
    user_file(pytester, '''
        def test_create(mockgraph):
            assert mockgraph.url.endswith("/v1.0")
            status, session = create(mockgraph.url)
            assert status == 201 and session["subject"] == "Town hall"
            mockgraph.assert_called("POST", "/solutions/virtualEvents/events/{id}/sessions",
                                    json={"subject": "Town hall"}, status=201)
            [entry] = mockgraph.requests
            assert entry["json"] == BODY and entry["response"] == session

        def test_unknown_property_is_refused_by_default(mockgraph):
            status, reply = create(mockgraph.url, {**BODY, "subjekt": "typo"})
            assert status == 400 and "$.subjekt" in reply["error"]["message"]
    ''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_state_does_not_leak_between_tests(pytester):
    """Each test starts with an empty journal, the first id again and no declared states."""
    user_file(pytester, '''
        seen = {}

        def test_one(mockgraph):
            seen["port"] = mockgraph.port
            seen["first"] = create(mockgraph.url)[1]["id"]
            create(mockgraph.url)
            mockgraph.state.store.set_event_absent("gone", True)
            assert create(mockgraph.url, event="gone")[0] == 404
            assert len(mockgraph.requests) == 3

        def test_two(mockgraph):
            assert mockgraph.port == seen["port"]  # the same session server ...
            assert mockgraph.requests == []        # ... reset before this test
            assert create(mockgraph.url)[1]["id"] == seen["first"]
            assert create(mockgraph.url, event="gone")[0] == 201
            mockgraph.reset()
            assert mockgraph.requests == []
    ''')
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


SEED_FILE = '''
    def test_ids(mockgraph):
        ids = [create(mockgraph.url)[1]["id"] for _ in range(3)]
        print("IDS=" + ",".join(ids))
'''


def ids_of(result: pytest.RunResult) -> list[str]:
    result.assert_outcomes(passed=1)
    return re.search(r"IDS=(\S+)", result.stdout.str()).group(1).split(",")


def test_a_seed_gives_the_same_ids_in_two_runs(pytester):
    """Two processes given one seed make identical ids; another seed makes others."""
    user_file(pytester, SEED_FILE)
    first = ids_of(pytester.runpytest_subprocess("-s", "-p", "no:cacheprovider", "--mockgraph-seed", "5"))
    second = ids_of(pytester.runpytest_subprocess("-s", "-p", "no:cacheprovider", "--mockgraph-seed=5"))
    other = ids_of(pytester.runpytest("-s", "--mockgraph-seed", "6"))
    assert first == second
    assert len(set(first)) == 3
    assert not set(first) & set(other)


def test_seed_from_env_ini_conftest_and_marker_agree(pytester, monkeypatch):
    """MOCKGRAPH_SEED, the ini option, a conftest override and the marker all reach the generator."""
    user_file(pytester, SEED_FILE)
    reference = ids_of(pytester.runpytest("-s", "--mockgraph-seed", "9"))
    assert ids_of(pytester.runpytest("-s")) != reference

    monkeypatch.setenv("MOCKGRAPH_SEED", "9")
    assert ids_of(pytester.runpytest("-s")) == reference
    assert ids_of(pytester.runpytest("-s", "--mockgraph-seed", "1")) != reference  # the command line wins
    monkeypatch.delenv("MOCKGRAPH_SEED")

    ini = pytester.makeini("[pytest]\nmockgraph_seed = 9\n")
    assert ids_of(pytester.runpytest("-s")) == reference
    monkeypatch.setenv("MOCKGRAPH_SEED", "1")
    assert ids_of(pytester.runpytest("-s")) != reference  # the environment beats the ini file
    monkeypatch.delenv("MOCKGRAPH_SEED")
    ini.unlink()

    pytester.makeconftest('''
        import pytest

        @pytest.fixture(scope="session")
        def mockgraph_seed():
            return 9
    ''')
    assert ids_of(pytester.runpytest("-s")) == reference
    (pytester.path / "conftest.py").unlink()

    user_file(pytester, '''
        @pytest.mark.mockgraph(seed=9)
        def test_ids(mockgraph):
            ids = [create(mockgraph.url)[1]["id"] for _ in range(3)]
            print("IDS=" + ",".join(ids))
    ''')
    assert ids_of(pytester.runpytest("-s", "--strict-markers")) == reference


def test_strictness_can_be_relaxed_from_a_conftest_or_the_command_line(pytester):
    """accept_unknown_properties turns the default 400 for an undeclared property into an echo."""
    user_file(pytester, '''
        def test_open_type(mockgraph):
            status, session = create(mockgraph.url, {**BODY, "customNote": "kept"})
            assert status == 201 and session["customNote"] == "kept"
    ''')
    pytester.runpytest().assert_outcomes(failed=1)
    pytester.runpytest("--mockgraph-accept-unknown-properties").assert_outcomes(passed=1)
    pytester.makeconftest('''
        import pytest

        @pytest.fixture(scope="session")
        def mockgraph_accept_unknown_properties():
            return True
    ''')
    pytester.runpytest().assert_outcomes(passed=1)


def test_settings_fixture_takes_a_mapping_of_any_setting(pytester):
    """Overriding mockgraph_settings with a plain dict reaches settings that have no option of their own."""
    pytester.makeconftest('''
        import pytest

        @pytest.fixture(scope="session")
        def mockgraph_settings():
            return {"require_auth": False, "journal_size": 2}
    ''')
    user_file(pytester, '''
        def test_no_token_needed(mockgraph):
            for _ in range(3):
                request = urllib.request.Request(mockgraph.url + "/solutions/virtualEvents/events/e/sessions",
                                                 json.dumps(BODY).encode(), {"Content-Type": "application/json"})
                assert urllib.request.urlopen(request, timeout=10).status == 201
            assert len(mockgraph.requests) == 2
    ''')
    pytester.runpytest().assert_outcomes(passed=1)


# Each folder's test asserts what its own conftest asked for, seen through the server and the in-process app.
FOLDER_TEST = '''
def test_{name}(mockgraph, mockgraph_client):
    expected = {expected!r}
    status, _ = create(mockgraph.url)
    request = urllib.request.Request(mockgraph.url + "/solutions/virtualEvents/events/e/sessions",
                                     json.dumps(BODY).encode(), {{"Content-Type": "application/json"}})
    try:
        no_token = urllib.request.urlopen(request, timeout=10).status
    except urllib.error.HTTPError as error:
        no_token = error.code
    client_no_token = mockgraph_client.post("/v1.0/solutions/virtualEvents/events/e/sessions", json=BODY).status_code
    seen = {{"seed": mockgraph.seed, "client_seed": mockgraph_client.application.extensions["mockgraph"].fakes.seed,
            "no_token": no_token, "client_no_token": client_no_token, "journal": len(mockgraph.requests)}}
    assert status == 201 and seen == expected
'''

SETTINGS_FOLDERS = {
    # folder: (its conftest, what its test must see)
    "a": ('@pytest.fixture(scope="session")\ndef mockgraph_settings():\n    return {"seed": 3, "require_auth": False}',
          {"seed": 3, "client_seed": 3, "no_token": 201, "client_no_token": 201, "journal": 2}),
    "b": ('@pytest.fixture(scope="session")\ndef mockgraph_settings():\n    return {"seed": 4, "journal_size": 1}',
          {"seed": 4, "client_seed": 4, "no_token": 401, "client_no_token": 401, "journal": 1}),
    "c": ('@pytest.fixture(scope="session")\ndef mockgraph_seed():\n    return 5',
          {"seed": 5, "client_seed": 5, "no_token": 401, "client_no_token": 401, "journal": 2}),
    ".": (None, {"seed": 0, "client_seed": 0, "no_token": 401, "client_no_token": 401, "journal": 2}),
}


def settings_folders(pytester: pytest.Pytester) -> None:
    for folder, (conftest, expected) in SETTINGS_FOLDERS.items():
        path = pytester.mkdir(folder) if folder != "." else pytester.path
        if conftest:
            (path / "conftest.py").write_text("import pytest\n\n" + conftest + "\n")
        name = "root" if folder == "." else folder
        (path / f"test_{name}.py").write_text(USER_HEADER + FOLDER_TEST.format(name=name, expected=expected))


@pytest.mark.parametrize("order", [["a", "b", "c", "test_root.py"], ["test_root.py", "c", "b", "a"],
                                   ["b", "test_root.py", "a", "c"]])
def test_a_conftest_override_applies_to_its_own_folder_only(pytester, order):
    """Folders with different conftest settings each get their own, whichever folder runs first."""
    settings_folders(pytester)
    result = pytester.runpytest("-p", "no:cacheprovider", *order)
    result.assert_outcomes(passed=4)


def test_a_fixed_port_with_two_settings_values_fails_clearly(pytester):
    """With --mockgraph-port one server can exist, so a second settings value is refused with the reason."""
    import socket

    settings_folders(pytester)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = pytester.runpytest("-p", "no:cacheprovider", "--mockgraph-port", str(port), "test_root.py", "a")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([f"*mockgraph: port {port} (mockgraph_port) already serves the mock of other tests, "
                                 "which have other mockgraph_settings; a fixed port holds one server, so set "
                                 "mockgraph_port to 0*"])


def test_overrides_in_a_class_or_a_module_reach_their_own_tests_only(pytester):
    """A mockgraph_settings in a class and a mockgraph_seed in a module apply there, not to their neighbours."""
    pytester.makepyfile(test_class='''
        import pytest

        class TestOwn:
            @pytest.fixture
            def mockgraph_settings(self):
                return {"seed": 7, "require_auth": False}

            def test_in_the_class(self, mockgraph, mockgraph_client):
                assert (mockgraph.seed, mockgraph.settings.require_auth) == (7, False)
                assert mockgraph_client.application.extensions["mockgraph"].settings.require_auth is False

        def test_beside_the_class(mockgraph, mockgraph_client):
            assert (mockgraph.seed, mockgraph.settings.require_auth) == (0, True)
            assert mockgraph_client.application.extensions["mockgraph"].fakes.seed == 0
    ''', test_module='''
        import pytest

        @pytest.fixture(scope="session")
        def mockgraph_seed():
            return 8

        def test_the_modules_seed(mockgraph, mockgraph_client):
            assert mockgraph.seed == 8
            assert mockgraph_client.application.extensions["mockgraph"].fakes.seed == 8
    ''', test_plain='''
        def test_defaults(mockgraph, mockgraph_client):
            assert mockgraph.seed == 0 and mockgraph_client.application.extensions["mockgraph"].fakes.seed == 0
    ''')
    for order in (["test_class.py", "test_module.py", "test_plain.py"],
                  ["test_plain.py", "test_module.py", "test_class.py"]):
        pytester.runpytest("-p", "no:randomly", *order).assert_outcomes(passed=4)


def test_a_test_asking_for_the_chain_itself_gets_what_it_asked_for(pytester):
    """With mockgraph_server, a parametrized seed or a variable set by an earlier fixture, mockgraph agrees."""
    user_file(pytester, '''
        @pytest.fixture
        def no_auth(monkeypatch):
            monkeypatch.setenv("MOCKGRAPH_REQUIRE_AUTH", "false")

        def test_both(mockgraph, mockgraph_server):
            assert mockgraph is mockgraph_server

        @pytest.mark.parametrize("mockgraph_seed", [11])
        def test_parametrized(mockgraph_seed, mockgraph):
            assert mockgraph.seed == 11

        def test_variable(no_auth, mockgraph, mockgraph_client):
            assert mockgraph.settings.require_auth is False
            assert mockgraph_client.application.extensions["mockgraph"].settings.require_auth is False

        def test_variable_gone(mockgraph):
            assert mockgraph.settings.require_auth is True
    ''')
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=4)


@pytest.mark.parametrize(("arguments", "message"), [
    ("42", "takes seed=N only, as a keyword; got the positional argument(s) 42"),
    ("seed=1, sead=1", "takes seed=N only: 'sead' is not a mockgraph setting"),
    ("require_auth=False", "takes seed=N only: the setting 'require_auth' cannot be applied to one test, because "
                           "tests share a server and only the seed is restored by a reset; override "
                           "mockgraph_settings in a conftest.py beside this test instead"),
    ("seed='5'", "takes seed=N only: seed must be an integer, got '5'"),
    ("seed=True", "takes seed=N only: seed must be an integer, got True"),
])
def test_the_marker_refuses_what_it_cannot_apply(pytester, arguments, message):
    """A marker with positional, unknown, per-session or ill-typed arguments errors the test, saying why."""
    user_file(pytester, f'''
        @pytest.mark.mockgraph({arguments})
        def test_server(mockgraph):
            pass

        @pytest.mark.mockgraph({arguments})
        def test_client(mockgraph_client):
            pass

        @pytest.mark.mockgraph({arguments})
        def test_no_fixture():
            pass
    ''')
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=3)
    # the errors section only: under CI=true pytest does not cut the summary lines, which repeat the message
    errors = result.stdout.str().split("short test summary info")[0]
    assert errors.count("@pytest.mark.mockgraph " + message) == 3, result.stdout.str()


def test_a_bad_option_value_is_a_one_line_usage_error(pytester, monkeypatch):
    """A seed that is not a number names its source instead of failing deep in a fixture."""
    user_file(pytester, SEED_FILE)
    result = pytester.runpytest("--mockgraph-seed", "abc")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*mockgraph: --mockgraph-seed: 'abc' is not an integer*"])
    monkeypatch.setenv("MOCKGRAPH_ACCEPT_UNKNOWN_PROPERTIES", "maybe")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*mockgraph: MOCKGRAPH_ACCEPT_UNKNOWN_PROPERTIES: 'maybe' is not a boolean*"])


def test_a_missed_assertion_explains_itself(pytester):
    """A failing assert_called shows the requests the test did make and what differed in each."""
    user_file(pytester, '''
        def test_wrong_event(mockgraph):
            create(mockgraph.url, {**BODY, "subject": "Other"}, event="event-2")
            mockgraph.assert_called("POST", "/solutions/virtualEvents/events/event-1/sessions",
                                    json={"subject": "Town hall"})
    ''')
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "E * expected 1 request POST /v1.0/solutions/virtualEvents/events/event-1/sessions with "
        'json={"subject": "Town hall"}, found 0.',
        "E * Requests this test made (1), closest first:",
        "E * POST /v1.0/solutions/virtualEvents/events/event-2/sessions -> 201: "
        "path has 'event-2' where 'event-1' was expected; $.subject is \"Other\", expected \"Town hall\"",
    ])


def test_a_server_exception_fails_the_test_that_caused_it(pytester):
    """A bug inside the mock fails the test (not its teardown, not a later test) with the mock's traceback."""
    user_file(pytester, '''
        def test_mock_breaks(mockgraph, monkeypatch):
            def broken(*args, **kwargs):
                raise KeyError("recipe")
            monkeypatch.setattr(mockgraph.state.fakes, "generate", broken)
            status, reply = create(mockgraph.url)
            assert reply["error"]["code"] == "generalException"

        def test_client_asserts_on_the_500(mockgraph, monkeypatch):
            monkeypatch.setattr(mockgraph.state.fakes, "generate", lambda *a, **k: 1 / 0)
            assert create(mockgraph.url)[0] == 201

        def test_next_test_is_clean(mockgraph):
            assert create(mockgraph.url)[0] == 201
    ''')
    result = pytester.runpytest()
    result.assert_outcomes(failed=2, passed=1, errors=0)
    result.stdout.fnmatch_lines([
        "*KeyError: 'recipe'",
        "*mockgraph raised this while serving POST /v1.0/solutions/virtualEvents/events/event-1/sessions*",
    ])
    # The test's own failure (500 != 201) is shown, then the mock's exception raised while handling it.
    result.stdout.fnmatch_lines(["*assert 500 == 201*", "*During handling of the above exception*",
                                 "*ZeroDivisionError*"])
    result.stdout.fnmatch_lines(["FAILED *test_mock_breaks - KeyError*",
                                 "FAILED *test_client_asserts_on_the_500 - ZeroDivisionError*"])


def test_in_process_client_needs_no_socket(pytester):
    """mockgraph_client serves through Flask's test client, fresh per test, with the same assertions."""
    user_file(pytester, '''
        PATH = "/v1.0/solutions/virtualEvents/events/event-1/sessions"
        seen = []

        def test_one(mockgraph_client):
            response = mockgraph_client.post(PATH, json=BODY, headers={"Authorization": "Bearer t"})
            assert response.status_code == 201
            seen.append(response.get_json()["id"])
            mockgraph_client.assert_called("POST", PATH, json=BODY)

        def test_two(mockgraph_client):
            assert mockgraph_client.requests == []
            response = mockgraph_client.post(PATH, json=BODY, headers={"Authorization": "Bearer t"})
            assert response.get_json()["id"] == seen[0]

        def test_bug(mockgraph_client, monkeypatch):
            monkeypatch.setattr(mockgraph_client.application.extensions["mockgraph"].fakes, "generate",
                                lambda *a, **k: {}["missing"])
            mockgraph_client.post(PATH, json=BODY, headers={"Authorization": "Bearer t"})
    ''')
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["FAILED *test_bug - KeyError*"])


def test_importing_the_plugin_loads_no_flask_faker_or_jsonschema():
    """pytest imports the plugin in every run, so it must stay cheap: no heavy module at import."""
    heavy = ["flask", "werkzeug", "faker", "jsonschema", "mockgraph.app", "mockgraph.server"]
    code = f"import sys, mockgraph.pytest_plugin; print(json.dumps([m for m in {heavy!r} if m in sys.modules]))"
    out = subprocess.run([sys.executable, "-c", "import json; " + code], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert json.loads(out) == []


# The msgraph-sdk snippet of the README, run against the fixture itself.
msgraph = pytest.importorskip("msgraph")

from kiota_abstractions.authentication import (  # noqa: E402
    AccessTokenProvider,
    AllowedHostsValidator,
    BaseBearerTokenAuthenticationProvider,
)
from msgraph import GraphRequestAdapter, GraphServiceClient  # noqa: E402
from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone  # noqa: E402
from msgraph.generated.models.o_data_errors.o_data_error import ODataError  # noqa: E402
from msgraph.generated.models.virtual_event_session import VirtualEventSession  # noqa: E402


class StaticToken(AccessTokenProvider):
    """mockgraph needs a bearer token, not a valid one; send it only to loopback."""

    def __init__(self) -> None:
        self.hosts = AllowedHostsValidator(["127.0.0.1"])

    async def get_authorization_token(self, uri: str, additional_authentication_context=None) -> str:
        return "mock-token" if self.hosts.is_url_host_valid(uri) else ""

    def get_allowed_hosts_validator(self) -> AllowedHostsValidator:
        return self.hosts


@pytest.fixture
def graph(mockgraph) -> GraphServiceClient:
    adapter = GraphRequestAdapter(BaseBearerTokenAuthenticationProvider(StaticToken()))
    adapter.base_url = mockgraph.url
    return GraphServiceClient(request_adapter=adapter)


def test_msgraph_sdk_client_pointed_at_the_fixture(graph, mockgraph):
    """GraphServiceClient creates a session on the fixture and reads back every value it sent."""
    event = "f8ce2a5f-0e6a-4186-aa90-1f64bc023566@5466a424-aadf-425c-9b24-034ca28d4bdd"
    sent = VirtualEventSession(
        subject="Quarterly town hall",
        start_date_time=DateTimeTimeZone(date_time="2024-03-30T10:00:00", time_zone="Pacific Standard Time"),
        end_date_time=DateTimeTimeZone(date_time="2024-03-30T11:00:00", time_zone="Pacific Standard Time"),
    )
    sessions = graph.solutions.virtual_events.events.by_virtual_event_id(event).sessions
    created = asyncio.run(sessions.post(sent))

    assert re.fullmatch(r"[0-9a-f-]{36}", created.id)
    assert created.subject == sent.subject
    assert (created.start_date_time.date_time, created.start_date_time.time_zone) == \
        ("2024-03-30T10:00:00", "Pacific Standard Time")
    assert (created.end_date_time.date_time, created.end_date_time.time_zone) == \
        ("2024-03-30T11:00:00", "Pacific Standard Time")
    assert created.join_web_url.startswith("https://teams.microsoft.com/l/meetup-join/")
    [entry] = mockgraph.assert_called("POST", f"/solutions/virtualEvents/events/{event}/sessions", status=201)
    assert entry["headers"]["Authorization"] == "Bearer [redacted]"
    assert entry["json"]["subject"] == sent.subject
    assert entry["response"]["id"] == created.id


def test_msgraph_sdk_sees_the_graph_error_envelope(graph, mockgraph):
    """A body the contract refuses reaches the SDK as an ODataError with Graph's code and message."""
    bad = VirtualEventSession(subject="No dates")
    bad.additional_data = {"capacity": "lots"}
    with pytest.raises(ODataError) as caught:
        asyncio.run(graph.solutions.virtual_events.events.by_virtual_event_id("e").sessions.post(bad))
    assert caught.value.response_status_code == 400
    assert caught.value.error.code == "BadRequest"
    assert "$." in caught.value.error.message
    mockgraph.assert_called("POST", "/solutions/virtualEvents/events/e/sessions", status=400)


def test_add_and_entities_put_state_in_and_read_it_back(pytester):
    """mockgraph.add stores a town hall and its presenter; Graph serves them; entities() reads them back."""
    user_file(pytester, '''
        def get(url):
            request = urllib.request.Request(url, headers={"Authorization": "Bearer token"})
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.load(response)

        def test_add(mockgraph):
            hall = mockgraph.add("townhalls", {"displayName": "All hands", "status": "published",
                                              "presenters": [{"email": "ana@contoso.com"}]})
            assert hall["status"] == "published" and hall["id"]
            read = get(f"{mockgraph.url}/solutions/virtualEvents/townhalls/{hall['id']}")
            assert read["displayName"] == "All hands"
            presenters = mockgraph.entities(f"townhalls/{hall['id']}/presenters")
            assert [p["email"] for p in presenters] == ["ana@contoso.com"]
            assert len(mockgraph.entities(f"townhalls/{hall['id']}/sessions")) == 1  # made with it, as Graph does
            mockgraph.assert_called("GET", "/solutions/virtualEvents/townhalls/{id}", status=200)

        def test_fresh(mockgraph):
            assert mockgraph.entities("townhalls") == []

        def test_client_too(mockgraph_client):
            webinar = mockgraph_client.add("/v1.0/solutions/virtualEvents/webinars", displayName="W")
            assert [w["id"] for w in mockgraph_client.entities("webinars")] == [webinar["id"]]
    ''')
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=3)


def test_add_names_the_bad_property(pytester):
    """A property the type lacks is a GraphError naming it."""
    user_file(pytester, '''
        from mockgraph.errors import GraphError

        def test_bad(mockgraph):
            with pytest.raises(GraphError, match="displayNam") as raised:
                mockgraph.add("townhalls", {"displayNam": "typo"})
            assert "virtualEventTownhall" in str(raised.value)
    ''')
    pytester.runpytest().assert_outcomes(passed=1)


def test_data_setting_preloads_every_test(pytester):
    """A conftest's data setting loads the file for each test, again after the previous test's changes."""
    pytester.makefile(".json", data='{"webinars": [{"id": "w-1@tenant", "displayName": "Preloaded"}]}')
    pytester.makeconftest('''
        import pytest

        @pytest.fixture
        def mockgraph_settings(pytestconfig):
            return {"data": str(pytestconfig.rootpath / "data.json")}
    ''')
    user_file(pytester, '''
        def test_first(mockgraph):
            assert [w["displayName"] for w in mockgraph.entities("webinars")] == ["Preloaded"]
            mockgraph.add("webinars", {"displayName": "Added"})

        def test_second(mockgraph):
            assert [w["id"] for w in mockgraph.entities("webinars")] == ["w-1@tenant"]
    ''')
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_assert_called_across_the_family(pytester):
    """assert_called matches paths with several ids, alternate keys and query options."""
    user_file(pytester, '''
        def call(url, method="GET"):
            request = urllib.request.Request(url, method=method, headers={"Authorization": "Bearer token"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status
            except urllib.error.HTTPError as error:
                return error.code

        def test_family(mockgraph):
            webinar = mockgraph.add("webinars", {"displayName": "W", "registrations": [{"email": "a@b.example"}]})
            base = f"{mockgraph.url}/solutions/virtualEvents/webinars/{webinar['id']}"
            assert call(base + "/registrations(email='a@b.example')") == 200
            assert call(base + "/registrations?$top=1&$select=email") == 200
            assert call(base + "/sessions/nope/attendanceReports") == 404
            mockgraph.assert_called("GET", "/solutions/virtualEvents/webinars/{id}/registrations(email='a@b.example')")
            mockgraph.assert_called("GET", "/solutions/virtualEvents/webinars/{id}/registrations", status=200)
            mockgraph.assert_called("GET", "/solutions/virtualEvents/webinars/{id}/sessions/{id}/attendanceReports",
                                    status=404)
            assert mockgraph.requests[1]["query"] == "$top=1&$select=email"
    ''')
    pytester.runpytest().assert_outcomes(passed=1)
