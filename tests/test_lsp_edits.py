"""The language server's pure parts, in process: positions in each encoding (LSP's own line
breaks, not str.splitlines), the minimal edit, and brand terms added to each config format with
the rest of the file kept."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest
import tomllib
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("pygls")
pytest.importorskip("tomlkit")

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from xhslint.linter.core.errors import ConfigError
from xhslint.linter.lsp.brand_terms import add_brand_term, config_target, minimal_change
from xhslint.linter.lsp.convert import Positions

UTF16 = PositionCodec(types.PositionEncodingKind.Utf16)
UTF8 = PositionCodec(types.PositionEncodingKind.Utf8)
UTF32 = PositionCodec(types.PositionEncodingKind.Utf32)


def test_positions_count_the_clients_units():
    text = "🔥最低价\n第二行😀最好"
    at = Positions(text, UTF16).at
    assert at(1) == types.Position(0, 2)  # after one astral character: two UTF-16 units
    assert at(text.index("最好")) == types.Position(1, 5)
    assert Positions(text, UTF8).at(1) == types.Position(0, 4)
    assert Positions(text, UTF32).at(text.index("最好")) == types.Position(1, 4)
    assert at(len(text)) == types.Position(1, 7)


@pytest.mark.parametrize("separator", ["\u2028", "\x0c", "\x85", "\x1c"])
def test_only_lsp_line_breaks_end_a_line(separator):
    """str.splitlines() also breaks at these; an editor does not, so columns run on."""
    text = f"甲{separator}乙\n最好"
    positions = Positions(text, UTF16)
    assert positions.at(text.index("乙")) == types.Position(0, 2)
    assert positions.at(text.index("最")) == types.Position(1, 0)


def test_crlf_and_lone_cr():
    text = "一\r\n二\r三\n四"
    positions = Positions(text, UTF16)
    assert [positions.at(text.index(c)) for c in "一二三四"] == [types.Position(n, 0) for n in range(4)]


@given(st.text(alphabet=st.sampled_from("a最😀\n\r\u2028 "), max_size=40), st.data())
def test_offsets_round_trip(text, data):
    offset = data.draw(st.integers(0, len(text)))
    if offset and text[offset - 1 : offset + 1] == "\r\n":
        offset -= 1  # between \r and \n is no position an editor can name
    positions = Positions(text, UTF16)
    assert positions.offset(positions.at(offset)) == offset


@given(st.text(max_size=30), st.text(max_size=30))
def test_minimal_change_turns_before_into_after(before, after):
    start, end, text = minimal_change(before, after)
    assert before[:start] + text + before[end:] == after
    assert len(text) <= len(after)


def test_toml_keeps_comments_and_order(tmp_path):
    before = '# house style\nlocale = "zh-CN"  # for the team\nbrand_terms = ["GlowLab"]\n\n[rule_options]\n'
    after = add_brand_term(tmp_path / ".xhslint.toml", before, "焕颜精华")
    assert after.replace(', "焕颜精华"', "") == before
    assert tomllib.loads(after)["brand_terms"] == ["GlowLab", "焕颜精华"]
    assert add_brand_term(tmp_path / ".xhslint.toml", after, "焕颜精华") == after  # once only


def test_toml_without_the_key_and_pyproject_table(tmp_path):
    assert tomllib.loads(add_brand_term(tmp_path / ".xhslint.toml", "", "GlowLab")) == {
        "brand_terms": ["GlowLab"]
    }
    pyproject = '[project]\nname = "x"\n'
    after = add_brand_term(tmp_path / "pyproject.toml", pyproject, "GlowLab")
    assert after.startswith(pyproject)
    assert tomllib.loads(after)["tool"]["xhslint"]["brand_terms"] == ["GlowLab"]


def test_setup_cfg_is_edited_as_lines(tmp_path):
    before = "[metadata]\nname = x\n\n[xhslint]\n; ours\nbrand_terms = GlowLab\nlocale = en\n"
    after = add_brand_term(tmp_path / "setup.cfg", before, "焕颜精华")
    assert after == before.replace("brand_terms = GlowLab", "brand_terms = GlowLab, 焕颜精华")
    parser = configparser.ConfigParser()
    parser.read_string(add_brand_term(tmp_path / "setup.cfg", "[metadata]\nname = x\n", "GlowLab"))
    assert parser["xhslint"]["brand_terms"] == "GlowLab"


def test_bad_toml_and_a_non_list_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="cannot read the config"):
        add_brand_term(tmp_path / ".xhslint.toml", "brand_terms = [\n", "GlowLab")
    with pytest.raises(ConfigError, match="must be a list"):
        add_brand_term(tmp_path / ".xhslint.toml", 'brand_terms = "GlowLab"\n', "x")


def test_target_is_the_config_found_else_a_new_file(tmp_path):
    assert config_target(str(tmp_path / "setup.cfg"), str(tmp_path)) == tmp_path / "setup.cfg"
    assert config_target(None, str(tmp_path)) == Path(tmp_path) / ".xhslint.toml"


def test_help_and_readme_name_every_editor(cli):
    help_text = cli("lsp", "--help").stdout
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### `xhslint lsp`") :]
    section = section[: section.index("\n### ", 5)]
    settings = {
        "VS Code": "glspc.server.command",
        "Neovim": 'vim.lsp.config("xhslint"',
        "Zed": '"language_servers"',
        "Helix": "[language-server.xhslint]",
    }
    for editor, setting in settings.items():
        assert editor in help_text and editor in section and setting in section


def test_without_the_lsp_extra_one_line_and_exit_2():
    import subprocess
    import sys

    code = "import sys; sys.modules['pygls'] = None\nfrom xhslint.cli import run; run(['lsp'])"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "pip install 'xhslint[lsp]'" in done.stderr
