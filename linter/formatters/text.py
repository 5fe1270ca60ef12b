"""``--format text``: ruff-style lines with the source excerpt and a caret."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..diagnostics import Diagnostic, FileResult
from ..kinds.metric import display_width
from ..messages import catalogue
from . import summary

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


def _excerpt(result: FileResult, d: Diagnostic, color: bool) -> list[str]:
    lines = result.text.split("\n")
    if not lines or d.line > len(lines):
        return []
    text = lines[d.line - 1].rstrip("\r").expandtabs(1)
    if not text.strip():
        return []
    gutter = str(d.line)
    pad = " " * len(gutter)
    start_col = display_width(text[: d.column - 1])
    last = d.end_column - 1 if d.end_line == d.line else len(text)
    width = max(1, display_width(text[d.column - 1 : last]))
    caret = " " * start_col + "^" * width
    if color:
        caret = click.style(caret, fg=_SEVERITY_COLOUR[d.severity], bold=True)
    return [f" {pad} |", f" {gutter} | {text}", f" {pad} | {caret}"]


def format_text(results: Sequence[FileResult], locale: str, color: bool = False) -> str:
    cat = catalogue(locale)
    out: list[str] = []
    for result in results:
        detected = cat.text("detected")
        kind = result.kind + (f" ({detected})" if result.kind_detected else "")
        vertical = (result.vertical or cat.text("none")) + (
            f" ({detected})" if result.vertical_detected else ""
        )
        header = cat.text(
            "file_header", path=result.path, kind=kind, vertical=vertical, language=result.language
        )
        out.append(click.style(header, dim=True) if color else header)
        for d in result.diagnostics:
            where = f"{result.path}:{d.line}:{d.column}:"
            sev = f"[{d.severity}]"
            rule_id = d.rule.id
            if color:
                where = click.style(where, bold=True)
                sev = click.style(sev, fg=_SEVERITY_COLOUR[d.severity])
                rule_id = click.style(rule_id, fg=_SEVERITY_COLOUR[d.severity], bold=True)
            out.append(f"{where} {rule_id} {sev} {d.message(locale)}")
            out.extend(_excerpt(result, d, color))
            suggestion = d.suggestion(locale)
            if suggestion:
                out.append(f"   = {cat.text('suggestion')}: {suggestion}")
    s = summary(results)
    if s["diagnostics"]:
        sev = s["by_severity"]
        out.append(
            cat.text(
                "summary_found",
                count=s["diagnostics"],
                files=s["files"],
                error=sev["error"],
                warning=sev["warning"],
                info=sev["info"],
            )
        )
    else:
        out.append(cat.text("summary_clean", files=s["files"]))
    return "\n".join(out)
