"""Word (.docx) briefs with python-docx: paragraphs and tables become lines of
text, headings become sections.

The document's text is its body in reading order: each paragraph is a line,
each table row a line with its cells separated by a tab. Paragraphs styled
``Title``, ``Heading N`` (or a localised ``标题 N``) or with an outline level
become sections, exactly as Markdown headings do. Offsets, lines and columns
refer to this text; the .docx file itself is never rewritten.
"""

from __future__ import annotations

import re
import zipfile

from .document import Document, sections_from_headings
from .encoding import MAX_BYTES
from .errors import InputError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def read_docx(path: str) -> Document:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - a dependency, but say what is missing
        raise InputError("reading .docx needs python-docx (pip install python-docx)", path) from None
    from lxml.etree import LxmlError

    try:
        word = docx.Document(path)
        lines, headings = _lines(word)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError) as exc:
        reason = str(exc).strip() or type(exc).__name__
        raise InputError(f"not a valid .docx file ({reason})", path) from None
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})", path) from None
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    text = "\n".join(lines)
    if len(text) > MAX_BYTES:
        raise InputError(f"the document's text is too long ({len(text):,} characters)", path)
    sections = sections_from_headings(
        [(starts[i], lines[i].strip(), level) for i, level in headings], len(text)
    )
    return Document(path=path, text=text, sections=sections, source_format="docx")


def _lines(word) -> tuple[list[str], list[tuple[int, int]]]:
    """Lines of the body in order, and (line index, level) of each heading."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    headings: list[tuple[int, int]] = []
    for block in word.iter_inner_content():
        if isinstance(block, Paragraph):
            text = _clean(block.text)
            level = _heading_level(block)
            if level is not None and text.strip():
                headings.append((len(lines), level))
            lines.append(text)
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    return lines, headings


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats across the span
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(_clean(p.text) for p in cell.paragraphs if p.text.strip()))
        lines.append("\t".join(cells))
    return lines


def _clean(text: str) -> str:
    # Line breaks inside a paragraph (Shift+Enter) and vertical tabs stay on one line.
    return text.replace("\r", " ").replace("\n", " ").replace("\x0b", " ")


def _heading_level(paragraph) -> int | None:
    style = paragraph.style
    name = (style.name if style is not None else "") or ""
    if name.lower() == "title":
        return 0  # the document title governs everything below it
    match = _HEADING_STYLE.match(name.strip())
    if match:
        return int(match.group(1))
    ppr = paragraph._p.pPr
    outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    if outline is not None:
        value = outline.get(f"{_W}val")
        if value is not None and value.isdigit() and int(value) < 9:
            return int(value) + 1
    return None
