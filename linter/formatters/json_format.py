"""``--format json``: the stable, documented contract (see README)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ... import __version__
from ..diagnostics import FileResult
from . import summary


def format_json(results: Sequence[FileResult], locale: str, color: bool = False) -> str:
    payload = {
        "version": __version__,
        "files": [r.to_json(locale) for r in results],
        "summary": summary(results),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
