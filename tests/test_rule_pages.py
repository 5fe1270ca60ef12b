"""The committed rule pages (docs/rules/) are what `xhslint rules docs` writes today."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

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


def _sarif_rules(cli, *args) -> dict:
    import json

    result = cli(
        "lint",
        "-",
        "--kind",
        "copy",
        "--commercial",
        "promotional",
        "--format",
        "sarif",
        *args,
        input="全网最低价的面霜，万能！",
    )
    assert result.exit_code == 1, result.output
    return {r["id"]: r for r in json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]}


def test_sarif_links_each_bundled_rule_to_its_page_shipped_with_the_package(cli, isolated):
    rules = _sarif_rules(cli)
    assert {"CMP001", "CMP021"} <= set(rules)
    for rule_id, descriptor in rules.items():
        uri = descriptor["helpUri"]
        assert uri.startswith("file://") and uri.endswith(f"/docs/rules/{rule_id}.md")
        page = Path(urllib.request.url2pathname(uri.removeprefix("file://")))
        assert page.is_file() and page.read_text(encoding="utf-8").startswith(f"# {rule_id} ")


@pytest.mark.parametrize(
    ("docs_url", "expected"),
    [
        ("https://docs.example.org/xhslint/{id}.html", "https://docs.example.org/xhslint/CMP001.html"),
        ("https://docs.example.org/rules/", "https://docs.example.org/rules/CMP001.md"),
    ],
)
def test_docs_url_in_the_config_points_report_links_at_the_published_pages(cli, isolated, docs_url, expected):
    (isolated / ".xhslint.toml").write_text(f'docs_url = "{docs_url}"\n')
    assert _sarif_rules(cli)["CMP001"]["helpUri"] == expected


def test_a_docs_url_that_is_not_a_url_is_one_line_and_exit_2(cli, isolated):
    (isolated / ".xhslint.toml").write_text('docs_url = "docs/rules"\n')
    result = cli("lint", "-", input="文本")
    assert result.exit_code == 2
    assert "'docs_url' must start with https://" in result.stderr and "Traceback" not in result.output


def test_a_rule_of_ones_own_pack_links_to_its_first_web_reference(tmp_path):
    from xhslint.linter.rules.references import rule_page_uri

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "own.yaml").write_text(
        """id: ZZZ901
name: compliance.own-term
category: compliance
severity: warning
applies_to: copy
languages: [zh]
kind: terms
terms: [超级无敌]
rationale: A brand's own banned word.
references:
  - {type: practice, title: house style}
  - {type: platform, title: the rule, url: "https://example.org/rule"}
message: {en: "Avoid {match}.", zh-CN: "避免{match}。"}
examples: {flag: [超级无敌的面霜], pass: [好用的面霜]}
""",
        encoding="utf-8",
    )
    (rule,) = [r for r in load_rules([str(pack)]) if r.id == "ZZZ901"]
    assert rule_page_uri(rule) == "https://example.org/rule"
    assert rule_page_uri(rule, "https://docs.example.org/") == "https://docs.example.org/ZZZ901.md"


def test_references_point_at_public_sources_not_at_files_outside_the_package():
    """A reference's url is a web address (with or without its scheme), never a path to
    notes that are not shipped (shared/...) or a relative file."""
    for rule in load_rules():
        for ref in rule.references:
            url = ref.get("url") if isinstance(ref, dict) else None
            if url is None:
                continue
            host = url.split("://", 1)[-1].split("/", 1)[0]
            assert "." in host and not url.startswith(("shared/", "../", "./", "/")), (rule.id, url)
