"""Conditions any rule may carry, whatever its kind.

- ``only_if`` / ``unless``: run the rule only when the document shows (or does
  not show) some evidence, e.g. "purchase route" -> check the ad label;
  native signals (亲测, 回购) -> skip a tone check.
- ``sentence_only_if`` / ``sentence_unless``: keep a finding only when its
  sentence shows (or does not show) evidence, e.g. a rank claim qualified by
  year, platform and category; a diagnosis by the writer's own doctor.
- ``severity_if``: a list of ``{severity, match, sentence, before, after}``;
  the first entry whose parts all hold gives a finding its severity.
  ``match`` lists the matched words it is for, ``sentence`` is evidence in the
  finding's sentence, ``before`` evidence in its clause just before it,
  ``after`` a word list of the lexicons that follows it straight away
  (``product_nouns``, ``locales/*/context.yaml``): an invitation to DM is an
  error when its sentence names a purchase (私信我下单), 最爱 a warning before a
  product (最爱的面霜), a superlative limited to a city a warning (上海首家), the
  unambiguous absolute terms (国家级, 全网最低价) an error.
- ``exclude_verticals_unless``: evidence that keeps the rule on in its
  ``exclude_verticals`` (a cosmetic form such as 面膜, 精华, 涂抹 keeps the
  cosmetic rules on in a note that otherwise reads as fashion).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..analysis.evidence import Evidence
from ..analysis.matching import TermSet

FIELDS = ("only_if", "unless", "sentence_only_if", "sentence_unless", "exclude_verticals_unless")
BEFORE_WINDOW = 10  # characters of its clause before a finding that ``before`` looks at


@dataclass
class SeverityIf:
    severity: str
    sentence: Evidence | None = None
    before: Evidence | None = None
    after: str | None = None  # a word list of the lexicons
    why: dict[str, str] | None = None  # the note the finding's message gets, per locale
    match: frozenset[str] | None = None  # the matched words (case-folded) it is for

    @classmethod
    def compile(cls, rule, spec) -> SeverityIf:
        from ..analysis.matching import flatten_terms

        words = flatten_terms(spec.get("match"))
        return cls(
            spec["severity"],
            Evidence.compile(rule, spec.get("sentence")),
            Evidence.compile(rule, spec.get("before")),
            spec.get("after"),
            spec.get("why"),
            frozenset(w.casefold() for w in words) if words else None,
        )

    def termsets(self) -> list[TermSet]:
        return [ts for e in (self.sentence, self.before) if e is not None for ts in e.termsets()]

    def holds(self, ctx, start: int, end: int) -> bool:
        if self.match is not None and ctx.analysed.doc.text[start:end].casefold() not in self.match:
            return False
        if self.after is not None:
            from ..context.guards import followed_by

            if not followed_by(ctx.analysed.lowered, end, ctx.lexicons.word_lists[self.after]):
                return False
        if self.before is not None:
            from ..context.guards import clause_start

            lo = clause_start(ctx.analysed.doc.prose, start, BEFORE_WINDOW)
            if not self.before.in_window(ctx, lo, start):
                return False
        if self.sentence is not None:
            bounds = _sentence(ctx, start)
            if bounds is None or not self.sentence.within(ctx, *bounds):
                return False
        return True


@dataclass
class Conditions:
    only_if: Evidence | None = None
    unless: Evidence | None = None
    sentence_only_if: Evidence | None = None
    sentence_unless: Evidence | None = None
    exclude_verticals_unless: Evidence | None = None
    severity_if: tuple[SeverityIf, ...] = ()

    @classmethod
    def compile(cls, rule) -> Conditions:
        evidence: dict[str, Any] = {name: Evidence.compile(rule, rule.spec.get(name)) for name in FIELDS}
        conditions = cls(**evidence)
        conditions.severity_if = tuple(SeverityIf.compile(rule, s) for s in rule.spec.get("severity_if", ()))
        return conditions

    def termsets(self) -> list[TermSet]:
        found = [ts for name in FIELDS if (e := getattr(self, name)) for ts in e.termsets()]
        return found + [ts for s in self.severity_if for ts in s.termsets()]

    def kept_on(self, ctx) -> bool:
        """The rule runs despite its excluded vertical (a cosmetic form, say)."""
        return self.exclude_verticals_unless is not None and self.exclude_verticals_unless.present(ctx)

    def severity_for(self, ctx, start: int, end: int) -> SeverityIf | None:
        """The first ``severity_if`` entry that holds for a finding at [start, end)."""
        return next((s for s in self.severity_if if s.holds(ctx, start, end)), None)

    def document_ok(self, ctx) -> bool:
        if self.only_if is not None and not self.only_if.present(ctx):
            return False
        return not (self.unless is not None and self.unless.present(ctx))

    @property
    def per_sentence(self) -> bool:
        return self.sentence_only_if is not None or self.sentence_unless is not None

    def sentence_ok(self, ctx, offset: int) -> bool:
        bounds = _sentence(ctx, offset)
        if bounds is None:
            return self.sentence_only_if is None
        if self.sentence_only_if is not None and not self.sentence_only_if.within(ctx, *bounds):
            return False
        return not (self.sentence_unless is not None and self.sentence_unless.within(ctx, *bounds))


def _sentence(ctx, offset: int) -> tuple[int, int] | None:
    analysed = ctx.analysed
    index = analysed.sentence_index(offset)
    if index is None:
        return None
    return analysed.sentences[index].start, analysed.sentences[index].end
