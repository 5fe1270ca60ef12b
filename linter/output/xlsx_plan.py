"""``xhslint plan lint --format xlsx -o FILE``: the roster written back, so the agency
keeps working in Excel.

Sheet 1 is the roster as read (its header and every creator row, values as the
sheet held them) with added columns: the tier the plan uses, engagement rate,
save rate, cost per engagement and the findings of that row. Sheet 2 lists
every finding (file, row, column, rule, severity, message, suggestion). The
header row is frozen and filtered; rates are formatted as percentages. The
input is never written: ``-o`` names a new file (written atomically).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..analysis.plan_model import Plan
from ..core.files import atomic_open
from ..core.messages import catalogue
from ..engine.diagnostics import FileResult

ADDED = ("xlsx_tier", "xlsx_engagement_rate", "xlsx_save_rate", "xlsx_cpe", "xlsx_findings")
FINDING_COLUMNS = ("xlsx_file", "xlsx_row", "xlsx_column", "xlsx_rule", "xlsx_severity", "xlsx_message",
                   "xlsx_suggestion")  # fmt: skip


_NUMBER = re.compile(r"^-?\d{1,15}(?:\.\d+)?$")


def _cell_value(value: Any) -> Any:
    """What the workbook stores: numbers, dates and text as read; a CSV's plain numbers as numbers
    (so Excel sorts and filters them); control characters Excel refuses removed."""
    import datetime

    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, int | float | datetime.date):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if _NUMBER.match(text.strip()):
        return float(text) if "." in text else int(text)
    return text


def _as_text(cell) -> None:
    """A cell read as text stays text: ``=1+2`` from a roster is not a formula in ours."""
    if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@"):
        cell.data_type = "s"


def write_plan_workbook(path: str, plan: Plan, results: Sequence[FileResult], locale: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    cat = catalogue(locale)
    t = cat.text
    by_row: dict[int, list[str]] = defaultdict(list)
    for result in results[:1]:
        for d in result.diagnostics:
            if d.cell is not None and d.cell.get("creator") is not None:
                by_row[d.cell["row"]].append(f"{d.rule.id}: {d.message(locale)}")
    book = Workbook()
    sheet = book.active
    sheet.title = t("xlsx_roster_sheet")
    roster = plan.roster
    header = [_cell_value(h) for h in (*roster.headers, *(t(key) for key in ADDED))]
    sheet.append(header)
    bold = Font(bold=True)
    added_fill = PatternFill("solid", fgColor="E8F0FE")
    for index, cell in enumerate(sheet[1], 1):
        cell.font = bold
        if index > len(roster.headers):
            cell.fill = added_fill
    for creator in plan.creators:
        rate = creator.engagement_rate()
        values = [_cell_value(v) for v in creator.row.values]
        values += [None] * (len(roster.headers) - len(values))
        sheet.append([
            *values,
            t(f"tier_{creator.tier}") if creator.tier else None,
            rate[0] if rate else None,
            creator.save_rate,
            creator.cost_per_engagement,
            "\n".join(by_row.get(creator.row.number, ())) or None,
        ])  # fmt: skip
    for row in sheet.iter_rows():
        for cell in row:
            _as_text(cell)
    first_added = len(roster.headers) + 1
    for row in sheet.iter_rows(min_row=2, min_col=first_added + 1, max_col=first_added + 2):
        for cell in row:
            cell.number_format = "0.00%"
    for row in sheet.iter_rows(min_row=2, min_col=first_added + 3, max_col=first_added + 3):
        for cell in row:
            cell.number_format = "#,##0.00"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.column_dimensions[sheet.cell(1, first_added + 4).column_letter].width = 80

    findings = book.create_sheet(t("xlsx_findings_sheet"))
    findings.append([t(key) for key in FINDING_COLUMNS])
    for cell in findings[1]:
        cell.font = bold
    for result in results:
        for d in result.diagnostics:
            where = d.cell or {}
            severity = cat.label("severity", d.severity)
            row = where.get("row", d.line)
            findings.append(
                [
                    result.path,
                    row,
                    where.get("header"),
                    d.rule.id,
                    severity,
                    d.message(locale),
                    d.suggestion(locale),
                ]
            )
    findings.freeze_panes = "A2"
    findings.auto_filter.ref = findings.dimensions
    with atomic_open(path, binary=True) as handle:
        book.save(handle)
