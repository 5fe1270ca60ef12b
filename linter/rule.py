"""The in-memory form of one rule, as loaded from YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CATEGORIES = (
    "advertorial",
    "prescriptive",
    "pillars",
    "playbook",
    "localisation",
    "compliance",
    "format",
    "plan",
)
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


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
