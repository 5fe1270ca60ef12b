"""Mentioned, not used: a banned word quoted in order to forbid it.

"请勿使用“最佳”“第一”等绝对化用语", "avoid words like 'best' or 'No.1'" and
"不要写“消炎”这类功效" are not claims. A match is a mention when its sentence
carries a prohibition cue (请勿, 不要, avoid, ...) and the match is quoted, or
the sentence lists words as examples (等用语, 这类, words like, ...). The cue
lists live in ``locales/*/detection.yaml``.
"""

from __future__ import annotations

OPEN_QUOTES = "“「『\"'‘《"
CLOSE_QUOTES = "”」』\"'’》"


def _quoted(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """An opening quote before the match and a closing one after it, in the sentence."""
    before = text[lo:start]
    after = text[end:hi]
    opens = max(before.rfind(q) for q in OPEN_QUOTES)
    if opens == -1:
        return False
    closes_before = max(before.rfind(q) for q in "”」』’》")
    if closes_before > opens:
        return False
    return any(q in after for q in CLOSE_QUOTES)


def is_mention(ctx, start: int, end: int) -> bool:
    analysed = ctx.analysed
    index = analysed.sentence_index(start)
    if index is None:
        return False
    sentence = analysed.sentences[index]
    lex = ctx.lexicons
    if not any(sentence.start <= h.start < sentence.end for h in ctx.hits(lex.prohibition_cues)):
        return False
    if any(sentence.start <= h.start < sentence.end for h in ctx.hits(lex.mention_markers)):
        return True
    return _quoted(analysed.doc.text, start, end, sentence.start, sentence.end)
