"""The lint job behind ``xhslint lint``: discover config per file, read,
lint, and collect results plus per-file input errors."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from .api import linter_for
from .config import Config, discover, load_config_file
from .diagnostics import FileResult
from .engine import Options
from .errors import InputError
from .messages import normalise_locale
from .readers import expand_paths, read_path, read_stdin
from .rule import SEVERITY_RANK


@dataclass
class Outcome:
    results: list[FileResult]
    locale: str
    fail_on: str
    errors: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        threshold = SEVERITY_RANK[self.fail_on]
        return any(SEVERITY_RANK[d.severity] >= threshold for r in self.results for d in r.diagnostics)


def _options(config: Config) -> Options:
    return Options(
        kind=config.kind,
        vertical=config.vertical,
        lang=config.lang,
        select=config.select or (),
        ignore=config.ignore,
        brand_terms=config.brand_terms,
    )


def run_lint(
    paths: Sequence[str],
    *,
    kind: str | None = None,
    vertical: str | None = None,
    lang: str | None = None,
    locale: str | None = None,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
    fail_on: str | None = None,
    config_path: str | None = None,
    stdin_filename: str | None = None,
) -> Outcome:
    overrides = {"kind": kind, "vertical": vertical, "lang": lang, "select": select, "ignore": ignore}
    fixed = load_config_file(config_path) if config_path else None
    base = (fixed or discover(os.getcwd())).merged(locale=locale, fail_on=fail_on)
    out_locale = normalise_locale(base.locale)
    results: list[FileResult] = []
    errors: list[InputError] = []
    for path in expand_paths(list(paths)):
        if path == "-":
            where = os.path.dirname(os.path.abspath(stdin_filename)) if stdin_filename else os.getcwd()
        else:
            where = os.path.dirname(os.path.abspath(path))
        config = (fixed or discover(where)).merged(**overrides)
        linter = linter_for(_options(config), config.rule_paths)
        try:
            if path == "-":
                markdown = bool(stdin_filename and stdin_filename.lower().endswith((".md", ".markdown")))
                doc = read_stdin(markdown=markdown)
                if stdin_filename:
                    doc.path = stdin_filename
            else:
                doc = read_path(path)
        except InputError as error:
            errors.append(error)
            continue
        results.append(linter.lint(doc))
    return Outcome(results, out_locale, base.fail_on, errors)
