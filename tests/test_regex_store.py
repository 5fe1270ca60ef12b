"""Compiled regular expressions kept between runs (linter/core/regex_store.py): a stored
pattern comes back into re's cache and behaves exactly like a freshly compiled one; a
damaged, foreign or disabled store changes nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from xhslint.linter.core import regex_store

pytestmark = [
    pytest.mark.skipif(not regex_store._supported(), reason="CPython's re internals only"),
]

PATTERNS = [
    (r"(?P<amount>\d+(?:\.\d+)?)\s?(?:%|％|mg)", 0),
    (r"(?<![\u4e00-\u9fff])最(?:好|佳|强)(?!的朋友)", re.MULTILINE),
    (r"\b(?:[sS]afe|gentle) for (?:sensitive|all) skin\b", re.IGNORECASE),
    ("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+", 0),
    (r"^#[^#\n]{1,20}#$|(?P<tag>\[话题\])", re.MULTILINE | re.IGNORECASE),
    (r"(a|b)?c(?(1)d|e)", 0),
]
SAMPLES = [
    "这款面霜含5.5%烟酰胺，全网最好用！最佳的朋友",
    "SAFE FOR SENSITIVE SKIN, gentle for all skin types",
    "#最显白的口红#\n第二行 [话题] 𠀀𠀁 ce acd",
    "",
]


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("XHSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("XHSLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(regex_store, "_loaded", set())
    monkeypatch.setattr(regex_store, "_codes", {})
    monkeypatch.setattr(regex_store, "_building", False)
    return tmp_path


def _forget(patterns) -> None:
    re.purge()  # a long-lived test process has hundreds of patterns; these tests store only their own
    for pattern, flags in patterns:
        re._cache.pop((str, pattern, flags), None)
    regex_store._loaded.clear()
    regex_store._codes.clear()


def _same_behaviour(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in SAMPLES:
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
        assert [m.groupdict() for m in a.finditer(text)] == [m.groupdict() for m in b.finditer(text)]


def test_a_stored_pattern_comes_back_and_matches_like_a_fresh_one(store):
    _forget(PATTERNS)
    for pattern, flags in PATTERNS:
        re.compile(pattern, flags)
    assert regex_store.remember() >= len(PATTERNS)
    (path,) = store.glob("regex-*.marshal")
    _forget(PATTERNS)
    assert regex_store.preload() >= len(PATTERNS)
    for pattern, flags in PATTERNS:
        preloaded = re._cache[str, pattern, flags]
        assert re.compile(pattern, flags) is preloaded  # re found it instead of compiling
        _same_behaviour(preloaded, re._compiler.compile(pattern, flags))
    regex_store.remember()  # what else this test compiled (glob's patterns)
    assert regex_store.remember() == 0  # nothing new: the store is not written again
    assert path.stat().st_size > 0


def test_a_process_that_built_the_rules_stores_nothing(store, monkeypatch):
    monkeypatch.setattr(regex_store, "_building", False)
    regex_store.building()
    re.compile(*PATTERNS[3])
    assert regex_store.remember() == 0
    assert list(store.glob("regex-*")) == []


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", b"\xe3" * 64])
def test_a_damaged_store_is_ignored(store, damage):
    _forget(PATTERNS)
    re.compile(*PATTERNS[0])
    regex_store.remember()
    (path,) = store.glob("regex-*.marshal")
    path.write_bytes(damage)
    _forget(PATTERNS)
    assert regex_store.preload() == 0
    assert (str, *PATTERNS[0]) not in re._cache
    assert [m.group() for m in re.compile(*PATTERNS[0]).finditer(SAMPLES[0])] == ["5.5%"]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_store_others_can_write_is_not_read(store):
    _forget(PATTERNS)
    re.compile(*PATTERNS[1])
    regex_store.remember()
    (path,) = store.glob("regex-*.marshal")
    path.chmod(0o666)
    _forget(PATTERNS)
    assert regex_store.preload() == 0


def test_no_cache_means_no_store(store, monkeypatch):
    monkeypatch.setenv("XHSLINT_NO_CACHE", "1")
    re.compile(*PATTERNS[2])
    assert regex_store.remember() == 0
    assert regex_store.preload() == 0
    assert list(store.glob("regex-*")) == []


def test_a_second_cli_run_compiles_almost_nothing(tmp_path):
    """The first run stores what it compiled; the next one finds nearly all of it in re's cache."""
    note = tmp_path / "note.txt"
    note.write_text("这款面霜是全网最低价，姐妹们冲！\nUse my code GLOW20 at the link.\n", encoding="utf-8")
    probe = (
        "import re._compiler as c, sys\n"
        "count = [0]\n"
        "real = c.compile\n"
        "def counting(p, flags=0):\n"
        "    count[0] += 1\n"
        "    return real(p, flags)\n"
        "c.compile = counting\n"
        "from xhslint.cli import main\n"
        "try:\n"
        "    main(['lint', sys.argv[1]], standalone_mode=True)\n"
        "except SystemExit:\n"
        "    pass\n"
        "from xhslint.linter.core import regex_store as r\n"
        "print('COMPILED', count[0], len(r._loaded), file=sys.stderr)\n"
    )
    env = {**os.environ, "XHSLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("XHSLINT_NO_CACHE", None)

    stderrs: list[str] = []

    def compiled() -> int:
        done = subprocess.run(
            [sys.executable, "-c", probe, str(note)], capture_output=True, text=True, env=env, check=False
        )
        stderrs.append(done.stderr[-300:])
        return int(done.stderr.rsplit("COMPILED", 1)[1].split()[0])

    runs = [compiled() for _ in range(3)]
    # the first run builds the rules (stores nothing), the second loads them and stores what it compiled
    assert runs[0] > 100 and runs[1] > 100, runs
    assert runs[2] <= 30, (
        runs,
        stderrs,
    )  # only what is compiled before a command starts (click, the CLI module)
    assert Path(tmp_path / "cache").is_dir()
