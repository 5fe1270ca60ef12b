"""Render a brief data file to Markdown: validate the data, plan the waves and
the KOL pyramid, check the shopping calendar, gather the vertical's facts and
compliance reminders, then run the vertical's sandboxed template."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import bundled
from .compliance import reminders
from .data import BriefData, load_brief
from .errors import BriefError, BriefWarning
from .playbook import plan
from .shopping_windows import clashes, crowded
from .templating import environment, render
from .verticals import template_verticals, vertical_info


@dataclass
class RenderedBrief:
    text: str
    locale: str
    vertical: str
    source: str
    warnings: list[BriefWarning] = field(default_factory=list)


def template_name(vertical: str, locale: str) -> str:
    return f"{vertical}/brief.{locale}.md.j2"


def _check_template(brief: BriefData, locale: str, templates: Path | None) -> str:
    vertical = brief.fields["vertical"]
    name = template_name(vertical, locale)
    if bundled.find(name, templates) is None:
        known = template_verticals(templates)
        close = difflib.get_close_matches(vertical, known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise BriefError(
            f"field 'vertical': no {locale} brief template for '{vertical}' "
            f"({hint}known: {', '.join(known)})",
            brief.path,
            brief.line("vertical"),
        )
    return name


def _tidy(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, one final newline."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


DOCUMENTS = ("creator", "plan")  # the creator brief, the internal plan


def render_brief(
    data_path: str | Path,
    *,
    locale: str | None = None,
    templates: str | Path | None = None,
    document: str = "creator",
    tier: str | None = None,
) -> RenderedBrief:
    """Validate ``data_path`` and render one of its documents: the creator brief (for all
    creators, or one tier's version with ``tier``; a KOC's is shorter) or the internal plan
    (pyramid headcounts, budget, KPIs, measurement). Raises ``BriefError`` (exit 2) on bad input."""
    from .campaign import load_campaign, plan_data

    user = bundled.user_dir(templates)
    playbook, _, _ = bundled.load_data("playbook.yaml", user)
    brief = load_brief(data_path, playbook, locale)
    chosen = bundled.brief_locale(locale or brief.fields["locale"])
    name = _check_template(brief, chosen, user)
    if document == "plan":
        name = f"_internal/plan.{chosen}.md.j2"
    goals = load_campaign(brief.path, plan_data(user))
    # the plan: section's tier bounds are the campaign's, for the brief as for plan lint
    bounds = {t.id: (t.followers_min, t.followers_max) for t in goals.tiers}
    playbook = {
        **playbook,
        "tiers": [
            {
                **tier,
                "followers": {k: v for k, v in zip(("min", "max"), bounds[tier["id"]], strict=True) if v},
            }
            if tier["id"] in bounds
            else tier
            for tier in playbook["tiers"]
        ],
    }
    campaign, warnings = plan(brief, playbook)
    own = brief.fields["locale"]
    if own and bundled.brief_locale(own) != chosen:
        warnings.append(
            BriefWarning(
                f"rendering {chosen} from a {own} data file: text fields written once (not as "
                f"{{en: ..., zh-CN: ...}}) appear as written, in {own}",
                brief.path,
                brief.line("locale"),
            )
        )
    chosen_tier = None
    if tier is not None:
        chosen_tier = next((t for t in campaign.tiers if t.id == tier), None)
        if chosen_tier is None:
            planned = ", ".join(t.id for t in campaign.tiers)
            raise BriefError(
                f"--tier {tier}: no creators are planned in that tier (planned: {planned})", brief.path
            )

    windows, _, windows_path = bundled.load_data("shopping_windows.yaml", user)
    overlaps, unchecked = clashes(campaign.waves, windows, str(windows_path))
    for clash in overlaps:
        warnings.append(
            BriefWarning(
                f"the {clash.wave.id} wave ({clash.wave.start} to {clash.wave.end}) overlaps "
                f"{clash.window.name.get('en', clash.window.id)} "
                f"({clash.window.start} to {clash.window.end}): "
                "creators are booked up and attention is contested",
                brief.path,
                brief.line("launch_date"),
            )
        )
    for window_id, year in unchecked:
        warnings.append(
            BriefWarning(
                f"no {year} date for shopping window '{window_id}' in _data/shopping_windows.yaml: "
                "not checked",
                brief.path,
                brief.line("launch_date"),
            )
        )
    rules, _, rules_path = bundled.load_data("compliance.yaml", user)
    context = {
        "brief": brief.fields,
        "locale": chosen,
        "launch": brief.launch_date,
        "vertical": vertical_info(brief.fields["vertical"], chosen),
        "plan": campaign,
        "tier": chosen_tier,
        "campaign": goals,
        "crowded": crowded(overlaps),
        "compliance": reminders(rules, brief.fields["vertical"], chosen, str(rules_path)),
    }
    text = render(environment(user, chosen), name, context)
    return RenderedBrief(_tidy(text), chosen, brief.fields["vertical"], brief.path, warnings)
