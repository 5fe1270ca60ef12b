"""Diagnostics and per-file results: what formatters and the API return."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .messages import format_message
from .rule import Rule


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

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def severity(self) -> str:
        return self.rule.severity

    @property
    def category(self) -> str:
        return self.rule.category

    def message(self, locale: str) -> str:
        return format_message(self.rule.message[locale], self.params, locale)

    def suggestion(self, locale: str) -> str | None:
        template = self.rule.suggest.get(locale)
        return format_message(template, self.params, locale) if template else None

    def to_json(self, locale: str) -> dict[str, Any]:
        """The stable JSON contract for one diagnostic (see README)."""
        return {
            "rule": self.rule.id,
            "name": self.rule.name,
            "category": self.rule.category,
            "severity": self.rule.severity,
            "message": self.message(locale),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.start,
            "length": self.end - self.start,
            "match": self.match,
            "suggestion": self.suggestion(locale),
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

    def to_json(self, locale: str) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "language": self.language,
            "vertical": self.vertical,
            "diagnostics": [d.to_json(locale) for d in self.diagnostics],
        }
