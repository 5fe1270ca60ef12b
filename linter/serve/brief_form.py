"""The Brief page: a form built from the brief data schema (``brief_templates/brief.schema.json``),
filled with a vertical's starter values (``xhslint brief init``), turned back into a data file
and rendered with the same ``render_brief`` as the command line.

Each top-level property becomes one field: a string is a text box, an integer a number box,
a list of strings a text area with one item per line, anything else (claims with their
evidence, the creator tiers, the plan) a YAML text area holding just that value.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..briefs.data import schema
from ..briefs.errors import BriefError
from ..briefs.render import RenderedBrief, render_brief
from ..briefs.starter import starter_yaml

SKIPPED = ("locale",)  # chosen with the page's own locale switch
MAX_FIELD_CHARS = 20_000


@dataclass(frozen=True)
class Field:
    name: str
    widget: str  # text | number | lines | yaml
    required: bool
    description: str


def fields() -> list[Field]:
    data = schema()
    required = set(data.get("required", ()))
    out = []
    for name, spec in data["properties"].items():
        if name in SKIPPED:
            continue
        kind = spec.get("type")
        items = (spec.get("items") or {}).get("type")
        if kind == "string" and "enum" not in spec:
            widget = "text"
        elif kind == "integer":
            widget = "number"
        elif kind == "array" and items == "string":
            widget = "lines"
        else:
            widget = "yaml"
        out.append(Field(name, widget, name in required, spec.get("description", "")))
    return out


def _yaml():
    import yaml

    return yaml


def starter_values(vertical: str, locale: str) -> dict[str, Any]:
    values = _yaml().safe_load(starter_yaml(vertical, locale))
    return values if isinstance(values, dict) else {}


def shown(field: Field, value: Any) -> str:
    """A value as its field shows it."""
    if value is None:
        return ""
    if field.widget == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if field.widget in ("text", "number") and isinstance(value, (str, int)):
        return str(value)
    if field.name == "launch_date" and hasattr(value, "isoformat"):
        return value.isoformat()
    return _yaml().safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=False).strip()


def data_from_form(form: dict[str, str], vertical: str, locale: str) -> dict[str, Any]:
    """The brief data the form holds, or a BriefError naming the field that cannot be read."""
    data: dict[str, Any] = {"vertical": vertical, "locale": locale}
    for field in fields():
        if field.name == "vertical":
            continue
        raw = (form.get(field.name) or "").replace("\r\n", "\n")
        if len(raw) > MAX_FIELD_CHARS:
            raise BriefError(f"field '{field.name}' is too long ({len(raw):,} characters)")
        if not raw.strip():
            continue
        if field.widget == "text":
            data[field.name] = raw.strip()
        elif field.widget == "number":
            try:
                data[field.name] = int(raw.strip())
            except ValueError:
                raise BriefError(f"field '{field.name}': '{raw.strip()}' is not a whole number") from None
        elif field.widget == "lines":
            data[field.name] = [line.strip() for line in raw.split("\n") if line.strip()]
        else:
            try:
                data[field.name] = _yaml().safe_load(raw)
            except _yaml().YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f" (line {mark.line + 1})" if mark is not None else ""
                raise BriefError(f"field '{field.name}' is not valid YAML{where}") from None
    return data


def render_data(data: dict[str, Any], locale: str, document: str = "creator") -> RenderedBrief:
    """Render brief data (validated exactly as a data file is) without keeping it anywhere."""
    with tempfile.TemporaryDirectory(prefix="xhslint-brief-") as folder:
        path = Path(folder) / "brief.yaml"
        text = _yaml().safe_dump(data, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        try:
            return render_brief(path, locale=locale, document=document)
        except BriefError as error:
            error.path = None  # the temporary file means nothing to the user; the field does
            raise
