"""Chinese word segmentation behind one small interface.

Rules never call jieba: they read token edges computed here once per
document. A faster jieba-compatible backend (e.g. rjieba, which gives jieba's
tokens with HMM off) can drop in by implementing ``Segmenter``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol


class Segmenter(Protocol):
    """Splits Chinese text into tokens that concatenate back to the input."""

    name: str

    def cut(self, text: str) -> list[str]: ...


class JiebaSegmenter:
    """jieba through a private ``jieba.Tokenizer`` (never the global one).

    HMM is off: unknown words fall apart into single characters, which only
    adds token edges, and it matches what jieba-compatible fast backends give.
    The dictionary loads on the first ``cut``, not at import.
    """

    name = "jieba"

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self._user_words = tuple(sorted(set(user_words)))
        self._tokenizer = None

    def _load(self):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word in self._user_words:
            # Only words jieba does not know: frequency suggested so that the
            # word survives as one token (e.g. 最便宜, 不脱妆).
            if word not in tokenizer.FREQ or not tokenizer.FREQ[word]:
                tokenizer.add_word(word)
        self._tokenizer = tokenizer
        return tokenizer

    def cut(self, text: str) -> list[str]:
        tokenizer = self._tokenizer or self._load()
        return tokenizer.lcut(text, HMM=False)


@lru_cache(maxsize=4)
def get_segmenter(user_words: frozenset[str] = frozenset()) -> Segmenter:
    """One segmenter per set of user words (rule terms, brand names)."""
    return JiebaSegmenter(user_words)
