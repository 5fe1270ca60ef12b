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

from ..core.encoding import MAX_BYTES, open_regular
from ..core.errors import InputError
from .containers import check_package
from .model import Document, sections_from_headings

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def read_docx(path: str, max_inflated_mb: int | None = None) -> Document:
    try:
        import docx
    except ImportError:  # pragma: no cover - a dependency, but say what is missing
        raise InputError("reading .docx needs python-docx (pip install python-docx)", path) from None

    with open_regular(path) as source:
        check_package(source, path, "docx", max_inflated_mb)
        try:
            word = docx.Document(source)
            lines, headings = _lines(word)
        except _TooLong:
            raise InputError(
                f"the document's text is too long (the limit is {MAX_BYTES:,} characters)", path
            ) from None
        except OSError as exc:
            raise InputError(f"cannot read file ({exc.strerror or exc})", path) from None
        except Exception as exc:  # whatever python-docx meets in a corrupt package is the file's fault
            reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
            raise InputError(f"not a valid .docx file ({reason})", path) from None
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    text = "\n".join(lines)
    sections = sections_from_headings(
        [(starts[i], lines[i].strip(), level) for i, level in headings], len(text)
    )
    return Document(path=path, text=text, sections=sections, source_format="docx")


def _lines(word) -> tuple[list[str], list[tuple[int, int]]]:
    """Lines of the body in order, and (line index, level) of each heading. The
    text stops at the document limit: a huge body is refused, not read whole."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    names = _style_names(word)
    lines: list[str] = []
    headings: list[tuple[int, int]] = []
    size = 0
    for block in word.iter_inner_content():
        if isinstance(block, Paragraph):
            text = _clean(block.text)
            level = _heading_level(block, names)
            if level is not None and text.strip():
                headings.append((len(lines), level))
            lines.append(text)
            size += len(text) + 1
        elif isinstance(block, Table):
            rows = _table_lines(block)
            lines.extend(rows)
            size += sum(len(row) + 1 for row in rows)
        if size > MAX_BYTES:
            raise _TooLong
    return lines, headings


class _TooLong(Exception):
    pass


def _style_names(word) -> dict[str | None, str]:
    """Paragraph style id -> name, and None -> the default paragraph style's name.
    (python-docx's ``paragraph.style`` scans every style on every call.)"""
    names: dict[str | None, str] = {}
    styles = word.styles.element
    for style in styles.findall(f"{_W}style"):
        if style.get(f"{_W}type") not in (None, "paragraph"):
            continue
        name = style.find(f"{_W}name")
        style_id = style.get(f"{_W}styleId")
        names[style_id] = (name.get(f"{_W}val") if name is not None else None) or style_id or ""
        if style.get(f"{_W}default") in ("1", "true", "on") and None not in names:
            names[None] = names[style_id]
    return names


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


def _heading_level(paragraph, names: dict[str | None, str]) -> int | None:
    ppr = paragraph._p.pPr
    style = ppr.find(f"{_W}pStyle") if ppr is not None else None
    style_id = style.get(f"{_W}val") if style is not None else None
    name = names.get(style_id, names.get(None, "")) if style_id is not None else names.get(None, "")
    if name.lower() == "title":
        return 0  # the document title governs everything below it
    match = _HEADING_STYLE.match(name.strip())
    if match:
        return int(match.group(1))
    outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    if outline is not None:
        value = outline.get(f"{_W}val")
        if value is not None and value.isdigit() and int(value) < 9:
            return int(value) + 1
    return None
