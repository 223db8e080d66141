"""Where an in-process create, get and one-page list spend their time: pyinstrument's top lines for each.

    python bench/profile_paths.py [--calls 3000] [--lines 25]

Each path runs ``--calls`` times through Flask's test client on one app with the defaults (memory store,
journal on, auth on), after a warm-up; pyinstrument samples every 0.1 ms. Printed per path: the mean
µs a call measured without the profiler, then the profile's frames with their share of the time,
library frames included (Flask's and Werkzeug's cost is most of the point). cProfile is used when
pyinstrument is not installed. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BODY = (ROOT / "fixtures" / "virtualEventSession.create.request.minimal.json").read_bytes()
HEADERS = {"Content-Type": "application/json", "Authorization": "Bearer bench"}
SESSIONS = "/v1.0/solutions/virtualEvents/events/{event}/sessions"


def paths(client) -> dict[str, tuple[str, str, bytes | None]]:
    created = client.post(SESSIONS.format(event="profile-get"), data=BODY, headers=HEADERS)
    for _ in range(10):
        client.post(SESSIONS.format(event="profile-list"), data=BODY, headers=HEADERS)
    return {"create": ("POST", SESSIONS.format(event="e1"), BODY),
            "get": ("GET", created.headers["Location"], None),
            "list": ("GET", SESSIONS.format(event="profile-list"), None)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--lines", type=int, default=25, help="frames printed per path")
    args = parser.parse_args()
    import os

    from mockgraph.app import create_app

    client = create_app({}).test_client()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    for what in ("create", "get", "list"):
        client.post("/_mockgraph/reset")  # each path starts from the same small state
        method, path, body = paths(client)[what]

        def once(method=method, path=path, body=body) -> None:
            client.open(path, method=method, data=body, headers=HEADERS)

        for _ in range(200):
            once()
        start = time.perf_counter()
        for _ in range(args.calls):
            once()
        mean = (time.perf_counter() - start) / args.calls * 1e6
        print(f"\n## {what}: {method} {path.split('localhost')[-1]} — {mean:.0f} µs a call (mean of {args.calls})\n")
        print(profile(once, args.calls, args.lines))


def profile(once, calls: int, lines: int) -> str:
    try:
        from pyinstrument import Profiler
    except ImportError:
        return cprofile(once, calls, lines)
    profiler = Profiler(interval=0.0001)
    profiler.start()
    for _ in range(calls):
        once()
    profiler.stop()
    text = profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False)
    return "\n".join(text.splitlines()[:lines + 6])


def cprofile(once, calls: int, lines: int) -> str:
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for _ in range(calls):
        once()
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


if __name__ == "__main__":
    main()
