"""A document's score (0-100), band and verdict, from its findings.

The numbers live in ``rules/scoring.json``; the formula is documented in
``docs/scoring.md``:

- per category, each finding costs its severity's weight; a rule counts at most
  ``rule_cap`` findings (one habit is one problem, not ten);
- the severities in ``length_normalised`` are divided by
  ``max(1, characters / reference_length)``, so a long note is not punished for
  its length, while an error costs the same anywhere;
- a category's score is ``max(0, 100 - cost)``; the document's score is the
  minimum over its categories, so one blocker cannot hide behind good tone;
- a finding at a ``blockers`` severity in its category caps the score at
  ``blocked_score`` (red);
- the band is green at or above ``bands.green``, amber at or above
  ``bands.amber``, else red; the verdict is the band's (ready, needs changes,
  blocked).

Waived findings (a review sheet's baseline) cost nothing.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..core.resources import RULES_DIR

SCORING_PATH = RULES_DIR / "scoring.json"
BANDS = ("green", "amber", "red")
VERDICTS = ("ready", "needs_changes", "blocked")


@dataclass(frozen=True)
class Scoring:
    weights: dict[str, float]
    length_normalised: frozenset[str]
    reference_length: int
    rule_cap: int
    green: int
    amber: int
    blockers: dict[str, str]
    blocked_score: int
    categories: dict[str, tuple[str, ...]]
    verdicts: dict[str, str]

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Scoring:
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            length_normalised=frozenset(data["length_normalised"]),
            reference_length=int(data["reference_length"]),
            rule_cap=int(data["rule_cap"]),
            green=int(data["bands"]["green"]),
            amber=int(data["bands"]["amber"]),
            blockers=dict(data["blockers"]),
            blocked_score=int(data["blocked_score"]),
            categories={k: tuple(v) for k, v in data["categories"].items()},
            verdicts=dict(data["verdicts"]),
        )

    def band(self, score: int) -> str:
        return "green" if score >= self.green else "amber" if score >= self.amber else "red"


@cache
def scoring() -> Scoring:
    return Scoring.from_mapping(json.loads(SCORING_PATH.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Score:
    score: int
    band: str
    verdict: str
    by_category: dict[str, int]  # every category that applies to the kind, and any with findings
    blocked_by: str | None = None  # the category whose finding capped the score

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "band": self.band, "verdict": self.verdict,
                "score_by_category": self.by_category}  # fmt: skip


def length_of(text: str) -> int:
    """Characters that are not white space: what a reader reads. (``str.split`` cuts at exactly
    the characters ``str.isspace`` knows, every code point checked; in C, 3x a Python loop.)"""
    return sum(map(len, text.split()))


def score_findings(
    findings: Iterable[tuple[str, str, str]], length: int, kind: str, table: Scoring | None = None
) -> Score:
    """``findings``: (category, severity, rule id) of each finding that counts."""
    table = table or scoring()
    factor = max(1.0, length / table.reference_length)
    per_rule: Counter[str] = Counter()
    cost: defaultdict[str, float] = defaultdict(float)
    blocked_by = None
    for category, severity, rule in findings:
        if table.blockers.get(category) == severity and blocked_by is None:
            blocked_by = category
        per_rule[rule] += 1
        if per_rule[rule] > table.rule_cap:
            continue
        weight = table.weights.get(severity, 0.0)
        cost[category] += weight / factor if severity in table.length_normalised else weight
    categories = list(table.categories.get(kind, ()))
    categories += [c for c in cost if c not in categories]
    by_category = {c: max(0, round(100 - cost.get(c, 0.0))) for c in categories}
    score = min(by_category.values(), default=100)
    if blocked_by is not None:
        score = min(score, table.blocked_score)
    band = table.band(score)
    return Score(score, band, table.verdicts[band], by_category, blocked_by)
