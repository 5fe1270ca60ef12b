"""``xhslint plan lint`` and its API: read a roster and its campaign, analyse the
plan, run the plan rules and hand back results the ``lint`` formats write.

A cell that cannot be read (a number, a date or a tier that is not one) is a
one-line problem naming its row and column; the other cells and rows are
still checked, and the run exits 2. A file that cannot be read at all (no
header, no creator column, a campaign field of the wrong type) raises its
``XhslintError`` before anything is linted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.plan_model import TIERS, Plan, build_plan
from ..briefs.campaign import campaign_from_mapping, default_campaign, load_campaign, plan_data
from ..core.errors import InputError
from ..document.roster import read_roster, roster_from_records
from ..engine.diagnostics import FileResult
from ..engine.plan_linter import lint_plan, plan_rules
from ..rules.model import Rule
from ..rules.selection import check_known, select_rules
from .caches import rules_for

# A follower count in the middle of each tier and a typical fee, for a rule example's ``counts``.
EXAMPLE_CREATORS = {
    "top": {"followers": 300_000, "fee": 50_000},
    "mid": {"followers": 50_000, "fee": 8_000},
    "micro": {"followers": 5_000, "fee": 1_500},
    "koc": {"followers": 500, "fee": 300},
}


@dataclass
class PlanOutcome:
    results: list[FileResult]
    problems: list[InputError] = field(default_factory=list)  # unreadable cells, by row and column
    plan: Plan | None = None
    rules: list[Rule] = field(default_factory=list)  # the plan rules it was linted with


def _rules(select: Sequence[str] | None, ignore: Sequence[str], rule_paths: tuple[str, ...]) -> list[Rule]:
    """The selected plan rules; a selector that names no loaded rule is an error, as for lint."""
    loaded = rules_for(rule_paths)
    check_known(list(select or ()), loaded, "select")
    check_known(list(ignore), loaded, "ignore")
    return plan_rules(select_rules(loaded, select, list(ignore)))


def lint_plan_file(
    roster_path: str,
    *,
    campaign_path: str | None = None,
    columns: Mapping[str, str] | None = None,
    config_columns: Mapping[str, str] | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    rule_paths: Iterable[str] = (),
    templates: str | Path | None = None,
) -> PlanOutcome:
    """Lint one roster against its campaign (the playbook's defaults without one). Column
    mappings: ``columns`` (the command line) over the campaign's over ``config_columns``."""
    data = plan_data(Path(templates) if templates else None)
    campaign = load_campaign(campaign_path, data) if campaign_path else default_campaign(data)
    roster = read_roster(roster_path, {**(config_columns or {}), **campaign.columns, **(columns or {})})
    plan = build_plan(roster, campaign, data["creator_categories"]["verticals"], data["shopping_windows"])
    rules = _rules(select, ignore, tuple(rule_paths))
    results = lint_plan(plan, rules)
    problems = [*roster.problems]
    problems += [InputError(f"{p.where}: {p.message}", roster.path, p.cell.row) for p in plan.problems]
    return PlanOutcome(results, problems, plan, rules)


def plan_from_mapping(example: Mapping[str, Any]) -> Plan:
    """A plan written inline (a rule's example): ``campaign`` fields, ``creators`` rows
    (field -> cell) and ``counts`` of more creators per tier."""
    data = plan_data()
    fields = dict(example.get("campaign") or {})
    campaign = campaign_from_mapping(fields, data) if fields else default_campaign(data)
    records: list[dict[str, Any]] = [dict(r) for r in example.get("creators", ())]
    for tier in TIERS:
        for index in range(int((example.get("counts") or {}).get(tier, 0))):
            records.append({"creator": f"{tier}-{index + 1}", **EXAMPLE_CREATORS[tier]})
    numbered = [(number, record) for number, record in enumerate(records, 2)]
    roster = roster_from_records("roster.csv", numbered, fmt="csv")
    roster.header_row = 1
    roster.lines[1] = roster.headers
    return build_plan(roster, campaign, data["creator_categories"]["verticals"], data["shopping_windows"])


def lint_plan_mapping(example: Mapping[str, Any], rules: Sequence[Rule]) -> list[FileResult]:
    return lint_plan(plan_from_mapping(example), plan_rules(rules))
