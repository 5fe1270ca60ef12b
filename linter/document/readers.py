"""Readers: paths to Documents (batch files: batch.py; stdin: runner.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..core.encoding import MAX_BYTES, decode, open_regular, read_limited
from ..core.errors import InputError
from .batch import BATCH_SUFFIXES
from .model import Document

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
WORD_SUFFIXES = {".docx"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | WORD_SUFFIXES | BATCH_SUFFIXES
SUPPORTED_TEXT = ".txt, .md, .docx, .csv, .tsv, .xlsx, .jsonl, .parquet, or '-' for stdin"


def document_from_text(text: str, path: str = "<text>", markdown: bool = False) -> Document:
    if markdown:
        from .markdown import parse_markdown

        return parse_markdown(path, text)
    return Document(path=path, text=text)


def read_path(path: str, max_inflated_mb: int | None = None) -> Document:
    p = Path(path)
    if not p.exists():
        raise InputError(
            "no file matches this pattern" if has_glob(path) else "no such file or directory", path
        )
    if p.is_dir():
        raise InputError("is a directory", path)
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES - BATCH_SUFFIXES:
        hint = "; save it as .docx" if suffix == ".doc" else ""
        raise InputError(f"unsupported file type '{suffix}' (supported: {SUPPORTED_TEXT}){hint}", path)
    if suffix in WORD_SUFFIXES:
        from .docx import read_docx

        return read_docx(path, max_inflated_mb)
    with open_regular(path) as stream:
        try:
            data = read_limited(stream, MAX_BYTES, path)
        except OSError as exc:
            raise InputError(f"cannot read file ({exc.strerror or exc})", path) from None
    return document_from_text(decode(data, path), path, markdown=suffix in MARKDOWN_SUFFIXES)


def has_glob(path: str) -> bool:
    return any(c in path for c in "*?[")


def missing(path: str) -> InputError:
    """The error for an input that is not there (a glob the shell left alone: that matched nothing)."""
    return InputError("no file matches this pattern" if has_glob(path) else "no such file or directory", path)


def expand_paths(paths: list[str], on_skip: Callable[[str], None] | None = None) -> Iterator[str]:
    """Files as given; directories recurse over supported files, sorted; a glob the shell left
    alone (quoted: ``'crawl/**/*.jsonl'``) is expanded here, to the supported files it matches.

    Other files found in a directory are passed to ``on_skip`` (hidden files
    and folders are ignored silently; so are Office lock files, ``~$x.docx``).
    """
    for path in paths:
        if has_glob(path) and not os.path.exists(path):  # a pattern the shell did not expand
            import glob

            matches = [
                match
                for match in sorted(glob.glob(path, recursive=True))
                if os.path.isfile(match) and Path(match).suffix.lower() in SUPPORTED_SUFFIXES - {""}
            ]
            yield from matches or [path]  # none: the pattern itself, reported as matching nothing
            continue
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith((".", "~$")):
                        continue
                    if Path(name).suffix.lower() in SUPPORTED_SUFFIXES - {""}:
                        yield os.path.join(root, name)
                    elif on_skip is not None:
                        on_skip(os.path.join(root, name))
        else:
            yield path
