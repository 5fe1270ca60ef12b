"""The Python API: the same results as the CLI, without the CLI.

>>> from xhslint import lint_text
>>> result = lint_text("全网最低价，手慢无！", kind="copy")
>>> [d.rule_id for d in result.diagnostics]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from .document.model import Document
from .document.readers import document_from_text
from .engine.diagnostics import FileResult
from .engine.linter import Options
from .run.caches import linter_for, rules_for

LintResult = FileResult
__all__ = ["LintResult", "lint_many", "lint_text", "linter_for", "rules_for"]


def lint_text(
    text: str,
    *,
    kind: str = "auto",
    vertical: str | None = None,
    lang: str = "auto",
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    brand_terms: Iterable[str] = (),
    rule_paths: Iterable[str] = (),
    markdown: bool = False,
    path: str = "<text>",
    commercial: str | None = None,
    banned_terms: Iterable[str] = (),
    allowed_terms: Iterable[str] = (),
) -> LintResult:
    """Lint one brief or note given as a string; returns a ``LintResult``.

    ``kind`` is ``brief``, ``copy`` or ``auto``; ``vertical`` a vertical id or
    None to detect; ``lang`` ``zh``, ``en`` or ``auto``; ``commercial``
    ``promotional``, ``unclear`` or ``not_promotional`` to force the commercial
    verdict (None: assessed from the text). Diagnostics carry
    ``rule_id``, ``severity``, ``category``, ``line``/``column``, ``match`` and
    ``message(locale)``; ``result.to_json(locale)`` gives the JSON contract.
    ``banned_terms`` and ``allowed_terms`` are the config's word lists (for every vertical).
    """
    options = replace(
        _options(kind, vertical, lang, select, ignore, brand_terms, commercial),
        banned_terms=tuple(("*", t) for t in banned_terms),
        allowed_terms=tuple(("*", t) for t in allowed_terms),
    )
    return linter_for(options, tuple(rule_paths)).lint(document_from_text(text, path, markdown=markdown))


def _options(kind, vertical, lang, select, ignore, brand_terms, commercial=None) -> Options:
    if commercial is not None:
        from .context.commercial import normalise_verdict
        from .core.vocabulary import COMMERCIAL_VERDICTS as VERDICTS

        commercial = normalise_verdict(commercial)
        if commercial not in VERDICTS:
            from .core.errors import ConfigError

            raise ConfigError(f"commercial must be one of {', '.join(VERDICTS)}, not '{commercial}'")
    return Options(
        kind=kind,
        vertical=vertical,
        lang=lang,
        select=tuple(select),
        ignore=tuple(ignore),
        brand_terms=tuple(brand_terms),
        commercial=commercial,
    )


def lint_many(
    items: Iterable[str | Mapping[str, Any] | Document],
    *,
    kind: str = "auto",
    vertical: str | None = None,
    lang: str = "auto",
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    brand_terms: Iterable[str] = (),
    rule_paths: Iterable[str] = (),
    markdown: bool = False,
    jobs: int = 1,
    commercial: str | None = None,
) -> Iterator[LintResult]:
    """Lint many notes; yields one ``LintResult`` per item, in order (lazily).

    An item is a string (the note's text), a mapping with the columns of a
    batch file (``title``/``text``/``content``/...; optional ``id``, ``kind``,
    ``vertical`` overriding the arguments), or a ``Document``. A result's
    ``path`` is ``#`` plus the item's ``id``, else its 1-based position (a
    Document keeps its own). ``jobs > 1`` lints on that many processes with
    the same results. A bad item raises ``InputError`` when reached.
    """
    from .run.items import ItemJobs
    from .run.jobs import lint_jobs

    options = _options(kind, vertical, lang, select, ignore, brand_terms, commercial)
    paths = tuple(rule_paths)
    linter_for(options, paths)  # bad selectors fail here, before any item
    to_job = ItemJobs(options, paths, markdown)

    def results() -> Iterator[LintResult]:
        stream = (to_job(number, item) for number, item in enumerate(items, 1))
        for _job, done in lint_jobs(stream, jobs):
            if done.error is not None:
                raise done.error
            assert done.result is not None
            yield done.result

    return results()
