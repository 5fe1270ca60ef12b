"""Rule files shared by the tests (a brand's own banned-word rule)."""

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


def lint_example(rule, example):
    """Lint one of a rule's own examples the way the rule expects to meet it:
    its kind (or the rule's), its vertical (or the rule's first), only that rule."""
    from xhslint import lint_text

    if isinstance(example, str):
        example = {"text": example}
    kind = example.get("kind") or (rule.applies_to if rule.applies_to != "any" else "copy")
    vertical = example.get("vertical") or (rule.verticals[0] if rule.verticals else None)
    return lint_text(
        example["text"],
        kind=kind,
        vertical=vertical,
        select=[rule.id],
        brand_terms=example.get("brand_terms", ()),
        markdown=example.get("markdown", False),
    )
