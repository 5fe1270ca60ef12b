"""Compiled rules, cached between runs.

Loading the bundled rules parses 50-odd YAML files, validates each rule against
the JSON Schema (importing jsonschema) and compiles every kind: about half a
second on every run, for files that rarely change. The first run stores the
compiled rules (a pickle) in the user cache directory; later runs load that
and never import jsonschema or parse YAML.

The cache key covers everything the compiled rules depend on, so a change to
any of it builds a new entry on the next run, without a command:

- the version, the Python version and the engine's code (path, size and
  modification time of each module: an edited checkout counts as changed);
- the content of every rule file read (bundled and the config's rule paths,
  in their order), of ``rules/schema.json`` and of the message catalogues and
  lexicons in ``locales/``.

An entry is written to a temporary file and renamed into place, so two
processes that build it at once each write a whole file and readers never see
half of one. A missing, unreadable or stale entry is rebuilt. Only files that
the current user owns and nobody else can write are loaded.

``XHSLINT_CACHE_DIR`` moves the cache; ``XHSLINT_NO_CACHE=1`` (or an empty
``XHSLINT_CACHE_DIR``) turns it off. Validation-only commands (``rules
validate``) always load the files themselves.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ..core.resources import LOCALES_DIR, PACKAGE_ROOT, SCHEMA_PATH, cache_dir
from ..core.version import __version__
from .model import Rule

PREFIX = "rules-"
SUFFIX = ".pickle"
KEEP = 8  # entries kept (several checkouts or versions side by side)
CODE_DIRS = ("linter",)


def _code_fingerprint(digest) -> None:
    for folder in CODE_DIRS:
        for path in sorted((PACKAGE_ROOT / folder).rglob("*.py")):
            stat = path.stat()
            digest.update(f"{path.relative_to(PACKAGE_ROOT)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())


def _content(digest, path: Path) -> None:
    digest.update(f"{path}\n".encode())
    digest.update(hashlib.sha256(path.read_bytes()).digest())


def cache_key(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    digest.update(f"{__version__}:{sys.version_info[:2]}:{pickle.HIGHEST_PROTOCOL}\n".encode())
    _code_fingerprint(digest)
    for path in files:
        _content(digest, Path(path).resolve())
    _content(digest, SCHEMA_PATH)
    for path in sorted(LOCALES_DIR.rglob("*.yaml")):
        _content(digest, path)
    return digest.hexdigest()[:32]


def _trusted(path: Path) -> bool:
    """Owned by this user and writable by nobody else (pickles run code when loaded)."""
    if not hasattr(os, "getuid"):
        return True
    stat = path.stat()
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def _read(path: Path) -> list[Rule] | None:
    try:
        if not _trusted(path):
            return None
        with open(path, "rb") as stream:
            rules = pickle.load(stream)
    except Exception:  # a missing, truncated or foreign entry: rebuild it
        return None
    if not isinstance(rules, list) or not all(isinstance(r, Rule) for r in rules):
        return None
    return rules


def _write(folder: Path, path: Path, rules: list[Rule]) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=PREFIX, suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as stream:
                pickle.dump(rules, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(folder, keep=path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a read-only home or an unpicklable user rule: run without the cache


def _prune(folder: Path, keep: Path) -> None:
    entries = sorted(folder.glob(f"{PREFIX}*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in entries if p != keep][KEEP - 1 :]:
        old.unlink(missing_ok=True)


def cached(files: list[Path], build: Callable[[], list[Rule]]) -> list[Rule]:
    """The rules ``build`` compiles from ``files``, from the cache when it holds them."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        path = folder / f"{PREFIX}{cache_key(files)}{SUFFIX}"
    except OSError:  # a file vanished while hashing: let the loader report it
        return build()
    rules = _read(path)
    if rules is None:
        rules = build()
        _write(folder, path, rules)
    return rules
