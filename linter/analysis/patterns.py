"""Shared helper: compile a rule's regex list through the backtracking guard."""

from __future__ import annotations

import re

from ..core.errors import RuleError
from .regex_guard import UnsafePattern, compile_safe


def compile_patterns(rule, patterns: list[str], ignore_case: bool = True) -> list[re.Pattern[str]]:
    flags = re.MULTILINE | (re.IGNORECASE if ignore_case else 0)
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(compile_safe(pattern, flags))
        except UnsafePattern as exc:
            raise RuleError(f"rule {rule.id}: pattern {pattern!r}: {exc}", rule.source, rule.line) from None
    return compiled


def find_all(patterns: list[re.Pattern[str]], text: str, pos: int = 0, endpos: int | None = None):
    """Non-empty matches of every pattern in text[pos:endpos], as (start, end)."""
    end = len(text) if endpos is None else endpos
    for pattern in patterns:
        for m in pattern.finditer(text, pos, end):
            if m.end() > m.start():
                yield m.start(), m.end()
