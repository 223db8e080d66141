"""The values Graph generates for a new session, made by Faker and seeded.

Each entity's values are a function of (seed, creation number) alone: a given seed and the
same sequence of creates give byte-identical entities, whichever worker serves a create and
whatever other requests come between.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from typing import Any


class Fakes:
    """One Faker generator per app, reseeded for every entity it makes."""

    def __init__(self, seed: int):
        self.seed = seed
        self._lock = threading.Lock()
        self._faker = None

    @property
    def faker(self):
        if self._faker is None:  # Faker's import is slow; pay for it on first use, not at start-up.
            from faker import Generator
            from faker.providers import misc

            faker = Generator()
            faker.add_provider(misc.Provider)
            self._faker = faker
        return self._faker

    def generate(self, number: int, recipes: dict[str, str]) -> dict[str, Any]:
        """Make the generated properties named in ``recipes`` (property → recipe) for entity ``number``."""
        with self._lock:
            faker = self.faker
            faker.seed_instance(f"mockgraph:{self.seed}:{number}")
            meeting = _Meeting(faker)
            return {prop: RECIPES[recipe](meeting) for prop, recipe in recipes.items()}


class _Meeting:
    """The ids one Teams meeting shares between its join URL, chat thread and dial-in."""

    def __init__(self, faker):
        self.faker = faker
        self.tenant = faker.uuid4()
        self.organizer = faker.uuid4()
        token = base64.b64encode(faker.uuid4().encode()).decode().rstrip("=")
        self.thread = f"19:meeting_{token}@thread.v2"
        self.conference_id = _digits(faker, 9)


PASSCODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"


def _digits(faker, n: int) -> str:
    """n digits, the first not 0: Faker's numerify('%###…') without its per-character regex."""
    return str(faker.random_number(digits=n, fix_len=True))


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
        "dialinUrl": f"https://dialin.teams.microsoft.com/{m.faker.uuid4()}?id={m.conference_id}",
    }


RECIPES: dict[str, Callable[[_Meeting], Any]] = {
    "guid": lambda m: m.faker.uuid4(),
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
