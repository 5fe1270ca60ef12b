"""Inputs and flags as real files arrive: agency sheets with an instructions sheet
and a title row, text columns under other names, a kind column of free text,
repeated ids, pretty-printed JSON, vertical names and typos, empty titles, and
summaries that never say "all clear" after an input failed."""

from __future__ import annotations

import json

import pytest

from xhslint import lint_many

pytestmark = pytest.mark.usefixtures("isolated")

CMP = "这款粉底液全网最低价，点击链接购买。"  # a way to buy: an ad for certain, so CMP001 is an error


def lint_json(cli, *args):
    result = cli("lint", "--format", "json", "--select", "CMP001", *args)
    return result, json.loads(result.stdout)


def paths(payload):
    return [f["path"] for f in payload["files"]]


def test_workbook_with_an_instructions_sheet_and_a_title_row(cli, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["请在下一页填写笔记"])
    notes = book.create_sheet("笔记")
    notes.append(["2026 春季 campaign 笔记汇总"])
    notes.append([])
    notes.append(["达人昵称", "笔记标题", "笔记正文"])
    notes.append(["小王", "夏日底妆", CMP])
    book.save(tmp_path / "agency.xlsx")
    result, payload = lint_json(cli, "agency.xlsx")
    assert result.exit_code == 1
    assert paths(payload) == ["agency.xlsx#1"]
    # --sheet picks a sheet by name; one without a text column is one clear error
    wrong = cli("lint", "agency.xlsx", "--sheet", "说明")
    assert wrong.exit_code == 2 and "no text column" in wrong.stderr
    missing = cli("lint", "agency.xlsx", "--sheet", "草稿")
    assert missing.exit_code == 2 and "no sheet '草稿' (sheets: 说明, 笔记)" in missing.stderr


def test_header_row_flag_and_detection_in_csv(cli, tmp_path):
    (tmp_path / "a.csv").write_text("活动笔记汇总\n\n标题,文案\n防晒," + CMP + "\n", encoding="utf-8")
    _, detected = lint_json(cli, "a.csv")
    assert paths(detected) == ["a.csv#1"]
    _, given = lint_json(cli, "a.csv", "--header-row", "3")
    assert paths(given) == paths(detected)


@pytest.mark.parametrize("column", ["copy", "文案", "summary", "笔记正文", "内容"])
def test_text_columns_under_other_names(column):
    (result,) = lint_many([{"id": "n", column: CMP}], select=["CMP001"])
    assert [d.match for d in result.diagnostics] == ["最低价"]


def test_an_explicit_kind_wins_over_a_column_of_free_text(cli, tmp_path):
    (tmp_path / "b.csv").write_text(
        "id,kind,text\n1,an excerpt of a template,核心卖点：全网最低价\n2,another excerpt,发布时间：6月\n",
        encoding="utf-8",
    )
    without = cli("lint", "b.csv", "--format", "json")
    assert without.exit_code == 2 and "kind must be brief, copy or auto" in without.stderr
    result = cli("lint", "b.csv", "--kind", "brief", "--format", "json")
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "using --kind brief" in warnings[0]
    assert {f["kind"] for f in json.loads(result.stdout)["files"]} == {"brief"}


def test_repeated_ids_get_the_row_number(cli, tmp_path):
    (tmp_path / "c.csv").write_text(f"id,text\nx,{CMP}\nx,{CMP}\n", encoding="utf-8")
    result, payload = lint_json(cli, "c.csv")
    assert paths(payload) == ["c.csv#x", "c.csv#x@2"]
    assert result.stderr.count("repeated id 'x'") == 1


def test_pretty_printed_json_is_not_json_lines_once(cli, tmp_path):
    (tmp_path / "d.jsonl").write_text('[\n  {"title": "a", "content": "b"}\n]\n', encoding="utf-8")
    result = cli("lint", "d.jsonl")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("xhslint: error")]
    assert len(errors) == 1 and "not JSON Lines" in errors[0]
    assert "All clear" not in result.stdout and "could not be read" in result.stdout


def test_summary_counts_notes_for_batches(cli, tmp_path):
    (tmp_path / "e.csv").write_text(f"text\n{CMP}\n", encoding="utf-8")
    assert "in 1 note(s)" in cli("lint", "e.csv", "--select", "CMP001").stdout
    assert "篇笔记" in cli("lint", "e.csv", "--select", "CMP001", "--locale", "zh-CN").stdout


@pytest.mark.parametrize(
    ("given", "expected"), [("beauty", "beauty"), ("美妆护肤", "beauty"), ("Beauty", "beauty")]
)
def test_vertical_names_are_accepted(cli, tmp_path, given, expected):
    (tmp_path / "n.txt").write_text("混油皮的粉底液测评。\n", encoding="utf-8")
    result = cli("lint", "n.txt", "--vertical", given, "--format", "json")
    assert json.loads(result.stdout)["files"][0]["vertical"] == expected


def test_a_vertical_typo_is_refused_with_a_suggestion(cli, tmp_path):
    (tmp_path / "n.txt").write_text("混油皮的粉底液测评。\n", encoding="utf-8")
    result = cli("lint", "n.txt", "--vertical", "beaty")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "xhslint: error: unknown vertical 'beaty': did you mean 'beauty'? "
        "(use an id such as beauty, or its name)"
    )


def test_an_empty_title_cell_means_no_title():
    long_body = "这是一段没有标题的正文，内容很长很长，超过了二十个字，不应该按标题长度检查。"
    (result,) = lint_many([{"title": "", "content": long_body}], select=["FMT001"])
    assert result.diagnostics == []
    (titled,) = lint_many([{"title": long_body, "content": "正文"}], select=["FMT001"])
    assert [d.rule_id for d in titled.diagnostics] == ["FMT001"]


def test_commercial_config_key_and_flag(cli, tmp_path):
    note = "标题\n这是全网最低价。\n"
    (tmp_path / "n.txt").write_text(note, encoding="utf-8")
    detected = cli("lint", "n.txt", "--kind", "copy", "--format", "json")
    assert json.loads(detected.stdout)["files"][0]["commercial"] != "promotional"
    # (config is discovered once per folder in a process: the declared drafts get their own)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / ".xhslint.toml").write_text('commercial = "promotional"\n', encoding="utf-8")
    (drafts / "n.txt").write_text(note, encoding="utf-8")
    declared = cli("lint", "drafts/n.txt", "--kind", "copy", "--format", "json")
    entry = json.loads(declared.stdout)["files"][0]
    assert (entry["commercial"], entry["commercial_basis"]) == ("promotional", "given")
    assert declared.exit_code == 1
    back = cli("lint", "drafts/n.txt", "--kind", "copy", "--commercial", "auto", "--format", "json")
    assert json.loads(back.stdout)["files"][0]["commercial_basis"] == "cues"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / ".xhslint.toml").write_text('commercial = "sure"\n', encoding="utf-8")
    (bad / "n.txt").write_text(note, encoding="utf-8")
    assert cli("lint", "bad/n.txt").exit_code == 2
