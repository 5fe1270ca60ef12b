"""xhslint: a rules-driven linter for Xiaohongshu (RED) KOL briefs and notes.

The public Python API lives here and stays small and stable::

    from xhslint import lint_text
    result = lint_text("全网最低价，手慢无！", kind="copy")
    for d in result.diagnostics:
        print(d.rule, d.match)

    from xhslint import lint_many
    for result in lint_many(["第一条笔记", {"id": "n2", "title": "标题", "content": "正文"}]):
        print(result.path, len(result.diagnostics))
"""

from __future__ import annotations

from .linter.api import LintResult, lint_many, lint_text
from .linter.core.version import __version__

__all__ = ["LintResult", "__version__", "lint_many", "lint_text"]
