"""The format rules measure what a reader sees: grapheme clusters, tags as XHS
splits them, dates as --fix writes them, and one typography finding per token."""

from __future__ import annotations

import pytest

from xhslint import lint_text
from xhslint.linter.kinds.metric import display_width, distinct_dates, graphemes, title_length


@pytest.mark.parametrize(
    ("text", "clusters"),
    [("❤️", 1), ("👨\u200d👩\u200d👧", 1), ("🇨🇳中国", 3), ("1️⃣步骤", 3), ("e\u0301", 1), ("✨夏日✨", 4)],
)
def test_graphemes(text, clusters):
    assert len(graphemes(text)) == clusters


def test_title_length_and_width_count_what_is_seen():
    assert title_length("✨夏日底妆✨") == 6
    assert title_length("1️⃣步骤") == 3
    assert title_length("❤️❤️❤️") == 3
    assert display_width("❤️") == 2  # an emoji with U+FE0F is one wide character, not two narrow ones


def test_hashtags_split_at_a_closing_hash():
    note = "标题\n正文。\n" + "".join(f"#话题{i}[话题]#" for i in range(11))
    (d,) = lint_text(note, kind="copy", select=["FMT003"]).diagnostics
    assert d.params["value"] == 11


def test_dates_written_with_spaces_are_dates():
    assert [(m, d) for m, d, _, _ in distinct_dates("3 月 8 日、2026 年 3 月 9 日和 3月10日")] == [
        (3, 8),
        (3, 9),
        (3, 10),
    ]


def test_typography_one_finding_per_token_after_the_content_findings():
    text = "核心卖点：全网最低价，用了3个月的YSL小金条。"
    result = lint_text(text, kind="brief", select=["FMT004", "CMP001"])
    assert [d.rule_id for d in result.diagnostics] == ["CMP001", "FMT004", "FMT004"]
    assert [(d.match, d.params["fixed"]) for d in result.diagnostics[1:]] == [
        ("了3个", "了 3 个"),
        ("的YSL小", "的 YSL 小"),
    ]


def test_typography_leaves_tags_alone():
    assert lint_text("话题带上 #Colourpop试色# 就好。", kind="brief", select=["FMT004"]).diagnostics == []
