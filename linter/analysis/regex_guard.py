"""Compile rule regexes once, refusing ones that can backtrack catastrophically.

Python's ``re`` has no time limit, so the guard is static, and a pattern is
rejected when the rule loads, with the offending pattern in the error, if
inside an unbounded quantifier it has

- another unbounded quantifier (``(a+)+``, ``(\\w*x?)*``), or
- alternatives that can start with the same character, or two that can match
  nothing (``(a|a)*``, ``(ab|ac|\\w)+``, ``(x|)*``): each repetition could then
  be matched more than one way, and a failing search tries every way.
Documents are capped in size, which bounds what any one search can cost.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    import re._parser as _parser  # type: ignore[import-not-found]
    from re._constants import MAXREPEAT  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef]
    from sre_constants import MAXREPEAT  # type: ignore[no-redef]

MAX_PATTERN_LENGTH = 2000
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


class UnsafePattern(ValueError):
    pass


def _walk(items, inside_unbounded: bool, in_repeat: bool = False, follow: Intervals = None) -> None:
    """``inside_unbounded``: within an unbounded quantifier over a variable-width
    body; ``in_repeat``: within any unbounded quantifier, whose body starts with
    ``follow`` (what can come after an alternative that matches nothing)."""
    for op, av in items:
        name = str(op)
        if name in _REPEATS:
            _low, high, sub = av
            unbounded = high == MAXREPEAT or high > 100
            if unbounded and inside_unbounded and name != "POSSESSIVE_REPEAT":
                raise UnsafePattern("nested unbounded quantifiers can backtrack catastrophically")
            possessive = name == "POSSESSIVE_REPEAT"
            _walk(
                sub,
                inside_unbounded or (unbounded and _can_repeat_variably(sub)),
                (in_repeat or unbounded) and not possessive,
                _first(sub)[0] if unbounded else follow,
            )
        elif name == "SUBPATTERN":
            _walk(av[-1], inside_unbounded, in_repeat, follow)
        elif name == "BRANCH":
            if in_repeat and _ambiguous(av[1], follow):
                raise UnsafePattern(
                    "alternatives that can match the same text inside an unbounded quantifier"
                    " can backtrack catastrophically"
                )
            for branch in av[1]:
                _walk(branch, inside_unbounded, in_repeat, follow)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _walk(av[1], inside_unbounded, in_repeat, follow)
        elif name == "ATOMIC_GROUP":
            _walk(av, False)


Intervals = list[tuple[int, int]] | None  # code point ranges; None: any character


def _first(items) -> tuple[Intervals, bool]:
    """(the characters a match of ``items`` can start with, whether it can be empty)."""
    found: list[tuple[int, int]] = []
    for op, av in items:
        name = str(op)
        if name == "AT" or name in ("ASSERT", "ASSERT_NOT"):
            continue  # zero width
        if name == "LITERAL":
            return [*found, (av, av)], False
        if name == "IN":
            chars = _set_intervals(av)
            return (None if chars is None else found + chars), False
        if name == "SUBPATTERN":
            sub, empty = _first(av[-1])
        elif name == "ATOMIC_GROUP":
            sub, empty = _first(av)
        elif name == "BRANCH":
            sub, empty = [], False
            for branch in av[1]:
                chars, can_be_empty = _first(branch)
                empty = empty or can_be_empty
                sub = None if chars is None or sub is None else sub + chars
        elif name in _REPEATS:
            sub, empty = _first(av[2])
            empty = empty or av[0] == 0
        else:  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...: anything
            return None, False
        if sub is None:
            return None, False
        found += sub
        if not empty:
            return found, False
    return found, True


# \d, \s and \w as sets: a category is (-1, index); a test below tells them apart.
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}
_DISJOINT = {frozenset({"CATEGORY_SPACE", "CATEGORY_DIGIT"}), frozenset({"CATEGORY_SPACE", "CATEGORY_WORD"})}
_NAMES = list(_CATEGORIES)


def _set_intervals(av) -> Intervals:
    out = []
    for op, value in av:
        name = str(op)
        if name == "LITERAL":
            out.append((value, value))
        elif name == "RANGE":
            out.append(value)
        elif name == "CATEGORY" and str(value) in _CATEGORIES:
            out.append((-1, _NAMES.index(str(value))))
        else:  # NEGATE, \D, \S, \W: too wide to tell apart
            return None
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] >= 0 and b[0] >= 0:
        return a[0] <= b[1] and b[0] <= a[1]
    if a[0] < 0 and b[0] < 0:
        return a == b or frozenset({_NAMES[a[1]], _NAMES[b[1]]}) not in _DISJOINT
    category, chars = (a, b) if a[0] < 0 else (b, a)
    if chars[1] - chars[0] > 4096:
        return True
    test = re.compile(_CATEGORIES[_NAMES[category[1]]])
    return any(test.match(chr(code)) for code in range(chars[0], chars[1] + 1))


def _ambiguous(branches, follow: Intervals) -> bool:
    """Can two alternatives start the same way? One that can match nothing starts
    like what follows it (``follow``): ``(aa|a)*`` is ``(a(?:a|))*``."""
    seen: list[tuple[int, int]] = []
    empties = 0
    for branch in branches:
        chars, empty = _first(branch)
        empties += empty
        if chars is not None and empty:
            chars = None if follow is None else chars + follow
        if chars is None or empties > 1:
            return True
        if any(_overlap(one, other) for one in chars for other in seen):
            return True
        seen += chars
    return False


def _can_repeat_variably(sub) -> bool:
    lo, hi = sub.getwidth()
    return lo != hi or lo == 0


def compile_safe(pattern: str, flags: int = 0) -> re.Pattern[str]:
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafePattern(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    try:
        compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise UnsafePattern(f"invalid regular expression: {exc}") from None
    _walk(_parser.parse(pattern, flags), False)
    return compiled
