"""Items of the Python API (``lint_many``, ``xhslint.distributed``) as jobs: a string is a
note's text, a mapping a batch row (its columns detected as a batch file's are), a Document
itself. One converter for every entry point, so a note gets the same path, kind and vertical
however it arrives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..core.errors import InputError
from ..document.batch import Columns
from ..document.model import Document
from ..engine.linter import Options
from .caches import linter_for
from .jobs import Job


class ItemJobs:
    """``jobs(number, item) -> Job``; ``number`` is the item's 1-based position in its whole
    input, which names an item without an ``id`` (``#number``)."""

    def __init__(self, options: Options, rule_paths: tuple[str, ...], markdown: bool = False) -> None:
        self.options = options
        self.rule_paths = rule_paths
        self.base = Job(options=options, path="", rule_paths=rule_paths, markdown=markdown)
        self.columns: dict[tuple, Columns] = {}

    def __call__(self, number: int, item: Any) -> Job:
        base = self.base
        if isinstance(item, str):
            return replace(base, path=f"#{number}", text=item)
        if isinstance(item, Document):
            return replace(base, path=item.path, doc=item)
        if not isinstance(item, Mapping):
            raise InputError(
                f"expected a string, a mapping or a Document, not {type(item).__name__}", f"#{number}"
            )
        keys = tuple(item)
        if keys not in self.columns:
            self.columns[keys] = Columns.detect(keys, keys, f"#{number}")
        row = self.columns[keys].row(item, number, "", "api")
        if row is None:  # no title, no text: an empty note, still one result per item
            return replace(base, path=f"#{number}", text="")
        options = self.options
        if row.kind or row.vertical:
            options = replace(
                options, kind=row.kind or options.kind, vertical=row.vertical or options.vertical
            )
            linter_for(options, self.rule_paths)
        return replace(base, options=options, path=row.path, text=row.text, title=row.title, meta=row.meta)
