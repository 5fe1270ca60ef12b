"""Engine features rule packs build on: conditions, mentions, brand inference,
rule options, scopes and the script, typography and date checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomllib
from rule_fixtures import write_test_rule

from xhslint import lint_text
from xhslint.linter.kinds.metric import distinct_dates, title_length


def rule_file(tmp_path, name: str, body: str, *, rule_id="TST001", category="compliance", applies_to="any"):
    return str(
        write_test_rule(tmp_path, name, body, rule_id=rule_id, category=category, applies_to=applies_to)
    )


def matches(text, path, rule_id="TST001", **kw):
    kw.setdefault("kind", "copy")
    result = lint_text(text, rule_paths=[path], select=[rule_id], **kw)
    return [d.match for d in result.diagnostics]


def test_quoted_forbidden_word_is_a_mention_not_a_claim(tmp_path):
    path = rule_file(tmp_path, "abs", "kind: terms\nterms: {zh: [最佳, 消炎], en: [the best]}\n")
    assert matches("这款是最佳面霜。", path) == ["最佳"]
    assert matches("请勿使用“最佳”等绝对化用语。", path) == []
    assert matches("不要写“消炎”这类功效。", path) == []
    assert matches('Avoid words like "the best".', path) == []
    # a quote without a prohibition cue is still a claim
    assert matches("朋友说这是“最佳”面霜。", path) == ["最佳"]


def test_a_mention_marker_names_its_list_not_the_whole_sentence(tmp_path):
    path = rule_file(tmp_path, "abs", "kind: terms\nterms: {zh: [最好, 第一, 顶级, 私下结算]}\n")
    # the words between the cue and the marker, commas and all, are named, not claimed
    assert matches("请勿使用最好，第一，顶级这类词。", path) == []
    # another instruction after the marker's clause is not part of its list
    assert matches("笔记请勿出现最好等字样，费用私下结算。", path) == ["私下结算"]


def test_mentions_flag_keeps_quoted_words(tmp_path):
    path = rule_file(tmp_path, "abs", "kind: terms\nterms: {zh: [最佳]}\nmentions: flag\n")
    assert matches("请勿使用“最佳”等绝对化用语。", path) == ["最佳"]


def test_only_if_and_unless_gate_the_whole_rule(tmp_path):
    body = """\
        kind: terms
        terms: {zh: [下单]}
        only_if: {terms: {zh: [链接]}}
        unless: {patterns: ["#广告"]}
        """
    path = rule_file(tmp_path, "gate", body)
    # (texts avoid phrases that bundled rules make one word, such as 点链接: the
    # segmenter's dictionary holds every loaded rule's terms)
    assert matches("打开链接后下单。", path) == ["下单"]
    assert matches("记得下单。", path) == []  # no purchase route: only_if fails
    assert matches("打开链接后下单。#广告", path) == []  # labelled: unless holds


def test_sentence_conditions_look_only_at_the_finding_sentence(tmp_path):
    body = """\
        kind: terms
        terms: {zh: [第一]}
        sentence_unless: {patterns: ["\\\\d{4}\\\\s*(?:天猫|京东)"]}
        """
    path = rule_file(tmp_path, "qualified", body)
    assert matches("销量第一。", path) == ["第一"]
    assert matches("2023天猫双11面霜类目销量第一。", path) == []
    assert matches("2023天猫双11很热闹。销量第一。", path) == ["第一"]


def test_density_exclude_drops_guardrail_sentences(tmp_path):
    body = """\
        kind: density
        count:
          terms: {zh: [必须, 不得]}
          exclude: {terms: {zh: [蒲公英, 广告法, 合作]}}
        per: sentences
        threshold: 0.5
        min_sentences: 4
        """
    path = rule_file(tmp_path, "directives", body, category="prescriptive", applies_to="brief")
    guardrails = "必须通过蒲公英下单。不得违反广告法。必须写明合作。请分享真实感受。"
    assert matches(guardrails, path, kind="brief") == []
    orders = "必须用这个标题。不得改文案。必须拍三张图。请分享真实感受。"
    assert len(matches(orders, path, kind="brief")) == 1


def test_brand_density_infers_repeated_bracketed_names(tmp_path):
    body = """\
        kind: density
        count: {source: brand_terms}
        per: 1000_chars
        threshold: 20
        min_chars: 20
        min_count: 3
        """
    path = rule_file(tmp_path, "brand", body, category="advertorial")
    stuffed = "【焕颜精华】真好用。\n【焕颜精华】很温和。\n【焕颜精华】会回购。\n"
    assert matches(stuffed, path) == ["焕颜精华"]
    # configured brand terms take precedence over inference
    assert matches(stuffed, path, brand_terms=["某某"]) == []


def test_rule_options_change_limits_and_severity(tmp_path):
    note = tmp_path / "n.txt"
    note.write_text("这是一个非常长的标题，超过了二十个字的限制，真的很长很长\n正文。\n", encoding="utf-8")
    from xhslint.linter.run.runner import run_lint

    assert run_lint([str(note)], select=("FMT001",)).results[0].diagnostics
    (tmp_path / ".xhslint.toml").write_text(
        '[rule_options]\nFMT001 = {max = 200, severity = "info"}\n', encoding="utf-8"
    )
    from xhslint.linter.run.config import discover

    discover.cache_clear()
    assert run_lint([str(note)], select=("FMT001",)).results[0].diagnostics == []


@pytest.mark.parametrize(
    ("options", "needle"),
    [
        ("{FMT001 = {maximum = 3}}", "unknown option"),
        ('{FMT001 = {severity = "fatal"}}', "severity"),
        ("{FMT001 = {max = -1}}", "non-negative"),
    ],
)
def test_bad_rule_options_are_config_errors(tmp_path, options, needle):
    from xhslint.linter.core.errors import ConfigError
    from xhslint.linter.run.config import load_config_file

    path = tmp_path / ".xhslint.toml"
    path.write_text(f"rule_options = {options}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=needle):
        load_config_file(path)


@pytest.mark.parametrize(
    ("options", "needle"),
    [
        ("{FMT = {max = 5}}", r"'max' is one rule's limit, but 'FMT' matches \d+ rules"),
        ("{format = {min = 1}}", "name the rule by its id"),
        ("{FMT004 = {max = 3}}", "FMT004 \\(typography\\) has no 'max' limit"),
    ],
)
def test_a_limit_names_one_rule_that_reads_it(options, needle):
    """A prefix selector must not change several rules' limits at once (FMT = {max = 5}
    would cut the title, body and tag limits together), nor a limit a rule does not have."""
    from xhslint.linter.core.errors import ConfigError
    from xhslint.linter.engine.linter import Linter, Options
    from xhslint.linter.run.caches import rules_for
    from xhslint.linter.run.config import build_config

    config = build_config(tomllib.loads(f"rule_options = {options}\n"), "x.toml")
    with pytest.raises(ConfigError, match=needle):
        Linter(rules_for(), Options(rule_options=config.rule_options))


def test_a_severity_may_go_to_every_rule_a_selector_matches():
    from xhslint.linter.engine.linter import apply_rule_options
    from xhslint.linter.run.caches import rules_for

    rules = apply_rule_options(rules_for(), (("FMT", (("severity", "error"),)),))
    assert {r.severity for r in rules if r.id.startswith("FMT")} == {"error"}
    assert any(r.severity != "error" for r in rules if not r.id.startswith("FMT"))


def test_last_line_scope(tmp_path):
    body = 'kind: pattern\npatterns: ["^——.+$"]\nscope: last_line\n'
    path = rule_file(tmp_path, "tagline", body, category="advertorial")
    assert matches("标题\n——焕颜精华，美丽由你\n我的感受。\n", path) == []
    assert matches("标题\n我的感受。\n——焕颜精华，美丽由你\n", path) == ["——焕颜精华，美丽由你"]


def test_script_kind_flags_traditional_characters_in_simplified_copy(tmp_path):
    path = rule_file(tmp_path, "script", "kind: script\n", category="localisation")
    assert matches("这个粉底液真的很好用，這個颜色也好看。", path) == ["這個"]
    assert matches("这个粉底液真的很好用，颜色也好看，著名品牌。", path) == []
    # a Traditional note is a different audience, not a mix
    assert matches("這個粉底液真的很好用，顏色也好看。", path) == []


def test_typography_kind_reports_spacing_with_a_fix(tmp_path):
    path = rule_file(tmp_path, "typo", "kind: typography\n", category="format", applies_to="brief")
    result = lint_text("请在6月1日发布test笔记。", kind="brief", rule_paths=[path], select=["TST001"])
    fixes = [(d.start, d.end, d.fix) for d in result.diagnostics]
    # one finding per token, each replacing the whole window with its corrected form
    assert [(d.match, d.params["fixed"]) for d in result.diagnostics] == [
        ("在6月1日", "在 6 月 1 日"),
        ("布test笔", "布 test 笔"),
    ]
    text = "请在6月1日发布test笔记。"
    for start, end, fix in sorted(fixes, reverse=True):
        text = text[:start] + fix + text[end:]
    assert text == "请在 6 月 1 日发布 test 笔记。"


def test_title_length_counts_latin_words_as_one():
    assert title_length("混油皮夏天的底妆答案") == 10
    assert title_length("YSL 小金条 review") == 5
    assert title_length("Mineral sunscreen on oily skin") == 5


def test_distinct_dates_in_chinese_and_english():
    dates = distinct_dates("6月1日预热，6月18日集中发布；2026-06-18 again; June 30th and 1 July.")
    assert [(m, d) for m, d, _, _ in dates] == [(6, 1), (6, 18), (6, 30), (7, 1)]


def test_a_field_of_another_kind_is_a_load_error_with_its_line(tmp_path):
    from xhslint.linter.core.errors import RuleError
    from xhslint.linter.rules.loader import load_file

    path = rule_file(tmp_path, "foreign", "kind: terms\nterms: {zh: [最佳]}\nthreshold: 3\n")
    with pytest.raises(
        RuleError,
        match=r"'threshold' is not a field of a terms rule \(it belongs to: density, plan-outliers\)",
    ) as info:
        load_file(Path(path))
    assert info.value.line == Path(path).read_text(encoding="utf-8").splitlines().index("threshold: 3") + 1


def test_a_message_placeholder_the_kind_does_not_give_is_a_load_error(tmp_path):
    from xhslint.linter.core.errors import RuleError
    from xhslint.linter.rules.loader import load_file

    path = rule_file(tmp_path, "typo", "kind: terms\nterms: {zh: [最佳]}\n")
    Path(path).write_text(
        Path(path).read_text(encoding="utf-8").replace("{match}", "{mtch}"), encoding="utf-8"
    )
    with pytest.raises(RuleError, match=r"uses '\{mtch\}', which a terms rule does not give"):
        load_file(Path(path))


# --- terms: patterns beside the word list ---------------------------------------

PATTERN_RULE = """\
kind: terms
terms: {zh: [温和配方]}
patterns:
  - '敏感肌(?:也)?(?:可以|能)?(?:放心)?用'
  - '对敏感肌(?:很|非常)?友好'
"""


def _pattern_matches(tmp_path, text):
    path = write_test_rule(tmp_path, "patterns", PATTERN_RULE)
    result = lint_text(text, rule_paths=[str(path)], select=["TST001"], kind="copy", commercial="promotional")
    return [d.match for d in result.diagnostics]


def test_a_terms_pattern_catches_the_claim_however_it_is_worded(tmp_path):
    assert _pattern_matches(tmp_path, "这瓶精华敏感肌也可以放心用。") == ["敏感肌也可以放心用"]
    assert _pattern_matches(tmp_path, "这款面霜对敏感肌非常友好。") == ["对敏感肌非常友好"]


def test_a_terms_pattern_matches_whole_words_only(tmp_path):
    # 对 belongs to 面对 here: the pattern must not start inside a word
    assert _pattern_matches(tmp_path, "这支洁面对敏感肌友好。") == []
    # and must not end inside one: 敏感肌肤 is not 敏感肌 + 肤
    assert _pattern_matches(tmp_path, "这款对敏感肌肤友好。") == []


def test_a_terms_pattern_reads_through_fillers_and_traditional_script(tmp_path):
    text = "這款面霜對 敏 感 肌 很友好。"
    (match,) = _pattern_matches(tmp_path, text)
    assert match == "對 敏 感 肌 很友好"  # the original characters, spaces and script kept
    assert text[text.index(match) :].startswith(match)


def test_a_pattern_match_over_a_listed_term_is_one_finding(tmp_path):
    rule = PATTERN_RULE.replace("[温和配方]", "[敏感肌]")
    path = write_test_rule(tmp_path, "overlap", rule)
    result = lint_text("这瓶精华敏感肌也可以放心用。", rule_paths=[str(path)], select=["TST001"], kind="copy")
    assert [d.match for d in result.diagnostics] == ["敏感肌"]
