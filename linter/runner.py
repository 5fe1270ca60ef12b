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
    errors: list[InputError] = field(default_factory=list)
    fail_on: dict[int, str] = field(default_factory=dict)  # result index -> its config's fail_on

    @property
    def failed(self) -> bool:
        """Any finding at or above the ``fail_on`` of the config that governed its file."""
        for i, result in enumerate(self.results):
            threshold = SEVERITY_RANK[self.fail_on.get(i, "error")]
            if any(SEVERITY_RANK[d.severity] >= threshold for d in result.diagnostics):
                return True
        return False


def _options(config: Config) -> Options:
    return Options(
        kind=config.kind,
        vertical=config.vertical,
        lang=config.lang,
        select=config.select or (),
        ignore=config.ignore,
        brand_terms=config.brand_terms,
        rule_options=config.rule_options,
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
    overrides = {
        "kind": kind,
        "vertical": vertical,
        "lang": lang,
        "select": select,
        "ignore": ignore,
        "fail_on": fail_on,
    }
    fixed = load_config_file(config_path) if config_path else None
    files = list(expand_paths(list(paths)))
    # One message language per run: --locale, else --config, else the config
    # nearest the first input.
    first = (fixed or discover(_config_dir(files[0], stdin_filename) if files else os.getcwd())).locale
    out_locale = normalise_locale(locale or first)
    outcome = Outcome([], out_locale)
    for path in files:
        config = (fixed or discover(_config_dir(path, stdin_filename))).merged(**overrides)
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
            outcome.errors.append(error)
            continue
        outcome.fail_on[len(outcome.results)] = config.fail_on
        outcome.results.append(linter.lint(doc))
    return outcome


def _config_dir(path: str, stdin_filename: str | None) -> str:
    """Where config discovery starts for an input."""
    if path == "-":
        return os.path.dirname(os.path.abspath(stdin_filename)) if stdin_filename else os.getcwd()
    return os.path.dirname(os.path.abspath(path))
