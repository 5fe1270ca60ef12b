"""``--cache DIR``: results kept between runs, so re-linting a weekly crawl costs only the notes
that changed.

Content-addressed: an entry's key is a SHA-256 of everything a note's result depends on: its
text, title, name and format, the engine options of its config (kind, vertical, selection,
brand lists, rule options, ...), the rules' fingerprint (the compiled-rule cache's key: every
rule file's content, the locales, the schema, the engine's code) and the xhslint version. A
change to any of them is a different key, so nothing is ever invalidated by hand: stale entries
are simply never asked for again (``xhslint`` never deletes them; remove the folder to reclaim
the space).

Stored in one SQLite database (``DIR/results.sqlite3``, write-ahead log), which is safe when
several runs, or a run's workers on one machine, read and write it at once; a shared network
file system is not (SQLite's own caveat): on a cluster, give each machine its own folder or run
the lookups where the command runs, which is what ``xhslint lint`` does. An entry is JSON (the
packed result of ``jobs.pack``, never a pickle), so a cache folder written by someone else can
at worst give wrong findings, never run code. Only notes given as text are cached (batch rows,
stdin); files named on the command line are read and linted as usual, and ``--fix`` never uses
the cache.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..core.errors import ConfigError
from ..core.version import __version__
from ..engine.diagnostics import Diagnostic, Related
from .jobs import Cached, Job

FILE = "results.sqlite3"
FORMAT = 1  # of an entry's JSON; a change makes every key new
LOOKUP_BATCH = 256  # notes looked up per query
WRITE_BATCH = 512  # entries per transaction
BUSY_TIMEOUT_MS = 30_000
OPEN_ATTEMPTS = 20
_FIELDS = tuple(f.name for f in fields(Diagnostic) if f.name != "rule")


class ResultCache:
    def __init__(self, folder: str) -> None:
        self.db = _connect(Path(folder))
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self._pending: list[tuple[str, str]] = []
        self._fingerprints: dict[tuple[str, ...], str] = {}
        self._options: dict[int, tuple[Any, str]] = {}  # id -> (the options, their repr), once each

    # ---------------------------------------------------------------- keys

    @staticmethod
    def holds(job: Job) -> bool:
        """Whether results of jobs like this one are cached: notes given as text, not fixes."""
        return job.text is not None and job.doc is None and not job.fix

    def key(self, job: Job) -> str | None:
        """The entry's key, or None for a job that is not cached (a file, a fix)."""
        if not self.holds(job):
            return None
        fingerprint = self._fingerprints.get(job.rule_paths)
        if fingerprint is None:
            from ..rules.cache import cache_key
            from ..rules.loader import rule_paths

            fingerprint = cache_key(rule_paths(job.rule_paths, True))
            self._fingerprints[job.rule_paths] = fingerprint
        options = self._options.get(id(job.options))
        if options is None or options[0] is not job.options:
            options = self._options[id(job.options)] = (job.options, repr(job.options))
        identity = [
            FORMAT, __version__, fingerprint, options[1], job.rule_paths,
            job.path, job.title, job.text, job.markdown, job.source_format,
        ]  # fmt: skip
        return hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode()).hexdigest()

    # -------------------------------------------------------------- lookups

    def mark(self, items: Iterable[Any]) -> Iterator[Any]:
        """The items, in order, with each job the cache holds replaced by ``Cached``."""
        batch: list[tuple[Any, str | None]] = []
        for item in items:
            batch.append((item, self.key(item) if isinstance(item, Job) else None))
            if len(batch) >= LOOKUP_BATCH:
                yield from self._resolve(batch)
                batch = []
        yield from self._resolve(batch)

    def _resolve(self, batch: list[tuple[Any, str | None]]) -> Iterator[Any]:
        keys = sorted({key for _item, key in batch if key is not None})
        found: dict[str, str] = {}
        if keys:
            marks = ",".join("?" * len(keys))
            try:
                found = dict(self.db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", keys))
            except sqlite3.Error:  # unreadable: lint them
                found = {}
        for item, key in batch:
            packed = _decode(found[key]) if key in found else None
            if packed is not None:
                self.hits += 1
                yield Cached(item, packed)
                continue
            if key is not None:
                self.misses += 1
            yield item

    # --------------------------------------------------------------- writes

    def put(self, job: Job, packed: tuple) -> None:
        key = self.key(job)
        if key is None or packed[0] is None:  # not cached, or an error (never cached)
            return
        self._pending.append((key, _encode(packed)))
        if len(self._pending) >= WRITE_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        try:
            with self.db:  # one transaction; another writer waits for it (busy_timeout)
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", pending)
        except sqlite3.Error:  # a full disk or a locked file: the results are still reported
            pass

    def close(self) -> None:
        self.flush()
        self.db.close()


def _connect(folder: Path) -> sqlite3.Connection:
    """The cache database, made if missing. Two runs that open a new cache at the same moment
    can meet SQLite's lock while one switches the journal to WAL (the busy handler does not
    cover that): the loser waits and tries again."""
    last: Exception | None = None
    for attempt in range(OPEN_ATTEMPTS):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(folder / FILE), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            try:
                db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            except sqlite3.Error:
                db.close()
                raise
            return db
        except sqlite3.OperationalError as exc:
            last = exc
            time.sleep(0.05 * (attempt + 1))
        except (OSError, sqlite3.Error) as exc:
            last = exc
            break
    raise ConfigError(f"cannot use the result cache: {last}", str(folder)) from None


def _encode(packed: tuple) -> str:
    result, _error, original, fixed, fixes = packed
    *head, diagnostics, commercial, commercial_detected, basis, confidence = result
    rows = []
    for rule_id, *values in diagnostics:
        row = dict(zip(_FIELDS, values, strict=True))
        row["related"] = [vars(r) for r in row["related"]]
        rows.append([rule_id, row])
    body = [*head, rows, commercial, commercial_detected, basis, confidence]
    return json.dumps([FORMAT, body, original, fixed, fixes], ensure_ascii=False)


def _decode(value: str) -> tuple | None:
    """The packed result, or None for an entry this version cannot read."""
    try:
        version, body, original, fixed, fixes = json.loads(value)
        if version != FORMAT:
            return None
        *head, rows, commercial, commercial_detected, basis, confidence = body
        diagnostics = []
        for rule_id, row in rows:
            row["reasons"] = tuple(row["reasons"])
            row["related"] = tuple(Related(**r) for r in row["related"])
            diagnostics.append((rule_id, *(row[name] for name in _FIELDS)))
        result = (*head, diagnostics, commercial, commercial_detected, basis, confidence)
    except (ValueError, TypeError, KeyError):
        return None
    return (result, None, original, fixed, fixes)
