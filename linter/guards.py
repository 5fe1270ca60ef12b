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
  上海唯一的…, 主播说是全网最低价).

``before`` words count when they stand in the term's clause, at most
``WINDOW`` characters before it; ``after`` words when they follow the term
straight away (spaces and one 的 skipped). Both are plain strings, not
segmented words: a frame word may sit across jieba's tokens (就要用温和的 is
就要 / 用 / 温和), and a guard only ever removes a finding. Guards work on any
kind's findings: a kind never needs to know about them.
"""

from __future__ import annotations

from .lexicons import GuardClass

WINDOW = 24
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


def _before(ctx, guard: GuardClass, start: int) -> bool:
    lowered = ctx.analysed.lowered
    window = lowered[clause_start(lowered, start, WINDOW) : start]
    return any(word in window for word in guard.before)


def _sentence_ends(ctx, guard: GuardClass, start: int) -> bool:
    analysed = ctx.analysed
    index = analysed.sentence_index(start)
    if index is None:
        return False
    sentence = analysed.sentences[index]
    prose = analysed.doc.prose
    end = sentence.end
    while end > sentence.start and prose[end - 1].isspace():
        end -= 1
    return end > sentence.start and prose[end - 1] in guard.sentence_ends


def applies(ctx, guard: GuardClass, start: int, end: int) -> bool:
    """Does ``guard``'s frame hold around the span [start, end)?"""
    if guard.sentence_ends and _sentence_ends(ctx, guard, start):
        return True
    if guard.after and followed_by(ctx.analysed.lowered, end, guard.after):
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
