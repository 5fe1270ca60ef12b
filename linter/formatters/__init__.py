"""Output formats. Each takes the per-file results and returns the text to print."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ..diagnostics import FileResult
from ..rule import CATEGORIES, SEVERITIES


def summary(results: Sequence[FileResult]) -> dict[str, Any]:
    severities = Counter(d.severity for r in results for d in r.diagnostics)
    categories = Counter(d.category for r in results for d in r.diagnostics)
    return {
        "files": len(results),
        "diagnostics": sum(severities.values()),
        "by_severity": {s: severities.get(s, 0) for s in SEVERITIES},
        "by_category": {c: categories[c] for c in CATEGORIES if categories.get(c)},
    }


Formatter = Callable[[Sequence[FileResult], str, bool], str]


def get_formatter(name: str) -> Formatter:
    if name == "json":
        from .json_format import format_json

        return format_json
    from .text import format_text

    return format_text


FORMATS = ("text", "json")
