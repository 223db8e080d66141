"""mockgraph's app for granian, bench-only: ``granian --interface wsgi bench.run_granian:app``.

It builds ``mockgraph.app.create_app`` from the ``MOCKGRAPH_*`` variables, as ``mockgraph serve`` would,
so ``bench_serve.py --servers`` (``bench/servers.py``) can measure granian against gunicorn with the same
app. granian imports this module in each worker, so with more than one worker ``MOCKGRAPH_STORE_PATH``
must name a SQLite file (the bench sets one) or each worker keeps its own memory store and the workers disagree.
Nothing of mockgraph's wrapping is here (gunicorn's envelope for unparseable requests, the idle and
request deadlines, the access-log format): this measures the server, not a finished integration.
"""

from __future__ import annotations

from mockgraph.app import create_app, warm_up
from mockgraph.config import Settings

settings = Settings.from_env()
warm_up(settings)
app = create_app(settings)
