"""Load rule files: parse YAML, validate against ``rules/schema.json``,
compile each rule's kind. A bad file fails with its path, line and field."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..core.errors import RuleError
from ..core.messages import catalogue
from ..core.resources import RULES_DIR, SCHEMA_PATH
from ..core.vocabulary import LOCALES
from ..core.yaml_source import line_of, load_yaml
from .conditions import Conditions
from .model import LIMITS, Rule, limit_problem


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/rule"})


@lru_cache(maxsize=1)
def _kind_fields() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Fields every rule may have, and each kind's own (declared in its module)."""
    from ..kinds import KIND_NAMES, get_kind

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    own = {name: frozenset(get_kind(name).FIELDS) for name in KIND_NAMES}
    every = frozenset(schema["$defs"]["rule"]["properties"]) - frozenset().union(*own.values())
    return every, own


# Placeholders the engine adds to any finding (see engine._diagnostic).
ENGINE_PARAMS = frozenset({"why", "tag", "more", "also", "capped"})


def _foreign_field(item: dict) -> str | None:
    """A field that belongs to another kind than the rule's (``threshold`` on a terms rule)."""
    every, own = _kind_fields()
    allowed = every | own.get(item["kind"], frozenset())
    return next((key for key in item if key not in allowed), None)


def _placeholders(template: str) -> set[str]:
    import string

    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValueError(f"malformed braces ({exc})") from None
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in parsed if name}


def check_placeholders(rule: Rule) -> None:
    """Every ``{name}`` in a rule's messages and suggestions is a parameter its kind gives."""
    from ..kinds import get_kind

    known = ENGINE_PARAMS | frozenset(get_kind(rule.kind).PARAMS)
    for field, texts in (("message", rule.message), ("suggest", rule.suggest)):
        for locale, template in texts.items():
            try:
                unknown = sorted(_placeholders(template) - known)
            except ValueError as exc:
                raise RuleError(
                    f"rule {rule.id}: {locale} {field} has {exc}", rule.source, rule.line
                ) from None
            if unknown:
                raise RuleError(
                    f"rule {rule.id}: {locale} {field} uses '{{{unknown[0]}}}', which a {rule.kind} rule "
                    f"does not give (it gives: {', '.join(sorted(known))})",
                    rule.source,
                    rule.line,
                )


def rule_files(folder: Path) -> list[Path]:
    """The .yaml and .yml files below ``folder``, in path order (listed with ``os.walk``:
    ``rglob`` with a stat of each entry took 2 ms of every run)."""
    found = [
        Path(base, name)
        for base, _dirs, names in os.walk(folder)
        for name in names
        if os.path.splitext(name)[1] in (".yaml", ".yml") and os.path.isfile(os.path.join(base, name))
    ]
    return sorted(found)


def load_file(path: Path) -> list[Rule]:
    data, node = load_yaml(path, RuleError)
    if isinstance(data, dict) and "rules" in data:
        items = data["rules"]
        if not isinstance(items, list) or not items:
            raise RuleError("'rules' must be a non-empty list of rules", str(path), line_of(node, ["rules"]))
        extra = sorted(set(data) - {"rules"})
        if extra:
            raise RuleError(f"unknown top-level field '{extra[0]}'", str(path), line_of(node, [extra[0]]))
        located = [(item, ["rules", i]) for i, item in enumerate(items)]
    elif isinstance(data, dict):
        located = [(data, [])]
    else:
        raise RuleError("a rule file must hold a mapping (one rule) or 'rules: [...]'", str(path), 1)
    rules = []
    validator = _validator()
    from jsonschema.exceptions import best_match

    for item, prefix in located:
        error = best_match(validator.iter_errors(item))
        if error is not None:
            field_path = list(error.absolute_path)
            raise RuleError(
                f"field '{'.'.join(map(str, field_path)) or '(rule)'}': {error.message}",
                str(path),
                line_of(node, prefix + field_path),
            )
        foreign = _foreign_field(item)
        if foreign is not None:
            _every, own = _kind_fields()
            owners = sorted(kind for kind, fields in own.items() if foreign in fields)
            raise RuleError(
                f"field '{foreign}' is not a field of a {item['kind']} rule "
                f"(it belongs to: {', '.join(owners)})",
                str(path),
                line_of(node, [*prefix, foreign]),
            )
        for key in LIMITS:
            if key in item and (problem := limit_problem(key, item[key])):
                raise RuleError(
                    f"field '{key}' {problem} (got {item[key]!r})", str(path), line_of(node, [*prefix, key])
                )
        rules.append(_build(item, str(path), line_of(node, prefix) or 1))
    return rules


def _build(item: dict, source: str, line: int) -> Rule:
    from ..kinds import get_kind

    rule = Rule(
        id=item["id"],
        name=item["name"],
        category=item["category"],
        severity=item["severity"],
        applies_to=item["applies_to"],
        languages=tuple(item["languages"]),
        kind=item["kind"],
        rationale=item["rationale"].strip(),
        references=item["references"],
        examples=item["examples"],
        spec=item,
        source=source,
        line=line,
        verticals=tuple(item.get("verticals", ())),
        exclude_verticals=tuple(item.get("exclude_verticals", ())),
        scope=item.get("scope", "any"),
        mentions=item.get("mentions", "skip"),
        guards=tuple(item.get("guards", ())),
        context=dict(item.get("context", {})),
        per_sentence=item.get("limit", {}).get(
            "per_sentence", getattr(get_kind(item["kind"]), "PER_SENTENCE", 1)
        ),
        per_document=item.get("limit", {}).get("per_document"),
    )
    for locale in LOCALES:
        entry = catalogue(locale).rule(rule.id)
        message = (item.get("message") or {}).get(locale) or entry.get("message")
        if not message:
            raise RuleError(
                f"rule {rule.id} has no {locale} message (add it to locales/{locale}/rules/<pack>.yaml "
                "or give 'message' in the rule)",
                source,
                line,
            )
        rule.message[locale] = message
        suggest = item.get("suggest")
        if isinstance(suggest, dict):
            suggest = suggest.get(locale)
        suggest = suggest or entry.get("suggest")
        if suggest:
            rule.suggest[locale] = suggest
    check_placeholders(rule)
    rule.compiled = get_kind(rule.kind).compile(rule)
    rule.conditions = Conditions.compile(rule)
    return rule


def rule_paths(extra_paths: Iterable[str | Path] = (), bundled: bool = True) -> list[Path]:
    """The rule files to load, in order: bundled, then each user folder or file."""
    files: list[Path] = rule_files(RULES_DIR) if bundled else []
    for extra in extra_paths:
        p = Path(extra)
        if p.is_dir():
            files.extend(rule_files(p))
        elif p.is_file():
            files.append(p)
        else:
            raise RuleError("rule path does not exist", str(p))
    return files


def load_rules(
    extra_paths: Iterable[str | Path] = (),
    bundled: bool = True,
    cache: bool = False,
    problems: list[RuleError] | None = None,
) -> list[Rule]:
    """Bundled rules plus user rule folders or files; ids must be unique.

    ``cache``: take the compiled rules from the user cache when no file changed
    (``cache.py``); validation itself never uses it. ``problems``: a user's rule file
    that fails is recorded there and skipped, so one bad file does not block the
    bundled rules and the others (without it, the first failure is raised)."""
    files = rule_paths(extra_paths, bundled)
    try:
        if cache:
            from .cache import cached

            return cached(files, lambda: _load_files(files))
        return _load_files(files)
    except RuleError:
        if problems is None:
            raise
    own = frozenset(rule_paths((), bundled)) if bundled else frozenset()
    return _load_files(files, problems, own)


def _load_files(
    files: list[Path], problems: list[RuleError] | None = None, bundled: frozenset[Path] = frozenset()
) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            loaded = load_file(path)
            claimed = dict(seen)
            for rule in loaded:
                for key in (rule.id, rule.name):
                    if key in claimed:
                        raise RuleError(
                            f"duplicate rule '{key}' (also in {claimed[key]})", rule.source, rule.line
                        )
                    claimed[key] = rule.source
        except RuleError as error:
            if problems is None or path in bundled:
                raise
            error.message += " (this rule file is skipped)"
            problems.append(error)
            continue
        seen = claimed
        rules += loaded
    return rules
