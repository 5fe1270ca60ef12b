"""``windows``: a date the text names that falls inside a crowded shopping window
(``brief_templates/_data/shopping_windows.yaml``: 618, Double 11, the New Year
festival computed for the year, Women's Day ...), with the nearest quieter day.

A date written without its year takes the first year the text writes in a full
date, else the next occurrence from today: a brief's "6月18日" is this June's,
or next June's once this one has passed."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from ..analysis.date_mentions import date_mentions
from ..analysis.shopping_calendar import crowded
from .base import Compiled, Finding

FIELDS: tuple[str, ...] = ()
PARAMS: tuple[str, ...] = ("match", "window", "quieter")


@lru_cache(maxsize=1)
def _windows_data() -> dict[str, Any]:
    import yaml

    from ..core.resources import PACKAGE_ROOT

    path = PACKAGE_ROOT / "brief_templates" / "_data" / "shopping_windows.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def compile(rule) -> Compiled:
    return Compiled()


def _dated(month: int, day: int, year: int | None, today: dt.date) -> dt.date | None:
    try:
        if year is not None:
            return dt.date(year, month, day)
        this_year = dt.date(today.year, month, day)
        return this_year if this_year >= today else dt.date(today.year + 1, month, day)
    except ValueError:  # 2月30日, or 2月29日 outside a leap year
        return None


def check(rule, ctx, today: dt.date | None = None):
    doc = ctx.analysed.doc
    mentions = date_mentions(doc.prose)
    if not mentions:
        return
    today = today or dt.date.today()
    year = next((m.year for m in mentions if m.year is not None), None)
    dated = [(m, d) for m in mentions if (d := _dated(m.month, m.day, m.year or year, today))]
    if not dated:
        return
    found = crowded(_windows_data(), [d for _, d in dated], "shopping_windows.yaml")
    for mention, day in dated:
        if day in found:
            window, quieter = found[day]
            shown = quieter.isoformat() if quieter else "-"
            params = {"match": doc.text[mention.start : mention.end], "window": window.name, "quieter": shown}
            yield Finding(mention.start, mention.end, params)
