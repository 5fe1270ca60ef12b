"""``xhslint lsp`` driven by a real LSP client (pytest-lsp) over stdio, the server in its own
process as an editor runs it: diagnostics and their UTF-16 ranges, debounced edits, code
actions applied to the text, hover, the score lens, broken config and rule files, shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from pathlib import Path

import pytest
import tomllib

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from xhslint.linter.api import lint_text  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.asyncio]

SERVER = [sys.executable, "-c", "from xhslint.cli import run; run(['lsp'])"]
DEBOUNCE_MS = 40
# A creator's ad draft: astral emoji before both findings, on two lines.
NOTE = "🔥🔥这款面霜是全网最低价！\n😀今天下单立减，全网最便宜的就是它\n"
CLEAN = "今天天气很好，出门散步\n"
PROMOTIONAL = 'commercial = "promotional"\n'


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics in order (with its version) and
    the capabilities the server registers."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]

    def register(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)  # type: ignore[attr-defined]
        client.diagnostics[params.uri] = params.diagnostics

    features = {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
        types.CLIENT_REGISTER_CAPABILITY: register,
    }
    register_lsp_features(client, features)
    return client


@contextlib.asynccontextmanager
async def session(root: Path, encodings: list[str] | None = None, **options):
    config = ClientServerConfig(server_command=SERVER, client_factory=recording_client)
    client = await config.start()
    capabilities = client_capabilities("visual-studio-code")
    if encodings is not None:
        capabilities.general = types.GeneralClientCapabilities(position_encodings=encodings)
    client.init_result = await client.initialize_session(  # type: ignore[attr-defined]
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
            initialization_options={"debounce_ms": DEBOUNCE_MS, **options},
        )
    )
    try:
        yield client
    finally:
        await client.shutdown_session()
        await client.stop()


async def published(client, uri: str, version: int | None = None, timeout: float = 30.0):
    """The diagnostics of the first publish for ``uri`` (at ``version`` if given)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for params in client.published:
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for {uri} at version {version}")


def open_doc(client, path: Path, text: str, version: int = 1, language: str = "markdown") -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        )
    )
    return uri


def change(client, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def utf16(line: str) -> int:
    return len(line.encode("utf-16-le")) // 2


def position(text: str, offset: int, units=utf16) -> tuple[int, int]:
    """(line, column in ``units``) of a code-point offset, computed here, not by the server."""
    before = text[:offset]
    line = before.count("\n")
    return line, units(before[before.rfind("\n") + 1 :])


def apply(text: str, edits) -> str:
    """Apply LSP text edits (UTF-16 positions) to ``text``, last first."""
    lines = text.split("\n")

    def offset(p: types.Position) -> int:
        start = sum(len(line) + 1 for line in lines[: p.line])
        line, units, column = lines[p.line] if p.line < len(lines) else "", 0, 0
        while column < len(line) and units < p.character:
            units += utf16(line[column])
            column += 1
        return start + column

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
        lines = text.split("\n")
    return text


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / ".xhslint.toml").write_text("# our drafts are ads\n" + PROMOTIONAL, encoding="utf-8")
    return tmp_path


async def test_open_gives_diagnostics_with_utf16_ranges(workspace):
    expected = lint_text(NOTE, kind="auto", markdown=True, commercial="promotional").diagnostics
    assert len(expected) >= 2  # the engine's own findings, to compare the transport against
    async with session(workspace) as client:
        assert client.init_result.capabilities.position_encoding == "utf-16"
        uri = open_doc(client, workspace / "note.md", NOTE)
        got = await published(client, uri, version=1)
    assert [d.code for d in got] == [d.rule.id for d in expected]
    for lsp, ours in zip(got, expected, strict=True):
        assert (lsp.range.start.line, lsp.range.start.character) == position(NOTE, ours.start)
        assert (lsp.range.end.line, lsp.range.end.character) == position(NOTE, ours.end)
        assert lsp.source == "xhslint"
        assert lsp.severity == types.DiagnosticSeverity.Error
        assert lsp.code_description.href.endswith(f"{ours.rule.id}.md")
        assert lsp.data["match"] == ours.match == NOTE[ours.start : ours.end]
    first = got[0]
    # 🔥🔥 are two UTF-16 units each: 最低价 starts at unit 11, code point 9
    assert (first.range.start.character, first.range.end.character) == (11, 14)
    assert first.data["fix"] == "优惠价"


async def test_utf32_when_the_client_prefers_it(workspace):
    async with session(workspace, encodings=["utf-32", "utf-16"]) as client:
        assert client.init_result.capabilities.position_encoding == "utf-32"
        uri = open_doc(client, workspace / "note.md", NOTE)
        got = await published(client, uri, version=1)
    assert (got[0].range.start.character, got[0].range.end.character) == (9, 12)


async def test_edits_update_and_a_stale_version_is_never_published(workspace):
    async with session(workspace) as client:
        uri = open_doc(client, workspace / "note.md", NOTE)
        assert await published(client, uri, version=1)
        change(client, uri, 2, "这款面霜是全网第一\n")
        change(client, uri, 3, CLEAN)
        assert await published(client, uri, version=3) == []
        await asyncio.sleep(DEBOUNCE_MS * 5 / 1000)  # a cancelled lint of version 2 would be out by now
        change(client, uri, 4, "这款面霜全网最低价\n")
        latest = await published(client, uri, version=4)
    assert [p.version for p in client.published if p.uri == uri] == [1, 3, 4]
    assert [d.data["match"] for d in latest] == ["最低价"]


async def test_save_relints_and_close_clears(workspace):
    async with session(workspace) as client:
        uri = open_doc(client, workspace / "note.txt", NOTE, language="plaintext")
        assert await published(client, uri, version=1)
        client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        await asyncio.sleep(0.2)
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        await asyncio.sleep(0.2)
    ours = [p for p in client.published if p.uri == uri]
    assert [len(p.diagnostics) > 0 for p in ours] == [True, True, False]  # open, save, close


async def test_languages_the_user_maps(workspace):
    async with session(workspace, languages=["xhs-note"]) as client:
        mapped = open_doc(client, workspace / "draft.note", NOTE, language="xhs-note")
        other = open_doc(client, workspace / "script.py", NOTE, language="python")
        assert await published(client, mapped, version=1)
        await asyncio.sleep(0.3)
    assert not [p for p in client.published if p.uri == other]


async def actions(client, uri: str, diagnostics, only=None):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostics[0].range,
            context=types.CodeActionContext(diagnostics=diagnostics, only=only),
        )
    )


async def test_code_actions_fix_disable_and_fix_all(workspace):
    async with session(workspace) as client:
        uri = open_doc(client, workspace / "note.md", NOTE)
        got = await published(client, uri, version=1)
        found = await actions(client, uri, got[:1])
        by_title = {a.title.split(" ")[1]: a for a in found}
        fixed = apply(NOTE, by_title["replace"].edit.changes[uri])
        assert fixed == NOTE.replace("最低价", "优惠价")
        assert by_title["replace"].is_preferred

        disabled = apply(NOTE, by_title["disable"].edit.changes[uri])
        assert disabled.startswith("<!-- xhslint-disable-next-line CMP001 -->\n🔥🔥")
        change(client, uri, 2, disabled)
        after = await published(client, uri, version=2)
        assert [d.range.start.line for d in after] == [2]  # line 1's finding is silenced

        change(client, uri, 3, NOTE)
        got = await published(client, uri, version=3)
        fix_all = await actions(client, uri, got, only=[types.CodeActionKind.SourceFixAll])
        assert [a.kind for a in fix_all] == ["source.fixAll.xhslint"]
        everything = apply(NOTE, fix_all[0].edit.changes[uri])
        assert "最低价" not in everything and "优惠价" in everything
        change(client, uri, 4, CLEAN)
        assert list(await actions(client, uri, got)) == []  # never offered on a text changed since its lint


async def test_add_brand_term_keeps_the_config_as_written(workspace):
    config = workspace / ".xhslint.toml"
    config.write_text('# brand names\nbrand_terms = ["GlowLab"]  # ours\n' + PROMOTIONAL, encoding="utf-8")
    async with session(workspace) as client:
        uri = open_doc(client, workspace / "note.md", NOTE)
        got = await published(client, uri, version=1)
        found = await actions(client, uri, got[:1])
    [add] = [a for a in found if "brand terms" in a.title]
    edits = add.edit.changes[config.as_uri()]
    written = apply(config.read_text(encoding="utf-8"), edits)
    assert written.startswith("# brand names\n") and "# ours" in written
    assert tomllib.loads(written)["brand_terms"] == ["GlowLab", "最低价"]


async def test_add_brand_term_creates_a_config(tmp_path):
    async with session(tmp_path) as client:
        uri = open_doc(client, tmp_path / "note.md", NOTE)
        got = await published(client, uri, version=1)
        found = await actions(client, uri, got[:1])
    [add] = [a for a in found if "brand terms" in a.title]
    create, insert = add.edit.document_changes
    assert create.kind == "create" and create.uri == (tmp_path / ".xhslint.toml").as_uri()
    assert tomllib.loads(insert.edits[0].new_text) == {"brand_terms": ["最低价"]}


async def test_hover_and_score_lens(workspace):
    async with session(workspace) as client:
        uri = open_doc(client, workspace / "note.md", NOTE)
        got = await published(client, uri, version=1)
        inside = types.Position(line=got[0].range.start.line, character=got[0].range.start.character + 1)
        hover = await client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=inside)
        )
        nothing = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 0)
            )
        )
        lenses = await client.text_document_code_lens_async(
            types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
    ours = lint_text(NOTE, markdown=True, commercial="promotional")
    rule = ours.diagnostics[0].rule
    assert hover.contents.kind == "markdown"
    assert f"**{rule.id}**" in hover.contents.value and rule.rationale.split("\n")[0] in hover.contents.value
    assert nothing is None
    [lens] = lenses
    assert lens.command.title.startswith(f"xhslint: {ours.score().score}/100")


async def test_locale_from_the_initialization_options(workspace):
    async with session(workspace, locale="zh-CN") as client:
        uri = open_doc(client, workspace / "note.md", NOTE)
        got = await published(client, uri, version=1)
        found = await actions(client, uri, got[:1])
    expected = lint_text(NOTE, markdown=True, commercial="promotional").diagnostics[0]
    assert got[0].message == expected.message("zh-CN") != expected.message("en")
    assert "把“最低价”改为“优惠价”" in found[0].title


async def test_broken_config_is_one_message_and_the_server_keeps_going(tmp_path):
    broken, good = tmp_path / "broken", tmp_path / "good"
    broken.mkdir()
    good.mkdir()
    (broken / ".xhslint.toml").write_text("brand_terms = [\n", encoding="utf-8")
    (good / ".xhslint.toml").write_text(PROMOTIONAL, encoding="utf-8")
    async with session(tmp_path) as client:
        first = open_doc(client, broken / "a.md", NOTE)
        second = open_doc(client, broken / "b.md", NOTE)
        assert await published(client, first) == [] and await published(client, second) == []
        fine = open_doc(client, good / "c.md", NOTE)
        assert await published(client, fine, version=1)
        errors = [m for m in client.messages if m.type == types.MessageType.Error]
        assert len(errors) == 1 and ".xhslint.toml" in errors[0].message and "\n" not in errors[0].message

        (broken / ".xhslint.toml").write_text(PROMOTIONAL, encoding="utf-8")
        client.published.clear()
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(
                        uri=(broken / ".xhslint.toml").as_uri(), type=types.FileChangeType.Changed
                    )
                ]
            )
        )
        assert await published(client, first)  # reloaded: the draft's findings are back


async def test_config_and_rule_files_are_watched(workspace):
    async with session(workspace) as client:
        uri = open_doc(client, workspace / "note.md", CLEAN)
        await published(client, uri, version=1)
    [registration] = client.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = {w["globPattern"] for w in registration.register_options["watchers"]}
    assert {"**/.xhslint.toml", "**/pyproject.toml", "**/setup.cfg", "**/*.yaml"} <= globs


async def test_broken_rule_file_is_skipped_with_a_message(tmp_path):
    (tmp_path / "house.yaml").write_text("rules: [\n", encoding="utf-8")
    (tmp_path / ".xhslint.toml").write_text(PROMOTIONAL + 'rule_paths = ["house.yaml"]\n', encoding="utf-8")
    async with session(tmp_path) as client:
        uri = open_doc(client, tmp_path / "note.md", NOTE)
        got = await published(client, uri, version=1)
    assert "CMP001" in [d.code for d in got]  # the bundled rules still run
    [error] = [m for m in client.messages if m.type == types.MessageType.Error]
    assert "house.yaml" in error.message and "skipped" in error.message


async def test_shutdown_and_exit_are_clean(workspace):
    async with session(workspace) as client:
        uri = open_doc(client, workspace / "note.md", NOTE)
        await published(client, uri, version=1)
        process = client._server
    assert process.returncode == 0
