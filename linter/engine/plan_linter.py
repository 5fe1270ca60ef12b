"""Run the plan rules on an analysed plan and place their findings.

A finding about a creator points at that creator's cell (the roster's row and
column), one about a column at its header, one about the campaign at the
field's line in the campaign file, and one about the roster as a whole at its
header row. The roster is rendered as text (``Roster.render``: line N is sheet
row N) so each place has offsets, lines and columns like any document; the
JSON entry adds ``cell`` (row, column letter, header, creator) and the
result's ``plan`` figures (``plan_figures``).

Results: the roster's, then the campaign file's when it has findings.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from ..analysis.plan_model import TIERS, WAVES, Creator, Plan
from ..analysis.shopping_calendar import windows_around
from ..core.vocabulary import PLAN
from ..document.model import Document
from ..document.roster import column_letter
from ..kinds import get_kind
from ..kinds.plan_base import PlanFinding, PlanKind
from ..rules.model import Rule
from .diagnostics import Diagnostic, FileResult

PLAN_KIND = PLAN


def plan_rules(rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if r.applies_to == PLAN_KIND]


class _Placer:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        text, self.places = plan.roster.render()
        self.roster_doc = Document(plan.roster.path, text)
        campaign = plan.campaign
        self.campaign_doc = Document(campaign.path, campaign.text) if campaign.path else None
        self.by_row = {c.row.number: c for c in plan.creators}

    def place(self, rule: Rule, finding: PlanFinding) -> tuple[str, Diagnostic]:
        """(which document, the diagnostic): "campaign" or "roster"."""
        campaign = self.plan.campaign
        if finding.campaign_field is not None and self.campaign_doc is not None:
            line = campaign.lines.get(finding.campaign_field) or campaign.lines.get(
                finding.campaign_field.split("[")[0].split(".")[0]
            )
            if line:
                return "campaign", self._line_diagnostic(rule, finding, self.campaign_doc, line)
        if finding.campaign_field is not None and self.campaign_doc is not None and finding.row is None:
            return "campaign", self._line_diagnostic(rule, finding, self.campaign_doc, 1)
        return "roster", self._cell_diagnostic(rule, finding)

    def _line_diagnostic(self, rule: Rule, finding: PlanFinding, doc: Document, line: int) -> Diagnostic:
        start, end = doc.line_span(min(line, len(doc.text.split("\n"))))
        text = doc.text[start:end].rstrip("\r\n")
        lead = len(text) - len(text.lstrip())
        return _diagnostic(rule, finding, doc, start + lead, start + len(text), None)

    def _cell_diagnostic(self, rule: Rule, finding: PlanFinding) -> Diagnostic:
        roster = self.plan.roster
        row = finding.row if finding.row is not None else (roster.header_row or 1)
        column = roster.fields.get(finding.column) if finding.column else None
        if column is None and finding.row is None:
            column = roster.fields.get("creator")
        span = self.places.get((row, column)) if column is not None else None
        if span is None:  # an empty cell past the row's end, or no column: the row's start
            start, _ = self.roster_doc.line_span(row) if self.roster_doc.text else (0, 0)
            span = (start, start)
        creator = self.by_row.get(row)
        cell = {
            "row": row,
            "column": column_letter(column) if column is not None else None,
            "header": roster.headers[column] if column is not None else None,
            "creator": creator.name if creator else None,
        }
        return _diagnostic(rule, finding, self.roster_doc, span[0], span[1], cell)


def _diagnostic(
    rule: Rule, finding: PlanFinding, doc: Document, start: int, end: int, cell: dict[str, Any] | None
) -> Diagnostic:
    line, column = doc.line_col(start)
    end_line, end_column = doc.line_col(end)
    return Diagnostic(
        rule,
        start,
        end,
        line,
        column,
        end_line,
        end_column,
        doc.text[start:end],
        dict(finding.params),
        cell=cell,
    )


def lint_plan(plan: Plan, rules: Sequence[Rule]) -> list[FileResult]:
    """The roster's result (with its figures) and, when it has findings, the campaign file's."""
    placer = _Placer(plan)
    found: dict[str, list[Diagnostic]] = {"roster": [], "campaign": []}
    for rule in plan_rules(rules):
        kind = cast(PlanKind, get_kind(rule.kind))
        for finding in kind.check(rule, _Context(plan)) or ():
            where, diagnostic = placer.place(rule, finding)
            found[where].append(diagnostic)
    order = lambda d: (d.line, d.column, d.rule.id)  # noqa: E731
    roster = FileResult(
        path=plan.roster.path,
        kind=PLAN_KIND,
        language="zh" if _mostly_chinese(plan.roster.headers) else "en",
        vertical=plan.campaign.vertical,
        diagnostics=sorted(found["roster"], key=order),
        text=placer.roster_doc.text,
        commercial="promotional",
        commercial_basis="given",
        plan=plan_figures(plan),
    )
    results = [roster]
    if found["campaign"] and placer.campaign_doc is not None:
        results.append(
            FileResult(
                path=plan.campaign.path or "",
                kind=PLAN_KIND,
                language=roster.language,
                vertical=plan.campaign.vertical,
                diagnostics=sorted(found["campaign"], key=order),
                text=placer.campaign_doc.text,
                commercial="promotional",
                commercial_basis="given",
            )
        )
    return results


class _Context:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan


def _mostly_chinese(headers: Sequence[str]) -> bool:
    han = sum(1 for h in headers for ch in h if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for h in headers for ch in h if ch.isascii() and ch.isalpha())
    return han * 2 >= latin


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _creator_figures(creator: Creator, tier_median: float | None) -> dict[str, Any]:
    rate = creator.engagement_rate()
    return {
        "row": creator.row.number,
        "creator": creator.name,
        "tier": creator.tier,
        "followers": creator.followers.middle if creator.followers else None,
        "fee": creator.fee,
        "post_date": creator.post_date.isoformat() if creator.post_date else None,
        "engagements": creator.engagements,
        "engagement_rate": _round(rate[0]) if rate else None,
        "engagement_basis": rate[1] if rate else None,
        "save_rate": _round(creator.save_rate),
        "cost_per_engagement": _round(creator.cost_per_engagement, 2),
        "beats_tier_median": (rate[0] > tier_median) if rate and tier_median is not None else None,
    }


def plan_figures(plan: Plan) -> dict[str, Any]:
    """Per creator and per tier: engagement rate (over views when known), save rate, cost per
    engagement; the top and bottom creators by engagement rate."""
    medians = {tier: plan.median_rate(tier) for tier in TIERS}
    creators = [_creator_figures(c, medians.get(c.tier or "")) for c in plan.creators]
    tiers = {}
    for tier, members in plan.by_tier().items():
        costs = [c.cost_per_engagement for c in members if c.cost_per_engagement]
        saves = [r for c in members if (r := c.save_rate) is not None]
        tiers[tier] = {
            "creators": len(members),
            "spend": sum(c.fee or 0 for c in members) if plan.has("fee") else None,
            "median_engagement_rate": _round(medians.get(tier)),
            "median_save_rate": _round(statistics.median(saves)) if saves else None,
            "median_cost_per_engagement": _round(statistics.median(costs), 2) if costs else None,
        }
    ranges, factor = plan.tier_ranges()
    open_ended = {t.id for t in plan.campaign.tiers if t.open_ended}
    rated = sorted(
        (f for f in creators if f["engagement_rate"] is not None), key=lambda f: -f["engagement_rate"]
    )
    return {
        "creators": creators,
        "tiers": tiers,
        "top_creators": [f["row"] for f in rated[:3]],
        "bottom_creators": [f["row"] for f in rated[-3:][::-1]] if len(rated) > 3 else [],
        "launch_date": plan.campaign.launch_date.isoformat() if plan.campaign.launch_date else None,
        "tier_ranges": {
            tier: {"low": low, "high": high, "open_ended": tier in open_ended}
            for tier, (low, high) in ranges.items()
        },
        "budget_scale": _round(factor),
        "waves": {
            wave: {"start": days[0].isoformat(), "end": days[1].isoformat()}
            for wave in WAVES
            if (days := plan.campaign.wave(wave)) is not None
        },
        "windows": _windows(plan),
    }


def _windows(plan: Plan) -> list[dict[str, Any]]:
    """The crowded windows that touch the plan's dates (posts and waves), for the report's timeline."""
    days: list[date] = [c.post_date for c in plan.dated() if c.post_date is not None]
    days += [d for wave in WAVES if (span := plan.campaign.wave(wave)) for d in span]
    if not days or plan.shopping_windows is None:
        return []
    found = windows_around(plan.shopping_windows, min(days), max(days), "shopping_windows.yaml")
    return [
        {"id": w.id, "name": w.name, "start": w.start.isoformat(), "end": w.end.isoformat()} for w in found
    ]
