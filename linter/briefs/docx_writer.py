"""Markdown to Word with python-docx, for the way marketers send briefs.

The brief's Markdown is parsed with markdown-it-py (tables on): headings
become Word headings (``#`` -> Heading 1 ...), bullet and numbered lists become
List Bullet / List Number paragraphs (nested lists use the level-2 styles and
each numbered list restarts at 1), tables become grid tables with a bold
header row, block quotes use the Quote style, and **bold**, *italic* and
`code` become run formatting. Chinese briefs get an East Asian font.
"""

from __future__ import annotations

import io
from typing import Any

EAST_ASIAN_FONT = "Microsoft YaHei"


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


def _add_inline(paragraph, token, bold: bool = False) -> None:
    """Runs for one inline token's children, with bold/italic/code formatting."""
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
            run.italic = bool(em) or None
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


def _table(document, tokens: list[Any], start: int) -> int:
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
    for r, row in enumerate(rows):
        for c, inline in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            _add_inline(paragraph, inline, bold=r == 0)
    return index + 1


def markdown_to_docx(text: str, locale: str = "en") -> bytes:
    from docx import Document
    from markdown_it import MarkdownIt

    document = Document()
    _set_east_asian_font(document, locale)
    numbering = _Numbering(document)
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
            _add_inline(heading, inline)
            if level == 1 and not document.core_properties.title:
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
            index = _table(document, tokens, index)
            continue
        elif kind == "paragraph_open":
            inline = tokens[index + 1]
            if lists:
                current = lists[-1]
                paragraph = document.add_paragraph(style=current["style"])
                if current["num_id"] is not None:
                    _Numbering.apply(paragraph, current["num_id"])
            else:
                paragraph = document.add_paragraph(style="Quote" if quote else None)
            _add_inline(paragraph, inline)
            index += 3
            continue
        elif kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").splitlines():
                document.add_paragraph().add_run(line).font.name = "Consolas"
        index += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
