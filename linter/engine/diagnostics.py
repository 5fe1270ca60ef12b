"""Diagnostics and per-file results: what formatters and the API return."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.messages import catalogue, format_message
from ..rules.model import Rule
from .score import Score, length_of, score_findings

# Why a finding's severity differs from its rule's, and the note its message gets
# (``locales/*/ui.yaml``: ``note_<reason>``).
REASONS = ("raised", "lowered", "tag", "promotional", "not_promotional", "unclear")
RELATED_CAP = 50  # places of the findings a kept one stands for, listed in outputs (``more`` counts all)


@dataclass(frozen=True)
class Related:
    """Where one of the findings a kept diagnostic stands for is (``limit``): the reviewer sees
    every place, the report lists each claim once."""

    start: int
    end: int
    line: int
    column: int
    match: str

    def to_json(self) -> dict[str, Any]:
        return {"offset": self.start, "length": self.end - self.start, "line": self.line,
                "column": self.column, "match": self.match}  # fmt: skip


@dataclass
class Diagnostic:
    rule: Rule
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    match: str
    params: dict[str, Any] = field(default_factory=dict)
    fix: str | None = None  # safe replacement for [start, end), when the rule's kind knows one
    level: str | None = None  # the finding's severity when context changed the rule's
    reasons: tuple[str, ...] = ()  # why (REASONS), in the order they applied
    related: tuple[Related, ...] = ()  # the other places it stands for, in text order (RELATED_CAP)
    cell: dict[str, Any] | None = None  # a plan finding's roster cell: row, column (letter), header, creator
    review: dict[str, str] | None = None  # a review sheet's status, reviewer and note (--baseline)

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def severity(self) -> str:
        return self.level or self.rule.severity

    @property
    def category(self) -> str:
        return self.rule.category

    @property
    def waived(self) -> bool:
        """A reviewer waived it in the review sheet given as ``--baseline``: reported, never a failure."""
        return self.review is not None and self.review.get("status") == "waived"

    def fingerprint(self, path: str) -> str:
        """Stable across re-runs and edits elsewhere in the note: rule, document id, matched text."""
        from .fingerprint import fingerprint

        return fingerprint(self.rule.id, path, self.match)

    def message(self, locale: str) -> str:
        text = format_message(self.rule.message[locale], self.params, locale)
        cat = catalogue(locale)
        notes = [cat.text(f"note_{reason}", severity=cat.text(f"severity_{self.severity}"), **self.params)
                 for reason in self.reasons]  # fmt: skip
        if self.params.get("more"):
            key = "note_more_words" if self.params.get("also") else "note_more"
            notes.append(cat.text(key, more=self.params["more"], also=self.params.get("also", "")))
        if self.params.get("capped"):
            notes.append(cat.text("note_capped", capped=self.params["capped"]))
        return ("" if locale.startswith("zh") else " ").join([text, *notes])

    def suggestion(self, locale: str) -> str | None:
        template = self.rule.suggest.get(locale)
        return format_message(template, self.params, locale) if template else None

    def to_json(self, locale: str) -> dict[str, Any]:
        """The stable JSON contract for one diagnostic (see README)."""
        return {
            "rule": self.rule.id,
            "name": self.rule.name,
            "category": self.rule.category,
            "severity": self.severity,
            "message": self.message(locale),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.start,
            "length": self.end - self.start,
            "match": self.match,
            "suggestion": self.suggestion(locale),
            "rule_severity": self.rule.severity,
            "severity_reasons": list(self.reasons),
            "related": [r.to_json() for r in self.related],
            **({"cell": self.cell} if self.cell is not None else {}),
            **({"review": self.review} if self.review is not None else {}),
        }


@dataclass
class FileResult:
    path: str
    kind: str
    language: str
    vertical: str | None
    diagnostics: list[Diagnostic]
    kind_detected: bool = False
    vertical_detected: bool = False
    text: str = ""
    commercial: str = "promotional"
    commercial_detected: bool = False
    commercial_basis: str = "brief"  # given | brief | brand_terms | route | cues (commercial.py)
    vertical_confidence: str | None = None  # given, high or low; None without a vertical
    plan: dict[str, Any] | None = None  # a roster's figures (xhslint plan lint): per creator and per tier
    meta: dict[str, str] | None = None  # a batch row's other columns (creator, followers, link), as written

    def score(self) -> Score:
        """Score, band and verdict (score.py); waived findings cost nothing. The text's length
        is counted once (a report asks for the score several times; the text never changes)."""
        counted = ((d.category, d.severity, d.rule.id) for d in self.diagnostics if not d.waived)
        length = self.__dict__.get("_length")
        if length is None:
            length = self.__dict__["_length"] = length_of(self.text)
        return score_findings(counted, length, self.kind)

    def to_json(self, locale: str) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "language": self.language,
            "vertical": self.vertical,
            "diagnostics": [d.to_json(locale) for d in self.diagnostics],
            "commercial": self.commercial,
            "commercial_detected": self.commercial_detected,
            "commercial_basis": self.commercial_basis,
            "vertical_confidence": self.vertical_confidence,
            **self.score().to_json(),
            **({"meta": self.meta} if self.meta is not None else {}),
            **({"plan": self.plan} if self.plan is not None else {}),
        }
