"""Configuration files and their discovery.

Sources, in each directory from the linted file upwards (nearest wins, the
first found in a directory in this order): ``.xhslint.toml`` (top-level
keys), ``pyproject.toml`` (``[tool.xhslint]``), ``setup.cfg`` (``[xhslint]``).
Command-line flags override the file; ``--config FILE`` skips discovery.
"""

from __future__ import annotations

import configparser
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.encoding import decode
from ..core.errors import ConfigError
from ..core.vocabulary import AUTO, COMMERCIAL_VERDICTS, DOCUMENT_KINDS, LANGS, SEVERITIES
from ..rules.model import LIMITS, limit_problem
from ..rules.references import DOCS_URL_SCHEMES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LIST_KEYS = ("select", "ignore", "rule_paths", "brand_terms")
TABLE_KEYS = ("rule_options", "plan_columns")
# A marketer's word lists: a list (every vertical), or a table of lists per vertical ("all": every one).
WORD_LIST_KEYS = ("banned_terms", "allowed_terms")
MAX_LISTED = 5000  # terms in one word list
# What a config may change in a rule: its severity and its limits.
RULE_OPTION_KEYS = ("severity", *LIMITS)
STR_KEYS = ("vertical", "locale", "kind", "fail_on", "lang", "commercial", "docs_url", "cache")
# Whole numbers and their allowed range.
INT_KEYS = {"max_inflated_mb": (1, 65536)}
CHOICES = {
    "kind": (AUTO, *DOCUMENT_KINDS),
    "fail_on": SEVERITIES,
    "lang": (AUTO, *LANGS),
    "commercial": (AUTO, *COMMERCIAL_VERDICTS),
}


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    vertical: str | None = None
    locale: str | None = None
    kind: str = "auto"
    fail_on: str = "error"
    lang: str = "auto"
    rule_paths: tuple[str, ...] = ()
    brand_terms: tuple[str, ...] = ()
    rule_options: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()
    commercial: str = "auto"  # force the commercial verdict (commercial.py); auto: assess it
    docs_url: str | None = None  # where the rule pages are published (rules/references.py)
    max_inflated_mb: int | None = None  # the XML of one .docx/.xlsx, at most (containers.py)
    cache: str | None = None  # a result cache folder (result_cache.py), relative to the config file
    plan_columns: tuple[tuple[str, str], ...] = ()  # xhslint plan lint: roster field -> its header
    banned_terms: tuple[tuple[str, str], ...] = ()  # (scope, term): "*" or a vertical id
    allowed_terms: tuple[tuple[str, str], ...] = ()
    source: str | None = None

    def merged(self, **overrides: Any) -> Config:
        """Command-line values (not None) override the file."""
        values = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **values)


def _as_list(value: Any, key: str, path: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for part in value.splitlines() for v in part.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{key}' must be a list of strings", path)
    return tuple(v.strip() for v in value if v.strip())


def build_config(raw: dict[str, Any], path: str) -> Config:
    values: dict[str, Any] = {}
    base = Path(path).parent
    for key, value in raw.items():
        if key in LIST_KEYS:
            items = _as_list(value, key, path)
            if key == "rule_paths":
                items = tuple(str((base / p).resolve()) for p in items)
            values[key] = items
        elif key == "plan_columns":
            values[key] = _plan_columns(value, path)
        elif key in WORD_LIST_KEYS:
            values[key] = _word_list(value, key, path)
        elif key in TABLE_KEYS:
            values[key] = _rule_options(value, path)
        elif key in STR_KEYS:
            if not isinstance(value, str):
                raise ConfigError(f"'{key}' must be a string", path)
            if key == "commercial":
                value = value.strip().lower().replace("-", "_")
            allowed = CHOICES.get(key)
            if allowed and value not in allowed:
                raise ConfigError(f"'{key}' must be one of {', '.join(allowed)} (got '{value}')", path)
            if key == "docs_url" and not value.startswith(DOCS_URL_SCHEMES):
                schemes = ", ".join(DOCS_URL_SCHEMES)
                raise ConfigError(f"'docs_url' must start with {schemes} (got '{value}')", path)
            if key == "cache":
                value = str((base / value).resolve())
            values[key] = value
        elif key in INT_KEYS:
            low, high = INT_KEYS[key]
            if isinstance(value, str) and value.strip().isdigit():  # setup.cfg values are strings
                value = int(value.strip())
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ConfigError(
                    f"'{key}' must be a whole number from {low} to {high} (got {value!r})", path
                )
            values[key] = value
        else:
            known = ", ".join(LIST_KEYS + WORD_LIST_KEYS + STR_KEYS + TABLE_KEYS + tuple(INT_KEYS))
            raise ConfigError(f"unknown option '{key}' (known: {known})", path)
    return Config(source=path, **values)


def _word_list(value: Any, key: str, path: str) -> tuple[tuple[str, str], ...]:
    """``banned_terms = ["竞品A", ...]`` or ``[banned_terms] all = [...]`` / ``beauty = [...]``:
    (scope, term) pairs, scope "*" for every vertical."""
    from ..core.vertical_names import resolve_vertical

    tables = value if isinstance(value, dict) else {"all": value}
    pairs: list[tuple[str, str]] = []
    for scope, terms in tables.items():
        where = key if scope == "all" and not isinstance(value, dict) else f"{key}.{scope}"
        if not isinstance(terms, (list, str)):
            raise ConfigError(
                f"'{where}' must be a list of words (or a table of lists per vertical: "
                "all = [...], beauty = [...])",
                path,
            )
        chosen = "*" if scope in ("all", "*") else resolve_vertical(str(scope), (), path)
        pairs += [(chosen, term) for term in _as_list(terms, where, path)]
    if len(pairs) > MAX_LISTED:
        raise ConfigError(f"'{key}' lists {len(pairs):,} words; at most {MAX_LISTED:,}", path)
    return tuple(pairs)


def _plan_columns(value: Any, path: str) -> tuple[tuple[str, str], ...]:
    """``[plan_columns]``: roster field -> the header that holds it (``followers = "粉丝量"``)."""
    from ..document.roster import FIELDS

    if not isinstance(value, dict):
        raise ConfigError("'plan_columns' must be a table of field = \"header\"", path)
    for field, header in value.items():
        if field not in FIELDS:
            raise ConfigError(
                f"'plan_columns': unknown roster field '{field}' (fields: {', '.join(FIELDS)})", path
            )
        if not isinstance(header, str) or not header.strip():
            raise ConfigError(f"'plan_columns.{field}' must be a header name", path)
    return tuple((str(f), h.strip()) for f, h in value.items())


def _rule_options(value: Any, path: str) -> tuple:
    """``rule_options = {FMT001 = {max = 25}, ADV002 = {severity = "warning"}}``."""
    if not isinstance(value, dict):
        raise ConfigError("'rule_options' must be a table of rule id -> options", path)
    out = []
    for rule, options in value.items():
        if not isinstance(options, dict):
            raise ConfigError(f"rule_options.{rule} must be a table", path)
        for key, option in options.items():
            if key not in RULE_OPTION_KEYS:
                allowed = ", ".join(RULE_OPTION_KEYS)
                raise ConfigError(f"rule_options.{rule}: unknown option '{key}' (allowed: {allowed})", path)
            if key == "severity":
                if option not in SEVERITIES:
                    raise ConfigError(f"rule_options.{rule}.severity must be error, warning or info", path)
            elif problem := limit_problem(key, option):
                raise ConfigError(f"rule_options.{rule}.{key} {problem} (got {option!r})", path)
        out.append((rule, tuple(sorted(options.items()))))
    return tuple(out)


def _read_text(path: Path) -> str:
    try:
        return decode(path.read_bytes(), str(path))
    except OSError as exc:
        raise ConfigError(f"cannot read ({exc.strerror})", str(path)) from None


def _from_toml(path: Path, table: tuple[str, ...]) -> dict[str, Any] | None:
    try:
        data: Any = tomllib.loads(_read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
    for key in table:
        data = data.get(key) if isinstance(data, dict) else None
        if data is None:
            return None
    if not isinstance(data, dict):
        raise ConfigError(f"[{'.'.join(table)}] must be a table", str(path))
    return data


def _from_setup_cfg(path: Path) -> dict[str, Any] | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(_read_text(path), source=str(path))
    except configparser.Error as exc:
        raise ConfigError(f"invalid setup.cfg: {str(exc).splitlines()[0]}", str(path)) from None
    if not parser.has_section("xhslint"):
        return None
    return dict(parser.items("xhslint"))


def load_config_file(path: str | Path) -> Config:
    p = Path(path)
    if not p.is_file():
        raise ConfigError("config file not found", str(p))
    if p.name == "pyproject.toml":
        raw = _from_toml(p, ("tool", "xhslint"))
    elif p.suffix == ".cfg" or p.suffix == ".ini":
        raw = _from_setup_cfg(p)
    else:
        raw = _from_toml(p, ())
    if raw is None:
        raise ConfigError("no [xhslint] / [tool.xhslint] section", str(p))
    return build_config(raw, str(p))


@lru_cache(maxsize=256)
def discover(directory: str) -> Config:
    """The nearest config at or above ``directory``; defaults when none."""
    current = Path(directory).resolve()
    for folder in (current, *current.parents):
        dot = folder / ".xhslint.toml"
        if dot.is_file():
            return build_config(_from_toml(dot, ()) or {}, str(dot))
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            raw = _from_toml(pyproject, ("tool", "xhslint"))
            if raw is not None:
                return build_config(raw, str(pyproject))
        setup_cfg = folder / "setup.cfg"
        if setup_cfg.is_file():
            raw = _from_setup_cfg(setup_cfg)
            if raw is not None:
                return build_config(raw, str(setup_cfg))
    return Config()
