"""``--format json``: the stable, documented contract (see README).

Streamed: each file's entry is written as soon as it is linted; the text is
exactly ``json.dumps(payload, ensure_ascii=False, indent=2)``.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from ... import __version__
from ..diagnostics import FileResult
from . import Writer as BaseWriter
from . import render


def _dump(value, indent: int) -> str:
    return textwrap.indent(json.dumps(value, ensure_ascii=False, indent=2), " " * indent).lstrip(" ")


class Writer(BaseWriter):
    def write(self, result: FileResult) -> None:
        if self.tally.files == 1:
            self.out.write(f'{{\n  "version": {json.dumps(__version__)},\n  "files": [\n    ')
        else:
            self.out.write(",\n    ")
        self.out.write(_dump(result.to_json(self.locale), 4))

    def close(self, rules=(), errors=()) -> None:
        if self.tally.files == 0:
            self.out.write(f'{{\n  "version": {json.dumps(__version__)},\n  "files": [],\n')
        else:
            self.out.write("\n  ],\n")
        self.out.write(f'  "summary": {_dump(self.tally.summary(), 2)}\n}}\n')


def format_json(results: Sequence[FileResult], locale: str, color: bool = False) -> str:
    return render(Writer, results, locale, color)
