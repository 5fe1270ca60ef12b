"""Compile rule regexes once, refusing ones that can backtrack catastrophically.

Python's ``re`` has no time limit, so the guard is static: a quantified group
that itself contains an unbounded quantifier (``(a+)+``, ``(\\w*x?)*``) is
rejected when the rule loads, with the offending pattern in the error.
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


def _walk(items, inside_unbounded: bool) -> None:
    for op, av in items:
        name = str(op)
        if name in _REPEATS:
            _low, high, sub = av
            unbounded = high == MAXREPEAT or high > 100
            if unbounded and inside_unbounded and name != "POSSESSIVE_REPEAT":
                raise UnsafePattern("nested unbounded quantifiers can backtrack catastrophically")
            _walk(sub, inside_unbounded or (unbounded and _can_repeat_variably(sub)))
        elif name == "SUBPATTERN":
            _walk(av[-1], inside_unbounded)
        elif name == "BRANCH":
            for branch in av[1]:
                _walk(branch, inside_unbounded)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _walk(av[1], inside_unbounded)
        elif name == "ATOMIC_GROUP":
            _walk(av, False)


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
