"""A real editor as the client: headless Neovim (when installed) starts ``xhslint lsp`` and
shows its diagnostics. Neovim turns the server's UTF-16 columns into byte columns, so a
wrong position encoding shows up as a wrong column here."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("pygls")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed"),
]

SCRIPT = """
local client = vim.lsp.start_client({
  name = "xhslint",
  cmd = %(cmd)s,
  root_dir = vim.fn.getcwd(),
  init_options = { debounce_ms = 50 },
})
vim.cmd("edit note.md")
vim.lsp.buf_attach_client(0, client)
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local seen = { code = d.code, lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity }
  table.insert(found, seen)
end
io.stdout:write(vim.fn.json_encode(found) .. "\\n")
vim.cmd("qa!")
"""


def test_neovim_shows_the_findings_at_the_right_columns(tmp_path):
    (tmp_path / ".xhslint.toml").write_text('commercial = "promotional"\n', encoding="utf-8")
    line = "🔥🔥这款面霜是全网最低价！"
    (tmp_path / "note.md").write_text(line + "\n", encoding="utf-8")
    command = [sys.executable, "-c", "from xhslint.cli import run; run(['lsp'])"]
    lua = "{ " + ", ".join(json.dumps(part) for part in command) + " }"
    (tmp_path / "check.lua").write_text(SCRIPT % {"cmd": lua}, encoding="utf-8")
    done = subprocess.run(
        ["nvim", "--headless", "-u", "NONE", "-c", "luafile check.lua"],
        cwd=tmp_path, capture_output=True, text=True, timeout=90, check=False,
    )  # fmt: skip
    found = json.loads(done.stdout.strip().splitlines()[-1])
    start = len(line[: line.index("最低价")].encode("utf-8"))
    assert {
        "code": "CMP001",
        "lnum": 0,
        "col": start,
        "end_col": start + len("最低价".encode()),
        "severity": 1,
    } in found
