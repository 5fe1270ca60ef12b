"""How a rule's references read in reports, listings and rule pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.resources import PACKAGE_ROOT, RULES_DIR
from .model import Rule


def reference_text(ref: Any) -> str:
    if isinstance(ref, str):
        return ref
    parts = [ref["title"]]
    if ref.get("article"):
        parts.append(ref["article"])
    if ref.get("url"):
        parts.append(ref["url"])
    if ref.get("verified") is False:
        parts.append("[unverified]")
    return ", ".join(parts)


# The rule pages ``xhslint rules docs`` writes; the bundled rules' pages ship with the package.
BUNDLED_PAGES = PACKAGE_ROOT / "docs" / "rules"
DOCS_URL_SCHEMES = ("https://", "http://", "file://")


def rule_page_uri(rule: Rule, docs_url: str | None = None) -> str | None:
    """Where a reader finds the rule's page (SARIF ``helpUri``, an editor's link).

    ``docs_url`` (the config's) is where a team publishes the pages of ``xhslint
    rules docs``: a template with ``{id}``, or a base the page name ``ID.md`` is
    joined to. Without it, a bundled rule links to its page in the installed
    package, and any other rule to its first web reference."""
    if docs_url:
        if "{id}" in docs_url:
            return docs_url.replace("{id}", rule.id)
        return f"{docs_url.rstrip('/')}/{rule.id}.md"
    page = BUNDLED_PAGES / f"{rule.id}.md"
    if Path(rule.source).resolve().is_relative_to(RULES_DIR) and page.is_file():
        return page.as_uri()
    for ref in rule.references:
        url = ref.get("url", "") if isinstance(ref, dict) else ""
        if url.startswith(("https://", "http://")):
            return url
    return None
