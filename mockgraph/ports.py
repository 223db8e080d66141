"""The listening socket, bound before the server starts, so a bad address is one clear line at once.

gunicorn binds by itself otherwise, and on a port in use it logs a dozen ERROR lines over five
seconds of retries; on a port out of range it prints a traceback. mockgraph binds here, says what
is wrong in one sentence naming the setting, and hands the bound socket to gunicorn. Only the
standard library's socket module is used, so this works wherever Python does.
"""

from __future__ import annotations

import errno
import os
import socket

PORTS = "0 to 65535 (0 picks a free one)"


class BindError(ValueError):
    """The address cannot be listened on; the message names the problem and the setting to change."""


def _codes(*names: str) -> set[int]:
    """An errno and its Windows socket spelling (WSAEADDRINUSE is not EADDRINUSE there)."""
    return {code for name in names for code in (getattr(errno, name, None), getattr(errno, f"WSA{name}", None))
            if code is not None}


_IN_USE = _codes("EADDRINUSE")
_NOT_LOCAL = _codes("EADDRNOTAVAIL")
_DENIED = _codes("EACCES")


def bind(host: str, port: int, *, host_setting: str = "host", port_setting: str = "port") -> socket.socket:
    """A TCP socket bound to ``host``:``port`` (not yet listening), or a BindError.

    ``host_setting`` and ``port_setting`` name where the values came from (``--port``,
    ``MOCKGRAPH_PORT``) so the message tells the user what to change.
    """
    if not host:
        raise BindError(f"the host is empty ({host_setting}); use 127.0.0.1, or an address of this machine")
    if not 0 <= port <= 65535:
        raise BindError(f"port {port} is out of range ({port_setting}); use {PORTS}")
    try:
        candidates = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:  # the idna codec refuses an empty or overlong label
        reason = exc.strerror if isinstance(exc, socket.gaierror) and exc.strerror else "not a valid host name"
        raise BindError(f"host {host!r} cannot be resolved ({host_setting}): {reason}; "
                        "use an IP address or a name this machine resolves") from None
    error: OSError | None = None
    # IPv4 first, as gunicorn binds a host name: "localhost" then means 127.0.0.1 wherever ::1 is listed first
    for family, kind, proto, _, address in sorted(candidates, key=lambda c: c[0] != socket.AF_INET):
        sock = socket.socket(family, kind, proto)
        try:
            _reuse(sock)
            sock.bind(address)
        except OSError as exc:
            sock.close()
            error = error or exc
            continue
        return sock
    raise _explain(error, host, port, host_setting, port_setting)


def _reuse(sock: socket.socket) -> None:
    """Bind as gunicorn does: on POSIX a port whose old connections linger in TIME_WAIT is free.

    On Windows SO_REUSEADDR would let two servers share a port, so refuse sharing there instead.
    """
    if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
    elif os.name != "nt":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)


def _explain(error: OSError | None, host: str, port: int, host_setting: str, port_setting: str) -> BindError:
    code = getattr(error, "errno", None)
    if code in _IN_USE:
        return BindError(f"port {port} on {host} is in use ({port_setting}); pick another or 0 for a free one")
    if code in _NOT_LOCAL:
        return BindError(f"{host} is not an address of this machine ({host_setting}): cannot assign requested "
                         "address; use 127.0.0.1, or an address this machine has")
    if code in _DENIED:
        return BindError(f"port {port} on {host} needs privileges this user lacks ({port_setting}); "
                         "pick one above 1023 or 0 for a free one")
    reason = getattr(error, "strerror", None) or error or "no address to bind"
    return BindError(f"cannot listen on {host} port {port} ({host_setting}, {port_setting}): {reason}")
