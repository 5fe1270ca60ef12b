"""Markdown to Word with python-docx, for the way marketers send briefs.

The brief's Markdown is parsed with markdown-it-py (tables on): headings
become Word headings (``#`` -> Heading 1 ...), bullet and numbered lists become
List Bullet / List Number paragraphs (nested lists use the level-2 styles and
each numbered list restarts at 1), tables become grid tables with a bold
header row, block quotes use the Quote style, and **bold**, *italic* and
`code` become run formatting. Chinese briefs get an East Asian font.

Fit for a brand: A4 with 2 cm margins; the title and the line under it as a
title block; table header rows shaded, repeated on each page, and columns as
wide as their text needs (a CJK character counts double); no italic in a
Chinese brief (slanted Hanzi is synthetic and hard to read: emphasis there
stays upright); a header with the brief's title and a footer with "page N of M"
(Word fills the numbers in).
"""

from __future__ import annotations

import io
from typing import Any

EAST_ASIAN_FONT = "Microsoft YaHei"
HEADER_FILL = "DCE6F2"
PAGE_LABELS = {"zh-CN": ("第 ", " 页，共 ", " 页"), "en": ("Page ", " of ", "")}


def _page_setup(document) -> None:
    from docx.shared import Cm, Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word computes it when the document is shown."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == code:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _header_and_footer(document, title: str, locale: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    before, middle, after = PAGE_LABELS.get(locale, PAGE_LABELS["en"])
    for section in document.sections:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(title)
        run.font.size, run.font.color.rgb = Pt(8), RGBColor(0x65, 0x6D, 0x76)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(before)
        _field(footer, "PAGE")
        footer.add_run(middle)
        _field(footer, "NUMPAGES")
        if after:
            footer.add_run(after)


def _text_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _set_east_asian_font(document, locale: str) -> None:
    from docx.oxml.ns import qn

    if locale != "zh-CN":
        return
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Quote"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _break_space(children: list[Any], position: int) -> str:
    """A line break inside a paragraph: a space between Latin words, nothing between Chinese ones."""
    before = next((c.content for c in reversed(children[:position]) if c.content), "")
    after = next((c.content for c in children[position + 1 :] if c.content), "")
    if before and after and before[-1].isascii() and after[0].isascii():
        return " "
    return ""


def _add_inline(paragraph, token, bold: bool = False, italic: bool = True) -> None:
    """Runs for one inline token's children, with bold/italic/code formatting (``italic``
    False: emphasis stays upright, for Chinese)."""
    strong = em = 0
    children = token.children or []
    for position, child in enumerate(children):
        kind = child.type
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            em += 1
        elif kind == "em_close":
            em -= 1
        elif kind in ("text", "code_inline", "html_inline"):
            if kind == "html_inline" and child.content.startswith("<!--"):
                continue
            run = paragraph.add_run(child.content)
            run.bold = bool(strong) or bold or None
            run.italic = (bool(em) and italic) or None
            if kind == "code_inline":
                run.font.name = "Consolas"
        elif kind == "softbreak":
            paragraph.add_run(_break_space(children, position))
        elif kind == "hardbreak":
            paragraph.add_run().add_break()


class _Numbering:
    """A fresh numbering instance per numbered list, so each starts at 1."""

    def __init__(self, document) -> None:
        self.document = document

    def restart(self, style_name: str) -> int | None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        style = self.document.styles[style_name]
        num_pr = style.element.pPr.find(qn("w:numPr")) if style.element.pPr is not None else None
        if num_pr is None:
            return None
        numbering = self.document.part.numbering_part.element
        base = numbering.num_having_numId(int(num_pr.find(qn("w:numId")).get(qn("w:val"))))
        abstract_id = base.find(qn("w:abstractNumId")).get(qn("w:val"))
        num = numbering.add_num(int(abstract_id))
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        return int(num.numId)

    @staticmethod
    def apply(paragraph, num_id: int | None) -> None:
        if num_id is None:
            return
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), "0")
        num_pr.append(ilvl)
        num_id_el = OxmlElement("w:numId")
        num_id_el.set(qn("w:val"), str(num_id))
        num_pr.append(num_id_el)


def _shade_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    repeat = OxmlElement("w:tblHeader")  # repeated at the top of each page the table runs onto
    repeat.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(repeat)
    for cell in row.cells:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), HEADER_FILL)
        cell._tc.get_or_add_tcPr().append(shading)


def _widths(document, rows: list[list[Any]], columns: int) -> list[int]:
    """Column widths (EMU) sharing the text width by each column's widest text (capped, so one
    long cell does not starve the others), at least 12% of the width each."""
    section = document.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    need = [max((min(_text_width(row[c].content), 40) for row in rows if c < len(row)), default=4) or 4
            for c in range(columns)]  # fmt: skip
    floor = 0.12 if columns <= 8 else 1 / columns
    shares = [max(n / sum(need), floor) for n in need]
    return [int(usable * s / sum(shares)) for s in shares]


def _table(document, tokens: list[Any], start: int, italic: bool = True) -> int:
    """Add the table starting at ``tokens[start]``; return the index after it."""
    rows: list[list[Any]] = []
    index = start + 1
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            rows[-1].append(token)
        index += 1
    columns = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for r, row in enumerate(rows):
        for c, inline in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            _add_inline(paragraph, inline, bold=r == 0, italic=italic)
    _shade_header(table.rows[0])
    for c, width in enumerate(_widths(document, rows, columns)):
        for cell in table.columns[c].cells:
            cell.width = width
    return index + 1


def markdown_to_docx(text: str, locale: str = "en") -> bytes:
    from docx import Document
    from markdown_it import MarkdownIt

    document = Document()
    _set_east_asian_font(document, locale)
    _page_setup(document)
    italic = locale != "zh-CN"
    if not italic:
        document.styles["Quote"].font.italic = False
    numbering = _Numbering(document)
    title_block = False  # the quote right under the title is its subtitle
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    lists: list[dict[str, Any]] = []  # open lists: {"ordered", "num_id"}
    quote = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = min(int(token.tag[1]), 9)
            inline = tokens[index + 1]
            heading = document.add_heading("", level=level)
            _add_inline(heading, inline, italic=italic)
            title_block = level == 1 and not document.core_properties.title
            if title_block:
                document.core_properties.title = inline.content
            index += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            depth = "" if not lists else " 2"
            style = ("List Number" if ordered else "List Bullet") + depth
            lists.append({"style": style, "num_id": numbering.restart(style) if ordered else None})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "table_open":
            index = _table(document, tokens, index, italic)
            continue
        elif kind == "paragraph_open":
            inline = tokens[index + 1]
            if lists:
                current = lists[-1]
                paragraph = document.add_paragraph(style=current["style"])
                if current["num_id"] is not None:
                    _Numbering.apply(paragraph, current["num_id"])
            else:
                quote_style = ("Subtitle" if title_block else "Quote") if quote else None
                paragraph = document.add_paragraph(style=quote_style)
            _add_inline(paragraph, inline, italic=italic)
            title_block = False
            index += 3
            continue
        elif kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").splitlines():
                document.add_paragraph().add_run(line).font.name = "Consolas"
        index += 1
    _header_and_footer(document, document.core_properties.title or "", locale)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
