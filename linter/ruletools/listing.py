"""``xhslint rules list`` and ``xhslint rules show``: the rules explain themselves."""

from __future__ import annotations

import json
from typing import Any

from ..core.errors import RuleError
from ..core.messages import normalise_locale
from ..rules.model import Rule
from ..rules.references import reference_text
from ..rules.selection import check_known, select_rules
from ..run.caches import strict_rules_for
from ..run.config import Config, discover, load_config_file
from .examples import example_text


def _rules(config_path: str | None) -> tuple[list[Rule], Config]:
    import os

    config = load_config_file(config_path) if config_path else discover(os.getcwd())
    return strict_rules_for(config.rule_paths), config


def _summary(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "applies_to": rule.applies_to,
        "languages": list(rule.languages),
        "verticals": list(rule.verticals),
        "kind": rule.kind,
    }


def list_rules(fmt: str, select: tuple[str, ...] | None, config_path: str | None) -> str:
    rules, _ = _rules(config_path)
    if select:
        check_known(select, rules, "select")
    chosen = select_rules(rules, select, ())
    if fmt == "json":
        return json.dumps([_summary(r) for r in chosen], ensure_ascii=False, indent=2)
    width = max((len(r.name) for r in chosen), default=10)
    lines = [f"{'ID':<7} {'NAME':<{width}} {'CATEGORY':<13} {'SEVERITY':<8} {'APPLIES':<6} KIND"]
    for r in chosen:
        lines.append(
            f"{r.id:<7} {r.name:<{width}} {r.category:<13} {r.severity:<8} {r.applies_to:<6} {r.kind}"
        )
    return "\n".join(lines)


def show_rule(key: str, locale: str | None, fmt: str, config_path: str | None) -> str:
    rules, config = _rules(config_path)
    loc = normalise_locale(locale or config.locale)
    matches = [r for r in rules if key in (r.id, r.name) or r.id == key.upper()]
    if not matches:
        raise RuleError(f"unknown rule '{key}' (see `xhslint rules list`)")
    rule = matches[0]
    if fmt == "json":
        data = _summary(rule) | {
            "message": rule.message[loc],
            "suggestion": rule.suggest.get(loc),
            "rationale": rule.rationale,
            "references": rule.references,
            "examples": {k: [example_text(e) for e in v] for k, v in rule.examples.items()},
            "source": rule.source,
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines = [
        f"{rule.id} {rule.name}",
        "",
        f"category: {rule.category}    severity: {rule.severity}    applies to: {rule.applies_to}",
        f"kind: {rule.kind}    languages: {', '.join(rule.languages)}"
        + (f"    verticals: {', '.join(rule.verticals)}" if rule.verticals else ""),
        "",
        f"message: {rule.message[loc]}",
    ]
    if rule.suggest.get(loc):
        lines.append(f"suggestion: {rule.suggest[loc]}")
    lines += ["", "Why:", f"  {rule.rationale}", "", "References:"]
    lines += [f"  - {reference_text(r)}" for r in rule.references]
    lines += ["", "Flags:"] + [f"  ✗ {example_text(e)}" for e in rule.examples["flag"]]
    lines += ["", "Passes:"] + [f"  ✓ {example_text(e)}" for e in rule.examples["pass"]]
    lines += ["", f"Defined in {rule.source}"]
    return "\n".join(lines)
