"""Every command writes files through one helper (linter/core/files.py): a regular
file or a new path only, atomically, through symlinks to their targets, with
the old file's mode, links and owner kept."""

from __future__ import annotations

import os
import stat

import pytest
from brief_fixtures import starter_text

pytestmark = pytest.mark.usefixtures("isolated")

NOTE = "这款面霜是全网最低价。\n"


def _brief(tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    return ["brief", "render", "brief.yaml"]


COMMANDS = {
    "lint": lambda tmp_path: ["lint", _note(tmp_path), "--format", "json", "--exit-zero"],
    "brief render": _brief,
}


def _note(tmp_path):
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    return "note.txt"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_refused_not_replaced(cli, tmp_path, command):
    os.mkfifo(tmp_path / "out")
    result = cli(*COMMANDS[command](tmp_path), "-o", "out")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("xhslint: error: out: cannot write file (not a regular file")
    assert stat.S_ISFIFO(os.stat(tmp_path / "out").st_mode)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_directory_is_refused(cli, tmp_path, command):
    (tmp_path / "out").mkdir()
    result = cli(*COMMANDS[command](tmp_path), "-o", "out")
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symlink_is_written_through_and_kept(cli, tmp_path, command):
    (tmp_path / "target").write_text("old", encoding="utf-8")
    os.chmod(tmp_path / "target", 0o600)
    (tmp_path / "out").symlink_to("target")
    result = cli(*COMMANDS[command](tmp_path), "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out").is_symlink()
    assert (tmp_path / "target").read_text(encoding="utf-8") not in ("", "old")
    assert stat.S_IMODE((tmp_path / "target").stat().st_mode) == 0o600


@pytest.mark.parametrize("command", COMMANDS)
def test_a_hard_linked_output_stays_linked(cli, tmp_path, command):
    (tmp_path / "out").write_text("old", encoding="utf-8")
    os.link(tmp_path / "out", tmp_path / "other")
    result = cli(*COMMANDS[command](tmp_path), "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "other").read_text(encoding="utf-8") == (tmp_path / "out").read_text(encoding="utf-8")
    assert (tmp_path / "other").read_text(encoding="utf-8") != "old"


def test_a_new_file_gets_the_usual_mode(cli, tmp_path):
    old = os.umask(0o027)
    try:
        cli("lint", _note(tmp_path), "--format", "json", "--exit-zero", "-o", "new.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_an_alias_bomb_in_brief_data_is_refused(cli, tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    (tmp_path / "brief.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("brief", "render", "brief.yaml")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "alias bomb" in line and line.startswith("xhslint: error: brief.yaml:")
