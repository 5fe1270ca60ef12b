"""Reading ``.parquet`` batches (pyarrow, from the ``dask`` extra): the column names and the
rows, streamed a record batch at a time, so a file of millions of notes is never held whole.
A row group whose data inflates past ``max_inflated_mb`` (default 256) is refused before it is
read, as an Office package is (a few kilobytes of compressed zeros can claim gigabytes). A file
pyarrow cannot read is one InputError; a missing pyarrow says which extra brings it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from ..core.errors import InputError
from .containers import DEFAULT_MAX_INFLATED_MB

BATCH_ROWS = 8192  # rows per record batch read


def parquet_table(
    path: str, data: bytes | None, max_inflated_mb: int | None = None
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """(the column names, the rows as tuples in column order)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("reading .parquet needs pyarrow (pip install 'xhslint[dask]')", path) from None
    try:
        source = pq.ParquetFile(io.BytesIO(data) if data is not None else path)
        names = list(source.schema_arrow.names)
        metadata = source.metadata
        sizes = [metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups)]
    except Exception as exc:  # whatever pyarrow meets in a corrupt file is the file's fault
        raise InputError(f"not a readable .parquet file ({_reason(exc)})", path) from None
    limit = (max_inflated_mb or DEFAULT_MAX_INFLATED_MB["parquet"]) * 2**20
    for number, size in enumerate(sizes, 1):
        if size > limit:
            source.close()
            raise InputError(
                f"row group {number} inflates to {size / 2**20:,.0f} MB, over the limit of "
                f"{limit // 2**20} MB (max_inflated_mb in the config; or write smaller row groups)",
                path,
            )
    return names, _rows(source, path)


def _rows(source, path: str) -> Iterator[tuple[Any, ...]]:
    try:
        for batch in source.iter_batches(batch_size=BATCH_ROWS):
            columns = [column.to_pylist() for column in batch.columns]
            yield from zip(*columns, strict=True)
    except Exception as exc:
        raise InputError(f"not a readable .parquet file ({_reason(exc)})", path) from None
    finally:
        source.close()


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
