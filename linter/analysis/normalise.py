"""One normalised view of the text, for matching, with offsets mapped back.

Regulators read 國家級 as 国家级, ｚｕｉ低 as 最低 and 最 低 价 as 最低价, so the
matchers must too. Two views, both built once per document:

- ``same_length(text)``: Traditional characters converted to Simplified
  (OpenCC ``t2s``, phrase-aware; per character where a phrase conversion
  would change the length) and full-width or circled forms folded to their
  NFKC character (ＶＸ -> VX, ① -> 1) where that is one character. Every
  offset in it is an offset in the original, so guards, tags and sentences
  read it unchanged.
- ``compact(text)``: the same-length view without the characters people put
  inside a word to slip past a filter: zero-width and other format
  characters anywhere, and a separator between single Han characters (最 低 价,
  最.好.的, 广*告, 微❤信). ``origin[i]`` is the offset in the original of
  character ``i``; the term scan and the segmenter run on this view, and a
  hit is mapped back, so a finding's ``match`` is the original characters.

A real word that only looks like an evasion is left to the segmenter: a
term still has to start and end on jieba token edges of the compact view.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .language import HAN

# Format characters people insert inside words: zero-width space/joiners, word joiner, BOM, soft hyphen.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufe00-\ufe0f\ufeff]")
# Fillers between Han characters. Decorations (广*告, 微❤信, 最~低) go wherever they
# sit between two Han characters; separators that also join names or choices (上海·外滩,
# 男士/女士) only when a character on one side stands alone (最.好.的); spaces only next
# to a single spaced character in a run of three or more (最 低 价, 加 微 信), since people
# also space whole words apart.
_HAN = "\u4e00-\u9fff"
DECORATION = re.compile(rf"(?<=[{_HAN}])[*_~～+＋❤♥♡❣★☆✨✿❀💕\ufe00-\ufe0f]+(?=[{_HAN}])")
SEPARATOR = re.compile(rf"(?<=[{_HAN}])[·•./|\\]+(?=[{_HAN}])")
SPACED = re.compile(rf"[{_HAN}]+(?:[ \u3000]+[{_HAN}]+){{2,}}")
# Full-width Latin letters and digits, circled and parenthesised numbers, the ideographic
# space: folded by NFKC (ＶＸ -> VX, ①③⑧ -> 138); CJK punctuation stays as it is.
_NEEDS_NFKC = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u2460-\u24ff\u2776-\u2793\u3251-\u32bf]")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified, keeping the length (so offsets stay valid)."""
    if not HAN.search(text):
        return text
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    convert = _t2s().convert
    return "".join(c if len(c) == 1 else ch for ch in text for c in (convert(ch),))


def _nfkc_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def same_length(text: str) -> str:
    """Simplified script and NFKC width folding, character for character."""
    text = to_simplified(text)
    if _NEEDS_NFKC.search(text):
        text = _NEEDS_NFKC.sub(lambda m: _nfkc_char(m.group()), text)
    return text


@dataclass(frozen=True)
class Compact:
    text: str
    origin: tuple[int, ...] | None  # None: nothing was removed, offsets are the original's
    dropped: tuple[tuple[int, int], ...] = ()  # the fillers' spans in the original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1 if end > start else self.origin[start]


def _is_han(text: str, i: int) -> bool:
    return 0 <= i < len(text) and "\u4e00" <= text[i] <= "\u9fff"


def _fillers(text: str) -> list[tuple[int, int]]:
    """Spans of characters the compact view drops, sorted and disjoint."""
    spans = [m.span() for m in INVISIBLE.finditer(text)]
    spans += [m.span() for m in DECORATION.finditer(text)]
    for m in SEPARATOR.finditer(text):
        s, e = m.span()
        if not (_is_han(text, s - 2) and _is_han(text, e + 1)):  # a single character on one side
            spans.append((s, e))
    for run in SPACED.finditer(text):
        words = list(re.finditer(r"[^ \u3000]+", run.group()))
        for left, right in itertools.pairwise(words):
            if len(left.group()) == 1 or len(right.group()) == 1:
                spans.append((run.start() + left.end(), run.start() + right.start()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def compact(text: str) -> Compact:
    """``text`` (a same-length view) without the fillers, with the offset map."""
    spans = _fillers(text)
    if not spans:
        return Compact(text, None)
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for s, e in spans:
        parts.append(text[pos:s])
        origin.extend(range(pos, s))
        pos = e
    parts.append(text[pos:])
    origin.extend(range(pos, len(text)))
    origin.append(len(text))  # the end offset
    return Compact("".join(parts), tuple(origin), tuple(spans))
