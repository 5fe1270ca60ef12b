"""Files in the user cache directory (``resources.cache_dir``): written whole or not at all,
and read only when they are this user's own.

Every cache xhslint keeps (compiled rules, compiled regular expressions, the English
tokenizer's data) goes through here: an entry is written to a temporary file in the
same folder and renamed into place, so two processes writing it at once each write a
whole file and a reader never sees half of one; an entry is trusted only when the
current user owns it and nobody else can write it, because some entries (pickles)
run code when they are loaded.
"""

from __future__ import annotations

import os
from pathlib import Path


def trusted(path: Path) -> bool:
    """Owned by this user and writable by nobody else (False when it cannot be read)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):
        return True
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def read_trusted(path: Path) -> bytes | None:
    """The bytes of a trusted entry, or None (missing, unreadable or not trusted)."""
    if not trusted(path):
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename; False when the
    cache cannot be written (a read-only home: runs go on without the cache)."""
    import tempfile

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
        return True
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False


def prune(folder: Path, pattern: str, keep: Path, count: int) -> None:
    """Keep ``keep`` and the ``count - 1`` newest other entries matching ``pattern``."""
    try:
        entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in [p for p in entries if p != keep][count - 1 :]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
