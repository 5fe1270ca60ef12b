"""The committed rule pages (docs/rules/) are what `xhslint rules docs` writes today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from xhslint.linter.rules.loader import load_rules
from xhslint.linter.ruletools.pages import rule_pages

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def test_committed_rule_pages_are_current():
    pages = rule_pages(load_rules())
    stale = [name for name, text in pages.items() if (DOCS / name).read_text(encoding="utf-8") != text]
    assert not stale, f"run `xhslint rules docs docs/rules`: {stale[:5]}"
    orphans = sorted(p.name for p in DOCS.glob("*.md") if p.name not in pages)
    assert not orphans, f"pages of rules that no longer exist: {orphans}"


def test_a_page_says_what_why_examples_and_how_to_configure():
    page = rule_pages(load_rules())["CMP021.md"]
    for part in (
        "## Why",
        "Art. 28",
        "## Flags",
        "`万能的面霜，永久不反弹。` (match: 万能)",
        "--ignore CMP021",
    ):
        assert part in page


def test_rules_docs_writes_a_page_per_rule_and_an_index(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "xhslint.cli", "rules", "docs", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "README.md" in written and "CMP001.md" in written
    assert len(written) == len(load_rules()) + 1
