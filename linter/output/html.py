"""``--format html``: one self-contained report to send to a brand.

At the top, a summary (notes checked, findings by severity and category, a
small inline SVG chart) and filters; below, each note with its findings
highlighted in the text -- hover, focus or click a highlight for the message
and suggestion -- and listed under it. No network: CSS and script are
inline, and the Content-Security-Policy forbids loading anything. Everything
that comes from the input (paths, text, matches, messages that quote them) is
HTML-escaped, so a note containing ``<script>`` shows as text.

Notes are streamed to a spool file while the summary is counted, then the
page is assembled: memory stays flat for any number of notes.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from itertools import pairwise

from ..core.clock import report_date
from ..core.messages import catalogue
from ..core.version import __version__
from ..document.batch import creator_of
from ..engine.diagnostics import Diagnostic, FileResult
from ..engine.score import BANDS, VERDICTS
from ..kinds import NOTE_LEVEL_KINDS
from ..rules.model import SEVERITIES, SEVERITY_RANK
from .base import Spool
from .base import Writer as BaseWriter
from .html_assets import CSS, SCRIPT


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _places(d: Diagnostic) -> list[tuple[int, int]]:
    return [(d.start, d.end), *((r.start, r.end) for r in d.related)]


def highlight(text: str, diagnostics: Sequence[tuple[str, Diagnostic]]) -> str:
    """The text with each stretch covered by findings wrapped in one <mark>
    (overlaps become consecutive marks naming every finding that covers them);
    a zero-width fix (an insertion) is a point marker. One sweep over the span
    edges: linear in the text and the findings, not their product."""
    # a finding's related places (the others its rule's ``limit`` folded in) are marked as its own
    spans = [(i, d, start, end) for i, d in diagnostics for start, end in _places(d) if end > start]
    points: dict[int, list[str]] = {}
    for i, d in diagnostics:
        if d.end == d.start and d.fix is not None:
            points.setdefault(d.start, []).append(_mark([(i, d)], ""))
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for n, (_i, _d, start, end) in enumerate(spans):
        starts.setdefault(start, []).append(n)
        ends.setdefault(end, []).append(n)
    bounds = sorted({0, len(text), *starts, *ends, *points})
    active: dict[int, None] = {}
    out: list[str] = []
    for a, b in pairwise(bounds):
        for n in ends.get(a, ()):
            active.pop(n, None)
        for n in starts.get(a, ()):
            active[n] = None
        out += points.get(a, ())
        # one entry per finding, however many of its places cover the stretch
        covering = list({spans[n][0]: spans[n][:2] for n in sorted(active)}.values()) if active else []
        out.append(_mark(covering, text[a:b]) if covering else esc(text[a:b]))
    out += points.get(len(text), ())
    return "".join(out)


def _mark(covering: Sequence[tuple[str, Diagnostic]], text: str) -> str:
    worst = max((d for _, d in covering), key=lambda d: SEVERITY_RANK[d.severity])
    ids = " ".join(i for i, _ in covering)
    kind = "hl" if text else "hl point"
    return (
        f'<mark class="{kind} sev-{esc(worst.severity)}" data-d="{esc(ids)}" tabindex="0">{esc(text)}</mark>'
    )


def note_level(d: Diagnostic) -> bool:
    """A finding about the whole note (its length, a missing element): a badge, not a highlight."""
    return d.rule.kind in NOTE_LEVEL_KINDS or (d.end == d.start and d.fix is None)


OVERVIEW_CAP = 5000  # notes listed in the overview table (every note is still in the report)


def _place(d: Diagnostic, t) -> str:
    """``line 3:5``; a roster cell as ``#7 D (领域)``."""
    if d.cell is not None:
        column = f" {d.cell['column']} ({d.cell['header']})" if d.cell.get("column") else ""
        return f"#{d.cell['row']}{column}"
    return f"{t('report_line')} {d.line}:{d.column}"


class Writer(BaseWriter):
    def __init__(self, out, locale, color=False, unit="files", **options) -> None:
        super().__init__(out, locale, color, unit, **options)
        self.body = Spool()
        self.cat = catalogue(locale)
        self.overview: list[tuple] = []  # (anchor, path, creator, score, counts) per note, for the table

    def write(self, result: FileResult) -> None:
        note = f"n{self.tally.files}"
        t = self.cat.text
        keyed = [(f"{note}-{k}", d) for k, d in enumerate(result.diagnostics)]
        sevs = " ".join(sorted({d.severity for d in result.diagnostics}))
        cats = " ".join(sorted({d.category for d in result.diagnostics}))
        label = self.cat.label
        vertical = result.vertical or t("none")
        meta = (
            f"{esc(label('kind', result.kind))} · {esc(vertical)} · {esc(result.language)}"
            f" · {esc(label('commercial', result.commercial))}"
            if result.kind != "plan"  # a roster is neither a language nor an ad
            else f"{esc(label('kind', result.kind))} · {esc(vertical)}"
        )
        count = len(result.diagnostics)
        badge = f"{count} {esc(t('report_findings'))}" if count else esc(t("report_no_findings"))
        scored = result.score()
        score = (
            f'<span class="score band-{scored.band}" title="{esc(t("score"))}">{scored.score}</span> '
            f'<span class="verdict band-{scored.band}">{esc(label("verdict", scored.verdict))}</span>'
        )
        whole = "".join(
            f'<span class="badge note-level sev-{esc(d.severity)}" title="{esc(d.message(self.locale))}">'
            f"{esc(d.rule.id)} {esc(d.rule.name.split('.')[-1])}</span>"
            for _, d in keyed
            if note_level(d)
        )
        parts = [
            f'<article class="note{" clean" if not count else ""}" id="{note}" data-sev="{esc(sevs)}" '
            f'data-cat="{esc(cats)}" data-band="{scored.band}">',
            f"<details{' open' if count else ''}><summary>{score} "
            f'<span class="path">{esc(result.path)}</span> '
            f'<span class="meta">{meta}</span> <span class="count">{badge}</span> {whole}</summary>',
        ]
        if result.meta:
            parts.append('<dl class="row-meta">' + "".join(
                f"<dt>{esc(k)}</dt><dd>{_linked(v)}</dd>" for k, v in result.meta.items()
            ) + "</dl>")  # fmt: skip
        if len(self.overview) < OVERVIEW_CAP:
            counts = [sum(1 for d in result.diagnostics if d.severity == sev and not d.waived)
                      for sev in SEVERITIES]  # fmt: skip
            self.overview.append((note, result.path, creator_of(result.meta), scored, counts))
        if result.plan is not None:
            from .html_plan import plan_section

            parts.append(plan_section(result.plan, self.cat, self.locale))
        marked = [(key, d) for key, d in keyed if not note_level(d)]
        parts.append(f'<pre class="text">{highlight(result.text, marked)}</pre>')
        if keyed:
            parts.append('<ol class="findings">')
            for key, d in keyed:
                suggestion = d.suggestion(self.locale)
                parts.append(
                    f'<li class="finding sev-{esc(d.severity)}" id="{key}" data-sev="{esc(d.severity)}" '
                    f'data-cat="{esc(d.category)}"><div class="body">'
                    f'<span class="badge sev-{esc(d.severity)}">{esc(label("severity", d.severity))}</span> '
                    f'<code class="rule">{esc(d.rule.id)}</code> '
                    f'<span class="cat">{esc(label("category", d.category))}</span> '
                    f'<span class="where">{esc(_place(d, t))}</span> '
                    f'<span class="msg">{esc(d.message(self.locale))}</span>'
                    + (
                        f'<div class="suggestion">{esc(t("suggestion") + t("colon"))}{esc(suggestion)}</div>'
                        if suggestion
                        else ""
                    )
                    + "</div></li>"
                )
            parts.append("</ol>")
        parts.append("</details></article>\n")
        self.body.write("".join(parts))

    def close(self, rules=(), errors=()) -> None:
        t = self.cat.text
        s = self.tally.summary()
        lang = "zh-CN" if self.locale.startswith("zh") else "en"
        self.out.write(
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(t('report_title'))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        )
        self.out.write(self._summary(s, errors))
        if self.tally.files > 1:
            self.out.write(self._overview())
        self.out.write('<main id="notes">\n')
        self.body.copy_to(self.out)
        self.out.write("</main>\n")
        self.out.write('<div id="tip" role="tooltip" hidden></div>\n')
        self.out.write(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")

    def _summary(self, s: dict, errors: Sequence) -> str:
        t = self.cat.text
        label = self.cat.label
        total = s["diagnostics"]
        files = self.unit == "files"  # documents or rosters, not the notes of a batch
        numbers = [
            (s["files"], t("report_files" if files else "report_notes")),
            (
                self.tally.files_with_findings,
                t("report_files_with_findings" if files else "report_with_findings"),
            ),
            (total, t("report_findings")),
        ]
        if errors:
            numbers.append((len(errors), t("report_errors")))
        cards = "".join(
            f'<div class="card"><span class="num">{n:,}</span> <span class="label">{esc(label)}</span></div>'
            for n, label in numbers
        )
        severity_rows = "".join(
            f'<tr><td><span class="badge sev-{sev}">{esc(label("severity", sev))}</span></td>'
            f'<td class="n">{s["by_severity"][sev]}</td></tr>'
            for sev in SEVERITIES
        )
        category_rows = "".join(
            f'<tr><td>{esc(label("category", cat))}</td><td class="n">{n}</td></tr>'
            for cat, n in s["by_category"].items()
        )
        filters_sev = "".join(
            f'<label><input type="checkbox" data-filter="sev" value="{sev}" checked> '
            f'<span class="badge sev-{sev}">{esc(label("severity", sev))}</span> '
            f'<span class="n">{s["by_severity"][sev]}</span></label>'
            for sev in SEVERITIES
        )
        filters_cat = "".join(
            f'<label><input type="checkbox" data-filter="cat" value="{esc(cat)}" checked> '
            f"{esc(label('category', cat))} "
            f'<span class="n">{n}</span></label>'
            for cat, n in s["by_category"].items()
        )
        error_list = ""
        if errors:
            items = "".join(f"<li>{esc(error.one_line())}</li>" for error in errors)
            error_list = (
                f'<details class="errors"><summary>{esc(t("report_errors"))}</summary>'
                f"<ul>{items}</ul></details>"
            )
        showing = esc(t("report_showing"))
        bands = "".join(
            f'<div class="card band-card band-{b}"><span class="num">{s["bands"][b]:,}</span> '
            f'<span class="label">{esc(label("band", b))} · {esc(label("verdict", v))}</span></div>'
            for b, v in zip(BANDS, VERDICTS, strict=True)
        )
        title = esc(self.title) if self.title else esc(t("report_title"))
        generated = t("report_generated", version=__version__) + f" · {report_date().isoformat()}"
        return (
            f'<header id="summary">\n<h1>{title}</h1>\n'
            f'<p class="generated">{esc(generated)}</p>\n'
            f'<div class="cards">{cards}{bands}</div>\n'
            f'<div class="breakdown"><table class="by-severity">'
            f"<caption>{esc(t('report_by_severity'))}</caption>{severity_rows}</table>"
            f'<table class="by-category">'
            f"<caption>{esc(t('report_by_category'))}</caption>{category_rows}</table>"
            f"{_chart(self.tally, label)}</div>\n{error_list}\n"
            f'<form id="filters" onsubmit="return false">'
            f"<fieldset><legend>{esc(t('report_severity'))}</legend>"
            f"{filters_sev}</fieldset>"
            f"<fieldset><legend>{esc(t('report_category'))}</legend>{filters_cat}</fieldset>"
            f'<fieldset><label><input type="checkbox" id="only-findings"> {esc(t("report_only_findings"))}'
            f'</label> <output id="showing" data-template="{showing}"></output></fieldset></form>\n'
            "</header>\n"
        )

    def _overview_rows(self) -> str:
        label = self.cat.label
        rows = []
        for anchor, path, creator, scored, counts in self.overview:
            cells = [
                f'<td data-v="{esc(path)}"><a href="#{anchor}">{esc(path)}</a></td>',
                f'<td data-v="{esc(creator or "")}">{esc(creator or "")}</td>',
                f'<td class="n" data-v="{scored.score}">'
                f'<span class="score band-{scored.band}">{scored.score}</span></td>',
                f'<td data-v="{VERDICTS.index(scored.verdict)}">{esc(label("verdict", scored.verdict))}</td>',
                *(f'<td class="n" data-v="{n}">{n}</td>' for n in counts),
            ]
            rows.append(f'<tr class="band-{scored.band}">{"".join(cells)}</tr>')
        return "".join(rows)

    def _overview(self) -> str:
        t, label = self.cat.text, self.cat.label
        heads = [("review_id", "text"), ("review_creator", "text"), ("review_score", "number"),
                 ("review_verdict", "number")]  # fmt: skip
        cols = "".join(f'<th data-sort="{kind}" tabindex="0" aria-sort="none">{esc(t(key))}</th>'
                       for key, kind in heads)  # fmt: skip
        cols += "".join(
            f'<th data-sort="number" tabindex="0" aria-sort="none">{esc(label("severity", sev))}</th>'
            for sev in SEVERITIES
        )
        more = ""
        if self.tally.files > len(self.overview):
            more = f'<p class="muted">{esc(t("report_overview_cap", shown=len(self.overview)))}</p>'
        return (
            f'<section id="overview"><h2>{esc(t("report_overview"))}</h2>'
            f'<table class="sortable overview"><thead><tr>{cols}</tr></thead>'
            f"<tbody>{self._overview_rows()}</tbody></table>{more}</section>\n"
        )


def _linked(value: str) -> str:
    """A carried cell; a web address is a link (opened in a new tab, without a referrer)."""
    if value.startswith(("http://", "https://")) and " " not in value:
        return f'<a href="{esc(value)}" rel="noreferrer noopener" target="_blank">{esc(value)}</a>'
    return esc(value)


def _chart(tally, label) -> str:
    """Findings per category as horizontal bars, each split by severity."""
    rows = [(cat, tally.categories[cat]) for cat in tally.sorted_categories()]
    if not rows:
        return ""
    width, label_w, bar_h, gap = 360, 110, 16, 6
    peak = max(n for _, n in rows)
    height = len(rows) * (bar_h + gap) + gap
    parts = [
        f'<svg class="chart" role="img" aria-label="findings by category and severity" width="{width + 40}" '
        f'height="{height}" viewBox="0 0 {width + 40} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    scale = (width - label_w) / peak
    for row, (cat, n) in enumerate(rows):
        y = gap + row * (bar_h + gap)
        parts.append(
            f'<text x="0" y="{y + bar_h - 4}" class="chart-label">{esc(label("category", cat))}</text>'
        )
        x = float(label_w)
        for sev in SEVERITIES:
            count = tally.pairs.get((cat, sev), 0)
            if count:
                length = max(2.0, count * scale)
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar_h}" class="bar sev-{sev}">'
                    f"<title>{esc(label('category', cat))} · {esc(label('severity', sev))}: {count}"
                    "</title></rect>"
                )
                x += length
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar_h - 4}" class="chart-n">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)
