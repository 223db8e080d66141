"""Running an app under gunicorn from Python, with mockgraph's log format and start-up banner.

Any Flask app: the caller builds it (before gunicorn forks its workers), so this module imports gunicorn and
mockgraph's error envelope, not the app.
"""

from __future__ import annotations

import gc
import math
import mmap
import re
import selectors
import socket
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial

from flask import Flask
from gunicorn import util
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger
from gunicorn.http import errors as http_errors
from gunicorn.workers.gthread import TConn, ThreadWorker

from mockgraph.errors import front_end_reply
from mockgraph.portable import ACCESS_LINE

#: How long a client may go silent in the middle of a request before its connection is closed.
#: gthread's threads block on the socket while they read a request, so without this bound a few
#: clients that send half a request and stall would hold every thread and the mock would hang.
CLIENT_IDLE_SECONDS = 5.0
#: How long one request may take to arrive, head and body. A client that sends a byte every few
#: seconds is never silent for CLIENT_IDLE_SECONDS, yet would hold a thread for as long as it liked.
REQUEST_SECONDS = 15.0
#: Settings left out on a gunicorn too old to know them. gunicorn's control socket is off: each
#: server would listen on the same $XDG_RUNTIME_DIR/gunicorn.ctl (or ~/.gunicorn/gunicorn.ctl), so two mocks on a
#: host would fight over it, and starting it imports asyncio in the master just as the workers boot (~15 ms of CPU,
#: beside the booting workers on a 2-core machine). mockgraph's own endpoints are /_mockgraph/.
_IF_KNOWN = {"control_socket_disable"}


#: Parse errors that are not the client's: gunicorn answers those itself (500).
_NOT_THE_CLIENTS = (http_errors.InvalidResponseHeader, http_errors.InvalidResponseHeaderName,
                    http_errors.ConfigurationProblem)
_KINDS = {http_errors.LimitRequestLine: "url", http_errors.LimitRequestHeaders: "headers",
          http_errors.ExpectationFailed: "expectation", http_errors.UnsupportedTransferCoding: "coding"}


def _log_to_stderr() -> None:
    """mockgraph's own log lines (every contract error of a refused body, unexpected errors) beside the access log."""
    import logging

    logger = logging.getLogger("mockgraph")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("mockgraph: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


class RequestTooSlow(TimeoutError):
    """The request was still arriving when its deadline passed."""


class _Reads:
    """The client socket as gunicorn's request reader sees it: each read bounded by both limits,
    and by any timeout gunicorn sets itself (it bounds the draining of an unread body)."""

    def __init__(self, conn: _Conn):
        self.conn = conn
        self.timeout: float | None = None

    def gettimeout(self) -> float | None:
        return self.timeout

    def settimeout(self, value: float | None) -> None:
        self.timeout = value

    def recv(self, size: int) -> bytes:
        left = self.conn.deadline - time.monotonic()
        if left > 0:
            limit = min(CLIENT_IDLE_SECONDS, math.inf if self.timeout is None else self.timeout)
            self.conn.sock.settimeout(min(limit, left))
            try:
                return self.conn.sock.recv(size)
            except TimeoutError:
                if limit <= left:
                    raise  # silent for the idle timeout, or for gunicorn's own
        raise RequestTooSlow(f"a request still arriving after its {REQUEST_SECONDS:g} s deadline")


#: The most of a request ``_arrived`` looks at: a larger one (a big body) goes to a pool thread, as every one did.
PEEK_BYTES = 16 * 1024
_CONTENT_LENGTH = re.compile(rb"\ncontent-length:[ \t]*([0-9]{1,9})[ \t]*(?:\r|$)")


def _arrived(sock: socket.socket) -> bool:
    """Whether a whole request, head and ``Content-Length`` body, waits in the socket's buffer (looked at, not read).

    Then reading it cannot block. A request still arriving, chunked, waiting for ``100 Continue``, or larger than
    PEEK_BYTES is a pool thread's to read, bounded by the idle timeout and the request deadline.
    """
    try:
        data = sock.recv(PEEK_BYTES, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except OSError:  # nothing there yet (BlockingIOError), or the connection is gone: a pool thread finds out
        return False
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return False
    head = data[:end + 2].lower()
    if b"\ntransfer-encoding:" in head or b"\nexpect:" in head:
        return False
    length = _CONTENT_LENGTH.findall(head)
    return len(length) <= 1 and end + 4 + int(length[0] if length else 0) <= len(data)


class _Conn(TConn):
    deadline = math.inf

    def init(self) -> None:
        fresh = not self.initialized
        super().init()
        if fresh:
            self.parser.unreader.sock = _Reads(self)  # gunicorn reads requests only through the unreader


class _Shares:
    """How many connections each worker holds, in memory they all share (an anonymous mmap, made before the fork).

    A kept-alive connection stays with the worker that accepted it, and gunicorn's workers accept whatever
    arrives first: measured, 8 connections (wrk, c=8) split 4-4, 5-3, 6-2 or 8-0 between 2 workers from one
    run to the next, and with 8-0 the server served a third as much (one process: one core). So a worker
    takes a connection beyond its threads only while no worker holds fewer (``_Worker.worker_connections``).
    """

    def __init__(self, slots: int):
        self._memory = mmap.mmap(-1, 4 * slots)
        self.counts = memoryview(self._memory).cast("i")
        for slot in range(slots):
            self.counts[slot] = -1  # no worker there

    def claim(self) -> int | None:
        """A free slot, counting 0 (the master's, before each fork); None when all are taken (a reload's overlap)."""
        slot = next((i for i, held in enumerate(self.counts) if held < 0), None)
        if slot is not None:
            self.counts[slot] = 0
        return slot

    def release(self, slot: int | None) -> None:
        if slot is not None:
            self.counts[slot] = -1

    def fewest(self) -> int:
        return min(held for held in self.counts if held >= 0)


class _Worker(ThreadWorker):
    """gunicorn's gthread worker, with an idle timeout and a deadline on every request a client sends, its share
    of the connections (``_Shares``), and requests served in its polling thread when that cannot block (``inline``).

    gthread hands every request from its polling thread to a pool thread and back (a queue, then a pipe): two
    wake-ups and two hand-overs of the GIL a request. Measured on 2 cores (serve's defaults, c=8, A/B over 5
    rounds): get p99 16.9 -> 13.9 ms, list 19.7 -> 17.8, create 27.1 -> 21.1, throughput up 12-15%. What could
    block still goes to the pool: a request still arriving (a slow client holds a pool thread, not the worker),
    and every request while ``inline()`` says no. A new connection waits on the poller until it is readable,
    not in a pool thread. While the polling thread serves, it does not tell gunicorn's master it is alive: a
    single request of more than gunicorn's timeout (30 s) would have its worker restarted.
    """

    shares: _Shares | None = None
    slot: int | None = None
    #: whether a request that has wholly arrived may be served in the polling thread now; None: never
    inline: Callable[[], bool] | None = None
    _held = 0
    _limit = 0

    @property
    def nr_conns(self) -> int:
        return self._held

    @nr_conns.setter
    def nr_conns(self, value: int) -> None:  # gthread counts its connections here: the others see it at once
        self._held = value
        if self.shares is not None and self.slot is not None:
            self.shares.counts[self.slot] = value

    @property
    def worker_connections(self) -> int:
        """gthread accepts while it holds fewer than this: the configured limit while this worker has a thread
        without a connection or no worker holds fewer connections than it does, else what it holds."""
        if self.shares is None or self.slot is None or self._held < self.cfg.threads:
            return self._limit
        return self._limit if self._held <= self.shares.fewest() else self._held

    @worker_connections.setter
    def worker_connections(self, value: int) -> None:
        self._limit = value

    def accept(self, listener: socket.socket) -> None:
        """Every connection waiting, not one a wake-up (gthread takes one a turn of its loop)."""
        while self.nr_conns < self.worker_connections:
            before = self.nr_conns
            super().accept(listener)
            if self.nr_conns == before:  # nothing more to accept (gthread passes over EAGAIN)
                return

    def _serve_here(self, conn: _Conn) -> None:
        """Serve one request in the polling thread, then accept every connection waiting.

        Otherwise a connection waits to be accepted until this turn of the loop has served every ready one: 64
        clients connecting at once waited up to 1.3 s for a first answer (a get's p99 at c=64: 0.7 s, not 0.13 s).
        """
        done: Future = Future()
        done.set_result(self.handle(conn))
        self.finish_request(conn, done)
        if self._accepting:
            for listener in self.sockets:
                self.accept(listener)

    def enqueue_req(self, conn: TConn) -> None:
        conn.__class__ = _Conn  # gthread builds TConn itself; this is the one place to reach it
        if self.inline is None:
            return super().enqueue_req(conn)
        buffered = conn.parser is not None and conn.parser.unreader.buf.getvalue()  # read ahead: not in the socket
        if not buffered and _arrived(conn.sock):
            conn.data_ready = True  # gthread would otherwise wait for data on a new connection, in a new selector
            if self.inline():
                return self._serve_here(conn)
        elif not buffered and not conn.initialized and not conn.data_ready:
            # Just accepted, nothing sent yet (the usual case: a client connects, then writes): wait on the poller,
            # as gthread waits for a connection that stays silent, and look again when it is readable.
            conn.timeout = time.monotonic() + self.cfg.keepalive
            self.pending_conns.append(conn)
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn))
            return
        super().enqueue_req(conn)

    def handle(self, conn: _Conn):
        conn.deadline = time.monotonic() + REQUEST_SECONDS  # a thread is committed to this request from here
        return super().handle(conn)

    def handle_error(self, req, client, addr, exc: Exception) -> None:
        """A request gunicorn cannot parse is answered in Graph's envelope, not with gunicorn's HTML page."""
        if not isinstance(exc, http_errors.ParseException) or isinstance(exc, _NOT_THE_CLIENTS):
            return super().handle_error(req, client, addr, exc)
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        try:
            util.write_nonblock(client, front_end_reply(_KINDS.get(type(exc), "malformed")))
        except OSError:
            self.log.debug("Failed to send error message.")


class _Logger(Logger):
    def access(self, resp, req, environ: dict, request_time) -> None:
        """One line a request, ``METHOD /path STATUS request-id=…``, the line the fixture's and Windows' server write.

        Not through gunicorn's ``access_log_format``: for any format it builds every atom there is (a timestamp,
        the whole environ, every request and response header), 35-45 µs of each request for the four shown here.
        """
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        request_id = next((value for name, value in resp.headers if name.lower() == "request-id"), "-")
        self.access_log.info(ACCESS_LINE, environ.get("REQUEST_METHOD", "-"), environ.get("PATH_INFO", "-"), status,
                             request_id)

    def exception(self, msg: str, *args, **kwargs) -> None:
        """A client that went silent or crawled is the client's doing: one warning line, not a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, RequestTooSlow):
            self.warning("closed a connection: %s", error)
            return
        if isinstance(error, TimeoutError):
            self.warning("closed a connection silent for %ss in the middle of a request", CLIENT_IDLE_SECONDS)
            return
        super().exception(msg, *args, **kwargs)


class _Gunicorn(BaseApplication):
    def __init__(self, app: Flask, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings or key not in _IF_KNOWN:
                self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def run(app: Flask, *, host: str, port: int, workers: int, threads: int, banner: str,
        sock: socket.socket | None = None, inline: Callable[[], bool] | None = None) -> None:
    """Serve ``app`` until interrupted; prints the base URL once the socket is bound.

    ``inline``, called in a worker before each request that has wholly arrived, says whether the app may answer it
    in the worker's polling thread (``_Worker``): it must say no whenever the app could wait (a fault's delay), as
    the worker's other connections wait meanwhile. None serves every request in a pool thread, as gthread does.

    ``sock`` is a socket already bound to ``host``:``port`` (``mockgraph.ports.bind``): gunicorn
    then listens on it instead of binding, so a bad address was reported before gunicorn started
    and a port 0 is the one already picked. It is handed over: do not use or close it afterwards.
    """
    bind_host = f"[{host}]" if ":" in host else host
    bind = f"{bind_host}:{port}" if sock is None else f"fd://{sock.detach()}"  # gunicorn closes the fd it is given
    _log_to_stderr()

    def when_ready(server) -> None:
        bound = server.LISTENERS[0].sock.getsockname()[1]
        print(f"mockgraph: Microsoft Graph mock on http://{bind_host}:{bound}/v1.0 ({banner})",
              file=sys.stderr, flush=True)

    shares = _Shares(2 * workers) if workers > 1 else None  # twice: a reload starts new workers before the old stop

    def pre_fork(server, worker: _Worker) -> None:
        worker.inline = inline
        if shares is not None:
            worker.shares, worker.slot = shares, shares.claim()

    def child_exit(server, worker: _Worker) -> None:
        if shares is not None:
            shares.release(worker.slot)

    # What is built by now (the imports, the app) lives as long as the workers: out of the collector's reach before
    # they fork, a worker's collections neither walk it (a full one took ~15 ms) nor write to its pages, which each
    # worker would otherwise copy (copy-on-write) as its first requests ran. Measured: launch to a first 201 0.91x.
    gc.freeze()
    _Gunicorn(app, {
        "bind": bind,
        "workers": workers,
        "worker_class": _Worker,
        "logger_class": _Logger,
        "threads": threads,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "warning",
        "graceful_timeout": 3,
        # gunicorn closes an idle kept-alive connection after 2 s; a test suite pausing about that
        # long between calls then races the close and loses a POST. Idle connections cost no thread.
        "keepalive": 75,
        "when_ready": when_ready,
        "pre_fork": pre_fork,
        "child_exit": child_exit,
        "proc_name": "mockgraph",
        "control_socket_disable": True,
    }).run()
