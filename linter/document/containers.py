"""Office files (.docx, .xlsx) are zip packages of XML parts: check a package
before any library parses it.

- The XML parts may inflate to at most ``max_inflated_mb`` MiB in all (config
  ``max_inflated_mb``; by default 64 for a .docx, parsed whole, and 256 for an
  .xlsx, streamed row by row). The sizes are the
  package's own declarations, and they bind: Python's zipfile, which
  python-docx and openpyxl read through, stops a part at its declared size.
- A part over 1 MiB may inflate at most ``MAX_RATIO`` times its compressed
  size (Apache POI's default): real sheets and documents compress 5-20x; a
  zip bomb, or a sheet of 300,000 copies of one row, far more.
- No part may declare a DTD: Office XML never has one, and without a DTD there
  are no entities to expand (billion laughs, external entities).

Every problem is one InputError line naming the file.
"""

from __future__ import annotations

import re
import zipfile

from ..core.errors import InputError

DEFAULT_MAX_INFLATED_MB = {"docx": 64, "xlsx": 256, "parquet": 256}  # parquet: per row group
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024  # parts smaller than this may compress as well as they like
MAX_PARTS = 10_000
PROLOG_BYTES = 64 * 1024  # the XML declaration, comments and PIs before the root element

_XML_PART = re.compile(r"\.(?:xml|rels|vml)$", re.IGNORECASE)
# Whitespace, the XML declaration, processing instructions and comments: all a
# prolog may hold before the root element besides a DOCTYPE.
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)


def check_package(source, path: str, kind: str, max_inflated_mb: int | None = None) -> None:
    """Raise InputError if the package at ``source`` (a path or a binary file
    object) is not one to parse. ``kind`` is 'docx' or 'xlsx'."""
    max_inflated_mb = max_inflated_mb or DEFAULT_MAX_INFLATED_MB[kind]
    try:
        with zipfile.ZipFile(source) as package:
            parts = package.infolist()
            if len(parts) > MAX_PARTS:
                raise InputError(f"not a valid .{kind} file ({len(parts):,} parts in the package)", path)
            xml = [part for part in parts if _XML_PART.search(part.filename)]
            _check_sizes(xml, path, kind, max_inflated_mb)
            for part in xml:
                if problem := _prolog_problem(package, part):
                    raise InputError(f"not a valid .{kind} file ({part.filename} {problem})", path)
    except zipfile.BadZipFile as exc:
        raise InputError(f"not a valid .{kind} file ({exc})", path) from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted parts, unknown compression
        raise InputError(f"not a valid .{kind} file ({exc})", path) from None
    finally:
        if hasattr(source, "seek"):
            source.seek(0)


def _check_sizes(parts: list[zipfile.ZipInfo], path: str, kind: str, max_inflated_mb: int) -> None:
    limit = max_inflated_mb * 1024 * 1024
    total = sum(part.file_size for part in parts)
    if total > limit:
        raise InputError(
            f"the .{kind} file's XML inflates to {total / 1048576:,.0f} MiB, over the limit of"
            f" {max_inflated_mb:,} MiB (raise max_inflated_mb in the config for a larger file)",
            path,
        )
    for part in parts:
        if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            ratio = part.file_size / max(part.compress_size, 1)
            raise InputError(
                f"the .{kind} file looks like a zip bomb ({part.filename} inflates {ratio:,.0f} times;"
                f" real files stay under {MAX_RATIO})",
                path,
            )


def _prolog_problem(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> str | None:
    """What is wrong with the part's prolog: a DOCTYPE, or a prolog too long to
    read (a real one is a line or two)."""
    with package.open(part) as stream:
        head = stream.read(PROLOG_BYTES)
    text = _decode_head(head)
    position = 0
    while True:
        item = _PROLOG_ITEM.match(text, position)
        if item is None or item.end() == position:
            break
        position = item.end()
    rest = text[position:]
    if rest.startswith("<!DOCTYPE"):
        return "declares a DTD; Office files never do"
    if rest.startswith("<!") or (rest.startswith("<?") and len(head) == PROLOG_BYTES):
        return f"has an unterminated comment or declaration in its first {PROLOG_BYTES // 1024} KiB"
    if not rest and len(head) == PROLOG_BYTES:
        return f"has no root element in its first {PROLOG_BYTES // 1024} KiB"
    return None


def _decode_head(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")
