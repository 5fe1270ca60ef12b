"""``xhslint lsp``: a language server (pygls 2, stdio) that lints briefs and notes as they are
written, with the engine warm in this one process.

- Documents: ``markdown`` and ``plaintext``, and the language ids the client lists in
  ``initializationOptions.languages``. Config is discovered per file exactly as the CLI does
  (nearest file wins) and reloaded, with every open document re-linted, when a config or rule
  file changes (``workspace/didChangeWatchedFiles`` or a save of one in the editor).
- Diagnostics on open, on change (debounced: ``initializationOptions.debounce_ms``, default
  300) and on save. A result is published only while the document is still at the version that
  was linted. ``code`` is the rule id, ``codeDescription.href`` its page, ``data`` carries the
  safe fix; ranges are in the negotiated position encoding (UTF-16 unless the client offers
  another).
- Code actions: the safe fix; fix every safe problem in the file; insert
  ``<!-- xhslint-disable-next-line ID -->``; add the matched word to the nearest config's
  ``brand_terms`` (brand_terms.py). Every action is a workspace edit that the editor applies.
  Hover: the rule's message, rationale, references and suggestion. A code lens on line 1:
  score, band, kind, vertical and title width.
- A broken config or rule file is one ``window/showMessage`` error; the server keeps running.
- Text sync is full, not incremental (see ``XhslintServer.__init__``).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from ..core.errors import ConfigError, XhslintError
from ..core.messages import catalogue, normalise_locale
from ..core.version import __version__
from ..document.readers import MARKDOWN_SUFFIXES, document_from_text
from ..engine.diagnostics import FileResult
from ..run import caches
from ..run.config import Config, discover
from ..run.runner import options_for
from .brand_terms import add_brand_term, config_target, minimal_change
from .convert import SOURCE, Positions, hover_text, score_lens, to_lsp

LANGUAGES = ("markdown", "plaintext")
DEBOUNCE_MS = 300
CONFIG_NAMES = (".xhslint.toml", "pyproject.toml", "setup.cfg")
FIX_ALL_KIND = "source.fixAll.xhslint"
MAX_TERM = 40  # characters: longer matches are passages, offered no "add to the brand terms"


@dataclass
class Linted:
    version: int | None
    result: FileResult
    config: Config


@dataclass
class State:
    languages: set[str] = field(default_factory=lambda: set(LANGUAGES))
    debounce: float = DEBOUNCE_MS / 1000
    locale: str | None = None  # initializationOptions.locale; else the config's
    pending: dict[str, asyncio.Task] = field(default_factory=dict)
    linted: dict[str, Linted] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)  # error messages already shown


def path_of(uri: str) -> str | None:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else None


class XhslintServer(LanguageServer):
    def __init__(self) -> None:
        # Full sync: pygls applies incremental edits on str.splitlines() lines, which split at
        # U+2028 and form feeds too, so such a character would misplace every later edit. The
        # client then sends whole texts; a note or brief is a few kilobytes.
        super().__init__("xhslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.state = State()

    # ---------------------------------------------------------- linting

    def wanted(self, document) -> bool:
        path = path_of(document.uri) or ""
        return document.language_id in self.state.languages or Path(path).suffix.lower() in (".md", ".txt")

    def folder_for(self, path: str | None) -> str:
        if path:
            return str(Path(path).parent)
        folders = list(self.workspace.folders.values())
        return path_of(folders[0].uri) or os.getcwd() if folders else os.getcwd()

    def lint(self, uri: str) -> Linted | None:
        document = self.workspace.get_text_document(uri)
        path = path_of(uri)
        config = discover(self.folder_for(path))
        linter = caches.linter_for(options_for(config), config.rule_paths)
        for problem in caches.rule_problems(config.rule_paths):
            self.error(problem)
        markdown = document.language_id == "markdown" or Path(path or "").suffix.lower() in MARKDOWN_SUFFIXES
        result = linter.lint(document_from_text(document.source, path or uri, markdown=markdown))
        return Linted(document.version, result, config)

    def locale(self, config: Config) -> str:
        return normalise_locale(self.state.locale or config.locale)

    def publish(self, uri: str, linted: Linted) -> None:
        document = self.workspace.get_text_document(uri)
        if document.version != linted.version:  # edited since: a newer lint is on its way
            return
        self.state.linted[uri] = linted
        locale, positions = self.locale(linted.config), Positions.of(document)
        docs_url = linted.config.docs_url
        diagnostics = [to_lsp(positions, d, locale, docs_url) for d in linted.result.diagnostics]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=linted.version)
        )

    def check(self, uri: str) -> None:
        try:
            linted = self.lint(uri)
        except XhslintError as error:
            self.error(error)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
            return
        if linted is not None:
            self.publish(uri, linted)

    def schedule(self, uri: str) -> None:
        """Lint after the debounce; a newer edit cancels the wait."""
        pending = self.state.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

        async def later() -> None:
            await asyncio.sleep(self.state.debounce)
            self.state.pending.pop(uri, None)
            self.check(uri)

        self.state.pending[uri] = asyncio.ensure_future(later())

    def error(self, error: XhslintError) -> None:
        line = error.one_line()
        if line not in self.state.shown:
            self.state.shown.add(line)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=line))

    def reload(self) -> None:
        """A config or rule file changed: forget what was discovered and compiled, re-lint all."""
        discover.cache_clear()
        caches.rules_for.cache_clear()
        caches.linter_for.cache_clear()
        self.state.shown.clear()
        for uri in list(self.workspace.text_documents):
            if self.wanted(self.workspace.get_text_document(uri)):
                self.check(uri)


server = XhslintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: XhslintServer, params: types.InitializeParams) -> None:
    options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
    languages = options.get("languages")
    if isinstance(languages, list):
        ls.state.languages = set(LANGUAGES) | {str(x) for x in languages}
    debounce = options.get("debounce_ms")
    if isinstance(debounce, int) and 0 <= debounce <= 10_000:
        ls.state.debounce = debounce / 1000
    if isinstance(options.get("locale"), str):
        ls.state.locale = options["locale"]


WATCHED = (*(f"**/{name}" for name in CONFIG_NAMES), "**/*.yaml", "**/*.yml")


@server.feature(types.INITIALIZED)
async def initialized(ls: XhslintServer, params: types.InitializedParams) -> None:
    """Ask the client to report changes on disk to config and rule files (most clients send
    ``workspace/didChangeWatchedFiles`` only for globs a server registers)."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace else None
    if not (watched and watched.dynamic_registration):
        return
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
    )
    registration = types.Registration(
        id="xhslint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
    )
    with contextlib.suppress(Exception):  # a client that refuses: saves in the editor still reload
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: XhslintServer, params: types.DidOpenTextDocumentParams) -> None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    if ls.wanted(document):
        ls.check(document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: XhslintServer, params: types.DidChangeTextDocumentParams) -> None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    if ls.wanted(document):
        ls.schedule(document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: XhslintServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if _is_config_or_rule(path_of(uri)):
        ls.reload()
        return
    document = ls.workspace.get_text_document(uri)
    if ls.wanted(document):
        ls.check(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: XhslintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    pending = ls.state.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.state.linted.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def watched(ls: XhslintServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(_is_config_or_rule(path_of(change.uri)) for change in params.changes):
        ls.reload()


def _is_config_or_rule(path: str | None) -> bool:
    if not path:
        return False
    name = Path(path).name
    return name in CONFIG_NAMES or Path(path).suffix in (".yaml", ".yml")


def _at(ls: XhslintServer, uri: str, position: types.Position):
    linted = ls.state.linted.get(uri)
    if linted is None:
        return None, []
    offset = Positions.of(ls.workspace.get_text_document(uri)).offset(position)
    found = [d for d in linted.result.diagnostics if d.start <= offset <= max(d.end, d.start + 1)]
    return linted, found


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: XhslintServer, params: types.HoverParams) -> types.Hover | None:
    linted, found = _at(ls, params.text_document.uri, params.position)
    if not found or linted is None:
        return None
    locale = ls.locale(linted.config)
    text = "\n\n---\n\n".join(hover_text(d, locale) for d in found)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))


@server.feature(types.TEXT_DOCUMENT_CODE_LENS)
def code_lens(ls: XhslintServer, params: types.CodeLensParams) -> list[types.CodeLens]:
    linted = ls.state.linted.get(params.text_document.uri)
    if linted is None:
        return []
    return [score_lens(linted.result, catalogue(ls.locale(linted.config)))]


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL_KIND]
    ),
)
def code_action(ls: XhslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    linted = ls.state.linted.get(uri)
    document = ls.workspace.get_text_document(uri)
    if linted is None or linted.version != document.version:
        return []
    actions: list[types.CodeAction] = []
    labels = catalogue(ls.locale(linted.config))
    ours = [d for d in params.context.diagnostics if d.source == SOURCE and isinstance(d.data, dict)]
    lines = Positions.of(document).lines
    for diagnostic in ours:
        data = cast(dict[str, Any], diagnostic.data)
        rule, match = str(data.get("rule", "")), str(data.get("match", ""))
        if "fix" in data:
            actions.append(
                _replace(uri, diagnostic, labels.text("lsp_replace", match=match, fix=data["fix"], rule=rule))
            )
        line = diagnostic.range.start.line
        title = labels.text("lsp_disable", rule=rule)
        actions.append(
            _disable_next_line(uri, diagnostic, rule, title, lines[line] if line < len(lines) else "")
        )
        if match.strip() and len(match) <= MAX_TERM and "\n" not in match:  # a word, not a passage
            action = _add_brand_term(ls, uri, diagnostic, match, labels)
            if action is not None:
                actions.append(action)
    fixes = _fix_all(document, linted.result)
    if fixes:
        actions.append(types.CodeAction(
            title=labels.text("lsp_fix_all", count=len(fixes)),
            kind=FIX_ALL_KIND, edit=types.WorkspaceEdit(changes={uri: fixes}),
        ))  # fmt: skip
    wanted = params.context.only
    if wanted:
        actions = [
            a for a in actions if a.kind and any(a.kind == k or a.kind.startswith(f"{k}.") for k in wanted)
        ]
    return actions


def _replace(uri: str, diagnostic: types.Diagnostic, title: str) -> types.CodeAction:
    fix = str(cast(dict[str, Any], diagnostic.data)["fix"])
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=True,
        edit=_edit(uri, diagnostic.range, fix),
    )  # fmt: skip


def _disable_next_line(
    uri: str, diagnostic: types.Diagnostic, rule: str, title: str, line: str
) -> types.CodeAction:
    at = types.Position(line=diagnostic.range.start.line, character=0)
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    comment = f"{indent}<!-- xhslint-disable-next-line {rule} -->\n"
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
        edit=_edit(uri, types.Range(start=at, end=at), comment),
    )  # fmt: skip


def _add_brand_term(
    ls: XhslintServer, uri: str, diagnostic: types.Diagnostic, word: str, labels
) -> types.CodeAction | None:
    """The nearest config gets ``word`` in ``brand_terms``, as an edit the editor applies (onto
    the open buffer if the config is open); without a config, one is created."""
    path = path_of(uri)
    folders = [path_of(f.uri) for f in ls.workspace.folders.values()]
    folder = next((f for f in folders if f and path and path.startswith(f.rstrip("/") + "/")), None)
    try:
        target = config_target(discover(ls.folder_for(path)).source, folder or ls.folder_for(path))
        target_uri = target.resolve().as_uri()
        config = ls.workspace.text_documents.get(target_uri)
        before = (
            config.source if config is not None else (target.read_text("utf-8") if target.is_file() else None)
        )
        after = add_brand_term(target, before or "", word)
    except (XhslintError, OSError, UnicodeDecodeError) as error:
        ls.error(
            error if isinstance(error, XhslintError) else ConfigError(f"cannot read the config ({error})")
        )
        return None
    title = labels.text("lsp_add_brand_term", word=word, file=target.name)
    if before is None:  # no config yet: create one
        create = types.CreateFile(uri=target_uri, options=types.CreateFileOptions(ignore_if_exists=True))
        top = types.Range(start=types.Position(0, 0), end=types.Position(0, 0))
        insert = types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=target_uri, version=None),
            edits=[types.TextEdit(range=top, new_text=after)],
        )
        edit = types.WorkspaceEdit(document_changes=[create, insert])
    else:
        start, end, text = minimal_change(before, after)
        edit = _edit(target_uri, Positions(before, ls.workspace.position_codec).range(start, end), text)
    return types.CodeAction(
        title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], edit=edit
    )


def _edit(uri: str, where: types.Range, text: str) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(range=where, new_text=text)]})


def _fix_all(document, result: FileResult) -> list[types.TextEdit]:
    """Every safe fix that does not overlap another, as edits of the current text."""
    edits, last_end, positions = [], -1, Positions.of(document)
    for d in sorted((d for d in result.diagnostics if d.fix is not None), key=lambda d: d.start):
        if d.start >= last_end:
            edits.append(types.TextEdit(range=positions.range(d.start, d.end), new_text=d.fix or ""))
            last_end = d.end
    return edits


def main() -> None:
    server.start_io()
