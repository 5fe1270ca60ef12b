"""The segmentation backends: jieba (reference) and rjieba (fast) agree."""

from __future__ import annotations

import pytest

from xhslint.linter.segmentation import JiebaSegmenter, RjiebaSegmenter, backend_name

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
