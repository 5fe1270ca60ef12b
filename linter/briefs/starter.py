"""``xhslint brief init``: a commented starter data file for one vertical.

The comments (one per field, per locale) live in
``brief_templates/_starter/fields.<locale>.yaml``; the sample values in
``brief_templates/<vertical>/starter.<locale>.yaml``. Fields come out in the
schema's order; the launch date is six weeks from today so the waves start in
the future, and the waves' lengths are the playbook's defaults.
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


def starter_yaml(
    vertical: str,
    locale: str | None = None,
    *,
    templates: str | Path | None = None,
    today: date | None = None,
) -> str:
    """The starter data file's text for ``vertical`` in ``locale`` (default zh-CN)."""
    user = bundled.user_dir(templates)
    chosen = bundled.brief_locale(locale)
    sample_path = bundled.find(f"{vertical}/starter.{chosen}.yaml", user)
    if sample_path is None:
        known = ", ".join(template_verticals(user))
        raise BriefError(f"no {chosen} starter for vertical '{vertical}' (known: {known})")
    from ..core.yaml_source import load_yaml

    sample, _ = load_yaml(sample_path, BriefError)
    fields_path = bundled.find(f"_starter/fields.{chosen}.yaml", user)
    if fields_path is None:
        raise BriefError(f"no {chosen} starter field comments (_starter/fields.{chosen}.yaml)")
    comments, _ = load_yaml(fields_path, BriefError)
    playbook, _, _ = bundled.load_data("playbook.yaml", user)
    waves = playbook["waves"]
    values = {
        "vertical": vertical,
        "locale": chosen,
        **(sample or {}),
        "seeding_days": waves["seeding"]["days"]["default"],
        "sustain_weeks": waves["sustain"]["weeks"]["default"],
    }
    launch = (today or date.today()) + LAUNCH_IN
    info = vertical_info(vertical, chosen)
    parts = [_comment(comments["header"].format(name=info["name"], id=vertical))]
    for key in schema()["properties"]:
        if key != "launch_date" and key not in values:
            continue
        note = comments["fields"].get(key)
        line = f"launch_date: {launch.isoformat()}" if key == "launch_date" else _dump(key, values[key])
        parts.append((_comment(note) + "\n" if note else "") + line)
    return "\n\n".join(parts) + "\n"
