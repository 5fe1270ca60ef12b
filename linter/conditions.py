"""Conditions any rule may carry, whatever its kind.

- ``only_if`` / ``unless``: run the rule only when the document shows (or does
  not show) some evidence, e.g. "purchase route" -> check the ad label;
  native signals (亲测, 回购) -> skip a tone check.
- ``sentence_only_if`` / ``sentence_unless``: keep a finding only when its
  sentence shows (or does not show) evidence, e.g. a rank claim qualified by
  year, platform and category; a diagnosis by the writer's own doctor.
"""

from __future__ import annotations

from dataclasses import dataclass

from .evidence import Evidence
from .matching import TermSet

FIELDS = ("only_if", "unless", "sentence_only_if", "sentence_unless")


@dataclass
class Conditions:
    only_if: Evidence | None = None
    unless: Evidence | None = None
    sentence_only_if: Evidence | None = None
    sentence_unless: Evidence | None = None

    @classmethod
    def compile(cls, rule) -> Conditions:
        return cls(**{name: Evidence.compile(rule, rule.spec.get(name)) for name in FIELDS})

    def termsets(self) -> list[TermSet]:
        return [ts for name in FIELDS if (e := getattr(self, name)) for ts in e.termsets()]

    def document_ok(self, ctx) -> bool:
        if self.only_if is not None and not self.only_if.present(ctx):
            return False
        return not (self.unless is not None and self.unless.present(ctx))

    @property
    def per_sentence(self) -> bool:
        return self.sentence_only_if is not None or self.sentence_unless is not None

    def sentence_ok(self, ctx, offset: int) -> bool:
        analysed = ctx.analysed
        index = analysed.sentence_index(offset)
        if index is None:
            return self.sentence_only_if is None
        lo, hi = analysed.sentences[index].start, analysed.sentences[index].end
        if self.sentence_only_if is not None and not self.sentence_only_if.within(ctx, lo, hi):
            return False
        return not (self.sentence_unless is not None and self.sentence_unless.within(ctx, lo, hi))
