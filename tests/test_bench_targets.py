"""The bench's targets table: which figures a target of `mockgraph serve` is read from, and its server floor.

No server is started and nothing is timed: the figures are made up, the logic that reads them is real.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers, targets
from bench.harness import FLOOR, MOCKGRAPH


def loads(rps: float, p99: float) -> dict:
    return {"loads": {(what, 8): {"rps": rps, "p99": p99} for what in ("create", "get", "list")}}


def test_a_server_floor_below_the_bound_is_named_as_what_stops_the_target():
    """With serve's server floor at 0.45x the Flask floor, the 0.5x rows say no app can meet them there."""
    compared = {servers.SERVE: loads(900, 30), servers.SERVER_FLOOR: loads(4500, 12), FLOOR: loads(10000, 6)}
    rows = {row.name: row for row in targets.serve_rows({}, compared)}
    create = rows["create at c=8, req/s, vs the Flask floor"]
    assert (create.figure, create.baseline, create.met) == (900, 10000, False)
    assert "4,500.0 req/s = 0.45x" in create.floor and "no app can meet it" in create.floor
    p99 = rows["create p99 at c=8, vs the floor's p99"]
    assert "= 2.00x" in p99.floor and "no app can meet it" not in p99.floor


def test_without_the_comparison_the_targets_come_from_the_peers_table_with_no_server_floor():
    """--no-servers: serve's rows read the peers table and leave the server-floor cell empty."""
    rows = targets.serve_rows({MOCKGRAPH: loads(600, 40), FLOOR: loads(6000, 8)}, None)
    assert len(rows) == 6 and all(row.floor == "" and "peers table" in row.note for row in rows)
    assert rows[0].ratio == 0.1


def test_the_throughput_rows_name_the_floors_of_sharing_a_store_and_of_one_process():
    """The store floor below the bound stops every app whose workers share the file; one process above it does not."""
    compared = {servers.SERVE: loads(900, 30), servers.SERVER_FLOOR: loads(6000, 12),
                servers.STORE_FLOOR: loads(3000, 14), servers.GRANIAN_STORE_FLOOR: loads(4000, 10),
                servers.ONE_PROCESS_FLOOR: loads(7000, 5), FLOOR: loads(10000, 6)}
    rows = {row.name: row for row in targets.serve_rows({}, compared)}
    create = rows["create at c=8, req/s, vs the Flask floor"].floor
    assert "6,000.0 req/s = 0.60x" in create and "no app can meet it" not in create  # the server alone does not stop
    assert "3,000.0 req/s = 0.30x the baseline; no app whose workers share a SQLite file meets it there" in create
    assert "4,000.0 req/s = 0.40x the baseline; nor on the fastest server" in create
    assert "7,000.0 req/s = 0.70x the baseline" in create and "no app in one process" not in create
    p99 = rows["create p99 at c=8, vs the floor's p99"].floor
    assert "store floor" not in p99 and "one process" not in p99


def test_the_naive_row_names_the_store_floor_as_a_multiple_of_the_naive_app():
    """Measured apart, each over its own rounds' Flask floor: 0.3x / (1,000 / 8,000) = 2.4x, then 0.15x -> 1.2x."""
    results = {MOCKGRAPH: loads(600, 40), FLOOR: loads(8000, 6),
               "naive Flask+jsonschema (plain gunicorn, 2 sync workers)": loads(1000, 10)}
    compared = {servers.SERVE: loads(900, 30), servers.SERVER_FLOOR: loads(6000, 12), FLOOR: loads(10000, 6),
                servers.STORE_FLOOR: loads(3000, 14)}
    row = next(r for r in targets.peer_rows(results, compared) if "naive" in r.name)
    assert row.ratio == 0.6 and "2.40x the baseline" in row.floor and "no app" not in row.floor
    compared[servers.STORE_FLOOR] = loads(1500, 14)
    row = next(r for r in targets.peer_rows(results, compared) if "naive" in r.name)
    assert "1.20x the baseline" in row.floor and "no app whose workers share a SQLite file" in row.floor
