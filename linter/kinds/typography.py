"""``typography``: Chinese copywriting typography -- spaces between CJK and
Latin letters or digits, full-width punctuation -- checked with autocorrect
(autocorrect-py), the maintained implementation of these conventions, rather
than hand-written rules. Each finding carries the corrected text as its fix.
"""

from __future__ import annotations

import re

from . import Compiled, Finding

LINE = re.compile(r"[^\n]+")


def compile(rule) -> Compiled:
    return Compiled()


def _hunks(old: str, new: str):
    """(old_start, old_end, replacement, old context, new context) per change.
    An insertion is a zero-width change; contexts show two characters around."""
    from difflib import SequenceMatcher

    for op, a, b, c, d in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "equal":
            before = old[max(0, a - 2) : b + 2]
            after = new[max(0, c - 2) : d + 2]
            yield a, b, new[c:d], before, after


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
        for a, b, replacement, before, after in _hunks(line, fixed):
            start, end = m.start() + a, m.start() + b
            lo, hi = max(m.start(), start - 2), min(m.end(), end + 2)
            if doc.text[lo:hi] != doc.prose[lo:hi]:
                continue  # the change touches code or a URL: not prose, leave it
            yield Finding(start, end, {"match": before, "fixed": after}, fix=replacement)
