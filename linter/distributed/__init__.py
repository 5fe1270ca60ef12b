"""Lint millions of notes on Dask (``pip install 'xhslint[dask]'``), imported as
``xhslint.distributed``. Nothing here imports Dask until a function that needs it runs.

- ``lint_partition(records, start=1, rows=..., **options)``: the per-partition function, pure
  and picklable; one warm linter per worker process (partition.py).
- ``lint_bag(bag, rows=..., **options)``: a ``dask.bag`` of records -> a bag of results.
- ``lint_dataframe(ddf, text=..., title=..., id=..., rows=..., **options)``: a
  ``dask.dataframe`` -> a dataframe of results, one row per note or per finding.
- ``lint_pandas(frames, ...)``: pandas frames in and out, for PySpark's ``mapInPandas``.

Results are the same as ``lint_many``'s on the same records, in any partitioning.
"""

from __future__ import annotations

from .collections import empty_frame, lint_bag, lint_dataframe, lint_pandas
from .partition import FINDING_COLUMNS, NOTE_COLUMNS, ROWS, lint_partition

__all__ = [
    "FINDING_COLUMNS",
    "NOTE_COLUMNS",
    "ROWS",
    "empty_frame",
    "lint_bag",
    "lint_dataframe",
    "lint_pandas",
    "lint_partition",
]
