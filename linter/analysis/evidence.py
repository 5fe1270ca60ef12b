"""Evidence: "does the text show X?", where X is terms (word-aware, with
guards) and/or regexes. Used by ``requires`` elements, density exclusions and
the conditions every rule may carry (``unless``, ``only_if``,
``sentence_unless``, ``sentence_only_if``)."""

from __future__ import annotations

import re
from bisect import bisect_left
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
        from .patterns import compile_patterns

        termset = TermSet.from_spec(spec) if spec.get("terms") else None
        patterns = compile_patterns(rule, spec.get("patterns", []), rule.spec.get("ignore_case", True))
        return cls(termset, patterns)

    def termsets(self) -> list[TermSet]:
        return [self.termset] if self.termset is not None else []

    def spans(self, ctx) -> list[tuple[int, int]]:
        found = {(h.start, h.end) for h in ctx.hits(self.termset)} if self.termset else set()
        return sorted(found | self._pattern_spans(ctx))

    def present(self, ctx) -> bool:
        if self.termset is not None and ctx.hits(self.termset):
            return True
        return bool(self.patterns) and bool(self.pattern_starts(ctx))

    def pattern_starts(self, ctx) -> list[int]:
        """Where the patterns match in the prose, sorted: found once per document
        (a sentence asked about a thousand times is not searched a thousand times)."""
        return ctx.memo(
            ("pattern_starts", id(self)), lambda: sorted(start for start, _ in self._pattern_spans(ctx))
        )

    def _pattern_spans(self, ctx) -> set[tuple[int, int]]:
        prose = ctx.analysed.normalised  # same offsets as the prose (normalise.py)
        return {m.span() for p in self.patterns for m in p.finditer(prose) if m.end() > m.start()}

    def in_window(self, ctx, start: int, end: int) -> bool:
        """Evidence in the short span [start, end), the patterns searched in it alone
        (so ``$`` means the end of the span): for the words just before a finding."""
        if self.termset is not None and ctx.hits_in(self.termset, start, end):
            return True
        prose = ctx.analysed.normalised  # same offsets as the prose (normalise.py)
        return any(p.search(prose, start, end) for p in self.patterns)

    def within(self, ctx, start: int, end: int) -> bool:
        """Any evidence starting inside [start, end)."""
        if self.termset is not None and ctx.hits_in(self.termset, start, end):
            return True
        if not self.patterns:
            return False
        starts = self.pattern_starts(ctx)
        i = bisect_left(starts, start)
        return i < len(starts) and starts[i] < end
