"""Shared fixtures. Tests never read ../shared/corpus (benchmarks do)."""

from __future__ import annotations

import os

import pytest

# Deterministic English analysis whatever spaCy models happen to be installed.
os.environ.setdefault("XHSLINT_SPACY_MODEL", "blank")
# The reference segmenter; tests/test_segmentation.py checks rjieba against it.
os.environ.setdefault("XHSLINT_SEGMENTER", "jieba")


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()
