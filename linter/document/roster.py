"""A campaign roster: one creator per row of a .csv/.tsv, .xlsx or .jsonl file.

Columns are found by name, in Chinese or English (``FIELD_NAMES``: 博主/达人昵称
or creator, 粉丝数 or followers, ...), or as a campaign maps them
(``columns: {followers: 粉丝量}``). A unit in a header (``粉丝(万)``, ``fee (k)``)
multiplies that column's numbers. The header is the first of the first
``HEADER_SCAN`` rows that names two known columns (a title row above it is
skipped).

Rows keep their spreadsheet numbers (the header of a sheet that starts at the
top is row 1, the first creator row 2; a .jsonl file's lines count from 1), so
a finding says ``roster.xlsx:7`` and the planner finds the creator in row 7.
The roster is also rendered as text, one line per row with the cells joined
by `` | ``, so every output format can point at a cell.

Nothing is parsed here beyond the cells' text; numbers and dates are read by
``analysis.plan_values`` where their meaning is known.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from .batch import (
    HEADER_SCAN,
    OVERSIZED,
    JSONLimit,
    bounded_rows,
    chain_first,
    guess_delimiter,
    library_rows,
    load_json_line,
    open_text,
    open_workbook,
)

ROSTER_SUFFIXES = (".csv", ".tsv", ".xlsx", ".jsonl")
SEPARATOR = " | "
MAX_ROWS = 100_000  # creators one roster may hold; a longer file is refused, not truncated

# field -> the header names it is found by (compared casefolded, without spaces, _ or -)
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "creator": ("creator", "kol", "koc", "influencer", "name", "nickname", "account", "handle",
                "博主", "达人", "达人昵称", "博主昵称", "昵称", "账号", "账号名称", "达人名称", "博主名称",
                "红书号"),
    "followers": ("followers", "fans", "followercount", "粉丝数", "粉丝", "粉丝量", "粉丝数量"),
    "category": ("category", "vertical", "niche", "领域", "垂类", "类目", "内容领域", "达人领域", "内容方向"),
    "tier": ("tier", "level", "层级", "级别", "达人层级", "达人级别", "达人类型"),
    "fee": ("fee", "fees", "cost", "price", "quote", "ratecard", "报价", "费用", "价格", "合作费用", "刊例价",
            "合作报价", "预算"),
    "post_date": ("postdate", "date", "publishdate", "publishdate", "plannedpostdate", "golive", "发布日期",
                  "发布时间", "日期", "排期", "上线日期", "发文日期", "计划发布日期"),
    "wave": ("wave", "phase", "stage", "阶段", "波段", "节奏", "投放阶段"),
    "views": ("views", "impressions", "reads", "reach", "阅读", "阅读量", "阅读数", "曝光", "曝光量",
              "浏览量", "播放量", "观看量"),
    "likes": ("likes", "点赞", "点赞数", "点赞量"),
    "saves": ("saves", "collects", "favorites", "favourites", "bookmarks", "收藏", "收藏数", "收藏量"),
    "comments": ("comments", "评论", "评论数", "评论量"),
    "shares": ("shares", "reposts", "分享", "分享数", "转发", "转发数"),
    "link": ("link", "url", "noteurl", "notelink", "笔记链接", "链接", "作品链接"),
}  # fmt: skip
FIELDS = tuple(FIELD_NAMES)
# A unit written in a header, and what it multiplies the column's numbers by.
_HEADER_UNIT = re.compile(r"[(（\[]\s*(万|w|千|k|元|rmb|¥|￥|%)\s*[)）\]]\s*$", re.IGNORECASE)
_UNIT_FACTOR = {"万": 10_000, "w": 10_000, "千": 1_000, "k": 1_000}


# A prefix that says the column holds a creator's average (平均阅读, avg views), not a different measure.
_AVERAGE = re.compile(r"^(?:平均|均|avg\.?|average)", re.IGNORECASE)


def _norm(name: Any) -> str:
    text = "" if name is None else str(name)
    return _AVERAGE.sub("", re.sub(r"[\s_\-]+", "", _HEADER_UNIT.sub("", text)).casefold())


_BY_NAME = {_norm(name): fld for fld, names in FIELD_NAMES.items() for name in names}


def looks_like_roster(path: str) -> bool:
    """Does the file read as a roster (a header naming a creator column and followers or tier)?"""
    try:
        read_roster(path)
    except InputError:
        return False
    return True


def column_letter(column: int) -> str:
    """The spreadsheet's name of a 0-based column (A, B, ..., Z, AA)."""
    number, name = column + 1, ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


@dataclass(frozen=True)
class Cell:
    """One cell: its sheet row, 0-based column, the column's header and the value."""

    row: int
    column: int
    header: str
    value: Any

    @property
    def letter(self) -> str:
        return column_letter(self.column)

    @property
    def text(self) -> str:
        return cell_text(self.value)


@dataclass(frozen=True)
class RosterRow:
    number: int  # the sheet's row number
    values: tuple[Any, ...]


@dataclass
class Roster:
    path: str
    format: str  # csv | xlsx | jsonl
    header_row: int | None  # None: .jsonl (the keys are the header)
    headers: tuple[str, ...]
    fields: dict[str, int]  # field -> column
    rows: list[RosterRow]
    scales: dict[str, float] = field(default_factory=dict)  # field -> multiplier from its header's unit
    lines: dict[int, tuple[Any, ...]] = field(default_factory=dict)  # every sheet row, for the rendering
    problems: list[InputError] = field(default_factory=list)  # rows that could not be read (skipped)

    def cell(self, row: RosterRow, name: str) -> Cell | None:
        column = self.fields.get(name)
        if column is None:
            return None
        value = row.values[column] if column < len(row.values) else None
        return Cell(row.number, column, self.headers[column], value)

    def render(self) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
        """The roster as text, line N being sheet row N, and each (row, column)'s offsets in it."""
        last = max(self.lines, default=0)
        out: list[str] = []
        places: dict[tuple[int, int], tuple[int, int]] = {}
        offset = 0
        for number in range(1, last + 1):
            values = self.lines.get(number, ())
            parts: list[str] = []
            column_start = offset
            for column, value in enumerate(values):
                text = cell_text(value).replace("\n", " ").replace("\r", " ")
                places[number, column] = (column_start, column_start + len(text))
                parts.append(text)
                column_start += len(text) + len(SEPARATOR)
            line = SEPARATOR.join(parts)
            out.append(line)
            offset += len(line) + 1
        return "\n".join(out), places


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_roster(path: str, columns: Mapping[str, str] | None = None, data: bytes | None = None) -> Roster:
    """The roster in ``path``, or an InputError naming what is wrong with the file.
    ``columns`` maps a field to the header that holds it, over the names found."""
    suffix = Path(path).suffix.lower()
    if suffix not in ROSTER_SUFFIXES:
        raise InputError(f"a roster must be a {', '.join(ROSTER_SUFFIXES)} file", path)
    if suffix == ".jsonl":
        return _from_jsonl(path, data, columns or {})
    table = _xlsx_table(path, data) if suffix == ".xlsx" else _csv_table(path, data, suffix)
    return _from_table(path, suffix.lstrip(".").replace("tsv", "csv"), table, columns or {})


def _csv_table(path: str, data: bytes | None, suffix: str) -> Iterator[tuple[int, Sequence[Any]]]:
    stream, encoding = open_text(path, data)
    with stream:
        number = 0
        try:
            lines = bounded_rows(stream)
            first = next(lines, "")
            delimiter = "\t" if suffix == ".tsv" else guess_delimiter(first)
            records = csv.reader(chain_first(first, lines), delimiter=delimiter)
            for number, values in enumerate(records, 1):
                if values and values[0] == OVERSIZED:
                    raise InputError(f"row {number} is over the size limit of a row", path)
                yield number, values
        except UnicodeDecodeError:
            raise InputError(
                f"the file is not valid {encoding} text after row {number}; save it as UTF-8", path
            ) from None
        except csv.Error as exc:
            raise InputError(f"malformed CSV after row {number} ({exc})", path) from None


def _xlsx_table(path: str, data: bytes | None) -> Iterator[tuple[int, Sequence[Any]]]:
    book, source = open_workbook(path, data)
    try:
        sheet = next((ws for ws in book.worksheets if _sheet_names_fields(ws, path)), book.worksheets[0])
        # from the sheet's row 1, so numbers are the ones Excel shows when the used area starts lower
        yield from enumerate(library_rows(sheet.iter_rows(min_row=1, values_only=True), path), 1)
    finally:
        book.close()
        source.close()


def _sheet_names_fields(sheet, path: str) -> bool:
    """Does one of the sheet's first rows name two roster columns (an instructions sheet does not)?"""
    for index, values in enumerate(library_rows(sheet.iter_rows(values_only=True), path)):
        if len(_named(values)) >= 2:
            return True
        if index + 1 >= HEADER_SCAN:
            break
    return False


def _named(values: Sequence[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for column, value in enumerate(values):
        fld = _BY_NAME.get(_norm(value))
        if fld is not None and fld not in found:
            found[fld] = column
    return found


def _from_table(
    path: str, fmt: str, table: Iterator[tuple[int, Sequence[Any]]], columns: Mapping[str, str]
) -> Roster:
    lines: dict[int, tuple[Any, ...]] = {}
    header: tuple[Any, ...] | None = None
    header_row = None
    rows: list[RosterRow] = []
    wanted = {_norm(h) for h in columns.values()}
    for number, values in table:
        values = tuple(values)
        if header is None:
            if any(v is not None and str(v).strip() for v in values):
                lines[number] = values
            named = _named(values)
            if len(named) >= 2 or (wanted and wanted <= {_norm(v) for v in values}):
                header, header_row = values, number
            elif len(lines) >= HEADER_SCAN:
                break
            continue
        if not any(v is not None and str(v).strip() for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise InputError(f"more than {MAX_ROWS:,} creators; split the roster", path)
        lines[number] = values
        rows.append(RosterRow(number, values))
    if header is None:
        raise InputError(
            "no header row naming the roster's columns (e.g. 达人昵称, 粉丝数 or creator, followers) "
            f"in its first {HEADER_SCAN} rows",
            path,
        )
    headers = tuple(cell_text(h) for h in header)
    return _finish(path, fmt, header_row, headers, rows, lines, columns)


def _finish(
    path: str,
    fmt: str,
    header_row: int | None,
    headers: tuple[str, ...],
    rows: list[RosterRow],
    lines: dict[int, tuple[Any, ...]],
    columns: Mapping[str, str],
) -> Roster:
    fields = _named(headers)
    for fld, name in columns.items():
        if fld not in FIELD_NAMES:
            raise InputError(
                f"unknown roster field '{fld}' in the column mapping (fields: {', '.join(FIELDS)})", path
            )
        matches = [i for i, h in enumerate(headers) if _norm(h) == _norm(name)]
        if not matches:
            raise InputError(
                f"no column '{name}' for the field '{fld}' (columns: {', '.join(headers)})", path
            )
        fields[fld] = matches[0]
    if "creator" not in fields:
        raise InputError(
            "no creator column (name it 达人昵称, 博主, creator or name, "
            "or map it with --column creator=HEADER)",
            path,
        )
    if "followers" not in fields and "tier" not in fields:
        raise InputError("no followers or tier column (粉丝数, followers, 层级 or tier)", path)
    if not rows:
        raise InputError("no creators: the roster has a header but no rows below it", path)
    scales = {}
    for fld, column in fields.items():
        unit = _HEADER_UNIT.search(headers[column])
        if unit and unit.group(1).lower() in _UNIT_FACTOR:
            scales[fld] = float(_UNIT_FACTOR[unit.group(1).lower()])
    return Roster(path, fmt, header_row, headers, fields, rows, scales, lines)


def _from_jsonl(path: str, data: bytes | None, columns: Mapping[str, str]) -> Roster:
    stream, _ = open_text(path, data)
    records: list[tuple[int, Mapping[str, Any]]] = []
    problems: list[InputError] = []
    with stream:
        for number, line in enumerate(bounded_rows(stream, quote=None), 1):
            if not line.strip():
                continue
            try:
                record = None if line.startswith(OVERSIZED) else load_json_line(line)
            except JSONLimit:
                problems.append(InputError(f"{JSONLimit.message}; the row is skipped", path, number))
                continue
            except ValueError as exc:
                problems.append(InputError(f"not JSON ({exc}); the row is skipped", path, number))
                continue
            if not isinstance(record, dict):
                problems.append(
                    InputError("not a JSON object (or over the size limit); the row is skipped", path, number)
                )
                continue
            if len(records) >= MAX_ROWS:
                raise InputError(f"more than {MAX_ROWS:,} creators; split the roster", path)
            records.append((number, record))
    roster = roster_from_records(path, records, columns, "jsonl")
    roster.problems = problems
    return roster


def roster_from_records(
    path: str,
    records: Sequence[tuple[int, Mapping[str, Any]]],
    columns: Mapping[str, str] | None = None,
    fmt: str = "jsonl",
) -> Roster:
    """A roster from (row number, field -> value) records: a .jsonl file's lines, a rule's example."""
    keys: list[str] = []
    for _, record in records:
        keys.extend(str(k) for k in record if str(k) not in keys)
    rows = [RosterRow(number, tuple(record.get(k) for k in keys)) for number, record in records]
    lines = {row.number: row.values for row in rows}
    return _finish(path, fmt, None, tuple(keys), rows, lines, columns or {})
