"""The verticals a brief can be written for: ids, names, descriptions and cue
words straight from ``locales/<locale>/verticals.yaml`` (the same lexicon the
linter uses), so briefs and rules never disagree about a vertical."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .bundled import TEMPLATES_DIR


def vertical_info(vertical: str, locale: str) -> dict[str, Any]:
    from ..core.messages import catalogue

    entry = catalogue(locale).verticals.get(vertical) or {}
    return {
        "id": vertical,
        "name": entry.get("name", vertical),
        "description": entry.get("description", ""),
        "cues": list(entry.get("cues") or []),
        "cues_zh": []
        if locale == "zh-CN"
        else list((catalogue("zh-CN").verticals.get(vertical) or {}).get("cues") or []),
    }


def template_verticals(templates: Path | None = None) -> list[str]:
    """Vertical ids that have a brief template, bundled or in ``templates``."""
    ids: set[str] = set()
    for root in (TEMPLATES_DIR, templates):
        if root is not None:
            ids.update(
                p.parent.name for p in root.glob("*/brief.*.md.j2") if not p.parent.name.startswith("_")
            )
    return sorted(ids)


def list_verticals(locale: str) -> list[dict[str, str]]:
    """``[{"id", "name", "description"}]`` in ``verticals.yaml`` order, for verticals with templates."""
    from ..core.messages import catalogue

    with_templates = set(template_verticals())
    return [
        {"id": vid, "name": entry.get("name", vid), "description": entry.get("description", "")}
        for vid, entry in catalogue(locale).verticals.items()
        if vid in with_templates
    ]


def format_verticals(fmt: str, locale: str) -> str:
    rows = list_verticals(locale)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    width = max(len(r["id"]) for r in rows) + 2
    return "\n".join(f"{r['id']:<{width}}{r['name']}: {r['description']}" for r in rows)
