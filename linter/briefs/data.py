"""Load and validate a brief data file.

The YAML is read with line numbers (``yaml_source.line_of``) and checked
against ``brief_templates/brief.schema.json`` with jsonschema. The first
problem in file order becomes one ``BriefError`` naming the field and its
line: a missing required field, an unknown field (with a close match), a
wrong type or value. Dates stay text when read (no YAML timestamps), so a
bad date is reported like any other field instead of crashing the parser.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .bundled import SCHEMA_PATH
from .errors import BriefError

TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of fields",
    "boolean": "true or false",
}


@dataclass(frozen=True)
class BriefData:
    """A validated brief data file: its fields (defaults filled) and where each came from."""

    path: str
    fields: dict[str, Any]
    node: Any

    @property
    def launch_date(self) -> date:
        return date.fromisoformat(self.fields["launch_date"])

    def line(self, *field_path: Any) -> int | None:
        from ..core.yaml_source import line_of

        return line_of(self.node, list(field_path))


@lru_cache(maxsize=4)
def schema(path: Path = SCHEMA_PATH) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def validator_for(path: Path = SCHEMA_PATH):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(path), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _loader():
    """SafeLoader without implicit timestamps: ``2026-03-18`` stays a string."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def read_yaml(path: Path) -> tuple[Any, Any]:
    from ..core.yaml_source import load_yaml

    data, node = load_yaml(path, BriefError, _loader())
    _check_duplicate_keys(node, str(path))
    return data, node


def _check_duplicate_keys(node: Any, path: str, where: tuple = ()) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                name = field_name([*where, key.value])
                raise BriefError(f"field '{name}' is given twice", path, key.start_mark.line + 1)
            seen.add(key.value)
            _check_duplicate_keys(value, path, (*where, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check_duplicate_keys(item, path, (*where, index))


def field_name(path: list[Any] | tuple[Any, ...]) -> str:
    """``key_claims[0].evidence`` style."""
    name = ""
    for step in path:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name


def _type_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _describe(error, prefix: tuple[Any, ...] = ()) -> tuple[list[Any], str]:
    """(field path to point at, message) for one jsonschema error."""
    path = [*prefix, *error.absolute_path]
    name = field_name(path)
    kind = error.validator
    value = error.instance
    spec = error.schema
    if kind == "required":
        missing = next(f for f in error.validator_value if f not in value)
        return path, f"missing required field '{field_name([*path, missing])}'"
    if kind == "additionalProperties":
        known = list(spec.get("properties", {}))
        extra = next(k for k in value if k not in known)
        close = difflib.get_close_matches(str(extra), known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(known)})"
        return [*path, extra], f"unknown field '{field_name([*path, extra])}'{hint}"
    if kind == "type":
        wanted = spec["type"]
        words = " or ".join(TYPE_WORDS.get(t, t) for t in ([wanted] if isinstance(wanted, str) else wanted))
        return path, f"field '{name}' must be {words}, not {_type_of(value)}"
    if kind == "enum":
        choices = ", ".join(map(str, spec["enum"]))
        return path, f"field '{name}' must be one of: {choices} (got {value!r})"
    if kind in ("minItems", "maxItems"):
        low, high = spec.get("minItems"), spec.get("maxItems")
        bound = f"at least {low}" if kind == "minItems" else f"at most {high}"
        return path, f"field '{name}' needs {bound} item(s), has {len(value)}"
    if kind in ("minimum", "maximum"):
        low, high = spec.get("minimum"), spec.get("maximum")
        limits = (
            f"between {low} and {high}"
            if low is not None and high is not None
            else (f"at least {low}" if low is not None else f"at most {high}")
        )
        return path, f"field '{name}' must be {limits} (got {value})"
    if kind == "minLength":
        return path, f"field '{name}' must not be empty"
    if kind in ("format", "pattern") and spec.get("format") == "date":
        return path, f"field '{name}' must be a date written YYYY-MM-DD (got {value!r})"
    if kind == "pattern" and name == "vertical":
        return (
            path,
            f"field 'vertical' must be a vertical id such as 'beauty' or 'mother-baby' (got {value!r})",
        )
    if kind == "pattern":
        return path, f"field '{name}' does not look right (got {value!r}; expected {spec['pattern']})"
    if kind == "minProperties":
        fields = ", ".join(spec.get("properties", {}))
        return path, f"field '{name}' needs at least one of: {fields}"
    return path, f"field '{name or '(file)'}': {error.message}"


def validate(
    data: Any,
    node: Any,
    path: str,
    validator: Any = None,
    what: tuple[str, str] = ("a brief data file", "xhslint brief init"),
    prefix: tuple[Any, ...] = (),
) -> None:
    """Raise the first problem in file order as one BriefError. ``validator`` checks another
    schema's files (``what``: what they are, the command that starts one); ``prefix`` is where
    ``data`` sits in its file."""
    from ..core.yaml_source import line_of

    if not isinstance(data, dict):
        line = node.start_mark.line + 1 if node is not None else 1
        raise BriefError(f"{what[0]} must be a YAML mapping of fields (see: {what[1]})", path, line)
    located = []
    for error in (validator or validator_for()).iter_errors(data):
        field_path, message = _describe(error, prefix)
        line = line_of(node, field_path) or 1
        # a missing field has no line of its own (it points at its parent), so a problem
        # that does -- often the same typo, ``prodcut`` for ``product`` -- is reported first
        located.append((error.validator == "required", line, field_name(field_path), message))
    if located:
        _missing, line, _name, message = min(located)
        raise BriefError(message, path, line)


def defaults(fields: dict[str, Any], playbook: dict[str, Any]) -> dict[str, Any]:
    """Optional fields filled in, so templates (StrictUndefined) can rely on every key."""
    waves = playbook["waves"]
    filled = dict(fields)
    filled.setdefault("locale", None)
    filled.setdefault("campaign_name", None)
    filled.setdefault("topics", [])
    filled.setdefault("operations", None)
    filled.setdefault("opening_example", None)
    filled.setdefault("shoot_setting", None)
    filled.setdefault("seeding_days", waves["seeding"]["days"]["default"])
    filled.setdefault("sustain_weeks", waves["sustain"]["weeks"]["default"])
    filled["creator_tiers"] = {"scale": "standard", **fields["creator_tiers"]}
    return filled


def localise(data: Any, node: Any, path: str, locale: str | None) -> Any:
    """The data with every value written per locale (``{en: ..., zh-CN: ...}``) replaced by
    the text of ``locale`` (default: the file's own ``locale``, else zh-CN). A value with no
    text for that locale is an error naming the field and its line: a brief is never
    rendered half in one language and half in another."""
    from ..core.vocabulary import LOCALES
    from ..core.yaml_source import line_of
    from .bundled import brief_locale

    if not isinstance(data, dict):
        return data
    own = data.get("locale") if isinstance(data.get("locale"), str) else None
    try:
        chosen = brief_locale(locale or own)
    except Exception:  # an unknown locale is reported by validation
        return data

    def walk(value: Any, where: list[Any]) -> Any:
        if isinstance(value, dict):
            if value and set(value) <= set(LOCALES):
                if chosen not in value:
                    has = ", ".join(sorted(value))
                    raise BriefError(
                        f"field '{field_name(where)}' has no {chosen} text (it has: {has})",
                        path,
                        line_of(node, where),
                    )
                return value[chosen]
            return {k: walk(v, [*where, k]) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, [*where, i]) for i, v in enumerate(value)]
        return value

    return walk(data, [])


def load_brief(path: str | Path, playbook: dict[str, Any], locale: str | None = None) -> BriefData:
    """Read, validate and complete a brief data file (its values in ``locale``, see
    ``localise``), or raise ``BriefError``."""
    p = Path(path)
    if not p.exists():
        raise BriefError("no such file", str(p))
    if p.is_dir():
        raise BriefError("is a directory, not a brief data file", str(p))
    data, node = read_yaml(p)
    data = localise(data, node, str(p), locale)
    validate(data, node, str(p))
    return BriefData(path=str(p), fields=defaults(data, playbook), node=node)
