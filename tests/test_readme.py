"""The README stays true: CI runs its test command, and its rule example loads and works."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.DOTALL)


def test_ci_runs_the_readme_test_command():
    ci_commands = [
        line
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    test_command = ci_commands[-1]
    assert test_command in _blocks("sh")[1]
    assert "pytest" in test_command


def test_quick_start_lints_the_bundled_examples():
    first = _blocks("sh")[0].strip()
    assert first.startswith("pip install .")
    assert "xhslint lint examples/" in first
    assert any((ROOT / "examples").rglob("*.md"))


def test_readme_rule_example_loads_and_its_examples_hold(tmp_path):
    from xhslint import lint_text
    from xhslint.linter.rules.loader import load_file

    yaml_block = _blocks("yaml")[0]
    path = tmp_path / "acme.yaml"
    path.write_text(yaml_block, encoding="utf-8")
    (rule,) = load_file(path)
    assert rule.id == "ACME001"
    for text in rule.examples["flag"]:
        result = lint_text(text, kind="copy", vertical="beauty", rule_paths=[str(path)], select=["ACME001"])
        assert [d.rule_id for d in result.diagnostics] == ["ACME001"]
    for text in rule.examples["pass"]:
        result = lint_text(text, kind="copy", vertical="beauty", rule_paths=[str(path)], select=["ACME001"])
        assert result.diagnostics == []
