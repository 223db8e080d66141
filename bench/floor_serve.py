"""The Flask floor (``bench/floor_app.py``) served exactly as `mockgraph serve` serves mockgraph.

    python -m bench.floor_serve --port 8000 --workers 2 --threads 2 [--store]

``mockgraph.wsgi.run``: gunicorn with mockgraph's worker class (``_Worker``: the idle and request
deadlines, Graph's envelope for what gunicorn cannot parse, a request that has wholly arrived served in the
worker's own thread as serve serves it while no fault rule is stored), its logger, its access-log line with the
request id, keep-alive and start-up banner. What this serves in a second is the most any app can serve
on `mockgraph serve`'s server, so ``bench_serve.py`` prints it beside each of serve's targets. With ``--store``
it serves the store floor instead (``bench/floor_store.py``: the same replies after the SQLite work a state
shared by the workers costs).

Its launch time is gunicorn's and the wrapping's: ``mockgraph.wsgi`` does not import the app (the caller warms
its own). Bench-only.
"""

from __future__ import annotations

import argparse
import importlib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--store", action="store_true", help="the store floor (bench/floor_store.py)")
    args = parser.parse_args()
    from mockgraph.wsgi import run

    app = importlib.import_module("bench.floor_store" if args.store else "bench.floor_app").app
    what = "the store floor" if args.store else "the Flask floor"
    run(app, host=args.host, port=args.port, workers=args.workers, threads=args.threads, inline=lambda: True,
        banner=f"{what}, {args.workers} worker(s) x {args.threads} thread(s)")


if __name__ == "__main__":
    main()
