"""The Python API: the same results as the CLI, without the CLI.

>>> from xhslint import lint_text
>>> result = lint_text("全网最低价，手慢无！", kind="copy")
>>> [d.rule_id for d in result.diagnostics]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .diagnostics import FileResult
from .engine import Linter, Options
from .loader import load_rules
from .readers import document_from_text
from .rule import Rule

LintResult = FileResult


@lru_cache(maxsize=8)
def rules_for(rule_paths: tuple[str, ...] = ()) -> list[Rule]:
    return load_rules(rule_paths)


@lru_cache(maxsize=32)
def linter_for(options: Options, rule_paths: tuple[str, ...] = ()) -> Linter:
    return Linter(rules_for(rule_paths), options)


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
) -> LintResult:
    """Lint one brief or note given as a string; returns a ``LintResult``.

    ``kind`` is ``brief``, ``copy`` or ``auto``; ``vertical`` a vertical id or
    None to detect; ``lang`` ``zh``, ``en`` or ``auto``. Diagnostics carry
    ``rule_id``, ``severity``, ``category``, ``line``/``column``, ``match`` and
    ``message(locale)``; ``result.to_json(locale)`` gives the JSON contract.
    """
    options = Options(
        kind=kind,
        vertical=vertical,
        lang=lang,
        select=tuple(select),
        ignore=tuple(ignore),
        brand_terms=tuple(brand_terms),
    )
    linter = linter_for(options, tuple(rule_paths))
    return linter.lint(document_from_text(text, path, markdown=markdown))
