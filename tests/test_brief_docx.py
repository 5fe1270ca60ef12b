"""Word output: render a brief to .docx and read it back with python-docx."""

from __future__ import annotations

import io

import docx
import pytest
from brief_fixtures import LOCALES, assert_one_error_line, starter_text

from xhslint.linter.briefs.docx_writer import markdown_to_docx

pytestmark = pytest.mark.usefixtures("isolated")  # each test runs in its own empty folder


def numbering_id(paragraph):
    ppr = paragraph._p.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    return ppr.numPr.numId.val


@pytest.mark.parametrize("locale", LOCALES)
def test_docx_brief_reads_back_with_headings_lists_and_tables(cli, tmp_path, locale):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", locale), encoding="utf-8")
    markdown = cli("brief", "render", "brief.yaml")
    result = cli("brief", "render", "brief.yaml", "-o", "brief.docx")  # format from the extension
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""

    document = docx.Document(str(tmp_path / "brief.docx"))
    md_lines = markdown.stdout.splitlines()
    md_headings = [
        (line.count("#", 0, 4), line.lstrip("#").strip()) for line in md_lines if line.startswith("#")
    ]
    doc_headings = [
        (int(p.style.name.split()[-1]), p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert doc_headings == md_headings
    assert doc_headings[0][0] == 1 and document.core_properties.title == doc_headings[0][1]

    text = "\n".join(p.text for p in document.paragraphs)
    data_brand = "GlowLab"
    assert data_brand in text
    bullets = [p.text for p in document.paragraphs if p.style.name.startswith("List Bullet")]
    claim = "敏感肌日常可用" if locale == "zh-CN" else "Suitable for sensitive skin in daily use"
    assert claim in bullets  # bold markup became run formatting, not asterisks
    assert any(p.style.name == "List Bullet 2" for p in document.paragraphs)  # evidence under each claim
    assert "**" not in text and "## " not in text and "| ---" not in text

    # timeline and deliverables tables, header row in bold
    assert len(document.tables) == 2
    deliverables = document.tables[1]
    header = [cell.text for cell in deliverables.rows[0].cells]
    assert header[0] == ("层级" if locale == "zh-CN" else "Tier")
    assert all(run.bold for run in deliverables.rows[0].cells[0].paragraphs[0].runs)
    first_tier = deliverables.rows[1].cells[0].text
    assert first_tier == ("头部达人" if locale == "zh-CN" else "Top-tier KOLs")
    # the internal plan: timeline, pyramid and measurement tables
    cli("brief", "render", "brief.yaml", "--document", "plan", "-o", "plan.docx")
    internal = docx.Document(str(tmp_path / "plan.docx"))
    assert len(internal.tables) == 3
    measurement = " ".join(cell.text for row in internal.tables[2].rows for cell in row.cells)
    for metric in (
        ("收藏率", "评论质量", "搜索排名", "自然笔记")
        if locale == "zh-CN"
        else ("Save rate", "Comment quality", "Search ranking", "Organic notes")
    ):
        assert metric in measurement


def test_chinese_docx_sets_an_east_asian_font(tmp_path):
    document = docx.Document(io.BytesIO(markdown_to_docx("# 标题\n\n正文。\n", "zh-CN")))
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


def test_numbered_lists_restart_and_nest():
    markdown = (
        "# T\n\n1. a\n2. b\n\ntext\n\n1. c\n   - c1\n2. d\n\n中文第一行\n第二行\n\nEnglish line\nnext line\n"
    )
    document = docx.Document(io.BytesIO(markdown_to_docx(markdown, "en")))
    paragraphs = {p.text: p for p in document.paragraphs}
    assert paragraphs["a"].style.name == "List Number"
    assert numbering_id(paragraphs["a"]) == numbering_id(paragraphs["b"])
    assert numbering_id(paragraphs["c"]) not in (None, numbering_id(paragraphs["a"]))
    assert paragraphs["c1"].style.name == "List Bullet 2"
    assert "中文第一行第二行" in paragraphs  # no space where a Chinese line wraps
    assert "English line next line" in paragraphs


def test_docx_needs_an_output_file(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    result = cli("brief", "render", "brief.yaml", "--format", "docx")
    assert_one_error_line(result, "", None, "give -o FILE.docx")
    assert result.stdout == ""


def test_explicit_markdown_format_wins_over_the_extension(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    result = cli("brief", "render", "brief.yaml", "--format", "md", "-o", "brief.docx")
    assert result.exit_code == 0
    assert (tmp_path / "brief.docx").read_text(encoding="utf-8").startswith("# XHS creator brief")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_word_brief_lints_clean_too(cli, tmp_path, locale):
    pytest.importorskip("xhslint.linter.document.docx")  # .docx input for `xhslint lint`
    import json

    (tmp_path / "brief.yaml").write_text(starter_text("food", locale), encoding="utf-8")
    assert cli("brief", "render", "brief.yaml", "-o", "brief.docx").exit_code == 0
    result = cli("lint", "brief.docx", "--kind", "brief", "--vertical", "food", "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    findings = json.loads(result.stdout)["files"][0]["diagnostics"]
    gated = {"prescriptive", "pillars", "playbook", "localisation"}
    assert not [
        d
        for d in findings
        if (d["category"] in gated and d["severity"] != "info")
        or (d["category"] == "compliance" and d["severity"] == "error")
    ], findings


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_word_output_is_fit_for_a_brand(cli, tmp_path, locale):
    from docx.oxml.ns import qn
    from docx.shared import Mm

    (tmp_path / "brief.yaml").write_text(starter_text("beauty", locale), encoding="utf-8")
    cli("brief", "render", "brief.yaml", "-o", "brief.docx")
    document = docx.Document(str(tmp_path / "brief.docx"))
    section = document.sections[0]
    # A4 (Word stores twips: within a hair of 210 x 297 mm)
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    title = document.core_properties.title
    assert section.header.paragraphs[0].text == title
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer  # page N of M, filled in by Word
    assert footer.count("<w:fldChar ") == 6  # begin, separate, end for each of the two fields
    # the title block: the line under the title is its subtitle
    styles = [p.style.name for p in document.paragraphs[:3]]
    assert styles[0] == "Heading 1" and "Subtitle" in styles
    for table in document.tables:
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
        fills = {c._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) for c in header.cells}
        assert fills == {"DCE6F2"}
        widths = [c.width for c in header.cells]
        usable = section.page_width - section.left_margin - section.right_margin
        assert len(set(widths)) > 1 and abs(sum(widths) - usable) < Mm(1)  # the text width, by need
    if locale == "zh-CN":  # no slanted Hanzi anywhere
        runs = [r for p in document.paragraphs for r in p.runs]
        runs += [
            r
            for t in document.tables
            for row in t.rows
            for c in row.cells
            for p in c.paragraphs
            for r in p.runs
        ]
        assert not any(r.italic for r in runs)
        assert document.styles["Quote"].font.italic is False
