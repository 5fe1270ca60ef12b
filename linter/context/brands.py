"""Brand and product names in a document: configured ``brand_terms`` when
given, else inferred from the text itself.

Inference looks for what advertorials do: a 【】-bracketed name repeated at
least twice, or a capitalised Latin name (up to three words) repeated at
least three times. Ordinary capitalised words (sentence starts, I, OK) are
ignored.
"""

from __future__ import annotations

import re
from collections import Counter

from ..analysis.matching import Hit

BRACKETED = re.compile(r"【([^】\n]{2,16})】")
_WORD = r"[A-Z][A-Za-z0-9&'’\-]*(?:\.[A-Za-z0-9]+)*"
LATIN_NAME = re.compile(rf"(?<![A-Za-z0-9]){_WORD}(?: {_WORD}){{0,2}}(?![A-Za-z0-9])")
COMMON = {
    "I", "I'm", "I’m", "I've", "A", "An", "The", "This", "That", "It", "My", "We", "You", "OK", "So",
    "And", "But", "If", "In", "On", "At", "For", "With", "Day", "Step", "PS", "P.S.", "Vs",
}  # fmt: skip


def infer_brands(text: str) -> list[str]:
    names: list[str] = []
    bracketed = Counter(m.group(1).strip() for m in BRACKETED.finditer(text))
    names += [name for name, n in bracketed.items() if n >= 2 and name]
    latin = Counter(m.group() for m in LATIN_NAME.finditer(text))
    names += [name for name, n in latin.items() if n >= 3 and name not in COMMON and len(name) > 1]
    return names


def brand_hits(text: str, names: list[str]) -> list[Hit]:
    """Every occurrence of each name, case-sensitive, not inside a longer Latin word."""
    hits: list[Hit] = []
    for name in sorted(set(names), key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            s, e = m.span()
            if name[0].isascii() and s > 0 and text[s - 1].isascii() and text[s - 1].isalnum():
                continue
            if name[-1].isascii() and e < len(text) and text[e].isascii() and text[e].isalnum():
                continue
            if any(h.start <= s < h.end for h in hits):
                continue
            hits.append(Hit(s, e, m.group()))
    return sorted(hits, key=lambda h: h.start)
