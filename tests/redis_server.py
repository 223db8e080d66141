"""A real ``redis-server`` for the tests: on a free loopback port, in a temporary folder, stopped afterwards.

Never a stand-in: the multi-host tests prove what Redis itself does with WATCH, Lua and a restart. Where
``redis-server`` is not installed the tests that need it skip, saying how to install it.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

INSTALL = "redis-server is not installed (Debian: apt-get install -y redis-server)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port: int, timeout: float = 0.2) -> bool:
    """Whether a Redis on the port answers PING."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """One redis-server process; ``stop()`` and ``start()`` again keep the port and (when persistent) the data."""

    def __init__(self, folder: Path, persistent: bool = False):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.skip(INSTALL)
        self.folder, self.persistent = folder, persistent
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 15.0) -> None:
        # appendfsync always: every write Redis acknowledged is on disk before the reply, so a restart loses none
        keep = ["--appendonly", "yes", "--appendfsync", "always"] if self.persistent else ["--appendonly", "no"]
        args = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
                "--save", "", *keep, "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning"]
        log = open(self.folder / "redis.log", "ab")  # noqa: SIM115 - the process writes it until stop()
        self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.monotonic() + timeout
        while not answers(self.port):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server did not start on port {self.port}:\n{self.log}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()  # SIGTERM: Redis ends its clients' commands, flushes and exits
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    @property
    def log(self) -> str:
        path = self.folder / "redis.log"
        return path.read_text(errors="replace") if path.exists() else ""


@contextlib.contextmanager
def running_redis(persistent: bool = False) -> Iterator[RedisServer]:
    """A started RedisServer in a fresh temporary folder; stopped, and the folder removed, on the way out."""
    with tempfile.TemporaryDirectory(prefix="mockgraph-redis-") as folder:
        server = RedisServer(Path(folder), persistent)
        for attempt in range(3):  # the free port may be taken between choosing and binding it
            try:
                server.start()
                break
            except RuntimeError:
                if attempt == 2:
                    raise
                server.port = free_port()
        try:
            yield server
        finally:
            server.stop()
