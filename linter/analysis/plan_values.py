"""Numbers and dates as planners write them in a roster: ``1.2w``, ``3.5万``,
``12k``, ``1,200``, ``10k-20k``, ``¥5,000``, ``3.2%``; ``2026-03-08``,
``2026/3/8``, ``3/8``, ``3月8日``, a spreadsheet's own date. A value that is
none of these raises ``ValueProblem`` with a reason a person can act on.

A range (``10k-20k``) is a ``Span``; what a check takes from it (its middle,
its ends) is the caller's choice. A date without a year takes the year that
puts it nearest the campaign's reference date (a roster for a March launch
that says 12/28 means the December before).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .shopping_calendar import YEARS  # the dates a plan may name: the calendar's range

# Chinese and Latin multipliers: 万/w/W ten thousand, 千/k/K a thousand, 亿 a hundred million, m/M a million.
_UNITS = {"万": 10_000, "w": 10_000, "千": 1_000, "k": 1_000, "亿": 100_000_000, "m": 1_000_000}
_CURRENCY = re.compile(r"^(?:¥|￥|rmb|cny|元)|(?:元|rmb|cny|块)$", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*([万wW千kK亿mM]?)\+?$")
_RANGE = re.compile(r"\s*(?:-|–|—|~|～|到|至)\s*")
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")
MAX_VALUE = 1e13  # more than any follower count, fee or view count a roster can hold
QUOTE = 40  # characters of a cell an error message quotes


def shown(value: object) -> str:
    """A cell as an error message quotes it: at most QUOTE characters."""
    text = str(value)
    return text if len(text) <= QUOTE else text[: QUOTE - 1] + "…"


class ValueProblem(ValueError):
    """Why a cell is not the number or date its column needs (one phrase, no location)."""


@dataclass(frozen=True)
class Span:
    low: float
    high: float

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


def _unit(text: str) -> int:
    found = _NUMBER.match(_CURRENCY.sub("", text.strip()).strip().replace(",", "").replace(" ", ""))
    mark = found.group(2) if found else ""
    return _UNITS.get(mark.lower() if mark.isascii() else mark, 1)


def _one_number(text: str) -> float:
    cleaned = _CURRENCY.sub("", text.strip()).strip().replace("，", ",").replace(" ", "")
    found = _NUMBER.match(cleaned)
    if not found:
        raise ValueProblem(f"'{shown(text)}' is not a number (write e.g. 12000, 1.2w, 3.5万 or 12k)")
    value = float(found.group(1).replace(",", "")) * _unit(cleaned)
    if value > MAX_VALUE:
        raise ValueProblem(f"'{shown(text)}' is too large to be a count or an amount")
    return value


def parse_amount(value: object) -> Span | None:
    """A count or an amount, or a range of them; None for an empty cell."""
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise ValueProblem(f"'{value}' is not a number")
    if isinstance(value, int | float):
        if value != value or value < 0 or value > MAX_VALUE:  # NaN, negative, absurd
            raise ValueProblem(f"'{value}' is not a count or an amount")
        return Span(float(value), float(value))
    text = str(value).strip()
    if not text or text in ("-", "—", "/", "无", "n/a", "N/A"):
        return None
    parts = _RANGE.split(text)
    if len(parts) == 2 and parts[0] and parts[1]:
        low, high = _one_number(parts[0]), _one_number(parts[1])
        unit = _unit(parts[1])
        if unit > 1 and _unit(parts[0]) == 1 and low * unit <= high:
            low *= unit  # "10-20k": the unit written once applies to both ends
        if low > high:
            raise ValueProblem(f"'{shown(text)}' is a range whose first number is the larger")
        return Span(low, high)
    number = _one_number(text)
    return Span(number, number)


def parse_rate(value: object) -> float | None:
    """A share written ``3.2%`` or ``0.032``; None for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        rate = float(value)
    else:
        found = _PERCENT.match(str(value).strip())
        if not found:
            raise ValueProblem(f"'{shown(value)}' is not a rate (write e.g. 3.2% or 0.032)")
        rate = float(found.group(1)) / 100
    if not 0 <= rate <= 1:
        raise ValueProblem(f"'{value}' is not a rate between 0 and 100%")
    return rate


_FULL_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*(?:[/.]|月)\s*(\d{1,2})\s*[日号]?$")


def parse_date(value: object, reference: _dt.date | None = None) -> _dt.date | None:
    """A post date; None for an empty cell. ``reference`` (the launch date) gives a
    date written without its year the year that puts it nearest."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return _in_range(value.date(), str(value))
    if isinstance(value, _dt.date):
        return _in_range(value, str(value))
    text = str(value).strip()
    if not text:
        return None
    found = _FULL_DATE.match(text)
    try:
        if found:
            year, month, day = (int(g) for g in found.groups())
            return _in_range(_dt.date(year, month, day), text)
        found = _MONTH_DAY.match(text)
        if found:
            month, day = (int(g) for g in found.groups())
            _dt.date(2000, month, day)  # a real month and day (29 February included)
            return _nearest(month, day, reference or _dt.date.today())
    except ValueProblem:
        raise
    except ValueError:
        raise ValueProblem(f"'{shown(text)}' is not a real date") from None
    raise ValueProblem(f"'{shown(text)}' is not a date (write e.g. 2026-03-08, 3/8 or 3月8日)")


def _in_range(day: _dt.date, text: str) -> _dt.date:
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise ValueProblem(f"'{shown(text)}' is outside {YEARS[0]}-{YEARS[1]}")
    return day


def _nearest(month: int, day: int, reference: _dt.date) -> _dt.date:
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(_dt.date(year, month, day))
        except ValueError:  # 29 February outside a leap year
            continue
    return min(candidates, key=lambda d: (abs((d - reference).days), d))
