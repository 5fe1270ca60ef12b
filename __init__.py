"""xhslint: a rules-driven linter for Xiaohongshu (RED) KOL briefs and notes.

The public Python API lives here and stays small and stable::

    from xhslint import lint_text
    result = lint_text("全网最低价，手慢无！", kind="copy")
    for d in result.diagnostics:
        print(d.rule, d.match)

    from xhslint import lint_many
    for result in lint_many(["第一条笔记", {"id": "n2", "title": "标题", "content": "正文"}]):
        print(result.path, len(result.diagnostics))

The names load on first use (PEP 562), so ``import xhslint`` and the command
line's ``--help`` do not pay for the engine.
"""

from __future__ import annotations

from .linter.core.version import __version__

TYPE_CHECKING = False  # not typing's: a run the daemon serves should not import typing
if TYPE_CHECKING:
    from typing import Any

    from .linter.api import LintResult, lint_many, lint_text

__all__ = ["LintResult", "__version__", "lint_many", "lint_text"]
_API = frozenset({"LintResult", "lint_many", "lint_text"})


def _alias(name: str, target: str, doc: str) -> None:
    """``xhslint.<name>`` as a module that loads ``xhslint.<target>`` on first use. Not a file at
    the repository root: there a ``distributed.py`` would shadow Dask's own ``distributed``
    whenever the root is on ``sys.path`` (``python -m pytest`` run from it)."""
    import sys
    from types import ModuleType

    class _Alias(ModuleType):
        def __getattr__(self, attribute: str) -> Any:
            from importlib import import_module

            module = import_module(target, __name__)
            self.__dict__.update({k: v for k, v in vars(module).items() if not k.startswith("__")})
            self.__all__ = module.__all__
            return getattr(module, attribute)

        def __dir__(self) -> list[str]:
            return sorted(self.__getattr__("__all__"))

    globals()[name] = sys.modules.setdefault(f"{__name__}.{name}", _Alias(f"{__name__}.{name}", doc))


_alias("distributed", ".linter.distributed", "Lint many notes on Dask: see xhslint.linter.distributed.")


def __getattr__(name: str) -> Any:
    if name in _API:
        from .linter.core import regex_store

        regex_store.preload()  # before the engine's modules compile their patterns
        from .linter import api

        return getattr(api, name)
    raise AttributeError(f"module 'xhslint' has no attribute {name!r}")


def main() -> None:
    """The ``xhslint`` console script: a running ``xhslint daemon`` serves
    ``xhslint lint`` (linter/run/client.py); otherwise the command line runs here."""
    import sys

    from .linter.run import help_cache

    if sys.argv[1:] in help_cache.HELP_ARGS:
        text = help_cache.cached(_render_help)
        if text is not None:
            sys.stdout.write(text)
            sys.exit(0)
    from .linter.run.client import through_daemon, wants_daemon

    if wants_daemon(sys.argv[1:]):
        code = through_daemon(sys.argv[1:])
        if code is not None:
            sys.exit(code)
    from .cli import run

    run()


def _render_help() -> str:
    """What ``xhslint --help`` prints (click's own rendering of the top-level help)."""
    from .cli import main as group

    with group.make_context("xhslint", [], resilient_parsing=True) as ctx:
        return ctx.get_help() + "\n"


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
