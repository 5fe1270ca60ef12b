"""Output formats. Each streams one report: a ``Writer`` gets the per-file
results one at a time, in input order, and writes as it goes, so a batch of
any size is reported in flat memory. ``get_formatter`` keeps the older
whole-list interface (results in, text out)."""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Iterable, Sequence

from ..core.vocabulary import FORMATS, WORKBOOK_FORMATS
from ..engine.diagnostics import FileResult
from .base import Spool, Writer, dump_json, summary

__all__ = ["FORMATS", "Spool", "Writer", "dump_json", "get_formatter", "get_writer", "render", "summary"]

# format name -> module in this package; each module defines ``Writer``.
_MODULES = {name: "json_format" if name == "json" else name for name in (*FORMATS, *WORKBOOK_FORMATS)}


def get_writer(name: str) -> type[Writer]:
    if name not in _MODULES:
        raise ValueError(f"unknown format '{name}' (choose from {', '.join(FORMATS)})")
    module = importlib.import_module(f".{_MODULES[name]}", __package__)
    return module.Writer


def render(
    writer: type[Writer], results: Iterable[FileResult], locale: str, color: bool = False, **close
) -> str:
    """A whole report as a string (without the final newline)."""
    out = io.StringIO()
    report = writer(out, locale, color)
    for result in results:
        report.add(result)
    report.close(**close)
    text = out.getvalue()
    return text[:-1] if text.endswith("\n") else text


Formatter = Callable[[Sequence[FileResult], str, bool], str]


def get_formatter(name: str) -> Formatter:
    writer = get_writer(name)

    def format_results(results: Sequence[FileResult], locale: str, color: bool = False) -> str:
        return render(writer, results, locale, color)

    return format_results
