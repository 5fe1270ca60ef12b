"""Safe autofix: ``fix:`` on terms rules, the typography kind's fixes,
overlaps, ``--fix`` (atomic, encoding kept, batch/.docx never rewritten) and
``--diff``."""

from __future__ import annotations

import json
import os
import stat

import pytest
from rule_fixtures import write_test_rule

from xhslint import lint_text
from xhslint.cli import main
from xhslint.linter.core.errors import RuleError
from xhslint.linter.rules.loader import load_file
from xhslint.linter.run.fixes import apply_fixes, fix_loop, unified_diff

TERMS_FIX = """\
kind: terms
terms:
  zh: [最低价, 手慢无, 美白神器]
  en: [the best]
fix:
  最低价: 优惠价
  手慢无: 数量有限
  the best: a favourite
"""


def rule(folder, name, body, rule_id, category="compliance"):
    return write_test_rule(folder, name, body, rule_id=rule_id, category=category)


@pytest.fixture
def rules_dir(tmp_path):
    folder = tmp_path / "rules"
    rule(folder, "words", TERMS_FIX, "TST001")
    rule(folder, "typo", "kind: typography\n", "TST002", category="format")
    return folder


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch, rules_dir):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".xhslint.toml").write_text(
        'rule_paths = ["rules"]\nselect = ["TST001", "TST002"]\nkind = "copy"\n', encoding="utf-8"
    )


@pytest.fixture
def cli(runner):
    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


NOTE = "这是全网最低价的面霜，手慢无！用了2周，the best cream。\n"
FIXED = "这是全网优惠价的面霜，数量有限！用了 2 周，a favourite cream。\n"


def test_terms_fix_mapping_and_typography_fixes(rules_dir):
    result = lint_text(NOTE, kind="copy", rule_paths=[str(rules_dir)], select=["TST001", "TST002"])
    fixes = {(d.rule_id, d.match, d.fix) for d in result.diagnostics}
    assert ("TST001", "最低价", "优惠价") in fixes
    assert ("TST001", "the best", "a favourite") in fixes
    assert ("TST002", "了2周", "了 2 周") in fixes  # the whole corrected window, once per token


def test_a_term_without_a_replacement_has_no_fix(rules_dir):
    result = lint_text("真的是美白神器。", kind="copy", rule_paths=[str(rules_dir)], select=["TST001"])
    (d,) = result.diagnostics
    assert d.fix is None


def test_fix_is_only_for_terms_rules(tmp_path):
    path = rule(tmp_path / "bad", "pat", "kind: pattern\npatterns: ['x+']\nfix: y\n", "TST009")
    with pytest.raises(RuleError) as info:
        load_file(path)
    assert "kind" in info.value.message


def test_overlapping_fixes_apply_the_first_and_relint():
    class D:  # the fields apply_fixes reads
        def __init__(self, start, end, fix):
            self.start, self.end, self.fix = start, end, fix

    text = "abcdef"
    new, count = apply_fixes(text, [D(1, 4, "X"), D(2, 3, "Y"), D(4, 4, "-"), D(4, 4, "-"), D(5, 6, None)])
    assert (new, count) == ("aX-ef", 2)
    # two different insertions at one point: only the first
    assert apply_fixes("ab", [D(1, 1, "1"), D(1, 1, "2")]) == ("a1b", 1)


def test_fix_loop_relints_until_nothing_is_left(rules_dir):
    def lint(text):
        return lint_text(text, kind="copy", rule_paths=[str(rules_dir)], select=["TST001", "TST002"])

    result, text, count = fix_loop(lint, NOTE)
    assert text == FIXED
    assert count >= 4  # three terms and one typography token (用了2周)
    assert [d for d in result.diagnostics if d.fix is not None] == []


def test_fix_rewrites_text_and_markdown_files(cli, tmp_path):
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    md = "# 标题\n\n`最低价` 在代码里不改，正文的最低价要改。\n"
    (tmp_path / "note.md").write_text(md, encoding="utf-8")
    os.chmod(tmp_path / "note.txt", 0o640)
    result = cli("lint", "--fix", "--format", "json", "note.txt", "note.md")
    assert (tmp_path / "note.txt").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "note.md").read_text(encoding="utf-8") == md.replace("正文的最低价", "正文的优惠价")
    assert stat.S_IMODE((tmp_path / "note.txt").stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    payload = json.loads(result.stdout)
    assert all(
        d["rule"] != "TST001" for f in payload["files"] for d in f["diagnostics"]
    )  # report after fixing
    assert "xhslint: note: fixed" in result.stderr and "in 2 file(s)" in result.stderr


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-16"])
def test_fix_keeps_the_file_encoding(cli, tmp_path, encoding):
    (tmp_path / "note.txt").write_bytes(NOTE.encode(encoding))
    cli("lint", "--fix", "note.txt")
    assert (tmp_path / "note.txt").read_bytes() == FIXED.encode(encoding)


def test_diff_prints_and_writes_nothing(cli, tmp_path):
    (tmp_path / "note.txt").write_text(NOTE.rstrip("\n"), encoding="utf-8")
    (tmp_path / "clean.txt").write_text("用了一个月。\n", encoding="utf-8")
    result = cli("lint", "--diff", "note.txt", "clean.txt")
    assert result.exit_code == 1
    assert (tmp_path / "note.txt").read_text(encoding="utf-8") == NOTE.rstrip("\n")
    assert result.stdout == unified_diff("note.txt", NOTE.rstrip("\n"), FIXED.rstrip("\n"))
    assert result.stdout.startswith("--- a/note.txt\n+++ b/note.txt\n@@")
    assert "\\ No newline at end of file" in result.stdout
    assert cli("lint", "--diff", "clean.txt").exit_code == 0


def test_diff_of_stdin(cli):
    result = cli("lint", "--diff", "-", "--stdin-filename", "draft.txt", input=NOTE.encode("utf-8"))
    assert "+" + FIXED in result.stdout
    assert result.exit_code == 1


def test_batch_and_docx_inputs_are_never_rewritten(cli, tmp_path):
    docx = pytest.importorskip("docx")
    csv_bytes = f"content\n{NOTE}".encode()
    (tmp_path / "rows.csv").write_bytes(csv_bytes)
    document = docx.Document()
    document.add_paragraph(NOTE.strip())
    document.save(tmp_path / "brief.docx")
    before = (tmp_path / "brief.docx").read_bytes()
    result = cli("lint", "--fix", "--format", "json", "rows.csv", "brief.docx")
    assert (tmp_path / "rows.csv").read_bytes() == csv_bytes
    assert (tmp_path / "brief.docx").read_bytes() == before
    assert "rows.csv: batch files are never rewritten by --fix" in result.stderr
    assert "brief.docx: .docx files are never rewritten by --fix" in result.stderr
    payload = json.loads(result.stdout)
    assert any(d["rule"] == "TST001" for f in payload["files"] for d in f["diagnostics"])


def test_a_file_changed_meanwhile_is_not_overwritten(tmp_path):
    from xhslint.linter.core.errors import InputError
    from xhslint.linter.run.fixes import write_fixed

    path = tmp_path / "note.txt"
    path.write_text("edited by someone else", encoding="utf-8")
    with pytest.raises(InputError, match="changed while it was being linted"):
        write_fixed(str(path), NOTE, FIXED)
    assert path.read_text(encoding="utf-8") == "edited by someone else"


def test_parallel_fix_matches_serial(cli, tmp_path, monkeypatch):
    from xhslint.linter.run import parallel

    monkeypatch.setattr(parallel, "SERIAL_HEAD", 2)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER", 0.0)  # a pool however little is left
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(12):
        (folder / f"n{i:02}.txt").write_text(NOTE * (1 + i % 3), encoding="utf-8")
    serial = cli("lint", "--diff", "--jobs", "1", "notes").stdout
    assert cli("lint", "--diff", "--jobs", "2", "notes").stdout == serial
    cli("lint", "--fix", "--jobs", "2", "notes")
    assert all(
        p.read_text(encoding="utf-8") == FIXED * (1 + i % 3) for i, p in enumerate(sorted(folder.iterdir()))
    )


def test_pre_commit_hooks_run_the_cli(cli, tmp_path):
    import re
    from pathlib import Path

    import yaml

    hooks = yaml.safe_load(
        (Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    assert {hook["id"] for hook in hooks} == {"xhslint", "xhslint-fix"}
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    for hook in hooks:
        assert hook["language"] == "python" and hook["entry"].startswith("xhslint lint")
        assert re.search(hook["files"], "briefs/note.txt") and not re.search(hook["files"], "logo.png")
        result = cli(*hook["entry"].split()[1:], "note.txt")
        assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "note.txt").read_text(encoding="utf-8") == FIXED  # the -fix hook fixed it


# --- What --fix keeps: links, owners, and whole files under interruption ------


def test_fix_through_a_symlink_edits_its_target(cli, tmp_path):
    (tmp_path / "real.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    cli("lint", "--fix", "link.txt")
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == FIXED


def test_fix_keeps_hard_links_one_file(cli, tmp_path):
    (tmp_path / "a.txt").write_text(NOTE, encoding="utf-8")
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    cli("lint", "--fix", "a.txt")
    assert (tmp_path / "a.txt").stat().st_ino == (tmp_path / "b.txt").stat().st_ino
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == FIXED
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_fix_keeps_the_owner(cli, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(NOTE, encoding="utf-8")
    os.chown(path, 12345, 23456)
    cli("lint", "--fix", "note.txt")
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (12345, 23456)
    assert path.read_text(encoding="utf-8") == FIXED


def test_fix_refuses_to_write_through_a_link_to_a_device(tmp_path):
    from xhslint.linter.core.errors import XhslintError
    from xhslint.linter.core.files import write_atomic

    (tmp_path / "null.txt").symlink_to("/dev/null")
    with pytest.raises(XhslintError, match="not a regular file"):
        write_atomic(str(tmp_path / "null.txt"), b"x")
    assert os.path.islink(tmp_path / "null.txt")


INTERRUPTED_FILES = [  # (name, bytes of NOTE, bytes of FIXED, mode)
    (f"n{i:02}.{suffix}", encode(NOTE), encode(FIXED), mode)
    for i, (suffix, encode, mode) in enumerate(
        [
            ("txt", lambda t: t.encode("utf-8"), 0o644),
            ("txt", lambda t: t.encode("utf-8-sig"), 0o600),
            ("txt", lambda t: t.replace("\n", "\r\n").encode("gb18030"), 0o640),
            ("md", lambda t: t.encode("utf-16"), 0o664),
        ]
        * 6
    )
]


@pytest.mark.slow
def test_fix_interrupted_at_random_points_leaves_each_file_original_or_fixed(tmp_path):
    import random
    import signal
    import subprocess
    import sys
    import time

    def reset():
        for name, before, _after, mode in INTERRUPTED_FILES:
            path = tmp_path / name
            path.write_bytes(before)
            os.chmod(path, mode)

    argv = [sys.executable, "-m", "xhslint.cli", "lint", "--fix", *[n for n, *_ in INTERRUPTED_FILES]]
    env = {**os.environ, "XHSLINT_SEGMENTER": "jieba"}
    reset()
    subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, check=False)
    assert all((tmp_path / n).read_bytes() == after for n, _b, after, _m in INTERRUPTED_FILES)
    first = tmp_path / INTERRUPTED_FILES[0][0]
    rng = random.Random(2026)
    mixed = 0  # runs killed while rewriting: some files fixed, some not yet
    for trial in range(9):
        reset()
        original = first.stat().st_mtime_ns
        process = subprocess.Popen(
            argv, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if trial % 3 == 0:  # a kill at a random point of start-up and linting
            time.sleep(rng.uniform(0.05, 0.5))
        else:  # a kill as soon as the rewriting has begun, wherever the machine spends its time
            while process.poll() is None and first.stat().st_mtime_ns == original:
                time.sleep(0.0005)
            time.sleep(rng.uniform(0, 0.002))
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcomes = set()
        for name, before, after, mode in INTERRUPTED_FILES:
            path = tmp_path / name
            data = path.read_bytes()
            assert data in (before, after), name
            assert stat.S_IMODE(path.stat().st_mode) == mode, name
            outcomes.add(data == after)
        mixed += outcomes == {True, False}
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        for name in leftovers:  # a temporary file may be left by a kill; never a half-written target
            (tmp_path / name).unlink()
    assert mixed  # at least one kill landed in the middle of the rewriting
