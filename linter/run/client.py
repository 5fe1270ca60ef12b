"""The client half of ``xhslint daemon``: hand ``xhslint lint`` to a running daemon.

The console script (``xhslint.main`` in the package ``__init__``) calls
``through_daemon`` before it imports the command line.

This module and ``daemon_wire.py`` import only the standard library's socket layer, so a run that the
daemon serves costs little more than starting Python. Without a daemon (the
usual case: it is opt-in), or when ``XHSLINT_DAEMON=off``, when the daemon is
stale or does not answer, the command line runs in this process as always.
"""

from __future__ import annotations

import contextlib
import os
import sys


def wants_daemon(argv: list[str]) -> bool:
    return argv[:1] == ["lint"] and os.environ.get("XHSLINT_DAEMON", "").lower() not in ("off", "0", "no")


def through_daemon(argv: list[str]) -> int | None:
    """The exit code of the run the daemon made, or None to run here instead."""
    from .daemon_wire import STALE, connect, read_line, send_message, socket_file, supported

    if not supported():
        return None
    path = socket_file()
    if not os.path.exists(path):
        return None
    pending = bytearray()
    try:
        conn = connect(path, timeout=2.0)
    except OSError:
        return None
    try:
        streams = {
            name: [getattr(stream, "encoding", None) or "utf-8", getattr(stream, "errors", None) or "strict"]
            for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr))
        }
        request = {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "streams": streams}
        sys.stdout.flush()
        sys.stderr.flush()
        send_message(conn, request, [0, 1, 2])
        conn.settimeout(None)  # a run takes as long as it takes
        first = read_line(conn, pending)
    except (OSError, ValueError):
        conn.close()
        return None
    if first == STALE or not first.startswith(b"P "):
        conn.close()
        return None  # a daemon that has gone stale exits; this run happens here
    child = int(first[2:])
    try:
        while True:
            try:
                line = read_line(conn, pending)
                break
            except KeyboardInterrupt:
                _forward(child)
    finally:
        conn.close()
    if line.startswith(b"X "):
        return int(line[2:])
    print("xhslint: the daemon stopped during the run (xhslint daemon status)", file=sys.stderr)
    return 2


def _forward(child: int) -> None:
    import signal

    with contextlib.suppress(OSError):
        os.kill(child, signal.SIGINT)
