"""Results as flat tables, for analytics (``--format parquet``, ``xhslint.distributed``'s
dataframes): one row per note with counts by severity, score, band and verdict, and one row per
finding with its note's ``path``. Column names and dtypes (pandas/arrow names) are fixed here,
in order; like the JSON contract's fields they are only ever added to."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..engine.diagnostics import FileResult

NOTE_COLUMNS: dict[str, str] = {
    "path": "string",
    "kind": "string",
    "language": "string",
    "vertical": "string",
    "commercial": "string",
    "score": "Int64",
    "band": "string",
    "verdict": "string",
    "errors": "Int64",
    "warnings": "Int64",
    "infos": "Int64",
    "findings": "Int64",
}
FINDING_COLUMNS: dict[str, str] = {
    "path": "string",
    "rule": "string",
    "name": "string",
    "category": "string",
    "severity": "string",
    "message": "string",
    "line": "Int64",
    "column": "Int64",
    "end_line": "Int64",
    "end_column": "Int64",
    "offset": "Int64",
    "length": "Int64",
    "match": "string",
    "suggestion": "string",
}


def note_row(result: FileResult) -> dict[str, Any]:
    scored = result.score()
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in result.diagnostics:
        counts[d.severity] = counts.get(d.severity, 0) + 1
    return {
        "path": result.path,
        "kind": result.kind,
        "language": result.language,
        "vertical": result.vertical,
        "commercial": result.commercial,
        "score": scored.score,
        "band": scored.band,
        "verdict": scored.verdict,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "findings": len(result.diagnostics),
    }


def finding_rows(result: FileResult, locale: str) -> Iterator[dict[str, Any]]:
    for diagnostic in result.diagnostics:
        entry = diagnostic.to_json(locale)
        row = {name: entry.get(name) for name in FINDING_COLUMNS}
        row["path"] = result.path
        yield row
