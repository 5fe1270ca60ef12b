"""Rule selectors, as in ruff's ``--select``/``--ignore``.

A selector is a rule id (``CMP001``), an id prefix (``CMP``), a rule name
(``compliance.absolute-terms``), a name prefix (``compliance.absolute``), a
category (``compliance``) or ``ALL``. A selector that names no loaded rule
is an error, so typos never silently disable a check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..core.errors import RuleError
from .model import Rule


def selector_matches(selector: str, rule: Rule) -> bool:
    s = selector.strip()
    if not s:
        return False
    if s.upper() == "ALL":
        return True
    if s[0].isupper() or s[0].isdigit():
        return rule.id.startswith(s.upper())
    return rule.category == s or rule.name == s or rule.name.startswith(s)


def split_selectors(values: Iterable[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or ():
        out.extend(v.strip() for v in str(value).replace(";", ",").split(",") if v.strip())
    return out


def check_known(selectors: Sequence[str], rules: Sequence[Rule], origin: str) -> None:
    for s in selectors:
        if not any(selector_matches(s, r) for r in rules):
            raise RuleError(f"{origin}: unknown rule selector '{s}' (see `xhslint rules list`)")


def select_rules(rules: Sequence[Rule], select: Sequence[str] | None, ignore: Sequence[str]) -> list[Rule]:
    chosen = [r for r in rules if not select or any(selector_matches(s, r) for s in select)]
    return [r for r in chosen if not any(selector_matches(s, r) for s in ignore)]
