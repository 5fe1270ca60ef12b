"""Warm linters: rules loaded and linters compiled once per process and
configuration (the caches every entry point shares: the API, the runner,
worker processes). Internal; the public API is ``xhslint.linter.api``."""

from __future__ import annotations

from functools import lru_cache

from ..engine.linter import Linter, Options
from ..rules.loader import load_rules
from ..rules.model import Rule


@lru_cache(maxsize=8)
def rules_for(rule_paths: tuple[str, ...] = ()) -> list[Rule]:
    return load_rules(rule_paths, cache=True)


@lru_cache(maxsize=32)
def linter_for(options: Options, rule_paths: tuple[str, ...] = ()) -> Linter:
    return Linter(rules_for(rule_paths), options)
