"""Guard classes: frames around a matched term that make it no claim.

A rule names the classes it honours (``guards: [question, advice, ...]``);
the words of each class are data (``locales/*/context.yaml``, ``guards``):

- ``question``: the term's sentence asks (…最好用的是哪个？);
- ``advice``: the term gives advice (一定要温和补水, 偏向温和型, a clause-initial
  最好，早点搽);
- ``personal``: a personal frame (对我而言最好, 最适合我这种干皮);
- ``sensation``: the writer's own sensation, not a property claimed for the
  product (用起来很温和, 我用着不刺激);
- ``critique``: the term names a lack or a drawback (少了点独一无二的劲儿,
  唯一可惜的是);
- ``negation``: the term is denied (并不是第一, 不是100%);
- ``person``: the term describes a person, a service or a time of life, not a
  product (最好的领导, 最好的服务, 最好的年纪);
- ``reported``: the writer reports what others say, not their own claim (听说是
  上海唯一的…, 主播说是全网最低价);
- ``former``: a past preference the writer no longer holds (去年最爱的防晒, 以前最喜欢).

``before`` words count when they stand in the term's clause, at most
``WINDOW`` characters before it, or in the line that introduces the list the
term is an item of (建议这样选：⏎- 温和的氨基酸洁面; the list rules of
mentions.py). ``after`` words count when they follow the term straight away
(spaces and one 的 skipped). ``head`` nouns count when they head the phrase
the term modifies: straight after it, or right after the first 的 that
follows the term in its clause, at most ``HEAD_WINDOW`` characters on
(最适合看日落的地方 is a place, 最适合敏感肌的面霜 a product). ``sentence``
words count anywhere in the term's sentence, at most ``SENTENCE_REACH``
characters away (…用最温和的产品，但是收效甚微). All are plain strings, not
segmented words: a frame word may sit across jieba's tokens (就要用温和的 is
就要 / 用 / 温和), and a guard only ever removes a finding. Guards work on any
kind's findings: a kind never needs to know about them.
"""

from __future__ import annotations

from .lexicons import GuardClass

WINDOW = 24
HEAD_WINDOW = 10
SENTENCE_REACH = 120
CLAUSE_MARKS = set("。！？!?，,；;：:…\n\r")


def clause_start(text: str, offset: int, limit: int) -> int:
    """Start of the clause holding ``offset``, looking back at most ``limit`` characters."""
    lo = max(0, offset - limit)
    i = offset
    while i > lo and text[i - 1] not in CLAUSE_MARKS:
        i -= 1
    return i


def followed_by(text: str, end: int, words: tuple[str, ...]) -> bool:
    """Does one of ``words`` follow ``end`` straight away (spaces and one 的 skipped)?"""
    pos = end
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    candidates = (pos, pos + 1) if pos < len(text) and text[pos] == "的" else (pos,)
    for at in candidates:
        for word in words:
            if text.startswith(word, at):
                stop = at + len(word)
                if word[-1].isascii() and word[-1].isalnum() and stop < len(text) and text[stop].isalnum():
                    continue  # "to" is not the start of "toner"
                return True
    return False


def _headed_by(text: str, end: int, words: tuple[str, ...]) -> bool:
    """Is the phrase at ``end`` headed by one of ``words`` (straight away or after its first 的)?"""
    if followed_by(text, end, words):
        return True
    stop = min(len(text), end + HEAD_WINDOW)
    pos = end
    while pos < stop and text[pos] not in CLAUSE_MARKS:
        if text[pos] == "的":
            return any(text.startswith(word, pos + 1) for word in words)
        pos += 1
    return False


def _before(ctx, guard: GuardClass, start: int) -> bool:
    lowered = ctx.analysed.lowered
    window = lowered[clause_start(lowered, start, WINDOW) : start]
    if any(word in window for word in guard.before):
        return True
    intro = ctx.list_intro(start)
    return intro is not None and any(word in lowered[intro[0] : intro[1]] for word in guard.before)


def _sentence_span(ctx, start: int) -> tuple[int, int] | None:
    index = ctx.analysed.sentence_index(start)
    if index is None:
        return None
    sentence = ctx.analysed.sentences[index]
    return sentence.start, sentence.end


def _sentence_says(ctx, guard: GuardClass, start: int) -> bool:
    """Does one of the class's ``sentence`` words stand in the term's sentence,
    at most ``SENTENCE_REACH`` characters from it (a bounded read on any sentence)?"""
    span = _sentence_span(ctx, start)
    if span is None:
        return False
    lowered = ctx.analysed.lowered
    lo, hi = max(span[0], start - SENTENCE_REACH), min(span[1], start + SENTENCE_REACH)
    return any(lowered.find(word, lo, hi) != -1 for word in guard.sentence)


def _sentence_ends(ctx, guard: GuardClass, start: int) -> bool:
    span = _sentence_span(ctx, start)
    if span is None:
        return False
    prose = ctx.analysed.doc.prose
    begin, end = span
    while end > begin and prose[end - 1].isspace():
        end -= 1
    return end > begin and prose[end - 1] in guard.sentence_ends


def applies(ctx, guard: GuardClass, start: int, end: int) -> bool:
    """Does ``guard``'s frame hold around the span [start, end)?"""
    if guard.sentence_ends and _sentence_ends(ctx, guard, start):
        return True
    if guard.after and followed_by(ctx.analysed.lowered, end, guard.after):
        return True
    if guard.head and _headed_by(ctx.analysed.lowered, end, guard.head):
        return True
    if guard.sentence and _sentence_says(ctx, guard, start):
        return True
    return bool(guard.before) and _before(ctx, guard, start)


def guarded(ctx, names: tuple[str, ...], start: int, end: int) -> str | None:
    """The first of the named guard classes whose frame holds, else None."""
    guards = ctx.lexicons.guards
    for name in names:
        guard = guards.get(name)
        if guard is not None and applies(ctx, guard, start, end):
            return name
    return None
