"""Readers: paths and stdin to Documents."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from .document import Document
from .encoding import decode
from .errors import InputError

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES


def document_from_text(text: str, path: str = "<text>", markdown: bool = False) -> Document:
    if markdown:
        from .markdown import parse_markdown

        return parse_markdown(path, text)
    return Document(path=path, text=text)


def read_stdin(markdown: bool = False) -> Document:
    data = sys.stdin.buffer.read()
    return document_from_text(decode(data, "<stdin>"), "-", markdown=markdown)


def read_path(path: str) -> Document:
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or directory", path)
    if p.is_dir():
        raise InputError("is a directory", path)
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(f"unsupported file type '{suffix}' (supported: .txt, .md, or '-' for stdin)", path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from None
    return document_from_text(decode(data, path), path, markdown=suffix in MARKDOWN_SUFFIXES)


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files as given; directories recurse over supported files, sorted."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUPPORTED_SUFFIXES - {""}:
                        yield os.path.join(root, name)
        else:
            yield path
