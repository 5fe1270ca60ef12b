"""The per-partition function every distributed path runs: plain Python, no Dask import, picklable
by reference (a worker needs only xhslint installed).

``lint_partition(records, start=1, rows=..., **options)`` lints the records of one partition and
yields one dict per note (or per finding). The linter comes from ``linter_for``, cached per
process, so a worker builds it (rules, automaton, segmenter) once and every later partition and
task on that worker finds it warm. ``start`` is the 1-based position of the partition's first
record in the whole input: a record without an ``id`` is named ``#position``, exactly as
``lint_many`` names it, so results are the same in any partitioning.

Rows (``rows=``):

- ``"entries"``: the JSON contract's entry of each note (``files[]`` of ``--format json``).
- ``"notes"``: one flat row per note: ``NOTE_COLUMNS`` (counts by severity, score, band,
  verdict; ``error`` set, the rest empty, when the record could not be linted).
- ``"findings"``: one flat row per finding: ``FINDING_COLUMNS`` (the note's ``path`` and the
  diagnostic's contract fields); a record that could not be linted is one row with ``error``.

A bad record (not a mapping or string, a cell too large, ...) is reported for that record and
the rest of the partition is still linted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..api import _options
from ..core.errors import XhslintError
from ..engine.diagnostics import FileResult
from ..output import tables
from ..run.caches import linter_for
from ..run.items import ItemJobs
from ..run.jobs import Job, run_job

ROWS = ("entries", "notes", "findings")
# the flat tables of output/tables.py, and ``error``: why a record could not be linted
NOTE_COLUMNS: dict[str, str] = {**tables.NOTE_COLUMNS, "error": "string"}
FINDING_COLUMNS: dict[str, str] = {**tables.FINDING_COLUMNS, "error": "string"}
OPTION_NAMES = ("kind", "vertical", "lang", "select", "ignore", "brand_terms", "rule_paths", "commercial")


def check_rows(rows: str, allowed: tuple[str, ...] = ROWS) -> None:
    if rows not in allowed:
        raise ValueError(f"rows must be one of {', '.join(allowed)}, not {rows!r}")


def columns(rows: str) -> dict[str, str]:
    return NOTE_COLUMNS if rows == "notes" else FINDING_COLUMNS


def lint_partition(
    records: Iterable[Any],
    *,
    start: int = 1,
    rows: str = "entries",
    locale: str = "en",
    markdown: bool = False,
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """Lint one partition's records (strings, mappings with batch columns, or Documents);
    ``options`` are ``lint_many``'s (kind, vertical, lang, select, ignore, brand_terms,
    rule_paths, commercial). Yields dicts as ``rows`` says, lazily, in record order."""
    check_rows(rows)
    unknown = set(options) - set(OPTION_NAMES)
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    to_job = _jobs(markdown, options)
    for number, record in enumerate(records, start):
        try:
            job: Job | XhslintError = to_job(number, record)
        except XhslintError as error:
            job = error
        done = run_job(job)
        if done.error is not None or done.result is None:
            failure = done.error or XhslintError("no result")
            yield _error_row(rows, failure.path or f"#{number}", failure.message)
            continue
        yield from _rows(rows, done.result, locale)


def _jobs(markdown: bool, options: dict[str, Any]) -> ItemJobs:
    """The job builder for these options; the linter it needs is built here (once per process:
    ``linter_for`` is cached), so a bad selector fails before any record."""
    engine_options = _options(
        options.get("kind", "auto"),
        options.get("vertical"),
        options.get("lang", "auto"),
        tuple(options.get("select", ())),
        tuple(options.get("ignore", ())),
        tuple(options.get("brand_terms", ())),
        options.get("commercial"),
    )
    paths = tuple(options.get("rule_paths", ()))
    linter_for(engine_options, paths)
    return ItemJobs(engine_options, paths, markdown)


def _rows(rows: str, result: FileResult, locale: str) -> Iterator[dict[str, Any]]:
    if rows == "entries":
        yield result.to_json(locale)
    elif rows == "notes":
        yield {**tables.note_row(result), "error": None}
    else:
        for row in tables.finding_rows(result, locale):
            yield {**row, "error": None}


def _error_row(rows: str, path: str, message: str) -> dict[str, Any]:
    if rows == "entries":
        return {"path": path, "error": message}
    row: dict[str, Any] = dict.fromkeys(columns(rows))
    row["path"], row["error"] = path, message
    return row
