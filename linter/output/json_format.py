"""``--format json``: the stable, documented contract (see README).

Streamed: each file's entry is written as soon as it is linted; the text is
exactly ``json.dumps(payload, ensure_ascii=False, indent=2)``, except that
U+2028, U+2029, U+0085 and lone surrogates are written as ``\\u`` escapes
(the same string when parsed, and safe for line-based tools).
"""

from __future__ import annotations

import json

from ..core.version import __version__
from ..engine.diagnostics import FileResult
from .base import Writer as BaseWriter
from .base import dump_json


def _dump(value, indent: int) -> str:
    return dump_json(value, indent)


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
