"""Command line: parses flags and calls the library; nothing else lives here.

Heavy modules (jieba, spaCy, jsonschema, the rule engine) are imported inside
the commands so ``xhslint --help`` stays fast.
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
VERTICAL_HELP = (
    "Vertical id (beauty, fashion, food, mother-baby, travel, home, fitness, electronics, pets, "
    "luxury, or your own). Detected from cue words when absent."
)


def _fail(error) -> None:
    click.echo(error.one_line(), err=True)
    sys.exit(2)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="xhslint")
def main() -> None:
    """Lint Xiaohongshu (RED) KOL briefs and notes, in Chinese and English."""


def _selectors(values: tuple[str, ...]) -> tuple[str, ...] | None:
    from .linter.selection import split_selectors

    return tuple(split_selectors(values)) if values else None


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--kind", type=click.Choice(["brief", "copy", "auto"]), help="What the documents are [default: auto]."
)
@click.option("--vertical", metavar="ID", help=VERTICAL_HELP)
@click.option("--lang", type=click.Choice(["zh", "en", "auto"]), help="Text language [default: auto].")
@click.option("--locale", metavar="LOCALE", help="Message language: zh-CN or en [default: en].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--select", multiple=True, metavar="RULES", help="Only these rules: ids, names, prefixes, categories."
)
@click.option(
    "--ignore", multiple=True, metavar="RULES", help="Skip these rules (same selectors as --select)."
)
@click.option(
    "--fail-on", type=click.Choice(["error", "warning", "info"]), help="Exit 1 at or above [default: error]."
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file; no discovery."
)
@click.option("--stdin-filename", metavar="NAME", help="Name for '-' input (a .md name parses Markdown).")
@click.option("--no-color", is_flag=True, help="Never colour the output (also: NO_COLOR).")
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when problems are found (input errors still exit 2)."
)
def lint(
    paths,
    kind,
    vertical,
    lang,
    locale,
    fmt,
    select,
    ignore,
    fail_on,
    config_path,
    stdin_filename,
    no_color,
    exit_zero,
):
    """Lint briefs and notes (.txt, .md, or - for stdin); directories recurse."""
    from .linter.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, XhslintError
    from .linter.runner import run_lint

    try:
        outcome = run_lint(
            paths,
            kind=kind,
            vertical=vertical,
            lang=lang,
            locale=locale,
            select=_selectors(select),
            ignore=_selectors(ignore),
            fail_on=fail_on,
            config_path=config_path,
            stdin_filename=stdin_filename,
        )
    except XhslintError as error:
        _fail(error)
    color = not no_color and fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    from .linter.formatters import get_formatter

    click.echo(get_formatter(fmt)(outcome.results, outcome.locale, color))
    for error in outcome.errors:
        click.echo(error.one_line(), err=True)
    if outcome.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if outcome.failed and not exit_zero else EXIT_OK)


@main.group(context_settings=CONTEXT)
def rules() -> None:
    """List and explain the loaded rules."""


@rules.command("list", context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules.")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Config file (for rule_paths)."
)
def rules_list(fmt, select, config_path):
    """One line per rule: id, name, category, severity, scope."""
    from .linter.errors import XhslintError
    from .linter.rule_docs import list_rules

    try:
        click.echo(list_rules(fmt, _selectors(select), config_path))
    except XhslintError as error:
        _fail(error)


@rules.command("show", context_settings=CONTEXT)
@click.argument("rule")
@click.option("--locale", metavar="LOCALE", help="Message language: zh-CN or en [default: en].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Config file (for rule_paths)."
)
def rules_show(rule, locale, fmt, config_path):
    """Everything about one rule: rationale, references and examples."""
    from .linter.errors import XhslintError
    from .linter.rule_docs import show_rule

    try:
        click.echo(show_rule(rule, locale, fmt, config_path))
    except XhslintError as error:
        _fail(error)


EXIT_INTERNAL = 3


def run() -> None:
    """Console entry point: no traceback reaches a user unless XHSLINT_DEBUG is set."""
    try:
        main(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("XHSLINT_DEBUG"):
            raise
        click.echo(
            f"xhslint: internal error: {type(exc).__name__}: {exc} (set XHSLINT_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    run()
