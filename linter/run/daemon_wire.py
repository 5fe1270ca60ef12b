"""The wire of ``xhslint daemon``, shared by the server (``daemon.py``) and the client
(``client.py``): where the socket is, and length-prefixed messages that carry file
descriptors. Messages are ``marshal`` data (dicts, lists, strings and numbers):
built in, so a client imports no encoder, and the server reads them only from
connections of its own user. Standard library only, and only the light parts of it, because
every ``xhslint lint`` that a daemon serves imports this module before anything else.
"""

from __future__ import annotations

import _socket
import marshal
import os
import struct
from array import array

MAX_REQUEST = 4 * 1024 * 1024  # argv and environment
STALE = b"S\n"


def socket_file() -> str:
    """``$XHSLINT_DAEMON_SOCKET``, else ``$XDG_RUNTIME_DIR/xhslint/daemon.sock``, else
    ``daemon.sock`` in ``xhslint-UID`` in the temporary folder."""
    configured = os.environ.get("XHSLINT_DAEMON_SOCKET")
    if configured:
        return configured
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "xhslint", "daemon.sock")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return os.path.join(_temporary_folder(), f"xhslint-{uid}", "daemon.sock")


def _temporary_folder() -> str:
    # tempfile.gettempdir()'s environment variables, without importing tempfile (and random)
    for name in ("TMPDIR", "TEMP", "TMP"):
        value = os.environ.get(name)
        if value and os.path.isdir(value):
            return value
    return "/tmp"


def supported() -> bool:
    return hasattr(_socket, "AF_UNIX") and hasattr(_socket, "SCM_RIGHTS") and hasattr(os, "fork")


def connect(path: str, timeout: float):
    """A Unix stream socket connected to ``path``: ``_socket``'s own type, because
    ``socket.py`` (and the selectors it imports) would be most of a client's imports."""
    conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        conn.settimeout(timeout)
        conn.connect(path)
    except BaseException:
        conn.close()
        raise
    return conn


def send_message(conn, payload: dict, fds: list[int] | None = None) -> None:
    data = marshal.dumps(payload)
    frame = struct.pack("!I", len(data)) + data
    if fds:
        ancillary = [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, array("i", fds))]
        sent = conn.sendmsg([frame], ancillary)
        if sent < len(frame):
            conn.sendall(frame[sent:])
    else:
        conn.sendall(frame)


def receive_message(conn, max_fds: int = 3) -> tuple[dict, list[int]]:
    item_size = array("i").itemsize
    data, ancillary, _flags, _addr = conn.recvmsg(65536, _socket.CMSG_LEN(max_fds * item_size))
    fds = array("i")
    for level, kind, payload in ancillary:
        if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS:
            fds.frombytes(payload[: len(payload) - (len(payload) % item_size)])
    if len(data) < 4:
        data += _exactly(conn, 4 - len(data))
    (size,) = struct.unpack("!I", data[:4])
    if size > MAX_REQUEST:
        raise ValueError("request too large")
    body = data[4:]
    if len(body) < size:
        body += _exactly(conn, size - len(body))
    try:
        payload = marshal.loads(body[:size])
    except (EOFError, TypeError, ValueError):
        raise ValueError("not a request") from None
    if not isinstance(payload, dict):
        raise ValueError("not a request")
    return payload, list(fds)


def read_line(conn, pending: bytearray) -> bytes:
    """One line (with its newline) from ``conn``, ``pending`` holding what was read past
    the last one; what is left at the end of the stream when it closes."""
    while True:
        end = pending.find(b"\n")
        if end >= 0:
            line = bytes(pending[: end + 1])
            del pending[: end + 1]
            return line
        chunk = conn.recv(4096)
        if not chunk:
            line = bytes(pending)
            pending.clear()
            return line
        pending += chunk


def _exactly(conn, size: int) -> bytes:
    chunks = []
    while size > 0:
        chunk = conn.recv(min(size, 65536))
        if not chunk:
            raise ConnectionError("connection closed")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
