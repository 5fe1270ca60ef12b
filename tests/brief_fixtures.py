"""Shared helpers for the brief generator's tests."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from xhslint.linter.briefs.starter import starter_yaml

# A fixed "today" so starter launch dates (six weeks on) are deterministic: 2026-04-12.
TODAY = date(2026, 3, 1)
VERTICALS = (
    "beauty",
    "fashion",
    "food",
    "mother-baby",
    "travel",
    "home",
    "fitness",
    "electronics",
    "pets",
    "luxury",
)
LOCALES = ("zh-CN", "en")


def starter_text(vertical: str = "beauty", locale: str = "zh-CN", **replace: str) -> str:
    """The starter data file with top-level fields replaced (``launch_date="2026-06-10"``; a
    block value is replaced whole, so give flow YAML such as ``creator_tiers="{top: 3}"``)."""
    text = starter_yaml(vertical, locale, today=TODAY)
    for key, value in replace.items():
        text, count = re.subn(rf"(?m)^{key}:.*(?:\n[ -].*)*$", f"{key}: {value}", text)
        assert count == 1, key
    return text


def write_starter(folder: Path, vertical: str = "beauty", locale: str = "zh-CN", **replace: str) -> Path:
    path = folder / f"{vertical}.{locale}.yaml"
    path.write_text(starter_text(vertical, locale, **replace), encoding="utf-8")
    return path


def line_number(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def assert_one_error_line(result, path: Path | str, line: int | None, *fragments: str) -> str:
    """Exit 2, one stderr line ``xhslint: error: PATH:LINE: ...`` containing every fragment."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    where = f"{path}:{line}: " if line else f"{path}"
    assert lines[0].startswith(f"xhslint: error: {where}"), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert "Traceback" not in result.stderr + result.stdout
    return lines[0]
