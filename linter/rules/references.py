"""How a rule's references read in reports, listings and rule pages."""

from __future__ import annotations

from typing import Any


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
