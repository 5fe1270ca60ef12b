"""Stream a run's results into a report: to stdout, or atomically to
``--output FILE``, with a progress line for batches on a terminal."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO, cast

from ..core.files import atomic_open
from ..output import get_writer
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


@contextlib.contextmanager
def _open(output: str | None) -> Iterator[TextIO]:
    if output is None or output == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_open(output) as handle:
        yield cast(TextIO, handle)
