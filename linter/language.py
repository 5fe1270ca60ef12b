"""Script statistics and sentence splitting, the cheap part of analysis."""

from __future__ import annotations

import re

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
LINE = re.compile(r"[^\n]+")
# A Chinese sentence runs to its closing punctuation (kept with it).
ZH_SENTENCE = re.compile(r"[^。！？!?…]+[。！？!?…]*|[。！？!?…]+")


def han_share(text: str) -> float:
    """Han characters as a share of Han characters plus Latin words.

    Counting Latin *words* (not letters) keeps "这个 foundation 真的不脱妆"
    Chinese: one Latin word weighs about as much as one Han character.
    """
    han = len(HAN.findall(text))
    words = len(LATIN_WORD.findall(text))
    if han + words == 0:
        return 0.0
    return han / (han + words)


def line_language(text: str) -> str | None:
    """'zh', 'en', or None for a line with neither Han nor Latin letters."""
    han = len(HAN.findall(text))
    words = len(LATIN_WORD.findall(text))
    if han + words == 0:
        return None
    return "zh" if han >= words else "en"


def has_latin_words(text: str) -> bool:
    return LATIN_WORD.search(text) is not None


def has_han(text: str) -> bool:
    return HAN.search(text) is not None
