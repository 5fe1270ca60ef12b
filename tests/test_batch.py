"""Batch inputs: .csv/.tsv, .xlsx and .jsonl (one note per row) and .docx
briefs; column detection, ids, per-row kind and vertical, bad rows and files,
directories, stdin, and ``--jobs`` giving exactly the serial results."""

from __future__ import annotations

import csv
import io
import json

import pytest

from xhslint.linter.document.batch import read_rows
from xhslint.linter.run import parallel

CMP = "这是我用过的全网最低价粉底液。"  # one CMP001 error ("最低价")
CLEAN = "用了一个月，空瓶了，会回购。"


pytestmark = pytest.mark.usefixtures("isolated")  # each test runs in its own empty folder


def lint_json(cli, *args, input=None):
    """CMP001 findings of a batch whose notes are declared ads (absolute terms are errors)."""
    result = cli(
        "lint", "--format", "json", "--select", "CMP001", "--commercial", "promotional", *args, input=input
    )
    assert result.exit_code in (0, 1, 2), result.output
    return result, json.loads(result.stdout)


def write_csv(path, rows, encoding="utf-8", delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def paths(payload):
    return [f["path"] for f in payload["files"]]


def matches(payload):
    return {f["path"]: [d["match"] for d in f["diagnostics"]] for f in payload["files"]}


# --- CSV ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_in_the_encodings_excel_writes(cli, tmp_path, encoding):
    write_csv(tmp_path / "notes.csv", [["标题", "正文"], ["防晒", CMP], ["面霜", CLEAN]], encoding)
    result, payload = lint_json(cli, "notes.csv", "--kind", "copy")
    assert result.exit_code == 1
    assert paths(payload) == ["notes.csv#1", "notes.csv#2"]
    assert matches(payload)["notes.csv#1"] == ["最低价"]
    # The title is the note's first line; the finding is on line 2 of the note.
    assert payload["files"][0]["diagnostics"][0]["line"] == 2


def test_gb18030_detected_after_a_long_ascii_head(cli, tmp_path):
    rows = [["id", "title", "content"]] + [
        [f"e{i}", "Morning routine", "I like it. " * 20] for i in range(400)
    ]
    rows.append(["zh", "防晒", CMP])
    write_csv(tmp_path / "notes.csv", rows, "gb18030")
    assert (tmp_path / "notes.csv").stat().st_size > 64 * 1024
    result, payload = lint_json(cli, "notes.csv", "--kind", "copy")
    assert result.stderr == ""
    assert matches(payload)["notes.csv#zh"] == ["最低价"]


def test_id_column_names_each_note_and_row_numbers_otherwise(cli, tmp_path):
    write_csv(tmp_path / "a.csv", [["note_id", "title", "content"], ["x-1", "t", CMP], ["", "t", CLEAN]])
    _, payload = lint_json(cli, "a.csv", "--kind", "copy")
    assert paths(payload) == ["a.csv#x-1", "a.csv#2"]


def test_blank_rows_are_skipped_but_keep_row_numbers(cli, tmp_path):
    (tmp_path / "a.csv").write_text(f"content\n{CLEAN}\n\n,\n{CMP}\n", encoding="utf-8")
    _, payload = lint_json(cli, "a.csv", "--kind", "copy")
    assert paths(payload) == ["a.csv#1", "a.csv#4"]


@pytest.mark.parametrize(("suffix", "delimiter"), [(".tsv", "\t"), (".csv", ";"), (".csv", "\t")])
def test_tsv_and_other_delimiters(cli, tmp_path, suffix, delimiter):
    write_csv(tmp_path / f"a{suffix}", [["title", "body"], ["t1", CMP]], delimiter=delimiter)
    _, payload = lint_json(cli, f"a{suffix}", "--kind", "copy")
    assert matches(payload) == {f"a{suffix}#1": ["最低价"]}


def test_multiline_cells_keep_their_lines(cli, tmp_path):
    write_csv(tmp_path / "a.csv", [["title", "content"], ["标题", f"第一行\n{CMP}"]])
    _, payload = lint_json(cli, "a.csv", "--kind", "copy")
    (d,) = payload["files"][0]["diagnostics"]
    assert (d["line"], d["column"]) == (3, 9)


@pytest.mark.parametrize(
    "names", [("title", "content"), ("标题", "正文"), ("笔记标题", "笔记内容"), ("Title", "Body")]
)
def test_columns_detected_by_name(tmp_path, names):
    write_csv(tmp_path / "a.csv", [[names[0], "other", names[1]], ["T", "x", "B"]])
    (row,) = read_rows(str(tmp_path / "a.csv"))
    assert (row.title, row.text, row.document().text) == ("T", "B", "T\nB")


def test_title_and_text_columns_given_by_flag(cli, tmp_path):
    write_csv(tmp_path / "a.csv", [["headline", "copy", "content"], ["h", CMP, CLEAN]])
    _, payload = lint_json(
        cli, "a.csv", "--kind", "copy", "--title-column", "headline", "--text-column", "copy"
    )
    assert matches(payload) == {"a.csv#1": ["最低价"]}


def test_no_text_column_is_one_clear_error(cli, tmp_path):
    write_csv(tmp_path / "a.csv", [["a", "b"], ["1", "2"]])
    write_csv(tmp_path / "b.csv", [["content"], [CMP]])
    result, payload = lint_json(cli, "a.csv", "b.csv", "--kind", "copy")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("xhslint: error: a.csv: no text column") and "--text-column" in line
    assert "columns: a, b" in line
    assert paths(payload) == ["b.csv#1"]  # the other file is still linted


def test_unknown_column_flag_is_an_error(cli, tmp_path):
    write_csv(tmp_path / "a.csv", [["content"], [CMP]])
    result, _ = lint_json(cli, "a.csv", "--text-column", "missing")
    assert result.exit_code == 2
    assert "no column 'missing' for --text-column (columns: content)" in result.stderr


def test_kind_and_vertical_columns_override_per_row(cli, tmp_path):
    write_csv(
        tmp_path / "a.csv",
        [["id", "kind", "vertical", "content"], ["1", "brief", "food", CLEAN], ["2", "", "美妆护肤", CLEAN]],
    )
    result = cli("lint", "--format", "json", "a.csv", "--kind", "copy", "--vertical", "travel")
    files = json.loads(result.stdout)["files"]
    assert [(f["kind"], f["vertical"]) for f in files] == [("brief", "food"), ("copy", "beauty")]


def test_bad_cells_give_row_errors_and_the_other_rows_are_linted(cli, tmp_path):
    write_csv(
        tmp_path / "a.csv",
        [
            ["id", "kind", "vertical", "content"],
            ["1", "essay", "", CMP],
            ["2", "", "美妆?", CMP],
            ["3", "", "", CMP],
        ],
    )
    result, payload = lint_json(cli, "a.csv")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "xhslint: error: a.csv#1: kind must be brief, copy or auto, not 'essay'",
        "xhslint: error: a.csv#2: unknown vertical '美妆?' (use an id such as beauty, or its name)",
    ]
    assert paths(payload) == ["a.csv#3"]
    assert "Traceback" not in result.output


def test_undecodable_csv_is_one_error(cli, tmp_path):
    (tmp_path / "a.csv").write_bytes(b"content\n" + bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0xFF]) * 40)
    result, payload = lint_json(cli, "a.csv")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert payload["files"] == []


def test_rows_stream_lazily(tmp_path):
    write_csv(tmp_path / "a.csv", [["content"], *([CLEAN] for _ in range(5))])
    rows = read_rows(str(tmp_path / "a.csv"))
    assert next(rows).path.endswith("a.csv#1")  # a generator: nothing read ahead of need
    assert len(list(rows)) == 4


# --- JSONL --------------------------------------------------------------------


def test_jsonl_rows_with_id_and_a_bad_line(cli, tmp_path):
    lines = [
        json.dumps({"note_id": "n1", "title": "防晒", "content": CMP}, ensure_ascii=False),
        "{not json",
        json.dumps([1, 2]),
        "",
        json.dumps({"title": "t", "content": CLEAN, "likes": 3}, ensure_ascii=False),
        json.dumps({"title": "t", "content": {"nested": True}}),
    ]
    (tmp_path / "notes.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, payload = lint_json(cli, "notes.jsonl", "--kind", "copy")
    assert result.exit_code == 2
    assert paths(payload) == ["notes.jsonl#n1", "notes.jsonl#5"]
    errors = result.stderr.strip().splitlines()
    assert errors[0].startswith("xhslint: error: notes.jsonl:2: invalid JSON")
    assert errors[1] == "xhslint: error: notes.jsonl:3: expected a JSON object, not list"
    assert errors[2] == "xhslint: error: notes.jsonl#6: the text must be text, not dict"


# --- Excel --------------------------------------------------------------------


def test_xlsx_rows(cli, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([None])  # a blank first row before the header
    sheet.append(["编号", "笔记标题", "笔记内容", "vertical"])
    sheet.append([101, "防晒", CMP, "beauty"])
    sheet.append([102.0, "面霜", CLEAN, None])
    sheet.append([None, None, None, None])
    sheet.append([None, 2026, "数字标题也可以。", None])
    book.save(tmp_path / "notes.xlsx")
    result, payload = lint_json(cli, "notes.xlsx", "--kind", "copy")
    assert result.exit_code == 1
    assert paths(payload) == ["notes.xlsx#101", "notes.xlsx#102", "notes.xlsx#4"]
    assert matches(payload)["notes.xlsx#101"] == ["最低价"]
    assert payload["files"][0]["vertical"] == "beauty"


def test_not_really_an_xlsx(cli, tmp_path):
    (tmp_path / "fake.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    result, _ = lint_json(cli, "fake.xlsx")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("xhslint: error: fake.xlsx: not a valid .xlsx file")


# --- Word ---------------------------------------------------------------------


def make_docx(path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("夏日防晒 Brief", 0)
    document.add_heading("背景", 1)
    document.add_paragraph(CMP)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "发布时间"
    table.cell(0, 1).text = "6月1日"
    document.add_heading("要求", 2)
    document.add_paragraph("请分享真实体验。")
    document.save(path)
    return path


def test_docx_paragraphs_tables_and_heading_sections(cli, tmp_path):
    from xhslint.linter.document.readers import read_path

    make_docx(tmp_path / "brief.docx")
    doc = read_path(str(tmp_path / "brief.docx"))
    assert doc.text == f"夏日防晒 Brief\n背景\n{CMP}\n发布时间\t6月1日\n要求\n请分享真实体验。"
    assert [(s.heading, s.level) for s in doc.sections] == [("夏日防晒 Brief", 0), ("背景", 1), ("要求", 2)]
    assert doc.text[doc.sections[2].start :].startswith("要求")
    _, payload = lint_json(cli, "brief.docx", "--kind", "copy")
    assert matches(payload) == {"brief.docx": ["最低价"]}
    assert payload["files"][0]["diagnostics"][0]["line"] == 3


def test_broken_docx_and_legacy_doc(cli, tmp_path):
    (tmp_path / "broken.docx").write_bytes(b"not a zip at all")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result, _ = lint_json(cli, "broken.docx", "old.doc")
    assert result.exit_code == 2
    first, second = result.stderr.strip().splitlines()
    assert first.startswith("xhslint: error: broken.docx: not a valid .docx file")
    assert (
        second.startswith("xhslint: error: old.doc: unsupported file type '.doc'")
        and "save it as .docx" in second
    )


# --- Directories and stdin ----------------------------------------------------


def test_directories_take_batches_and_note_skipped_files(cli, tmp_path):
    folder = tmp_path / "campaign"
    folder.mkdir()
    write_csv(folder / "drafts.csv", [["content"], [CMP]])
    (folder / "note.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "logo.png").write_bytes(b"\x89PNG")
    (folder / "~$lock.docx").write_bytes(b"")
    (folder / ".hidden.txt").write_text(CMP, encoding="utf-8")
    result, payload = lint_json(cli, "campaign")
    assert result.exit_code == 1
    assert [p.replace("\\", "/") for p in paths(payload)] == ["campaign/drafts.csv#1", "campaign/note.txt"]
    (note,) = result.stderr.strip().splitlines()
    assert note.startswith("xhslint: note: skipped ") and "logo.png" in note


def test_stdin_batch_with_a_batch_filename(cli):
    data = f"title,content\n标题,{CMP}\n".encode("gb18030")
    _, payload = lint_json(cli, "-", "--stdin-filename", "drafts.csv", "--kind", "copy", input=data)
    assert matches(payload) == {"drafts.csv#1": ["最低价"]}


# --- Parallel -----------------------------------------------------------------


def big_batch(tmp_path, rows=150):
    texts = [CMP, CLEAN, "限时秒杀，手慢无！", "This is the best serum, guaranteed.", "第一次用就爱上了。"]
    table = [["id", "title", "content", "kind"]]
    table += [
        [f"r{i}", f"标题{i}", texts[i % len(texts)] * (1 + i % 3), "" if i % 7 else "brief"]
        for i in range(rows)
    ]
    table.insert(40, ["bad", "t", CMP, "essay"])  # an error row inside the parallel part
    return write_csv(tmp_path / "big.csv", table)


def test_parallel_results_are_identical_to_serial(cli, tmp_path, monkeypatch):
    big_batch(tmp_path)
    (tmp_path / "extra.txt").write_text(CMP, encoding="utf-8")
    pools = []
    real_context = parallel._context

    def counting_context():
        ctx = real_context()
        pools.append(ctx)
        return ctx

    monkeypatch.setattr(parallel, "_context", counting_context)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER", 0.0)  # 150 short rows would stay serial
    outputs = {}
    for jobs in (1, 2, 3):
        result = cli("lint", "--format", "json", "--jobs", jobs, "big.csv", "extra.txt")
        assert result.exit_code == 2  # the bad row
        outputs[jobs] = (result.stdout, result.stderr)
    assert len(pools) == 2, "jobs 2 and 3 must use worker processes"
    assert outputs[1] == outputs[2] == outputs[3]
    payload = json.loads(outputs[1][0])
    assert len(payload["files"]) == 151
    assert payload["files"][-1]["path"] == "extra.txt"


def test_a_small_run_stays_serial_and_a_large_one_starts_a_pool(monkeypatch):
    from xhslint.linter.engine.linter import Options
    from xhslint.linter.run.jobs import Job, lint_jobs

    pools = []
    real_context = parallel._context
    monkeypatch.setattr(parallel, "_context", lambda: pools.append(1) or real_context())
    jobs = [Job(options=Options(kind="copy"), path=f"#{i}", text=CMP if i % 2 else CLEAN) for i in range(60)]
    serial = [done.result.to_json("en") for _item, done in lint_jobs(jobs, 1)]
    # 60 short notes take far less than PARALLEL_AFTER on one core: no pool
    assert [done.result.to_json("en") for _item, done in lint_jobs(jobs, 2)] == serial
    assert pools == []
    # the same run when a pool is worth it after a second of work or less: one pool
    monkeypatch.setattr(parallel, "PARALLEL_AFTER", 1e-9)
    assert [done.result.to_json("en") for _item, done in lint_jobs(jobs, 2)] == serial
    assert pools == [1]


def test_lint_jobs_keeps_order_with_small_chunks(monkeypatch):
    from xhslint.linter.engine.linter import Options
    from xhslint.linter.run.jobs import Job, lint_jobs

    monkeypatch.setattr(parallel, "SERIAL_HEAD", 2)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER", 0.0)  # a pool however little is left
    monkeypatch.setattr(parallel, "CHUNK", 3)
    jobs = [Job(options=Options(kind="copy"), path=f"#{i}", text=CMP if i % 2 else CLEAN) for i in range(40)]
    serial = [(item.path, done.result.to_json("en")) for item, done in lint_jobs(jobs, 1)]
    both = [(item.path, done.result.to_json("en")) for item, done in lint_jobs(jobs, 2)]
    assert serial == both
    assert [p for p, _ in both] == [f"#{i}" for i in range(40)]


def test_no_progress_line_when_stderr_is_not_a_terminal(cli, tmp_path):
    big_batch(tmp_path, rows=40)
    result = cli("lint", "--format", "json", "big.csv", "--jobs", "1")
    assert "linted" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1  # only the bad row's error


def test_progress_line_on_a_terminal():
    from xhslint.linter.run.progress import track

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    assert list(track(range(5), stream, enabled=True)) == [0, 1, 2, 3, 4]
    shown = stream.getvalue()
    assert "xhslint: 1 linted" in shown
    assert shown.endswith("\r")  # erased at the end
    quiet = io.StringIO()
    assert list(track(range(3), quiet, enabled=True)) == [0, 1, 2]
    assert quiet.getvalue() == ""
