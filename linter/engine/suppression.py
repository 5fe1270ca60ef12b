"""Inline suppression comments in a document.

``<!-- xhslint-disable ID ... -->`` up to ``<!-- xhslint-enable ID ... -->``
(or the end), and ``<!-- xhslint-disable-next-line ID ... -->`` for the next
non-empty line. No ids means every rule. Ids accept the same selectors as
``--select``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document.model import Document
from ..rules.model import Rule
from ..rules.selection import selector_matches, split_selectors

_DIRECTIVE = re.compile(r"<!--\s*xhslint-(disable-next-line|disable|enable)\b([^>]*?)-->")


@dataclass(frozen=True)
class Suppressed:
    start: int
    end: int
    selectors: tuple[str, ...]  # empty: all rules

    def covers(self, rule: Rule, offset: int) -> bool:
        if not (self.start <= offset < self.end):
            return False
        return not self.selectors or any(selector_matches(s, rule) for s in self.selectors)


def _selectors(raw: str) -> tuple[str, ...]:
    return tuple(split_selectors(raw.replace(" ", ",").split(",")))


def find_suppressions(doc: Document) -> list[Suppressed]:
    text = doc.text
    if "xhslint-" not in text:
        return []
    regions: list[Suppressed] = []
    open_: dict[tuple[str, ...], int] = {}
    for m in _DIRECTIVE.finditer(text):
        verb, selectors = m.group(1), _selectors(m.group(2))
        if verb == "disable-next-line":
            line, _ = doc.line_col(m.end())
            nxt = line + 1
            while nxt <= doc.line_count and not doc.line_text(nxt).strip():
                nxt += 1
            if nxt <= doc.line_count:
                regions.append(Suppressed(*doc.line_span(nxt), selectors))
        elif verb == "disable":
            open_.setdefault(selectors, m.end())
        else:
            keys = [selectors] if selectors in open_ else ([] if selectors else list(open_))
            for key in keys:
                regions.append(Suppressed(open_.pop(key), m.start(), key))
    regions.extend(Suppressed(start, len(text) + 1, key) for key, start in open_.items())
    return regions
