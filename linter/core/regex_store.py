"""Compiled regular expressions kept between runs.

A cold ``xhslint lint`` compiled about 220 regular expressions, a quarter of its time
(0.13 s of 0.5 s on the 2-core sandbox): Python's ``re`` turns every character class
over a Han range into a table one code point at a time, and the rules' patterns are
compiled again whenever the cached rules are unpickled. ``re`` keeps compiled
patterns only for the life of a process, so this module keeps their compiled form
(``re``'s own code, the output of its parser and compiler) in the user cache
directory:

- ``preload()`` (run before a command, or the API, first imports the engine) puts every stored
  pattern into ``re``'s own cache, so ``re.compile`` of the same pattern and flags,
  anywhere, finds it there instead of compiling it;
- ``remember()`` (run at the end of a command-line lint) stores the patterns that
  were compiled in this process and are not stored yet, unless the process built
  the compiled rules from their files (``rules/cache.py`` says so with
  ``building()``): that run compiles patterns no later run needs (the schema
  validator's, the YAML parser's), and the store keeps what runs use.

It relies on two CPython internals, both checked: ``re._cache`` (a dict keyed by
``(type, pattern, flags)``) and ``_sre.compile``, which validates the code it is
given. The store is keyed by the exact interpreter build and ``_sre``'s code
format, so another Python never reads it; on any other implementation, or when
anything fails, nothing is preloaded and ``re`` compiles as usual.
``XHSLINT_NO_CACHE=1`` turns it off with the other caches.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

FORMAT = 1
LIMIT = 400  # patterns stored at most (re's own cache holds 512)

_building = False  # this process compiled the rules from their files
_loaded: set[tuple[str, int]] = set()  # (pattern, flags) preloaded or stored by this process
_codes: dict[tuple[str, int], tuple] = {}  # their compiled form, to write back with new ones


def _supported() -> bool:
    import re

    return (
        sys.implementation.name == "cpython"
        and isinstance(getattr(re, "_cache", None), dict)
        and hasattr(re, "_compiler")
        and hasattr(re, "_parser")
    )


def _store_path() -> Path | None:
    from .resources import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    import _sre
    import hashlib

    build = hashlib.sha256(f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{FORMAT}".encode()).hexdigest()
    return folder / f"regex-{sys.implementation.cache_tag}-{build[:16]}.marshal"


def preload() -> int:
    """Put the stored compiled patterns into ``re``'s cache; the number preloaded."""
    if _loaded or not _supported():
        return 0
    path = _store_path()
    if path is None:
        return 0
    from .cache_files import read_trusted

    data = read_trusted(path)
    if data is None:
        return 0
    import _sre
    import marshal
    import re
    from array import array

    try:
        entries = marshal.loads(data)
        for pattern, flags, final_flags, code, groups, groupindex, indexgroup in entries:
            compiled = _sre.compile(
                pattern, final_flags, array("I", code).tolist(), groups, groupindex, indexgroup
            )
            key = (pattern, flags)
            re._cache[str, pattern, flags] = compiled  # type: ignore[attr-defined]
            _loaded.add(key)
            _codes[key] = (final_flags, code, groups, groupindex, indexgroup)
    except Exception:  # a truncated, foreign or outdated store: compile as usual, store afresh
        _loaded.clear()
        _codes.clear()
        return 0
    return len(_loaded)


def _compiled_form(pattern: str, flags: int) -> tuple:
    """``re._compiler.compile`` up to the point where it calls ``_sre.compile``."""
    import re
    from array import array

    parsed = re._parser.parse(pattern, flags)  # type: ignore[attr-defined]
    code = re._compiler._code(parsed, flags)  # type: ignore[attr-defined]
    state = parsed.state
    groupindex = dict(state.groupdict)
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    packed = array("I", [int(c) for c in code]).tobytes()
    return (int(flags | state.flags), packed, state.groups - 1, groupindex, tuple(indexgroup))


def building() -> None:
    """This process is compiling the rules from their files: store nothing from it."""
    global _building
    _building = True


def remember() -> int:
    """Store the patterns compiled in this process that are not stored yet; the number added."""
    if _building or not _supported():
        return 0
    import re

    new = [
        (pattern, int(flags))
        for kind, pattern, flags in list(re._cache)  # type: ignore[attr-defined]
        if kind is str and (pattern, int(flags)) not in _loaded
    ]
    room = LIMIT - len(_codes)
    if not new or room <= 0:
        return 0
    path = _store_path()
    if path is None:
        return 0
    added = 0
    for key in new[:room]:
        try:
            _codes[key] = _compiled_form(*key)
        except Exception:  # a pattern this module cannot reproduce: leave it to re
            continue
        _loaded.add(key)
        added += 1
    if added:
        import marshal

        from .cache_files import write_atomic

        entries = [(pattern, flags, *form) for (pattern, flags), form in _codes.items()]
        write_atomic(path, marshal.dumps(entries))
    return added
