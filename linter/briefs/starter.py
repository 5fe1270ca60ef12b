"""``xhslint brief init``: a commented starter data file for one vertical.

The comments (one per field, per locale) live in
``brief_templates/_starter/fields.<locale>.yaml``; the sample values in
``brief_templates/<vertical>/starter.<locale>.yaml``. Fields come out in the
schema's order; the launch date is the first at least six weeks from today that falls
in the product's season (``_data/starter_seasons.yaml``) and whose seeding and launch
waves miss the crowded shopping windows; the waves' lengths are the playbook's defaults.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import bundled
from .data import schema
from .errors import BriefError
from .verticals import template_verticals, vertical_info

LAUNCH_IN = timedelta(weeks=6)


def _dumper():
    import yaml

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False):
            return super().increase_indent(flow, False)  # indent lists under their key

    return Dumper


def _comment(text: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in text.strip().splitlines())


FLOW = {"target_keywords", "topics", "deliverables"}  # short values read better on one line


def _dump(key: str, value: Any) -> str:
    import yaml

    return yaml.dump(
        {key: value},
        Dumper=_dumper(),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None if key in FLOW else False,
        width=4096,
    ).rstrip("\n")


def _starter_files(vertical: str, chosen: str, user: Path | None, comments: str) -> tuple[Any, Any]:
    """(the vertical's sample values, the field comments ``_starter/<comments>.<locale>.yaml``)."""
    from ..core.yaml_source import load_yaml

    sample_path = bundled.find(f"{vertical}/starter.{chosen}.yaml", user)
    if sample_path is None:
        known = ", ".join(template_verticals(user))
        raise BriefError(f"no {chosen} starter for vertical '{vertical}' (known: {known})")
    comments_path = bundled.find(f"_starter/{comments}.{chosen}.yaml", user)
    if comments_path is None:
        raise BriefError(f"no {chosen} starter field comments (_starter/{comments}.{chosen}.yaml)")
    return load_yaml(sample_path, BriefError)[0], load_yaml(comments_path, BriefError)[0]


def starter_yaml(
    vertical: str,
    locale: str | None = None,
    *,
    templates: str | Path | None = None,
    today: date | None = None,
) -> str:
    """The starter data file's text for ``vertical`` in ``locale`` (default zh-CN)."""
    from ..core.yaml_source import load_yaml

    user = bundled.user_dir(templates)
    chosen = bundled.brief_locale(locale)
    sample, comments = _starter_files(vertical, chosen, user, "fields")
    playbook, _, _ = bundled.load_data("playbook.yaml", user)
    waves = playbook["waves"]
    operations_path = bundled.find(f"_starter/operations.{chosen}.yaml", user)
    operations = load_yaml(operations_path, BriefError)[0] if operations_path else None
    values = {
        "vertical": vertical,
        "locale": chosen,
        **(sample or {}),
        "seeding_days": waves["seeding"]["days"]["default"],
        "sustain_weeks": waves["sustain"]["weeks"]["default"],
        **({"operations": operations} if operations else {}),
    }
    windows, _, _ = bundled.load_data("shopping_windows.yaml", user)
    launch = quiet_launch(
        (today or date.today()) + LAUNCH_IN,
        values["seeding_days"],
        waves["launch"]["days"],
        windows,
        _season(vertical, user),
    )
    info = vertical_info(vertical, chosen)
    parts = [_comment(comments["header"].format(name=info["name"], id=vertical))]
    for key in schema()["properties"]:
        if key != "launch_date" and key not in values:
            continue
        note = comments["fields"].get(key)
        line = f"launch_date: {launch.isoformat()}" if key == "launch_date" else _dump(key, values[key])
        parts.append((_comment(note) + "\n" if note else "") + line)
    return "\n\n".join(parts) + "\n"


CAMPAIGN_BUDGET = 300_000  # a sample budget: a small full pyramid at typical fees
BRAND_AGE_MONTHS = 6
MEASUREMENT_LEAD = timedelta(days=7)  # the measurement plan is ready a week before seeding


def quiet_launch(
    start: date, seeding_days: int, launch_days: int, windows_data: dict[str, Any], months: Any = ()
) -> date:
    """The first launch date from ``start`` in one of ``months`` (the product's season; any month
    when empty) whose seeding and launch waves touch no crowded window."""
    from ..analysis.shopping_calendar import windows_around

    windows = windows_around(
        windows_data, start - timedelta(days=seeding_days), start + timedelta(days=400), ""
    )
    launch = start
    for _ in range(366):
        first, last = launch - timedelta(days=seeding_days), launch + timedelta(days=launch_days - 1)
        in_season = not months or launch.month in months
        if in_season and not any(w.start <= last and first <= w.end for w in windows):
            return launch
        launch += timedelta(days=1)
    return start


def _season(vertical: str, user: Path | None) -> list[int]:
    """The months the vertical's starter product launches in (``_data/starter_seasons.yaml``)."""
    seasons, _, _ = bundled.load_data("starter_seasons.yaml", user)
    return list((seasons or {}).get(vertical) or ())


def campaign_starter_yaml(
    vertical: str,
    locale: str | None = None,
    *,
    templates: str | Path | None = None,
    today: date | None = None,
) -> str:
    """``xhslint plan init``: a commented campaign file for ``vertical`` (comments in ``locale``)."""
    from .campaign import CAMPAIGN_SCHEMA

    user = bundled.user_dir(templates)
    chosen = bundled.brief_locale(locale)
    sample, comments = _starter_files(vertical, chosen, user, "campaign")
    playbook, _, _ = bundled.load_data("playbook.yaml", user)
    windows, _, _ = bundled.load_data("shopping_windows.yaml", user)
    waves = playbook["waves"]
    seeding, sustain = waves["seeding"]["days"]["default"], waves["sustain"]["weeks"]["default"]
    today = today or date.today()
    launch = quiet_launch(
        today + LAUNCH_IN, seeding, waves["launch"]["days"], windows, _season(vertical, user)
    )
    samples = comments["samples"]
    values: dict[str, Any] = {
        "vertical": vertical,
        "campaign_name": (sample or {}).get("campaign_name"),
        "launch_date": launch.isoformat(),
        "brief_date": (today + timedelta(days=7)).isoformat(),
        "seeding_days": seeding,
        "sustain_weeks": sustain,
        "brand_age_months": BRAND_AGE_MONTHS,
        "goals": samples["goals"],
        "target_keywords": (sample or {}).get("target_keywords", []),
        "kpis": samples["kpis"],
        "budget": CAMPAIGN_BUDGET,
        "measurement": {
            "ready_date": (launch - timedelta(days=seeding) - MEASUREMENT_LEAD).isoformat(),
            "baseline": samples["baseline"],
            "tools": samples["tools"],
        },
    }
    info = vertical_info(vertical, chosen)
    parts = [_comment(comments["header"].format(name=info["name"], id=vertical))]
    for key in schema(CAMPAIGN_SCHEMA)["properties"]:
        note = comments["fields"].get(key)
        if values.get(key) is None:
            if note:
                parts.append(_comment(note) + "\n" + _comment(f"{key}: ..."))
            continue
        parts.append((_comment(note) + "\n" if note else "") + _dump(key, values[key]))
    return "\n\n".join(parts) + "\n"
