"""A corpus of hostile and broken inputs, generated (never committed as blobs),
each with the exit code and the message xhslint must give.

``tests/test_hostile_files.py`` builds every case in a temporary folder and runs
it. To look at the files themselves:

    python tests/hostile.py            # writes tests/data/hostile/<case>/ and expected.json

Each case writes its files into a folder and returns the command line to run
there; the expected stderr fragment is matched case-insensitively.
"""

from __future__ import annotations

import io
import json
import os
import random
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
JAPANESE = "今日はとても良い天気ですね。新しい化粧水を買いました。肌がしっとりして、とても気に入っています。"
NOTE = "这款面霜是全网最低价，用了两周皮肤变好了。"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], list[str]]  # writes the files, returns the xhslint arguments
    exit_code: int
    message: str  # a fragment of stderr ("" : stderr has no error line)
    note: str = ""


def _write(folder: Path, name: str, data: bytes | str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return name


# --- Office packages ---------------------------------------------------------


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rewrite(package: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info.filename, change(data) if info.filename == member else data)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
BODY = "word/document.xml"
# A billion laughs: entity i expands to 10**8 a's (ten of h, each ten of g, ...).
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(8))
    + b"]>"
)


def entity_bomb_xlsx(folder: Path) -> list[str]:
    def bomb(xml: bytes) -> bytes:
        return LAUGHS + xml[xml.index(b"<worksheet") :].replace("标题".encode(), b"&i;")

    return [
        _write(folder, "laughs.xlsx", _rewrite(_xlsx([["title", "content"], ["标题", NOTE]]), SHEET, bomb))
    ]


def row_bomb_xlsx(folder: Path) -> list[str]:
    row = b'<row><c t="inlineStr"><is><t>t</t></is></c><c t="inlineStr"><is><t>abc</t></is></c></row>'

    def rows(xml: bytes) -> bytes:
        end = xml.index(b"</sheetData>")
        return xml[:end] + row * 300_000 + xml[end:]

    return [_write(folder, "rows.xlsx", _rewrite(_xlsx([["title", "content"], ["t", NOTE]]), SHEET, rows))]


def inflated_docx(folder: Path) -> list[str]:
    rng = random.Random(7)
    alphabet = NOTE

    def grow(xml: bytes) -> bytes:
        start = xml.index(b"<w:body>") + len(b"<w:body>")
        paragraphs = b"".join(
            b"<w:p><w:r><w:t>"
            + "".join(rng.choice(alphabet) for _ in range(30)).encode()
            + b"</w:t></w:r></w:p>"
            for _ in range(20_000)
        )
        return xml[:start] + paragraphs + xml[start:]

    _write(folder, "xhslint.toml", "max_inflated_mb = 1\n")
    return [_write(folder, "big.docx", _rewrite(_docx(NOTE), BODY, grow)), "--config", "xhslint.toml"]


def bad_content_types_docx(folder: Path) -> list[str]:
    types = b'<Types xmlns="urn:x"><Default/></Types>'
    return [_write(folder, "types.docx", _rewrite(_docx(NOTE), "[Content_Types].xml", lambda _: types))]


def truncated_docx(folder: Path) -> list[str]:
    return [_write(folder, "cut.docx", _rewrite(_docx(NOTE), BODY, lambda xml: xml[: len(xml) // 2]))]


def truncated_xlsx(folder: Path) -> list[str]:
    package = _rewrite(_xlsx([["title", "content"], ["t", NOTE]]), SHEET, lambda xml: xml[:-30])
    return [_write(folder, "cut.xlsx", package)]


def text_as_xlsx(folder: Path) -> list[str]:
    return [_write(folder, "notes.xlsx", "title,content\nt,最好\n")]


def zip_of_nothing_docx(folder: Path) -> list[str]:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("hello.txt", "hi")
    return [_write(folder, "empty.docx", out.getvalue())]


# --- Text that is not Chinese or English -------------------------------------


def shift_jis(folder: Path) -> list[str]:
    return [_write(folder, "sjis.txt", JAPANESE.encode("shift_jis"))]


def euc_jp(folder: Path) -> list[str]:
    return [_write(folder, "eucjp.txt", JAPANESE.encode("euc_jp"))]


def nul_separated(folder: Path) -> list[str]:
    words = [b"hello world this is", b"some ascii text", b"separated by nul!"]
    return [_write(folder, "nul.txt", b"\x00".join(words))]


def terminal_escapes(folder: Path) -> list[str]:
    return [
        _write(folder, "escapes.txt", "\x1b[2J\x1b]0;pwned\x07这款面霜全网最低价\x1b[31m，\x9b31m加微信\n")
    ]


# --- Batches ----------------------------------------------------------------


def deep_jsonl(folder: Path) -> list[str]:
    return [_write(folder, "deep.jsonl", '{"text": ' + "[" * 5000 + "]" * 5000 + "}\n")]


def big_int_jsonl(folder: Path) -> list[str]:
    return [_write(folder, "digits.jsonl", '{"text": "最好", "n": ' + "9" * 5000 + "}\n")]


def surrogate_jsonl(folder: Path) -> list[str]:
    return [_write(folder, "surrogate.jsonl", '{"text": "\\ud800最好"}\n')]


def oversized_row_csv(folder: Path) -> list[str]:
    from xhslint.linter.document.batch import MAX_ROW

    body = "title,content\n" + 'a,"' + "好" * (MAX_ROW + 1) + '"\n' + f"b,{NOTE}\n"
    return [_write(folder, "huge-row.csv", body), "--format", "json"]


def long_cell_csv(folder: Path) -> list[str]:
    from xhslint.linter.core.encoding import MAX_BYTES

    return [_write(folder, "long-cell.csv", "title,content\n" + "a," + "好" * (MAX_BYTES + 1) + "\n")]


# --- Rules and config -----------------------------------------------------------


def _rule(folder: Path, body: str) -> list[str]:
    _write(folder, "rules/hostile.yaml", body)
    _write(folder, "xhslint.toml", 'rule_paths = ["rules"]\n')
    _write(folder, "note.txt", NOTE)
    return ["note.txt", "--config", "xhslint.toml"]


RULE_HEAD = """\
id: TST900
name: test.hostile-pattern
category: compliance
severity: warning
applies_to: copy
languages: [zh, en]
message: {en: "found {match}", zh-CN: "发现{match}"}
rationale: a test rule
references:
  - {type: guideline, title: tests, note: internal}
"""


def alias_bomb_rule(folder: Path) -> list[str]:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    return _rule(folder, "\n".join(lines) + "\n")


def ambiguous_regex_rule(folder: Path) -> list[str]:
    body = RULE_HEAD + 'kind: pattern\npatterns: ["(a|a)*$"]\nexamples:\n  flag: ["aaaa"]\n  pass: ["b"]\n'
    return _rule(folder, body)


def nan_limit(folder: Path) -> list[str]:
    _write(folder, "xhslint.toml", "[rule_options]\nFMT001 = {max = nan}\n")
    return [_write(folder, "note.txt", NOTE), "--config", "xhslint.toml"]


def zero_min_count(folder: Path) -> list[str]:
    _write(folder, "xhslint.toml", "[rule_options]\nADV001 = {min_count = 0}\n")
    return [_write(folder, "note.txt", ""), "--config", "xhslint.toml"]


def zero_inflation_limit(folder: Path) -> list[str]:
    _write(folder, "xhslint.toml", "max_inflated_mb = 0\n")
    return [_write(folder, "note.txt", NOTE), "--config", "xhslint.toml"]


# --- Special files ----------------------------------------------------------


def fifo_input(folder: Path) -> list[str]:
    os.mkfifo(folder / "pipe.txt")
    return ["pipe.txt"]


def fifo_output(folder: Path) -> list[str]:
    os.mkfifo(folder / "report.json")
    return [_write(folder, "note.txt", NOTE), "--format", "json", "-o", "report.json"]


def device_input(folder: Path) -> list[str]:
    return ["/dev/zero"]


CASES = [
    Case("xlsx-entity-bomb", entity_bomb_xlsx, 2, "declares a dtd"),
    Case("xlsx-row-bomb", row_bomb_xlsx, 2, "looks like a zip bomb"),
    Case("docx-inflated", inflated_docx, 2, "over the limit of 1 mib"),
    Case("docx-bad-content-types", bad_content_types_docx, 2, "not a valid .docx file"),
    Case("docx-truncated-xml", truncated_docx, 2, "not a valid .docx file"),
    Case("docx-no-document", zip_of_nothing_docx, 2, "not a valid .docx file"),
    Case("xlsx-truncated-sheet", truncated_xlsx, 2, "not a valid .xlsx file"),
    Case("xlsx-not-a-zip", text_as_xlsx, 2, "not a valid .xlsx file"),
    Case("shift-jis", shift_jis, 2, "looks like japanese"),
    Case("euc-jp", euc_jp, 2, "looks like japanese"),
    Case("nul-separated-ascii", nul_separated, 2, "binary file"),
    Case("terminal-escapes", terminal_escapes, 1, "", note="no escape byte reaches the text report"),
    Case("jsonl-deep-nesting", deep_jsonl, 2, "nested more than 100 levels"),
    Case("jsonl-5000-digits", big_int_jsonl, 2, "over 100 digits"),
    Case("jsonl-lone-surrogate", surrogate_jsonl, 2, "surrogate"),
    Case(
        "csv-row-over-limit", oversized_row_csv, 2, "the row is over the limit", note="the next row is linted"
    ),
    Case("csv-cell-over-limit", long_cell_csv, 2, "note is too long"),
    Case("yaml-alias-bomb", alias_bomb_rule, 2, "alias bomb"),
    Case("regex-ambiguous-alternation", ambiguous_regex_rule, 2, "alternatives that can match the same text"),
    Case("config-nan-limit", nan_limit, 2, "must be a finite number"),
    Case("config-min-count-zero", zero_min_count, 2, "must be between 1"),
    Case("config-inflation-limit-zero", zero_inflation_limit, 2, "must be a whole number from 1"),
    Case("fifo-input", fifo_input, 2, "not a regular file"),
    Case("fifo-output", fifo_output, 2, "not a regular file"),
    Case("device-input", device_input, 2, "not a regular file"),
]


def main(out: str = "tests/data/hostile") -> None:
    """Write every case's files and an expected.json describing them."""
    root = Path(out)
    expected = []
    for case in CASES:
        folder = root / case.name
        folder.mkdir(parents=True, exist_ok=True)
        try:
            argv = case.build(folder)
        except FileExistsError:  # a FIFO from an earlier run
            continue
        expected.append(
            {"case": case.name, "argv": ["lint", *argv], "exit": case.exit_code, "stderr": case.message}
        )
    (root / "expected.json").write_text(
        json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(expected)} cases to {root}/ (run each from its folder: cd CASE && xhslint ARGV)")


if __name__ == "__main__":
    main(*sys.argv[1:])
