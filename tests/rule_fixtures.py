"""Rule files shared by the tests (a brand's own banned-word rule) and helpers."""

import textwrap
from pathlib import Path

ACME_RULE = """\
id: ACME001
name: brand.acme-banned-words
category: compliance
severity: error
applies_to: copy
languages: [zh, en]
kind: terms
terms:
  zh: [美白神器]
  en: [miracle whitening]
message:
  en: "“{match}” is on ACME's banned list"
  zh-CN: "“{match}”是 ACME 禁用词"
suggest: {en: "Describe the texture instead.", zh-CN: "改为描述质地和使用感受。"}
rationale: ACME legal asked us not to use these words in any creator content.
references:
  - {type: guideline, title: ACME brand guidelines 2026, note: internal}
examples:
  flag: [这瓶真的是美白神器。]
  pass: [美白这件事我更看重防晒。]
"""


def lint_example(rule, example, select=None):
    """One of a rule's own examples linted as the rule expects to meet it (see
    xhslint.linter.ruletools.examples.lint_example; ``select`` () for every rule)."""
    from xhslint.linter.ruletools.examples import lint_example as lint

    return lint(rule, example, select=select)


TEST_RULE_HEAD = """\
id: {id}
name: test.{name}
category: {category}
severity: warning
applies_to: {applies_to}
languages: [zh, en]
rationale: A rule written for the tests only, to exercise one engine feature.
references: [tests]
message: {{en: "found {{match}}", zh-CN: "发现 {{match}}"}}
examples:
  flag: [x]
  pass: [y]
"""


def write_test_rule(folder: Path, name: str, body: str, *, rule_id="TST001", category="compliance",
                    applies_to="any") -> Path:  # fmt: skip
    """A minimal valid rule file: the common fields plus ``body`` (kind and its fields)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    head = TEST_RULE_HEAD.format(id=rule_id, name=name, category=category, applies_to=applies_to)
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return path
