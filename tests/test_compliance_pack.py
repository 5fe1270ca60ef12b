"""The compliance and format packs beyond each rule's own examples: how the
rules divide a claim between them (error vs warning), mentions in briefs
(including the compliance reminders every generated brief carries), personal
medical context, disclosure labels and the configurable format limits."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from xhslint import lint_text

ROOT = Path(__file__).resolve().parent.parent
REMINDERS = ROOT / "brief_templates" / "_data" / "compliance.yaml"


def found(text: str, **kw) -> list[tuple[str, str]]:
    kw.setdefault("kind", "copy")
    kw.setdefault("select", ["compliance"])
    return [(d.rule_id, d.match) for d in lint_text(text, **kw).diagnostics]


def severities(text: str, **kw) -> dict[str, str]:
    kw.setdefault("kind", "copy")
    kw.setdefault("select", ["compliance"])
    return {d.rule_id: d.severity for d in lint_text(text, **kw).diagnostics}


# --- One claim, one rule: error or warning ------------------------------------


def test_personal_superlative_is_a_warning_not_an_absolute_term():
    assert severities("这是我用过最好的粉底。") == {"CMP004": "warning"}
    # in a declared ad: an everyday superlative is a warning, an unambiguous one an error
    assert severities("这是最好的粉底。", commercial="promotional") == {"CMP001": "warning"}
    assert severities("这是全网最低价的粉底。", commercial="promotional") == {"CMP001": "error"}
    # a favourite that praises no product (a season, a colour) is only info
    assert severities("夏天的最爱。") == {"CMP004": "info"}


def test_rank_claim_qualified_by_year_and_platform_asks_for_evidence():
    assert found("2023 天猫双11 面霜类目销量第一。") == [("CMP005", "第一")]
    assert found("销量第一的面霜。") == [("CMP001", "第一")]
    sourced = "2023 天猫双11 面霜类目销量第一（数据来源：天猫生意参谋）。"
    assert found(sourced) == []


def test_sequence_and_enumeration_are_not_rank_claims():
    text = "第一次用，第一步洁面，第一天就空了一半。油皮也能用，第一它很清爽，第二它不闷痘。"
    assert found(text) == []


def test_contact_detail_is_reported_once_not_also_as_a_lure():
    assert [r for r, _ in found("想要的加我vx：meimei_2024")] == ["CMP002"]
    assert found("想要同款的加我。") == [("CMP003", "加我")]


# --- Mentioned, not used ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "请勿使用“最佳”“第一”等绝对化用语。",
        "不要写“消炎”这类功效。",
        "请勿宣称“益智”“提高免疫力”“保护肠道”等功能。",
        "也不承诺“永久”“立刻”见效。",
        'Avoid words like "best" or "No.1".',
        'Avoid claims like "cures" or "clinically proven".',
    ],
)
def test_forbidding_a_word_is_not_using_it(text):
    assert found(text, kind="brief", vertical="mother-baby", ignore=["CMP019"]) == []


def test_an_unrelated_prohibition_word_does_not_hide_a_claim():
    # 不要担心 is not forbidding the words that follow it
    claims = found("敏感肌也不要担心，有消炎、抗敏的作用。", vertical="beauty")
    assert claims == [("CMP006", "消炎"), ("CMP007", "抗敏")]


def _reminders():
    if not REMINDERS.exists():
        return []
    data = yaml.safe_load(REMINDERS.read_text(encoding="utf-8"))
    cases = [("common", None, item) for item in data.get("common") or []]
    for vertical, items in (data.get("verticals") or {}).items():
        cases += [(vertical, vertical, item) for item in items or []]
    return [
        pytest.param(vertical, item[locale], id=f"{name}-{locale}-{i}")
        for i, (name, vertical, item) in enumerate(cases)
        for locale in ("zh-CN", "en")
        if isinstance(item, dict) and item.get(locale)
    ]


@pytest.mark.skipif(not REMINDERS.exists(), reason="brief templates not present")
@pytest.mark.parametrize(("vertical", "text"), _reminders())
def test_generated_brief_reminders_are_mentions(vertical, text):
    """Every compliance reminder a generated brief carries forbids words; it claims nothing."""
    assert found(text, kind="brief", vertical=vertical, ignore=["CMP019"]) == []


# --- Claims attach to the product ----------------------------------------------


def test_personal_medical_context_is_not_a_product_claim():
    story = "宝宝两个月时医生诊断是湿疹，开了药膏，治疗了两周。现在每天用这款润肤乳保湿。"
    assert found(story, vertical="mother-baby") == []
    assert found("这款润肤乳可以治疗湿疹。", vertical="mother-baby") == [("CMP006", "治疗")]
    en = "My dermatologist diagnosed eczema and prescribed a cream that treats eczema."
    assert found(en) == []


def test_medical_words_by_vertical():
    assert found("这件抗菌面料的T恤很透气。", vertical="fashion") == []
    assert found("这款面霜抗菌。它还抗敏。", vertical="beauty") == [("CMP007", "抗菌"), ("CMP007", "抗敏")]
    # breast-milk comparisons are banned whatever vertical was detected
    assert found("配方更接近母乳。") == [("CMP015", "接近母乳")]
    # infant function claims only for mother-and-baby; educational toys are fine there
    assert found("这款奶粉能提高免疫力。", vertical="mother-baby") == [("CMP016", "提高免疫力")]
    assert found("这套益智玩具很耐玩。", vertical="mother-baby") == []


# --- Disclosure ---------------------------------------------------------------


def test_purchase_route_needs_an_ad_label():
    assert [r for r, _ in found("点击左下角链接购买。")] == ["CMP018"]
    assert found("【广告】点击左下角链接购买。") == []
    assert found("品牌合作｜点击左下角链接购买。") == []
    # "not an ad" is not a label
    assert [r for r, _ in found("这不是广告！点击左下角链接购买。")] == ["CMP018"]
    # a shop URL counts even though URLs are not prose (CMP020, the same duty)
    assert [r for r, _ in found("同款 https://item.taobao.com/item.htm?id=1")] == ["CMP020"]
    assert found("【广告】同款 https://item.taobao.com/item.htm?id=1") == []
    # the writer's own purchase and a venue's name are not purchase routes
    assert found("昨天在官网下单了两瓶。店名：某某咖啡，进店必点拿铁。") == []


def test_special_use_claim_is_reported_once_per_note_unless_registered():
    note = "这支防晒霜很清爽。防晒效果也好。美白精华也不错。"
    assert [r for r, _ in found(note, vertical="beauty")] == ["CMP009"]
    registered = note + "国妆特字G20210123。"
    assert found(registered, vertical="beauty") == []


# --- Format -------------------------------------------------------------------


def test_title_length_counts_latin_words_and_reports_width():
    title = "我的夏日底妆 routine 分享：混油皮 YSL 小金条和 NARS 粉底液一个月真实测评"
    result = lint_text(title + "\n正文。", kind="copy", select=["FMT001"])
    (d,) = result.diagnostics
    assert d.params["value"] == 29 and d.params["width"] > 40
    assert "29" in d.message("en") and str(d.params["width"]) in d.message("zh-CN")
    short = lint_text("YSL 小金条 review：混油皮一个月\n正文。", kind="copy", select=["FMT001"])
    assert short.diagnostics == []


def test_format_limits_are_warnings():
    from xhslint.linter.rules.loader import load_rules

    rules = {r.id: r for r in load_rules()}
    for rule_id in ("FMT001", "FMT002", "FMT003"):
        assert rules[rule_id].severity == "warning"
    assert rules["FMT004"].severity == "info" and rules["FMT004"].applies_to == "brief"


def test_typography_only_for_briefs():
    text = "请在6月1日发布test笔记。"
    assert lint_text(text, kind="copy", select=["FMT004"]).diagnostics == []
    assert lint_text(text, kind="brief", select=["FMT004"]).diagnostics


# --- Unverified facts are never errors --------------------------------------------


def test_rules_citing_unverified_facts_are_not_errors():
    from xhslint.linter.rules.loader import load_rules

    for rule in load_rules():
        if rule.category not in ("compliance", "format"):
            continue
        unverified = any(isinstance(r, dict) and r.get("verified") is False for r in rule.references)
        if unverified:
            assert rule.severity != "error", rule.id
