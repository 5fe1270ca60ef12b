"""Crowded shopping windows (``_data/shopping_windows.yaml``) and the campaign
waves that fall in them. Fixed windows repeat every year; lunar festivals
list their date per year, and a year without a listed date is reported as
not checked rather than guessed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .errors import BriefError
from .playbook import Wave


@dataclass(frozen=True)
class Window:
    id: str
    name: dict[str, str] = field(compare=False)
    start: date
    end: date


@dataclass(frozen=True)
class Clash:
    wave: Wave
    window: Window


@dataclass(frozen=True)
class Crowded:
    """One window and the waves that fall in it, for a single notice in the brief."""

    window: Window
    waves: tuple[Wave, ...]


def _month_day(text: str, year: int, where: str) -> date:
    try:
        month, day = (int(part) for part in str(text).split("-"))
        return date(year, month, day)
    except ValueError:
        raise BriefError(f"{where}: expected MM-DD, got {text!r}") from None


def windows_for(
    data: dict[str, Any], years: range, source: str
) -> tuple[list[Window], list[tuple[str, int]]]:
    """Occurrences of every window in ``years``, and (window id, year) pairs with no data."""
    found: list[Window] = []
    missing: list[tuple[str, int]] = []
    for spec in data.get("windows", []):
        name = spec["name"]
        if "every_year" in spec:
            for year in years:
                start = _month_day(spec["every_year"]["start"], year, f"{source}: {spec['id']}")
                end = _month_day(spec["every_year"]["end"], year, f"{source}: {spec['id']}")
                found.append(Window(spec["id"], name, start, end))
            continue
        dates = [d if isinstance(d, date) else date.fromisoformat(str(d)) for d in spec.get("dates", [])]
        by_year = {d.year: d for d in dates}
        for year in years:
            if year not in by_year:
                missing.append((spec["id"], year))
                continue
            day = by_year[year]
            found.append(
                Window(
                    spec["id"],
                    name,
                    day - timedelta(days=spec.get("days_before", 0)),
                    day + timedelta(days=spec.get("days_after", 0)),
                )
            )
    return found, missing


def clashes(
    waves: tuple[Wave, ...], data: dict[str, Any], source: str
) -> tuple[list[Clash], list[tuple[str, int]]]:
    """Each (wave, window) overlap in wave order, and the windows that could not be checked."""
    first, last = waves[0].start.year, waves[-1].end.year
    occurrences, missing = windows_for(data, range(first - 1, last + 2), source)
    touched = set(range(first, last + 1))
    result = [
        Clash(wave, window)
        for wave in waves
        for window in sorted(occurrences, key=lambda w: w.start)
        if wave.start <= window.end and window.start <= wave.end
    ]
    return result, [(wid, year) for wid, year in missing if year in touched]


def crowded(found: list[Clash]) -> list[Crowded]:
    """Clashes grouped by window occurrence, in date order."""
    groups: dict[Window, list[Wave]] = {}
    for clash in found:
        groups.setdefault(clash.window, []).append(clash.wave)
    ordered = sorted(groups.items(), key=lambda item: item[0].start)
    return [Crowded(window, tuple(waves)) for window, waves in ordered]
