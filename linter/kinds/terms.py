"""``terms``: word lists, matched on token edges, with exceptions and guards.

Optional ``patterns`` catch the same claim however it is worded (敏感肌也可以放心用,
对敏感肌很友好): regexes matched as whole words on the normalised text
(``patterns.word_matches``); a match that overlaps a listed term's hit is that hit.

``listed: banned_terms`` matches the terms the configuration lists under that key
(a list, or tables per vertical) instead of a list in the rule: a brand's own banned
words, without writing a rule.

An optional ``fix`` (a string, or a mapping term -> string) is a safe
replacement for the matched term, applied by ``xhslint lint --fix``.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from ..analysis.matching import TermSet
from ..analysis.patterns import compile_patterns, word_matches
from .base import Compiled, Finding

# The fields of a rule of this kind (beyond every rule's) and the placeholders its messages may use.
FIELDS: tuple[str, ...] = (
    "terms", "exceptions", "not_followed_by", "not_preceded_by", "followed_by", "fix", "patterns", "listed",
)  # fmt: skip
PARAMS: tuple[str, ...] = ("match", "list")


def compile(rule) -> Compiled:
    fix = rule.spec.get("fix")
    if isinstance(fix, dict):
        fix = {term.casefold(): replacement for term, replacement in fix.items()}
    patterns = compile_patterns(rule, rule.spec.get("patterns") or [], rule.spec.get("ignore_case", True))
    return Compiled(termsets=[TermSet.from_spec(rule.spec)], data=(fix, patterns))


def _fix_for(fix, term: str) -> str | None:
    if fix is None or isinstance(fix, str):
        return fix
    return fix.get(term.casefold())


def check(rule, ctx):
    listed = rule.spec.get("listed")
    if listed:  # the config's own list (banned_terms), per vertical; ``list`` names where it is
        for hit, scope in ctx.listed_hits(listed):
            yield Finding(
                hit.start,
                hit.end,
                {"match": hit.term, "list": listed if scope == "*" else f"{listed}.{scope}"},
            )
        return
    fix, patterns = rule.compiled.data
    hits = ctx.hits(rule.compiled.termsets[0])
    for hit in hits:
        yield Finding(hit.start, hit.end, {"match": hit.term}, fix=_fix_for(fix, hit.term))
    if patterns:
        text = ctx.analysed.doc.text
        taken = sorted((h.start, h.end) for h in hits)
        starts = [s for s, _ in taken]
        reach = list(accumulate((e for _, e in taken), max))  # the furthest end up to each hit
        for start, end in word_matches(ctx.analysed, patterns):
            # a hit starting before ``end`` and ending after ``start`` is the same claim
            i = bisect_left(starts, end)
            if i == 0 or reach[i - 1] <= start:
                yield Finding(start, end, {"match": text[start:end]})
