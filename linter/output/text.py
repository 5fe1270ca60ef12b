"""``--format text``: ruff-style lines with the source excerpt and a caret."""

from __future__ import annotations

import re

import click

from ..core.messages import catalogue
from ..engine.diagnostics import Diagnostic, FileResult
from ..kinds.metric import display_width
from .base import Writer as BaseWriter

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


EXCERPT = 120  # characters of a source line shown; longer lines show a window around the match
CONTEXT = 40  # characters of context on each side of the match in that window
# C0 controls (not tab or newline), DEL and C1 controls: an escape sequence from the input
# must not reach the terminal, so each is shown as a visible symbol of the same width.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """The text with control characters shown (␛ for ESC, ␀ for NUL, ␡ for DEL, ¤ for C1)."""

    def show(m: re.Match[str]) -> str:
        c = ord(m.group())
        return chr(0x2400 + c) if c < 0x20 else "\u2421" if c == 0x7F else "\u00a4"

    return _CONTROLS.sub(show, text)


def _excerpt(lines: list[str], d: Diagnostic, color: bool) -> list[str]:
    if not lines or d.line > len(lines):
        return []
    line = lines[d.line - 1].rstrip("\r")
    if not line.strip():
        return []
    first = d.column - 1
    last = d.end_column - 1 if d.end_line == d.line else len(line)
    lead = tail = ""
    if len(line) > EXCERPT:  # a window around the match, so long lines cost what they show
        lo, hi = max(0, first - CONTEXT), min(len(line), max(last, first + 1) + CONTEXT)
        lead, tail = ("…" if lo else ""), ("…" if hi < len(line) else "")
        line, first, last = line[lo:hi], first - lo, min(last, hi) - lo
    text = visible(lead + line.expandtabs(1) + tail)
    shift = len(lead)
    gutter = str(d.line)
    pad = " " * len(gutter)
    start_col = display_width(text[: first + shift])
    width = max(1, display_width(text[first + shift : last + shift]))
    caret = " " * start_col + "^" * width
    if color:
        caret = click.style(caret, fg=_SEVERITY_COLOUR[d.severity], bold=True)
    return [f" {pad} |", f" {gutter} | {text}", f" {pad} | {caret}"]


def _where(path: str, d: Diagnostic) -> str:
    """``path:line:column:``; a roster's cell as the planner finds it: ``roster.xlsx#7 D (领域):``."""
    if d.cell is not None and d.cell.get("column"):
        return f"{visible(path)}#{d.cell['row']} {d.cell['column']} ({visible(str(d.cell['header']))}):"
    if d.cell is not None:
        return f"{visible(path)}#{d.cell['row']}:"
    return f"{visible(path)}:{d.line}:{d.column}:"


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
            path=visible(result.path),
            kind=kind,
            vertical=vertical,
            language=result.language,
            commercial=cat.label("commercial", result.commercial),
        )
        scored = result.score()
        header += cat.text("list_sep") + cat.text(
            "score_line",
            score=scored.score,
            band=cat.label("band", scored.band),
            verdict=cat.label("verdict", scored.verdict),
        )
        out.append(click.style(header, dim=True) if color else header)
        if result.meta:  # a batch row's other columns (creator, followers, link)
            carried = " · ".join(f"{k}{cat.text('colon')}{v}" for k, v in result.meta.items())
            line = "   " + visible(carried)
            out.append(click.style(line, dim=True) if color else line)
        lines = result.text.split("\n") if result.diagnostics else []
        for d in result.diagnostics:
            where = _where(result.path, d)
            sev = f"[{cat.label('severity', d.severity)}]"
            if d.waived:
                waived = cat.label("status", "waived")
                sev = f"[{cat.label('severity', d.severity)}{cat.text('list_sep')}{waived}]"
            rule_id = d.rule.id
            if color:
                where = click.style(where, bold=True)
                sev = click.style(sev, fg=_SEVERITY_COLOUR[d.severity])
                rule_id = click.style(rule_id, fg=_SEVERITY_COLOUR[d.severity], bold=True)
            out.append(f"{where} {rule_id} {sev} {visible(d.message(self.locale))}")
            out.extend(_excerpt(lines, d, color))
            if d.related:
                places = cat.text("list_sep").join(
                    f"{r.line}:{r.column} {visible(r.match)}" for r in d.related
                )
                out.append(f"   = {cat.text('also_at')}{cat.text('colon')}{places}")
            suggestion = d.suggestion(self.locale)
            if suggestion:
                out.append(f"   = {cat.text('suggestion')}{cat.text('colon')}{visible(suggestion)}")
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
        if s["files"] > 1:
            line += "\n" + cat.text("summary_bands", min=s["score"]["min"], **s["bands"])
        if s["waived"]:
            line += "\n" + cat.text("summary_waived", waived=s["waived"])
        self.out.write(line + "\n")
