"""The Batch page's work: an uploaded .xlsx/.csv/.tsv/.jsonl linted in a background thread
with the same runner as ``xhslint lint`` (columns, ids, other columns carried), its
progress polled by the page, its results kept in memory for the table and the
downloads (HTML, xlsx, JSON). The upload is written to a private temporary folder and
deleted as soon as the lint has read it; a job is forgotten after ``KEEP_SECONDS`` or when
more than ``MAX_JOBS`` exist."""

from __future__ import annotations

import io
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, cast

from ..core.errors import XhslintError
from ..document.batch import BATCH_SUFFIXES
from ..engine.diagnostics import FileResult
from ..output import get_writer
from ..rules.model import Rule
from ..run.runner import LintRun, RunSettings

KEEP_SECONDS = 3600
MAX_JOBS = 20
DOWNLOADS = {"html": ("report.html", "text/html; charset=utf-8"),
             "xlsx": ("review.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
             "json": ("report.json", "application/json")}  # fmt: skip


class TooManyRows(XhslintError):
    pass


def safe_name(name: str) -> str:
    """The upload's own name, reduced to a file name (no folders, nothing a shell or a path
    could read as more); the suffix is kept, so the reader knows the format."""
    base = os.path.basename(name.replace("\\", "/")) or "upload"
    stem, suffix = os.path.splitext(base)
    stem = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", stem)[:80].strip("._") or "upload"
    return stem + suffix.lower()


def check_suffix(name: str) -> None:
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in BATCH_SUFFIXES:
        raise XhslintError(f"a batch is a {', '.join(sorted(BATCH_SUFFIXES))} file, not '{suffix or name}'")


@dataclass
class Job:
    id: str
    name: str
    locale: str
    max_rows: int
    created: float = field(default_factory=time.time)
    done: bool = False
    results: list[FileResult] = field(default_factory=list)
    errors: list[XhslintError] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    failure: str | None = None  # why the whole upload could not be linted

    @property
    def progress(self) -> int:
        return len(self.results)

    def report(self, fmt: str, title: str | None = None) -> bytes:
        writer_class = get_writer(fmt)
        if writer_class.binary:
            out: io.BytesIO | io.StringIO = io.BytesIO()
        else:
            out = io.StringIO()
        writer = writer_class(cast(TextIO, out), self.locale, unit="notes", title=title or self.name)
        for result in self.results:
            writer.add(result)
        writer.close(rules=self.rules, errors=self.errors)
        value = out.getvalue()
        return value if isinstance(value, bytes) else value.encode("utf-8")


class Jobs:
    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, name: str, data: bytes, locale: str, settings: RunSettings, max_rows: int) -> Job:
        check_suffix(name)
        job = Job(secrets.token_urlsafe(12), safe_name(name), locale, max_rows)
        self._forget_old()
        with self._lock:
            self._jobs[job.id] = job
        folder = Path(tempfile.mkdtemp(prefix="xhslint-upload-"))
        path = folder / job.name
        path.write_bytes(data)
        thread = threading.Thread(target=self._run, args=(job, folder, path, settings), daemon=True)
        thread.start()
        return job

    def _run(self, job: Job, folder: Path, path: Path, settings: RunSettings) -> None:
        prefix = str(path)
        try:
            run = LintRun([prefix], settings)
            for result in run:
                if len(job.results) >= job.max_rows:
                    raise TooManyRows(f"more than {job.max_rows:,} notes: split the file (or start the "
                                      "server with a larger --max-rows)")  # fmt: skip
                if result.path.startswith(prefix):  # the user's own file name, not the temporary path
                    result.path = job.name + result.path[len(prefix) :]
                job.results.append(result)
            job.errors = list(run.errors)
            for error in job.errors:
                if error.path and error.path.startswith(prefix):
                    error.path = job.name + error.path[len(prefix) :]
            job.rules = list(run.rules.values())
        except XhslintError as error:
            job.failure = error.message
        except Exception as exc:  # a bug must not kill the server; the page says what happened
            job.failure = f"internal error: {type(exc).__name__}: {exc}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            job.done = True

    def _forget_old(self) -> None:
        now = time.time()
        with self._lock:
            for job_id, job in list(self._jobs.items()):
                if job.done and now - job.created > KEEP_SECONDS:
                    del self._jobs[job_id]
            while len(self._jobs) >= MAX_JOBS:
                oldest = min(self._jobs.values(), key=lambda j: j.created)
                del self._jobs[oldest.id]
