"""Compliance reminders for a brief, from ``_data/compliance.yaml``: the common
ones, then the vertical's own, in the brief's locale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import BriefError


@dataclass(frozen=True)
class Reminders:
    common: tuple[str, ...]
    vertical: tuple[str, ...]


def _texts(items: Any, locale: str, where: str) -> tuple[str, ...]:
    texts = []
    for index, item in enumerate(items or []):
        text = item.get(locale) if isinstance(item, dict) else None
        if not isinstance(text, str) or not text.strip():
            raise BriefError(f"{where}[{index}] has no {locale} text")
        texts.append(" ".join(text.split()) if locale == "en" else text.strip())
    return tuple(texts)


def reminders(data: dict[str, Any], vertical: str, locale: str, source: str) -> Reminders:
    verticals = data.get("verticals") or {}
    return Reminders(
        common=_texts(data.get("common"), locale, f"{source}: common"),
        vertical=_texts(verticals.get(vertical), locale, f"{source}: verticals.{vertical}"),
    )
