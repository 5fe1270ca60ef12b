"""``--format parquet -o results.parquet``: findings and notes as two Parquet tables, for
analytics (DuckDB, pandas, Spark, a warehouse): ``results.parquet`` holds one row per finding
with its note's ``path``; ``results.notes.parquet`` (next to it) one row per note with counts,
score, band and verdict, and the input's other columns as JSON text (``meta``). Columns:
``tables.py``. Written in row groups as results stream past, so memory stays flat; both files
appear atomically when the run ends (pyarrow, from the ``dask`` extra)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.errors import ConfigError
from ..engine.diagnostics import FileResult
from .base import Writer as BaseWriter
from .tables import FINDING_COLUMNS, NOTE_COLUMNS, finding_rows, note_row

ROW_GROUP = 10_000
NOTES_SUFFIX = ".notes.parquet"
_ARROW = {"string": "string", "Int64": "int64"}


def notes_path(output: str) -> str:
    """Where the notes table goes: ``X.parquet`` -> ``X.notes.parquet``."""
    path = Path(output)
    stem = path.name[: -len(".parquet")] if path.name.endswith(".parquet") else path.name
    return str(path.with_name(stem + NOTES_SUFFIX))


def _schema(columns: dict[str, str], extra: dict[str, str] | None = None):
    import pyarrow as pa

    names = {**columns, **(extra or {})}
    return pa.schema([(name, getattr(pa, _ARROW[dtype])()) for name, dtype in names.items()])


class _Table:
    """One Parquet file written a row group at a time."""

    def __init__(self, sink, schema) -> None:
        import pyarrow.parquet as pq

        self.schema = schema
        self.rows: list[dict[str, Any]] = []
        self.writer = pq.ParquetWriter(sink, schema, compression="zstd")

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


class Writer(BaseWriter):
    binary = True
    needs_file = "--format parquet writes two tables: give -o FILE.parquet"

    def __init__(self, out, locale: str, color: bool = False, unit: str = "files", **options) -> None:
        super().__init__(out, locale, color, unit, **options)
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ConfigError("--format parquet needs pyarrow (pip install 'xhslint[dask]')") from None
        if not self.target:
            raise ConfigError(self.needs_file)
        import tempfile

        # the notes table grows in a temporary file (gone by itself if the run fails) and is
        # copied into place, atomically, at the end
        self._spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self.findings = _Table(out, _schema(FINDING_COLUMNS))
        self.notes = _Table(self._spool, _schema(NOTE_COLUMNS, {"meta": "string"}))

    def write(self, result: FileResult) -> None:
        for row in finding_rows(result, self.locale):
            self.findings.add(row)
        meta = json.dumps(result.meta, ensure_ascii=False) if result.meta else None
        self.notes.add({**note_row(result), "meta": meta})

    def close(self, rules=(), errors=()) -> None:
        import shutil

        from ..core.files import atomic_open

        self.findings.close()
        self.notes.close()
        assert self.target is not None
        self._spool.seek(0)
        with atomic_open(notes_path(self.target), binary=True) as handle:
            shutil.copyfileobj(self._spool, handle)
        self._spool.close()
