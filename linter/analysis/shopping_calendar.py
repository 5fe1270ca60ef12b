"""Crowded shopping windows by year (``brief_templates/_data/shopping_windows.yaml``).

Fixed windows repeat every year (``every_year: {start: MM-DD, end: MM-DD}``).
A lunar festival gives its lunar month and day (``lunar: MM-DD``): its
Gregorian date is computed for any year with ``lunardate``; the dates a file
lists (``dates``) are used where that library is missing, and a year with
neither is reported as not checked rather than guessed. ``days_before`` and
``days_after`` widen a festival into the window around it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any


class CalendarError(ValueError):
    """A window in the data file is written wrongly (the message names it)."""


@dataclass(frozen=True)
class Window:
    id: str
    name: dict[str, str] = field(compare=False)
    start: date
    end: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def _month_day(text: Any, year: int, where: str) -> date:
    try:
        month, day = (int(part) for part in str(text).split("-"))
        return date(year, month, day)
    except ValueError:
        raise CalendarError(f"{where}: expected MM-DD, got {text!r}") from None


def lunar_to_solar(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a lunar month and day in the lunar year ``year``, or None
    when ``lunardate`` is not installed or does not cover the year."""
    try:
        from lunardate import LunarDate
    except ImportError:  # pragma: no cover - a dependency; the listed dates still work
        return None
    try:
        lunar = LunarDate(year, month, day)
        return (getattr(lunar, "to_solar_date", None) or lunar.toSolarDate)()  # renamed in lunardate 0.3
    except (ValueError, IndexError):
        return None


def _festival(spec: Mapping[str, Any], year: int, listed: dict[int, date], where: str) -> date | None:
    if "lunar" in spec:
        month, day = _month_day(spec["lunar"], 2000, where).timetuple()[1:3]
        solar = lunar_to_solar(year, month, day)
        if solar is not None:
            return solar
    return listed.get(year)


def windows_for(
    data: Mapping[str, Any], years: range, source: str
) -> tuple[list[Window], list[tuple[str, int]]]:
    """Occurrences of every window in ``years``, and (window id, year) pairs with no date."""
    found: list[Window] = []
    missing: list[tuple[str, int]] = []
    for spec in data.get("windows", []):
        name, where = spec["name"], f"{source}: {spec['id']}"
        if "every_year" in spec:
            for year in years:
                start = _month_day(spec["every_year"]["start"], year, where)
                end = _month_day(spec["every_year"]["end"], year, where)
                found.append(Window(spec["id"], name, start, end))
            continue
        listed = {}
        for d in spec.get("dates", []):
            try:
                given = d if isinstance(d, date) else date.fromisoformat(str(d))
            except ValueError:
                raise CalendarError(f"{where}: expected YYYY-MM-DD, got {d!r}") from None
            listed[given.year] = given
        for year in years:
            day = _festival(spec, year, listed, where)
            if day is None:
                missing.append((spec["id"], year))
                continue
            before, after = spec.get("days_before", 0), spec.get("days_after", 0)
            found.append(Window(spec["id"], name, day - timedelta(days=before), day + timedelta(days=after)))
    return found, missing


def windows_around(data: Mapping[str, Any], first: date, last: date, source: str) -> list[Window]:
    """Every window occurrence that can touch the days from ``first`` to ``last``, by start."""
    occurrences, _ = windows_for(data, range(first.year - 1, last.year + 2), source)
    return sorted((w for w in occurrences if w.start <= last and first <= w.end), key=lambda w: w.start)


def quieter_day(day: date, windows: list[Window], limit: int = 60) -> date | None:
    """The nearest day to ``day`` (later first on a tie) in no window, within ``limit`` days."""
    for distance in range(1, limit + 1):
        for candidate in (day + timedelta(days=distance), day - timedelta(days=distance)):
            if not any(w.holds(candidate) for w in windows):
                return candidate
    return None


YEARS = (1900, 2199)  # dates outside are typos; far enough from date.max that margins never overflow
QUIETER_WITHIN = 60  # days searched for a day outside every window


def crowded(data: Mapping[str, Any], days: list[date], source: str) -> dict[date, tuple[Window, date | None]]:
    """The days that fall inside a crowded window: each with its window and the nearest quieter
    day within QUIETER_WITHIN days (None: none). Days outside YEARS are not dated."""
    days = [d for d in days if YEARS[0] <= d.year <= YEARS[1]]
    if not days:
        return {}
    margin = timedelta(days=QUIETER_WITHIN)
    windows = windows_around(data, min(days) - margin, max(days) + margin, source)
    found: dict[date, tuple[Window, date | None]] = {}
    for day in days:
        window = next((w for w in windows if w.holds(day)), None)
        if window is not None and day not in found:
            found[day] = (window, quieter_day(day, windows, QUIETER_WITHIN))
    return found
