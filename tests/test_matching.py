"""The matching engine: word-aware Chinese and English term matching,
exceptions and guards, offsets, Markdown blanking and language detection.

Most cases go through ``lint_text`` with the bundled absolute-terms rule
(CMP001); the guard forms are exercised on hand-built ``TermSet``s so they
do not depend on any rule file's current word list.
"""

from __future__ import annotations

import pytest

from xhslint import lint_text
from xhslint.linter.analysis.analysed import analyse
from xhslint.linter.analysis.matching import TermMatcher, TermSet
from xhslint.linter.api import linter_for
from xhslint.linter.document.model import Document
from xhslint.linter.document.readers import document_from_text, read_path
from xhslint.linter.engine.linter import Options


def cmp001(text: str, **kwargs) -> list[str]:
    """The CMP001 matches in ``text`` linted as a note (copy)."""
    kwargs.setdefault("kind", "copy")
    result = lint_text(text, **kwargs)
    return [d.match for d in result.diagnostics if d.rule_id == "CMP001"]


def scan(termset: TermSet, text: str) -> list[tuple[int, int, str]]:
    """Hits of one term set in ``text``: (start, end, original text)."""
    matcher = TermMatcher([termset])
    analysed = analyse(Document(path="t", text=text), user_words=matcher.user_words())
    return [(h.start, h.end, h.term) for h in matcher.scan(analysed)[0]]


# --- Chinese: terms start and end on jieba token edges ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "最近换季皮肤有点干。",
        "最后还是选了这瓶。",
        "第一次用就爱上了。",
        "首先洁面，然后上精华。",
    ],
)
def test_chinese_words_containing_a_term_prefix_do_not_trigger(text):
    assert cmp001(text) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("这是我心中的最佳选择。", "最佳"),
        ("全网最低价，快来看看。", "最低价"),
        ("这款面霜是国家级配方。", "国家级"),
    ],
)
def test_chinese_absolute_terms_trigger(text, term):
    assert cmp001(text) == [term]


def test_exception_phrase_cancels_the_term_it_contains():
    assert cmp001("唯一的缺点是包装有点大。") == []
    # ...but the same term outside the exception still fires.
    assert cmp001("这是唯一能用的面霜。") == ["唯一"]


@pytest.mark.parametrize("text", ["敏感肌最好先在耳后做个测试。", "晚上最好不要熬夜。"])
def test_usage_advice_with_zui_hao_is_guarded(text):
    assert cmp001(text) == []


def test_zui_hao_as_a_claim_still_fires():
    assert cmp001("这是我用过效果最好的粉底液。") == ["最好"]


def test_term_inside_a_longer_token_is_not_matched_by_a_custom_termset():
    ts = TermSet(("最",))
    # 最近 / 最后 are single jieba tokens, so the one-character term never sits on both edges.
    assert scan(ts, "最近最后") == []


# --- Guards on custom term sets ---------------------------------------------


def test_not_preceded_by_list_guards_every_term():
    ts = TermSet.from_spec({"terms": ["绝对", "保证"], "not_preceded_by": ["不"]})
    text = "不绝对，不保证，绝对保证。"
    hits = scan(ts, text)
    assert [(s, e) for s, e, _ in hits] == [(8, 10), (10, 12)]
    assert [t for _, _, t in hits] == ["绝对", "保证"]


def test_not_preceded_by_skips_spaces_between_guard_and_term():
    ts = TermSet(("绝对",), not_preceded_by=(("*", "不"),))
    assert scan(ts, "这个绝对好用。") == [(2, 4, "绝对")]
    assert scan(ts, "这个不绝对。") == []
    assert scan(ts, "这个不 绝对。") == []


def test_unguarded_control_matches_where_the_guard_would_apply():
    # Without the guard the same text does match: the guard is what cancels it.
    assert scan(TermSet(("绝对",)), "这个不绝对。") == [(3, 5, "绝对")]


def test_guard_mapping_applies_only_to_its_term():
    ts = TermSet.from_spec({"terms": ["绝对", "保证"], "not_preceded_by": {"绝对": ["并非"]}})
    hits = scan(ts, "并非绝对，并非保证。")
    assert [t for _, _, t in hits] == ["保证"]


def test_not_followed_by_mapping_keys_are_case_insensitive():
    ts = TermSet.from_spec({"terms": {"en": ["guaranteed"]}, "not_followed_by": {"Guaranteed": ["not"]}})
    text = "Guaranteed not. GUARANTEED results."
    hits = scan(ts, text)
    assert [(s, t) for s, _, t in hits] == [(16, "GUARANTEED")]


def test_not_followed_by_list_applies_to_every_term():
    ts = TermSet.from_spec({"terms": ["the best", "the only"], "not_followed_by": ["part"]})
    assert scan(ts, "the best part and the only part") == []
    assert [t for _, _, t in scan(ts, "the best one and the only one")] == ["the best", "the only"]


def test_followed_by_requires_one_of_its_strings_after_the_term():
    ts = TermSet.from_spec({"terms": ["最好"], "followed_by": {"最好": ["的", "$"]}})
    text = "效果最好。最好上午吃，这是最好的，最好 的。"
    starts = [s for s, _, _ in scan(ts, text)]
    # "效果最好。" (clause end), "最好的" and "最好 的" (spaces skipped) count; "最好上午吃" does not.
    assert starts == [2, 13, 17]


def test_followed_by_clause_end_includes_end_of_text_and_line_break():
    ts = TermSet.from_spec({"terms": ["最好"], "followed_by": ["$"]})
    assert [s for s, _, _ in scan(ts, "效果最好\n然后最好")] == [2, 7]


def test_bundled_zui_hao_is_a_claim_only_in_claim_positions():
    assert cmp001("这瓶效果最好。") == ["最好"]
    assert cmp001("这个最好上午吃。") == []


def test_bundled_english_guards():
    assert cmp001("The best part is the smell.") == []
    assert cmp001("It was not the only option I tried.") == []
    assert cmp001("This is the only option I tried.") == ["the only"]


def test_exceptions_are_case_insensitive():
    ts = TermSet(("best",), exceptions=("Best Before",))
    assert scan(ts, "BEST BEFORE June, but the best.") == [(26, 30, "best")]


# --- English: word boundaries and case --------------------------------------


def test_english_phrase_matches_on_word_boundaries():
    text = "This is the best serum"
    result = lint_text(text, kind="copy")
    hits = [d for d in result.diagnostics if d.rule_id == "CMP001"]
    assert [(d.match, d.start, d.end) for d in hits] == [("the best", 8, 16)]


def test_english_single_word_does_not_match_inside_a_longer_word():
    ts = TermSet(("best",))
    assert scan(ts, "Our bestseller is bestselling") == []
    assert scan(ts, "rebest best") == [(7, 11, "best")]


def test_english_matching_is_case_insensitive_and_keeps_original_text():
    assert cmp001("THE BEST serum") == ["THE BEST"]
    ts = TermSet(("best",))
    assert [t for _, _, t in scan(ts, "best Best BEST-in-class")] == ["best", "Best", "BEST"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is the world’s first formula.", "world’s first"),  # U+2019, as phones type it
        ("It is the world's first formula.", "world's first"),
    ],
)
def test_typographic_apostrophe_matches_a_straight_apostrophe_term(text, expected):
    assert cmp001(text) == [expected]


def test_english_term_inside_a_chinese_line():
    assert cmp001("这是the best选择。") == ["the best"]


# --- Offsets, lines and columns ---------------------------------------------


def _check_offsets(result, text):
    for d in result.diagnostics:
        assert d.match == text[d.start : d.end]
        data = d.to_json("en")
        assert data["match"] == text[data["offset"] : data["offset"] + data["length"]]


def test_offsets_on_mixed_chinese_and_english_text():
    text = "标题\n我觉得 this is the best 面霜。全网最低价。\n"
    result = lint_text(text, kind="copy")
    hits = {d.match: d for d in result.diagnostics if d.rule_id == "CMP001"}
    assert set(hits) == {"the best", "最低价"}
    best = hits["the best"]
    assert (best.line, best.column, best.end_line, best.end_column) == (2, 13, 2, 21)
    assert best.start == text.index("the best")
    low = hits["最低价"]
    assert low.start == text.index("最低价")
    assert (low.line, low.column) == (2, text.index("最低价") - text.index("\n"))
    assert low.end_column - low.column == 3  # characters, not bytes
    _check_offsets(result, text)


def test_offsets_on_crlf_text():
    text = "标题\r\n第二行\r\n这是最佳选择。the best one.\r\n"
    result = lint_text(text, kind="copy")
    hits = [d for d in result.diagnostics if d.rule_id == "CMP001"]
    assert [(d.match, d.line) for d in hits] == [("最佳", 3), ("the best", 3)]
    assert hits[0].column == 3
    assert hits[0].start == text.index("最佳")
    assert hits[1].column == text.index("the best") - text.index("这是") + 1
    _check_offsets(result, text)


def test_offsets_after_utf8_bom_index_the_decoded_text(tmp_path):
    text = "标题\r\nThis is the best serum。全网最低价\r\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    doc = read_path(str(path))
    assert doc.text == text  # BOM removed, nothing else changed
    result = linter_for(Options(kind="copy")).lint(doc)
    hits = [d for d in result.diagnostics if d.rule_id == "CMP001"]
    assert [(d.match, d.start, d.line, d.column) for d in hits] == [
        ("the best", 12, 2, 9),
        ("最低价", 29, 2, 26),
    ]
    _check_offsets(result, text)


# --- Markdown ---------------------------------------------------------------

MARKDOWN = """\

# 我的标题 最佳

## 使用感受
这是最佳选择。`最低价` 代码

```
全网最低价
```

看 https://example.com/顶级 和 [链接](https://x.com/国家级) <https://a.com/销冠>
### 小节
世界级
## 总结
完
"""


def test_markdown_code_and_urls_are_not_linted():
    md = lint_text(MARKDOWN, kind="copy", markdown=True)
    found = [(d.match, d.line) for d in md.diagnostics if d.rule_id == "CMP001"]
    assert found == [("最佳", 2), ("最佳", 5), ("世界级", 13)]
    # The same text as plain text: fenced and inline code are prose there.
    plain = lint_text(MARKDOWN, kind="copy", markdown=False)
    plain_matches = [d.match for d in plain.diagnostics if d.rule_id == "CMP001"]
    assert "最低价" in plain_matches
    # URLs are never prose, Markdown or not.
    assert not {"顶级", "国家级", "销冠"} & set(plain_matches)


def test_markdown_headings_become_sections():
    doc = document_from_text(MARKDOWN, "x.md", markdown=True)
    sections = [(s.heading, s.level) for s in doc.sections]
    assert sections == [("我的标题 最佳", 1), ("使用感受", 2), ("小节", 3), ("总结", 2)]
    by_name = {s.heading: s for s in doc.sections}
    assert doc.text[by_name["使用感受"].start :].startswith("## 使用感受")
    # A section runs to the next heading of the same or a higher level.
    assert by_name["使用感受"].end == by_name["总结"].start
    assert by_name["小节"].end == by_name["总结"].start
    assert by_name["我的标题 最佳"].end == len(MARKDOWN)


def test_title_is_first_non_empty_line_without_heading_marker():
    doc = document_from_text(MARKDOWN, "x.md", markdown=True)
    assert doc.title == "我的标题 最佳"
    assert doc.text[doc.title_span[0] : doc.title_span[1]] == doc.title
    plain = Document(path="t", text="\n\n  夏日底妆分享  \n正文")
    assert plain.title == "夏日底妆分享"
    assert Document(path="t", text="## Title here\nbody").title == "Title here"
    assert Document(path="t", text="\n \n").title == ""


@pytest.mark.parametrize("markdown", [False, True])
def test_title_skips_html_comment_lines(markdown):
    # Comments are not prose (they are blanked out of it), so a suppression
    # directive above the title must not become the title.
    text = "<!-- xhslint-disable-next-line CMP001 -->\n这是最佳标题\n正文内容。\n"
    doc = document_from_text(text, "n.md" if markdown else "n.txt", markdown=markdown)
    assert doc.title == "这是最佳标题"
    result = lint_text(text, kind="copy", markdown=markdown)
    # Nothing is reported on the comment line itself (it is 41 columns wide).
    assert [(d.rule_id, d.line) for d in result.diagnostics if d.line == 1] == []


def test_title_scope_uses_the_stripped_title():
    title = "这是一个非常非常长的笔记标题长到一定会被截断"  # 22 characters, display width 44
    long_title = "# " + title + "\n正文内容。\n"
    result = lint_text(long_title, kind="copy", markdown=True)
    fmt = [d for d in result.diagnostics if d.rule_id == "FMT001"]
    assert len(fmt) == 1
    assert fmt[0].match == title
    assert fmt[0].column == 3


# --- Language detection -----------------------------------------------------


def test_chinese_sentence_with_an_english_word_is_chinese():
    text = "这个 foundation 真的不脱妆"
    analysed = analyse(Document(path="t", text=text))
    assert [s.lang for s in analysed.sentences] == ["zh"]
    # The Latin word still switches on the English rules for this note...
    assert analysed.languages == frozenset({"zh", "en"})
    assert cmp001("这个 foundation 真的是 the best。") == ["the best"]
    # ...but one brand or product word does not make the reported language mixed.
    assert lint_text(text).language == "zh"


def test_balanced_chinese_and_english_note_is_mixed():
    text = "今天分享底妆。\nThis foundation wears well all day long.\n"
    analysed = analyse(Document(path="t", text=text))
    assert [s.lang for s in analysed.sentences] == ["zh", "en"]
    assert lint_text(text).language == "mixed"


def test_english_only_note_is_en():
    result = lint_text("This serum is nice. I like the texture a lot.")
    assert result.language == "en"
    analysed = analyse(Document(path="t", text="This serum is nice. I like the texture a lot."))
    assert [s.lang for s in analysed.sentences] == ["en", "en"]


def test_chinese_only_note_is_zh_and_empty_is_none():
    assert lint_text("今天分享一个底妆。").language == "zh"
    assert lint_text("").language == "none"
    assert lint_text("12345 !!!").language == "none"


def test_language_is_decided_per_line_in_a_mixed_document():
    text = "今天分享一个底妆。\nThis one is for my English readers. It wears well.\n"
    analysed = analyse(Document(path="t", text=text))
    langs = [(s.lang, text[s.start : s.end].strip()) for s in analysed.sentences]
    assert langs[0] == ("zh", "今天分享一个底妆。")
    assert [lang for lang, _ in langs[1:]] == ["en", "en"]
    assert analysed.languages == frozenset({"zh", "en"})


def test_folding_in_one_batch_equals_folding_one_by_one():
    """The matcher folds its strings in one OpenCC call; each must equal its own fold."""
    from xhslint.linter.analysis.analysed import fold, fold_all
    from xhslint.linter.engine.linter import Options
    from xhslint.linter.run.caches import linter_for

    texts = [t for ts in linter_for(Options()).matcher.termsets for t in (*ts.terms, *ts.exceptions)]
    texts += ["國家級配方", "ＶＸ：ｍｅｉ５２０", "①③⑧", "最 好", "İstanbul", "line\nbreak", "", "後來"]
    assert len(texts) > 1000
    batch = fold_all(texts)
    assert all(batch[t] == fold(t) for t in texts)
