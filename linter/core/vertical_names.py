"""Vertical ids as people write them: ``beauty``, its name in any locale
(美妆护肤, Beauty), or a vertical a user's own rule files name. Anything else
is refused with the closest match, so a typo (``beaty``) never silently
switches vertical rules off."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

from .errors import ConfigError
from .messages import catalogue
from .vocabulary import LOCALES

_ID = re.compile(r"^[a-z][a-z-]*$")


@lru_cache(maxsize=1)
def bundled() -> dict[str, str]:
    """Every bundled vertical by id and by display name in every locale (casefolded) -> id."""
    names: dict[str, str] = {}
    for locale in LOCALES:
        for vertical, entry in catalogue(locale).verticals.items():
            names[vertical] = vertical
            if isinstance(entry, dict) and entry.get("name"):
                names[str(entry["name"]).casefold()] = vertical
    return names


def resolve_vertical(value: str, own: Iterable[str] = (), where: str | None = None) -> str:
    """The vertical id ``value`` names; ``own`` adds ids of the user's rule files.
    Raises ConfigError naming the closest known vertical."""
    text = value.strip()
    known = dict(bundled())
    known.update({v: v for v in own})
    key = text.casefold()
    if key in known:
        return known[key]
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    hint = f": did you mean '{known[close[0]]}'?" if close else ""
    raise ConfigError(f"unknown vertical '{text}'{hint} (use an id such as beauty, or its name)", where)


def rule_verticals(rules) -> set[str]:
    """Vertical ids the loaded rules name (``verticals``, ``exclude_verticals``)."""
    return {v for rule in rules for v in (*rule.verticals, *rule.exclude_verticals) if _ID.match(v)}
