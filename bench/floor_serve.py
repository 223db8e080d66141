"""The Flask floor (``bench/floor_app.py``) served exactly as `mockgraph serve` serves mockgraph.

    python -m bench.floor_serve --port 8000 --workers 2 --threads 4

``mockgraph.wsgi.run``: gunicorn with mockgraph's worker class (``_Worker``: the idle and request
deadlines, Graph's envelope for what gunicorn cannot parse), its logger, its access-log line with the
request id, keep-alive and start-up banner. What this serves in a second is the most any app can serve
on `mockgraph serve`'s server, so ``bench_serve.py`` prints it beside each of serve's targets.

The floor's launch time must be gunicorn's and the wrapping's, not mockgraph's imports: where
``mockgraph.wsgi`` still imports ``warm_up`` from ``mockgraph.app`` (and with it the whole mock, about
150 ms) and calls it from ``run``, a stand-in module with a ``warm_up`` that does nothing is put in its
place first; where ``run`` no longer warms the app, the stand-in is never read. Bench-only.
"""

from __future__ import annotations

import argparse
import sys
import types

from bench.floor_app import app


def _no_mockgraph_app() -> None:
    """The floor has no settings to warm and must not pay for importing the mock it is the floor of."""
    if "mockgraph.app" not in sys.modules:
        stand_in = types.ModuleType("mockgraph.app")
        stand_in.warm_up = lambda settings: None
        sys.modules["mockgraph.app"] = stand_in
    app.extensions["mockgraph"] = types.SimpleNamespace(settings=None)  # run() reads the settings from here


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    _no_mockgraph_app()
    from mockgraph.wsgi import run

    run(app, host=args.host, port=args.port, workers=args.workers, threads=args.threads,
        banner=f"the Flask floor, {args.workers} worker(s) x {args.threads} thread(s)")


if __name__ == "__main__":
    main()
