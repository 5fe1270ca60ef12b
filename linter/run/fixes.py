"""Safe autofix: apply the fixes that diagnostics carry, and nothing else.

A diagnostic has a fix when its rule's kind knows a safe replacement for its
span: a ``terms`` rule with a ``fix:`` in its YAML, or the ``typography``
kind (spacing and punctuation from autocorrect). Overlapping fixes are not
guessed at: the first of them (in text order) is applied and the text is
linted again, at most ``MAX_PASSES`` times.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

from ..core.encoding import sniff
from ..core.errors import InputError
from ..core.files import write_atomic
from ..engine.diagnostics import Diagnostic, FileResult

MAX_PASSES = 4


def apply_fixes(text: str, diagnostics: Sequence[Diagnostic]) -> tuple[str, int]:
    """The text with every fix that does not overlap an earlier one applied,
    and how many were applied. Two insertions at one point count as
    overlapping unless they insert the same thing (then it is done once)."""
    chosen: list[Diagnostic] = []
    for d in sorted((d for d in diagnostics if d.fix is not None), key=lambda d: (d.start, d.end)):
        if chosen:
            last = chosen[-1]
            if d.start < last.end:
                continue
            if d.start == d.end == last.start == last.end:
                continue  # a second insertion at the same point (identical or not)
        chosen.append(d)
    parts, at = [], 0
    for d in chosen:
        parts += [text[at : d.start], d.fix]
        at = d.end
    parts.append(text[at:])
    return "".join(parts), len(chosen)  # type: ignore[arg-type]


def fix_loop(lint: Callable[[str], FileResult], text: str) -> tuple[FileResult, str, int]:
    """Lint, fix, lint again until nothing is left to fix (or MAX_PASSES).
    Returns the result for the final text, the text, and the fixes applied."""
    result = lint(text)
    applied = 0
    for _ in range(MAX_PASSES):
        fixed, count = apply_fixes(text, result.diagnostics)
        if not count or fixed == text:
            break
        text, applied = fixed, applied + count
        result = lint(text)
    return result, text, applied


def unified_diff(path: str, old: str, new: str) -> str:
    """A ``git diff``-style unified diff of one file ('' when unchanged)."""
    lines = list(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"
        )
    )
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def write_fixed(path: str, original: str, fixed: str) -> None:
    """Rewrite ``path`` with ``fixed`` in the file's own encoding and BOM.

    Refuses when the file no longer holds ``original`` (edited meanwhile).
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from None
    encoding, bom, text = sniff(data, path)
    if text != original:
        raise InputError("changed while it was being linted; not rewritten", path)
    try:
        encoded = fixed.encode(encoding)
    except UnicodeEncodeError:
        raise InputError(f"the fixed text cannot be written in {encoding}; not rewritten", path) from None
    write_atomic(path, data[:bom] + encoded)
