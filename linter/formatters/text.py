"""``--format text``: ruff-style lines with the source excerpt and a caret."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..diagnostics import Diagnostic, FileResult
from ..kinds.metric import display_width
from ..messages import catalogue
from . import Writer as BaseWriter
from . import render

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


def _excerpt(lines: list[str], d: Diagnostic, color: bool) -> list[str]:
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


class Writer(BaseWriter):
    def write(self, result: FileResult) -> None:
        cat = catalogue(self.locale)
        color = self.color
        out: list[str] = []
        detected = cat.text("detected")
        kind = cat.label("kind", result.kind) + (f" ({detected})" if result.kind_detected else "")
        vertical = (result.vertical or cat.text("none")) + (
            f" ({detected})" if result.vertical_detected else ""
        )
        header = cat.text(
            "file_header",
            path=result.path,
            kind=kind,
            vertical=vertical,
            language=result.language,
            commercial=cat.label("commercial", result.commercial),
        )
        out.append(click.style(header, dim=True) if color else header)
        lines = result.text.split("\n") if result.diagnostics else []
        for d in result.diagnostics:
            where = f"{result.path}:{d.line}:{d.column}:"
            sev = f"[{cat.label('severity', d.severity)}]"
            rule_id = d.rule.id
            if color:
                where = click.style(where, bold=True)
                sev = click.style(sev, fg=_SEVERITY_COLOUR[d.severity])
                rule_id = click.style(rule_id, fg=_SEVERITY_COLOUR[d.severity], bold=True)
            out.append(f"{where} {rule_id} {sev} {d.message(self.locale)}")
            out.extend(_excerpt(lines, d, color))
            suggestion = d.suggestion(self.locale)
            if suggestion:
                out.append(f"   = {cat.text('suggestion')}{cat.text('colon')}{suggestion}")
        self.out.write("\n".join(out) + "\n")

    def close(self, rules=(), errors=()) -> None:
        cat = catalogue(self.locale)
        s = self.tally.summary()
        unit = cat.text(f"unit_{self.unit}")
        if s["diagnostics"]:
            sev = s["by_severity"]
            line = cat.text(
                "summary_found",
                count=s["diagnostics"],
                files=s["files"],
                unit=unit,
                error=sev["error"],
                warning=sev["warning"],
                info=sev["info"],
            )
        elif errors:  # never "all clear" when an input could not be read
            line = cat.text("summary_clean_with_errors", files=s["files"], unit=unit, errors=len(errors))
        else:
            line = cat.text("summary_clean", files=s["files"], unit=unit)
        if s["diagnostics"] and errors:
            line += " " + cat.text("summary_input_errors", errors=len(errors))
        self.out.write(line + "\n")


def format_text(results: Sequence[FileResult], locale: str, color: bool = False) -> str:
    return render(Writer, results, locale, color)
