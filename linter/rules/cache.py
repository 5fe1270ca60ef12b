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
  lexicons in ``locales/`` (the entry holds those catalogues, parsed, as well).

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
from collections.abc import Callable, Iterable
from pathlib import Path

from ..core import messages, regex_store
from ..core.cache_files import prune, read_trusted, write_atomic
from ..core.resources import LOCALES_DIR, PACKAGE_ROOT, SCHEMA_PATH, cache_dir
from ..core.version import __version__
from .model import Rule

PREFIX = "rules-"
SUFFIX = ".pickle"
KEEP = 8  # entries kept (several checkouts or versions side by side)
CODE_DIRS = ("linter",)


def _inputs(files: Iterable[Path]) -> tuple[list[str], list[str]]:
    """What the compiled rules depend on: the engine's modules (compared by size and time)
    and the files they are built from (by content): the rule files, the schema and the
    locales. Listed with ``os.walk``: pathlib's ``rglob`` and ``resolve()`` took 10 ms."""
    code = [p for folder in CODE_DIRS for p in _walk(PACKAGE_ROOT / folder, ".py")]
    content = [os.path.abspath(p) for p in files] + [str(SCHEMA_PATH), *_walk(LOCALES_DIR, ".yaml")]
    return code, content


def _walk(root: Path, suffix: str) -> list[str]:
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        found += [os.path.join(folder, n) for n in sorted(names) if n.endswith(suffix)]
    return found


def watched_paths(files: Iterable[Path]) -> list[str]:
    """Everything ``cache_key`` reads, and the folders that hold it (their times change
    when a file is added)."""
    code, content = _inputs(files)
    paths = code + content
    return paths + sorted({os.path.dirname(p) for p in paths})


def stat_signature(paths: Iterable[str | Path]) -> tuple:
    """Size and modification time of each path (None for one that is gone): a cheap way
    to see that none of them changed since the signature was taken."""
    out: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            out.append(None)
            continue
        out.append((stat.st_size, stat.st_mtime_ns))
    return tuple(out)


def cache_key(files: Iterable[Path]) -> str:
    code, content = _inputs(files)
    digest = hashlib.sha256()
    digest.update(f"{__version__}:{sys.version_info[:2]}:{pickle.HIGHEST_PROTOCOL}\n".encode())
    for path in code:
        stat = os.stat(path)
        digest.update(f"{os.path.relpath(path, PACKAGE_ROOT)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    for path in content:
        with open(path, "rb") as stream:
            digest.update(f"{path}\n".encode() + hashlib.sha256(stream.read()).digest())
    return digest.hexdigest()[:32]


def _read(path: Path) -> list[Rule] | None:
    data = read_trusted(path)
    if data is None:
        return None
    try:
        rules, catalogues = pickle.loads(data)
    except Exception:  # a truncated or foreign entry: rebuild it
        return None
    if not isinstance(rules, list) or not all(isinstance(r, Rule) for r in rules):
        return None
    if isinstance(catalogues, dict):
        messages.seed(catalogues)
    return rules


def _write(folder: Path, path: Path, rules: list[Rule]) -> None:
    try:
        # the message catalogues too: the key covers locales/, and parsing them is most of
        # building a linter on a cold run
        data = pickle.dumps((rules, messages.all_catalogues()), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return  # an unpicklable user rule: run without the cache
    if write_atomic(path, data):
        prune(folder, f"{PREFIX}*{SUFFIX}", keep=path, count=KEEP)


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
        regex_store.building()  # the patterns of a build are not what later runs compile
        rules = build()
        _write(folder, path, rules)
    return rules
