"""The rate limit: at most N Graph requests in each fixed window of S seconds, then Graph's 429 with Retry-After.

One job, apart from fault rules because it is a setting (``rate_limit``, ``--rate-limit``), not a rule:
the command line checks its value with ``parse_rate`` without importing the rest of the fault machinery.
Requests are counted per window with ``store.next_number``, so every worker of ``mockgraph serve`` spends
the same budget; the clock is passed in (``faults.state(app).clock``), so a test can hold it still.
"""

from __future__ import annotations

import math

from flask import g

from mockgraph.errors import GraphError


def parse_rate(text: str | None) -> tuple[int, float] | None:
    """``"10/1"`` -> (10, 1.0): at most N requests in each window of S seconds."""
    if text is None or not str(text).strip():
        return None
    count, slash, seconds = str(text).strip().partition("/")
    try:
        n, s = int(count), float(seconds) if slash else math.nan
    except ValueError:
        n, s = 0, math.nan
    if n < 1 or not s > 0 or math.isinf(s):
        raise ValueError(f"rate_limit {text!r} is not N/S (requests per seconds, like 10/1 or 600/60)")
    return n, s


def throttle(rate: tuple[int, float], now: float, store) -> None:
    """Past N requests in this S-second window: 429, Retry-After counting down to the window's end."""
    limit, seconds = rate
    window = math.floor(now / seconds)
    if store.next_number(f"_mockgraph/rate/{window}") <= limit:
        return
    retry_after = max(1, math.ceil((window + 1) * seconds - now))
    g.injected_fault = {**g.get("injected_fault", {}), "rateLimit": f"{limit}/{seconds:g}", "status": 429,
                        "retryAfter": retry_after}
    raise GraphError(429, "TooManyRequests", f"Please retry again later. (mockgraph's rate limit, {limit} requests "
                                             f"every {seconds:g} s, is spent until this window ends.)",
                     {"Retry-After": str(retry_after)})
