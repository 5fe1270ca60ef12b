"""Write a rendered brief: Markdown or Word, to a file atomically or to stdout.

Everything is rendered in memory first and written with the writer every
command shares (``files.py``): the file appears only complete, a failure
leaves no half-written brief, and nothing but a regular file or a new path
is written.
"""

from __future__ import annotations

from ..core.files import write_atomic
from ..core.vocabulary import BRIEF_FORMATS
from .errors import BriefError
from .render import RenderedBrief


def choose_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    return "docx" if output and output.lower().endswith(".docx") else "md"


def brief_bytes(rendered: RenderedBrief, fmt: str) -> bytes:
    if fmt == "docx":
        from .docx_writer import markdown_to_docx

        return markdown_to_docx(rendered.text, rendered.locale)
    return rendered.text.encode("utf-8")


def write_brief(rendered: RenderedBrief, fmt: str, output: str | None) -> str | None:
    """Write to ``output``; without one, return the Markdown for stdout (Word needs a file)."""
    if fmt not in BRIEF_FORMATS:
        raise BriefError(f"unknown format '{fmt}' (choose from {', '.join(BRIEF_FORMATS)})")
    if output in (None, "-"):
        if fmt == "docx":
            raise BriefError("a Word brief is a binary file: give -o FILE.docx")
        return rendered.text
    write_atomic(output, brief_bytes(rendered, fmt))
    return None
