"""spaCy's blank English tokenizer and sentencizer, without importing spaCy.

Without a trained pipeline, spaCy only splits English into tokens and
sentences, yet importing it costs about a second in every process that meets
English. This module runs the same algorithm (the tokenizer's documented one:
split on spaces, then special cases, prefixes, suffixes, URLs and infixes;
then the sentencizer's rule) on the same data: the prefix, suffix, infix and
URL patterns, the special cases and the sentence-final characters, read once
from the installed spaCy and kept in the user cache directory as JSON, keyed
by spaCy's version. Runs after the first never import spaCy.

spaCy stays the tokenizer of record: ``tests/test_light_english.py`` compares
the two on every rule example and a corpus of English lines whenever spaCy is
importable, and a trained pipeline, when installed, is always used instead
(it gives lemmas). ``XHSLINT_ENGLISH=spacy`` forces spaCy.

One difference is deliberate: spaCy's affix loop searches the whole rest of a
span each round, so a span without spaces costs its length squared (8,000 "("
took 8 s). Here the rounds work on offsets and match the affix rules in small
windows (``affix_windows.py`` checks the rules allow it), which gives the same
tokens in linear time.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

FORMAT = 1  # bump when the stored fields change


@dataclass(frozen=True)
class Token:
    idx: int  # offset in the text
    text: str
    is_space: bool


@dataclass(frozen=True)
class Rules:
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]
    infix: re.Pattern[str]
    url: re.Pattern[str] | None
    special: dict[str, tuple[str, ...]]
    sentence_final: frozenset[str]
    # special cases the affix rules split into several tokens, by their first token
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    # how much of a span the prefix and suffix rules need to see (affix_windows.py); None: all
    prefix_window: int | None = None
    suffix_window: int | None = None
    longest_special: int = 0

    def prefix_len(self, text: str) -> int:
        match = self.prefix.search(text)
        return match.end() - match.start() if match else 0

    def suffix_len(self, text: str) -> int:
        match = self.suffix.search(text)
        return match.end() - match.start() if match else 0

    def prefix_len_at(self, span: str, a: int, b: int) -> int:
        """``prefix_len(span[a:b])``, reading only a window at ``a`` (widened while a run
        of the rule reaches its edge), so a round costs the window, not the span."""
        size = self.prefix_window
        while size is not None and b - a > 2 * size:
            match = self.prefix.search(span[a : a + size])
            if match is None or match.end() < size:
                return match.end() - match.start() if match else 0
            size *= 2  # a run up to the window's edge: it may go on
        return self.prefix_len(span[a:b])

    def suffix_len_at(self, span: str, a: int, b: int) -> int:
        """``suffix_len(span[a:b])``, searching only the last window before ``b``."""
        size = self.suffix_window
        while size is not None and b - a > 2 * size:
            start = b - size
            match = self.suffix.search(span, start, b)
            if match is None or match.start() > start:
                return match.end() - match.start() if match else 0
            size *= 2  # a run from the window's start: it may begin earlier
        return self.suffix_len(span[a:b])

    def special_at(self, span: str, a: int, b: int) -> bool:
        return 0 < b - a <= self.longest_special and span[a:b] in self.special


def spacy_version() -> str | None:
    from importlib import metadata

    try:
        return metadata.version("spacy")
    except metadata.PackageNotFoundError:
        return None


def extract(nlp) -> dict:
    """The tokenizer's and sentencizer's data from a spaCy pipeline."""
    from spacy.attrs import ORTH
    from spacy.pipeline.sentencizer import Sentencizer

    tokenizer = nlp.tokenizer

    def pattern(search) -> tuple[str, int] | None:
        return (search.__self__.pattern, search.__self__.flags) if search is not None else None

    return {
        "format": FORMAT,
        "prefix": pattern(tokenizer.prefix_search),
        "suffix": pattern(tokenizer.suffix_search),
        "infix": pattern(tokenizer.infix_finditer),
        "url": pattern(tokenizer.url_match),
        "token_match": pattern(tokenizer.token_match),
        "special": {key: [piece[ORTH] for piece in pieces] for key, pieces in tokenizer.rules.items()},
        "sentence_final": sorted(Sentencizer.default_punct_chars),
    }


def _compile(data: dict) -> Rules | None:
    if data.get("format") != FORMAT or data.get("token_match") is not None:
        return None  # a pipeline with a token_match: leave it to spaCy

    def regex(entry) -> re.Pattern[str]:
        return re.compile(entry[0], entry[1])

    special = {key: tuple(pieces) for key, pieces in data["special"].items()}
    from .affix_windows import window

    bare = Rules(
        prefix=regex(data["prefix"]),
        suffix=regex(data["suffix"]),
        infix=regex(data["infix"]),
        url=regex(data["url"]) if data.get("url") else None,
        special={},
        sentence_final=frozenset(data["sentence_final"]),
        phrases={},
    )
    # spaCy matches, after the affix rules, the special cases that hold a prefix,
    # suffix or infix or a space, as the affix rules alone tokenize them
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for key in special:
        if not (bare.prefix_len(key) or bare.suffix_len(key) or bare.infix.search(key) or " " in key):
            continue
        pieces = tuple(piece for _, piece in _tokenize_affixes(key, bare, False))
        if pieces:
            phrases.setdefault(pieces[0], []).append(pieces)
    return replace(
        bare,
        special=special,
        phrases={first: tuple(found) for first, found in phrases.items()},
        prefix_window=window(bare.prefix, "start"),
        suffix_window=window(bare.suffix, "end"),
        longest_special=max(map(len, special), default=0),
    )


def _store_path() -> Path | None:
    from ..core.resources import cache_dir

    version = spacy_version()
    folder = cache_dir()
    if version is None or folder is None:
        return None
    return folder / f"spacy-en-{version}-{FORMAT}.json"


@lru_cache(maxsize=1)
def rules() -> Rules | None:
    """The tokenizer data: from the cache, else read from spaCy (and stored)."""
    path = _store_path()
    if path is not None:
        from ..core.cache_files import read_trusted

        stored = read_trusted(path)
        if stored is not None:
            try:
                return _compile(json.loads(stored.decode("utf-8")))
            except (ValueError, KeyError, TypeError, re.error):
                pass
    try:
        import spacy
    except ImportError:
        return None
    data = extract(spacy.blank("en"))
    if path is not None:
        _store(path, data)
    return _compile(data)


def _store(path: Path, data: dict) -> None:
    from ..core.cache_files import write_atomic

    write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


# ------------------------------------------------------------------ tokenizer


def tokenize(text: str, r: Rules) -> list[Token]:
    """spaCy's tokens of ``text``: affix rules per space-separated span, then the
    special cases the affix rules had split (``Dr.RK`` -> ``Dr.`` ``RK``)."""
    pieces = _tokenize_affixes(text, r, True)
    if r.phrases:
        pieces = _apply_phrases(text, pieces, r)
    return [Token(idx, piece, piece.isspace()) for idx, piece in pieces]


def _tokenize_affixes(text: str, r: Rules, specials: bool) -> list[tuple[int, str]]:
    """Spans between single spaces (a longer run of whitespace is a token of its
    own), each split by the affix rules."""
    out: list[tuple[int, str]] = []
    start = 0
    in_space = bool(text) and text[0].isspace()
    for i, ch in enumerate(text):
        if ch.isspace() != in_space:
            if start < i:
                _span(text[start:i], start, r, specials, out)
            start = i + 1 if ch == " " else i
            in_space = not in_space
    if start < len(text):
        _span(text[start:], start, r, specials, out)
    return out


def _span(span: str, at: int, r: Rules, specials: bool, out: list[tuple[int, str]]) -> None:
    if specials and span in r.special:
        _special(span, at, r, out)
        return
    prefixes: list[str] = []
    suffixes: list[str] = []
    rest = _split_affixes(span, r, specials, prefixes, suffixes)
    for piece in prefixes:
        out.append((at, piece))
        at += len(piece)
    if rest:
        if specials and rest in r.special:
            _special(rest, at, r, out)
        elif r.url is not None and r.url.match(rest):
            out.append((at, rest))
        else:
            _infixes(rest, at, r, out)
        at += len(rest)
    for piece in reversed(suffixes):
        out.append((at, piece))
        at += len(piece)


def _special(piece: str, at: int, r: Rules, out: list[tuple[int, str]]) -> None:
    for orth in r.special[piece]:
        out.append((at, orth))
        at += len(orth)


def _split_affixes(text: str, r: Rules, specials: bool, prefixes: list[str], suffixes: list[str]) -> str:
    """Strip a prefix and a suffix per round until neither is left, stopping at a
    special case (what is left, or what is left without the prefix or the suffix
    just found). Returns the middle; ``prefixes`` and ``suffixes`` fill in order.

    spaCy's loop, on offsets into ``text`` instead of copies of what is left, with
    the affix rules matched in windows: linear in the span however many rounds."""
    a, b = 0, len(text)
    last = -1
    while a < b and b - a != last:
        if specials and r.special_at(text, a, b):
            break
        last = b - a
        pre = r.prefix_len_at(text, a, b)
        if pre and specials and r.special_at(text, a + pre, b):
            prefixes.append(text[a : a + pre])
            return text[a + pre : b]
        suf = r.suffix_len_at(text, a + pre, b)
        if suf and specials and r.special_at(text, a, b - suf):
            suffixes.append(text[b - suf : b])
            return text[a : b - suf]
        if pre and suf and pre + suf <= b - a:
            prefixes.append(text[a : a + pre])
            suffixes.append(text[b - suf : b])
            a, b = a + pre, b - suf
        elif pre:
            prefixes.append(text[a : a + pre])
            a += pre
        elif suf:
            suffixes.append(text[b - suf : b])
            b -= suf
    return text[a:b]


def _infixes(rest: str, at: int, r: Rules, out: list[tuple[int, str]]) -> None:
    """Split on infixes; one at the very start does not split, an empty one only marks a split."""
    start = 0
    for match in r.infix.finditer(rest):
        if match.start() == 0:
            continue
        if match.start() != start:
            out.append((at + start, rest[start : match.start()]))
        if match.group():
            out.append((at + match.start(), match.group()))
        start = match.end()
    if rest[start:]:
        out.append((at + start, rest[start:]))


def _apply_phrases(text: str, pieces: list[tuple[int, str]], r: Rules) -> list[tuple[int, str]]:
    """spaCy's special-case matcher: every occurrence of a special case's affix
    tokens, longest and then leftmost first, each taken unless its first or last
    token was covered by one before (covered tokens stay covered even when a
    match is not taken); a taken match whose text is a special case is replaced."""
    texts = [piece for _, piece in pieces]
    found: list[tuple[int, int]] = []
    for i, first in enumerate(texts):
        for phrase in r.phrases.get(first, ()):
            if tuple(texts[i : i + len(phrase)]) == phrase:
                found.append((i, i + len(phrase)))
    if not found:
        return pieces
    seen: set[int] = set()
    taken: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
        if start not in seen and end - 1 not in seen:
            taken.append((start, end))
        seen.update(range(start, end))
    out: list[tuple[int, str]] = []
    i = 0
    for start, end in sorted(taken):
        out.extend(pieces[i:start])
        (begin, _), (final, final_text) = pieces[start], pieces[end - 1]
        span = text[begin : final + len(final_text)]
        if span in r.special:
            _special(span, begin, r, out)
        else:
            out.extend(pieces[start:end])
        i = end
    out.extend(pieces[i:])
    return out


# ---------------------------------------------------------------- sentences


def is_punct(text: str) -> bool:
    return all(unicodedata.category(ch).startswith("P") for ch in text)


def sentence_starts(tokens: list[Token], r: Rules) -> list[int]:
    """Token indexes that start a sentence (spaCy's sentencizer)."""
    if not tokens:
        return []
    starts = [0]
    seen_final = False
    for i, token in enumerate(tokens):
        final = token.text in r.sentence_final
        if seen_final and not final and not is_punct(token.text):
            if i != starts[-1]:
                starts.append(i)
            seen_final = False
        elif final:
            seen_final = True
    return starts
