"""The Check page's engine side: one pasted note or brief linted with the warm linter of the
server's configuration, as what the page shows (score, the text with its findings
highlighted, each finding with its rule's rationale, references and safe fix)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.errors import InputError
from ..core.vocabulary import AUTO, DOCUMENT_KINDS, NOT_PROMOTIONAL, PROMOTIONAL, UNCLEAR
from ..document.readers import document_from_text
from ..engine.diagnostics import FileResult
from ..output.excerpt import sentence_of
from ..output.html import highlight, note_level
from ..rules.references import reference_text
from ..run.caches import linter_for
from ..run.config import Config
from ..run.runner import options_for

MAX_CHECK_CHARS = 200_000  # one pasted text at most
COMMERCIAL_CHOICES = (AUTO, PROMOTIONAL, UNCLEAR, NOT_PROMOTIONAL)


@dataclass
class Checked:
    result: FileResult
    highlighted: str  # HTML: the text with <mark>s, escaped
    findings: list[dict[str, Any]]


def check_text(
    text: str,
    config: Config,
    locale: str,
    kind: str = AUTO,
    vertical: str | None = None,
    commercial: str = AUTO,
    select: tuple[str, ...] | None = None,
    markdown: bool = False,
) -> Checked:
    if len(text) > MAX_CHECK_CHARS:
        raise InputError(f"the text is too long ({len(text):,} characters; at most {MAX_CHECK_CHARS:,})")
    chosen = config.merged(
        kind=kind if kind in DOCUMENT_KINDS else None,
        vertical=vertical or None,
        commercial=commercial if commercial in COMMERCIAL_CHOICES and commercial != AUTO else None,
        select=select,
    )
    linter = linter_for(options_for(chosen), chosen.rule_paths)
    result = linter.lint(document_from_text(text, "<check>", markdown=markdown))
    keyed = [(f"f{i}", d) for i, d in enumerate(result.diagnostics)]
    marked = [(key, d) for key, d in keyed if not note_level(d)]
    findings = []
    for key, d in keyed:
        rule = d.rule
        findings.append(
            {
                "key": key,
                "rule": rule.id,
                "name": rule.name,
                "severity": d.severity,
                "category": rule.category,
                "message": d.message(locale),
                "suggestion": d.suggestion(locale),
                "rationale": rule.rationale,
                "references": [{"text": reference_text(r), "url": _url(r)} for r in rule.references],
                "line": d.line,
                "column": d.column,
                "match": d.match,
                "sentence": sentence_of(result.text, d.start, d.end),
                "note_level": note_level(d),
                "fix": None if d.fix is None else {"start": d.start, "end": d.end, "text": d.fix},
            }
        )
    return Checked(result, highlight(result.text, marked), findings)


def _url(reference: Any) -> str | None:
    if isinstance(reference, dict):
        url = reference.get("url")
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            return url
    return None


def apply_fixes(text: str, fixes: list[tuple[int, int, str]]) -> str:
    """``text`` with the safe replacements applied, last first (so offsets stay right);
    overlapping ones after the first are skipped."""
    out = text
    last_start = len(text) + 1
    for start, end, replacement in sorted(fixes, key=lambda f: f[0], reverse=True):
        if 0 <= start <= end <= len(text) and end <= last_start:
            out = out[:start] + replacement + out[end:]
            last_start = start
    return out
