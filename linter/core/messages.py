"""User-facing text in Chinese and English, from ``locales/<locale>/``.

``rules/<pack>.yaml`` hold each bundled rule's message and suggestion by id;
``ui.yaml`` holds the CLI's own strings; ``verticals.yaml`` the verticals'
names, descriptions and cue lexicons; ``detection.yaml`` the words that mark
a brief; ``context.yaml`` the cues of a commercial context and the frames
that make a term a mention (see lexicons.py). Rule ids and JSON fields never change
with the locale -- only these strings do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import ConfigError
from .resources import LOCALES_DIR
from .vocabulary import LOCALES

DEFAULT_LOCALE = "en"


def normalise_locale(locale: str | None) -> str:
    if not locale:
        return DEFAULT_LOCALE
    aliases = {
        "zh": "zh-CN",
        "zh_cn": "zh-CN",
        "zh-cn": "zh-CN",
        "zh-hans": "zh-CN",
        "en-us": "en",
        "en-gb": "en",
    }
    value = aliases.get(locale.lower(), locale)
    if value not in LOCALES:
        raise ConfigError(f"unknown locale '{locale}' (choose from {', '.join(LOCALES)})")
    return value


@dataclass
class Catalogue:
    locale: str
    rules: dict[str, dict[str, str]]
    ui: dict[str, str]
    verticals: dict[str, dict[str, Any]]
    detection: dict[str, list[str]]
    context: dict[str, Any]

    def rule(self, rule_id: str) -> dict[str, str]:
        return self.rules.get(rule_id, {})

    def text(self, key: str, **params: Any) -> str:
        return format_message(self.ui.get(key, key), params, self.locale)

    def label(self, vocabulary: str, value: str) -> str:
        """How a report shows a fixed value (``severity``/``error`` -> 错误); the value itself
        when the locale has no label for it (a user's own category)."""
        return self.ui.get(f"{vocabulary}_{value}", value)


def _read(locale: str, name: str) -> dict:
    from .errors import RuleError
    from .yaml_source import load_yaml

    path = LOCALES_DIR / locale / name
    if not path.exists():
        return {}
    data, _ = load_yaml(path, RuleError)
    return data or {}


def _rule_messages(locale: str) -> dict[str, dict[str, str]]:
    """One file per rule pack in ``rules/`` (e.g. rules/compliance.yaml), merged."""
    from .errors import RuleError

    merged: dict[str, dict[str, str]] = {}
    folder = LOCALES_DIR / locale / "rules"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        for rule_id, entry in _read(locale, f"rules/{path.name}").items():
            if rule_id in merged:
                raise RuleError(f"message for {rule_id} is defined twice", str(path))
            merged[rule_id] = entry
    return merged


_catalogues: dict[str, Catalogue] = {}


def catalogue(locale: str) -> Catalogue:
    """The messages and lexicons of ``locale``, read from ``locales/`` once per process
    (or handed over by the compiled-rule cache, ``seed``)."""
    found = _catalogues.get(locale)
    if found is None:
        found = _catalogues[locale] = Catalogue(
            locale=locale,
            rules=_rule_messages(locale),
            ui=_read(locale, "ui.yaml"),
            verticals=_read(locale, "verticals.yaml"),
            detection=_read(locale, "detection.yaml"),
            context=_read(locale, "context.yaml"),
        )
    return found


def all_catalogues() -> dict[str, Catalogue]:
    return {locale: catalogue(locale) for locale in LOCALES}


def seed(catalogues: dict[str, Catalogue]) -> None:
    """Catalogues parsed by an earlier run (the compiled-rule cache, whose key covers every
    file in ``locales/``); ones this process has read already are kept."""
    for locale, found in catalogues.items():
        if locale in LOCALES and isinstance(found, Catalogue):
            _catalogues.setdefault(locale, found)


class _Params(dict):
    def __init__(self, params: dict[str, Any], locale: str) -> None:
        super().__init__()
        for key, value in params.items():
            if isinstance(value, dict):  # localised value, e.g. an element label
                value = value.get(locale) or next(iter(value.values()), "")
            self[key] = value

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, params: dict[str, Any], locale: str) -> str:
    try:
        return template.format_map(_Params(params, locale))
    except (ValueError, IndexError):  # a stray brace in a user message
        return template
