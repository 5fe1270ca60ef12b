"""The sentence a finding sits in, for reports that show a finding apart from its text
(the review workbook's Findings sheet, the workspace's finding list)."""

from __future__ import annotations

import re

_END = re.compile(r"[。！？!?；;\n]|\.(?=\s|$)")
MAX_CHARS = 240  # a sentence longer than this is cut around the match, with an ellipsis


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence (or line) around ``[start, end)``, its ending punctuation kept; a finding
    with no span (a whole-note finding) has no sentence and gets ""."""
    if end <= start or not text:
        return ""
    ends = [m.end() for m in _END.finditer(text, max(0, start - MAX_CHARS), start)]
    left = ends[-1] if ends else max(0, start - MAX_CHARS)
    after = _END.search(text, end, end + MAX_CHARS)
    right = after.end() if after else min(len(text), end + MAX_CHARS)
    sentence = text[left:right].strip()
    if len(sentence) > MAX_CHARS:
        offset = max(0, start - left - MAX_CHARS // 3)
        sentence = "…" + sentence[offset : offset + MAX_CHARS] + "…"
    return sentence
