"""Run a rule's own examples (the sqlfluff / semgrep idea): every ``flag``
example must trigger the rule, with the ``match``, ``severity`` and ``fixed``
text it states; every ``pass`` example must not; and (``all_terms``) every
term of a ``terms`` rule must be matched by some flag example, so deleting a
word from a list, or a list entry that never matches, fails the examples.

The bundled suite (tests/test_rule_examples.py) and ``xhslint rules test
PATH`` use the same checks, so a brand's rule pack is tested as ours is.
Examples are linted the way a user meets them: with every loaded rule, the
rule's kind or the example's, the rule's first vertical unless the example
gives one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..analysis.matching import flatten_terms
from ..rules.model import Rule


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    where: str  # "flag[0]", "pass[2]" or "terms"
    problem: str

    def one_line(self) -> str:
        return f"{self.rule.source}:{self.rule.line}: {self.rule.id} {self.where}: {self.problem}"


def as_mapping(example: str | Mapping[str, Any]) -> Mapping[str, Any]:
    return {"text": example} if isinstance(example, str) else example


def lint_example(
    rule: Rule,
    example: str | Mapping[str, Any],
    rule_paths: Iterable[str] = (),
    select: Iterable[str] | None = None,
):
    """Lint one example of ``rule`` in the context it gives; ``select`` None means the
    rule alone, () every loaded rule. Remembered per rule object, so the checks of one
    run (the example itself, the per-term coverage) lint each example once."""
    example = as_mapping(example)
    key = (id(rule), _frozen(example), tuple(rule_paths), None if select is None else tuple(select))
    if key not in _LINTED:
        if len(_LINTED) >= _LINTED_MAX:
            _LINTED.clear()
        _LINTED[key] = (rule, _lint(rule, example, tuple(rule_paths), select))  # the rule keeps its id unique
    return _LINTED[key][1]


_LINTED: dict[tuple, tuple[Rule, Any]] = {}
_LINTED_MAX = 20_000


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def _lint(rule: Rule, example: Mapping[str, Any], rule_paths: tuple[str, ...], select: Iterable[str] | None):
    if "plan" in example:
        return _lint_plan(rule, example["plan"], rule_paths, select)
    from ..api import lint_text

    kind = example.get("kind") or (rule.applies_to if rule.applies_to != "any" else "copy")
    vertical = example.get("vertical") or (rule.verticals[0] if rule.verticals else None)
    return lint_text(
        example["text"],
        kind=kind,
        vertical=vertical,
        select=[rule.id] if select is None else select,
        brand_terms=example.get("brand_terms", ()),
        banned_terms=example.get("banned_terms", ()),
        allowed_terms=example.get("allowed_terms", ()),
        rule_paths=tuple(rule_paths),
        markdown=example.get("markdown", False),
        commercial=example.get("commercial"),
    )


def _lint_plan(
    rule: Rule, plan: Mapping[str, Any], rule_paths: tuple[str, ...], select: Iterable[str] | None
):
    """A plan example (a roster and campaign written inline): the roster's and the campaign's
    findings as one result."""
    from dataclasses import replace

    from ..rules.selection import select_rules
    from ..run.caches import rules_for
    from ..run.plan_run import lint_plan_mapping

    rules = [rule] if select is None else select_rules(rules_for(rule_paths), list(select) or None, [])
    results = lint_plan_mapping(plan, rules)
    return replace(results[0], diagnostics=[d for r in results for d in r.diagnostics])


def example_text(example: str | Mapping[str, Any]) -> str:
    """What an example lints: its text, or a plan written inline (as JSON, dates as text)."""
    example = as_mapping(example)
    if "plan" not in example:
        return example["text"]
    import json

    return "plan: " + json.dumps(example["plan"], ensure_ascii=False, default=str)


def _shown(example: Mapping[str, Any]) -> str:
    """How a failure names its example: the text, or a plan in short."""
    text = example_text(example)
    if "plan" not in example:
        return repr(text)
    return text if len(text) <= 160 else text[:157] + "..."


def _own(result, rule: Rule) -> list:
    return [d for d in result.diagnostics if d.rule_id == rule.id]


def check_example(rule: Rule, expect: str, example, rule_paths: Iterable[str] = ()) -> str | None:
    """What is wrong with one example (None when it holds)."""
    example = as_mapping(example)
    fired = _own(lint_example(rule, example, rule_paths), rule)
    shown = _shown(example)
    if expect == "pass":
        return f"should pass but flagged {[d.match for d in fired]}: {shown}" if fired else None
    if not fired:
        return f"should flag: {shown}"
    if "severity" in example and {d.severity for d in fired} != {example["severity"]}:
        return f"should be {example['severity']}, got {[d.severity for d in fired]}: {shown}"
    if "match" in example:
        wanted = [example["match"]] if isinstance(example["match"], str) else list(example["match"])
        got = [d.match for d in fired]
        if got != wanted:
            return f"should match {wanted}, matched {got}: {shown}"
    if "fixed" in example:
        text = example["text"]
        from ..run.fixes import apply_fixes

        fixed, _count = apply_fixes(text, fired)
        if fixed != example["fixed"]:
            return f"should fix to {example['fixed']!r}, fixed to {fixed!r}"
    return None


def unmatched_terms(rule: Rule, rule_paths: Iterable[str] = ()) -> list[str]:
    """Terms of a ``terms`` rule that no flag example matches (casefolded)."""
    if rule.kind != "terms":
        return []
    matched: set[str] = set()
    for example in rule.examples["flag"]:
        matched.update(d.match.casefold() for d in _own(lint_example(rule, example, rule_paths), rule))
    return [t for t in flatten_terms(rule.spec.get("terms")) if t.casefold() not in matched]


def run_examples(
    rules: Iterable[Rule], rule_paths: Iterable[str] = (), all_terms: bool = False
) -> Iterator[ExampleFailure]:
    """Every failure of the rules' examples, rule by rule (``all_terms``: also every
    term of a terms rule unmatched by its flag examples)."""
    rule_paths = tuple(rule_paths)
    for rule in rules:
        for expect in ("flag", "pass"):
            for i, example in enumerate(rule.examples[expect]):
                problem = check_example(rule, expect, example, rule_paths)
                if problem:
                    yield ExampleFailure(rule, f"{expect}[{i}]", problem)
        missing = unmatched_terms(rule, rule_paths) if all_terms else []
        if missing:
            yield ExampleFailure(rule, "terms", f"no flag example matches {', '.join(missing)}")
