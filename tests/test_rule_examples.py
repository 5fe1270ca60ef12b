"""Every rule's own examples: each `flag` text must trigger the rule, each
`pass` text must not (the sqlfluff / prh idea). One test case per example."""

from __future__ import annotations

import pytest
from rule_fixtures import lint_example

from xhslint.linter.loader import load_rules

RULES = load_rules()


def _cases():
    for rule in RULES:
        for expect in ("flag", "pass"):
            for i, example in enumerate(rule.examples[expect]):
                yield pytest.param(rule, expect, example, id=f"{rule.id}-{expect}-{i}")


@pytest.mark.parametrize(("rule", "expect", "example"), list(_cases()))
def test_rule_example(rule, expect, example):
    fired = [d for d in lint_example(rule, example).diagnostics if d.rule_id == rule.id]
    if isinstance(example, str):
        example = {"text": example}
    if expect == "flag":
        assert fired, f"{rule.id} should flag: {example['text']!r}"
        if "severity" in example:
            assert {d.severity for d in fired} == {example["severity"]}, (
                example,
                [d.severity for d in fired],
            )
    else:
        assert not fired, f"{rule.id} should pass but flagged {[d.match for d in fired]}: {example['text']!r}"


def test_every_rule_has_both_kinds_of_example():
    assert RULES
    for rule in RULES:
        assert rule.examples["flag"] and rule.examples["pass"], rule.id


def test_every_kind_is_exercised_by_bundled_rules():
    kinds = {rule.kind for rule in RULES}
    assert kinds == {"terms", "pattern", "density", "requires", "cues", "metric", "script", "typography"}


def _own(result, rule_id):
    return [(d.start, d.end, d.severity, d.match) for d in result.diagnostics if d.rule_id == rule_id]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_a_rules_findings_do_not_depend_on_the_selection(rule):
    # every example, linted as users meet it (all bundled rules) and with only this rule selected
    for example in rule.examples["flag"] + rule.examples["pass"]:
        alone = lint_example(rule, example)
        together = lint_example(rule, example, select=())
        text = example if isinstance(example, str) else example["text"]
        assert _own(together, rule.id) == _own(alone, rule.id), text
