"""A finding's fingerprint: what matches it to a reviewer's row in a review sheet
(``--baseline``) when the note is linted again, by content and not by offset."""

from __future__ import annotations

import hashlib


def fingerprint(rule: str, path: str, match: str) -> str:
    """16 hex digits of SHA-256 over rule id, document id and the matched text (white space
    folded), so the row survives edits elsewhere in the note and a moved sentence."""
    folded = " ".join(match.split())
    digest = hashlib.sha256("\x1f".join((rule, path, folded)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]
