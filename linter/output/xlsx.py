"""``xhslint lint --format xlsx -o review.xlsx``: a review workbook an agency works in.

- "Notes": one row per document (id, title, creator when the sheet had a creator
  column, score, band as the cell's colour, verdict, counts by severity, the top
  findings as text, then the input's other columns); frozen header, filter row.
- "Findings": one row per finding (fingerprint, id, rule, severity, message in the
  chosen locale, the sentence, the matched text, line, suggestion) and the columns a
  reviewer fills in: status (a drop-down: open, accepted, waived), reviewer, note.
- "Rules": every rule the run used (id, name, category, severity, message, rationale,
  references).

Linted again with ``--baseline review.xlsx`` (run/baseline.py), the reviewers'
columns are carried over by fingerprint (rule, document id, matched text). The
workbook is streamed (openpyxl's write-only mode): a batch of any size is written in
flat memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

from ..core.messages import catalogue
from ..document.batch import creator_of
from ..engine.diagnostics import Diagnostic, FileResult
from ..rules.model import Rule
from .base import Writer as BaseWriter
from .excerpt import sentence_of

NOTE_COLUMNS = ("id", "title", "creator", "score", "band", "verdict", "errors", "warnings", "infos", "waived",
                "top")  # fmt: skip
FINDING_COLUMNS = ("fingerprint", "id", "rule", "severity", "message", "sentence", "match", "line",
                   "suggestion", "status", "reviewer", "note")  # fmt: skip
REVIEW_COLUMNS = ("status", "reviewer", "note")  # what a reviewer fills in; kept by --baseline
RULE_COLUMNS = ("rule", "name", "category", "severity", "message", "rationale", "references")
STATUSES = ("open", "accepted", "waived")
TOP_FINDINGS = 3
BAND_FILLS = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE"}
_WIDTHS = {"id": 22, "title": 30, "top": 80, "message": 70, "sentence": 50, "suggestion": 40, "note": 30,
           "rationale": 70, "references": 40, "fingerprint": 18}  # fmt: skip


def _clean(value: Any) -> Any:
    """Text Excel accepts (no control characters), never read as a formula."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)[:32_000]


class Writer(BaseWriter):
    binary = True

    def __init__(self, out, locale: str, color: bool = False, unit: str = "files", **options) -> None:
        super().__init__(out, locale, color, unit, **options)
        from openpyxl import Workbook

        self.binary_out: BinaryIO = out
        self.cat = catalogue(locale)
        self.book = Workbook(write_only=True)
        self.notes = self.book.create_sheet(self.cat.text("xlsx_notes_sheet"))
        self.findings = self.book.create_sheet(self.cat.text("xlsx_findings_sheet"))
        self.meta_columns: list[str] | None = None  # the first batch row's other columns
        self.note_rows = 0
        self.finding_rows = 0
        for sheet, keys in ((self.notes, NOTE_COLUMNS), (self.findings, FINDING_COLUMNS)):
            for index, key in enumerate(keys):
                sheet.column_dimensions[_letter(index + 1)].width = _WIDTHS.get(key, 12)
            sheet.freeze_panes = "A2"

    # ------------------------------------------------------------ the sheets

    def _header(self, sheet, labels: Iterable[str]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font, PatternFill

        bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8F0FE")
        cells = []
        for label in labels:
            cell = WriteOnlyCell(sheet, value=_clean(label))
            cell.font, cell.fill = bold, fill
            cells.append(cell)
        sheet.append(cells)

    def write(self, result: FileResult) -> None:
        t = self.cat.text
        if self.meta_columns is None:
            self.meta_columns = [k for k in (result.meta or {}) if creator_of({k: "x"}) is None]
            self._header(self.notes, [*(t(f"review_{k}") for k in NOTE_COLUMNS), *self.meta_columns])
            self._header(self.findings, [t(f"review_{k}") for k in FINDING_COLUMNS])
        self._note_row(result)
        for d in result.diagnostics:
            self._finding_row(result, d)

    def _note_row(self, result: FileResult) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import PatternFill

        scored = result.score()
        counts = {s: 0 for s in ("error", "warning", "info")}
        waived = 0
        for d in result.diagnostics:
            if d.waived:
                waived += 1
            else:
                counts[d.severity] = counts.get(d.severity, 0) + 1
        top = [d for d in result.diagnostics if not d.waived][:TOP_FINDINGS]
        meta = result.meta or {}
        label = self.cat.label
        top_text = "\n".join(
            f"{d.rule.id} {label('severity', d.severity)}: {d.message(self.locale)}" for d in top
        )
        values: list[Any] = [
            result.path,
            _title(result),
            creator_of(meta),
            scored.score,
            self.cat.label("band", scored.band),
            self.cat.label("verdict", scored.verdict),
            counts["error"],
            counts["warning"],
            counts["info"],
            waived,
            top_text or None,
            *(meta.get(k) for k in self.meta_columns or ()),
        ]
        cells = [WriteOnlyCell(self.notes, value=_clean(v)) for v in values]
        for cell in cells:
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
        band = cells[NOTE_COLUMNS.index("band")]
        band.fill = PatternFill("solid", fgColor=BAND_FILLS[scored.band])
        self.notes.append(cells)
        self.note_rows += 1

    def _finding_row(self, result: FileResult, d: Diagnostic) -> None:
        from openpyxl.cell import WriteOnlyCell

        review = d.review or {}
        status = review.get("status") or "open"
        values = [
            d.fingerprint(result.path),
            result.path,
            d.rule.id,
            self.cat.label("severity", d.severity),
            d.message(self.locale),
            sentence_of(result.text, d.start, d.end),
            d.match,
            d.line,
            d.suggestion(self.locale),
            self.cat.label("status", status),
            review.get("reviewer") or None,
            review.get("note") or None,
        ]
        cells = [WriteOnlyCell(self.findings, value=_clean(v)) for v in values]
        for cell in cells:
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
        self.findings.append(cells)
        self.finding_rows += 1

    def close(self, rules: Iterable[Rule] = (), errors=()) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        t = self.cat.text
        if self.meta_columns is None:  # nothing was linted: the headers alone
            self.meta_columns = []
            self._header(self.notes, [t(f"review_{k}") for k in NOTE_COLUMNS])
            self._header(self.findings, [t(f"review_{k}") for k in FINDING_COLUMNS])
        last = _letter(len(NOTE_COLUMNS) + len(self.meta_columns))
        self.notes.auto_filter.ref = f"A1:{last}{self.note_rows + 1}"
        self.findings.auto_filter.ref = f"A1:{_letter(len(FINDING_COLUMNS))}{self.finding_rows + 1}"
        labels = ",".join(self.cat.label("status", s) for s in STATUSES)
        status = _letter(FINDING_COLUMNS.index("status") + 1)
        choice = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
        choice.add(f"{status}2:{status}{max(2, self.finding_rows + 1)}")
        self.findings.data_validations.append(choice)
        self._rules_sheet(rules)
        self.book.save(self.binary_out)

    def _rules_sheet(self, rules: Iterable[Rule]) -> None:
        from ..rules.references import reference_text

        sheet = self.book.create_sheet(self.cat.text("xlsx_rules_sheet"))
        for index, key in enumerate(RULE_COLUMNS):
            sheet.column_dimensions[_letter(index + 1)].width = _WIDTHS.get(key, 14)
        sheet.freeze_panes = "A2"
        self._header(sheet, [self.cat.text(f"review_{k}") for k in RULE_COLUMNS])
        count = 0
        for rule in sorted(rules, key=lambda r: r.id):
            message = rule.message.get(self.locale) or rule.message.get("en", "")
            sheet.append([_clean(v) for v in (
                rule.id, rule.name, self.cat.label("category", rule.category),
                self.cat.label("severity", rule.severity), message, rule.rationale,
                "\n".join(reference_text(r) for r in rule.references),
            )])  # fmt: skip
            count += 1
        sheet.auto_filter.ref = f"A1:{_letter(len(RULE_COLUMNS))}{count + 1}"


def _title(result: FileResult) -> str | None:
    """A note's title: its first line when it has one (a batch row's title column)."""
    first = result.text.split("\n", 1)[0].strip()
    return first[:200] or None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
