"""Dates a text names: 2026-06-18, 2026/6/18, 2026年6月18日, 6月18日, 6月18号, June 18th,
18 June, with their offsets and, where written, their year. The ``metric`` kind counts
the distinct ones (a plan on one day is not a plan); the ``windows`` kind dates them
against the crowded shopping windows."""

from __future__ import annotations

import re
from dataclasses import dataclass

FULL_DATE = re.compile(r"(?<!\d)(\d{4}) ?[-/.年] ?(\d{1,2}) ?[-/.月] ?(\d{1,2}) ?日?")
MONTH_DAY = re.compile(r"(?<![\d/.-])(\d{1,2}) ?月 ?(\d{1,2}) ?[日号]")
MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
EN_DATE = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (\d{1,2})(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    month: int
    day: int
    year: int | None  # None: written without one


def date_mentions(text: str) -> list[DateMention]:
    """Every date the text names with a real month (1-12) and day (1-31), in text order."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in FULL_DATE.finditer(text):
        found.append(DateMention(m.start(), m.end(), int(m.group(2)), int(m.group(3)), int(m.group(1))))
        taken.append(m.span())
    for m in MONTH_DAY.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):  # the month and day of a full date
            found.append(DateMention(m.start(), m.end(), int(m.group(1)), int(m.group(2)), None))
    for m in EN_DATE.finditer(text):
        if m.group(1):
            month, day = MONTHS[m.group(2)[:3].lower()], int(m.group(1))
        else:
            month, day = MONTHS[m.group(3)[:3].lower()], int(m.group(4))
        found.append(DateMention(m.start(), m.end(), month, day, None))
    return sorted((d for d in found if 1 <= d.month <= 12 and 1 <= d.day <= 31), key=lambda d: d.start)
