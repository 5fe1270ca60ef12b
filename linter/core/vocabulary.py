"""The words every layer shares: severities, rule categories, document kinds,
languages, locales, commercial verdicts and output formats. Defined once here;
the command line, the config file, batch columns, the engine and the reports
all read them from this module."""

from __future__ import annotations

SEVERITIES = ("error", "warning", "info")  # highest first
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

# Rule categories in the order reports list them.
CATEGORIES = (
    "advertorial",
    "prescriptive",
    "pillars",
    "playbook",
    "localisation",
    "compliance",
    "brand",  # the brand's own banned_terms (config), not the law
    "format",
    "plan",
)

AUTO = "auto"  # let the engine decide (kind, language, commercial verdict)

# What a document is: a brief to creators, or a creator's copy.
DOCUMENT_KINDS = ("brief", "copy")
PLAN = "plan"  # what the plan rules apply to: a campaign's roster (xhslint plan lint), never a text
LANGS = ("zh", "en")
LOCALES = ("en", "zh-CN")

PROMOTIONAL = "promotional"
UNCLEAR = "unclear"
NOT_PROMOTIONAL = "not_promotional"
COMMERCIAL_VERDICTS = (PROMOTIONAL, UNCLEAR, NOT_PROMOTIONAL)

# ``xhslint lint --format``; each has a module in linter/output/.
FORMATS = ("text", "json", "sarif", "github", "junit", "html")
# ... and the binary ones, written to ``-o FILE``: the review workbook (``--baseline`` reads it
# back) and the Parquet tables for analytics
WORKBOOK_FORMATS = ("xlsx", "parquet")
# ``xhslint brief render --format``
BRIEF_FORMATS = ("md", "docx")
