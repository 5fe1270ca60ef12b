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
