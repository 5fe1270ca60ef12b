"""``--cache DIR``: a hit gives the result a fresh lint would, a changed note, config or rule file
is a miss, errors and fixes are never cached, and two runs may write one cache at once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from xhslint.linter.run.runner import LintRun, RunSettings

NOTES = [
    {"id": f"n{n}", "title": f"笔记{n}", "content": text}
    for n, text in enumerate(
        [
            "这款面霜是全网最低价，手慢无！",
            "今天去公园散步，天气很好。",
            "加微信领取优惠券",
            "用了一个月，会回购。",
        ]
        * 10
    )
]


def write_batch(path: Path, notes=NOTES) -> Path:
    path.write_text("".join(json.dumps(n, ensure_ascii=False) + "\n" for n in notes), encoding="utf-8")
    return path


def run(paths, cache, **settings):
    """One ``xhslint lint`` run, as a fresh process would make it (config found again)."""
    from xhslint.linter.run import caches
    from xhslint.linter.run.config import discover

    for cached in (discover, caches.rules_for, caches.linter_for):
        cached.cache_clear()
    linted = LintRun([str(p) for p in paths], RunSettings(cache=str(cache), jobs=1, **settings))
    results = [r.to_json("en") for r in linted]
    return linted, results


@pytest.fixture
def batch(isolated):
    return write_batch(isolated / "notes.jsonl")


def test_a_second_run_is_all_hits_and_the_same_results(batch, isolated):
    cache = isolated / "cache"
    first, fresh = run([batch], cache)
    assert (first.cache.hits, first.cache.misses) == (0, len(NOTES))
    second, again = run([batch], cache)
    assert (second.cache.hits, second.cache.misses) == (len(NOTES), 0)
    assert again == fresh
    uncached = [r.to_json("en") for r in LintRun([str(batch)], RunSettings(jobs=1))]
    assert fresh == uncached


def test_a_changed_note_is_the_only_miss(batch, isolated):
    cache = isolated / "cache"
    run([batch], cache)
    changed = [dict(n) for n in NOTES]
    changed[3]["content"] += "全网第一！"
    write_batch(batch, changed)
    linted, results = run([batch], cache)
    assert (linted.cache.hits, linted.cache.misses) == (len(NOTES) - 1, 1)
    assert "第一" in [d["match"] for d in results[3]["diagnostics"]]


def test_config_and_rule_changes_are_misses(batch, isolated):
    cache = isolated / "cache"
    run([batch], cache)
    linted, _ = run([batch], cache, select=("compliance",))
    assert linted.cache.hits == 0  # other options: other keys
    rules = isolated / "house.yaml"
    (isolated / ".xhslint.toml").write_text('rule_paths = ["house.yaml"]\n', encoding="utf-8")
    rules.write_text(_HOUSE_RULE.format(word="回购"), encoding="utf-8")
    with_rule, _ = run([batch], cache)
    assert with_rule.cache.hits == 0
    again, _ = run([batch], cache)
    assert again.cache.hits == len(NOTES)
    rules.write_text(_HOUSE_RULE.format(word="散步"), encoding="utf-8")  # the rule file's content changed
    edited, results = run([batch], cache)
    assert edited.cache.hits == 0 and not edited.errors
    assert any(d["rule"] == "HSE001" for r in results for d in r["diagnostics"])


_HOUSE_RULE = """\
id: HSE001
name: house.no-word
category: brand
severity: warning
applies_to: copy
languages: [zh]
kind: terms
terms:
  zh: [{word}]
message: {{en: "House style: avoid {{match}}", zh-CN: "品牌规范：避免 {{match}}"}}
rationale: A house rule written for the tests.
references: [tests]
examples:
  flag: [今天{word}]
  pass: [今天天气好]
"""


def test_errors_and_fixes_are_never_cached(isolated):
    cache = isolated / "cache"
    batch = isolated / "notes.jsonl"
    batch.write_text('{"id": "a", "content": "全网最低价"}\nnot json\n', encoding="utf-8")
    first, _ = run([batch], cache)
    assert len(first.errors) == 1
    second, _ = run([batch], cache)
    assert second.cache.hits == 1 and len(second.errors) == 1  # the bad row is read again, reported again
    note = isolated / "note.txt"
    note.write_text("全网最低价", encoding="utf-8")
    fixing = LintRun([str(note)], RunSettings(cache=str(cache), fix=True, jobs=1))
    list(fixing)
    assert fixing.cache is None


def test_two_runs_write_one_cache_at_once(isolated):
    cache = isolated / "cache"
    batches = []
    for k in range(2):
        notes = [
            {**n, "id": f"{k}-{copy}-{n['id']}", "content": n["content"] + str(k)}
            for copy in range(5)
            for n in NOTES
        ]
        batches.append(write_batch(isolated / f"b{k}.jsonl", notes))
    code = "from xhslint.cli import run; import sys; run(sys.argv[1:])"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                code,
                "lint",
                str(b),
                "--cache",
                str(cache),
                "--format",
                "json",
                "-j",
                "1",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=isolated,
        )
        for b in batches
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [1, 1], [err for _out, err in outputs]
    for b, (out, _err) in zip(batches, outputs, strict=True):
        linted, results = run([b], cache)
        assert linted.cache.hits == len(NOTES) * 5
        assert results == json.loads(out)["files"]


def test_a_corrupt_entry_is_linted_again(batch, isolated):
    import sqlite3

    cache = isolated / "cache"
    _, fresh = run([batch], cache)
    with sqlite3.connect(cache / "results.sqlite3") as db:
        db.execute("UPDATE results SET value = 'not json'")
    linted, results = run([batch], cache)
    assert linted.cache.hits == 0 and results == fresh


def test_no_cache_wins_over_the_config(batch, isolated):
    (isolated / ".xhslint.toml").write_text('cache = "kept"\n', encoding="utf-8")
    configured = LintRun([str(batch)], RunSettings(jobs=1))
    list(configured)
    assert configured.cache is not None and (isolated / "kept" / "results.sqlite3").is_file()
    bypassed = LintRun([str(batch)], RunSettings(jobs=1, no_cache=True))
    list(bypassed)
    assert bypassed.cache is None
