"""``script``: Traditional characters mixed into Simplified Chinese copy.

Uses hanzidentifier's character sets (CC-CEDICT based) instead of a hand-made
table. Only characters that exist in Traditional but not in Simplified count,
so shared characters (著, 干) never fire. A document whose distinguishing
characters are mostly Traditional (a Taiwan or Hong Kong note) is left alone: ``max_share``.
"""

from __future__ import annotations

from functools import lru_cache

from ..language import HAN
from . import Compiled, Finding


@lru_cache(maxsize=1)
def _only() -> tuple[frozenset[str], frozenset[str]]:
    """(Traditional-only, Simplified-only) characters."""
    from hanzidentifier import helpers

    trad, simp = helpers.TRADITIONAL_CHARACTERS, helpers.SIMPLIFIED_CHARACTERS
    return frozenset(trad - simp), frozenset(simp - trad)


def compile(rule) -> Compiled:
    return Compiled()


def check(rule, ctx):
    prose = ctx.analysed.doc.prose
    if not HAN.search(prose):
        return
    trad, simp = _only()
    if not trad.intersection(prose):
        return
    positions = [i for i, c in enumerate(prose) if c in trad]
    simplified = sum(1 for c in prose if c in simp)
    # Share among the characters that tell the scripts apart.
    if len(positions) / (len(positions) + simplified) > rule.spec.get("max_share", 0.5):
        return
    run_start = previous = positions[0]
    for pos in [*positions[1:], None]:
        if pos is not None and pos == previous + 1:
            previous = pos
            continue
        yield Finding(run_start, previous + 1, {"match": prose[run_start : previous + 1]})
        if pos is not None:
            run_start = previous = pos
