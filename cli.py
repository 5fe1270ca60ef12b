"""Command line: parses flags and calls the library; nothing else lives here.

Heavy modules (jieba, spaCy, jsonschema, the rule engine) are imported inside
the commands so ``xhslint --help`` stays fast.
"""

from __future__ import annotations

import os
import sys

import click

from .linter.core import regex_store
from .linter.core.version import __version__
from .linter.core.vocabulary import (
    AUTO,
    BRIEF_FORMATS,
    COMMERCIAL_VERDICTS,
    DOCUMENT_KINDS,
    FORMATS,
    LANGS,
    NOT_PROMOTIONAL,
    SEVERITIES,
    WORKBOOK_FORMATS,
)

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
    # Before any command imports the engine, whose modules compile their patterns on import
    # (not for a bare --help, which never gets here).
    regex_store.preload()


def _selectors(values: tuple[str, ...]) -> tuple[str, ...] | None:
    from .linter.rules.selection import split_selectors

    return tuple(split_selectors(values)) if values else None


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--kind", type=click.Choice([*DOCUMENT_KINDS, AUTO]), help="What the documents are [default: auto]."
)
@click.option("--vertical", metavar="ID", help=VERTICAL_HELP)
@click.option("--lang", type=click.Choice([*LANGS, AUTO]), help="Text language [default: auto].")
@click.option("--locale", metavar="LOCALE", help="Message language: zh-CN or en [default: en].")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, *WORKBOOK_FORMATS]),
    default="text",
    show_default=True,
    help="Report format: text, json, sarif (SARIF 2.1.0), github (workflow annotations), junit, html, "
    "xlsx (a review workbook: -o FILE.xlsx), parquet (findings and notes tables: -o FILE.parquet).",
)
@click.option(
    "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically) instead of stdout."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Lint on N processes, results in input order [default: number of cores].",
)
@click.option("--title-column", metavar="NAME", help="Batch files: the title column [default: detected].")
@click.option("--text-column", metavar="NAME", help="Batch files: the body column [default: detected].")
@click.option(
    "--sheet",
    metavar="NAME",
    help="Workbooks: the sheet (name or number) [default: the first with a text column].",
)
@click.option(
    "--header-row",
    type=click.IntRange(min=1),
    metavar="N",
    help="Batch files: the header is row N [default: the first row that names a text column].",
)
@click.option(
    "--commercial",
    type=click.Choice([AUTO, *COMMERCIAL_VERDICTS, NOT_PROMOTIONAL.replace("_", "-")]),
    metavar="auto|promotional|unclear|not-promotional",
    help="Whether the texts promote something for sale [default: auto, assessed per text; briefs are].",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes to .txt/.md files (never to batch or .docx).")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option(
    "--select", multiple=True, metavar="RULES", help="Only these rules: ids, names, prefixes, categories."
)
@click.option(
    "--ignore", multiple=True, metavar="RULES", help="Skip these rules (same selectors as --select)."
)
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Exit 1 at or above [default: error].")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file; no discovery."
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="Name for '-' input (a .md name parses Markdown; .csv, .xlsx, .jsonl, .parquet read a batch).",
)
@click.option("--title", metavar="TEXT", help="The report's title (html, xlsx): the campaign's name.")
@click.option(
    "--fail-under",
    type=click.IntRange(0, 100),
    metavar="SCORE",
    help="Exit 1 when a document scores below SCORE (0-100; docs/scoring.md).",
)
@click.option(
    "--baseline",
    metavar="FILE.xlsx",
    type=click.Path(dir_okay=False),
    help="A review workbook from --format xlsx: its status, reviewer and note columns are kept; "
    "waived findings do not fail the run.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Lint on a Dask cluster: a scheduler's address (tcp://host:8786), or 'local' for a "
    "LocalCluster of --jobs workers. Same results and order (needs the dask extra).",
)
@click.option(
    "--cache",
    "cache_dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Keep results in DIR: a note linted before with the same rules and config is not linted again.",
)
@click.option("--no-cache", is_flag=True, help="Use no result cache (not even the config's `cache`).")
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
    output,
    jobs,
    title_column,
    text_column,
    sheet,
    header_row,
    commercial,
    fix,
    diff,
    fail_under,
    baseline,
    title,
    scheduler,
    cache_dir,
    no_cache,
):
    """Lint briefs and notes: .txt, .md, .docx, batches (.csv, .tsv, .xlsx, .jsonl, .parquet: one
    note per row), or - for stdin; directories recurse, and a quoted glob ('crawl/*.jsonl') expands."""
    from .linter.core.errors import (
        EXIT_ERROR,
        EXIT_FINDINGS,
        EXIT_INTERNAL,
        EXIT_OK,
        ConfigError,
        InternalError,
        XhslintError,
    )
    from .linter.run.parallel import default_jobs
    from .linter.run.report import write_report
    from .linter.run.runner import LintRun, RunHooks, RunSettings

    def note(message: str) -> None:
        click.echo(f"xhslint: note: {message}", err=True)

    def warn(message: str) -> None:
        click.echo(f"xhslint: warning: {message}", err=True)

    try:
        settings = RunSettings(
            kind=kind,
            vertical=vertical,
            lang=lang,
            locale=locale,
            select=_selectors(select),
            ignore=_selectors(ignore),
            fail_on=fail_on,
            config_path=config_path,
            stdin_filename=stdin_filename,
            title_column=title_column,
            text_column=text_column,
            sheet=sheet,
            header_row=header_row,
            commercial=commercial.replace("-", "_") if commercial else None,
            jobs=jobs or default_jobs(),
            fix=fix,
            diff=diff,
            fail_under=fail_under,
            baseline=baseline,
            scheduler=scheduler,
            cache=cache_dir,
            no_cache=no_cache,
        )
        _not_an_input(output, [p for p in paths if p != "-"])
        if fmt == "parquet":  # before anything is linted (or a cluster started)
            from .linter.output.parquet import Writer as ParquetWriter
            from .linter.output.parquet import notes_path

            if output in (None, "-"):
                raise ConfigError(ParquetWriter.needs_file)
            _not_an_input(notes_path(output), [p for p in paths if p != "-"])
        hooks = RunHooks(on_note=note, on_warning=warn, on_diff=lambda text: click.echo(text, nl=False))
        run = LintRun(paths, settings, hooks)
        if diff:
            for _ in run:
                pass
        else:
            color = (
                not no_color
                and fmt == "text"
                and output in (None, "-")
                and sys.stdout.isatty()
                and "NO_COLOR" not in os.environ
            )
            write_report(run, fmt, output, color, title)
    except XhslintError as error:
        _fail(error)
    regex_store.remember()  # what this run compiled, for the next one
    for problem in run.errors:
        click.echo(problem.one_line(), err=True)
    if run.fixed_files:
        done = "would fix" if diff else "fixed"
        note(f"{done} {run.fixes} problem(s) in {run.fixed_files} file(s)")
    if any(isinstance(error, InternalError) for error in run.errors):
        sys.exit(EXIT_INTERNAL)
    if run.errors:
        sys.exit(EXIT_ERROR)
    if diff:
        sys.exit(EXIT_FINDINGS if run.fixed_files else EXIT_OK)
    sys.exit(EXIT_FINDINGS if run.failed and not exit_zero else EXIT_OK)


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
    from .linter.core.errors import XhslintError
    from .linter.ruletools.listing import list_rules

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
    from .linter.core.errors import XhslintError
    from .linter.ruletools.listing import show_rule

    try:
        click.echo(show_rule(rule, locale, fmt, config_path))
    except XhslintError as error:
        _fail(error)


@rules.command("docs", context_settings=CONTEXT)
@click.argument("folder", type=click.Path(file_okay=False))
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Config file (for rule_paths)."
)
def rules_docs(folder, config_path):
    """Write one Markdown page per loaded rule, and an index (README.md), into FOLDER.

    The bundled rules' pages live in docs/rules/ (`xhslint rules docs docs/rules`)."""
    import os

    from .linter.core.errors import XhslintError
    from .linter.ruletools.pages import write_pages
    from .linter.run.caches import strict_rules_for
    from .linter.run.config import discover, load_config_file

    try:
        config = load_config_file(config_path) if config_path else discover(os.getcwd())
        written = write_pages(folder, strict_rules_for(config.rule_paths))
    except XhslintError as error:
        _fail(error)
    click.echo(f"{len(written)} pages in {folder}", err=True)


@rules.command("test", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option(
    "--all-terms",
    is_flag=True,
    help="Also require every term of a terms rule to be matched by a flag example.",
)
def rules_test(paths, all_terms):
    """Run the examples of the rules in PATHS (rule files or folders; default: the bundled rules).

    Each flag example must trigger its rule (with the match, severity and fixed text it
    states) and each pass example must not, linted with the bundled rules loaded as well.
    Exit 0 when all hold, 1 on a failing example, 2 on a rule file that does not load."""
    from pathlib import Path

    from .linter.core.errors import XhslintError
    from .linter.core.resources import RULES_DIR
    from .linter.rules.loader import load_rules
    from .linter.ruletools.examples import run_examples

    def within(path, folder) -> bool:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())

    bundled_parts = [p for p in paths if within(p, RULES_DIR)]  # rules/compliance: bundled already
    extra = [p for p in paths if p not in bundled_parts]
    try:
        rules = load_rules(extra)  # beside the bundled rules, whose ids they must not reuse
        if paths:
            rules = [
                r
                for r in rules
                if not within(r.source, RULES_DIR) or any(within(r.source, p) for p in bundled_parts)
            ]
        failures = list(run_examples(rules, extra, all_terms=all_terms))
    except XhslintError as error:
        _fail(error)
    for failure in failures:
        click.echo(failure.one_line())
    examples = sum(len(r.examples["flag"]) + len(r.examples["pass"]) for r in rules)
    click.echo(f"{len(rules)} rules, {examples} examples, {len(failures)} failing", err=True)
    sys.exit(1 if failures else 0)


@main.group(context_settings=CONTEXT)
def brief() -> None:
    """Generate creator briefs that follow the XHS playbook (Markdown or Word)."""


TEMPLATES_HELP = "Your own templates folder (laid out like brief_templates/); falls back to the bundled ones."


@brief.command("init", context_settings=CONTEXT)
@click.option("--vertical", required=True, metavar="ID", help="Vertical id (see: xhslint brief verticals).")
@click.option("--locale", metavar="LOCALE", help="Language of the brief: zh-CN or en [default: zh-CN].")
@click.option("--templates", type=click.Path(file_okay=False), help=TEMPLATES_HELP)
def brief_init(vertical, locale, templates):
    """Print a commented starter data file for a vertical (redirect it to brief.yaml)."""
    from .linter.briefs.starter import starter_yaml
    from .linter.core.errors import XhslintError

    try:
        click.echo(starter_yaml(vertical, locale, templates=templates), nl=False)
    except XhslintError as error:
        _fail(error)


@brief.command("render", context_settings=CONTEXT)
@click.argument("data_file", type=click.Path(dir_okay=False))
@click.option("--locale", metavar="LOCALE", help="zh-CN or en [default: the data file's locale, else zh-CN].")
@click.option(
    "--format", "fmt", type=click.Choice(BRIEF_FORMATS), help="[default: md; docx for an -o FILE.docx]"
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write here (atomically)."
)
@click.option("--templates", type=click.Path(file_okay=False), help=TEMPLATES_HELP)
@click.option(
    "--document",
    type=click.Choice(["creator", "plan"]),
    default="creator",
    show_default=True,
    help="creator: the brief creators get; plan: the internal plan (pyramid headcounts, budget, KPIs, "
    "measurement), from the same data file.",
)
@click.option(
    "--tier",
    type=click.Choice(["top", "mid", "micro", "koc"]),
    help="The creator brief for one tier: its deliverable and waves only (a KOC's is shorter).",
)
def brief_render(data_file, locale, fmt, output, templates, document, tier):
    """Validate a brief data file and render the brief; planning warnings go to stderr."""
    from .linter.briefs.output import choose_format, write_brief
    from .linter.briefs.render import render_brief
    from .linter.core.errors import XhslintError

    try:
        rendered = render_brief(data_file, locale=locale, templates=templates, document=document, tier=tier)
        text = write_brief(rendered, choose_format(fmt, output), output)
    except XhslintError as error:
        _fail(error)
    for warning in rendered.warnings:
        click.echo(warning.one_line(), err=True)
    if text is not None:
        click.echo(text, nl=False)


@brief.command("verticals", context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--locale", metavar="LOCALE", help="Language of names and descriptions [default: en].")
def brief_verticals(fmt, locale):
    """List the verticals briefs can be written for (json: [{"id", "name", "description"}])."""
    from .linter.briefs.verticals import format_verticals
    from .linter.core.errors import XhslintError
    from .linter.core.messages import normalise_locale

    try:
        click.echo(format_verticals(fmt, normalise_locale(locale)))
    except XhslintError as error:
        _fail(error)


@main.group(context_settings=CONTEXT)
def plan() -> None:
    """Check a campaign plan: the KOL roster, its schedule and its measurement (playbook Lessons 1-8)."""


def _columns(values: tuple[str, ...]) -> dict[str, str]:
    from .linter.core.errors import ConfigError

    mapping = {}
    for value in values:
        field, sep, header = value.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise ConfigError(f"--column takes FIELD=HEADER (e.g. followers=粉丝量), not '{value}'")
        mapping[field.strip()] = header.strip()
    return mapping


@plan.command("lint", context_settings=CONTEXT)
@click.argument("roster", type=click.Path(dir_okay=False))
@click.option(
    "--campaign",
    "campaign_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="campaign.yaml (xhslint plan init), or a brief data file with a plan: section.",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=HEADER",
    help="Map a roster field to its header, e.g. followers=粉丝量 (repeatable).",
)
@click.option("--locale", metavar="LOCALE", help="Message language: zh-CN or en [default: en].")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "xlsx"]),
    default="text",
    show_default=True,
    help="Report format, as for xhslint lint; xlsx (with -o FILE.xlsx) writes the roster back with its "
    "tier, rates and findings.",
)
@click.option(
    "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically) instead of stdout."
)
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (ids, names or prefixes).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Exit 1 at or above [default: error].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--no-color", is_flag=True, help="Never colour the output (also: NO_COLOR).")
def plan_lint(
    roster, campaign_path, columns, locale, fmt, output, select, ignore, fail_on, config_path, no_color
):
    """Lint a roster (.xlsx, .csv, .tsv or .jsonl; one creator per row) against its campaign.

    Findings point at ROSTER#ROW and the column (roster.xlsx#7 D (领域)); a cell that cannot be read
    is reported with its row and column, the other rows are still checked, and the exit code is 2."""
    from pathlib import Path

    from .linter.core.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, XhslintError
    from .linter.core.messages import normalise_locale
    from .linter.core.vocabulary import SEVERITY_RANK
    from .linter.run.config import discover, load_config_file
    from .linter.run.plan_run import lint_plan_file
    from .linter.run.report import write_results

    try:
        config = load_config_file(config_path) if config_path else discover(str(Path(roster).parent))
        chosen_select = _selectors(select) or config.select
        outcome = lint_plan_file(
            roster,
            campaign_path=campaign_path,
            columns=_columns(columns),
            config_columns=dict(config.plan_columns),
            select=chosen_select,
            ignore=_selectors(ignore) or config.ignore,
            rule_paths=config.rule_paths,
        )
        locale = normalise_locale(locale or config.locale)
        _not_an_input(output, [roster, campaign_path])
        if fmt == "xlsx":
            _write_roster(roster, output, outcome, locale)
        else:
            color = not no_color and fmt == "text" and output in (None, "-") and sys.stdout.isatty()
            color = color and "NO_COLOR" not in os.environ
            write_results(
                outcome.results, fmt, output, locale, outcome.rules, outcome.problems, config.docs_url, color
            )
    except XhslintError as error:
        _fail(error)
    for problem in outcome.problems:
        click.echo(problem.one_line(), err=True)
    if outcome.problems:
        sys.exit(EXIT_ERROR)
    threshold = SEVERITY_RANK[fail_on or config.fail_on]
    failed = any(SEVERITY_RANK[d.severity] >= threshold for r in outcome.results for d in r.diagnostics)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _not_an_input(output: str | None, inputs: list[str | None]) -> None:
    """A report never replaces what it reports on (the notes, the roster, the campaign file);
    a review workbook given as --baseline may be rewritten (it is read first)."""
    from pathlib import Path

    from .linter.core.errors import ConfigError

    if output and output != "-" and any(p and Path(output).resolve() == Path(p).resolve() for p in inputs):
        raise ConfigError(
            "-o must name a new file: what is linted (notes, roster, campaign file) is never written"
        )


def _write_roster(roster: str, output: str | None, outcome, locale: str) -> None:
    from pathlib import Path

    from .linter.core.errors import ConfigError
    from .linter.output.xlsx_plan import write_plan_workbook

    if not output or output == "-" or Path(output).suffix.lower() != ".xlsx":
        raise ConfigError("--format xlsx writes a workbook: give -o FILE.xlsx")
    write_plan_workbook(output, outcome.plan, outcome.results, locale)


@plan.command("init", context_settings=CONTEXT)
@click.option("--vertical", required=True, metavar="ID", help="Vertical id (see: xhslint brief verticals).")
@click.option("--locale", metavar="LOCALE", help="Language of the comments: zh-CN or en [default: zh-CN].")
@click.option("--templates", type=click.Path(file_okay=False), help=TEMPLATES_HELP)
def plan_init(vertical, locale, templates):
    """Print a commented starter campaign file (redirect it to campaign.yaml)."""
    from .linter.briefs.starter import campaign_starter_yaml
    from .linter.core.errors import XhslintError

    try:
        click.echo(campaign_starter_yaml(vertical, locale, templates=templates), nl=False)
    except XhslintError as error:
        _fail(error)


@main.command(context_settings=CONTEXT)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (not loopback: a warning)."
)
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port [default: a free one].")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--max-upload-mb", type=click.IntRange(1, 1024), default=20, show_default=True)
@click.option(
    "--max-rows", type=click.IntRange(1), default=20_000, show_default=True, help="Notes per batch."
)
def serve(host, port, no_browser, config_path, max_upload_mb, max_rows):
    """A local web workspace: check a note as you type, a batch from a spreadsheet, write a brief,
    check a campaign plan, read the rules. Needs the serve extra: pip install 'xhslint[serve]'."""
    from .linter.core.errors import XhslintError

    try:
        from .linter.serve.server import run_server
    except ImportError as exc:
        _fail(XhslintError(f"xhslint serve needs the serve extra (pip install 'xhslint[serve]'): {exc}"))
    try:
        run_server(host, port, not no_browser, config_path, max_upload_mb, max_rows, echo=click.echo)
    except XhslintError as error:
        _fail(error)


LSP_HELP = """A language server on stdio: lints briefs and notes (markdown, plaintext) as you type.

\b
Client setup (the README's "xhslint lsp" section has each in full):
  VS Code  the "Generic LSP Client (v2)" extension, in settings.json:
           "glspc.server.command": "xhslint", "glspc.server.commandArguments": ["lsp"],
           "glspc.server.languageId": ["markdown", "plaintext"]
  Neovim   vim.lsp.config("xhslint", {cmd = {"xhslint", "lsp"},
             filetypes = {"markdown", "text"}}); vim.lsp.enable("xhslint")
  Zed      an extension must register the server; then in settings.json
           "lsp": {"xhslint": {"binary": {"path": "xhslint", "arguments": ["lsp"]}}}
  Helix    [language-server.xhslint] command = "xhslint", args = ["lsp"];
           add "xhslint" to the markdown language's language-servers

\b
initializationOptions: {"debounce_ms": 300, "languages": ["..."], "locale": "zh-CN"}.
Needs the lsp extra: pip install 'xhslint[lsp]'."""


@main.command(context_settings=CONTEXT, help=LSP_HELP, short_help="A language server for editors (stdio).")
def lsp():
    from .linter.core.errors import XhslintError

    try:
        from .linter.lsp.server import main as serve_stdio
    except ImportError as exc:
        _fail(XhslintError(f"xhslint lsp needs the lsp extra (pip install 'xhslint[lsp]'): {exc}"))
    serve_stdio()


@main.group(context_settings=CONTEXT)
def daemon() -> None:
    """A resident, warm xhslint that `xhslint lint` uses while it runs (Unix; opt-in).

    Editors and pre-commit hooks lint small files again and again; with the daemon
    running, each `xhslint lint` skips start-up (imports, rules, dictionaries) and
    gives the same output and exit code. It serves only your user, over a socket in
    a private directory, and steps aside by itself when xhslint or its bundled rules
    change. XHSLINT_DAEMON=off makes a run ignore it."""


def _daemon_module():
    from .linter.run import daemon as module

    if not module.supported():
        click.echo("xhslint: the daemon needs Unix sockets and fork (Linux, macOS)", err=True)
        sys.exit(2)
    return module


def _running(answer: dict | None) -> dict:
    """The daemon's answer, or exit 1 saying it is not running."""
    if answer is None:
        click.echo("xhslint daemon is not running")
        sys.exit(1)
    return answer


@daemon.command("start", context_settings=CONTEXT)
def daemon_start():
    """Start the daemon (nothing happens when it already runs)."""
    module = _daemon_module()
    state, started = module.start()
    if state is None:
        log = module.socket_path().parent / "daemon.log"
        click.echo(f"xhslint: the daemon did not start (see {log})", err=True)
        sys.exit(2)
    verb = "started" if started else "already running"
    click.echo(f"xhslint daemon {verb}: pid {state['pid']}, socket {module.socket_path()}")


@daemon.command("stop", context_settings=CONTEXT)
def daemon_stop():
    """Stop the daemon. Exit 1 when none was running."""
    answer = _running(_daemon_module().stop())
    click.echo(f"xhslint daemon stopped (pid {answer['stopped']})")


@daemon.command("serve", hidden=True, context_settings=CONTEXT)
@click.argument("socket_path", type=click.Path())
def daemon_serve(socket_path):
    """Run the daemon in this process (`daemon start` launches it)."""
    from pathlib import Path

    sys.exit(_daemon_module().serve(Path(socket_path), run))


@daemon.command("status", context_settings=CONTEXT)
def daemon_status():
    """Say whether the daemon runs. Exit 0 when it does, 1 when not."""
    module = _daemon_module()
    state = _running(module.status())
    click.echo(
        f"xhslint daemon running: pid {state['pid']}, up {state['uptime']:.0f} s, "
        f"{state['served']} runs served, socket {module.socket_path()}"
    )


def run(argv: list[str] | None = None) -> None:
    """Console entry point: no traceback reaches a user unless XHSLINT_DEBUG is set.
    ``argv``: the arguments (default: the process's), as the daemon passes a client's."""
    try:
        main(args=argv, prog_name="xhslint", standalone_mode=True)
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
        sys.exit(3)  # EXIT_INTERNAL (linter.errors), without importing it at start-up


if __name__ == "__main__":  # pragma: no cover
    run()
