"""The values Graph generates for new entities, made by Faker and seeded.

Each entity's values are a function of (seed, entity type, creation number of that type) alone: a given
seed and the same creates of one type give byte-identical entities, whichever worker serves a create and
whatever else a test created between them. The tenant and the signed-in user are a function of the seed.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from typing import Any


class Fakes:
    """One Faker generator per app, reseeded for every entity it makes.

    What depends on the seed alone (the tenant and the signed-in user) or on the seed and a user id (a person
    named by a client) is made once and kept, per seed: a reseed costs ~5 µs of a create's ~25 µs of values,
    and a reset that changes the seed then gets that seed's people, not the first seed's.
    """

    def __init__(self, seed: int):
        self.seed = seed
        self._lock = threading.Lock()
        self._faker = None
        self._people_by_seed: dict[int, dict] = {}
        self._persons: dict[tuple[int, str], dict[str, str]] = {}

    @property
    def faker(self):
        if self._faker is None:  # Faker's import is slow; pay for it on first use, not at start-up.
            from faker import Generator
            from faker.providers import misc

            faker = Generator()
            faker.add_provider(misc.Provider)
            self._faker = faker
        return self._faker

    def generate(self, number: int, recipes: dict[str, str], kind: str = "virtualEventSession",
                 now: str = "", user: dict | None = None) -> dict[str, Any]:
        """Make the generated properties named in ``recipes`` (property → recipe) for entity ``number`` of ``kind``.

        ``user`` is the caller a token named (its organizer, its registrant); by default the signed-in user.
        """
        with self._lock:
            faker = self.faker
            people = self._people(faker)
            if user is not None:
                people = {**people, "user": user}
            faker.seed_instance(f"mockgraph:{self.seed}:{kind}:{number}")
            meeting = _Meeting(faker, people, now)
            return {prop: RECIPES[recipe](meeting) for prop, recipe in recipes.items()}

    def person(self, key: str) -> dict[str, str]:
        """A stable fake person for ``key`` (a user id the client named): names for ids the mock did not make."""
        with self._lock:
            known = self._persons.get((self.seed, key))
            if known is None:
                faker = self.faker
                tenant = self._people(faker)["tenant"]
                faker.seed_instance(f"mockgraph:{self.seed}:person:{key}")
                known = _person(faker, tenant)
                if len(self._persons) >= _PERSONS:  # ids come from clients: keep the cache bounded
                    self._persons.clear()
                self._persons[(self.seed, key)] = known
            return dict(known)

    @property
    def signed_in(self) -> dict[str, str]:
        """The user every delegated call acts as (a token's contents are not read): the organizer of what it creates."""
        with self._lock:
            return dict(self._people(self.faker)["user"])

    def _people(self, faker) -> dict:
        people = self._people_by_seed.get(self.seed)
        if people is None:
            faker.seed_instance(f"mockgraph:{self.seed}:tenant")
            tenant = _uuid4(faker)
            people = self._people_by_seed[self.seed] = {"tenant": tenant, "user": _person(faker, tenant)}
        return people


_PERSONS = 4096  # people kept per app (about 0.5 KiB each)


def _uuid4(faker) -> str:
    """``faker.uuid4()``, the same string from the same draw, without building a ``uuid.UUID`` (1.9 -> 0.5 µs).

    Faker makes ``uuid.UUID(int=random.getrandbits(128), version=4)``; these are that constructor's two bit
    operations (RFC 4122's variant and version) and ``str()``'s layout. A session's values take five of them.
    """
    n = faker.random.getrandbits(128) & ~(0xC000 << 48) | (0x8000 << 48)
    n = n & ~(0xF000 << 64) | (4 << 76)
    h = f"{n:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_FIRST = ("Adele", "Alex", "Diego", "Grady", "Isaiah", "Johanna", "Joni", "Lee", "Lidia", "Lynne", "Megan", "Miriam",
          "Nestor", "Patti", "Pradeep", "Kenneth", "Diane", "Irvin", "Henrietta", "Christie")
_LAST = ("Vance", "Wilber", "Siciliani", "Archie", "Langer", "Lauer", "Sherman", "Gu", "Holloway", "Mueller", "Bowen",
         "Hunter", "Wilke", "Lee", "Gupta", "Brown", "Demoss", "Sink", "Mueller", "Cline")


def _person(faker, tenant: str) -> dict[str, str]:
    """A fake user of the tenant: Graph's sample names and the reserved example.com domain."""
    first, last = faker.random_element(_FIRST), faker.random_element(_LAST)
    return {"id": _uuid4(faker), "firstName": first, "lastName": last, "displayName": f"{first} {last}",
            "email": f"{first}.{last}@contoso.example.com".lower(), "tenantId": tenant}


class _Meeting:
    """The ids one Teams meeting shares between its join URL, chat thread and dial-in."""

    def __init__(self, faker, people: dict | None = None, now: str = ""):
        self.faker = faker
        self.people = people or {}
        self.now = now
        self.tenant = _uuid4(faker)
        self.organizer = _uuid4(faker)
        token = base64.b64encode(_uuid4(faker).encode()).decode().rstrip("=")
        self.thread = f"19:meeting_{token}@thread.v2"
        self.conference_id = _digits(faker, 9)


PASSCODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"


def _digits(faker, n: int) -> str:
    """n digits, the first not 0: Faker's ``random_number(digits=n, fix_len=True)``, the same draw of its random
    without the provider's checks (2.0 -> 1.2 µs; a session takes three)."""
    return str(faker.random.randint(10 ** (n - 1), 10 ** n - 1))


def _join_web_url(m: _Meeting) -> str:
    thread = m.thread.replace(":", "%3a").replace("@", "%40")
    context = f'%7b%22Tid%22%3a%22{m.tenant}%22%2c%22Oid%22%3a%22{m.organizer}%22%7d'
    return f"https://teams.microsoft.com/l/meetup-join/{thread}/0?context={context}"


def _audio_conferencing(m: _Meeting) -> dict:
    toll = f"+1 425 555 01{m.faker.random_int(0, 99):02d}"  # 555-0100..0199: reserved for fiction
    toll_free = f"+1 800 555 01{m.faker.random_int(0, 99):02d}"
    return {
        "conferenceId": m.conference_id,
        "tollNumber": toll,
        "tollFreeNumber": toll_free,
        "tollNumbers": [toll],
        "tollFreeNumbers": [toll_free],
        "dialinUrl": f"https://dialin.teams.microsoft.com/{_uuid4(m.faker)}?id={m.conference_id}",
    }


def _organizer(m: _Meeting) -> dict:
    user = m.people["user"]
    return {"application": None, "device": None,
            "user": {"@odata.type": "#microsoft.graph.communicationsUserIdentity", "id": user["id"],
                     "displayName": user["displayName"], "tenantId": user["tenantId"]}}


def _guest(m: _Meeting) -> dict[str, str]:
    return _person(m.faker, m.people["tenant"])


RECIPES: dict[str, Callable[[_Meeting], Any]] = {
    "guid": lambda m: _uuid4(m.faker),
    # Town halls and webinars are "{guid}@{tenant guid}" in every documented example.
    "event_id": lambda m: f"{_uuid4(m.faker)}@{m.people['tenant']}",
    "organizer": _organizer,
    "now": lambda m: m.now,
    "tenant": lambda m: m.people["tenant"],
    "person": _guest,
    "user_id": lambda m: m.people["user"]["id"],
    "user_first_name": lambda m: m.people["user"]["firstName"],
    "user_last_name": lambda m: m.people["user"]["lastName"],
    "user_email": lambda m: m.people["user"]["email"],
    "join_web_url": _join_web_url,
    "chat_info": lambda m: {"threadId": m.thread, "messageId": "0", "replyChainMessageId": None},
    "join_meeting_id_settings": lambda m: {
        "isPasscodeRequired": True,
        "joinMeetingId": _digits(m.faker, 13),
        "passcode": "".join(m.faker.random.choices(PASSCODE_ALPHABET, k=6)),
    },
    "video_teleconference_id": lambda m: _digits(m.faker, 10),
    "audio_conferencing": _audio_conferencing,
}
