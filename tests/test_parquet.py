"""Parquet in and out: a ``.parquet`` batch is read like any batch, ``--format parquet`` writes a
findings table and a notes table that say what the JSON report says; globs the shell left
alone are expanded."""

from __future__ import annotations

import json

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

pytestmark = pytest.mark.usefixtures("isolated")

ROWS = [
    {"id": "a1", "title": "防晒", "content": "这是全网最低价的防晒，点链接下单！", "达人昵称": "小红"},
    {"id": "a2", "title": "日常", "content": "今天去公园散步，天气很好。", "达人昵称": "小蓝"},
    {"id": "a3", "title": "面霜", "content": "加微信领取优惠券，国家级配方", "达人昵称": ""},
]


@pytest.fixture
def notes(isolated):
    path = isolated / "notes.parquet"
    pq.write_table(pa.Table.from_pylist(ROWS), path)
    return path


def test_parquet_batch_and_tables_match_the_json_report(cli, notes, isolated):
    report = cli("lint", notes, "--format", "json", "--commercial", "promotional")
    files = json.loads(report.stdout)["files"]
    assert [f["path"] for f in files] == [f"{notes}#a1", f"{notes}#a2", f"{notes}#a3"]
    done = cli("lint", notes, "--format", "parquet", "-o", "out.parquet", "--commercial", "promotional")
    assert done.exit_code == report.exit_code == 1
    findings = pq.read_table(isolated / "out.parquet").to_pylist()
    table = pq.read_table(isolated / "out.notes.parquet").to_pylist()
    assert [n["path"] for n in table] == [f["path"] for f in files]
    assert [n["score"] for n in table] == [f["score"] for f in files]
    assert [n["errors"] for n in table] == [
        sum(d["severity"] == "error" for d in f["diagnostics"]) for f in files
    ]
    assert json.loads(table[0]["meta"]) == {"达人昵称": "小红"} and table[2]["meta"] is None
    expected = [
        (f["path"], d["rule"], d["line"], d["match"], d["message"]) for f in files for d in f["diagnostics"]
    ]
    assert [(r["path"], r["rule"], r["line"], r["match"], r["message"]) for r in findings] == expected


def test_parquet_needs_a_file_and_never_writes_over_an_input(cli, notes, isolated):
    to_stdout = cli("lint", notes, "--format", "parquet")
    assert to_stdout.exit_code == 2 and "give -o FILE.parquet" in to_stdout.output
    pq.write_table(pa.Table.from_pylist(ROWS), isolated / "x.notes.parquet")
    clash = cli("lint", isolated / "x.notes.parquet", "--format", "parquet", "-o", "x.parquet")
    assert clash.exit_code == 2 and "never written" in clash.output
    assert pq.read_table(isolated / "x.notes.parquet").num_rows == len(ROWS)


def test_a_corrupt_parquet_file_is_one_line_and_exit_2(cli, isolated):
    (isolated / "bad.parquet").write_bytes(b"PAR1 this is not parquet")
    result = cli("lint", "bad.parquet")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "not a readable .parquet file" in result.stderr


def test_a_quoted_glob_is_expanded(cli, isolated):
    for name in ("week1", "week2"):
        (isolated / "crawl").mkdir(exist_ok=True)
        (isolated / "crawl" / f"{name}.jsonl").write_text(
            json.dumps({"id": name, "content": "全网最低价"}, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    result = cli("lint", "crawl/*.jsonl", "--format", "json")
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == ["crawl/week1.jsonl#week1", "crawl/week2.jsonl#week2"]
    nothing = cli("lint", "crawl/*.parquet")
    assert nothing.exit_code == 2 and "crawl/*.parquet: no file matches this pattern" in nothing.stderr
    partly = cli("lint", "crawl/week1.jsonl", "crawl/*.parquet", "--format", "json")
    assert partly.exit_code == 2 and "no file matches this pattern" in partly.stderr
    assert [f["path"] for f in json.loads(partly.stdout)["files"]] == ["crawl/week1.jsonl#week1"]


def test_a_row_group_that_inflates_past_the_limit_is_refused_before_reading(cli, isolated):
    """A few kilobytes of compressed repetition claiming megabytes: refused by its metadata."""
    rows = [{"id": str(n), "content": f"{n}" + "最" * 20_000} for n in range(100)]  # ~6 MB, one row group
    pq.write_table(pa.Table.from_pylist(rows), isolated / "bomb.parquet", compression="zstd")
    assert (isolated / "bomb.parquet").stat().st_size < 100_000
    (isolated / ".xhslint.toml").write_text("max_inflated_mb = 2\n", encoding="utf-8")
    result = cli("lint", "bomb.parquet")
    assert result.exit_code == 2
    assert "row group 1 inflates to" in result.stderr and result.stderr.count("\n") == 1
