"""Topic tags and @handles: where a word is a search label or a name, not a sentence.

XHS notes end (and often begin) with topic tags, written three ways:

- ``#关于我打车被司机种草这件事[话题]#`` (the app's own form, closed by ``[话题]#``);
- ``#最近买了啥#`` (closed by a second ``#``);
- ``#试色种草 #眼影试色`` (open: the tag runs to the next space, ``#`` or punctuation).

A closing ``#`` that is followed straight away by text also opens the next
tag (``#护肤##面膜`` and ``#护肤#面膜`` are two tags). A ``#`` before a digit
is a shade or a number (``#650``, ``色号#09``, "#1"), not a tag. A note may
also close with its tags written without ``#`` (``护肤 面膜 平价好物`` on a
line, one per line, or run together), what some crawls and editors leave,
and a crawl may repeat a note's ``#`` tags on a line of their own, run
together without the ``#`` (``孕期日记孕期护肤我的护肤日常``).

``@handles`` name accounts. Both are spans of the document: a term inside one
is reported once per note, one severity lower, with wording that says where
it sits (see engine/linter.py).
"""

from __future__ import annotations

import re
from typing import NamedTuple

# What ends an open tag: whitespace, another '#', an @handle or sentence punctuation.
_STOP = set(" \t\r\n#@，。！？!?,、；;：:…~～（）()「」『』“”\"'")
MAX_TAG = 40
_TOPIC_SUFFIX = "[话题]"
_HANDLE = re.compile(r"@[^\s@#，。！？!?,、；;：:()（）]{1,30}")
_LINES = re.compile(r"[^\n]+")
_ONLY_HANDLES = re.compile(r"\s*(?:@[^\s@]+\s*)+")
MAX_PHRASE = 10
_WORDS_ONLY = re.compile(r"[\u3400-\u9fffA-Za-z0-9]+")
MIN_RUN = 16
_PHRASE = re.compile(r"\S+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_MARK = re.compile(r"[，。！？!?,；;：:…~～、]")


class Tag(NamedTuple):
    start: int
    end: int
    kind: str  # "topic" or "handle"


def _has_word(text: str) -> bool:
    return any(c.isalpha() for c in text)


def topic_tags(text: str) -> list[tuple[int, int]]:
    """Spans of ``#`` topic tags, in order (linear in the text)."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = text.find("#")
    while i != -1:
        k = i + 1
        if k < n and (text[k].isdigit() or text[k] in _STOP):
            i = text.find("#", k)
            continue
        m = k
        while m < n and m - k < MAX_TAG and text[m] not in _STOP:
            m += 1
        if text.startswith(_TOPIC_SUFFIX, m):
            m += len(_TOPIC_SUFFIX)
        content = text[k:m]
        if not _has_word(content):
            i = text.find("#", k)
            continue
        if m < n and text[m] == "#":
            spans.append((i, m + 1))
            # the closing '#' opens the next tag when text follows it directly
            i = m if m + 1 < n and text[m + 1] not in _STOP else text.find("#", m + 1)
        else:
            spans.append((i, m))
            i = text.find("#", m)
    return spans


def closing_tag_phrases(text: str) -> list[tuple[int, int]]:
    """The run of tags a note closes with when they are written without ``#``.

    Reading up from the end (past lines of @handles only): lines without
    sentence punctuation whose space-separated phrases are short Chinese
    phrases of words only (``MAX_PHRASE`` characters at most, no emoji), at least three phrases in
    all; or a last line without punctuation or spaces of ``MIN_RUN`` or more
    characters (tags run together: 我的口红日记平价口红最显白的口红).
    """
    lines = [(m.start(), m.group()) for m in _LINES.finditer(text)]
    i = len(lines) - 1
    while i >= 0 and (not lines[i][1].strip() or _ONLY_HANDLES.fullmatch(lines[i][1])):
        i -= 1
    spans: list[tuple[int, int]] = []
    first = True
    while i >= 0:
        start, line = lines[i]
        body = _HANDLE.sub(lambda m: " " * len(m.group()), line)
        if not body.strip() or _SENTENCE_MARK.search(body) or "#" in body:
            break
        phrases = [(p.start(), p.end()) for p in _PHRASE.finditer(body)]
        if not all(_WORDS_ONLY.fullmatch(body[s:e]) for s, e in phrases):
            break  # emoji and symbols belong to sentences, not to tag names
        if first and len(phrases) == 1 and phrases[0][1] - phrases[0][0] >= MIN_RUN and _HAN.search(body):
            spans.append((start + phrases[0][0], start + phrases[0][1]))
        elif all(e - s <= MAX_PHRASE and _HAN.search(body[s:e]) for s, e in phrases):
            spans += [(start + s, start + e) for s, e in phrases]
        else:
            break
        first = False
        i -= 1
    if len(spans) < 3 and not any(e - s >= MIN_RUN for s, e in spans):
        return []
    return sorted(spans)


MIN_REPEATED = 3  # tag names a line must repeat, run together, to be a tag line


def _tag_name(text: str, start: int, end: int) -> str:
    name = text[start:end].strip("#")
    return name[: -len(_TOPIC_SUFFIX)] if name.endswith(_TOPIC_SUFFIX) else name


def repeated_tag_runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs at the end of a line that repeat ``MIN_REPEATED`` or more of the note's ``#``
    tag names run together without ``#`` (a crawl's copy of the tag line).

    Read from each line's end, longest name first; linear in the text (a line
    is read once per name it repeats, each step tries at most ``MAX_TAG`` lengths)."""
    names = {_tag_name(text, s, e) for s, e in spans}
    names = {n for n in names if len(n) >= 2 and "#" not in n}
    if len(names) < MIN_REPEATED:
        return []
    longest = max(map(len, names))
    runs: list[tuple[int, int]] = []
    for match in _LINES.finditer(text):
        line_start, line = match.start(), match.group().rstrip()
        if "#" in line or _SENTENCE_MARK.search(line):
            continue
        end, count = len(line), 0
        while end > 0:
            size = next((k for k in range(min(longest, end), 1, -1) if line[end - k : end] in names), 0)
            if not size:
                break
            end, count = end - size, count + 1
        if count >= MIN_REPEATED:
            runs.append((line_start + end, line_start + len(line)))
    return runs


def find_tags(text: str) -> list[Tag]:
    """Topic tags and @handles of a text, sorted by start."""
    hashed = topic_tags(text)
    tags = [Tag(s, e, "topic") for s, e in hashed]
    tags += [Tag(s, e, "topic") for s, e in closing_tag_phrases(text)]
    tags += [Tag(s, e, "topic") for s, e in repeated_tag_runs(text, hashed)]
    tags += [Tag(m.start(), m.end(), "handle") for m in _HANDLE.finditer(text)]
    tags.sort()
    return tags
