"""Script statistics and sentence splitting, the cheap part of analysis."""

from __future__ import annotations

import re

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
LINE = re.compile(r"[^\n]+")
# A Chinese sentence runs to its closing punctuation (kept with it).
ZH_SENTENCE = re.compile(r"[^。！？!?…]+[。！？!?…]*|[。！？!?…]+")


def script_counts(text: str) -> tuple[int, int]:
    """(Han characters, Latin words) in a text."""
    return len(HAN.findall(text)), len(LATIN_WORD.findall(text))


def language_label(han: int, words: int) -> str:
    """A document's reported language: 'zh' or 'en' when one script has at
    least 80% of the weight (so a brand name does not make a note 'mixed'),
    'mixed' otherwise, 'none' without letters."""
    if han + words == 0:
        return "none"
    share = han / (han + words)
    if share >= 0.8:
        return "zh"
    if share <= 0.2:
        return "en"
    return "mixed"
