"""Scores, bands and verdicts (engine/score.py, rules/scoring.json): hand-computed cases,
the JSON contract, the text summary and ``--fail-under``."""

from __future__ import annotations

import json

import pytest

from xhslint.linter.engine.score import SCORING_PATH, Scoring, length_of, score_findings, scoring

ADV = ("advertorial", "warning", "ADV001")


def test_the_weights_come_from_the_data_file():
    data = json.loads(SCORING_PATH.read_text(encoding="utf-8"))
    assert scoring().weights == {k: float(v) for k, v in data["weights"].items()}
    assert (scoring().green, scoring().amber) == (data["bands"]["green"], data["bands"]["amber"])


@pytest.mark.parametrize(
    ("findings", "length", "expected"),
    [
        ([], 100, (100, "green", "ready")),
        # one warning: 100 - 10
        ([ADV], 100, (90, "green", "ready")),
        # three warnings of three rules in one category: 100 - 30
        ([ADV, ("advertorial", "warning", "ADV003"), ("advertorial", "warning", "ADV006")], 100,
         (70, "amber", "needs_changes")),
        # an error outside compliance: 100 - 40, amber
        ([("advertorial", "error", "ADV009")], 100, (60, "amber", "needs_changes")),
        # a compliance error: 60, capped at 59 (red)
        ([("compliance", "error", "CMP001")], 100, (59, "red", "blocked")),
        # five findings of one rule: only three count (rule_cap)
        ([ADV] * 5, 100, (70, "amber", "needs_changes")),
        # the minimum over categories: advertorial 80, compliance 98
        ([ADV, ("advertorial", "warning", "ADV003"), ("compliance", "info", "CMP002")], 100,
         (80, "green", "ready")),
    ],
)  # fmt: skip
def test_hand_computed_scores(findings, length, expected):
    got = score_findings(findings, length, "copy")
    assert (got.score, got.band, got.verdict) == expected


def test_warnings_are_normalised_by_length_and_errors_are_not():
    four = [ADV, ("advertorial", "warning", "ADV003"), ("advertorial", "warning", "ADV006"),
            ("advertorial", "warning", "ADV007")]  # fmt: skip
    assert score_findings(four, 500, "copy").score == 60  # 100 - 40
    assert score_findings(four, 1000, "copy").score == 80  # 100 - 40 / 2
    assert score_findings(four, 300, "copy").score == 60  # a short note is not a discount either
    error = [("advertorial", "error", "ADV009")]
    assert score_findings(error, 500, "copy").score == score_findings(error, 5000, "copy").score == 60


def test_categories_that_apply_are_listed_even_when_clean():
    got = score_findings([ADV], 100, "copy")
    assert got.by_category["compliance"] == 100 and got.by_category["advertorial"] == 90
    assert "pillars" not in got.by_category  # a brief's category, not a note's
    assert "pillars" in score_findings([], 100, "brief").by_category


def test_a_different_table_changes_the_score():
    data = json.loads(SCORING_PATH.read_text(encoding="utf-8"))
    data["weights"]["warning"] = 25
    assert score_findings([ADV], 100, "copy", Scoring.from_mapping(data)).score == 75


def test_length_counts_what_a_reader_reads():
    assert length_of("好 物\n分享 ") == 4


def test_a_linted_note_gets_a_score_and_its_json_fields():
    from xhslint import lint_text

    clean = lint_text("用了一个月，空瓶了，会回购。", kind="copy")
    assert (clean.score().score, clean.score().band) == (100, "green")
    bad = lint_text("这是我用过的全网最低价粉底液。", kind="copy", commercial="promotional")
    entry = bad.to_json("en")
    assert entry["score"] == 59 and entry["band"] == "red" and entry["verdict"] == "blocked"
    assert entry["score_by_category"]["compliance"] == 60  # its own score; the blocker caps the total


def test_waived_findings_cost_nothing():
    from xhslint import lint_text

    bad = lint_text("这是我用过的全网最低价粉底液。", kind="copy", commercial="promotional")
    assert bad.score().band == "red"
    for d in bad.diagnostics:
        d.review = {"status": "waived", "reviewer": "Lin", "note": ""}
    assert bad.score().score == 100
    for d in bad.diagnostics:
        d.review = {"status": "accepted", "reviewer": "Lin", "note": ""}
    assert bad.score().band == "red"  # accepted is a real problem


def test_summary_counts_bands_and_the_text_report_shows_scores(cli, tmp_path):
    (tmp_path / "a.txt").write_text("这是我用过的全网最低价粉底液。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("用了一个月，空瓶了，会回购。\n", encoding="utf-8")
    result = cli("lint", "--commercial", "promotional", "--format", "json", str(tmp_path))
    summary = json.loads(result.output)["summary"]
    assert summary["bands"] == {"green": 1, "amber": 0, "red": 1}
    assert summary["score"] == {"mean": 79.5, "min": 59}
    text = cli("lint", "--commercial", "promotional", str(tmp_path)).output
    assert "score 59/100 (red, blocked)" in text and "score 100/100 (green, ready)" in text
    assert "Scores: 1 green, 0 amber, 1 red; lowest 59." in text
    zh = cli("lint", "--commercial", "promotional", "--locale", "zh-CN", str(tmp_path)).output
    assert "得分 59/100（红色，不可发布）" in zh


def test_fail_under(cli, tmp_path):
    note = tmp_path / "n.txt"
    note.write_text("限时秒杀。\n", encoding="utf-8")  # one warning: 90
    assert cli("lint", "--fail-under", "90", str(note)).exit_code == 0
    assert cli("lint", "--fail-under", "91", str(note)).exit_code == 1
    assert cli("lint", "--fail-under", "91", "--exit-zero", str(note)).exit_code == 0
    bad = cli("lint", "--fail-under", "101", str(note))
    assert bad.exit_code == 2 and "101" in bad.output
