"""Markdown structure with markdown-it-py: sections, and what is not prose.

Headings become sections; fenced and indented code, HTML blocks, inline code
and link targets are blanked out of the prose so no rule reads them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Document, blank, sections_from_headings

_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>", re.IGNORECASE)


@lru_cache(maxsize=1)
def _block_parser():
    """One CommonMark parser per process (building one per file was half of a warm .md
    batch), without its inline pass: only block tokens and headings' raw text are read."""
    from markdown_it import MarkdownIt  # light, but only needed for .md

    return MarkdownIt("commonmark").disable("inline")


def parse_markdown(path: str, text: str) -> Document:
    tokens = _block_parser().parse(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset(line: int) -> int:
        return line_starts[line] if line < len(line_starts) else len(text)

    hidden: list[tuple[int, int]] = []
    headings: list[tuple[int, str, int]] = []  # (start, heading, level)
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        start, end = offset(token.map[0]), offset(token.map[1])
        if token.type in ("fence", "code_block", "html_block"):
            hidden.append((start, end))
        elif token.type == "heading_open":
            inline = tokens[index + 1]
            headings.append((start, inline.content.strip(), int(token.tag[1])))
    content = blank(text, hidden)
    inline_hidden = [m.span() for m in _INLINE_CODE.finditer(content)]
    inline_hidden += [m.span(1) for m in _LINK_TARGET.finditer(content)]
    inline_hidden += [m.span() for m in _AUTOLINK.finditer(content)]
    content = blank(content, inline_hidden)

    sections = sections_from_headings(headings, len(text))
    return Document(path=path, text=text, content=content, sections=sections, source_format="md")
