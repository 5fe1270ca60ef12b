"""What the plan kinds share: a ``PlanFinding`` says where in the plan a problem
is (a creator's row and column, a column of the roster, a field of the campaign
file, or the roster as a whole) and gives its message parameters; a
``PlanContext`` hands the kind the analysed plan. Values a message shows in the
reader's language (a tier's name, a window's name) are given per locale."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from ..analysis.plan_model import Plan
from ..core.messages import catalogue
from ..core.vocabulary import LOCALES
from .base import Compiled


@dataclass
class PlanFinding:
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None  # the sheet row of the creator it is about
    column: str | None = None  # the roster field it points at (its cell, or its header without a row)
    campaign_field: str | None = None  # a field of the campaign file (``kpis``, ``kpis[0]``)


class PlanContext(Protocol):
    @property
    def plan(self) -> Plan: ...


class PlanKind(Protocol):
    FIELDS: tuple[str, ...]
    PARAMS: tuple[str, ...]

    def compile(self, rule) -> Compiled: ...

    def check(self, rule, ctx: PlanContext) -> Iterable[PlanFinding]: ...


def localised(key: str, **params: Any) -> dict[str, str]:
    """The ui text ``key`` in every locale, for a message parameter."""
    return {locale: catalogue(locale).text(key, **params) for locale in LOCALES}


def tier_name(tier: str) -> dict[str, str]:
    return localised(f"tier_{tier}")


def tier_names(tiers) -> dict[str, str]:
    """Several tiers' names as a list, per locale (腰部、初级 / mid, micro)."""
    return {
        locale: catalogue(locale)
        .text("plan_tier_sep")
        .join(catalogue(locale).text(f"tier_{t}") for t in tiers)
        for locale in LOCALES
    }


def vertical_name(vertical: str) -> dict[str, str]:
    """A vertical's display name per locale (its id for a user's own vertical)."""
    names = {}
    for locale in LOCALES:
        entry = catalogue(locale).verticals.get(vertical)
        names[locale] = str(entry.get("name") or vertical) if isinstance(entry, dict) else vertical
    return names


def day(value: date) -> str:
    return value.isoformat()


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def no_compile(rule) -> Compiled:
    return Compiled()
