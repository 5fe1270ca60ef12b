"""The unit of work behind ``xhslint lint`` and ``lint_many``: one document
to read, lint and (with ``fix``) fix. The same ``run_job`` runs in this
process or in a worker (``--jobs``), so a parallel run gives exactly the
results of a serial one; a worker sends them back in a compact form
(``pack``) that the parent rebuilds with its own rule objects (``unpack``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from ..core.errors import InputError, InternalError, XhslintError
from ..document.batch import note_document, note_text
from ..document.model import Document
from ..document.readers import document_from_text, read_path
from ..engine.diagnostics import Diagnostic, FileResult
from ..engine.linter import Options
from ..rules.model import Rule
from .caches import linter_for
from .parallel import map_ordered


@dataclass(frozen=True)
class Job:
    options: Options
    path: str  # the file to read, or the name to report an inline text under
    rule_paths: tuple[str, ...] = ()
    text: str | None = None  # an inline text (stdin, a batch row, the API); None: read ``path``
    title: str | None = None  # with ``text``: a batch row's title (line 1 of the note)
    markdown: bool = False  # with ``text``: parse it as Markdown
    source_format: str = "txt"
    doc: Document | None = None  # a ready Document (the API)
    fix: bool = False  # apply safe fixes (only for .txt/.md files and stdin)
    fail_on: str = "error"
    max_inflated_mb: int | None = None  # reading a .docx (containers.py)
    meta: tuple[tuple[str, str], ...] = ()  # a batch row's other columns, carried into its result

    def document_text(self) -> str:
        """``document().text``, without building the document for an inline note."""
        if self.doc is None and self.text is not None and not self.markdown:
            return self.text if self.title is None else note_text(self.title, self.text)
        return self.document().text

    def document(self) -> Document:
        if self.doc is not None:
            return self.doc
        if self.text is None:
            return read_path(self.path, self.max_inflated_mb)
        if self.title is not None:
            return note_document(self.path, self.title, self.text, self.source_format)
        return document_from_text(self.text, self.path, markdown=self.markdown)


@dataclass
class Done:
    result: FileResult | None = None
    error: XhslintError | None = None
    original: str | None = None  # with Job.fix and a change: the text as read
    fixed: str | None = None  # ... and the text after the safe fixes
    fixes: int = 0


@dataclass(frozen=True)
class Cached:
    """A job whose result a result cache holds (result_cache.py): ``packed`` as ``pack`` made it."""

    job: Job
    packed: tuple


Item = Job | XhslintError  # an error in the stream (a bad row) passes through in order


def run_job(item: Item) -> Done:
    """Lint one item. Bad input is an InputError for it; a bug is an InternalError
    for it (with XHSLINT_DEBUG set it propagates, traceback and all)."""
    if isinstance(item, XhslintError):
        return Done(error=item)
    try:
        return _with_meta(_run(item), item)
    except XhslintError as error:
        error.path = error.path or item.path
        return Done(error=error)
    except Exception as exc:
        if os.environ.get("XHSLINT_DEBUG"):
            raise
        return Done(error=InternalError(f"{type(exc).__name__}: {exc}", item.path))


def _with_meta(done: Done, item: Job) -> Done:
    """A batch row's other columns (达人昵称, links) on its result: every path a result takes
    (here, a worker's packed result, a cache entry) ends in this or in ``unpack``."""
    if done.result is not None and item.meta:
        done.result.meta = dict(item.meta)
    return done


def _run(item: Job) -> Done:
    try:
        doc = item.document()
    except InputError as error:
        return Done(error=error)
    linter = linter_for(item.options, item.rule_paths)
    if not item.fix:
        return Done(result=linter.lint(doc))
    from .fixes import fix_loop

    markdown = doc.source_format == "md"

    def lint(text: str) -> FileResult:
        return linter.lint(doc if text == doc.text else document_from_text(text, doc.path, markdown=markdown))

    result, text, applied = fix_loop(lint, doc.text)
    if not applied or text == doc.text:
        return Done(result=result)
    return Done(result=result, original=doc.text, fixed=text, fixes=applied)


# ----------------------------------------------------------- across processes


# A diagnostic crosses as its rule id and every other field, by name: a field added
# to Diagnostic crosses without a change here.
_DIAGNOSTIC_FIELDS = tuple(f.name for f in fields(Diagnostic) if f.name != "rule")


# In place of a note's text: "the text of the job's own document", which the parent builds
# again from the job it already holds instead of receiving the text back.
SAME_TEXT = 0


def _rebuilt_cheaply(item: Job) -> bool:
    """A job whose document the parent can build again for next to nothing (a batch row or
    plain inline text; not a file the worker read, not Markdown it parsed)."""
    return item.text is not None and item.doc is None and not item.markdown


def pack(done: Done, item: Item | None = None) -> tuple:
    r = done.result
    if r is None:
        return (None, done.error)
    diagnostics = [(d.rule.id, *(getattr(d, name) for name in _DIAGNOSTIC_FIELDS)) for d in r.diagnostics]
    text: str | int = r.text
    if (
        isinstance(item, Job)
        and done.fixed is None
        and _rebuilt_cheaply(item)
        and r.text == item.document_text()
    ):
        text = SAME_TEXT
    result = (
        r.path,
        r.kind,
        r.language,
        r.vertical,
        r.kind_detected,
        r.vertical_detected,
        text,
        diagnostics,
        r.commercial,
        r.commercial_detected,
        r.commercial_basis,
        r.vertical_confidence,
    )
    return (result, None, done.original, done.fixed, done.fixes)


def unpack(packed: tuple, rules: dict[str, Rule], item: Item | None = None) -> Done:
    if packed[0] is None:
        return Done(error=packed[1])
    (
        (path, kind, language, vertical, kind_detected, vertical_detected, text, diagnostics, *context),
        _,
        *fix,
    ) = packed
    if isinstance(text, int):  # SAME_TEXT
        assert isinstance(item, Job)
        text = item.document_text()
    commercial, commercial_detected, commercial_basis, vertical_confidence = context
    result = FileResult(
        path=path,
        kind=kind,
        language=language,
        vertical=vertical,
        diagnostics=[
            Diagnostic(rules[d[0]], **dict(zip(_DIAGNOSTIC_FIELDS, d[1:], strict=True))) for d in diagnostics
        ],
        kind_detected=kind_detected,
        vertical_detected=vertical_detected,
        text=text,
        commercial=commercial,
        commercial_detected=commercial_detected,
        commercial_basis=commercial_basis,
        vertical_confidence=vertical_confidence,
    )
    done = Done(result, None, *fix)
    return _with_meta(done, item) if isinstance(item, Job) else done


def _run_packed(item: Item) -> tuple:
    return pack(run_job(item), item)


def lint_jobs(
    items: Iterable[Item], jobs: int = 1, pool: Any = None, cache: Any = None
) -> Iterator[tuple[Item, Done]]:
    """``(item, Done)`` for each job or error, in input order, on ``jobs`` processes.

    ``pool``: what makes the worker pool (``parallel.map_ordered``; ``dask_pool.py`` for a
    cluster). ``cache``: a ``ResultCache`` (result_cache.py): the jobs it holds are rebuilt
    here from their entries, never linted; every other job's result is stored in it."""

    by_config: dict[tuple, dict[str, Rule]] = {}

    def rebuild(item: Item, packed: Any) -> Done:
        if isinstance(item, XhslintError):
            return Done(error=item)
        key = (item.options, item.rule_paths)
        if key not in by_config:
            by_config[key] = {rule.id: rule for rule in linter_for(*key).rules}
        return unpack(packed, by_config[key], item)

    def serial(item: Item | Cached) -> Done:
        if isinstance(item, Cached):
            return rebuild(item.job, item.packed)
        done = run_job(item)
        if cache is not None and isinstance(item, Job) and cache.holds(item):
            cache.put(item, pack(done, item))
        return done

    def stored(item: Item, packed: Any) -> Done:
        if cache is not None and isinstance(item, Job):
            cache.put(item, packed)
        return rebuild(item, packed)

    def lost(item: Item) -> Done:
        where = item.path if isinstance(item, Job) else None
        return Done(
            error=XhslintError("the worker process linting this input died (killed or out of memory)", where)
        )

    stream = cache.mark(items) if cache is not None else items
    done_items = map_ordered(
        serial, stream, jobs, worker=_run_packed, unpack=stored, weight=_weight, lost=lost, pool=pool,
        local=lambda item: isinstance(item, Cached),
    )  # fmt: skip
    for item, done in done_items:
        yield (item.job if isinstance(item, Cached) else item), done


def _weight(item: Item | Cached) -> int:
    """Characters to lint (a file not read yet: guessed from its size)."""
    if isinstance(item, XhslintError | Cached):
        return 1
    if item.text is not None:
        return len(item.text) + len(item.title or "")
    if item.doc is not None:
        return len(item.doc.text)
    try:
        return os.path.getsize(item.path)
    except OSError:
        return 1
