"""``typography``: Chinese copywriting typography -- spaces between CJK and
Latin letters or digits, full-width punctuation -- checked with autocorrect
(autocorrect-py), the maintained implementation of these conventions, rather
than hand-written rules.

One finding per token: the changes autocorrect makes around one run of Latin
letters or digits (or one punctuation mark) are one finding, whose match is
the whole window as written (白X色) and whose fix is the whole window as it
should read (白 X 色). Topic tags and @handles are left alone (a space would
break the tag), and so are code and URLs. Findings of this kind are listed
after every content finding (``SORT_LAST``): they are presentation only,
and every token is reported, not one per sentence (``PER_SENTENCE``).
"""

from __future__ import annotations

import re

from .base import Compiled, Finding

# The fields of a rule of this kind (beyond every rule's) and the placeholders its messages may use.
FIELDS: tuple[str, ...] = ()
PARAMS: tuple[str, ...] = ("match", "fixed")

LINE = re.compile(r"[^\n]+")
SORT_LAST = True
PER_SENTENCE = None  # every token is a finding of its own (a rule's ``limit`` may say otherwise)


def compile(rule) -> Compiled:
    return Compiled()


def _aligned(old: str, new: str) -> list[tuple[int, int, str]] | None:
    """(start, end, replacement) edits turning ``old`` into ``new``, in one pass:
    autocorrect inserts spaces and swaps punctuation one for one. None when the
    texts differ in some other way (then a full diff is used)."""
    edits: list[tuple[int, int, str]] = []
    i = j = 0
    while i < len(old) or j < len(new):
        if i < len(old) and j < len(new) and old[i] == new[j]:
            i += 1
            j += 1
        elif j < len(new) and new[j] == " ":
            edits.append((i, i, " "))
            j += 1
        elif i < len(old) and old[i] == " " and (j >= len(new) or new[j] != " "):
            edits.append((i, i + 1, ""))
            i += 1
        elif i < len(old) and j < len(new) and not old[i].isalnum() and not new[j].isalnum():
            edits.append((i, i + 1, new[j]))
            i += 1
            j += 1
        else:
            return None
    return edits


def _edits(old: str, new: str) -> list[tuple[int, int, str]]:
    edits = _aligned(old, new)
    if edits is not None:
        return edits
    from difflib import SequenceMatcher

    return [
        (a, b, new[c:d])
        for op, a, b, c, d in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        if op != "equal"
    ]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _window(line: str, start: int, end: int) -> tuple[int, int]:
    """The token around an edit: the Latin run it touches plus one neighbour on each side."""
    lo, hi = start, end
    if lo > 0:
        lo -= 1
        while lo > 0 and _latin(line[lo]) and _latin(line[lo - 1]):
            lo -= 1
    if hi < len(line):
        hi += 1
        while hi < len(line) and _latin(line[hi - 1]) and _latin(line[hi]):
            hi += 1
    return lo, hi


def tokens(line: str, fixed: str) -> list[tuple[int, int, str]]:
    """(start, end, corrected text) of each token window that autocorrect changes."""
    edits = _edits(line, fixed)
    windows: list[list] = []  # [lo, hi, [edits]]
    for a, b, replacement in edits:
        lo, hi = _window(line, a, b)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
            windows[-1][2].append((a, b, replacement))
        else:
            windows.append([lo, hi, [(a, b, replacement)]])
    out = []
    for lo, hi, inside in windows:
        parts, pos = [], lo
        for a, b, replacement in inside:
            parts += [line[pos:a], replacement]
            pos = b
        parts.append(line[pos:hi])
        out.append((lo, hi, "".join(parts)))
    return out


def check(rule, ctx):
    import autocorrect_py

    doc = ctx.analysed.doc
    for m in LINE.finditer(doc.prose):
        line = m.group()
        if not line.strip():
            continue
        fixed = autocorrect_py.format(line)
        if fixed == line:
            continue
        for lo, hi, corrected in tokens(line, fixed):
            start, end = m.start() + lo, m.start() + hi
            if doc.text[start:end] != doc.prose[start:end]:
                continue  # the change touches code or a URL: not prose, leave it
            if ctx.tag_at(start, start + 1) is not None or ctx.tag_at(end - 1, end) is not None:
                continue  # a space inside a topic tag or @handle would break it
            yield Finding(start, end, {"match": line[lo:hi], "fixed": corrected}, fix=corrected)
