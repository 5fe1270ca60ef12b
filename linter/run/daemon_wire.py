"""The wire of ``xhslint daemon``, shared by the server (``daemon.py``) and the client
(``client.py``): where the socket is, and length-prefixed JSON messages that carry
file descriptors. Standard library only, and only the light parts of it, because
every ``xhslint lint`` that a daemon serves imports this module before anything else.
"""

from __future__ import annotations

import json
import os
import socket
import struct

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
    return hasattr(socket, "AF_UNIX") and hasattr(socket, "send_fds") and hasattr(os, "fork")


def send_message(conn: socket.socket, payload: dict, fds: list[int] | None = None) -> None:
    data = json.dumps(payload).encode()
    frame = struct.pack("!I", len(data)) + data
    if fds:
        sent = socket.send_fds(conn, [frame], fds)
        if sent < len(frame):
            conn.sendall(frame[sent:])
    else:
        conn.sendall(frame)


def receive_message(conn: socket.socket, max_fds: int = 3) -> tuple[dict, list[int]]:
    data, fds, _flags, _addr = socket.recv_fds(conn, 65536, max_fds)
    if len(data) < 4:
        data += _exactly(conn, 4 - len(data))
    (size,) = struct.unpack("!I", data[:4])
    if size > MAX_REQUEST:
        raise ValueError("request too large")
    body = data[4:]
    if len(body) < size:
        body += _exactly(conn, size - len(body))
    return json.loads(body[:size]), list(fds)


def _exactly(conn: socket.socket, size: int) -> bytes:
    chunks = []
    while size > 0:
        chunk = conn.recv(min(size, 65536))
        if not chunk:
            raise ConnectionError("connection closed")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
