"""Shared fixtures. Tests never read ../shared/corpus (benchmarks do)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

# Deterministic English analysis whatever spaCy models happen to be installed.
os.environ.setdefault("XHSLINT_SPACY_MODEL", "blank")
# The reference segmenter; tests/test_segmentation.py checks rjieba against it.
os.environ.setdefault("XHSLINT_SEGMENTER", "jieba")
# The compiled-rule cache of this run (and its child processes), never the user's.
if "XHSLINT_CACHE_DIR" not in os.environ:
    os.environ["XHSLINT_CACHE_DIR"] = _CACHE = tempfile.mkdtemp(prefix="xhslint-test-cache-")
    atexit.register(shutil.rmtree, _CACHE, True)


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """Run a test from an empty directory, so no stray config is discovered."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture
def cli(runner):
    """Invoke ``xhslint`` in-process: ``cli("lint", path, input=...)``."""
    from xhslint.cli import main

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
