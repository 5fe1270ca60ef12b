"""Dask collections in, Dask collections out: ``lint_bag`` and ``lint_dataframe`` build lazy
graphs whose tasks run ``lint_partition`` on each partition (``.compute()``, ``.to_parquet()``
or a distributed ``Client`` decide where). ``lint_pandas`` is the same for an iterator of
pandas frames, which is what PySpark's ``mapInPandas`` hands a function.

Records without an ``id`` are numbered by their position in the whole collection, as
``lint_many`` numbers them: the graph counts each partition's records first (a partition is
materialised once and feeds both the count and the lint), so the results are the same in any
partitioning.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Any

from .partition import check_rows, columns, lint_partition


def lint_bag(bag, *, rows: str = "entries", **options: Any):
    """A ``dask.bag`` of records -> a bag of result dicts (``rows``: entries, notes or
    findings; see ``partition.py``), lazily. ``options``: ``lint_partition``'s."""
    import dask
    import dask.bag as db

    check_rows(rows)
    parts = [dask.delayed(list)(part) for part in bag.to_delayed()]
    starts = dask.delayed(_starts)([dask.delayed(len)(part) for part in parts])
    linted = [
        dask.delayed(_lint_list)(part, starts[index], rows, options) for index, part in enumerate(parts)
    ]
    return db.from_delayed(linted)


def lint_dataframe(
    ddf,
    *,
    text: str = "text",
    title: str | None = None,
    id: str | None = None,
    rows: str = "notes",
    **options: Any,
):
    """A ``dask.dataframe`` -> a dataframe of results, lazily: one row per note
    (``rows="notes"``: counts by severity, score, band, verdict) or per finding
    (``rows="findings"``). ``text``, ``title`` and ``id`` name the input's columns."""
    import dask
    import dask.dataframe as dd

    check_rows(rows, ("notes", "findings"))
    parts = ddf.to_delayed()
    starts = dask.delayed(_starts)([dask.delayed(len)(part) for part in parts])
    frames = [
        dask.delayed(_lint_frame)(part, starts[index], text, title, id, rows, options)
        for index, part in enumerate(parts)
    ]
    return dd.from_delayed(frames, meta=empty_frame(rows), verify_meta=False)


def lint_pandas(
    frames: Iterable[Any],
    *,
    text: str = "text",
    title: str | None = None,
    id: str | None = None,
    rows: str = "notes",
    start: int = 1,
    **options: Any,
) -> Iterator[Any]:
    """pandas frames in, result frames out (one per input frame), numbering records on from
    ``start`` across the frames. PySpark: ``df.mapInPandas(lambda it: lint_pandas(it, ...),
    schema)``; give the records an ``id`` there, since Spark's partitions do not know their
    position."""
    for frame in frames:
        yield _lint_frame(frame, start, text, title, id, rows, options)
        start += len(frame)


def empty_frame(rows: str):
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns(rows).items()})


def _starts(counts: list[int]) -> list[int]:
    return [1 + before for before in accumulate([0, *counts[:-1]])]


def _lint_list(records: list[Any], start: int, rows: str, options: dict[str, Any]) -> list[dict[str, Any]]:
    return list(lint_partition(records, start=start, rows=rows, **options))


def _lint_frame(frame, start: int, text: str, title: str | None, id_: str | None, rows: str, options):
    import pandas as pd

    wanted = [name for name in (text, title, id_) if name]
    missing = [name for name in wanted if name not in frame.columns]
    if missing:
        from ..core.errors import InputError

        raise InputError(f"no column {', '.join(map(repr, missing))} in {list(frame.columns)}")
    records = [
        {
            "content": _cell(row[0]),
            **({"title": _cell(row[1])} if title else {}),
            **({"id": _cell(row[2])} if id_ else {}),
        }
        for row in zip(
            frame[text],
            frame[title] if title else [None] * len(frame),
            frame[id_] if id_ else [None] * len(frame),
            strict=True,
        )
    ]
    found = list(lint_partition(records, start=start, rows=rows, **options))
    result = pd.DataFrame(found, columns=list(columns(rows)))
    return result.astype(columns(rows))


def _cell(value: Any) -> Any:
    """A missing value (None, NaN, pandas' NA) as an empty cell."""
    try:
        import pandas as pd

        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
    except (TypeError, ValueError):  # an array-like cell: left for the batch reader to judge
        return value
    return value
