"""Where a finding sits and what it is about: the commercial verdict, topic tags,
mentions, guard classes, per-sentence limits and severity tiers. Written against
small rules of the tests' own (write_test_rule) where the mechanism is the
point, and against bundled rules where the behaviour users see is."""

from __future__ import annotations

import pytest
from rule_fixtures import write_test_rule

from xhslint import lint_text
from xhslint.linter.context.tags import closing_tag_phrases, find_tags, topic_tags


def findings(text, **kw):
    kw.setdefault("kind", "copy")
    return [(d.rule_id, d.match, d.severity) for d in lint_text(text, **kw).diagnostics]


def make_rule(tmp_path, body: str) -> str:
    return str(write_test_rule(tmp_path, "ctx", body))


def own(text, path, **kw):
    kw.setdefault("kind", "copy")
    result = lint_text(text, rule_paths=[path], select=["TST001"], **kw)
    return [(d.match, d.severity, d.reasons) for d in result.diagnostics]


# --- The commercial verdict ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "世界第一高桥今天通车了，桥面离谷底六百多米。",
        "腾讯最值得去的部门有哪些？在线等。",
        "辞职了，在这里遇见了最好的领导。",
    ],
)
def test_texts_that_sell_nothing_are_not_promotional(text):
    result = lint_text(text, kind="copy")
    assert (result.commercial, result.commercial_detected, result.commercial_basis) == (
        "not_promotional",
        True,
        "cues",
    )
    # an absolute term there is at most info, and the message says why
    assert all(d.severity == "info" for d in result.diagnostics if d.category == "compliance")


def test_a_seeding_note_is_promotional_from_its_cues():
    note = "这款面霜我回购了三次，质地很轻薄，成分也安心，专柜价 399 元，强烈推荐给干皮姐妹。"
    result = lint_text(note, kind="copy")
    assert (result.commercial, result.commercial_basis) == ("promotional", "cues")


def test_a_way_to_buy_makes_the_text_an_ad_for_certain():
    result = lint_text("全网最低价，点击链接购买。", kind="copy")
    assert (result.commercial, result.commercial_basis) == ("promotional", "route")
    assert ("CMP001", "最低价", "error") in findings("全网最低价，点击链接购买。")


def test_briefs_brand_terms_and_the_flag_are_certain():
    assert lint_text("核心卖点：轻薄持妆。", kind="brief").commercial_basis == "brief"
    branded = lint_text("全网最低价。", kind="copy", brand_terms=["GlowLab"])
    assert (branded.commercial, branded.commercial_basis) == ("promotional", "brand_terms")
    forced = lint_text("世界第一高桥。", kind="copy", commercial="promotional")
    assert (forced.commercial, forced.commercial_detected) == ("promotional", False)
    # forcing "not promotional" caps the compliance rules as a detected verdict would
    assert findings("全网最低价。", commercial="not-promotional") == [("CMP001", "最低价", "info")]


def test_a_bad_commercial_value_is_a_config_error():
    from xhslint.linter.core.errors import ConfigError

    with pytest.raises(ConfigError):
        lint_text("x", commercial="maybe")


def test_a_rules_context_caps_only_verdicts_from_cues(tmp_path):
    path = make_rule(
        tmp_path,
        "kind: terms\nterms: {zh: [神器]}\ncontext: {not_promotional: info, unclear: warning}\n",
    )
    assert own("这是神器。", path) == [("神器", "info", ("not_promotional",))]
    assert own("这是神器。", path, commercial="unclear") == [("神器", "warning", ())]
    assert own("这是神器。", path, commercial="promotional") == [("神器", "warning", ())]
    off = make_rule(tmp_path / "off", 'kind: terms\nterms: {zh: [神器]}\ncontext: {not_promotional: "off"}\n')
    assert own("这是神器。", off) == []


# --- Topic tags and handles -----------------------------------------------------


def test_tag_forms():
    text = "#欧拉好猫[话题]##乌萨奇[话题]# #护肤#面膜 色号#09 和 #650 #1 serum @小红叔"
    assert [text[s:e] for s, e, _ in find_tags(text)] == [
        "#欧拉好猫[话题]#",
        "#乌萨奇[话题]#",
        "#护肤#",
        "#面膜",
        "@小红叔",
    ]
    assert topic_tags("雅诗兰黛的#枫叶色口红# 都超好看") == [(5, 12)]


def test_closing_tags_without_hash():
    note = "用了一个月，很喜欢。\n我的口红日记\n平价口红\n最显白的口红\n@美妆薯"
    assert [note[s:e] for s, e in closing_tag_phrases(note)] == ["我的口红日记", "平价口红", "最显白的口红"]
    # a closing sentence with emoji or punctuation is not a tag run
    assert closing_tag_phrases("正文。\n真的超喜欢超推荐❤️ 姐妹们冲") == []


def test_a_line_repeating_the_notes_tags_run_together_is_a_tag_run():
    note = "正文。#孕期日记 #孕期护肤 #孕妇可用护肤品\n记录孕期日记孕期护肤孕妇可用护肤品\n正文继续。"
    spans = [note[s:e] for s, e, kind in find_tags(note) if kind == "topic"]
    assert spans[-1] == "孕期日记孕期护肤孕妇可用护肤品"
    # two repeated names are not enough; a sentence is never a tag line
    assert len(find_tags("正文 #孕期日记 #孕期护肤\n孕期日记孕期护肤")) == 2
    assert len(find_tags("#甲 #孕期日记 #孕期护肤 #孕妇可用\n孕期日记孕期护肤孕妇可用，真好")) == 4


def test_terms_in_tags_are_reported_once_per_note_one_level_lower():
    note = "这支口红很好看，推荐。\n#最显白的口红# #最显白口红# #口红"
    result = lint_text(note, kind="copy", commercial="promotional")
    (d,) = [d for d in result.diagnostics if d.rule_id == "CMP001"]
    assert (d.match, d.severity, d.reasons) == ("最显白", "info", ("tag",))
    assert d.params["more"] == 1
    assert "topic tag" in d.message("en") and "#最显白的口红#" in d.message("en")


# --- Mentions, not uses ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "笔记中禁止出现二维码和微信号。",
        "内容不得含有广告，如二维码、电话、链接等。",
        "不得涉及以下内容：\n- 绝对化用语（如“最佳”）\n- 扫码领券",
        "品牌合作笔记不得涉及夸张绝对内容，包括但不限于:\n涉及顶级词汇及绝对化用语\n涉及二维码",
    ],
)
def test_forbidden_words_are_mentions_across_clauses_and_lists(text):
    # (document-level findings about what the brief lacks are another matter)
    assert [f for f in findings(text, kind="brief") if f[0].startswith("CMP") and f[1]] == []


def test_urging_is_not_forbidding():
    assert ("CMP001", "最低价", "error") in findings("不要错过，全网最低价，点击链接购买！")


# --- Guard classes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "用BB的宝宝们，也来说说最好用的贵BB是哪个吧？",  # question
        "后面搽任何东西都会厚重，最好，早点搽这个。",  # advice (a clause-initial 最好)
        "对我而言最好的还是这瓶。",  # personal frame
        "酒不错，只是少了点自己独一无二的劲儿。",  # critique
        "并不是第一名，但我很喜欢。",  # negation
        "在这里遇见了最好的领导。",  # a person
        "江边最适合看日落的地方就在桥下。",  # a place heads the phrase (after its first 的)
        "调酒中规中矩 这是最好的了",  # critique before the term, in its clause
        "那阵子换了号称最温和的面霜，可惜收效甚微。",  # critique anywhere in the sentence
    ],
)
def test_guard_frames_drop_absolute_terms(text):
    assert [f for f in findings(text, commercial="promotional") if f[0] == "CMP001"] == []


def test_a_head_noun_is_read_after_the_first_de_only():
    # a product heads the phrase: still a claim; a place after a later 的 is not the head
    assert ("CMP001", "最适合", "warning") in findings("这是最适合敏感肌的面霜。", commercial="promotional")
    assert ("CMP001", "最适合", "warning") in findings("最适合敏感肌的面霜的地方。", commercial="promotional")


def test_advice_words_reach_the_items_of_the_list_they_introduce():
    listed = "现在应该用对应质地的产品，修正如下：\n🙋清洁：温和的氨基酸洁面\n🙋保湿：清爽的乳液"
    assert findings(listed, vertical="beauty", select=["CMP011"]) == []
    # a blank line ends the list; a line not ending in a colon introduces nothing
    assert findings("应该这样选：\n\n这款洁面温和。", vertical="beauty", select=["CMP011"]) != []
    assert findings("应该这样选\n- 这款洁面温和。", vertical="beauty", select=["CMP011"]) != []


def test_a_former_favourite_is_no_endorsement():
    assert findings("这是我去年最爱的面霜，今年换了。", select=["CMP004"], commercial="promotional") == []
    assert [f[0] for f in findings("这是我最爱的面霜。", select=["CMP004"], commercial="promotional")] == [
        "CMP004"
    ]


def test_gentle_claims_skip_advice_and_the_writers_sensation_and_come_once_per_note():
    assert findings("换季一定要温和补水。我用着不刺激。", vertical="beauty", select=["CMP011"]) == []
    claims = findings("这瓶温和无刺激，敏感肌适用，孕妇可用。", vertical="beauty", select=["CMP011"])
    assert len(claims) == 1


# --- Limits and tiers ------------------------------------------------------------


def test_one_finding_per_rule_per_sentence_keeps_the_most_severe_and_names_the_rest():
    result = lint_text("采用顶级配方，效果最好，销量第一！", kind="copy", commercial="promotional")
    (d,) = [d for d in result.diagnostics if d.rule_id == "CMP001"]
    assert (d.match, d.severity) == ("第一", "error")  # 销量第一: a rank with its dimension
    assert d.params["more"] == 2 and d.params["also"] == "顶级、最好"
    assert "顶级、最好" in d.message("en")


def test_a_folded_finding_carries_its_other_places_in_text_order():
    text = "采用顶级配方，效果最好，销量第一！"
    result = lint_text(text, kind="copy", commercial="promotional")
    (d,) = [d for d in result.diagnostics if d.rule_id == "CMP001"]
    places = [(r.match, r.line, r.column) for r in d.related]
    assert places == [("顶级", 1, 3), ("最好", 1, 10)]
    for r in d.related:
        assert text[r.start : r.end] == r.match
        assert r.to_json() == {"offset": r.start, "length": r.end - r.start, "line": 1,
                               "column": r.column, "match": r.match}  # fmt: skip


def test_related_places_are_capped(tmp_path):
    from xhslint.linter.engine.diagnostics import RELATED_CAP

    path = make_rule(
        tmp_path, "kind: terms\nterms: {zh: [神器]}\nlimit: {per_sentence: null, per_document: 1}\n"
    )
    result = lint_text("神器，" * (RELATED_CAP + 10), rule_paths=[path], select=["TST001"], kind="copy")
    (d,) = result.diagnostics
    assert len(d.related) == RELATED_CAP
    assert d.params["more"] == RELATED_CAP + 9


def test_limit_and_severity_if(tmp_path):
    body = """\
        kind: terms
        terms: {zh: [神器, 好物]}
        limit: {per_sentence: null, per_document: 2}
        severity_if:
          - {severity: info, match: [好物]}
          - severity: error
            sentence: {terms: {zh: [下单]}}
            why: {en: "a sale in the sentence.", zh-CN: "同一句有下单。"}
        """
    path = make_rule(tmp_path, body)
    assert own("神器，神器，好物。", path, commercial="promotional") == [
        ("神器", "warning", ()),
        ("神器", "warning", ()),
    ]
    assert own("好物一个。", path, commercial="promotional") == [("好物", "info", ())]
    assert own("神器，快下单。", path, commercial="promotional") == [("神器", "error", ("raised",))]


def test_a_personal_superlative_is_info_unless_a_product_follows():
    assert findings("夏天的最爱。", select=["CMP004"]) == [("CMP004", "最爱", "info")]
    assert findings("我最爱的面霜。", select=["CMP004"], commercial="promotional") == [
        ("CMP004", "最爱", "warning")
    ]


def test_a_guessed_vertical_never_switches_a_rule_off():
    # a fashion guess from two cue words must not silence a cosmetic medical claim
    text = "这件外套很百搭，顺便说一下这款面霜能抗菌消炎。"
    result = lint_text(text, kind="copy", select=["CMP007"], commercial="promotional")
    assert result.vertical_confidence in (None, "low")
    assert [d.match for d in result.diagnostics] == ["抗菌"]
    # a given vertical does, unless the text shows a cosmetic form
    assert findings("这件T恤面料抗菌。", vertical="fashion", select=["CMP007"]) == []
    assert findings("这款面膜抗菌。", vertical="fashion", select=["CMP007"], commercial="promotional") == [
        ("CMP007", "抗菌", "warning")
    ]


def test_english_posts_are_detected_by_their_vertical_words():
    beauty = "This serum cleared my acne and my skin feels so hydrated. Use my code LILY10, link in bio!"
    food = "These dumplings are so delicious and the sauce tastes amazing. Get yours with code FOOD15."
    assert lint_text(beauty, kind="copy").vertical == "beauty"
    assert lint_text(food, kind="copy").vertical == "food"
    assert lint_text("Had a long day at work, finally home.", kind="copy").vertical is None
