"""Write a rendered brief: Markdown or Word, to a file atomically or to stdout.

Everything is rendered in memory first; the file appears only complete (a
temporary file in the same directory, then ``os.replace``), so a failure
leaves no half-written brief and never clobbers an existing one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import BriefError
from .render import RenderedBrief

FORMATS = ("md", "docx")


def choose_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    return "docx" if output and output.lower().endswith(".docx") else "md"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: bytes) -> None:
    target = Path(path)
    if target.is_dir():
        raise BriefError("is a directory", str(target))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise BriefError(f"cannot write ({exc.strerror})", str(target)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~_umask())  # what a plain open() would have given
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise BriefError(f"cannot write ({exc.strerror})", str(target)) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def brief_bytes(rendered: RenderedBrief, fmt: str) -> bytes:
    if fmt == "docx":
        from .docx_writer import markdown_to_docx

        return markdown_to_docx(rendered.text, rendered.locale)
    return rendered.text.encode("utf-8")


def write_brief(rendered: RenderedBrief, fmt: str, output: str | None) -> str | None:
    """Write to ``output``; without one, return the Markdown for stdout (Word needs a file)."""
    if fmt not in FORMATS:
        raise BriefError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if output in (None, "-"):
        if fmt == "docx":
            raise BriefError("a Word brief is a binary file: give -o FILE.docx")
        return rendered.text
    write_atomic(output, brief_bytes(rendered, fmt))
    return None
