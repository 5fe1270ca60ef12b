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
    compiled: Any = None  # kind-specific, from the kind's compile()
    conditions: Any = None  # linter.conditions.Conditions

    def applies(self, kind: str, languages: frozenset[str], vertical: str | None) -> bool:
        if self.applies_to != "any" and self.applies_to != kind:
            return False
        if not languages.intersection(self.languages):
            return False
        if self.verticals and vertical not in self.verticals:
            return False
        return vertical is None or vertical not in self.exclude_verticals

    def termsets(self) -> list:
        """Every term set the shared matcher must scan for this rule."""
        return [*self.compiled.termsets, *self.conditions.termsets()]
