"""Batches: one note per row of a .csv/.tsv, .xlsx or .jsonl file.

Rows stream: files are read row by row (csv, openpyxl's read-only mode, one
JSON line at a time), so memory stays flat however many rows there are.

Columns are found by name (case-insensitive): the title in ``title``/``标题``/
``笔记标题``, the body in ``content``/``body``/``desc``/``text``/``正文``/
``笔记内容`` (or the columns given with ``--title-column``/``--text-column``);
``id``/``note_id``/``编号`` names the note, else its 1-based row number (the
header is not counted); ``kind`` and ``vertical`` override the flags per row.
Each note is reported as its own document, ``FILE#ID``.

A bad row gives an ``InputError`` in the stream and the next row is read; a
bad file (no text column, not a spreadsheet) raises one and ends the file.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .document import Document
from .encoding import MAX_BYTES, sniff
from .errors import InputError

CSV_SUFFIXES = {".csv": None, ".tsv": "\t"}  # suffix -> delimiter (None: from the header line)
BATCH_SUFFIXES = {*CSV_SUFFIXES, ".xlsx", ".jsonl"}

TITLE_NAMES = ("title", "标题", "笔记标题")
TEXT_NAMES = ("content", "body", "desc", "text", "正文", "笔记内容")
ID_NAMES = ("id", "note_id", "编号")
KIND_VALUES = ("brief", "copy", "auto")
_VERTICAL_ID = re.compile(r"^[a-z][a-z-]*$")
_HEAD_BYTES = 64 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")


def is_batch(path: str) -> bool:
    return Path(path).suffix.lower() in BATCH_SUFFIXES


@dataclass(frozen=True)
class Row:
    """One note of a batch: what the linter needs, and the per-row overrides."""

    path: str  # FILE#ID
    title: str
    text: str
    kind: str | None = None
    vertical: str | None = None
    source_format: str = "csv"

    def document(self) -> Document:
        return note_document(self.path, self.title, self.text, self.source_format)


def note_document(path: str, title: str, text: str, source_format: str = "txt") -> Document:
    """A note from separate title and body: the title is line 1, the body follows."""
    title = " ".join(title.split())
    if not title:
        return Document(path=path, text=text, source_format=source_format)
    return Document(
        path=path, text=f"{title}\n{text}", title_span=(0, len(title)), source_format=source_format
    )


def _norm(name: Any) -> str:
    return "" if name is None else str(name).strip().lstrip("\ufeff").casefold()


@dataclass(frozen=True)
class Columns:
    """Where title, text, id, kind and vertical are in a row (indexes or keys)."""

    text: Any
    title: Any = None
    id: Any = None
    kind: Any = None
    vertical: Any = None

    @classmethod
    def detect(
        cls,
        names: Sequence[Any],
        keys: Sequence[Any],
        where: str,
        title_column: str | None = None,
        text_column: str | None = None,
    ) -> Columns:
        """``names`` as written in the header, ``keys`` to index a row with."""
        found = {}
        for name, key in zip(names, keys, strict=True):
            found.setdefault(_norm(name), key)
        listed = ", ".join(str(n) for n in names if _norm(n)) or "none"

        def pick(given: str | None, candidates: Sequence[str], flag: str) -> Any:
            if given is not None:
                if _norm(given) not in found:
                    raise InputError(f"no column '{given}' for {flag} (columns: {listed})", where)
                return found[_norm(given)]
            return next((found[c] for c in candidates if c in found), None)

        text = pick(text_column, TEXT_NAMES, "--text-column")
        if text is None:
            raise InputError(
                f"no text column: expected one of {', '.join(TEXT_NAMES)}, or name it with --text-column "
                f"(columns: {listed})",
                where,
            )
        title = pick(title_column, TITLE_NAMES, "--title-column")
        return cls(
            text=text,
            title=None if title == text else title,
            id=pick(None, ID_NAMES, ""),
            kind=found.get("kind"),
            vertical=found.get("vertical"),
        )

    def row(self, values: Any, number: int, file: str, source_format: str) -> Row | None:
        """The note in ``values`` (a sequence or mapping), None for a blank row."""

        def get(key: Any) -> Any:
            if key is None:
                return None
            if isinstance(values, Mapping):
                return values.get(key)
            return values[key] if key < len(values) else None

        ident = cell(get(self.id), file, "id", str(number)).strip() or str(number)
        path = f"{file}#{ident}"
        title = cell(get(self.title), path, "title")
        text = cell(get(self.text), path, "text")
        if not title.strip() and not text.strip():
            return None
        if len(title) + len(text) > MAX_BYTES:
            raise InputError(f"note is too long ({len(title) + len(text):,} characters)", path)
        return Row(
            path=path,
            title=title,
            text=text,
            kind=_kind(cell(get(self.kind), path, "kind"), path),
            vertical=_vertical(cell(get(self.vertical), path, "vertical"), path),
            source_format=source_format,
        )


def cell(value: Any, where: str, column: str, default: str = "") -> str:
    """A cell as text: numbers and dates as written, empty for None."""
    if value is None:
        return default
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    raise InputError(f"the {column} must be text, not {type(value).__name__}", where)


def _kind(value: str, where: str) -> str | None:
    value = value.strip().lower()
    if not value:
        return None
    if value not in KIND_VALUES:
        raise InputError(f"kind must be brief, copy or auto, not '{value}'", where)
    return value


def _vertical(value: str, where: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if _VERTICAL_ID.match(value.lower()):
        return value.lower()
    by_name = vertical_names()
    if value.casefold() in by_name:
        return by_name[value.casefold()]
    raise InputError(f"unknown vertical '{value}' (use an id such as beauty, or its name)", where)


def vertical_names() -> dict[str, str]:
    """Vertical display names in every locale (美妆护肤, Beauty) -> id."""
    from .messages import catalogue
    from .resources import LOCALES

    names = {}
    for locale in LOCALES:
        for vertical, entry in catalogue(locale).verticals.items():
            if isinstance(entry, dict) and entry.get("name"):
                names[str(entry["name"]).casefold()] = vertical
    return names


# --------------------------------------------------------------------- readers


def read_rows(
    path: str,
    *,
    title_column: str | None = None,
    text_column: str | None = None,
    data: bytes | None = None,
    suffix: str | None = None,
) -> Iterator[Row | InputError]:
    """Notes of a batch file in order; a bad row is yielded as an InputError.

    ``data`` reads the bytes given instead of the file (stdin); ``suffix``
    overrides the file's own.
    """
    suffix = (suffix or Path(path).suffix).lower()
    columns = {"title_column": title_column, "text_column": text_column}
    if suffix == ".xlsx":
        return _xlsx_rows(path, data, **columns)
    if suffix == ".jsonl":
        return _jsonl_rows(path, data, **columns)
    return _csv_rows(path, data, CSV_SUFFIXES.get(suffix), **columns)


def _open_binary(path: str, data: bytes | None) -> IO[bytes]:
    if data is not None:
        return io.BytesIO(data)
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or directory", path)
    if p.is_dir():
        raise InputError("is a directory", path)
    try:
        return p.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from None


def open_text(path: str, data: bytes | None = None) -> tuple[IO[str], str]:
    """A text stream over a batch file, decoded as ``encoding.sniff`` finds it
    (UTF-8 with or without BOM, GB18030, UTF-16), and the encoding's name."""
    raw = _open_binary(path, data)
    try:
        head = raw.read(_HEAD_BYTES)
        sample, at_start = head, True
        if head.isascii() and b"\x00" not in head and len(head) == _HEAD_BYTES:
            # An ASCII head says nothing: judge by the first non-ASCII bytes.
            while chunk := raw.read(1 << 20):
                found = _NON_ASCII.search(chunk)
                if found:
                    sample, at_start = chunk[found.start() :] + raw.read(_HEAD_BYTES), False
                    break
        final = at_start and len(head) < _HEAD_BYTES
        encoding, bom, _ = sniff(sample if at_start else sample[:_HEAD_BYTES], path, final=final)
        raw.seek(bom if at_start else 0)
    except BaseException:
        raw.close()
        raise
    return io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline=""), encoding


def _decode_error(path: str, encoding: str, where: str) -> InputError:
    name = codecs.lookup(encoding).name
    return InputError(f"invalid {name} text {where}; save the file as UTF-8", path)


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(path, data, delimiter, title_column, text_column) -> Iterator[Row | InputError]:
    stream, encoding = open_text(path, data)
    with stream:
        csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
        number = 0
        try:
            first = stream.readline()
            if delimiter is None:
                delimiter = _delimiter(first)
            header = next(csv.reader([first], delimiter=delimiter), [])
            if not any(_norm(h) for h in header):
                raise InputError("no header row (the first line must name the columns)", path)
            columns = Columns.detect(header, range(len(header)), path, title_column, text_column)
            for values in csv.reader(stream, delimiter=delimiter):
                number += 1
                if not values:
                    continue
                try:
                    row = columns.row(values, number, path, "csv")
                except InputError as error:
                    yield error
                    continue
                if row is not None:
                    yield row
        except UnicodeDecodeError:
            raise _decode_error(path, encoding, f"after row {number}") from None
        except csv.Error as exc:
            raise InputError(f"malformed CSV after row {number} ({exc})", path) from None


def _jsonl_rows(path, data, title_column, text_column) -> Iterator[Row | InputError]:
    stream, encoding = open_text(path, data)
    with stream:
        detected: dict[tuple, Columns] = {}
        number = 0
        try:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    values = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield InputError(f"invalid JSON ({exc.msg}, column {exc.colno})", path, number)
                    continue
                if not isinstance(values, dict):
                    yield InputError(f"expected a JSON object, not {type(values).__name__}", path, number)
                    continue
                keys = tuple(values)
                try:
                    if keys not in detected:
                        if len(detected) > 64:
                            detected.clear()
                        detected[keys] = Columns.detect(keys, keys, path, title_column, text_column)
                    row = detected[keys].row(values, number, path, "jsonl")
                except InputError as error:
                    if error.path == path:
                        error.line = number
                    yield error
                    continue
                if row is not None:
                    yield row
        except UnicodeDecodeError:
            raise _decode_error(path, encoding, f"after line {number}") from None


def _xlsx_rows(path, data, title_column, text_column) -> Iterator[Row | InputError]:
    try:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - a dependency, but say what is missing
        raise InputError("reading .xlsx needs openpyxl (pip install openpyxl)", path) from None
    source = _open_binary(path, data)
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        source.close()
        raise InputError(f"not a valid .xlsx file ({str(exc).strip() or type(exc).__name__})", path) from None
    try:
        if not book.worksheets:
            raise InputError("the workbook has no worksheet", path)
        rows = book.worksheets[0].iter_rows(values_only=True)
        header: Sequence[Any] = ()
        for values in rows:
            if any(_norm(v) for v in values):
                header = values
                break
        if not header:
            raise InputError("no header row (the first row must name the columns)", path)
        columns = Columns.detect(header, range(len(header)), path, title_column, text_column)
        for number, values in enumerate(rows, 1):
            try:
                row = columns.row(values, number, path, "xlsx")
            except InputError as error:
                yield error
                continue
            if row is not None:
                yield row
    finally:
        book.close()
        source.close()
