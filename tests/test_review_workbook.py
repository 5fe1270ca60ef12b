"""``--format xlsx`` (output/xlsx.py) and ``--baseline`` (run/baseline.py): the review
workbook read back with openpyxl, and the reviewers' columns kept across runs."""

from __future__ import annotations

import json

import pytest

openpyxl = pytest.importorskip("openpyxl")

NOTES = (
    "id,达人昵称,粉丝数,链接,标题,正文\n"
    "a1,小美,1.2w,https://www.xiaohongshu.com/explore/1,好物分享,这是我用过的全网最低价粉底液。\n"
    "a2,阿杰,3000,,周末,今天去爬山了，风景很好。\n"
)


@pytest.fixture
def notes(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text(NOTES, encoding="utf-8")
    return path


def lint(cli, *args):
    """``xhslint lint`` with the notes taken as ads (so the price claim is an error)."""
    return cli("lint", "--commercial", "promotional", *args)


def _sheet(book, name):
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def test_the_workbook_has_notes_findings_and_rules(cli, notes, tmp_path):
    out = tmp_path / "review.xlsx"
    result = lint(cli, "--format", "xlsx", "-o", out, notes)
    assert result.exit_code == 1  # a compliance error
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Notes", "Findings", "Rules"]
    rows = _sheet(book, "Notes")
    assert [r["id"] for r in rows] == [f"{notes}#a1", f"{notes}#a2"]
    first, second = rows
    assert first["title"] == "好物分享" and first["creator"] == "小美"
    assert (first["score"], first["band"], first["verdict"], first["errors"]) == (59, "red", "blocked", 1)
    assert first["粉丝数"] == "1.2w" and first["链接"].startswith("https://")
    assert "CMP001" in first["top findings"]
    assert (second["score"], second["band"], second["top findings"]) == (100, "green", None)
    notes_sheet = book["Notes"]
    band_column = list(rows[0]).index("band") + 1
    assert notes_sheet.cell(2, band_column).fill.fgColor.rgb.endswith("FFC7CE")
    assert notes_sheet.cell(3, band_column).fill.fgColor.rgb.endswith("C6EFCE")
    assert notes_sheet.auto_filter.ref and notes_sheet.freeze_panes == "A2"
    findings = _sheet(book, "Findings")
    cmp = next(f for f in findings if f["rule"] == "CMP001")
    assert cmp["id"] == f"{notes}#a1" and cmp["matched text"] == "最低价"
    assert cmp["sentence"] == "这是我用过的全网最低价粉底液。" and cmp["status"] == "open"
    assert len(cmp["fingerprint"]) == 16
    validation = book["Findings"].data_validations.dataValidation[0]
    assert validation.formula1 == '"open,accepted,waived"'
    rules = {r["rule"]: r for r in _sheet(book, "Rules")}
    assert "CMP001" in rules and rules["CMP001"]["category"] == "compliance" and rules["CMP001"]["rationale"]


def test_the_workbook_speaks_the_locale(cli, notes, tmp_path):
    out = tmp_path / "review.xlsx"
    lint(cli, "--format", "xlsx", "--locale", "zh-CN", "-o", out, notes)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["笔记", "问题", "规则"]
    first = _sheet(book, "笔记")[0]
    assert first["等级"] == "红色" and first["结论"] == "不可发布"
    assert _sheet(book, "问题")[0]["状态"] == "待处理"


def _review(path, rule, **columns):
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[1]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index(columns.pop("by", "rule"))].value == rule:
            for name, value in columns.items():
                row[header.index(name)].value = value
    book.save(path)


def test_a_waived_finding_is_kept_reported_and_does_not_fail(cli, notes, tmp_path):
    review = tmp_path / "review.xlsx"
    lint(cli, "--format", "xlsx", "-o", review, notes)
    _review(review, "CMP001", status="waived", reviewer="Lin", note="the brand's own price claim, checked")
    # the reviewed workbook is both the baseline and the new report
    again = cli(
        "lint", "--commercial", "promotional", "--baseline", review, "--format", "xlsx", "-o", review, notes
    )
    assert again.exit_code == 0
    book = openpyxl.load_workbook(review)
    cmp = next(f for f in _sheet(book, "Findings") if f["rule"] == "CMP001")
    assert (cmp["status"], cmp["reviewer"], cmp["note"]) == (
        "waived",
        "Lin",
        "the brand's own price claim, checked",
    )
    first = _sheet(book, "Notes")[0]
    assert (first["waived"], first["errors"], first["score"], first["band"]) == (1, 0, 100, "green")
    report = json.loads(lint(cli, "--baseline", review, "--format", "json", notes).output)
    entry = report["files"][0]
    assert entry["diagnostics"][0]["review"]["status"] == "waived"
    assert report["summary"]["waived"] == 1 and report["summary"]["by_severity"]["error"] == 0
    text = lint(cli, "--baseline", review, notes).output
    assert "[error, waived]" in text


def test_the_review_follows_the_text_not_the_offset(cli, notes, tmp_path):
    review = tmp_path / "review.xlsx"
    lint(cli, "--format", "xlsx", "-o", review, notes)
    _review(review, "CMP001", status="accepted", reviewer="Lin", note="rewrite before Friday")
    edited = NOTES.replace("这是我用过的", "说真的，这是我今年用过的")
    notes.write_text(edited, encoding="utf-8")
    entry = json.loads(lint(cli, "--baseline", review, "--format", "json", notes).output)["files"][0]
    cmp = next(d for d in entry["diagnostics"] if d["rule"] == "CMP001")
    assert cmp["review"] == {"status": "accepted", "reviewer": "Lin", "note": "rewrite before Friday"}
    assert entry["band"] == "red"  # accepted: a real problem, still counted


def test_a_status_in_the_other_locale_and_an_unknown_one(cli, notes, tmp_path):
    review = tmp_path / "review.xlsx"
    lint(cli, "--format", "xlsx", "-o", review, notes)
    _review(review, "CMP001", status="已豁免")
    assert lint(cli, "--baseline", review, notes).exit_code == 0
    _review(review, "CMP001", status="done?")
    result = lint(cli, "--baseline", review, notes)
    assert result.exit_code == 1 and "status 'done?' is not one of open, accepted, waived" in result.output


def test_a_bad_baseline_is_one_clear_line(cli, notes, tmp_path):
    missing = lint(cli, "--baseline", tmp_path / "nope.xlsx", notes)
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    other = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["id", "content"])
    book.save(other)
    result = lint(cli, "--baseline", other, notes)
    assert result.exit_code == 2 and "not a review workbook" in result.output
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    assert lint(cli, "--baseline", fake, notes).exit_code == 2


def test_the_report_never_overwrites_what_it_lints(cli, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["id", "content"])
    book.active.append(["1", "全网最低价"])
    path = tmp_path / "notes.xlsx"
    book.save(path)
    before = path.read_bytes()
    result = lint(cli, "--format", "xlsx", "-o", path, path)
    assert result.exit_code == 2 and "never written" in result.output
    assert path.read_bytes() == before


def test_an_empty_run_still_writes_a_workbook(cli, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("id,content\n", encoding="utf-8")
    out = tmp_path / "review.xlsx"
    lint(cli, "--format", "xlsx", "-o", out, empty)
    book = openpyxl.load_workbook(out)
    assert [c.value for c in book["Notes"][1]][:3] == ["id", "title", "creator"]


def test_the_sheets_other_columns_are_in_every_format(cli, notes):
    text = lint(cli, notes).output
    assert "达人昵称: 小美 · 粉丝数: 1.2w · 链接: https://www.xiaohongshu.com/explore/1" in text
    entry = json.loads(lint(cli, "--format", "json", notes).stdout)["files"][0]
    assert entry["meta"] == {
        "达人昵称": "小美",
        "粉丝数": "1.2w",
        "链接": "https://www.xiaohongshu.com/explore/1",
    }
    junit = lint(cli, "--format", "junit", notes).stdout
    assert '<property name="meta.达人昵称" value="小美"/>' in junit
    sarif = json.loads(lint(cli, "--format", "sarif", notes).stdout)
    assert sarif["runs"][0]["results"][0]["properties"]["noteMeta"]["粉丝数"] == "1.2w"
    html = lint(cli, "--format", "html", notes).stdout
    assert "<dt>达人昵称</dt><dd>小美</dd>" in html and 'rel="noreferrer noopener"' in html
