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
from bisect import bisect_left, bisect_right

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
MAX_ITEM_LINE = 300  # characters: a longer line is prose


def _introduces_list(line: str) -> bool:
    return line.rstrip().endswith(_COLON)


def _list_item(text: str, start: int, end: int, announced: bool) -> bool:
    """Is the line [start, end) an item of a list (a bullet, or any line of an announced list)?"""
    return bool(text[start:end].strip()) and bool(BULLET.match(text, start) or announced)


def list_intro(text: str, pos: int) -> tuple[int, int] | None:
    """The line that introduces the list holding ``pos`` (a line ending with a colon
    whose list, by the rules of ``_list_under``, reaches ``pos``'s line), else None.

    Lines longer than ``MAX_ITEM_LINE`` are prose, not list items or their
    introduction, so the search reads a bounded window whatever the text's size."""
    start = line_start(text, pos)
    if start is None:
        return None
    end = text.find("\n", pos, pos + MAX_ITEM_LINE)
    items = [(start, len(text) if end == -1 else end)]
    for _ in range(MAX_LIST_LINES):
        if start == 0:
            return None
        above = line_start(text, start - 1)
        if above is None:
            return None
        line = text[above : start - 1]
        if _introduces_list(line):
            announced = bool(_ANNOUNCES.search(line))
            return (above, start - 1) if all(_list_item(text, s, e, announced) for s, e in items) else None
        if not line.strip():
            return None
        items.append((above, start - 1))
        start = above
    return None


def line_start(text: str, pos: int) -> int | None:
    """Start of the line holding ``pos``, or None when it starts more than ``MAX_ITEM_LINE`` back."""
    lo = max(0, pos - MAX_ITEM_LINE)
    start = text.rfind("\n", lo, pos) + 1
    return start if start or lo == 0 else None


QUOTE_REACH = 80  # characters a quote may open before a match, or close after it


def _quoted(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """An opening quote before the match and a closing one after it, in the sentence."""
    before = text[max(lo, start - QUOTE_REACH) : start]
    after = text[end : min(hi, end + QUOTE_REACH)]
    opens = max(before.rfind(q) for q in OPEN_QUOTES)
    if opens == -1:
        return False
    closes_before = max(before.rfind(q) for q in "”」』’》")
    if closes_before > opens:
        return False
    return any(q in after for q in CLOSE_QUOTES)


_CLAUSE_MARK = re.compile("[" + re.escape("".join(sorted(CLAUSE_MARKS))) + "]")
_SENTENCE_MARK = re.compile("[" + re.escape("".join(sorted(SENTENCE_MARKS))) + "]")


class _Marks:
    """The positions of clause and sentence marks, found once: the next mark after
    any position is a bisect, not a scan (a sentence may be thousands of clauses)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.clauses = [m.start() for m in _CLAUSE_MARK.finditer(text)]
        self.sentences = [m.start() for m in _SENTENCE_MARK.finditer(text)]

    def _next(self, marks: list[int], pos: int) -> int:
        i = bisect_left(marks, pos)
        return marks[i] if i < len(marks) else self.length

    def clause_end(self, pos: int) -> int:
        return self._next(self.clauses, pos)

    def sentence_end(self, pos: int) -> int:
        return self._next(self.sentences, pos)


def _names(text: str, first_cue: int, marker, start: int, end: int) -> bool:
    """Is [start, end) among the words a mention marker names: in the marker's clause, or
    listed between the sentence's first prohibition cue and a marker after it
    (请勿使用最好，第一，顶级这类词)? Another instruction in the same sentence
    (……等字样，也不要走蒲公英) is not."""
    if first_cue <= start and end <= marker.end:
        return True
    between = text[min(start, marker.start) : max(end, marker.end)]
    return not any(mark in between for mark in CLAUSE_MARKS)


class MentionScopes:
    """The spans of one document where a match is a mention (built once, on first use)."""

    def __init__(self, ctx) -> None:
        self._ctx = ctx
        lex = ctx.lexicons
        text = ctx.analysed.doc.prose
        self._cues = ctx.hits(lex.prohibition_cues)
        spans: list[tuple[int, int]] = []
        if self._cues:
            marks = _Marks(text)
            example_starts = {h.start for h in ctx.hits(lex.example_markers)}
            for cue in self._cues:
                spans.append((cue.end, marks.clause_end(cue.end)))
                spans.extend(self._example_clauses(text, marks, cue.end, example_starts))
                spans.extend(self._list_under(text, cue.end))
        spans.sort()
        self._starts = [s for s, _ in spans]
        self._spans = spans
        self._longest = max((e - s for s, e in spans), default=0)

    @staticmethod
    def _example_clauses(text: str, marks: _Marks, pos: int, example_starts: set[int]):
        """The clauses right after the cue's, in its sentence, that open with an
        example marker (如二维码、电话), up to the first that does not."""
        stop = marks.sentence_end(pos)
        pos = marks.clause_end(pos)
        while pos < stop:
            begin = pos + 1
            while begin < stop and text[begin] in " \t":
                begin += 1
            if begin not in example_starts:
                return
            end = marks.clause_end(begin)
            yield begin, end
            pos = end

    @staticmethod
    def _list_under(text: str, pos: int):
        """The list under a line that ends with a colon: its bullet lines, or
        (when the line announces a list) its lines up to a blank one."""
        line_end = text.find("\n", pos)
        if line_end == -1 or not _introduces_list(text[pos:line_end]):
            return
        announced = bool(_ANNOUNCES.search(text[pos:line_end]))
        start, count = line_end + 1, 0
        while start < len(text) and count < MAX_LIST_LINES:
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            if not _list_item(text, start, end, announced):
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
        cues = ctx.hits_in(ctx.lexicons.prohibition_cues, sentence.start, sentence.end)
        if not cues:
            return False
        text = analysed.doc.text
        markers = ctx.hits_in(ctx.lexicons.mention_markers, sentence.start, sentence.end)
        if any(_names(text, cues[0].start, marker, start, end) for marker in markers):
            return True
        return _quoted(text, start, end, sentence.start, sentence.end)
