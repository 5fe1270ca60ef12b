"""xhslint.distributed on a real Dask LocalCluster (processes, two workers, loopback, no
dashboard), and ``xhslint lint --scheduler``: the same results as ``lint_many`` and as a serial
run, in any partitioning; one warm linter per worker; a bad record reported for itself."""

from __future__ import annotations

import json
import logging

import pytest

pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

from xhslint import lint_many  # noqa: E402
from xhslint.distributed import (  # noqa: E402
    FINDING_COLUMNS,
    NOTE_COLUMNS,
    lint_bag,
    lint_dataframe,
    lint_pandas,
    lint_partition,
)

pytestmark = pytest.mark.slow

# The tests' own notes (never corpus text): compliance terms, English, tags, empty and long ones.
PIECES = [
    "这款面霜是全网最低价，手慢无！",
    "今天去公园散步，天气很好。",
    "#最显白的口红# 试色分享",
    "加微信领取优惠券 vx: abc123",
    "Use my code GLOW20 for 20% off, link in bio",
    "用了一个月，空瓶了，会回购。",
    "国家级配方，绝对有效，可以降血压",
    "",
]


def notes(count: int) -> list[dict]:
    out = []
    for n in range(count):
        note = {"title": f"笔记{n}", "content": PIECES[n % len(PIECES)] * (1 + n % 3)}
        if n % 5:  # most with an id; the others are named by their position
            note["id"] = f"n{n}"
        out.append(note)
    return out


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=logging.ERROR,
    )  # fmt: skip
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


def expected_entries(records: list, locale: str = "en") -> list[dict]:
    return [result.to_json(locale) for result in lint_many(records)]


def test_partition_function_numbers_from_start():
    records = notes(40)
    whole = expected_entries(records)
    split = list(lint_partition(records[:13])) + list(lint_partition(records[13:], start=14))
    assert split == whole
    assert [entry["path"] for entry in whole[:2]] == ["#1", "#n1"]  # no id: the position


@pytest.mark.parametrize("partitions", [1, 3, 7])
def test_bag_matches_lint_many_in_any_partitioning(client, partitions):
    records = notes(300)
    bag = db.from_sequence(records, npartitions=partitions)
    assert lint_bag(bag).compute() == expected_entries(records)


def test_bag_rows_are_notes_or_findings(client):
    records = notes(60)
    bag = db.from_sequence(records, npartitions=4)
    entries = expected_entries(records)
    note_rows = lint_bag(bag, rows="notes").compute()
    assert [r["path"] for r in note_rows] == [e["path"] for e in entries]
    assert [r["score"] for r in note_rows] == [e["score"] for e in entries]
    assert [r["errors"] for r in note_rows] == [
        sum(d["severity"] == "error" for d in e["diagnostics"]) for e in entries
    ]
    findings = lint_bag(bag, rows="findings", locale="zh-CN").compute()
    zh = expected_entries(records, "zh-CN")
    assert [(f["path"], f["rule"], f["message"]) for f in findings] == [
        (e["path"], d["rule"], d["message"]) for e in zh for d in e["diagnostics"]
    ]
    assert set(findings[0]) == set(FINDING_COLUMNS)


@pytest.mark.parametrize("partitions", [2, 5])
def test_dataframe_matches_lint_many(client, partitions):
    records = notes(200)
    frame = pd.DataFrame(
        {
            "note_id": [r.get("id") for r in records],
            "headline": [r["title"] for r in records],
            "body": [r["content"] for r in records],
        }
    )
    ddf = dd.from_pandas(frame, npartitions=partitions)
    result = lint_dataframe(ddf, text="body", title="headline", id="note_id").compute()
    assert list(result.columns) == list(NOTE_COLUMNS)
    entries = expected_entries(records)
    assert result["path"].tolist() == [e["path"] for e in entries]
    assert result["score"].tolist() == [e["score"] for e in entries]
    findings = lint_dataframe(ddf, text="body", title="headline", id="note_id", rows="findings").compute()
    assert len(findings) == sum(len(e["diagnostics"]) for e in entries)
    assert findings["rule"].tolist() == [d["rule"] for e in entries for d in e["diagnostics"]]


def test_pandas_frames_for_spark_number_across_frames():
    records = notes(30)
    frame = pd.DataFrame({"title": [r["title"] for r in records], "content": [r["content"] for r in records]})
    frames = list(lint_pandas([frame[:10], frame[10:]], text="content", title="title"))
    expected = [f"#{n}" for n in range(1, 31)]
    assert pd.concat(frames)["path"].tolist() == expected


def test_one_warm_linter_per_worker(client):
    from xhslint.linter.run import caches

    client.run(caches.linter_for.cache_clear)
    client.run(caches.rules_for.cache_clear)
    bag = db.from_sequence(notes(400), npartitions=16)
    lint_bag(bag).compute()
    built = client.run(lambda: caches.linter_for.cache_info().misses)
    loaded = client.run(lambda: caches.rules_for.cache_info().misses)
    assert sum(built.values()) >= 1
    assert all(count <= 1 for count in built.values()), built  # 16 partitions, one linter each
    assert all(count <= 1 for count in loaded.values()), loaded


@pytest.mark.filterwarnings("ignore:Sending large graph")  # the oversized note, on purpose
def test_a_bad_record_is_reported_for_itself(client):
    records = [*notes(10), 42, {"title": "x", "content": "y" * 20_000_000}, *notes(5)]
    bag = db.from_sequence(records, npartitions=3)
    entries = lint_bag(bag).compute()
    assert len(entries) == len(records)
    assert entries[10] == {"path": "#11", "error": "expected a string, a mapping or a Document, not int"}
    assert "too long" in entries[11]["error"]
    good = [e for i, e in enumerate(entries) if i not in (10, 11)]
    assert all("diagnostics" in e for e in good)
    rows = lint_bag(bag, rows="notes").compute()
    assert rows[10]["error"] and rows[10]["score"] is None and rows[12]["error"] is None


def test_unknown_rows_and_options_are_refused():
    with pytest.raises(ValueError, match="rows must be"):
        list(lint_partition(["x"], rows="tables"))
    with pytest.raises(TypeError, match="unknown option"):
        list(lint_partition(["x"], colour="red"))


# ------------------------------------------------------------------ xhslint lint --scheduler


@pytest.fixture
def batch(tmp_path):
    path = tmp_path / "notes.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for note in notes(240):
            handle.write(json.dumps(note, ensure_ascii=False) + "\n")
    return path


@pytest.fixture
def parallel_now(monkeypatch):
    """Start the workers after the first few notes, whatever the machine's speed (a short run
    otherwise stays in-process), and count the Dask pools made."""
    from xhslint.linter.run import dask_pool, parallel

    monkeypatch.setattr(parallel, "SERIAL_HEAD", 4)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER", 0.0)
    monkeypatch.setattr(parallel, "CHUNK", 16)
    made = []
    original = dask_pool.DaskScheduler.pool

    def counted(self, jobs):
        made.append(jobs)
        return original(self, jobs)

    monkeypatch.setattr(dask_pool.DaskScheduler, "pool", counted)
    return made


def test_scheduler_gives_the_serial_run_byte_for_byte(cli, isolated, batch, client, parallel_now):
    serial = cli("lint", batch, "--format", "json", "--jobs", "1")
    remote = cli("lint", batch, "--format", "json", "--scheduler", client.scheduler.address)
    local = cli("lint", batch, "--format", "json", "--scheduler", "local", "--jobs", "2")
    assert serial.exit_code == remote.exit_code == local.exit_code == 1
    assert remote.stdout == serial.stdout == local.stdout
    assert len(parallel_now) == 2  # both runs really went to a cluster


def test_an_unreachable_scheduler_is_one_line_and_exit_2(cli, isolated, batch, monkeypatch):
    from xhslint.linter.run import dask_pool

    monkeypatch.setattr(dask_pool, "CONNECT_TIMEOUT", "1s")
    result = cli("lint", batch, "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "cannot reach the Dask scheduler" in result.output
