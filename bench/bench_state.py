"""Cost of a get and of a one-page list against the amount of state, in process (no HTTP server, no network).

    python bench/bench_state.py [--entities 100000] [--rounds 200]

Puts N presenters into one webinar (straight into the store, as POST /_mockgraph/entities would, only faster),
then times GET of one and GET of the first page ($top=10) against the same with 10 presenters, in the same run.
Prints microseconds per request and the ratio (the issue's target: within 1.2x). Also the RSS after loading.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

from mockgraph.app import create_app

AUTH = {"Authorization": "Bearer bench"}


def _client(n: int):
    app = create_app({"journal_size": 0, "max_entities": n + 1000})
    client = app.test_client()
    webinar = client.post("/v1.0/solutions/virtualEvents/webinars", json={"displayName": "bench"},
                          headers=AUTH).get_json()["id"]
    store = app.extensions["mockgraph"].store
    for i in range(n):
        store.insert(f"events/{webinar}/presenters", f"p{i}", {
            "@odata.type": "#microsoft.graph.virtualEventPresenter", "id": f"p{i}", "email": f"p{i}@example.com",
            "identity": None, "presenterDetails": None})
    return client, f"/v1.0/solutions/virtualEvents/webinars/{webinar}/presenters"


def _time(client, path: str, rounds: int) -> float:
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(rounds):
            assert client.get(path, headers=AUTH).status_code == 200
        samples.append((time.perf_counter() - start) / rounds * 1e6)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    small, small_path = _client(10)
    large, large_path = _client(args.entities)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'request':<28}{'10 entities':>14}{args.entities:>12,} entities{'ratio':>9}")
    for name, suffix in (("get one", "/p5"), ("first page ($top=10)", "?$top=10"),
                         ("first page + $count", "?$top=10&$count=true")):
        a, b = _time(small, small_path + suffix, args.rounds), _time(large, large_path + suffix, args.rounds)
        print(f"{name:<28}{a:>11.0f} us{b:>18.0f} us{b / a:>8.2f}x")
    print(f"peak RSS of this process after loading: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
