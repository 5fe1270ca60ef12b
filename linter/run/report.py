"""Stream a run's results into a report: to stdout, or atomically to
``--output FILE``, with a progress line for batches on a terminal."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO, cast

from ..core.errors import XhslintError
from ..core.files import atomic_open
from ..engine.diagnostics import FileResult
from ..output import get_writer
from ..rules.model import Rule
from .progress import track
from .runner import LintRun


def write_report(run: LintRun, fmt: str, output: str | None = None, color: bool = False) -> None:
    """Lint and report. Errors about the configuration surface before any
    output is written (the first result is linted before the report opens)."""
    results: Iterator = iter(track(run, sys.stderr, enabled=run.has_batch))
    first = next(results, None)
    with _open(output) as out:
        unit = "notes" if run.has_batch else "files"
        writer = get_writer(fmt)(out, run.locale, color, unit=unit, docs_url=run.docs_url)
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
    with _open(output) as out:
        writer = get_writer(fmt)(out, locale, color, unit="files", docs_url=docs_url)
        for result in results:
            writer.add(result)
        writer.close(rules=rules, errors=list(errors))


@contextlib.contextmanager
def _open(output: str | None) -> Iterator[TextIO]:
    if output is None or output == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_open(output) as handle:
        yield cast(TextIO, handle)
