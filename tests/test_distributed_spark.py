"""The documented PySpark recipe (README): ``mapInPandas`` with ``lint_pandas`` gives the rows
``lint_many`` gives. Runs only where pyspark and a Java runtime are installed."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("pyspark")
pd = pytest.importorskip("pandas")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime")]


def test_map_in_pandas_matches_lint_many():
    from pyspark.sql import SparkSession

    from xhslint import lint_many
    from xhslint.distributed import NOTE_COLUMNS, lint_pandas

    records = [
        {"id": f"n{n}", "title": f"笔记{n}", "content": text}
        for n, text in enumerate(["这款面霜是全网最低价，手慢无！", "今天去公园散步。", "加微信领券"] * 20)
    ]
    spark = SparkSession.builder.master("local[2]").appName("xhslint-test").getOrCreate()
    try:
        frame = spark.createDataFrame(pd.DataFrame(records)).repartition(3)
        schema = ", ".join(
            f"{name} {'bigint' if dtype == 'Int64' else 'string'}" for name, dtype in NOTE_COLUMNS.items()
        )
        linted = frame.mapInPandas(
            lambda frames: lint_pandas(frames, text="content", title="title", id="id"), schema
        )
        rows = {row["path"]: row.asDict() for row in linted.collect()}
    finally:
        spark.stop()
    expected = {r.path: r.score().score for r in lint_many(records)}
    assert {path: row["score"] for path, row in rows.items()} == expected
