"""The normalised view (linter/analysis/normalise.py): Traditional script, width forms and
evasion fillers are seen through by every matcher, and findings still report the original
offsets and characters. Texts are the tests' own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rule_fixtures import write_test_rule

from xhslint import lint_text
from xhslint.linter.analysis.normalise import compact, same_length


def found(text: str, rule: str, **kw) -> list[str]:
    kw.setdefault("kind", "copy")
    kw.setdefault("commercial", "promotional")
    return [d.match for d in lint_text(text, **kw).diagnostics if d.rule_id == rule]


def test_traditional_script_matches_the_simplified_term_lists():
    text = "國家級配方，絕對有效，可以降血壓"
    assert found(text, "CMP001") == ["國家級"]
    assert found(text, "CMP021") == ["絕對有效"]
    assert found(text, "CMP013") == ["降血壓"]


def test_width_forms_fillers_and_zero_width_characters_are_seen_through():
    assert found("这款面霜全网最 低 价，快来下单", "CMP001") == ["最 低 价"]
    assert found("这款面霜全网最.低.价，快来下单", "CMP001") == ["最.低.价"]
    assert found("这款精华想要的加微❤信哦", "CMP003") == ["加微❤信"]
    assert found("这款面霜全网最\u200b低价", "CMP001") == ["最\u200b低价"]
    assert found("这款精华加ＶＸ购买", "CMP003") == ["加ＶＸ"]


def test_findings_point_at_the_original_characters():
    text = "標題\n這款面霜是全網最 低 價的。"
    (d,) = [
        d for d in lint_text(text, kind="copy", commercial="promotional").diagnostics if d.rule_id == "CMP001"
    ]
    assert text[d.start : d.end] == d.match == "最 低 價"
    assert (d.line, d.column) == (2, text.index("最") - text.index("\n"))


def test_words_spaced_apart_are_not_joined_into_a_term():
    # whole words with spaces between them are ordinary writing, not an evasion
    assert found("上海 外滩 真好看，下次还来", "CMP001") == []
    assert compact("上海 外滩 真好").text == "上海 外滩 真好"
    assert compact("上海·外滩").text == "上海·外滩"


def test_a_fix_never_rewrites_across_a_normalisation(tmp_path):
    path = write_test_rule(tmp_path, "fixme", "kind: terms\nterms: [最低价]\nfix: 低价\n")

    def fixes(text: str) -> list[str | None]:
        result = lint_text(text, kind="copy", rule_paths=[str(path)], select=["TST001"])
        return [d.fix for d in result.diagnostics]

    assert fixes("全网最低价") == ["低价"]
    assert fixes("全网最 低 价") == [None]
    assert fixes("全網最低價") == [None]


def test_the_same_length_view_keeps_every_offset():
    text = "國家級ＶＸ①③⑧，全網最低價！"
    assert len(same_length(text)) == len(text)
    assert same_length(text) == "国家级VX138，全网最低价！"  # CJK punctuation stays as it is


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("最低价广告微信 .*❤·\u200b\ufe0fab1，")), max_size=40))
def test_the_compact_view_maps_every_character_back(text):
    view = compact(text)
    if view.origin is None:
        assert view.text == text
        return
    assert len(view.origin) == len(view.text) + 1
    assert all(view.text[i] == text[view.origin[i]] for i in range(len(view.text)))
    assert list(view.origin) == sorted(set(view.origin))  # increasing: spans map to spans
    dropped = {i for s, e in view.dropped for i in range(s, e)}
    assert set(view.origin[:-1]) == set(range(len(text))) - dropped


def test_every_chinese_flag_example_still_flags_when_written_in_traditional_script():
    """Every Chinese term list matches its Traditional form: each bundled rule's Chinese flag
    examples, converted to Traditional characters (OpenCC s2t), still flag as often. Script
    rules are the exception by design (a whole Traditional text is not a mixed one)."""
    import opencc

    from xhslint.linter.analysis.language import HAN
    from xhslint.linter.ruletools.examples import as_mapping, lint_example
    from xhslint.linter.run.caches import rules_for

    s2t = opencc.OpenCC("s2t")
    converted, wrong = 0, []
    for rule in rules_for():
        if rule.kind == "script":
            continue
        for example in map(as_mapping, rule.examples["flag"]):
            if "plan" in example:  # a roster, not a text
                continue
            traditional = s2t.convert(example["text"])
            if traditional == example["text"] or not HAN.search(traditional):
                continue
            converted += 1
            fired = [
                d
                for d in lint_example(rule, {**example, "text": traditional}).diagnostics
                if d.rule_id == rule.id
            ]
            wanted = example.get("match")
            count = 1 if isinstance(wanted, str) else len(wanted) if wanted else None
            if not fired or (count is not None and len(fired) != count):
                wrong.append((rule.id, traditional, [d.match for d in fired]))
    assert converted > 300
    assert not wrong, wrong[:5]


def test_content_patterns_read_circled_and_full_width_digits(tmp_path):
    # CMP002 reads the content (URLs kept): it must see the folded digits too
    body = "kind: pattern\ntarget: content\npatterns: ['1[3-9][0-9]{9}']\n"
    path = write_test_rule(tmp_path, "phone", body)
    for text in ("电话①③⑧①②③④⑤⑥⑦⑧", "电话１３８１２３４５６７８"):
        result = lint_text(text, rule_paths=[str(path)], select=["TST001"], kind="copy")
        assert [d.match for d in result.diagnostics] == [text[2:]]


def test_a_line_in_full_width_latin_is_read_as_latin():
    assert lint_text("ＶＸ：ｍｅｉｍｅｉ５２０", kind="copy").language == "en"
