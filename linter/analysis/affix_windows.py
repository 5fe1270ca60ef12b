"""How far spaCy's prefix and suffix rules can reach, so they can be matched in a window.

spaCy strips one prefix and one suffix per round and searches the whole rest of
the span again each round, which is quadratic in a span without spaces: 8,000
characters of "(" took 8 s (spaCy itself is the same). ``light_english`` matches
the rules in a window at the span's start (prefixes) or end (suffixes) instead,
which gives the same answer when each alternative of the rule is either

- bounded: it matches at most ``width`` characters and looks at most ``look``
  characters beyond them (lookarounds), or
- a run: fixed characters followed by one repeated character class (spaCy's
  ``\\.\\.+``), where for a suffix the fixed characters are the run's own; a run
  that reaches the edge of the window is matched again in a window twice as wide.

``window(pattern, at)`` checks that shape on the parsed pattern and returns the
window size to use, or None when the rule has another shape (then the whole
rest is searched, as spaCy does). The check reads ``re``'s parser output, an
internal of CPython; any surprise there also gives None.
"""

from __future__ import annotations

import re
from typing import Any

MIN_WINDOW = 16

# The parsed items whose width is one character (literals and character classes).
_ONE_CHAR = {"LITERAL", "NOT_LITERAL", "IN", "ANY"}


def window(pattern: re.Pattern[str], at: str) -> int | None:
    """The window for a rule anchored ``at`` "start" (prefixes) or "end" (suffixes)."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        branches = _branches(list(parsed.data), at, _parser)
        if branches is None:
            return None
        width = look = 0
        for items in branches:
            shape = _shape(items, at, _parser)
            if shape is None:
                return None
            width, look = max(width, shape[0]), max(look, shape[1])
        return max(MIN_WINDOW, 2 * (width + look + 2))
    except Exception:  # an unexpected parse tree: search the whole rest
        return None


def _name(op: Any) -> str:
    return str(op)


def _branches(items: list, at: str, parser) -> list[list] | None:
    """The alternatives, each a list of items without the anchor, or None."""
    if at == "start":
        if not items or _name(items[0][0]) != "AT" or _name(items[0][1]) != "AT_BEGINNING":
            return _split(items, at, parser)
        rest = items[1:]
        if len(rest) == 1 and _name(rest[0][0]) == "BRANCH":
            return [list(b.data) for b in rest[0][1][1]]
        return [rest]
    return _split(items, at, parser)


def _split(items: list, at: str, parser) -> list[list] | None:
    if len(items) == 1 and _name(items[0][0]) == "BRANCH":
        alternatives = [list(b.data) for b in items[0][1][1]]
    else:
        alternatives = [items]
    out = []
    for alt in alternatives:
        if at == "start":
            if not alt or _name(alt[0][0]) != "AT" or _name(alt[0][1]) != "AT_BEGINNING":
                return None
            out.append(alt[1:])
        else:
            if not alt or _name(alt[-1][0]) != "AT" or _name(alt[-1][1]) != "AT_END":
                return None
            out.append(alt[:-1])
    return out


def _lookaround(items: list, parser) -> int | None:
    """The widest lookaround in ``items`` (0: none), or None for an unbounded one."""
    widest = 0
    for op, av in items:
        name = _name(op)
        if name in ("ASSERT", "ASSERT_NOT"):
            _low, high = av[1].getwidth()
            if high >= parser.MAXREPEAT:
                return None
            widest = max(widest, high)
            inner = _lookaround(list(av[1].data), parser)
        elif name == "BRANCH":
            inner = max((_lookaround(list(b.data), parser) or 0) for b in av[1])
        elif name == "SUBPATTERN":
            inner = _lookaround(list(av[-1].data), parser)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            inner = _lookaround(list(av[2].data), parser)
        elif name == "AT":
            inner = 1  # \b and friends look at one character on each side
        else:
            inner = 0
        if inner is None:
            return None
        widest = max(widest, inner)
    return widest


def _shape(items: list, at: str, parser) -> tuple[int, int] | None:
    """(width, look) of a bounded alternative or of a run's fixed part, or None."""
    look = _lookaround(items, parser)
    if look is None:
        return None
    sub = parser.SubPattern(parser.State(), items)
    _low, high = sub.getwidth()
    if high < parser.MAXREPEAT:
        return high, look
    # a run: fixed one-character items, then (prefix) or before (suffix: the end) one repeat
    run_index = len(items) - 1
    op, av = items[run_index]
    if _name(op) != "MAX_REPEAT" or av[1] < parser.MAXREPEAT:
        return None
    repeated = list(av[2].data)
    if len(repeated) != 1 or _name(repeated[0][0]) not in _ONE_CHAR:
        return None
    fixed = items[:run_index]
    if any(_name(o) not in _ONE_CHAR for o, _ in fixed):
        return None
    if at == "end" and any((o, a) != repeated[0] for o, a in fixed):
        return None  # a suffix run must be made of its own fixed characters (\.\.+)
    return len(fixed) + 1, look
