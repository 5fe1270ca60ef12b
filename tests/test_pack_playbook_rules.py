"""The playbook rule packs (advertorial, prescriptive, pillars, playbook,
localisation) as a whole: messages render in both locales, the bundled
example briefs and notes come out as documented, the pillar wording follows
the vertical, native signals keep the tone checks quiet, and the vertical
lexicons cover the ten verticals in Chinese and English.

Every text here is written for these tests; none is corpus text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rule_fixtures import lint_example

from xhslint import lint_text
from xhslint.linter.core.messages import catalogue
from xhslint.linter.document.readers import read_path
from xhslint.linter.rules.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent
PACKS = ("advertorial", "prescriptive", "pillars", "playbook", "localisation")
RULES = [rule for rule in load_rules() if rule.category in PACKS]
HAN = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def ids(result) -> set[str]:
    return {d.rule_id for d in result.diagnostics}


def lint_file(path: Path, *select: str):
    from xhslint.linter.api import linter_for
    from xhslint.linter.engine.linter import Options

    return linter_for(Options(select=select or PACKS)).lint(read_path(str(path)))


# --- messages ----------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_messages_render_in_both_locales(rule):
    (diagnostic, *_) = lint_example(rule, rule.examples["flag"][0]).diagnostics
    for locale in ("en", "zh-CN"):
        message = diagnostic.message(locale)
        assert not PLACEHOLDER.search(message), (rule.id, locale, message)
        suggestion = diagnostic.suggestion(locale)
        assert suggestion and not PLACEHOLDER.search(suggestion), (rule.id, locale, suggestion)
    assert HAN.search(diagnostic.message("zh-CN")), rule.id
    assert HAN.search(rule.suggest["zh-CN"]), rule.id


def test_every_rule_cites_a_playbook_lesson():
    for rule in RULES:
        titles = " ".join(ref["title"] if isinstance(ref, dict) else ref for ref in rule.references)
        assert "Lesson" in titles, rule.id


def test_severity_error_is_not_used_by_the_judgement_packs():
    assert not [rule.id for rule in RULES if rule.severity == "error"]


# --- bundled examples ---------------------------------------------------------


def test_well_written_brief_is_clean():
    result = lint_file(ROOT / "examples" / "briefs" / "beauty-brief-zh.md")
    assert result.kind == "brief"
    assert result.vertical == "beauty"
    assert [d.rule_id for d in result.diagnostics] == []


def test_over_prescriptive_brief_still_flags():
    found = ids(lint_file(ROOT / "examples" / "briefs" / "over-prescriptive-brief-en.md"))
    assert {"PRE001", "PRE002", "PRE003", "PRE006"} <= found
    assert {"PLB001", "PLB004", "PLB005"} <= found
    assert "PIL001" in found


def test_native_notes_are_clean_and_the_hard_sell_note_is_not():
    for name in ("native-foundation.md", "en-sunscreen.md"):
        assert ids(lint_file(ROOT / "examples" / "notes" / name)) == set(), name
    assert "ADV001" in ids(lint_file(ROOT / "examples" / "notes" / "hard-sell-serum.txt"))


# --- prescriptive ---------------------------------------------------------------

RULE_SHEET = """\
Creator rules
1.
Clips must be exactly 20 seconds.
2.
You must film in portrait mode only.
3.
Do not use filters.
4.
Videos should not show any other product.
5.
Maximum of 2 hashtags.
6.
Include #ad in the caption.
7.
Post within the campaign week.
"""


def test_a_numbered_rule_sheet_reads_as_prescriptive():
    result = lint_text(RULE_SHEET, kind="brief", select=["prescriptive"])
    assert "PRE002" in ids(result)


def test_legal_guardrails_do_not_count_as_directives():
    brief = (
        "必须通过蒲公英下单。必须标注合作。不得使用绝对化用语。不得宣称医疗功效。不得诋毁竞品。"
        "核心卖点见下，请用你自己的话来写。可以写缺点。欢迎用你自己的照片。"
    )
    assert "PRE002" not in ids(lint_text(brief, kind="brief", select=["PRE002"]))


def test_quoted_ban_is_still_a_ban():
    # a prohibition quoted in a brief is the point of the rule, not a mention
    result = lint_text("笔记里请勿提及“缺点”。", kind="brief", select=["PRE006"])
    assert "PRE006" in ids(result)


# --- pillars ------------------------------------------------------------------

NO_HERO = (
    "核心卖点：持久、好用、适合日常。使用场景：通勤、周末、出差。请用你自己的话来写，发布时间为下月上旬。"
)


@pytest.mark.parametrize(
    ("vertical", "expected"),
    [
        ("beauty", {"PIL003"}),
        ("electronics", {"PIL004"}),
        ("food", {"PIL005"}),
        ("mother-baby", {"PIL006"}),
        ("fashion", {"PIL007"}),
        (None, {"PIL007"}),
    ],
)
def test_the_third_pillar_is_worded_for_the_vertical(vertical, expected):
    result = lint_text(NO_HERO, kind="brief", vertical=vertical, select=["pillars"])
    assert ids(result) == expected
    if vertical == "food":  # provenance and sensory notes: one finding each
        assert len(result.diagnostics) == 2


def test_each_missing_pillar_is_named():
    brief = "合作要求：每位达人发布一篇种草笔记，带上品牌话题，通过蒲公英下单并标注合作，一周内回复评论。"
    result = lint_text(brief, kind="brief", select=["pillars"])
    labels = {d.message("zh-CN") for d in result.diagnostics}
    assert labels == {"缺少内容支柱：核心卖点", "缺少内容支柱：使用场景", "缺少内容支柱：核心成分或功能"}


# --- advertorial: native signals keep precision ------------------------------


def test_native_signals_keep_tone_rules_quiet():
    hype = (
        "这款面霜绝绝子！！！姐妹们冲！！！yyds！！！谁用谁知道！！！相见恨晚！！！"
        "质地也是绝绝子！！！香味yyds！！！姐妹们闭眼冲就对了！！！"
    )
    assert {"ADV002", "ADV007"} <= ids(lint_text(hype, kind="copy", select=["advertorial"]))
    native = hype + "已经空瓶两次了，唯一的缺点是夏天有点闷。"
    assert not {"ADV002", "ADV007"} & ids(lint_text(native, kind="copy", select=["advertorial"]))


def test_native_signal_words_are_never_flagged_themselves():
    text = "亲测好用，已经回购三次，空瓶了。缺点是味道有点重。你们用过吗？"
    assert ids(lint_text(text, kind="copy", select=list(PACKS))) == set()


# --- localisation lexicons ----------------------------------------------------

VERTICALS = [
    *("beauty", "fashion", "food", "mother-baby", "travel"),
    *("home", "fitness", "electronics", "pets", "luxury"),
]
ISSUE_CUES = {
    "beauty": ["水光感", "哑光", "油皮", "干皮", "敏感肌", "持妆", "不脱妆", "氧化", "成分党"],
    "food": ["产地", "口感", "回甘", "酥脆"],
    "mother-baby": ["温和", "月龄", "认证"],
    "fashion": ["穿搭", "显瘦", "氛围感", "通勤"],
}


def test_ten_verticals_with_chinese_and_english_cues():
    zh, en = catalogue("zh-CN").verticals, catalogue("en").verticals
    for vertical in VERTICALS:
        zh_cues, en_cues = zh[vertical]["cues"], en[vertical]["cues"]
        assert len(zh_cues) >= 20 and len(en_cues) >= 15, vertical
        assert all(HAN.search(c) for c in zh_cues if not c.isascii()), vertical
        assert all(c.isascii() for c in en_cues), vertical
        assert len(set(zh_cues)) == len(zh_cues) and len(set(en_cues)) == len(en_cues), vertical
        assert zh[vertical]["name"] and en[vertical]["name"], vertical
    for vertical, cues in ISSUE_CUES.items():
        assert set(cues) <= set(zh[vertical]["cues"]), vertical


def test_cue_words_segment_as_whole_words():
    # 不脱妆 would fall apart into 不脱 + 妆 without the lexicon's own dictionary entries
    note = "混油皮用这瓶粉底液一整天不脱妆，持妆到晚上，上脸有水光感。" * 4
    assert "LOC001" not in ids(lint_text(note, kind="copy", vertical="beauty", select=["LOC001"]))
