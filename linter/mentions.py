"""Mentioned, not used: a word quoted, forbidden or listed in order to forbid it.

"请勿使用“最佳”“第一”等绝对化用语", "禁止出现二维码和微信号", "内容不得含有广告，如
二维码、电话、链接等", "avoid words like 'best'" and a list under "不得涉及以下
内容：" are not claims. One mechanism for every rule kind: a prohibition cue
(请勿, 不得, 禁止, avoid, ... -- but not 不要错过 or 不得不) makes a scope, and a
match inside a scope is a mention. A cue's scope is

- the rest of its clause after the cue (禁止出现二维码和微信号);
- the following clauses of its sentence that open with an example marker
  (如, 例如, 比如, such as, e.g.);
- when its line ends with a colon, the list under it: the following lines
  that are bullets or numbered items (``- ``, ``•``, ``1.``, ``①``, ``（1）``),
  or, when the line announces a list (以下, 包括, 如下, the following ...), its
  following lines up to a blank line (at most ``MAX_LIST_LINES``);
- anywhere in its sentence, a quoted word or words listed before a mention
  marker (等用语, 这类, words like).

The word lists live in ``locales/*/context.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

OPEN_QUOTES = "“「『\"'‘《"
CLOSE_QUOTES = "”」』\"'’》"
CLAUSE_MARKS = set("。！？!?，,；;：:…\n\r")
SENTENCE_MARKS = set("。！？!?\n")
BULLET = re.compile(
    r"[ \t]*(?:[-*•·●▪◦–—+✓✔✗✘×❌🚫]|\d{1,2}[.、)）]|[（(]\d{1,2}[)）]|[①-⑳]|[a-zA-Z][.)])\s*"
)
_COLON = ("：", ":")
_ANNOUNCES = re.compile(
    r"以下|如下|下列|包括|包含|不限于|the following|following|including|include", re.IGNORECASE
)
MAX_LIST_LINES = 8


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


def _clause_end(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] not in CLAUSE_MARKS:
        pos += 1
    return pos


def _sentence_end(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] not in SENTENCE_MARKS:
        pos += 1
    return pos


class MentionScopes:
    """The spans of one document where a match is a mention (built once, on first use)."""

    def __init__(self, ctx) -> None:
        self._ctx = ctx
        lex = ctx.lexicons
        text = ctx.analysed.doc.prose
        self._cues = ctx.hits(lex.prohibition_cues)
        spans: list[tuple[int, int]] = []
        if self._cues:
            examples = ctx.hits(lex.example_markers)
            example_starts = {h.start for h in examples}
            for cue in self._cues:
                spans.append((cue.end, _clause_end(text, cue.end)))
                spans.extend(self._example_clauses(text, cue.end, example_starts))
                spans.extend(self._list_under(text, cue.end))
        spans.sort()
        self._starts = [s for s, _ in spans]
        self._spans = spans
        self._longest = max((e - s for s, e in spans), default=0)

    @staticmethod
    def _example_clauses(text: str, pos: int, example_starts: set[int]):
        """Clauses after the cue's, in its sentence, that open with an example marker."""
        stop = _sentence_end(text, pos)
        pos = _clause_end(text, pos)
        while pos < stop:
            begin = pos + 1
            while begin < stop and text[begin] in " \t":
                begin += 1
            end = _clause_end(text, begin)
            if begin in example_starts:
                yield begin, end
            pos = end

    @staticmethod
    def _list_under(text: str, pos: int):
        """The list under a line that ends with a colon: its bullet lines, or
        (when the line announces a list) its lines up to a blank one."""
        line_end = text.find("\n", pos)
        intro = text[pos:line_end]
        if line_end == -1 or not intro.rstrip().endswith(_COLON):
            return
        announced = bool(_ANNOUNCES.search(intro))
        start, count = line_end + 1, 0
        while start < len(text) and count < MAX_LIST_LINES:
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            if not text[start:end].strip() or not (BULLET.match(text, start) or announced):
                return
            yield start, end
            start, count = end + 1, count + 1

    def covers(self, start: int, end: int) -> bool:
        if not self._cues:
            return False
        i = bisect_right(self._starts, start)
        # look back only over spans that start close enough to hold ``start``
        while i > 0 and self._starts[i - 1] >= start - self._longest:
            i -= 1
            s, e = self._spans[i]
            if s <= start and end <= e:
                return True
        return self._in_forbidding_sentence(start, end)

    def _in_forbidding_sentence(self, start: int, end: int) -> bool:
        """A quoted word, or a listed one, in a sentence with a prohibition cue."""
        ctx = self._ctx
        analysed = ctx.analysed
        index = analysed.sentence_index(start)
        if index is None:
            return False
        sentence = analysed.sentences[index]
        if not ctx.hits_in(ctx.lexicons.prohibition_cues, sentence.start, sentence.end):
            return False
        if ctx.hits_in(ctx.lexicons.mention_markers, sentence.start, sentence.end):
            return True
        return _quoted(analysed.doc.text, start, end, sentence.start, sentence.end)
