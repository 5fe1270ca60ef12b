"""Writing files, for every command (``lint -o``, ``--fix``, ``brief render -o``):
a temporary file beside the target, then ``os.replace``, so a reader never
sees half a file and a failed run leaves the old one untouched.

- Only a regular file or a new path is written; a device, a FIFO, a socket or
  a directory is refused (give ``-`` for stdout instead).
- A symlink is followed: its target is rewritten and the link stays a link.
- An existing file keeps its permissions and, where the process may set them,
  its owner and group. A file that replacing would change in another way (it
  has other hard links, or an owner this process cannot give the new file) is
  rewritten in place from the finished temporary file, so its links and owner
  stay; only that copy step is not atomic.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import XhslintError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fail(exc: OSError, path: str) -> XhslintError:
    return XhslintError(f"cannot write file ({exc.strerror or exc})", path)


def writable_target(path: str) -> tuple[Path, os.stat_result | None]:
    """The file to write for ``path`` (a symlink's target) and its current state,
    or XhslintError if it is not a regular file or a new path."""
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target, None
    except OSError as exc:
        raise _fail(exc, path) from None
    if stat.S_ISDIR(info.st_mode):
        raise XhslintError("cannot write file (is a directory)", path)
    if not stat.S_ISREG(info.st_mode):
        what = "not a regular file: a device, pipe or socket"
        raise XhslintError(f"cannot write file ({what}); give a file, or '-' for stdout", path)
    return target, info


@contextlib.contextmanager
def atomic_open(path: str, binary: bool = False) -> Iterator[IO]:
    """Write through the yielded handle; the file changes only on success.
    OSError becomes an XhslintError naming the file."""
    target, info = writable_target(path)
    try:
        import tempfile  # only a run that writes a file

        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _fail(exc, path) from None
    try:
        opened: IO = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8")
        with opened as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if info is None:
            os.chmod(tmp, 0o666 & ~_umask())  # what a plain open() would have given
            os.replace(tmp, target)
        elif info.st_nlink > 1 or not _same_owner(tmp, info):
            _copy_into(tmp, target)
            os.unlink(tmp)
        else:
            os.chmod(tmp, stat.S_IMODE(info.st_mode))
            os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _fail(exc, path) from None
        raise


def _same_owner(tmp: str, info: os.stat_result) -> bool:
    """Give the new file the old one's owner and group; False if not allowed."""
    new = os.stat(tmp)
    if (new.st_uid, new.st_gid) == (info.st_uid, info.st_gid):
        return True
    try:
        os.chown(tmp, info.st_uid, info.st_gid)
    except (PermissionError, AttributeError):
        return False
    return True


def _copy_into(tmp: str, target: Path) -> None:
    """Rewrite ``target`` in place with the bytes of ``tmp`` (same inode)."""
    with open(tmp, "rb") as source, open(target, "r+b") as out:
        while chunk := source.read(1 << 20):
            out.write(chunk)
        out.truncate()
        out.flush()
        os.fsync(out.fileno())


def write_atomic(path: str, data: bytes) -> None:
    with atomic_open(path, binary=True) as handle:
        handle.write(data)
