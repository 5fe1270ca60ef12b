"""Every hostile input of ``tests/hostile.py`` gets its exit code and one clear
line (never a traceback, never exit 3), and the run's report stays whole."""

from __future__ import annotations

import json
import os
import sys

import pytest
from hostile import CASES

pytestmark = pytest.mark.usefixtures("isolated")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input(cli, tmp_path, case):
    argv = case.build(tmp_path)
    result = cli("lint", *argv)
    assert result.exit_code == case.exit_code, (result.exit_code, result.stderr[-500:])
    errors = [line for line in result.stderr.splitlines() if line.startswith("xhslint: ")]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    if case.message:
        assert len(errors) == 1, result.stderr
        assert case.message in errors[0].lower(), errors[0]
    else:
        assert errors == [], result.stderr


def test_terminal_escapes_are_shown_not_sent(cli, tmp_path):
    (case,) = [c for c in CASES if c.name == "terminal-escapes"]
    result = cli("lint", *case.build(tmp_path))
    assert "CMP003" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\x9b" not in result.stdout


def test_a_row_over_the_limit_does_not_stop_the_rest(cli, tmp_path):
    (case,) = [c for c in CASES if c.name == "csv-row-over-limit"]
    result = cli("lint", *case.build(tmp_path))
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == ["huge-row.csv#2"]
    assert "huge-row.csv#1" in result.stderr


@pytest.mark.parametrize(
    "pattern",
    [r"(a|a)*$", r"(?:aa|a)*$", r"(x|)*$", r"(?:ab|\wc)+", r"(?:.|a)*", r"(a+)+$", r"(?:\d+\s?)*$"],
)
def test_the_regex_guard_refuses_patterns_that_backtrack(pattern):
    from xhslint.linter.analysis.regex_guard import UnsafePattern, compile_safe

    with pytest.raises(UnsafePattern):
        compile_safe(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:ab|ac)*$",
        r"(?:a|ab)*c",
        r"(?:ba|b)*",
        r"(?:\d{3}|-)*",
        r"(?:微信|vx|VX)+",
        r"(?:\s|\w)*",
        r"(?:最|顶)级",
    ],
)
def test_the_regex_guard_accepts_unambiguous_repeats(pattern):
    import re
    import time

    from xhslint.linter.analysis.regex_guard import compile_safe

    compiled = compile_safe(pattern)
    start = time.perf_counter()
    compiled.search("ab" * 20 + "a" * 30 + "!")
    assert time.perf_counter() - start < 0.5
    assert compiled.pattern == re.compile(pattern).pattern


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("國家級配方，頂級原料，絕對有效，可以降血壓", "big5"),
        ("國家級配方，頂級原料，絕對有效，可以降血壓", "utf-16-le"),
        ("这款面霜是全网最低价，用了两周皮肤变好了", "utf-16-be"),
        ("这款面霜是全网最低价，我の日常", "gb18030"),
    ],
)
def test_plausible_chinese_in_other_encodings_is_still_read(text, encoding):
    from xhslint.linter.core.encoding import sniff

    assert sniff(text.encode(encoding), "x.txt")[2] == text


def _dies_on_poison(item):
    from xhslint.linter.run import jobs

    if getattr(item, "text", None) and "POISON" in item.text:
        os._exit(9)  # a worker killed mid-task (the OOM killer, kill -9)
    return jobs.pack(jobs.run_job(item))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers inherit the patched worker")
def test_a_worker_that_dies_is_reported_for_its_input_and_the_run_finishes(cli, tmp_path, monkeypatch):
    from xhslint.linter.run import jobs, parallel

    monkeypatch.setattr(jobs, "_run_packed", _dies_on_poison)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER", 0.0)  # 60 short rows would stay serial
    rows = ["content"] + [f"第{i}条：这款面霜很好用" for i in range(60)]
    rows[45] = "POISON 这款面霜"
    (tmp_path / "notes.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("lint", "notes.csv", "--jobs", "2", "--format", "json")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("xhslint: error")]
    assert errors == [
        "xhslint: error: notes.csv#45: the worker process linting this input died (killed or out of memory)"
    ]
    report = json.loads(result.stdout)
    assert len(report["files"]) == 59  # every other note is in the report
