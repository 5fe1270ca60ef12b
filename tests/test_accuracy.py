"""Severities are earned on the labelled accuracy set (benchmarks/accuracy/): an
``error`` rule states the precision of its errors there, and the benchmark
recomputes it. The recomputation needs the shared corpus (``../shared/``) and
skips without it; the labels' own consistency is checked either way."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from xhslint.linter.rules.loader import load_rules

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import accuracy  # noqa: E402
import accuracy_corpus  # noqa: E402


def test_every_error_rule_states_its_measured_precision():
    errors = [rule for rule in load_rules() if rule.severity == "error"]
    assert errors
    for rule in errors:
        metadata = rule.spec.get("metadata") or {}
        assert isinstance(metadata.get("precision"), float | int), rule.id
        assert metadata["precision"] >= accuracy.ERROR_PRECISION_FLOOR, rule.id
        assert isinstance(metadata.get("judged"), int) and metadata["judged"] > 0, rule.id


def test_written_texts_and_labels_are_well_formed():
    rows = list(accuracy_corpus.written_rows())
    assert len(rows) >= 100 and {r.kind for r in rows} == {"copy", "brief"}
    texts = {(r.source, r.row): r.text for r in rows}
    labels = accuracy.load_labels(texts)
    written = [s for s in labels.findings if s.source == "written"]
    assert written and not [d for d in labels.drifted if "written#" in d]


@pytest.mark.skipif(not accuracy_corpus.available(), reason="the shared corpus is not next to the repository")
def test_the_benchmark_recomputes_the_stated_precision():
    rows = list(accuracy_corpus.rows())
    texts = {(r.source, r.row): r.text for r in rows}
    labels = accuracy.load_labels(texts)
    assert not labels.drifted
    found, verdicts = accuracy.lint_corpus(rows)
    promotional = [r for r in rows if labels.context.get((r.source, r.row)) == "promotional"]
    declared, _ = accuracy.lint_corpus(promotional, commercial="promotional")
    figures = accuracy.measure(found, verdicts, labels, texts, declared)
    assert accuracy.check_metadata(figures) == []
    assert figures["severities"]["error"]["precision"] >= accuracy.ERROR_PRECISION_FLOOR
