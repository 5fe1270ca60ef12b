"""Chinese word segmentation behind one small interface.

Rules never call jieba: they read token edges computed here once per
document. Two backends give jieba's tokens with HMM off:

- ``jieba`` (always installed): a private ``jieba.Tokenizer``;
- ``rjieba`` (installed with xhslint where it has wheels): the jieba-rs binding, about 10x
  faster, with a private ``rjieba.Jieba``. On the 8,469 lines of the sample
  corpus it differed from jieba on 6, all tie-breaks inside runs of a
  repeated character (太太太, 刷刷刷).

``XHSLINT_SEGMENTER=jieba|rjieba|auto`` chooses; ``auto`` (default) takes
rjieba when it is installed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
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
        import logging

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


class RjiebaSegmenter:
    """jieba-rs through a private ``rjieba.Jieba``, loaded on the first ``cut``."""

    name = "rjieba"

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self._user_words = tuple(sorted(set(user_words)))
        self._jieba = None

    def _load(self):
        segmenter = _rjieba_class()()
        for word in self._user_words:
            if not segmenter.has_word(word):
                segmenter.add_word(word, None, None)  # frequency suggested, as in jieba
        self._jieba = segmenter
        return segmenter

    def cut(self, text: str) -> list[str]:
        return (self._jieba or self._load()).cut(text, False)


def _rjieba_class():
    """``rjieba.Jieba`` without running ``rjieba/__init__.py``, which builds a
    default segmenter (its whole dictionary, about 0.13 s and 24 MB) that
    xhslint never uses. The extension module is loaded on its own and
    registered under its name, so a later ``import rjieba`` reuses it."""
    import importlib.machinery
    import importlib.util
    import sys

    name = "rjieba.rjieba"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.find_spec("rjieba")
        folder = Path(spec.origin).parent if spec and spec.origin else None
        found = (
            [p for suffix in importlib.machinery.EXTENSION_SUFFIXES for p in folder.glob(f"rjieba{suffix}")]
            if folder
            else []
        )
        if not found:  # an unusual layout: the ordinary import
            import rjieba

            return rjieba.Jieba
        loader = importlib.machinery.ExtensionFileLoader(name, str(found[0]))
        module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
        loader.exec_module(module)
        sys.modules[name] = module
    return module.Jieba


def backend_name() -> str:
    return _backend(os.environ.get("XHSLINT_SEGMENTER", "auto"))


@lru_cache(maxsize=4)
def _backend(wanted: str) -> str:
    if wanted in ("jieba", "rjieba"):
        return wanted
    import importlib.util

    return "rjieba" if importlib.util.find_spec("rjieba") else "jieba"


@lru_cache(maxsize=4)
def _segmenter(backend: str, user_words: frozenset[str]) -> Segmenter:
    return RjiebaSegmenter(user_words) if backend == "rjieba" else JiebaSegmenter(user_words)


def get_segmenter(user_words: frozenset[str] = frozenset()) -> Segmenter:
    """One segmenter per backend and set of user words (rule terms, brand names)."""
    return _segmenter(backend_name(), user_words)
