"""The lint job behind ``xhslint lint``: expand the inputs, discover config per
file, turn every file and batch row into a job, lint them (in parallel with
``jobs > 1``) and stream the results in input order, collecting per-file
input errors and applying safe fixes."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.errors import InputError, XhslintError
from ..core.messages import normalise_locale
from ..core.vocabulary import DOCUMENT_KINDS
from ..document.batch import BatchOptions, NoTextColumn, is_batch, read_rows
from ..document.readers import MARKDOWN_SUFFIXES, TEXT_SUFFIXES, expand_paths, missing
from ..engine.diagnostics import FileResult
from ..engine.linter import Options
from ..rules.model import SEVERITY_RANK, Rule
from .caches import linter_for
from .config import Config, discover, load_config_file
from .jobs import Item, Job, lint_jobs

FIXABLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES
MAX_BATCH_STDIN = 512 * 1024 * 1024  # a batch given on stdin is read whole: this much at most


@dataclass
class Outcome:
    results: list[FileResult]
    locale: str
    errors: list[XhslintError] = field(default_factory=list)
    failed: bool = False  # any finding at or above the fail_on of the config that governed its file


def options_for(config: Config) -> Options:
    """The engine options a config gives (its rule paths are passed beside them)."""
    return Options(
        kind=config.kind,
        vertical=config.vertical,
        lang=config.lang,
        select=config.select or (),
        ignore=config.ignore,
        brand_terms=config.brand_terms,
        rule_options=config.rule_options,
        commercial=None if config.commercial == "auto" else config.commercial,
        banned_terms=config.banned_terms,
        allowed_terms=config.allowed_terms,
    )


@dataclass(frozen=True)
class RunSettings:
    """What a run is asked to do: flags that override the discovered config
    (None: the config decides), batch column choices, parallelism and fixing."""

    kind: str | None = None
    vertical: str | None = None
    lang: str | None = None
    locale: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None
    commercial: str | None = None
    config_path: str | None = None
    stdin_filename: str | None = None
    title_column: str | None = None
    text_column: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    jobs: int = 1
    fix: bool = False
    diff: bool = False
    fail_under: int | None = None  # a document scoring below this fails the run (engine/score.py)
    baseline: str | None = None  # a review sheet (--format xlsx) whose reviewers' columns are kept
    scheduler: str | None = None  # a Dask scheduler's address, or "local" (dask_pool.py)
    cache: str | None = None  # a result cache folder (result_cache.py); None: the config's ``cache``
    no_cache: bool = False  # ignore any result cache, the config's included


@dataclass(frozen=True)
class RunHooks:
    """Where a run reports as it goes: one-line notes, warnings and unified diffs."""

    on_note: Callable[[str], None] | None = None
    on_warning: Callable[[str], None] | None = None
    on_diff: Callable[[str], None] | None = None


class LintRun:
    """One run. Iterate it for the results, in input order; afterwards
    ``errors``, ``failed``, ``fixed_files`` and ``rules`` tell the rest.

    A config or rule error for the first input is raised (nothing is linted
    with a broken configuration); for later inputs it is recorded like an
    input error and the other inputs are still linted.

    With ``fix``, .txt/.md files are rewritten with their safe fixes (batch,
    .docx and stdin inputs never are); with ``diff`` nothing is written and
    ``on_diff`` receives each file's unified diff. ``on_note`` receives
    one-line notes for the user (skipped files).
    """

    def __init__(
        self, paths: Sequence[str], settings: RunSettings | None = None, hooks: RunHooks | None = None
    ) -> None:
        settings = settings or RunSettings()
        hooks = hooks or RunHooks()
        kind, stdin_filename = settings.kind, settings.stdin_filename
        self._overrides = {
            "kind": kind,
            "vertical": settings.vertical,
            "lang": settings.lang,
            "select": settings.select,
            "ignore": settings.ignore,
            "fail_on": settings.fail_on,
            "commercial": settings.commercial,
        }
        self._stdin_filename = stdin_filename
        self._batch = BatchOptions(
            title_column=settings.title_column,
            text_column=settings.text_column,
            sheet=settings.sheet,
            header_row=settings.header_row,
            kind=kind if kind in DOCUMENT_KINDS else None,
        )
        self.jobs = max(1, settings.jobs)
        self.fix = settings.fix or settings.diff
        self.diff = settings.diff
        self._note = hooks.on_note or (lambda _message: None)
        self._warn = hooks.on_warning or self._note
        self._fail_under = settings.fail_under
        self._baseline = None
        if settings.baseline is not None:
            from .baseline import Baseline

            self._baseline = Baseline.read(settings.baseline, self._warn)
        self._on_diff = hooks.on_diff or (lambda _diff: None)
        config_path = settings.config_path
        self._fixed_config = load_config_file(config_path) if config_path else None
        self.files = list(expand_paths(list(paths), on_skip=self._skipped))
        self._given = frozenset(paths)  # named on the command line, not found in a folder
        # One message language per run: --locale, else --config, else the config
        # nearest the first input.
        first = self._config_for(self.files[0] if self.files else None)
        self.locale = normalise_locale(settings.locale or first.locale)
        self.docs_url = first.docs_url  # where rule pages are published, for report links
        self.errors: list[XhslintError] = []
        self.failed = False
        self.fixed_files = 0
        self.fixes = 0
        self.rules: dict[str, Rule] = {}  # every rule any input was linted with, by id
        self._registered: set[tuple[Options, tuple[str, ...]]] = set()
        stdin_batch = "-" in self.files and bool(stdin_filename) and is_batch(stdin_filename or "")
        self.has_batch = stdin_batch or any(is_batch(f) for f in self.files if f != "-")
        self._scheduler = None
        if settings.scheduler:
            from .dask_pool import DaskScheduler

            self._scheduler = DaskScheduler(settings.scheduler)
        folder = None if settings.no_cache else settings.cache or first.cache
        self.cache = None
        if folder and not self.fix:
            from .result_cache import ResultCache

            self.cache = ResultCache(folder)

    # ------------------------------------------------------------------ setup

    def _skipped(self, path: str) -> None:
        suffix = Path(path).suffix or "(no extension)"
        self._note(f"skipped {path}: unsupported file type {suffix}")

    def _config_dir(self, path: str | None) -> str:
        """Where config discovery starts for an input."""
        if path is None:
            return os.getcwd()
        if path == "-":
            name = self._stdin_filename
            return os.path.dirname(os.path.abspath(name)) if name else os.getcwd()
        return os.path.dirname(os.path.abspath(path))

    def _config_for(self, path: str | None) -> Config:
        return self._fixed_config or discover(self._config_dir(path))

    def _register(self, options: Options, rule_paths: tuple[str, ...]) -> None:
        """Build (or find) the linter now: selectors and rule options are checked
        here, in this process, and its rules are known for the report."""
        if (options, rule_paths) in self._registered:
            return
        for rule in linter_for(options, rule_paths).rules:
            self.rules.setdefault(rule.id, rule)
        self._registered.add((options, rule_paths))
        from .caches import rule_problems

        for problem in rule_problems(rule_paths):  # a bad user rule file: reported once, skipped
            if problem not in self.errors:
                self.errors.append(problem)

    def _options_for(self, config: Config) -> Options:
        """The engine options of a config, with its vertical checked against the known ones."""
        options = options_for(config)
        if options.vertical:
            from ..core.vertical_names import resolve_vertical, rule_verticals
            from .caches import rules_for

            own = rule_verticals(rules_for(config.rule_paths))
            options = replace(options, vertical=resolve_vertical(options.vertical, own, config.source))
        return options

    # ------------------------------------------------------------------ jobs

    def _items(self) -> Iterator[Item]:
        for index, path in enumerate(self.files):
            if path != "-" and is_batch(path) and not os.path.exists(path):
                yield missing(path)  # before a reader library words it its own way
                continue
            try:
                config = self._config_for(path).merged(**self._overrides)
                options = self._options_for(config)
                self._register(options, config.rule_paths)
            except InputError as error:
                yield error
                continue
            except XhslintError as error:
                if index == 0:
                    raise
                error.path = error.path or path
                yield error
                continue
            base = Job(
                options=options,
                path=path,
                rule_paths=config.rule_paths,
                fail_on=config.fail_on,
                max_inflated_mb=config.max_inflated_mb,
            )
            if path == "-":
                yield from self._stdin_items(base)
            elif is_batch(path):
                if self.fix:
                    self._note(f"{path}: batch files are never rewritten by --fix")
                yield from self._row_items(base, path)
            else:
                fixable = self.fix and Path(path).suffix.lower() in FIXABLE_SUFFIXES
                if self.fix and not fixable and Path(path).suffix.lower() == ".docx":
                    self._note(f"{path}: .docx files are never rewritten by --fix")
                yield replace(base, fix=fixable)

    def _stdin_items(self, base: Job) -> Iterator[Item]:
        import sys

        from ..core.encoding import MAX_BYTES, decode, read_limited

        name = self._stdin_filename
        batch = bool(name and is_batch(name))
        try:
            data = read_limited(sys.stdin.buffer, MAX_BATCH_STDIN if batch else MAX_BYTES, "<stdin>", "stdin")
        except InputError as error:
            yield error
            return
        if batch and name:
            yield from self._row_items(base, name, data=data)
            return
        try:
            text = decode(data, "<stdin>")
        except InputError as error:
            yield error
            return
        markdown = bool(name and Path(name).suffix.lower() in MARKDOWN_SUFFIXES)
        if self.fix and not self.diff:
            self._note("stdin is not rewritten by --fix (use --diff to see the fixes)")
        yield replace(base, path=name or "-", text=text, markdown=markdown, fix=self.diff)

    def _row_items(self, base: Job, path: str, data: bytes | None = None) -> Iterator[Item]:
        from ..core.vertical_names import rule_verticals
        from .caches import rules_for

        batch = replace(
            self._batch,
            own_verticals=frozenset(rule_verticals(rules_for(base.rule_paths))),
            max_inflated_mb=base.max_inflated_mb,
        )
        try:
            for row in read_rows(path, data=data, options=batch, on_warning=self._warn):
                if isinstance(row, XhslintError):
                    yield row
                    continue
                options = base.options
                if row.kind or row.vertical:
                    options = replace(
                        options, kind=row.kind or options.kind, vertical=row.vertical or options.vertical
                    )
                    self._register(options, base.rule_paths)
                yield replace(
                    base,
                    options=options,
                    path=row.path,
                    text=row.text,
                    title=row.title,
                    source_format=row.source_format,
                    meta=row.meta,
                )
        except NoTextColumn as error:
            from ..document.roster import looks_like_roster

            if data is not None or not looks_like_roster(path):
                yield error
            elif path in self._given:
                yield InputError(
                    f"a campaign roster, not notes: check it with `xhslint plan lint {path}`", path
                )
            else:  # found in a folder: a roster next to the notes is not their problem
                self._note(f"skipped {path}: a campaign roster (check it with `xhslint plan lint`)")
        except InputError as error:
            yield error

    # --------------------------------------------------------------- results

    def __iter__(self) -> Iterator[FileResult]:
        pool = self._scheduler.pool if self._scheduler is not None else None
        try:
            yield from self._results(lint_jobs(self._items(), self.jobs, pool=pool, cache=self.cache))
        finally:
            if self.cache is not None:
                self.cache.close()
            if self._scheduler is not None:
                self._scheduler.close()

    def _results(self, linted) -> Iterator[FileResult]:
        for item, done in linted:
            if done.error is not None:
                self.errors.append(done.error)
                continue
            assert isinstance(item, Job) and done.result is not None
            if done.fixed is not None:
                self._apply_fix(item, done.original or "", done.fixed, done.fixes)
            result = done.result
            if self._baseline is not None:
                self._baseline.apply(result)
            threshold = SEVERITY_RANK[item.fail_on]
            if any(SEVERITY_RANK[d.severity] >= threshold for d in result.diagnostics if not d.waived):
                self.failed = True
            if self._fail_under is not None and result.score().score < self._fail_under:
                self.failed = True
            yield result

    def _apply_fix(self, job: Job, original: str, fixed: str, count: int) -> None:
        if self.diff:
            from .fixes import unified_diff

            self._on_diff(unified_diff(job.path, original, fixed))
            self.fixed_files += 1
            self.fixes += count
            return
        from .fixes import write_fixed

        try:
            write_fixed(job.path, original, fixed)
        except XhslintError as error:
            self.errors.append(error)
            return
        self.fixed_files += 1
        self.fixes += count


def run_lint(paths: Sequence[str], **options) -> Outcome:
    """Lint everything and return all results at once (``options``: the fields of
    ``RunSettings``; see ``LintRun``)."""
    run = LintRun(paths, RunSettings(**options))
    results = list(run)
    return Outcome(results, run.locale, run.errors, run.failed)
