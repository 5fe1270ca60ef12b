"""The campaign a roster is checked against: ``campaign.yaml`` (validated against
``brief_templates/campaign.schema.json``) or a brief data file whose ``plan:``
section holds the same fields, so ``brief render`` and ``plan lint`` read one
campaign. A brief gives the fields both share (vertical, launch date, waves,
target keywords); its ``plan:`` the rest. Problems are one ``BriefError`` with
the field and its line, as for briefs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..analysis.plan_model import Campaign, campaign_from
from . import bundled
from .data import localise, read_yaml, validate, validator_for
from .errors import BriefError

CAMPAIGN_SCHEMA = bundled.TEMPLATES_DIR / "campaign.schema.json"
SHARED = ("vertical", "campaign_name", "launch_date", "seeding_days", "sustain_weeks", "target_keywords")
WHAT = ("a campaign file", "xhslint plan init")


def plan_data(templates: Path | None = None) -> dict[str, Any]:
    """The data files a plan is read with: the playbook, the KPI words and the category words."""
    return {
        name: bundled.load_data(f"{name}.yaml", templates)[0]
        for name in ("playbook", "kpi_metrics", "creator_categories", "shopping_windows")
    }


def _lines(node: Any, prefix: tuple[Any, ...], fields: dict[str, Any]) -> dict[str, int]:
    """Each field's line (its key's), ``a.b`` for a mapping's fields and ``a[0]`` for list items."""
    import yaml

    lines: dict[str, int] = {}

    def walk(mapping: Any, name: str, depth: int) -> None:
        if not isinstance(mapping, yaml.MappingNode):
            return
        for key, value in mapping.value:
            if name == "" and key.value not in fields:
                continue
            dotted = f"{name}.{key.value}" if name else str(key.value)
            lines[dotted] = key.start_mark.line + 1
            if isinstance(value, yaml.SequenceNode):
                for index, item in enumerate(value.value):
                    lines[f"{dotted}[{index}]"] = item.start_mark.line + 1
            elif depth < 1:
                walk(value, dotted, depth + 1)

    target = node
    for step in prefix:
        if not isinstance(target, yaml.MappingNode):
            return lines
        target = next((v for k, v in target.value if k.value == step), None)
    walk(target, "", 0)
    return lines


def load_campaign(path: str | Path, data: dict[str, Any]) -> Campaign:
    p = Path(path)
    if not p.is_file():
        raise BriefError("no such file" if not p.exists() else "is not a file", str(p))
    raw, node = read_yaml(p)
    return _campaign(raw, node, str(p), p.read_text(encoding="utf-8", errors="replace"), data)


def campaign_from_mapping(
    fields: dict[str, Any], data: dict[str, Any], path: str = "campaign.yaml"
) -> Campaign:
    """A campaign given as a mapping (a rule's example), validated and placed as if it were a file."""
    import yaml

    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    return _campaign(fields, yaml.compose(text), path, text, data)


def _campaign(raw: Any, node: Any, path: str, text: str, data: dict[str, Any]) -> Campaign:
    if isinstance(raw, dict) and "brand" in raw and "product" in raw:  # a brief data file
        raw = localise(raw, node, path, None)
        validate(raw, node, path)
        section = raw.get("plan") or {}
        if "plan" in raw:
            validate(raw["plan"], node, path, validator_for(CAMPAIGN_SCHEMA), WHAT, ("plan",))
        shared = {k: raw[k] for k in SHARED if k in raw}
        twice = next((k for k in shared if k in section), None)
        if twice is not None:  # one campaign, one launch date: never silently one of two
            from ..core.yaml_source import line_of

            raise BriefError(
                f"field 'plan.{twice}' repeats the brief's '{twice}': give it once",
                path,
                line_of(node, ["plan", twice]),
            )
        lines = {**_lines(node, (), shared), **_lines(node, ("plan",), section)}
        fields = {**section, **shared}
    else:
        validate(raw, node, path, validator_for(CAMPAIGN_SCHEMA), WHAT)
        fields, lines = raw, _lines(node, (), raw)
    _check_consistent(fields, path, lines)
    return campaign_from(fields, data["playbook"], data["kpi_metrics"]["metrics"], path, text, lines)


def _check_consistent(fields: dict[str, Any], path: str, lines: dict[str, int]) -> None:
    """Dates inside the calendar xhslint knows and in order (brief, launch, end), tier bounds
    that are a range: what the schema cannot say, one error with its line."""
    from datetime import date
    from itertools import pairwise

    from ..analysis.plan_values import YEARS

    days = {
        k: date.fromisoformat(fields[k]) for k in ("brief_date", "launch_date", "end_date") if fields.get(k)
    }
    for key, day in days.items():
        if not YEARS[0] <= day.year <= YEARS[1]:
            raise BriefError(f"field '{key}' must be between {YEARS[0]} and {YEARS[1]}", path, lines.get(key))
    order = [k for k in ("brief_date", "launch_date", "end_date") if k in days]
    for before, after in pairwise(order):
        if days[before] > days[after]:
            raise BriefError(f"field '{after}' ({days[after]}) is before '{before}' ({days[before]})", path,
                             lines.get(after))  # fmt: skip
    for tier, bounds in (fields.get("tiers") or {}).items():
        low, high = bounds.get("min"), bounds.get("max")
        if low is not None and high is not None and low >= high:
            raise BriefError(f"field 'tiers.{tier}': min ({low}) must be below max ({high})", path,
                             lines.get("tiers"))  # fmt: skip


def default_campaign(data: dict[str, Any]) -> Campaign:
    """The campaign of a roster linted without one: the playbook's tiers, no dates or KPIs."""
    return campaign_from({}, data["playbook"], data["kpi_metrics"]["metrics"])
