"""``xhslint --help`` without importing the command line.

Rendering the top-level help imports click and the CLI module, which is most of
what ``xhslint --help`` costs. The rendered text only changes with the CLI module
and the terminal width, so the first ``--help`` stores it in the user cache
directory and later ones print it from there (keyed by xhslint's version, the
CLI module's size and modification time, and the width click would wrap to).
Anything unusual (no cache directory, an untrusted entry, a CLI module that
cannot be found) renders it with click as before.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib.util import find_spec

HELP_ARGS = (["--help"], ["-h"])
KEEP = 4  # widths and versions kept


def _key() -> str | None:
    import shutil

    from ..core.version import __version__

    spec = find_spec("xhslint.cli")
    if spec is None or not spec.origin:
        return None
    stat = os.stat(spec.origin)
    columns = shutil.get_terminal_size().columns  # what click's help formatter reads
    return f"{__version__}-{stat.st_size}-{stat.st_mtime_ns}-{columns}"


def _path(key: str):
    from ..core.resources import cache_dir

    folder = cache_dir()
    return None if folder is None else folder / f"help-{key}.txt"


def cached(render: Callable[[], str]) -> str | None:
    """The top-level help: stored, or ``render()`` (then stored); None when there is no
    cache (the command line renders it itself)."""
    try:
        key = _key()
        path = _path(key) if key else None
    except OSError:
        return None
    if path is None:
        return None
    from ..core.cache_files import prune, read_trusted, write_atomic

    stored = read_trusted(path)
    if stored is not None:
        return stored.decode("utf-8")
    try:
        text = render()
    except Exception:  # let the command line render (and report) it itself
        return None
    if write_atomic(path, text.encode("utf-8")):
        prune(path.parent, "help-*.txt", keep=path, count=KEEP)
    return text
