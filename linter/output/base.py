"""What every output format shares: JSON written safely for line-based tools, the
summary counts kept while results stream past, the ``Writer`` each format
subclasses and the ``Spool`` for reports whose header needs totals."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from ..core.errors import XhslintError
from ..engine.diagnostics import FileResult
from ..engine.score import BANDS
from ..rules.model import CATEGORIES, SEVERITIES, Rule
from .json_text import indented

# Characters JSON allows raw but that break line-based tools (U+2028, U+2029, U+0085 are line
# ends to Python's splitlines and to JavaScript) or cannot be encoded (lone surrogates): written
# as \u escapes, which decode back to exactly the same string.
_JSON_ESCAPE = re.compile("[\u2028\u2029\u0085\ud800-\udfff]")


def dump_json(value: Any, indent: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` with the characters above escaped,
    and every line after the first indented by ``indent`` spaces."""
    text = indented(value)
    text = _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.replace("\n", "\n" + " " * indent) if indent else text


class Tally:
    """Counts for the summary, kept while results stream past."""

    def __init__(self) -> None:
        self.files = 0
        self.files_with_findings = 0
        self.severities: Counter[str] = Counter()
        self.categories: Counter[str] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()  # (category, severity)
        self.bands: Counter[str] = Counter()
        self.score_total = 0
        self.score_min: int | None = None
        self.waived = 0

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.files_with_findings += bool(result.diagnostics)
        scored = result.score()
        self.bands[scored.band] += 1
        self.score_total += scored.score
        self.score_min = scored.score if self.score_min is None else min(self.score_min, scored.score)
        for d in result.diagnostics:
            if d.waived:
                self.waived += 1
                continue
            self.severities[d.severity] += 1
            self.categories[d.category] += 1
            self.pairs[d.category, d.severity] += 1

    def summary(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "diagnostics": sum(self.severities.values()),
            "by_severity": {s: self.severities.get(s, 0) for s in SEVERITIES},
            "by_category": {c: self.categories[c] for c in self.sorted_categories()},
            "bands": {b: self.bands.get(b, 0) for b in BANDS},
            "score": {
                "mean": round(self.score_total / self.files, 1) if self.files else None,
                "min": self.score_min,
            },
            "waived": self.waived,
        }

    def sorted_categories(self) -> list[str]:
        """Categories with findings: the known ones in their order, then others."""
        known = [c for c in CATEGORIES if self.categories.get(c)]
        return known + sorted(c for c in self.categories if c not in CATEGORIES)


def summary(results: Iterable[FileResult]) -> dict[str, Any]:
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.summary()


class Writer:
    """Writes one report to ``out``: ``add`` each result, then ``close``. A ``binary`` writer
    (the xlsx workbook) gets a binary handle."""

    binary = False

    def __init__(
        self,
        out: TextIO,
        locale: str,
        color: bool = False,
        unit: str = "files",
        docs_url: str | None = None,
        title: str | None = None,
        target: str | None = None,
    ) -> None:
        self.out = out
        self.locale = locale
        self.color = color
        self.unit = unit  # what a result is, in the summary: "files", or "notes" for batch rows
        self.tally = Tally()
        self.docs_url = docs_url  # where the rule pages are published (rules/references.py)
        self.title = title  # the report's title (--title: a campaign's name), for formats that show one
        self.target = target  # the -o path (None: stdout), for formats that write a file beside it

    def add(self, result: FileResult) -> None:
        self.tally.add(result)
        self.write(result)

    def write(self, result: FileResult) -> None:
        raise NotImplementedError

    def close(self, rules: Iterable[Rule] = (), errors: Sequence[XhslintError] = ()) -> None:
        """Finish the report. ``rules``: every rule the run used (for formats
        that describe them); ``errors``: the input errors (also on stderr)."""


class Spool:
    """The body of a report whose header needs totals: written to a temporary
    file (in memory while small) and copied out after the header."""

    def __init__(self) -> None:
        import tempfile  # only the reports that need totals first spool

        self.file = tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8")  # noqa: SIM115

    def write(self, text: str) -> None:
        self.file.write(text)

    def copy_to(self, out: TextIO) -> None:
        self.file.seek(0)
        import shutil

        shutil.copyfileobj(self.file, out)
        self.file.close()
