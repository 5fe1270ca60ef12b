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
DECORATION = re.compile("[*_~～+＋❤♥♡❣★☆✨✿❀💕\ufe00-\ufe0f]+")
SEPARATOR = re.compile(r"[·•./|\\]+")
SPACES = re.compile("[ \u3000]+")
HAN_RUN = re.compile(f"[{_HAN}]+")
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


def to_simplified_all(texts: list[str]) -> list[str]:
    """``to_simplified`` of each text, with one OpenCC call for all of them (a call costs
    more than converting a short term): the texts are joined by newlines, which no OpenCC
    phrase spans, and any text whose piece does not come back whole is converted alone."""
    pieces = _t2s().convert("\n".join(texts)).split("\n") if texts else []
    if len(pieces) != len(texts) or any("\n" in t for t in texts):
        return [to_simplified(t) for t in texts]
    return [p if len(p) == len(t) else to_simplified(t) for p, t in zip(pieces, texts, strict=True)]


def _nfkc_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def same_length(text: str) -> str:
    """Simplified script and NFKC width folding, character for character."""
    return fold_width(to_simplified(text))


def fold_width(text: str) -> str:
    """NFKC width folding (ＶＸ -> VX, ①③⑧ -> 138), character for character."""
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
        if end == start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1  # the last kept character's end


def _is_han(text: str, i: int) -> bool:
    return 0 <= i < len(text) and "\u4e00" <= text[i] <= "\u9fff"


def _between_han(text: str, start: int, end: int) -> bool:
    return _is_han(text, start - 1) and _is_han(text, end)


def _fillers(text: str) -> list[tuple[int, int]]:
    """Spans of characters the compact view drops, sorted and disjoint. Each pattern
    starts with a character class, so the scans stay linear and fast."""
    spans = [m.span() for m in INVISIBLE.finditer(text)]
    spans += [m.span() for m in DECORATION.finditer(text) if _between_han(text, *m.span())]
    for m in SEPARATOR.finditer(text):
        s, e = m.span()
        # a single character on one side: 最.好.的, not 上海·外滩
        if _between_han(text, s, e) and not (_is_han(text, s - 2) and _is_han(text, e + 1)):
            spans.append((s, e))
    spans += _spaced_out(text)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _spaced_out(text: str) -> list[tuple[int, int]]:
    """Spaces inside a run of three or more Han words that are next to a single character."""
    gaps = [m.span() for m in SPACES.finditer(text) if _between_han(text, *m.span())]
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []  # consecutive gaps joined by pure Han words
    for gap in [*gaps, None]:
        if gap is not None and run and HAN_RUN.fullmatch(text, run[-1][1], gap[0]):
            run.append(gap)
            continue
        if len(run) >= 2:  # three or more words
            words = [_word_before(text, run[0][0])]
            words += [run[k][0] - run[k - 1][1] for k in range(1, len(run))]
            words.append(_word_after(text, run[-1][1]))
            out += [g for k, g in enumerate(run) if words[k] == 1 or words[k + 1] == 1]
        run = [gap] if gap is not None else []
    return out


def _word_before(text: str, end: int) -> int:
    start = end
    while _is_han(text, start - 1):
        start -= 1
    return end - start


def _word_after(text: str, start: int) -> int:
    end = start
    while _is_han(text, end):
        end += 1
    return end - start


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
