"""A marketer's word lists without writing a rule: ``banned_terms`` and ``allowed_terms`` in the
config (BAN001, engine/linter.py), a bad user rule file skipped rather than blocking the bundled
rules, and the bundled safe rewrites of absolute terms."""

from __future__ import annotations

import json

from rule_fixtures import ACME_RULE

AD = "这款粉底液是全网最低价，点链接下单。比竞品A好用多了。\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def lint(cli, tmp_path, *args):
    result = cli("lint", "--format", "json", "--commercial", "promotional", *args)
    return result, json.loads(result.stdout) if result.stdout.startswith("{") else None


def findings(payload, rule):
    return [d for f in payload["files"] for d in f["diagnostics"] if d["rule"] == rule]


def test_banned_terms_become_findings_naming_the_list(cli, tmp_path, isolated):
    write(tmp_path / ".xhslint.toml", 'banned_terms = ["竞品A", "药妆"]\n')
    write(tmp_path / "n.txt", AD)
    _, payload = lint(cli, tmp_path, "n.txt")
    (brd,) = findings(payload, "BAN001")
    assert brd["match"] == "竞品A" and brd["category"] == "brand" and brd["severity"] == "warning"
    assert brd["message"] == "“竞品A” is on the brand's banned list (banned_terms in the config)"
    assert "竞品A" in brd["suggestion"]
    _, zh = lint(cli, tmp_path, "n.txt", "--locale", "zh-CN", "--select", "BAN001")
    assert findings(zh, "BAN001")[0]["message"] == "“竞品A”在品牌的禁用词列表中（配置中的 banned_terms）"


def test_banned_terms_per_vertical(cli, tmp_path, isolated):
    write(tmp_path / ".xhslint.toml", '[banned_terms]\nall = ["竞品A"]\nbeauty = ["药妆"]\n')
    write(tmp_path / "n.txt", "真的是药妆级别的温和。比竞品A好。\n")
    _, beauty = lint(cli, tmp_path, "n.txt", "--vertical", "beauty", "--select", "BAN001")
    assert [(d["match"], d["message"].split("(")[1]) for d in findings(beauty, "BAN001")] == [
        ("药妆", "banned_terms.beauty in the config)"),
        ("竞品A", "banned_terms in the config)"),
    ]
    _, food = lint(cli, tmp_path, "n.txt", "--vertical", "food", "--select", "BAN001")
    assert [d["match"] for d in findings(food, "BAN001")] == ["竞品A"]


def test_allowed_terms_keep_bundled_rules_out_of_them(cli, tmp_path, isolated):
    note = "顶级蓝精华真的好用，点链接下单。\n"
    write(tmp_path / "plain" / "n.txt", note)
    _, before = lint(cli, tmp_path, "plain/n.txt", "--select", "CMP001")
    assert [d["match"] for d in findings(before, "CMP001")] == ["顶级"]
    write(tmp_path / "brand" / ".xhslint.toml", 'allowed_terms = ["顶级蓝"]\n')
    write(tmp_path / "brand" / "n.txt", note)
    _, after = lint(cli, tmp_path, "brand/n.txt", "--select", "CMP001")
    assert findings(after, "CMP001") == []


def test_a_result_does_not_depend_on_the_other_rules_selected(cli, tmp_path, isolated):
    write(tmp_path / ".xhslint.toml", 'banned_terms = ["竞品A"]\n')
    write(tmp_path / "n.txt", AD)
    _, alone = lint(cli, tmp_path, "n.txt", "--select", "BAN001")
    _, every = lint(cli, tmp_path, "n.txt")
    assert findings(alone, "BAN001") == findings(every, "BAN001")


def test_bad_word_lists_are_one_clear_line(cli, tmp_path, isolated):
    write(tmp_path / "n.txt", AD)
    write(tmp_path / ".xhslint.toml", "banned_terms = 3\n")
    result = cli("lint", "n.txt")
    assert result.exit_code == 2 and "'banned_terms' must be a list of words" in result.output
    write(tmp_path / ".xhslint.toml", '[banned_terms]\nbeuaty = ["药妆"]\n')
    result = cli("lint", "n.txt")
    assert result.exit_code == 2 and "did you mean 'beauty'" in result.output
    write(tmp_path / ".xhslint.toml", "[banned_terms]\nbeauty = [1, 2]\n")
    result = cli("lint", "n.txt")
    assert result.exit_code == 2 and "banned_terms.beauty" in result.output
    assert "Traceback" not in result.output


def test_one_bad_user_rule_file_is_skipped_not_blocking(cli, tmp_path, isolated):
    write(tmp_path / "brand-rules" / "acme.yaml", ACME_RULE)
    write(tmp_path / "brand-rules" / "broken.yaml", "id: BAD001\nname: brand.broken\nkind: nonsense\n")
    write(tmp_path / ".xhslint.toml", 'rule_paths = ["brand-rules"]\n')
    write(tmp_path / "n.txt", "这瓶真的是美白神器，全网最低价，点链接下单。\n")
    result, payload = lint(cli, tmp_path, "n.txt")
    assert result.exit_code == 2  # the broken file is an error ...
    assert "broken.yaml" in result.output and "this rule file is skipped" in result.output
    rules = {d["rule"] for d in payload["files"][0]["diagnostics"]}
    assert {"ACME001", "CMP001"} <= rules  # ... but the bundled rules and the good file still ran


def test_a_duplicate_bundled_id_in_a_user_file_is_skipped(cli, tmp_path, isolated):
    write(tmp_path / "brand-rules" / "dup.yaml", ACME_RULE.replace("ACME001", "CMP001"))
    write(tmp_path / ".xhslint.toml", 'rule_paths = ["brand-rules"]\n')
    write(tmp_path / "n.txt", "全网最低价，点链接下单。\n")
    result, payload = lint(cli, tmp_path, "n.txt")
    assert result.exit_code == 2 and "duplicate rule 'CMP001'" in result.output
    assert findings(payload, "CMP001")[0]["name"] == "compliance.absolute-terms"


def test_absolute_price_terms_have_a_safe_rewrite(cli, tmp_path, isolated):
    write(tmp_path / "n.txt", "这款粉底液是全网最低价，点链接下单。\n")
    result = cli("lint", "--commercial", "promotional", "--fix", "--select", "CMP001", "n.txt")
    assert result.exit_code == 0
    assert (tmp_path / "n.txt").read_text(encoding="utf-8") == "这款粉底液是全网优惠价，点链接下单。\n"


def test_the_api_takes_the_lists_too():
    from xhslint import lint_text

    result = lint_text("比竞品A好用多了", kind="copy", banned_terms=["竞品A"], select=["BAN001"])
    assert [d.match for d in result.diagnostics] == ["竞品A"]
