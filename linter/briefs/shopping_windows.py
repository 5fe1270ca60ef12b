"""The campaign waves that fall in crowded shopping windows
(``analysis.shopping_calendar`` reads ``_data/shopping_windows.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..analysis.shopping_calendar import CalendarError, Window, windows_for
from .errors import BriefError
from .playbook import Wave


@dataclass(frozen=True)
class Clash:
    wave: Wave
    window: Window


@dataclass(frozen=True)
class Crowded:
    """One window and the waves that fall in it, for a single notice in the brief."""

    window: Window
    waves: tuple[Wave, ...]


def clashes(
    waves: tuple[Wave, ...], data: dict[str, Any], source: str
) -> tuple[list[Clash], list[tuple[str, int]]]:
    """Each (wave, window) overlap in wave order, and the windows that could not be checked."""
    first, last = waves[0].start.year, waves[-1].end.year
    try:
        occurrences, missing = windows_for(data, range(first - 1, last + 2), source)
    except CalendarError as error:
        raise BriefError(str(error)) from None
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
