"""Warm linters: rules loaded and linters compiled once per process and
configuration (the caches every entry point shares: the API, the runner,
worker processes). Internal; the public API is ``xhslint.linter.api``."""

from __future__ import annotations

from functools import lru_cache

from ..core.errors import RuleError
from ..engine.linter import Linter, Options
from ..rules.loader import load_rules
from ..rules.model import Rule

_PROBLEMS: dict[tuple[str, ...], list[RuleError]] = {}


@lru_cache(maxsize=8)
def rules_for(rule_paths: tuple[str, ...] = ()) -> list[Rule]:
    """The rules of a configuration; a user rule file that fails is skipped (rule_problems)."""
    problems: list[RuleError] = []
    rules = load_rules(rule_paths, cache=True, problems=problems)
    _PROBLEMS[rule_paths] = problems
    return rules


def strict_rules_for(rule_paths: tuple[str, ...] = ()) -> list[Rule]:
    """``rules_for`` for the commands about rules (``rules list``, ``show``, ``docs``): a rule file
    that fails is the error, not skipped."""
    rules = rules_for(rule_paths)
    problems = rule_problems(rule_paths)
    if problems:
        raise problems[0]
    return rules


def rule_problems(rule_paths: tuple[str, ...] = ()) -> list[RuleError]:
    """The user rule files ``rules_for`` skipped, each with why."""
    rules_for(rule_paths)
    return _PROBLEMS.get(rule_paths, [])


@lru_cache(maxsize=32)
def linter_for(options: Options, rule_paths: tuple[str, ...] = ()) -> Linter:
    return Linter(rules_for(rule_paths), options)
