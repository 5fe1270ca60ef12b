"""The in-memory form of one rule, as loaded from YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.vocabulary import CATEGORIES, SEVERITIES, SEVERITY_RANK

__all__ = ["CATEGORIES", "SEVERITIES", "SEVERITY_RANK", "Rule"]


# The limits a rule (or a config's rule_options) may set: (lowest, highest, whole number).
LIMITS: dict[str, tuple[float, float, bool]] = {
    "max": (0, 1e9, False),
    "min": (0, 1e9, False),
    "threshold": (0, 1e9, False),
    "min_count": (1, 1e9, True),
    "min_chars": (0, 1e9, True),
    "min_sentences": (1, 1e9, True),
    "min_distinct": (1, 1e9, True),
    "max_share": (0, 1, False),
}


def limit_problem(key: str, value: object) -> str | None:
    """Why ``value`` cannot be the limit ``key`` (NaN, infinite, out of range), else None."""
    import math

    low, high, whole = LIMITS[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return "must be a finite number"
    if whole and value != int(value):
        return "must be a whole number"
    if not low <= value <= high:
        return (
            f"must be a non-negative number up to {high:g}"
            if low == 0
            else f"must be between {low:g} and {high:g}"
        )
    return None


def lower(severity: str) -> str:
    """One step down: error -> warning -> info (info stays info)."""
    return SEVERITIES[min(SEVERITIES.index(severity) + 1, len(SEVERITIES) - 1)]


def at_most(severity: str, cap: str) -> str:
    return severity if SEVERITY_RANK[severity] <= SEVERITY_RANK[cap] else cap


@dataclass
class Rule:
    id: str
    name: str
    category: str
    severity: str
    applies_to: str
    languages: tuple[str, ...]
    kind: str
    rationale: str
    references: list[Any]
    examples: dict[str, list[Any]]
    spec: dict[str, Any]
    source: str
    line: int
    verticals: tuple[str, ...] = ()
    message: dict[str, str] = field(default_factory=dict)
    suggest: dict[str, str] = field(default_factory=dict)
    exclude_verticals: tuple[str, ...] = ()
    scope: str = "any"
    mentions: str = "skip"  # "skip": a quoted, forbidden word is not a claim
    guards: tuple[str, ...] = ()  # guard classes (guards.py) whose frames make a match no claim
    # commercial verdict -> the highest severity it allows ("off": no finding)
    context: dict[str, str] = field(default_factory=dict)
    per_sentence: int | None = 1  # findings kept per sentence (None: all)
    per_document: int | None = None  # findings kept per document (None: all)
    compiled: Any = None  # kind-specific, from the kind's compile()
    conditions: Any = None  # linter.conditions.Conditions

    def applies(self, kind: str, languages: frozenset[str], vertical: str | None) -> bool:
        """Kind, language and the verticals the rule is only for. ``exclude_verticals``
        is checked per document (``excluded``): only a given or confident vertical counts."""
        if self.applies_to != "any" and self.applies_to != kind:
            return False
        if not languages.intersection(self.languages):
            return False
        return not self.verticals or vertical in self.verticals

    def termsets(self) -> list:
        """Every term set the shared matcher must scan for this rule."""
        return [*self.compiled.termsets, *self.conditions.termsets()]
