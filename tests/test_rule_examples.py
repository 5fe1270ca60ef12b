"""Every rule's own examples: each `flag` text must trigger the rule, each
`pass` text must not (the sqlfluff / prh idea). One test case per example."""

from __future__ import annotations

import pytest
from rule_fixtures import lint_example

from xhslint.linter.kinds import KIND_NAMES
from xhslint.linter.rules.loader import load_rules
from xhslint.linter.ruletools.examples import check_example, example_text, unmatched_terms

RULES = load_rules()


def _cases():
    for rule in RULES:
        for expect in ("flag", "pass"):
            for i, example in enumerate(rule.examples[expect]):
                yield pytest.param(rule, expect, example, id=f"{rule.id}-{expect}-{i}")


@pytest.mark.parametrize(("rule", "expect", "example"), list(_cases()))
def test_rule_example(rule, expect, example):
    problem = check_example(rule, expect, example)
    assert problem is None, f"{rule.id} {expect}: {problem}"


TERMS_RULES = [rule for rule in RULES if rule.kind == "terms"]


@pytest.mark.parametrize("rule", TERMS_RULES, ids=[r.id for r in TERMS_RULES])
def test_every_term_of_a_bundled_terms_rule_is_matched_by_a_flag_example(rule):
    """So deleting a term from a list (or breaking its match) fails the suite: the
    check `xhslint rules test --all-terms` runs on any pack."""
    assert unmatched_terms(rule) == []


def test_every_rule_has_both_kinds_of_example():
    assert RULES
    for rule in RULES:
        assert rule.examples["flag"] and rule.examples["pass"], rule.id


def test_every_kind_is_exercised_by_bundled_rules():
    kinds = {rule.kind for rule in RULES}
    assert kinds == set(KIND_NAMES)


def _own(result, rule_id):
    return [(d.start, d.end, d.severity, d.match) for d in result.diagnostics if d.rule_id == rule_id]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_a_rules_findings_do_not_depend_on_the_selection(rule):
    # every example, linted as users meet it (all bundled rules) and with only this rule selected
    for example in rule.examples["flag"] + rule.examples["pass"]:
        alone = lint_example(rule, example)
        together = lint_example(rule, example, select=())
        assert _own(together, rule.id) == _own(alone, rule.id), example_text(example)


def test_an_example_states_its_match_and_fixed_text(tmp_path):
    from xhslint.linter.rules.loader import load_file

    path = tmp_path / "brand.yaml"
    path.write_text(
        TEST_PACK.replace(
            "EXAMPLES", '- {text: "比竞品A好用。", match: 竞品B}\n    - {text: "竞品A", fixed: "X"}'
        ),
        encoding="utf-8",
    )
    (rule,) = load_file(path)
    wrong_match = check_example(rule, "flag", rule.examples["flag"][0], [str(path)])
    assert "should match ['竞品B'], matched ['竞品A']" in wrong_match
    assert "should fix to 'X'" in check_example(rule, "flag", rule.examples["flag"][1], [str(path)])


TEST_PACK = """\
id: BRD001
name: brand.no-competitor
category: compliance
severity: warning
applies_to: copy
languages: [zh]
kind: terms
terms: {zh: [竞品A]}
message: {en: "names {match}", zh-CN: "提到 {match}"}
rationale: Brand policy.
references: [{type: practice, title: policy}]
examples:
  flag:
    EXAMPLES
  pass: ["很好用。"]
"""


def test_rules_test_runs_a_packs_examples_with_exit_codes(tmp_path, cli):
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    (good / "brand.yaml").write_text(
        TEST_PACK.replace("EXAMPLES", "- {text: 比竞品A好用。, match: 竞品A}"), "utf-8"
    )
    (bad / "brand.yaml").write_text(TEST_PACK.replace("EXAMPLES", "- 很好用。"), "utf-8")

    def run(*args):  # in process (CliRunner): the exit code and streams a shell sees
        return cli("rules", "test", *args)

    ok = run(str(good))
    assert ok.exit_code == 0, ok.stdout + ok.stderr
    assert "1 rules, 2 examples, 0 failing" in ok.stderr
    from xhslint.linter.core.resources import RULES_DIR

    part = run(str(RULES_DIR / "format"))  # a folder of the bundled rules is tested, not loaded twice
    assert part.exit_code == 0 and " 0 failing" in part.stderr, part.stderr
    failing = run(str(bad))
    assert failing.exit_code == 1
    assert failing.stdout.strip().endswith("BRD001 flag[0]: should flag: '很好用。'")
    (bad / "brand.yaml").write_text(
        TEST_PACK.replace("EXAMPLES", "- x").replace("{match}", "{mtch}"), "utf-8"
    )
    broken = run(str(bad))
    assert broken.exit_code == 2 and "'{mtch}'" in broken.stderr and "Traceback" not in broken.stderr
