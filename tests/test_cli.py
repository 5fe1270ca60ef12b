"""The command line: exit codes, output formats, selectors, stdin, directories,
inline suppression, configuration discovery and the ``rules`` commands."""

from __future__ import annotations

import json
import re
import textwrap

import pytest
from rule_fixtures import ACME_RULE

CMP_TEXT = "这是我用过的全网最低价粉底液。\n"  # one CMP001 error
ADV_TEXT = "限时秒杀。\n"  # two ADV001 warnings, nothing else
CLEAN_TEXT = "用了一个月，空瓶了，会回购。\n"

TOP_KEYS = {"version", "files", "summary"}
FILE_KEYS = {
    "path",
    "kind",
    "language",
    "vertical",
    "diagnostics",
    "commercial",
    "commercial_detected",
    "commercial_basis",
    "vertical_confidence",
    "score",
    "band",
    "verdict",
    "score_by_category",
}
DIAG_KEYS = {
    "rule",
    "name",
    "category",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "offset",
    "length",
    "match",
    "suggestion",
    "rule_severity",
    "severity_reasons",
    "related",
}
SUMMARY_KEYS = {"files", "diagnostics", "by_severity", "by_category", "bands", "score", "waived"}

ACME_TEXT = "这瓶真的是美白神器。the miracle whitening cream。\n"


pytestmark = pytest.mark.usefixtures("isolated")  # each test runs in its own empty folder


def write(path, text, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def lint_json(cli, *args, input=None):
    result = cli("lint", "--format", "json", *args, input=input)
    assert result.exit_code in (0, 1), result.output + result.stderr
    return result, json.loads(result.stdout)


def rule_ids(payload, index=0):
    return [d["rule"] for d in payload["files"][index]["diagnostics"]]


def assert_one_error_line(result):
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("xhslint: error:")
    assert "Traceback" not in result.stderr + result.stdout


# --- Exit codes -------------------------------------------------------------


def test_exit_0_when_clean(cli, tmp_path):
    write(tmp_path / "n.txt", CLEAN_TEXT)
    result = cli("lint", "n.txt", "--kind", "copy")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_exit_1_on_error_finding(cli, tmp_path):
    write(tmp_path / "n.txt", CMP_TEXT)
    result = cli("lint", "n.txt", "--kind", "copy", "--commercial", "promotional")
    assert result.exit_code == 1
    assert "CMP001" in result.stdout


def test_warnings_do_not_fail_by_default_but_do_with_fail_on_warning(cli, tmp_path):
    write(tmp_path / "n.txt", ADV_TEXT)
    default = cli("lint", "n.txt", "--kind", "copy")
    assert "ADV001 [warning]" in default.stdout
    assert default.exit_code == 0
    assert cli("lint", "n.txt", "--kind", "copy", "--fail-on", "warning").exit_code == 1
    assert cli("lint", "n.txt", "--kind", "copy", "--fail-on", "error").exit_code == 0


def test_fail_on_info_counts_info_findings(cli, tmp_path):
    write(tmp_path / "n.txt", "标题\n" + "太好用了！" * 12 + "\n")
    result, payload = lint_json(cli, "n.txt", "--kind", "copy", "--select", "ADV002")
    assert [d["severity"] for d in payload["files"][0]["diagnostics"]] == ["info"]
    assert result.exit_code == 0
    assert cli("lint", "n.txt", "--kind", "copy", "--select", "ADV002", "--fail-on", "warning").exit_code == 0
    assert cli("lint", "n.txt", "--kind", "copy", "--select", "ADV002", "--fail-on", "info").exit_code == 1


def test_exit_zero_reports_but_exits_0(cli, tmp_path):
    write(tmp_path / "n.txt", CMP_TEXT)
    result = cli("lint", "n.txt", "--kind", "copy", "--exit-zero")
    assert result.exit_code == 0
    assert "CMP001" in result.stdout


def test_exit_zero_does_not_hide_input_errors(cli, tmp_path):
    result = cli("lint", "missing.txt", "--exit-zero")
    assert_one_error_line(result)
    assert "missing.txt" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["lint"],  # no path
        ["lint", "n.txt", "--kind", "essay"],
        ["lint", "n.txt", "--fail-on", "fatal"],
        ["lint", "n.txt", "--format", "xml"],
        ["nonsense"],
    ],
)
def test_usage_errors_exit_2(cli, tmp_path, args):
    write(tmp_path / "n.txt", CLEAN_TEXT)
    result = cli(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


# --- JSON contract ----------------------------------------------------------


def test_json_contract_key_sets(cli, tmp_path):
    write(tmp_path / "a.txt", "这瓶真的是全网最低价。限时秒杀。\n")
    write(tmp_path / "b.txt", CLEAN_TEXT)
    result, payload = lint_json(cli, "a.txt", "b.txt", "--kind", "copy", "--commercial", "promotional")
    assert result.exit_code == 1
    assert set(payload) == TOP_KEYS
    assert isinstance(payload["version"], str) and payload["version"]
    assert [f["path"] for f in payload["files"]] == ["a.txt", "b.txt"]
    for f in payload["files"]:
        assert set(f) == FILE_KEYS
    diagnostics = payload["files"][0]["diagnostics"]
    assert diagnostics
    text = (tmp_path / "a.txt").read_text(encoding="utf-8")
    for d in diagnostics:
        assert set(d) == DIAG_KEYS
        assert d["match"] == text[d["offset"] : d["offset"] + d["length"]]
        assert d["severity"] in ("error", "warning", "info")
        for r in d["related"]:
            assert r["match"] == text[r["offset"] : r["offset"] + r["length"]]
    assert payload["files"][1]["diagnostics"] == []
    summary = payload["summary"]
    assert set(summary) == SUMMARY_KEYS
    assert summary["files"] == 2
    assert summary["diagnostics"] == len(diagnostics)
    assert set(summary["by_severity"]) == {"error", "warning", "info"}
    assert sum(summary["by_severity"].values()) == len(diagnostics)
    assert summary["by_severity"]["error"] == sum(d["severity"] == "error" for d in diagnostics)
    assert summary["by_category"] == {
        c: sum(d["category"] == c for d in diagnostics) for c in {d["category"] for d in diagnostics}
    }


def test_json_diagnostic_values(cli, tmp_path):
    write(tmp_path / "n.txt", "标题\n这是全网最低价。\n")
    _, payload = lint_json(
        cli, "n.txt", "--kind", "copy", "--select", "CMP001", "--commercial", "promotional"
    )
    (d,) = payload["files"][0]["diagnostics"]
    assert d == {
        "rule": "CMP001",
        "name": "compliance.absolute-terms",
        "category": "compliance",
        "severity": "error",
        "message": d["message"],
        "line": 2,
        "column": 5,
        "end_line": 2,
        "end_column": 8,
        "offset": 7,
        "length": 3,
        "match": "最低价",
        "suggestion": d["suggestion"],
        "rule_severity": "error",
        "severity_reasons": [],
        "related": [],
    }
    assert "最低价" in d["message"]
    assert d["suggestion"]


def test_clean_json_summary(cli, tmp_path):
    write(tmp_path / "n.txt", CLEAN_TEXT)
    result, payload = lint_json(cli, "n.txt", "--kind", "copy")
    assert result.exit_code == 0
    assert payload["summary"] == {
        "files": 1,
        "diagnostics": 0,
        "by_severity": {"error": 0, "warning": 0, "info": 0},
        "by_category": {},
        "bands": {"green": 1, "amber": 0, "red": 0},
        "score": {"mean": 100.0, "min": 100},
        "waived": 0,
    }


def test_locale_zh_cn_translates_messages_not_ids(cli, tmp_path):
    write(tmp_path / "n.txt", CMP_TEXT)
    _, en = lint_json(cli, "n.txt", "--kind", "copy", "--select", "CMP001")
    _, zh = lint_json(cli, "n.txt", "--kind", "copy", "--select", "CMP001", "--locale", "zh-CN")
    en_d, zh_d = en["files"][0]["diagnostics"][0], zh["files"][0]["diagnostics"][0]
    for key in ("rule", "name", "category", "severity", "offset", "length", "match"):
        assert en_d[key] == zh_d[key]
    assert en_d["message"] != zh_d["message"]
    assert re.search(r"[\u4e00-\u9fff]{4}", zh_d["message"].replace("最低价", ""))
    assert "Advertising Law" in en_d["message"]
    assert "广告法" in zh_d["message"]
    assert re.search(r"[\u4e00-\u9fff]", zh_d["suggestion"])


def test_locale_zh_cn_in_text_output(cli, tmp_path):
    write(tmp_path / "n.txt", CMP_TEXT)
    result = cli(
        "lint",
        "n.txt",
        "--kind",
        "copy",
        "--select",
        "CMP001",
        "--locale",
        "zh-CN",
        "--commercial",
        "promotional",
    )
    # severity, kind and verdict labels are Chinese too; rule ids never change
    assert "n.txt:1:9: CMP001 [错误] 绝对化用语“最低价”" in result.stdout
    assert "类型 笔记" in result.stdout and "推广内容" in result.stdout
    assert "共发现 1 个问题" in result.stdout


def test_unknown_locale_is_an_error(cli, tmp_path):
    write(tmp_path / "n.txt", CMP_TEXT)
    assert_one_error_line(cli("lint", "n.txt", "--locale", "fr"))


# --- Selectors --------------------------------------------------------------

MIXED_TEXT = "这瓶真的是全网最低价，限时秒杀，加我vx：meimei_2024\n"


@pytest.mark.parametrize(
    ("option", "selector", "expected"),
    [
        ("--select", "CMP001", {"CMP001"}),
        ("--select", "CMP", {"CMP001", "CMP002"}),
        ("--select", "compliance.absolute-terms", {"CMP001"}),
        ("--select", "compliance.diversion", {"CMP002"}),
        ("--select", "compliance", {"CMP001", "CMP002"}),
        ("--select", "advertorial.hard-sell,CMP002", {"ADV001", "CMP002"}),
        ("--ignore", "CMP001", {"CMP002", "ADV001"}),
        ("--ignore", "CMP", {"ADV001"}),
        ("--ignore", "compliance", {"ADV001"}),
        ("--ignore", "advertorial.hard", {"CMP001", "CMP002"}),
    ],
)
def test_select_and_ignore(cli, tmp_path, option, selector, expected):
    write(tmp_path / "n.txt", MIXED_TEXT)
    _, payload = lint_json(cli, "n.txt", "--kind", "copy", option, selector)
    found = set(rule_ids(payload))
    if option == "--select":
        assert found == expected
    else:
        assert expected <= found
        assert not (found & ({"CMP001", "CMP002", "ADV001"} - expected))


def test_select_repeated_and_ignore_combined(cli, tmp_path):
    write(tmp_path / "n.txt", MIXED_TEXT)
    _, payload = lint_json(
        cli, "n.txt", "--kind", "copy", "--select", "CMP", "--select", "ADV001", "--ignore", "CMP002"
    )
    assert set(rule_ids(payload)) == {"CMP001", "ADV001"}


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_selector_is_one_line_error(cli, tmp_path, option):
    write(tmp_path / "n.txt", MIXED_TEXT)
    result = cli("lint", "n.txt", option, "CMP001,NOPE999")
    assert_one_error_line(result)
    assert "NOPE999" in result.stderr
    assert result.stdout == ""


# --- Kind, vertical, language -----------------------------------------------

BRIEF_MD = """\
# Campaign brief: summer foundation

## Deliverables
One note and one video from each creator.

## Key messages
Long wear on oily skin, light texture.

## Timeline
Posting between 1 and 10 June.
"""

BEAUTY_NOTE = "混油皮夏天用这款粉底液真的不脱妆，上脸很服帖，下午鼻翼会有一点出油。质地偏水润。\n"


def test_kind_and_vertical_are_detected_and_reported(cli, tmp_path):
    write(tmp_path / "brief.md", BRIEF_MD)
    write(tmp_path / "note.txt", BEAUTY_NOTE)
    _, payload = lint_json(cli, "brief.md", "note.txt")
    brief, note = payload["files"]
    assert brief["kind"] == "brief"
    assert brief["language"] == "en"
    assert note["kind"] == "copy"
    assert note["vertical"] == "beauty"
    assert note["language"] == "zh"


def test_kind_and_vertical_overrides(cli, tmp_path):
    write(tmp_path / "note.txt", BEAUTY_NOTE)
    _, payload = lint_json(cli, "note.txt", "--kind", "brief", "--vertical", "food")
    f = payload["files"][0]
    assert (f["kind"], f["vertical"]) == ("brief", "food")
    # A brief gets the brief rules: the story-pillars check now runs.
    assert "PIL001" in rule_ids(payload)


def test_detection_is_marked_in_text_header(cli, tmp_path):
    write(tmp_path / "note.txt", BEAUTY_NOTE)
    detected = cli("lint", "note.txt")
    assert "note.txt: kind copy (detected), vertical beauty (detected), language zh" in detected.stdout
    given = cli("lint", "note.txt", "--kind", "copy", "--vertical", "beauty")
    assert "note.txt: kind copy, vertical beauty, language zh" in given.stdout


def test_no_vertical_reports_null(cli, tmp_path):
    write(tmp_path / "n.txt", CMP_TEXT)
    _, payload = lint_json(cli, "n.txt", "--kind", "copy")
    assert payload["files"][0]["vertical"] is None


# --- stdin and directories --------------------------------------------------


def test_stdin(cli):
    result, payload = lint_json(
        cli, "-", "--kind", "copy", "--commercial", "promotional", input=CMP_TEXT.encode("utf-8")
    )
    assert result.exit_code == 1
    assert payload["files"][0]["path"] == "-"
    assert rule_ids(payload) == ["CMP001"]


def test_stdin_filename_md_parses_markdown(cli):
    text = "# 标题\n`最低价`。和 顶级\n"
    _, as_md = lint_json(cli, "-", "--kind", "copy", "--stdin-filename", "x.md", input=text.encode())
    assert as_md["files"][0]["path"] == "x.md"
    assert [d["match"] for d in as_md["files"][0]["diagnostics"] if d["rule"] == "CMP001"] == ["顶级"]
    _, as_txt = lint_json(cli, "-", "--kind", "copy", "--stdin-filename", "x.txt", input=text.encode())
    assert as_txt["files"][0]["path"] == "x.txt"
    assert [d["match"] for d in as_txt["files"][0]["diagnostics"] if d["rule"] == "CMP001"] == [
        "最低价",
        "顶级",
    ]


def test_directory_recursion(cli, tmp_path):
    write(tmp_path / "notes" / "a.txt", CMP_TEXT)
    write(tmp_path / "notes" / "deep" / "b.md", CLEAN_TEXT)
    write(tmp_path / "notes" / "deep" / "c.markdown", ADV_TEXT)
    write(tmp_path / "notes" / "skip.png", "not text")
    write(tmp_path / "notes" / "data.json", "{}")
    write(tmp_path / "notes" / ".hidden" / "h.txt", CMP_TEXT)
    result, payload = lint_json(cli, "notes", "--kind", "copy", "--commercial", "promotional")
    paths = [f["path"].replace("\\", "/") for f in payload["files"]]
    assert paths == ["notes/a.txt", "notes/deep/b.md", "notes/deep/c.markdown"]
    assert result.exit_code == 1
    assert payload["summary"]["files"] == 3


# --- Inline suppression -----------------------------------------------------


def _matches(payload):
    return [(d["rule"], d["match"], d["line"]) for d in payload["files"][0]["diagnostics"]]


def test_disable_enable_region(cli, tmp_path):
    text = textwrap.dedent(
        """\
        标题
        <!-- xhslint-disable CMP001 -->
        这是最佳选择。限时。
        <!-- xhslint-enable CMP001 -->
        全网最低价。
        """
    )
    write(tmp_path / "n.md", text)
    _, payload = lint_json(cli, "n.md", "--kind", "copy", "--select", "CMP001,ADV001")
    assert _matches(payload) == [("ADV001", "限时", 3), ("CMP001", "最低价", 5)]


def test_disable_next_line_skips_blank_lines_and_only_covers_one_line(cli, tmp_path):
    text = textwrap.dedent(
        """\
        标题
        <!-- xhslint-disable-next-line ADV001 -->

        限时，国家级。
        限时。
        """
    )
    write(tmp_path / "n.txt", text)
    _, payload = lint_json(cli, "n.txt", "--kind", "copy", "--select", "CMP001,ADV001")
    assert _matches(payload) == [("CMP001", "国家级", 4), ("ADV001", "限时", 5)]


def test_disable_next_line_with_several_ids(cli, tmp_path):
    text = "标题\n<!-- xhslint-disable-next-line ADV001,CMP001 -->\n限时，国家级。\n顶级。\n"
    write(tmp_path / "n.md", text)
    _, payload = lint_json(cli, "n.md", "--kind", "copy", "--select", "CMP001,ADV001")
    assert _matches(payload) == [("CMP001", "顶级", 4)]


def test_disable_without_ids_disables_every_rule_to_the_end(cli, tmp_path):
    text = "标题\n国家级。\n<!-- xhslint-disable -->\n顶级，限时，加我vx：meimei_2024\n"
    write(tmp_path / "n.md", text)
    _, payload = lint_json(cli, "n.md", "--kind", "copy", "--select", "CMP,ADV001")
    assert _matches(payload) == [("CMP001", "国家级", 2)]


def test_disable_without_ids_is_closed_by_enable(cli, tmp_path):
    text = "标题\n<!-- xhslint-disable -->\n国家级。\n<!-- xhslint-enable -->\n顶级。\n"
    write(tmp_path / "n.md", text)
    _, payload = lint_json(cli, "n.md", "--kind", "copy", "--select", "CMP001")
    assert _matches(payload) == [("CMP001", "顶级", 5)]


def test_disable_next_line_without_ids(cli, tmp_path):
    text = "标题\n<!-- xhslint-disable-next-line -->\n限时，国家级。\n顶级。\n"
    write(tmp_path / "n.txt", text)
    _, payload = lint_json(cli, "n.txt", "--kind", "copy", "--select", "CMP001,ADV001")
    assert _matches(payload) == [("CMP001", "顶级", 4)]


def test_disable_next_line_above_the_title(cli, tmp_path):
    # A directive on the first line suppresses the title-width check for the title below it.
    title = "这是一个非常非常长的笔记标题长到一定会被截断显示的"
    write(tmp_path / "n.md", f"<!-- xhslint-disable-next-line FMT001 -->\n{title}\n正文内容。\n")
    _, payload = lint_json(cli, "n.md", "--kind", "copy", "--select", "FMT001")
    assert _matches(payload) == []


# --- Configuration ----------------------------------------------------------


def test_dot_xhslint_toml_is_discovered(cli, tmp_path):
    write(tmp_path / ".xhslint.toml", 'select = ["ADV001"]\nkind = "copy"\nfail_on = "warning"\n')
    write(tmp_path / "n.txt", MIXED_TEXT)
    result, payload = lint_json(cli, "n.txt")
    assert set(rule_ids(payload)) == {"ADV001"}
    assert payload["files"][0]["kind"] == "copy"
    assert result.exit_code == 1  # fail_on = warning


def test_pyproject_tool_table_is_discovered(cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.xhslint]\nignore = ["CMP"]\n')
    write(tmp_path / "n.txt", MIXED_TEXT)
    _, payload = lint_json(cli, "n.txt", "--kind", "copy")
    ids = set(rule_ids(payload))
    assert "ADV001" in ids
    assert not ids & {"CMP001", "CMP002"}


def test_setup_cfg_section_is_discovered(cli, tmp_path):
    write(
        tmp_path / "setup.cfg",
        "[metadata]\nname = x\n\n[xhslint]\nselect = CMP001,\n    ADV001\nlocale = zh-CN\n",
    )
    write(tmp_path / "n.txt", MIXED_TEXT)
    _, payload = lint_json(cli, "n.txt", "--kind", "copy")
    assert set(rule_ids(payload)) == {"CMP001", "ADV001"}
    assert re.search(r"[\u4e00-\u9fff]", payload["files"][0]["diagnostics"][0]["message"])


def test_pyproject_without_tool_table_is_skipped_for_a_parent_config(cli, tmp_path):
    write(tmp_path / ".xhslint.toml", 'select = ["CMP002"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path / "sub" / "n.txt", MIXED_TEXT)
    _, payload = lint_json(cli, "sub/n.txt", "--kind", "copy")
    assert set(rule_ids(payload)) == {"CMP002"}


def test_nearest_config_to_the_linted_file_wins(cli, tmp_path):
    write(tmp_path / ".xhslint.toml", 'select = ["CMP002"]\n')
    write(tmp_path / "a" / ".xhslint.toml", 'select = ["ADV001"]\n')
    write(tmp_path / "a" / "b" / "n.txt", MIXED_TEXT)
    write(tmp_path / "top.txt", MIXED_TEXT)
    _, payload = lint_json(cli, "a/b/n.txt", "top.txt", "--kind", "copy")
    assert set(rule_ids(payload, 0)) == {"ADV001"}
    assert set(rule_ids(payload, 1)) == {"CMP002"}


def test_dot_xhslint_toml_beats_pyproject_in_the_same_directory(cli, tmp_path):
    write(tmp_path / ".xhslint.toml", 'select = ["CMP002"]\n')
    write(tmp_path / "pyproject.toml", '[tool.xhslint]\nselect = ["ADV001"]\n')
    write(tmp_path / "n.txt", MIXED_TEXT)
    _, payload = lint_json(cli, "n.txt", "--kind", "copy")
    assert set(rule_ids(payload)) == {"CMP002"}


def test_nearest_config_fail_on_applies_when_run_from_elsewhere(cli, tmp_path):
    # cwd is tmp_path (no config); the note's own folder asks for fail_on = warning.
    write(tmp_path / "project" / ".xhslint.toml", 'fail_on = "warning"\n')
    write(tmp_path / "project" / "n.txt", ADV_TEXT)
    result = cli("lint", "project/n.txt", "--kind", "copy")
    assert "ADV001 [warning]" in result.stdout
    assert result.exit_code == 1


def test_cli_flags_override_config(cli, tmp_path):
    write(tmp_path / ".xhslint.toml", 'select = ["ADV001"]\nkind = "brief"\nvertical = "food"\n')
    write(tmp_path / "n.txt", MIXED_TEXT)
    _, payload = lint_json(cli, "n.txt", "--select", "CMP001", "--kind", "copy", "--vertical", "beauty")
    f = payload["files"][0]
    assert (f["kind"], f["vertical"]) == ("copy", "beauty")
    assert set(rule_ids(payload)) == {"CMP001"}


def test_cli_fail_on_overrides_config(cli, tmp_path):
    write(tmp_path / ".xhslint.toml", 'fail_on = "warning"\n')
    write(tmp_path / "n.txt", ADV_TEXT)
    assert cli("lint", "n.txt", "--kind", "copy").exit_code == 1
    assert cli("lint", "n.txt", "--kind", "copy", "--fail-on", "error").exit_code == 0


def test_explicit_config_skips_discovery(cli, tmp_path):
    write(tmp_path / ".xhslint.toml", 'select = ["ADV001"]\n')
    write(tmp_path / "conf" / "mine.toml", 'select = ["CMP002"]\n')
    write(tmp_path / "n.txt", MIXED_TEXT)
    _, payload = lint_json(cli, "n.txt", "--kind", "copy", "--config", "conf/mine.toml")
    assert set(rule_ids(payload)) == {"CMP002"}


def test_explicit_pyproject_config(cli, tmp_path):
    write(tmp_path / "conf" / "pyproject.toml", '[tool.xhslint]\nselect = ["CMP002"]\n')
    write(tmp_path / "n.txt", MIXED_TEXT)
    _, payload = lint_json(cli, "n.txt", "--kind", "copy", "--config", "conf/pyproject.toml")
    assert set(rule_ids(payload)) == {"CMP002"}


def test_rule_paths_add_a_brand_rule(cli, tmp_path):
    write(tmp_path / "brand-rules" / "acme.yaml", ACME_RULE)
    write(tmp_path / ".xhslint.toml", 'rule_paths = ["brand-rules"]\n')
    write(tmp_path / "n.txt", ACME_TEXT)
    result, payload = lint_json(cli, "n.txt", "--kind", "copy")
    acme = [d for d in payload["files"][0]["diagnostics"] if d["rule"] == "ACME001"]
    assert [d["match"] for d in acme] == ["美白神器", "miracle whitening"]
    assert acme[0]["message"] == "“美白神器” is on ACME's banned list"
    assert acme[0]["suggestion"] == "Describe the texture instead."
    assert acme[0]["name"] == "brand.acme-banned-words"
    assert result.exit_code == 1
    _, zh = lint_json(cli, "n.txt", "--kind", "copy", "--select", "ACME001", "--locale", "zh-CN")
    assert zh["files"][0]["diagnostics"][0]["message"] == "“美白神器”是 ACME 禁用词"


def test_rule_paths_are_relative_to_the_config_file(cli, tmp_path):
    write(tmp_path / "project" / "rules" / "acme.yaml", ACME_RULE)
    write(tmp_path / "project" / ".xhslint.toml", 'rule_paths = ["rules"]\n')
    write(tmp_path / "project" / "notes" / "n.txt", ACME_TEXT)
    _, payload = lint_json(cli, "project/notes/n.txt", "--kind", "copy", "--select", "ACME001")
    assert rule_ids(payload) == ["ACME001", "ACME001"]


def test_rules_list_and_show_see_user_rules(cli, tmp_path):
    write(tmp_path / "brand-rules" / "acme.yaml", ACME_RULE)
    write(tmp_path / "c.toml", 'rule_paths = ["brand-rules"]\n')
    listed = cli("rules", "list", "--config", "c.toml")
    assert listed.exit_code == 0
    assert re.search(r"^ACME001\s+brand\.acme-banned-words\s+compliance\s+error", listed.stdout, re.M)
    shown = cli("rules", "show", "ACME001", "--config", "c.toml")
    assert shown.exit_code == 0
    assert "ACME legal asked us" in shown.stdout
    assert "这瓶真的是美白神器。" in shown.stdout


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        (".xhslint.toml", 'selct = ["CMP001"]\n', "selct"),
        (".xhslint.toml", 'select = ["CMP001"\n', "TOML"),
        (".xhslint.toml", 'fail_on = "fatal"\n', "fail_on"),
        (".xhslint.toml", "select = 3\n", "select"),
        ("pyproject.toml", "[tool.xhslint]\nverticle = 'beauty'\n", "verticle"),
        ("setup.cfg", "[xhslint]\nkind = essay\n", "kind"),
    ],
)
def test_malformed_config_exits_2(cli, tmp_path, name, content, needle):
    write(tmp_path / name, content)
    write(tmp_path / "n.txt", CMP_TEXT)
    result = cli("lint", "n.txt")
    assert_one_error_line(result)
    assert needle in result.stderr
    assert name in result.stderr


def test_malformed_explicit_config_exits_2(cli, tmp_path):
    write(tmp_path / "bad.toml", "bogus = 1\n")
    write(tmp_path / "n.txt", CMP_TEXT)
    result = cli("lint", "n.txt", "--config", "bad.toml")
    assert_one_error_line(result)
    assert "bad.toml" in result.stderr and "bogus" in result.stderr


def test_missing_explicit_config_exits_2(cli, tmp_path):
    write(tmp_path / "n.txt", CMP_TEXT)
    result = cli("lint", "n.txt", "--config", "nope.toml")
    assert_one_error_line(result)
    assert "nope.toml" in result.stderr


# --- rules list / show ------------------------------------------------------


def test_rules_list_text(cli):
    result = cli("rules", "list")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].split() == ["ID", "NAME", "CATEGORY", "SEVERITY", "APPLIES", "KIND"]
    assert re.search(
        r"^CMP001\s+compliance\.absolute-terms\s+compliance\s+error\s+any\s+terms$", result.stdout, re.M
    )
    assert any(line.startswith("PIL001") for line in lines)


def test_rules_list_json(cli):
    result = cli("rules", "list", "--format", "json")
    assert result.exit_code == 0
    rules = json.loads(result.stdout)
    by_id = {r["id"]: r for r in rules}
    assert {"CMP001", "CMP002", "ADV001", "PIL001"} <= set(by_id)
    assert by_id["CMP001"]["name"] == "compliance.absolute-terms"
    assert by_id["CMP001"]["category"] == "compliance"
    assert by_id["CMP001"]["severity"] == "error"
    assert by_id["CMP001"]["kind"] == "terms"
    assert set(by_id["CMP001"]["languages"]) == {"zh", "en"}


def test_rules_list_select(cli):
    result = cli("rules", "list", "--format", "json", "--select", "CMP")
    selected = {r["id"] for r in json.loads(result.stdout)}
    assert {"CMP001", "CMP002"} <= selected
    assert all(rule_id.startswith("CMP") for rule_id in selected)
    result = cli("rules", "list", "--format", "json", "--select", "compliance.absolute-terms")
    assert [r["id"] for r in json.loads(result.stdout)] == ["CMP001"]
    assert_one_error_line(cli("rules", "list", "--select", "NOPE"))


def test_rules_show_explains_the_rule(cli):
    result = cli("rules", "show", "CMP001")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("CMP001 compliance.absolute-terms")
    assert "Why:" in out and "Advertising Law Art. 9(3)" in out  # rationale
    assert "References:" in out and "中华人民共和国广告法" in out
    assert "Flags:" in out and "✗ 这款面霜是国家级配方。" in out
    assert "Passes:" in out and "✓ 唯一的缺点是包装有点大。" in out


def test_rules_show_by_name_json_and_locale(cli):
    result = cli("rules", "show", "compliance.absolute-terms", "--format", "json", "--locale", "zh-CN")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == "CMP001"
    assert "广告法" in data["message"]
    assert data["references"] and data["rationale"]
    assert data["examples"]["flag"] and data["examples"]["pass"]


def test_rules_show_unknown_rule_exits_2(cli):
    result = cli("rules", "show", "NOPE001")
    assert_one_error_line(result)
    assert "NOPE001" in result.stderr


# --- Text output ------------------------------------------------------------


def test_text_output_format(cli, tmp_path):
    write(tmp_path / "n.txt", "标题\n这是全网最低价。\n")
    result = cli("lint", "n.txt", "--kind", "copy", "--select", "CMP001", "--commercial", "promotional")
    lines = result.stdout.rstrip("\n").splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("n.txt:2:"))
    assert re.fullmatch(r"n\.txt:2:5: CMP001 \[error\] Absolute term “最低价”: .+", lines[i])
    assert lines[i + 1].strip() == "|"
    assert lines[i + 2] == " 2 | 这是全网最低价。"
    caret_line = lines[i + 3]
    # Carets sit under the match, in display columns (CJK counts 2).
    assert caret_line == "   | " + " " * 8 + "^" * 6
    assert lines[-1] == "Found 1 problem(s) in 1 file(s): 1 error(s), 0 warning(s), 0 info."
    assert "\x1b[" not in result.output


def test_text_output_clean_summary(cli, tmp_path):
    write(tmp_path / "n.txt", CLEAN_TEXT)
    result = cli("lint", "n.txt", "--kind", "copy")
    assert result.stdout.rstrip("\n").splitlines()[-1] == "All clear: 1 file(s) checked, no problems found."


def test_colour_only_when_asked_for(tmp_path):
    from xhslint import lint_text
    from xhslint.linter.output import get_formatter

    format_text = get_formatter("text")
    result = lint_text(CMP_TEXT, kind="copy", select=["CMP001"], path="n.txt")
    assert "\x1b[" in format_text([result], "en", True)
    assert "\x1b[" not in format_text([result], "en", False)
