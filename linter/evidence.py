"""Evidence: "does the text show X?", where X is terms (word-aware, with
guards) and/or regexes. Used by ``requires`` elements, density exclusions and
the conditions every rule may carry (``unless``, ``only_if``,
``sentence_unless``, ``sentence_only_if``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .matching import TermSet


@dataclass
class Evidence:
    termset: TermSet | None = None
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    @classmethod
    def compile(cls, rule, spec: Mapping | None) -> Evidence | None:
        """From a mapping with ``terms`` (+ exceptions and guards) and/or ``patterns``."""
        if not spec:
            return None
        from .kinds.patterns import compile_patterns

        termset = TermSet.from_spec(spec) if spec.get("terms") else None
        patterns = compile_patterns(rule, spec.get("patterns", []), rule.spec.get("ignore_case", True))
        return cls(termset, patterns)

    def termsets(self) -> list[TermSet]:
        return [self.termset] if self.termset is not None else []

    def spans(self, ctx) -> list[tuple[int, int]]:
        found = {(h.start, h.end) for h in ctx.hits(self.termset)} if self.termset else set()
        prose = ctx.analysed.doc.prose
        for pattern in self.patterns:
            found.update(m.span() for m in pattern.finditer(prose) if m.end() > m.start())
        return sorted(found)

    def present(self, ctx) -> bool:
        if self.termset is not None and ctx.hits(self.termset):
            return True
        prose = ctx.analysed.doc.prose
        return any(m.end() > m.start() for p in self.patterns for m in p.finditer(prose))

    def within(self, ctx, start: int, end: int) -> bool:
        """Any evidence inside [start, end)."""
        if self.termset is not None and ctx.hits_in(self.termset, start, end):
            return True
        prose = ctx.analysed.doc.prose
        return any(m.end() > m.start() for p in self.patterns for m in p.finditer(prose, start, end))
