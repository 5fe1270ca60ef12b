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


def word_matches(analysed, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """Matches of ``patterns`` that are whole words: found on the compact view (Simplified,
    width-folded, fillers gone: 敏 感 肌 可 用 reads as 敏感肌可用), kept where both ends are
    token edges (a claim pattern ending in 敏感肌 does not end inside 敏感肌肤), and
    mapped back to the original offsets. Sorted, each span once."""
    squeezed = analysed.compact
    text = squeezed.text if squeezed is not None else analysed.normalised
    edge = analysed.zh_edges.edge
    found: set[tuple[int, int]] = set()
    for pattern in patterns:
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            start, end = m.span()
            if end > start and edge(start) and edge(end):
                found.add(squeezed.to_original(start, end) if squeezed is not None else (start, end))
                pos = end
            else:  # not whole words from here (洁面对敏感肌: 对 is inside 面对): try the next start
                pos = start + 1
    return sorted(found)
