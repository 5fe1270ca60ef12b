"""``script``: Traditional characters mixed into Simplified Chinese copy.

Uses the CC-CEDICT character sets of ``zhon.cedict`` (the data behind
hanzidentifier, read directly: importing hanzidentifier also compiles a
20,000-character class this kind never uses, 30 ms on every run) instead of a
hand-made table. Only characters that exist in Traditional but not in Simplified count,
so shared characters (著, 干) never fire. A document whose distinguishing
characters are mostly Traditional (a Taiwan or Hong Kong note) is left alone: ``max_share``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..analysis.language import HAN
from .base import Compiled, Finding

# The fields of a rule of this kind (beyond every rule's) and the placeholders its messages may use.
FIELDS: tuple[str, ...] = ("max_share",)
PARAMS: tuple[str, ...] = ("match",)


@lru_cache(maxsize=1)
def _only() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    """Traditional-only characters, and runs of them / Simplified-only
    characters as compiled character classes (searched in C, not per char)."""
    from zhon import cedict

    traditional, simplified = set(cedict.traditional), set(cedict.simplified)
    trad = traditional - simplified
    simp = simplified - traditional

    def char_class(chars: set[str]) -> str:
        return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"

    return frozenset(trad), re.compile(char_class(trad) + "+"), re.compile(char_class(simp))


def compile(rule) -> Compiled:
    return Compiled()


def check(rule, ctx):
    prose = ctx.analysed.doc.prose
    if not HAN.search(prose):
        return
    trad, trad_runs, simp = _only()
    if trad.isdisjoint(prose):
        return
    runs = [m.span() for m in trad_runs.finditer(prose)]
    traditional = sum(end - start for start, end in runs)
    simplified = len(simp.findall(prose))
    # Share among the characters that tell the scripts apart.
    if traditional / (traditional + simplified) > rule.spec.get("max_share", 0.5):
        return
    for start, end in runs:
        yield Finding(start, end, {"match": prose[start:end]})
