"""Writing files atomically: a temporary file beside the target, then
``os.replace``, so a reader never sees half a file and a failed run leaves the
old one untouched. Used by ``--output`` and by ``--fix``."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import XhslintError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_open(path: str, binary: bool = False) -> Iterator[IO]:
    """Write through the yielded handle; the file appears only on success.

    An existing file keeps its permissions; a new one gets the usual (0666
    less the umask). Something that is not a regular file (``/dev/null``, a
    pipe) is written directly. OSError becomes an XhslintError naming the file.
    """
    target = Path(path)
    if target.exists() and not target.is_file():  # /dev/null, a named pipe: not replaceable
        try:
            with open(target, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as handle:
                yield handle
        except OSError as exc:
            raise XhslintError(f"cannot write file ({exc.strerror or exc})", path) from None
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise XhslintError(f"cannot write file ({exc.strerror or exc})", path) from None
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise XhslintError(f"cannot write file ({exc.strerror or exc})", path) from None
        raise


def write_atomic(path: str, data: bytes) -> None:
    with atomic_open(path, binary=True) as handle:
        handle.write(data)
