"""xhslint's findings as LSP objects: diagnostics (ranges in the client's position encoding,
UTF-16 code units unless negotiated otherwise), hovers and the score lens. xhslint counts code
points; the open document's position codec converts (emoji and astral characters are everywhere
in XHS copy)."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Any

from lsprotocol import types
from pygls.workspace.position_codec import ServerTextPosition

from ..engine.diagnostics import Diagnostic, FileResult
from ..kinds.metric import display_width
from ..rules.references import reference_text, rule_page_uri

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
SOURCE = "xhslint"


# LSP ends lines at \n, \r\n and \r only; str.splitlines also splits at U+2028, \x0c and
# others, which copy-pasted XHS text does contain, so lines are split here, not by pygls.
_LINE_BREAK = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


class Positions:
    """Code-point offsets of one text to positions as its client counts them (the codec of the
    negotiated encoding) and back. The line starts are computed once, so converting every
    finding of a long file stays linear."""

    def __init__(self, text: str, codec) -> None:
        self.codec = codec
        self.lines = _LINE_BREAK.split(text)
        self.starts = list(accumulate((len(line) for line in self.lines), initial=0))

    @classmethod
    def of(cls, document) -> Positions:
        return cls(document.source, document.position_codec)

    def at(self, offset: int) -> types.Position:
        line = max(0, min(bisect_right(self.starts, offset) - 1, len(self.lines) - 1))
        column = min(max(0, offset - self.starts[line]), len(self.lines[line]))
        return self.codec.position_to_client_units(self.lines, ServerTextPosition(line, column))

    def offset(self, position: types.Position) -> int:
        if position.line >= len(self.lines):
            return self.starts[-1]
        column = self.codec.position_from_client_units(self.lines, position).character
        return self.starts[position.line] + min(column, len(self.lines[position.line]))

    def range(self, start: int, end: int) -> types.Range:
        """``[start, end)`` in code points of the text."""
        return types.Range(start=self.at(start), end=self.at(end))


def to_lsp(positions: Positions, d: Diagnostic, locale: str, docs_url: str | None) -> types.Diagnostic:
    href = rule_page_uri(d.rule, docs_url)
    data: dict[str, Any] = {"rule": d.rule.id, "start": d.start, "end": d.end, "match": d.match}
    if d.fix is not None:
        data["fix"] = d.fix
    return types.Diagnostic(
        range=positions.range(d.start, d.end),
        message=d.message(locale),
        severity=SEVERITY[d.severity],
        code=d.rule.id,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        data=data,
    )


def hover_text(d: Diagnostic, locale: str) -> str:
    """What ``rules show`` says about the finding's rule, as Markdown."""
    rule = d.rule
    parts = [f"**{rule.id}** `{rule.name}` ({d.severity})", "", d.message(locale)]
    suggestion = d.suggestion(locale)
    if suggestion:
        parts += ["", f"*{suggestion}*"]
    if rule.rationale:
        parts += ["", rule.rationale]
    if rule.references:
        parts += ["", *(f"- {reference_text(r)}" for r in rule.references)]
    return "\n".join(parts)


def score_lens(result: FileResult, labels) -> types.CodeLens:
    """The note's score, band, kind, vertical and title width on its first line."""
    scored = result.score()
    first = result.text.split("\n", 1)[0]
    title = f" · {labels.text('lsp_title_width', width=display_width(first))}" if first.strip() else ""
    vertical = result.vertical or labels.text("none")
    band, verdict = labels.label("band", scored.band), labels.label("verdict", scored.verdict)
    kind = labels.label("kind", result.kind)
    text = f"xhslint: {scored.score}/100 {band} ({verdict}) · {kind} · {vertical}{title}"
    return types.CodeLens(
        range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
        command=types.Command(title=text, command=""),
    )
