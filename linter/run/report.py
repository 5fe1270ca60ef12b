"""Stream a run's results into a report: to stdout, or atomically to
``--output FILE``, with a progress line for batches on a terminal."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO, cast

from ..core.errors import ConfigError, XhslintError
from ..core.files import atomic_open
from ..engine.diagnostics import FileResult
from ..output import get_writer
from ..rules.model import Rule
from .progress import track
from .runner import LintRun


def write_report(
    run: LintRun, fmt: str, output: str | None = None, color: bool = False, title: str | None = None
) -> None:
    """Lint and report. Errors about the configuration surface before any
    output is written (the first result is linted before the report opens)."""
    results: Iterator = iter(track(run, sys.stderr, enabled=run.has_batch))
    first = next(results, None)
    kind = get_writer(fmt)
    with _open(output, kind.binary, getattr(kind, "needs_file", None)) as out:
        unit = "notes" if run.has_batch else "files"
        target = output if output not in (None, "-") else None
        writer = kind(out, run.locale, color, unit=unit, docs_url=run.docs_url, title=title, target=target)
        if first is not None:
            writer.add(first)
            for result in results:
                writer.add(result)
        writer.close(rules=run.rules.values(), errors=run.errors)


def write_results(
    results: Iterable[FileResult],
    fmt: str,
    output: str | None,
    locale: str,
    rules: Iterable[Rule],
    errors: Sequence[XhslintError] = (),
    docs_url: str | None = None,
    color: bool = False,
) -> None:
    """Report results already in hand (``xhslint plan lint``) in any ``lint`` format."""
    kind = get_writer(fmt)
    with _open(output, kind.binary) as out:
        writer = kind(out, locale, color, unit="files", docs_url=docs_url)
        for result in results:
            writer.add(result)
        writer.close(rules=rules, errors=list(errors))


@contextlib.contextmanager
def _open(output: str | None, binary: bool = False, needs_file: str | None = None) -> Iterator[TextIO]:
    if output is None or output == "-":
        if needs_file:
            raise ConfigError(needs_file)
        if binary:
            if sys.stdout.isatty():
                raise ConfigError("--format xlsx writes a workbook: give -o FILE.xlsx (or redirect stdout)")
            yield cast(TextIO, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_open(output, binary=binary) as handle:
        yield cast(TextIO, handle)
