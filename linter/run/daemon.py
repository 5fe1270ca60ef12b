"""``xhslint daemon``: a resident, warm process that ``xhslint lint`` uses when it runs.

A cold ``xhslint lint`` spends most of its time importing the engine, loading
the compiled rules and the segmenter's dictionary. Editors and pre-commit hooks
run it again and again on small files; like dmypy or eslint_d, the daemon pays
that once. It is opt-in (``xhslint daemon start``) and Unix-only.

How a run works: the client (``client.py``, which imports almost nothing) sends
its arguments, working directory and environment over a Unix socket, with its
stdin, stdout and stderr attached as file descriptors. The daemon forks; the
child takes those descriptors, directory and environment and runs the ordinary
command line in them, so output, colours, ``-o`` files and exit codes are those
of a run without the daemon. The child tells the client its pid (so Ctrl-C
reaches it) and, at the end, its exit code.

Safety: the socket lives in a directory only the user can enter
(``$XDG_RUNTIME_DIR/xhslint`` or ``/tmp/xhslint-UID``), is mode 0600, and the
daemon serves only connections from its own user (``SO_PEERCRED`` where the
system has it). Freshness: before each run the daemon compares the size and
modification time of its code, the bundled rules, the locales and their folders
(what ``rules/cache.py``'s key reads) with those it started with; when anything
changed it answers "stale" and exits,
and the client runs the command itself. ``XHSLINT_DAEMON=off`` makes a client
ignore a running daemon; ``XHSLINT_DAEMON_SOCKET`` moves the socket.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .daemon_wire import STALE, receive_message, send_message, socket_file, supported

__all__ = ["STALE", "receive_message", "send_message", "socket_path", "supported"]

START_TIMEOUT_S = 60.0
# the server process: the command line's hidden ``daemon serve`` (it passes itself in as the entry)
SERVE = "import sys; from xhslint.cli import run; run(sys.argv[1:])"


def socket_path() -> Path:
    return Path(socket_file())


# ------------------------------------------------------------------ server


def watched() -> list[str]:
    from ..rules.cache import watched_paths
    from ..rules.loader import rule_paths

    return watched_paths(rule_paths(()))


def fingerprint(paths: list[str]) -> tuple:
    """The size and time of everything the compiled rules depend on (stat only: about a
    millisecond before each run, where hashing the files' content took 13 ms)."""
    from ..rules.cache import stat_signature

    return stat_signature(paths)


def warm_up(entry: Callable[[list[str]], None]) -> None:
    """Run one ordinary lint of a Chinese and English note in-process, so every
    module, the compiled rules, the segmenter and the English data a common run
    needs are loaded before serving."""
    import contextlib
    import io

    with tempfile.TemporaryDirectory(prefix="xhslint-daemon-") as folder:
        note = Path(folder) / "note.txt"
        note.write_text(
            "这款面霜是全网最低价，姐妹们冲！\nUse my code GLOW20 at the link.\n", encoding="utf-8"
        )
        quiet = (contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()))
        with quiet[0], quiet[1], contextlib.suppress(SystemExit):
            entry(["lint", "--exit-zero", str(note)])


def _peer_is_me(conn: socket.socket) -> bool:
    if not hasattr(socket, "SO_PEERCRED"):
        return True  # the socket's directory and mode already keep other users out
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid == os.getuid()


def _reap(*_args) -> None:
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


def serve(path: Path, entry: Callable[[list[str]], None]) -> int:
    """Bind, warm up, answer requests until stopped or stale. ``entry`` runs the
    command line on arguments (``cli.run``; the command line passes it in)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    warm_up(entry)
    # Everything loaded so far is shared with the forked runs: moved out of the collector's
    # sight, so a collection never touches (and copy-on-write copies) those pages.
    gc.collect()
    gc.freeze()
    paths = watched()
    started_with = fingerprint(paths)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    path.unlink(missing_ok=True)
    old_mask = os.umask(0o177)
    try:
        server.bind(str(path))
    finally:
        os.umask(old_mask)
    server.listen(16)
    signal.signal(signal.SIGCHLD, _reap)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    started, served = time.time(), 0
    os.chdir("/")
    spare = _Spare(server, entry)
    try:
        while True:
            try:
                conn, _ = server.accept()
            except InterruptedError:
                continue
            with conn:
                if not _peer_is_me(conn):
                    continue
                try:
                    request, fds = receive_message(conn)
                except (OSError, ValueError):
                    continue
                command = request.get("cmd", "run")
                if command == "status":
                    send_message(
                        conn, {"pid": os.getpid(), "uptime": time.time() - started, "served": served}
                    )
                    continue
                if command == "stop":
                    send_message(conn, {"stopped": os.getpid()})
                    return 0
                if fingerprint(paths) != started_with:
                    conn.sendall(STALE)
                    for fd in fds:
                        os.close(fd)
                    return 0
                served += 1
                if spare.hand(conn, request, fds):
                    for fd in fds:
                        os.close(fd)
                else:
                    _fork_run(server, conn, request, fds, entry)
            # the next spare, forked once this connection is closed here (it must not hold it)
            spare = _Spare(server, entry)
    finally:
        spare.discard()
        server.close()
        path.unlink(missing_ok=True)


class _Spare:
    """A child forked ahead of the next request, already warm: it ran one quiet lint of its
    own (so the pages a run writes are copied before a client waits), then waits on a
    socket pair for the client's connection, descriptors and request. Forking and those
    first-touch copies took about 15 ms of a 25 ms served run."""

    def __init__(self, server: socket.socket, entry: Callable[[list[str]], None]) -> None:
        self.link: socket.socket | None = None
        parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            parent_end.close()
            _child(server, entry, lambda: _await_request(child_end, entry))
        child_end.close()
        self.link = parent_end

    def hand(self, conn: socket.socket, request: dict, fds: list[int]) -> bool:
        """Pass a request to the spare; False when it is gone (the caller forks one)."""
        link, self.link = self.link, None
        if link is None:
            return False
        try:
            send_message(link, request, [conn.fileno(), *fds])
            return link.recv(1) == b"+"
        except OSError:
            return False
        finally:
            link.close()

    def discard(self) -> None:
        if self.link is not None:
            self.link.close()  # the spare sees the pair close and exits
            self.link = None


def _await_request(link: socket.socket, entry: Callable[[list[str]], None]) -> tuple:
    warm_up(entry)
    try:
        request, fds = receive_message(link, max_fds=4)  # the connection and its three stdio
    except (OSError, ValueError):
        os._exit(0)  # the daemon stopped or went stale before a request came
    if len(fds) != 4:
        os._exit(3)
    with contextlib.suppress(OSError):
        link.sendall(b"+")
    link.close()
    conn = socket.socket(fileno=fds[0])
    return conn, request, fds[1:]


def _fork_run(
    server: socket.socket,
    conn: socket.socket,
    request: dict,
    fds: list[int],
    entry: Callable[[list[str]], None],
) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        for fd in fds:
            os.close(fd)
        return
    _child(server, entry, lambda: (conn, request, fds))


def _child(server: socket.socket, entry: Callable[[list[str]], None], get: Callable[[], tuple]) -> None:
    """A forked child: ``get()`` gives it a client's connection, request and stdio
    descriptors; it becomes the client's process for one command, then exits."""
    code = 3
    gc.disable()  # one short command, then os._exit: collecting would only copy shared pages
    conn = None
    try:
        server.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        conn, request, fds = get()
        for target, fd in zip((0, 1, 2), fds, strict=False):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        _streams(request.get("streams") or {})
        conn.sendall(f"P {os.getpid()}\n".encode())
        code = _run_cli(request["argv"], entry)
    except BaseException:
        code = 3
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            pass
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.sendall(f"X {code}\n".encode())
        os._exit(code)


def _streams(spec: dict) -> None:
    """sys.stdin/stdout/stderr over the client's descriptors, with the client's
    encodings, and line-buffered where they are terminals (as Python sets them up)."""
    import io

    def wrap(fd: int, mode: str, name: str):
        encoding, errors = (spec.get(name) or ["utf-8", "strict"])[:2]
        raw = io.FileIO(fd, mode, closefd=False)
        tty = os.isatty(fd)
        if mode == "r":
            return io.TextIOWrapper(io.BufferedReader(raw), encoding=encoding, errors=errors)
        return io.TextIOWrapper(
            io.BufferedWriter(raw), encoding=encoding, errors=errors, line_buffering=tty, write_through=tty
        )

    sys.stdin = wrap(0, "r", "stdin")
    sys.stdout = wrap(1, "w", "stdout")
    sys.stderr = wrap(2, "w", "stderr")


def _run_cli(argv: list[str], entry: Callable[[list[str]], None]) -> int:
    sys.argv = ["xhslint", *argv]
    try:
        entry(argv)
    except SystemExit as done:
        if done.code is None:
            return 0
        if isinstance(done.code, int):
            return done.code
        print(done.code, file=sys.stderr)
        return 1
    return 0


# ------------------------------------------------------------------ control


def _request(payload: dict, timeout: float = 5.0) -> dict | None:
    path = socket_path()
    if not path.exists():
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(str(path))
            send_message(conn, payload)
            return receive_message(conn)[0]
    except (OSError, ValueError):
        return None


def status() -> dict | None:
    return _request({"cmd": "status"})


def stop() -> dict | None:
    answer = _request({"cmd": "stop"})
    deadline = time.monotonic() + 10
    while answer and socket_path().exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return answer


def start() -> tuple[dict | None, bool]:
    """Start the daemon unless it runs; (its status, whether this call started it)."""
    running = status()
    if running:
        return running, False
    path = socket_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    log = path.parent / "daemon.log"
    with open(log, "ab") as stream:
        subprocess.Popen(
            [sys.executable, "-c", SERVE, "daemon", "serve", str(path)],
            stdin=subprocess.DEVNULL,
            stdout=stream,
            stderr=stream,
            start_new_session=True,
            close_fds=True,
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        running = status()
        if running:
            return running, True
        time.sleep(0.05)
    return None, True
