"""The segmentation backends: jieba (reference) and rjieba (fast) agree."""

from __future__ import annotations

import pytest

from xhslint.linter.analysis.segmentation import JiebaSegmenter, RjiebaSegmenter, backend_name

SENTENCES = [
    "最近用了最便宜的粉底，这个 foundation 真的不脱妆！",
    "第一次用就爱上了，唯一的缺点是色号少。",
    "敏感肌最好先在耳后做个测试，6月18日集中发布。",
    "混油皮夏天用这款粉底液，上脸很服帖，下午鼻翼有一点出油。",
    "【焕颜精华】限时秒杀，手慢无！加我vx：glow_serum88",
]
USER_WORDS = ["最便宜", "不脱妆", "唯一的缺点", "焕颜精华", "手慢无"]


def test_jieba_tokens_concatenate_to_the_input():
    seg = JiebaSegmenter(USER_WORDS)
    for sentence in SENTENCES:
        assert "".join(seg.cut(sentence)) == sentence


def test_user_words_stay_whole():
    tokens = JiebaSegmenter(USER_WORDS).cut(SENTENCES[0])
    assert "最便宜" in tokens and "不脱妆" in tokens


def test_rjieba_gives_jiebas_tokens():
    pytest.importorskip("rjieba")
    reference, fast = JiebaSegmenter(USER_WORDS), RjiebaSegmenter(USER_WORDS)
    for sentence in SENTENCES:
        assert fast.cut(sentence) == reference.cut(sentence)


def test_backend_choice_follows_the_environment(monkeypatch):
    monkeypatch.setenv("XHSLINT_SEGMENTER", "jieba")
    assert backend_name() == "jieba"
    monkeypatch.setenv("XHSLINT_SEGMENTER", "rjieba")
    assert backend_name() == "rjieba"


def test_on_demand_block_edges_equal_a_full_segmentation():
    """TokenEdges segments block by block; its edges must be exactly jieba's
    edges for the whole text (jieba segments each Han/alnum block alone),
    except inside blocks of Latin letters and digits only, where no Chinese
    term can start or end and every position counts as an edge."""
    import re
    from itertools import accumulate

    from xhslint.linter.analysis.token_edges import BLOCK, HAN_IN_BLOCK, TokenEdges

    seg = JiebaSegmenter(USER_WORDS)
    text = "\n".join([*SENTENCES, "T区下午出油，SPF50+的防晒也不闷；2026年6月18日发布。", "纯英文 line here"])
    full = set(accumulate(map(len, seg.cut(text)), initial=0))
    latin_inside = {
        i
        for m in BLOCK.finditer(text)
        if not HAN_IN_BLOCK.search(m.group())
        for i in range(m.start() + 1, m.end())
    }
    assert latin_inside and re.search("[a-z]", text)  # the text does have Latin-only blocks
    edges = TokenEdges(text, lambda: seg)
    positions = set(range(len(text) + 1)) - latin_inside
    assert {i for i in positions if edges.edge(i)} == full - latin_inside
    assert edges.segmented_chars == edges.block_chars  # asking everywhere segments every block once


def test_blocks_without_candidates_are_not_segmented():
    from xhslint.linter.analysis.token_edges import TokenEdges

    calls = []

    class Recording:
        name = "recording"

        def cut(self, text):
            calls.append(text)
            return JiebaSegmenter(USER_WORDS).cut(text)

    text = "第一句话，第二句话。"
    edges = TokenEdges(text, Recording)
    assert edges.edge(0) and calls == []  # a block start needs no segmentation
    edges.edge(7)
    assert calls == ["第二句话"]
    edges.edge(8)
    assert calls == ["第二句话"]  # each block at most once
