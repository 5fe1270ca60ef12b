"""Batches: one note per row of a .csv/.tsv, .xlsx or .jsonl file.

Rows stream: files are read row by row (csv, openpyxl's read-only mode, one
JSON line at a time), so memory stays flat however many rows there are.

Columns are found by name (case-insensitive): the title in ``title``/``标题``/
``笔记标题``, the body in ``content``/``body``/``text``/``copy``/``正文``/``内容``/
``文案``/... (``TEXT_NAMES``; or the columns given with ``--title-column``/
``--text-column``); ``id``/``note_id``/``编号`` names the note, else its 1-based
row number (the header is not counted); ``kind`` and ``vertical`` override
the flags per row. Each note is reported as its own document, ``FILE#ID``
(``FILE#ID@ROW`` when an id repeats). The header is the first of the first
``HEADER_SCAN`` rows that names a text column (a title row above it is
skipped), or the row ``--header-row`` gives; in a workbook, the first sheet
that has one, or the sheet ``--sheet`` names.

A bad row gives an ``InputError`` in the stream and the next row is read; a
bad file (no text column, not a spreadsheet) raises one and ends the file.
Warnings (a ``kind`` column that holds no kinds, repeated ids) go to
``on_warning``, once per file and kind of problem.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from ..core.encoding import MAX_BYTES, open_regular, sniff
from ..core.errors import InputError
from ..core.vocabulary import AUTO, DOCUMENT_KINDS
from .containers import check_package
from .model import Document

CSV_SUFFIXES = {".csv": None, ".tsv": "\t"}  # suffix -> delimiter (None: from the header line)
BATCH_SUFFIXES = {*CSV_SUFFIXES, ".xlsx", ".jsonl", ".parquet"}

TITLE_NAMES = ("title", "标题", "笔记标题")
TEXT_NAMES = (
    "content",
    "body",
    "desc",
    "text",
    "copy",
    "正文",
    "笔记内容",
    "笔记正文",
    "内容",
    "文案",
    "summary",
)
ID_NAMES = ("id", "note_id", "编号")
# The creator's column, when a sheet has one (reports group notes by it).
CREATOR_NAMES = ("creator", "kol", "author", "nickname", "达人", "达人昵称", "博主", "博主昵称", "作者",
                 "昵称", "账号", "账号名称", "kol昵称")  # fmt: skip
MAX_META_COLUMNS = 32  # a row's other columns carried into reports (达人昵称, 粉丝数, links)
MAX_META_CHARS = 1000  # ... each cut to this many characters
KIND_VALUES = (*DOCUMENT_KINDS, AUTO)
HEADER_SCAN = 20  # rows searched for the header (title rows and notes above it are skipped)
_HEAD_BYTES = 64 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")


class NoTextColumn(InputError):
    """A spreadsheet with no column of notes (perhaps a campaign roster: ``xhslint plan lint``)."""


def is_batch(path: str) -> bool:
    return Path(path).suffix.lower() in BATCH_SUFFIXES


@dataclass(frozen=True)
class BatchOptions:
    """How to read a batch: columns and header given by the user, the kind the
    run was given (it wins over a ``kind`` column that holds no kinds), and the
    vertical ids the user's own rules add."""

    title_column: str | None = None
    text_column: str | None = None
    sheet: str | None = None  # a worksheet's name or 1-based number
    header_row: int | None = None  # 1-based row of the header
    kind: str | None = None  # --kind brief|copy, when given
    own_verticals: frozenset[str] = frozenset()
    max_inflated_mb: int | None = None  # an .xlsx package's XML, at most (containers.py)


Warn = Callable[[str], None]


class _Warnings:
    """Warnings for one file, each kind of problem once."""

    def __init__(self, path: str, warn: Warn | None) -> None:
        self.path = path
        self._warn = warn
        self._said: set[str] = set()

    def once(self, key: str, message: str) -> None:
        if key not in self._said and self._warn is not None:
            self._said.add(key)
            self._warn(f"{self.path}: {message}")


class _Names:
    """Unique document names: a repeated id gets the row number (FILE#ID@ROW)."""

    def __init__(self, warnings: _Warnings) -> None:
        self._seen: set[str] = set()
        self._warnings = warnings

    def unique(self, row: Row, number: int) -> Row:
        if row.path not in self._seen:
            self._seen.add(row.path)
            return row
        ident = row.path.rsplit("#", 1)[-1]
        self._warnings.once(
            "duplicate-id",
            f"repeated id '{ident}': such rows are named FILE#ID@ROW (e.g. {row.path}@{number})",
        )
        return replace(row, path=f"{row.path}@{number}")


@dataclass(frozen=True)
class Row:
    """One note of a batch: what the linter needs, and the per-row overrides."""

    path: str  # FILE#ID
    title: str
    text: str
    kind: str | None = None
    vertical: str | None = None
    source_format: str = "csv"
    meta: tuple[tuple[str, str], ...] = ()  # the row's other columns (header, cell), in sheet order

    def document(self) -> Document:
        return note_document(self.path, self.title, self.text, self.source_format)


def note_document(path: str, title: str, text: str, source_format: str = "txt") -> Document:
    """A note from separate title and body: the title is line 1, the body follows.
    An empty title means the note has none (the body's first line is not a title)."""
    title = " ".join(title.split())
    if not title:
        return Document(path=path, text=text, title_span=(0, 0), source_format=source_format)
    return Document(
        path=path, text=note_text(title, text), title_span=(0, len(title)), source_format=source_format
    )


def note_text(title: str, text: str) -> str:
    """The text of ``note_document(path, title, text)``, without building the document."""
    title = " ".join(title.split())
    return f"{title}\n{text}" if title else text


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
    extra: tuple[tuple[str, Any], ...] = ()  # (header as written, key) of the other named columns

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
        found: dict[str, Any] = {}
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
            raise NoTextColumn(
                f"no text column: expected one of {', '.join(TEXT_NAMES)}, or name it with --text-column "
                f"(columns: {listed})",
                where,
            )
        title = pick(title_column, TITLE_NAMES, "--title-column")
        ident, kind, vertical = pick(None, ID_NAMES, ""), found.get("kind"), found.get("vertical")
        used = {k for k in (text, title, ident, kind, vertical) if k is not None}
        extra: list[tuple[str, Any]] = []
        seen: set[str] = set()
        for name, key in zip(names, keys, strict=True):
            label = " ".join(str(name).split()).lstrip("\ufeff") if name is not None else ""
            if label and key not in used and _norm(label) not in seen and len(extra) < MAX_META_COLUMNS:
                seen.add(_norm(label))
                extra.append((label[:100], key))
        return cls(
            text=text,
            title=None if title == text else title,
            id=ident,
            kind=kind,
            vertical=vertical,
            extra=tuple(extra),
        )

    def row(
        self,
        values: Any,
        number: int,
        file: str,
        source_format: str,
        options: BatchOptions | None = None,
        warnings: _Warnings | None = None,
    ) -> Row | None:
        """The note in ``values`` (a sequence or mapping), None for a blank row."""
        options = options or BatchOptions()

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
            kind=_kind(cell(get(self.kind), path, "kind"), path, options.kind, warnings),
            vertical=_vertical(cell(get(self.vertical), path, "vertical"), path, options.own_verticals),
            source_format=source_format,
            meta=tuple(
                (name, value[:MAX_META_CHARS])
                for name, key in self.extra
                if (value := _meta_cell(get(key))).strip()
            ),
        )


def _meta_cell(value: Any) -> str:
    """A carried column's cell as text; a nested JSON value is not carried."""
    if isinstance(value, (dict, list)):
        return ""
    try:
        return cell(value, "", "")
    except InputError:
        return ""


def creator_of(meta: Mapping[str, str] | None) -> str | None:
    """The creator a row names (CREATOR_NAMES), if its sheet has such a column."""
    for name, value in (meta or {}).items():
        if _norm(name) in CREATOR_NAMES:
            return value
    return None


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


def _kind(value: str, where: str, given: str | None = None, warnings: _Warnings | None = None) -> str | None:
    value = value.strip().lower()
    if not value:
        return None
    if value in KIND_VALUES:
        return value
    if given in ("brief", "copy"):  # the flag wins over a column that holds something else
        if warnings is not None:
            warnings.once("kind", f"the 'kind' column holds values that are not kinds (e.g. '{value[:30]}'): "
                                  f"using --kind {given}")  # fmt: skip
        return None
    raise InputError(f"kind must be brief, copy or auto, not '{value}'", where)


def _vertical(value: str, where: str, own: frozenset[str] = frozenset()) -> str | None:
    from ..core.errors import ConfigError
    from ..core.vertical_names import resolve_vertical

    value = value.strip()
    if not value:
        return None
    try:
        return resolve_vertical(value, own)
    except ConfigError as error:
        raise InputError(error.message, where) from None


# --------------------------------------------------------------------- readers


def read_rows(
    path: str,
    *,
    title_column: str | None = None,
    text_column: str | None = None,
    data: bytes | None = None,
    suffix: str | None = None,
    options: BatchOptions | None = None,
    on_warning: Warn | None = None,
) -> Iterator[Row | InputError]:
    """Notes of a batch file in order; a bad row is yielded as an InputError.

    ``data`` reads the bytes given instead of the file (stdin); ``suffix``
    overrides the file's own; ``options`` (or the two column names) say how
    to read it; ``on_warning`` gets one-line warnings.
    """
    suffix = (suffix or Path(path).suffix).lower()
    options = options or BatchOptions(title_column=title_column, text_column=text_column)
    warnings = _Warnings(path, on_warning)
    if suffix == ".xlsx":
        return _xlsx_rows(path, data, options, warnings)
    if suffix == ".jsonl":
        return _jsonl_rows(path, data, options, warnings)
    if suffix == ".parquet":
        return _parquet_rows(path, data, options, warnings)
    return _csv_rows(path, data, CSV_SUFFIXES.get(suffix), options, warnings)


def _names_text(names: Sequence[Any], options: BatchOptions) -> bool:
    """Does a row name a text column (the one given, or a known one)?"""
    normed = {_norm(n) for n in names}
    if options.text_column is not None:
        return _norm(options.text_column) in normed
    return any(name in normed for name in TEXT_NAMES)


def _header(
    rows: Iterator[Sequence[Any]], options: BatchOptions, where: str
) -> tuple[Sequence[Any], Iterator[Sequence[Any]], bool]:
    """(header, the data rows after it, whether the header names a text column).

    ``--header-row`` picks the header; else the first of the first HEADER_SCAN
    rows that names a text column (title rows above it are skipped); else the
    first non-empty row, and the rows after it are data (Columns.detect then
    says which columns there are)."""
    if options.header_row is not None:
        for number, values in enumerate(rows, 1):
            if number == options.header_row:
                return values, rows, _names_text(values, options)
        raise InputError(f"--header-row {options.header_row}: the file has fewer rows", where)
    scanned: list[Sequence[Any]] = []
    for values in rows:
        if _names_text(values, options):
            return values, rows, True
        scanned.append(values)
        if len(scanned) >= HEADER_SCAN:
            break
    first = next((i for i, values in enumerate(scanned) if any(_norm(v) for v in values)), None)
    if first is None:
        raise InputError("no header row (the first row must name the columns)", where)
    return scanned[first], itertools.chain(scanned[first + 1 :], rows), False


def _open_binary(path: str, data: bytes | None) -> IO[bytes]:
    if data is not None:
        return io.BytesIO(data)
    return open_regular(path)


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


def guess_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(
    path, data, delimiter, options: BatchOptions, warnings: _Warnings
) -> Iterator[Row | InputError]:
    stream, encoding = open_text(path, data)
    with stream:
        csv.field_size_limit(max(csv.field_size_limit(), MAX_ROW))
        number = 0
        try:
            lines = bounded_rows(stream)
            first = next(lines, "")
            if delimiter is None:
                delimiter = guess_delimiter(first)
            records = csv.reader(chain_first(first, lines), delimiter=delimiter)
            header, data_rows, _ = _header(records, options, path)
            columns = Columns.detect(
                header, range(len(header)), path, options.title_column, options.text_column
            )
            names = _Names(warnings)
            for values in data_rows:
                number += 1
                if not values:
                    continue
                if values[0] == OVERSIZED:
                    yield _oversized(number, path)
                    continue
                try:
                    row = columns.row(values, number, path, "csv", options, warnings)
                except InputError as error:
                    yield error
                    continue
                if row is not None:
                    yield names.unique(row, number)
        except UnicodeDecodeError:
            raise _decode_error(path, encoding, f"after row {number}") from None
        except csv.Error as exc:
            raise InputError(f"malformed CSV after row {number} ({exc})", path) from None


MAX_ROW = 2 * MAX_BYTES  # characters one row of a batch may hold, all its cells together
# Stands in for a row over MAX_ROW, which is never held in memory (private-use characters).
OVERSIZED = "\ue000xhslint:row-over-the-limit\ue000"
_PIECE = 1 << 20


def bounded_rows(stream, quote: str | None = '"') -> Iterator[str]:
    """The rows of a text stream, each at most MAX_ROW characters; a longer one is
    skipped as it is read (memory stays flat) and comes out as OVERSIZED.

    With ``quote``, a row ends at a line break outside quotes (a CSV cell may span
    lines; "" inside quotes counts twice, so the parity stays right); without,
    at every line break (JSON Lines)."""
    pieces: list[str] = []
    size = 0
    quoted = False
    while piece := stream.readline(_PIECE):
        if quote is not None and piece.count(quote) % 2:
            quoted = not quoted
        size += len(piece)
        if size <= MAX_ROW:
            pieces.append(piece)
        else:
            pieces.clear()
        if piece.endswith(("\n", "\r")) and not quoted:
            yield "".join(pieces) if size <= MAX_ROW else OVERSIZED + "\n"
            pieces.clear()
            size = 0
    if size:
        yield "".join(pieces) if size <= MAX_ROW else OVERSIZED


def _oversized(number: int, path: str) -> InputError:
    return InputError(f"the row is over the limit of {MAX_ROW:,} characters; skipped", f"{path}#{number}")


def chain_first(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


JSON_DEPTH = 100  # bracket nesting a JSON Lines row may have
JSON_DIGITS = 100  # digits a JSON integer may have


class JSONLimit(ValueError):
    """A JSON line nested deeper than JSON_DEPTH or with an integer over JSON_DIGITS digits."""

    message = f"JSON nested more than {JSON_DEPTH} levels or a number over {JSON_DIGITS} digits"


def load_json_line(line: str) -> Any:
    """One JSON Lines row, in time and memory linear in the line (JSONLimit past the limits)."""
    if _too_deep(line):
        raise JSONLimit("depth")
    try:
        return json.loads(line, parse_int=_json_int)
    except RecursionError:
        raise JSONLimit("depth") from None


def _json_int(text: str) -> int:
    if len(text) > JSON_DIGITS:
        raise JSONLimit(text[:20])
    return int(text)


def _too_deep(line: str) -> bool:
    """More than JSON_DEPTH open brackets in a row (cheap: only when the line has that many)."""
    if line.count("[") + line.count("{") <= JSON_DEPTH:
        return False
    depth = 0
    in_string = escaped = False
    for ch in line:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > JSON_DEPTH:
                return True
        elif ch in "]}":
            depth -= 1
    return False


_PRETTY_JSON = re.compile(r"^\s*(?:[\[{]|\{?\s*\"[^\"]*\"\s*:\s*[\[{]?)\s*,?\s*$")


def _jsonl_rows(path, data, options: BatchOptions, warnings: _Warnings) -> Iterator[Row | InputError]:
    stream, encoding = open_text(path, data)
    with stream:
        detected: dict[tuple, Columns] = {}
        names = _Names(warnings)
        number = 0
        seen_object = False
        try:
            for number, line in enumerate(bounded_rows(stream, quote=None), 1):
                if not line.strip():
                    continue
                if line.startswith(OVERSIZED):
                    yield _oversized(number, path)
                    continue
                try:
                    values = load_json_line(line)
                except JSONLimit:
                    yield InputError(JSONLimit.message, path, number)
                    continue
                except json.JSONDecodeError as exc:
                    if not seen_object and _PRETTY_JSON.match(line):
                        raise InputError(
                            "not JSON Lines: each line must be one JSON object, and this file looks like one "
                            "JSON document spread over many lines (write one object per line)",
                            path,
                            number,
                        ) from None
                    yield InputError(f"invalid JSON ({exc.msg}, column {exc.colno})", path, number)
                    continue
                if not isinstance(values, dict):
                    if not seen_object and isinstance(values, list):
                        raise InputError(
                            "not JSON Lines: the file holds a JSON array; write one JSON object per line",
                            path,
                            number,
                        )
                    yield InputError(f"expected a JSON object, not {type(values).__name__}", path, number)
                    continue
                seen_object = True
                keys = tuple(values)
                try:
                    if keys not in detected:
                        if len(detected) > 64:
                            detected.clear()
                        detected[keys] = Columns.detect(
                            keys, keys, path, options.title_column, options.text_column
                        )
                    row = detected[keys].row(values, number, path, "jsonl", options, warnings)
                except InputError as error:
                    if error.path == path:
                        error.line = number
                    yield error
                    continue
                if row is not None:
                    yield names.unique(row, number)
        except UnicodeDecodeError:
            raise _decode_error(path, encoding, f"after line {number}") from None


def open_workbook(path: str, data: bytes | None, max_inflated_mb: int | None = None):
    """(the workbook read-only with cached values, its open source): the package checked first
    (containers.py), a corrupt one as one InputError. The caller closes both."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - a dependency, but say what is missing
        raise InputError("reading .xlsx needs openpyxl (pip install openpyxl)", path) from None
    source = _open_binary(path, data)
    try:
        check_package(source, path, "xlsx", max_inflated_mb)
        book = load_workbook(source, read_only=True, data_only=True)
    except InputError:
        source.close()
        raise
    except Exception as exc:  # whatever openpyxl meets in a corrupt package is the file's fault
        source.close()
        raise corrupt_xlsx(exc, path) from None
    if not book.worksheets:
        book.close()
        source.close()
        raise InputError("the workbook has no worksheet", path)
    return book, source


def _xlsx_rows(path, data, options: BatchOptions, warnings: _Warnings) -> Iterator[Row | InputError]:
    book, source = open_workbook(path, data, options.max_inflated_mb)
    try:
        rows, header = _sheet_with_notes(book, options, path)
        yield from _table_rows(header, rows, path, "xlsx", options, warnings)
    finally:
        book.close()
        source.close()


def _parquet_rows(path, data, options: BatchOptions, warnings: _Warnings) -> Iterator[Row | InputError]:
    from .parquet import parquet_table

    header, rows = parquet_table(path, data, options.max_inflated_mb)
    yield from _table_rows(header, rows, path, "parquet", options, warnings)


def _table_rows(
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    path: str,
    fmt: str,
    options: BatchOptions,
    warnings: _Warnings,
) -> Iterator[Row | InputError]:
    """The notes of a table whose rows are sequences in the header's order (a sheet, Parquet)."""
    columns = Columns.detect(header, range(len(header)), path, options.title_column, options.text_column)
    names = _Names(warnings)
    for number, values in enumerate(rows, 1):
        try:
            row = columns.row(values, number, path, fmt, options, warnings)
        except InputError as error:
            yield error
            continue
        if row is not None:
            yield names.unique(row, number)


def corrupt_xlsx(exc: Exception, path: str, where: str = "") -> InputError:
    reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
    return InputError(f"not a valid .xlsx file{where} ({reason})", path)


def library_rows(rows: Iterator[Sequence[Any]], path: str) -> Iterator[Sequence[Any]]:
    """The sheet's rows, with a failure of the XML parser or openpyxl (a corrupt
    sheet, found while streaming it) as one InputError naming the row."""
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:
            raise corrupt_xlsx(exc, path, f" after row {number} of the sheet") from None
        number += 1
        yield values


def _sheet_with_notes(book, options: BatchOptions, path: str):
    """(the rows after its header, the header) of the sheet ``--sheet`` names, else of
    the first sheet whose header names a text column (an instructions sheet first
    is skipped), else of the first sheet."""
    if options.sheet is not None:
        wanted = options.sheet.strip()
        by_name = {ws.title: ws for ws in book.worksheets}
        if wanted in by_name:
            sheets = [by_name[wanted]]
        elif wanted.isdigit() and 1 <= int(wanted) <= len(book.worksheets):
            sheets = [book.worksheets[int(wanted) - 1]]
        else:
            listed = ", ".join(ws.title for ws in book.worksheets)
            raise InputError(f"no sheet '{wanted}' (sheets: {listed})", path)
    else:
        sheets = list(book.worksheets)
    fallback = None
    for ws in sheets:
        try:
            sheet_rows = library_rows(ws.iter_rows(values_only=True), path)
            header, rows, names_text = _header(sheet_rows, options, path)
        except InputError:
            if len(sheets) == 1:
                raise
            continue
        if names_text:
            return rows, header
        if fallback is None:
            fallback = (rows, header)
    if fallback is None:
        raise InputError("no header row (the first row must name the columns)", path)
    return fallback
