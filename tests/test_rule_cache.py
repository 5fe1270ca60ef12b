"""The compiled-rule cache (linter/rules/cache.py): same rules as loading the
files, rebuilt whenever a file changes, safe with concurrent builders and bad
entries, and a warm run that neither validates nor parses YAML."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from xhslint.linter.rules import cache
from xhslint.linter.rules.loader import load_rules

USER_RULE = textwrap.dedent(
    """\
    id: USR901
    name: user.cache-probe
    category: advertorial
    severity: warning
    applies_to: any
    languages: [zh]
    kind: terms
    terms: {{zh: [{term}]}}
    message: {{en: "probe {{match}}", zh-CN: "探针 {{match}}"}}
    rationale: a user rule for the cache tests.
    references: [{{type: practice, title: test}}]
    examples: {{flag: [这是{term}。], pass: [这是别的。]}}
    """
)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("XHSLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("XHSLINT_NO_CACHE", raising=False)
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("rules-*.pickle")) if folder.exists() else []


def _signature(rules) -> list[tuple]:
    return [(r.id, r.severity, r.kind, r.source, tuple(sorted(r.message.items()))) for r in rules]


def test_cached_rules_equal_loaded_rules(cache_dir):
    fresh = load_rules()
    first = load_rules(cache=True)  # builds the entry
    assert len(_entries(cache_dir)) == 1
    second = load_rules(cache=True)  # reads it
    assert _signature(first) == _signature(second) == _signature(fresh)
    assert all(r.compiled is not None for r in second)


def test_cached_rules_lint_like_loaded_rules(cache_dir):
    from xhslint.linter.document.readers import document_from_text
    from xhslint.linter.engine.linter import Linter, Options

    load_rules(cache=True)
    text = "這款面霜是國家級配方，全网最低价，加VX领取优惠。\nThe best serum, use my code GLOW20."
    found = []
    for rules in (load_rules(), load_rules(cache=True)):
        result = Linter(rules, Options()).lint(document_from_text(text))
        found.append([(d.rule_id, d.start, d.end, d.severity) for d in result.diagnostics])
    assert found[0] == found[1] and found[0]


def test_a_changed_rule_file_builds_a_new_entry(cache_dir, tmp_path):
    rule = tmp_path / "rules" / "probe.yaml"
    rule.parent.mkdir()
    rule.write_text(USER_RULE.format(term="探针词"), encoding="utf-8")
    before = {r.id: r for r in load_rules([rule.parent], cache=True)}
    assert before["USR901"].spec["terms"] == {"zh": ["探针词"]}
    rule.write_text(USER_RULE.format(term="新探针"), encoding="utf-8")
    after = {r.id: r for r in load_rules([rule.parent], cache=True)}
    assert after["USR901"].spec["terms"] == {"zh": ["新探针"]}
    assert len(_entries(cache_dir)) == 2


def test_an_edit_that_keeps_size_and_time_builds_a_new_entry(cache_dir, tmp_path):
    """The key reads the rule files' content: an edit within one tick of the file clock, to
    the same size, is still seen."""
    rule = tmp_path / "rules" / "probe.yaml"
    rule.parent.mkdir()
    rule.write_text(USER_RULE.format(term="探针词"), encoding="utf-8")
    stamp = rule.stat().st_mtime_ns
    first = {r.id: r for r in load_rules([rule.parent], cache=True)}["USR901"]
    rule.write_text(USER_RULE.format(term="新探针"), encoding="utf-8")  # same size in bytes
    os.utime(rule, ns=(stamp, stamp))  # and the same time: only the content says it changed
    second = {r.id: r for r in load_rules([rule.parent], cache=True)}["USR901"]
    assert (first.spec["terms"], second.spec["terms"]) == ({"zh": ["探针词"]}, {"zh": ["新探针"]})
    assert len(_entries(cache_dir)) == 2


def test_an_invalid_rule_file_is_still_reported(cache_dir, tmp_path):
    from xhslint.linter.core.errors import RuleError

    rule = tmp_path / "bad.yaml"
    rule.write_text(USER_RULE.format(term="探针词").replace("severity: warning", "severity: loud"))
    with pytest.raises(RuleError, match="severity"):
        load_rules([rule], cache=True)
    assert not _entries(cache_dir), "nothing is cached for a file that fails"


def test_a_corrupt_entry_is_rebuilt(cache_dir):
    load_rules(cache=True)
    (entry,) = _entries(cache_dir)
    entry.write_bytes(b"not a pickle")
    rules = load_rules(cache=True)
    assert _signature(rules) == _signature(load_rules())
    assert entry.read_bytes()[:1] == b"\x80", "the entry was written again"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_can_write_is_never_loaded(cache_dir, monkeypatch):
    load_rules(cache=True)
    (entry,) = _entries(cache_dir)
    entry.chmod(0o666)
    loaded = []
    monkeypatch.setattr(cache.pickle, "load", lambda stream: loaded.append(stream) or [])
    load_rules(cache=True)
    assert not loaded, "a group- or world-writable pickle is not trusted"
    assert not entry.stat().st_mode & 0o022, "the rebuilt entry is private again"


def test_no_cache_writes_nothing(cache_dir, monkeypatch):
    monkeypatch.setenv("XHSLINT_NO_CACHE", "1")
    assert load_rules(cache=True)
    assert not cache_dir.exists()


def test_an_unwritable_cache_directory_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XHSLINT_CACHE_DIR", str(blocker / "cache"))  # a path under a file
    assert _signature(load_rules(cache=True)) == _signature(load_rules())


@pytest.mark.slow
def test_concurrent_builders_and_a_warm_run(cache_dir, tmp_path):
    """Four processes build the same entry at once: all succeed, one whole entry
    remains, no temporary file is left. A later run reads it and imports neither
    jsonschema nor the YAML parser for the rules."""
    env = {**os.environ, "XHSLINT_CACHE_DIR": str(cache_dir)}
    build = "from xhslint.linter.rules.loader import load_rules; print(len(load_rules(cache=True)))"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", build], cwd=tmp_path, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    counts = {child.communicate(timeout=120)[0].strip() for child in children}
    assert all(child.returncode == 0 for child in children)
    assert len(counts) == 1
    assert len(_entries(cache_dir)) == 1
    assert not list(cache_dir.glob("*.tmp"))
    warm = (
        "import sys, json\n"
        "from xhslint.linter.rules.loader import load_rules\n"
        "rules = load_rules(cache=True)\n"
        "print(json.dumps([len(rules), 'jsonschema' in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", warm], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    count, validated = json.loads(done.stdout)
    assert str(count) in counts and not validated
