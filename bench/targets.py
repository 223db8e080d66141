"""The targets of issue 12: each figure against its baseline from the same run, and what stops it.

One job: turning a run's figures into the targets table. A ratio is a figure over a baseline measured
in the same run; nothing is asserted. Beside each of `mockgraph serve`'s throughput, p99 and launch
targets is the server floor of the same run: the floor app (fixed replies, no checks) on serve's own
server, as a ratio to the same baseline. When that floor itself misses the bound, no app can meet the
target on that server, and the row says so. Beside the throughput targets stand the floors of the two ways
to use both cores: several workers sharing a SQLite file (the store floor, on serve's server and on granian)
and one process (the Flask floor in one granian worker).
"""

from __future__ import annotations

from dataclasses import dataclass

from bench import servers
from bench.harness import FLOOR, IMPORTS, MOCKGRAPH, STACK_IMPORTS


@dataclass
class Target:
    """One target of the issue: a figure, the baseline it is compared with, and the bound on the ratio."""

    name: str
    figure: float
    baseline: float | None
    unit: str
    bound: float
    at_least: bool  # the ratio must be at least the bound (throughput), else at most (latency, time)
    note: str = ""
    floor: str = ""  # the server floor of the same run, as text: what stops the target, if anything

    @property
    def ratio(self) -> float:
        """figure / baseline; with no baseline (a count that must stay under a bound), the figure itself."""
        if self.baseline is None:
            return self.figure
        return self.figure / self.baseline if self.baseline else float("nan")

    @property
    def met(self) -> bool:
        return self.ratio >= self.bound if self.at_least else self.ratio <= self.bound

    def beyond(self, ratio: float) -> bool:
        """Whether a floor with this ratio to the baseline already misses the bound."""
        return ratio < self.bound if self.at_least else ratio > self.bound


def table(rows: list[Target]) -> None:
    print("\n| target | figure | baseline (same run) | ratio | bound | met? | server floor (same run) |")
    print("|---|---|---|---|---|---|---|")
    for t in rows:
        sign, met = "≥" if t.at_least else "≤", "yes" if t.met else "**no**"
        note = f" ({t.note})" if t.note else ""
        if t.baseline is None:
            print(f"| {t.name} | {t.figure:,.0f} | none{note} | | {sign} {t.bound:g} | {met} | {t.floor} |")
            continue
        print(f"| {t.name} | {t.figure:,.1f} {t.unit} | {t.baseline:,.1f} {t.unit}{note} | {t.ratio:.2f}x "
              f"| {sign} {t.bound:g}x | {met} | {t.floor} |")


def _floor_text(row: Target, figure: float, ratio: float, what: str,
                stops: str = "the server alone misses the bound: no app can meet it there") -> str:
    said = f"; {stops}" if row.beyond(ratio) else ""
    return f"{what}: {figure:,.1f} {row.unit} = {ratio:.2f}x the baseline{said}"


#: the throughput rows' other floors: (config, what it is, what its missing the bound means)
DESIGN_FLOORS = (
    (servers.STORE_FLOOR, f"store floor (the SQLite writes a shared state costs) on serve's server ({servers.SHAPE})",
     "no app whose workers share a SQLite file meets it there"),
    (servers.GRANIAN_STORE_FLOOR, "the store floor on granian (2w)",
     "nor on the fastest server the bench installs"),
    (servers.ONE_PROCESS_FLOOR, "the Flask floor in one process (granian 1w)",
     "no app in one process meets it"),
)


def serve_rows(results: dict, compared: dict | None) -> list[Target]:
    """Throughput and p99 at c=8 of `mockgraph serve` vs the Flask floor, each with the server floor beside it.

    From the server comparison's interleaved rounds when it ran (serve's default, both floors, same rounds);
    else from the peers table (one after another), with no server floor.
    """
    mine = (compared or {}).get(servers.SERVE, {}).get("loads")
    floor = (compared or {}).get(FLOOR, {}).get("loads")
    server = (compared or {}).get(servers.SERVER_FLOOR, {}).get("loads")
    note = "the server comparison's interleaved rounds"
    if not (mine and floor):
        mine = results.get(MOCKGRAPH, {}).get("loads")
        floor = results.get(FLOOR, {}).get("loads")
        server, note = None, "the peers table; no server floor: the server comparison did not run"
    if not (mine and floor):
        return []
    rows = []
    for figure, name, unit, bound, at_least in (("rps", "{what} at c=8, req/s, vs the Flask floor", "req/s", 0.5, True),
                                                ("p99", "{what} p99 at c=8, vs the floor's p99", "ms", 3, False)):
        for what in ("create", "get", "list"):
            key = (what, 8)
            row = Target(name.format(what=what), mine[key][figure], floor[key][figure], unit, bound, at_least, note)
            if server and floor[key][figure]:
                row.floor = _floor_text(row, server[key][figure], server[key][figure] / floor[key][figure],
                                        f"floor app on serve's server ({servers.SHAPE})")
                for config, what_floor, stops in DESIGN_FLOORS if figure == "rps" else ():
                    other = (compared or {}).get(config, {}).get("loads")
                    if other:
                        value = other[key][figure]
                        row.floor += "; " + _floor_text(row, value, value / floor[key][figure], what_floor, stops)
            rows.append(row)
    return rows


def peer_rows(results: dict, compared: dict | None) -> list[Target]:
    """serve's creates at c=8 against Prism's and the naive app's (the peers table); beside the naive app's, the store
    floor as a multiple of it."""
    mine, rows = results.get(MOCKGRAPH), []
    for name in ("Prism", "naive Flask+jsonschema") if mine else ():
        peer = next((n for n in results if n.startswith(name)), None)
        if peer:
            row = Target(f"create at c=8 vs {name}", mine["loads"][("create", 8)]["rps"],
                         results[peer]["loads"][("create", 8)]["rps"], "req/s", 2, True, f"peers table: {peer}")
            if name.startswith("naive"):
                row.floor = _store_floor_vs(row, results, compared)
            rows.append(row)
    return rows


def _store_floor_vs(row: Target, results: dict, compared: dict | None) -> str:
    """The store floor's creates as a multiple of a peer's (``row.baseline``): each over the Flask floor of its own
    rounds (the comparison's, the peers table's), since the two tables are measured apart."""
    key = ("create", 8)
    stored = (compared or {}).get(servers.STORE_FLOOR, {}).get("loads")
    floor_there = (compared or {}).get(FLOOR, {}).get("loads")
    floor_here = results.get(FLOOR, {}).get("loads")
    if not (stored and floor_there and floor_here and row.baseline and floor_there[key]["rps"]):
        return ""
    ratio = (stored[key]["rps"] / floor_there[key]["rps"]) / (row.baseline / floor_here[key]["rps"])
    said = ("; no app whose workers share a SQLite file reaches the bound on that server (the naive app keeps no "
            "state)" if row.beyond(ratio) else "")
    return (f"store floor on serve's server ({servers.SHAPE}): {ratio:.2f}x the baseline (each over the Flask floor "
            f"of its own rounds){said}")


def launch_row(launch: dict) -> Target:
    """``mockgraph serve``'s launch to its first 201 against the imports, with the server's and the stack's floors."""
    paired = f"; each round's own ratio, median: {launch['paired']:.2f}x" if "paired" in launch else ""
    row = Target("`mockgraph serve` launch -> first 201", 1e3 * launch["serve"], 1e3 * launch["imports"], "ms", 1.3,
                 False, f"`python -c '{IMPORTS}'`; launches taken in turn{paired}")
    row.floor = _floor_text(row, 1e3 * launch["floor"], launch["floor"] / launch["imports"],
                            f"floor app through mockgraph.wsgi (gunicorn {servers.SHAPE}), launch -> first 201")
    if "stack" in launch:
        row.floor += (f"; `python -c '{STACK_IMPORTS}'` (the other projects serve's first 201 imports): "
                      f"{1e3 * launch['stack']:,.1f} ms = {launch['stack'] / launch['imports']:.2f}x the baseline")
    return row


def targets(results: dict, state: dict, rate: dict, launch: dict, cold: dict, laps: dict,
            compared: dict | None = None) -> list[Target]:
    """Every target's row; ``launch`` holds the seconds to a first 201 of serve, the imports and the server floor."""
    rows = serve_rows(results, compared) + peer_rows(results, compared)
    mine = results.get(MOCKGRAPH)
    if mine:
        bad = sum(mine["loads"][(w, 64)]["timeouts"] + mine["loads"][(w, 64)]["errors"]
                  for w in ("create", "get", "list"))
        print(f"\nmockgraph at c=64 (create, get, list): {bad} timeouts or socket errors; non-2xx "
              f"{sum(mine['loads'][(w, 64)]['non2xx'] for w in ('create', 'get', 'list'))}")
        rows.append(Target("errors or timeouts at c=64 (create, get, list), count", bad, None, "", 0, False))
    rows.append(launch_row(launch))
    for what in ("get", "list"):
        for where in ("big, state elsewhere", "big, state in the listed collection"):
            small, big = state["small"][what]["rps"], state[where][what]["rps"]
            rows.append(Target(f"{what} time per request with {state['held']:,} entities ({where.split(', ')[1]}) "
                               "vs 12", 1e3 / big if big else float("inf"), 1e3 / small, "ms", 1.2, False,
                               "c=8, 1/throughput"))
    rows.append(Target(f"RSS, largest process, {state['held']:,} entities (after lists of them) vs 12",
                       state["rss_after_lists"][0], state["rss_small"][0], "MiB", 1.2, False,
                       "bound: the cap holds; 1.2x is the bench's reading"))
    rows += fixture_rows(cold, laps)
    rows.append(Target("reject a bad body vs accept a good one, in process", rate["reject"], rate["accept"], "/s",
                       0.8, True))
    return rows


def fixture_rows(cold: dict, laps: dict) -> list[Target]:
    """The pytest fixture's targets against pytest-httpserver's figures of the same run."""
    rows = []
    bare_mg, bare_hs = cold.get("bare: mockgraph MockGraphServer"), cold.get("bare: pytest-httpserver HTTPServer")
    if bare_mg and bare_hs:
        floor = cold.get("bare: import flask, faker (the design card's floor)")
        note = "pytest-httpserver" + (f"; `import flask, faker` alone {floor / bare_hs:.2f}x it" if floor else "")
        rows.append(Target("fixture: process start -> first 201 (bare process)", bare_mg, bare_hs, "ms", 1.5, False,
                           note))
    in_mg, in_hs = cold.get("pytest: mockgraph fixture"), cold.get("pytest: pytest-httpserver fixture")
    if in_mg and in_hs:
        rows.append(Target("fixture: pytest process start -> first 201", in_mg, in_hs, "ms", 1.5, False,
                           "pytest-httpserver"))
    none, hs, mg = laps.get("no fixture"), laps.get("pytest-httpserver fixture"), laps.get("mockgraph fixture")
    if none and hs and mg:
        # bench_fixture's overhead: each run's lap minus that run's no-fixture lap, median over runs
        base = hs.get("overhead", hs["lap"] - none["lap"])
        if base > 5:
            rows.append(Target("fixture: per-test overhead (lap minus no-fixture lap)",
                               max(mg.get("overhead", mg["lap"] - none["lap"]), 0), base, "us", 2, False,
                               "pytest-httpserver"))
        else:  # noise: the no-fixture lap came out as long as pytest-httpserver's; compare whole laps instead
            rows.append(Target("fixture: per-test lap (overhead not resolvable in this run)", mg["lap"], hs["lap"],
                               "us", 2, False, "pytest-httpserver's lap"))
        rows.append(Target("fixture: session teardown", mg["teardown"] / 1e3, 50, "ms", 1, False,
                           f"the 50 ms bound; pytest-httpserver {hs['teardown'] / 1e3:.1f} ms"))
    return rows
