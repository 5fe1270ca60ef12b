"""Analysis, once per document: sentences, languages, Chinese token edges and
English tokens. Every rule reads this; none re-tokenises. Chinese is
segmented block by block when the term scan first asks about a block
(token_edges.py), never twice.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..document.model import Document
from .language import LINE, ZH_SENTENCE, language_label, script_counts
from .normalise import Compact, compact, fold_width, same_length, to_simplified_all
from .segmentation import Segmenter, get_segmenter
from .token_edges import TokenEdges


class Sentence(NamedTuple):
    start: int
    end: int
    lang: str  # "zh" or "en"


class EnToken(NamedTuple):
    start: int
    end: int
    lower: str
    lemma: str


@dataclass
class AnalysedDocument:
    doc: Document
    lowered: str
    sentences: list[Sentence]
    languages: frozenset[str]
    language: str  # reported: zh, en, mixed or none
    zh_edges: TokenEdges  # on ``compact.text``
    en_tokens: list[EnToken]
    normalised: str = ""  # the prose in Simplified script, width-folded; same offsets (normalise.py)
    compact: Compact | None = None  # ``normalised`` without evasion fillers, for the term scan
    compact_lowered: str = ""  # ``compact.text`` lower-cased and folded
    kind: str = "copy"
    kind_detected: bool = False
    vertical: str | None = None
    vertical_detected: bool = False
    vertical_confidence: str | None = None  # given, high, low (detection.py)
    commercial: Any = None  # commercial.Commercial, set by the engine
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _visible: int | None = field(default=None, repr=False)
    _normalised_content: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._sentence_starts = [s.start for s in self.sentences]

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def visible_chars(self) -> int:
        """Non-whitespace characters of the prose (the denominator of densities)."""
        if self._visible is None:
            self._visible = len("".join(self.doc.prose.split()))
        return self._visible

    @property
    def normalised_content(self) -> str:
        """The content (URLs kept) in the same normalised form as ``normalised``, same offsets:
        a contact written ①③⑧… or in full width reads as digits."""
        if self._normalised_content is None:
            content = self.doc.content
            self._normalised_content = content if content.isascii() else same_length(content)
        return self._normalised_content

    def rewritable(self, start: int, end: int) -> bool:
        """Whether [start, end) reads as written: no Traditional character, width form or
        filler the matchers saw through, so a fix may replace it."""
        if self.doc.prose[start:end] != self.normalised[start:end]:
            return False
        dropped = self.compact.dropped if self.compact else ()
        return not any(s < end and e > start for s, e in dropped)

    def sentence_index(self, offset: int) -> int | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return None


_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})


def fold(text: str) -> str:
    """Simplified script, width forms folded, lower-cased and typographic apostrophes
    folded, keeping the length (offsets into the folded text are offsets into the
    original). Terms, guards and text all pass through it, so they meet in one form."""
    return _lower(text if text.isascii() else same_length(text))


def fold_all(texts: Iterable[str]) -> dict[str, str]:
    """``fold`` of many texts at once (one OpenCC call for all the non-ASCII ones)."""
    unique = list(dict.fromkeys(texts))
    wide = [t for t in unique if not t.isascii()]
    simplified = dict(zip(wide, to_simplified_all(wide), strict=True))
    return {t: _lower(t if t.isascii() else fold_width(simplified[t])) for t in unique}


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_FOLD)


def analyse(
    doc: Document, segmenter: Segmenter | None = None, user_words: Iterable[str] = ()
) -> AnalysedDocument:
    prose = doc.prose
    # read in normalised form (same offsets), so a line in full-width Latin (ＶＸ：ｍｅｉ５２０) is Latin
    normalised = prose if prose.isascii() else same_length(prose)
    sentences: list[Sentence] = []
    languages: set[str] = set()
    english_lines: list[tuple[int, str]] = []
    total_han = total_words = 0
    for match in LINE.finditer(normalised):
        line = match.group()
        han, words = script_counts(line)
        if han + words == 0:
            continue
        total_han += han
        total_words += words
        start = match.start()
        if han >= words:  # a Chinese line (one Latin word weighs one Han character)
            languages.add("zh")
            if words:
                languages.add("en")  # mixed lines get both languages' rules
            for s in ZH_SENTENCE.finditer(line):
                if s.group().strip():
                    sentences.append(Sentence(start + s.start(), start + s.end(), "zh"))
        else:
            languages.add("en")
            english_lines.append((start, line))
    en_tokens: list[EnToken] = []
    if english_lines:
        _english(english_lines, sentences, en_tokens)
        sentences.sort(key=lambda s: s.start)
    squeezed = compact(normalised)
    lowered = _lower(normalised)
    return AnalysedDocument(
        doc=doc,
        language=language_label(total_han, total_words),
        lowered=lowered,
        sentences=sentences,
        languages=frozenset(languages),
        zh_edges=TokenEdges(squeezed.text, lambda: segmenter or get_segmenter(frozenset(user_words))),
        en_tokens=en_tokens,
        normalised=normalised,
        compact=squeezed,
        compact_lowered=lowered if squeezed.origin is None else _lower(squeezed.text),
    )


def _english(lines: list[tuple[int, str]], sentences: list[Sentence], tokens: list[EnToken]) -> None:
    from .english import analyse_lines

    for (start, _line), (spans, words) in zip(lines, analyse_lines(line for _, line in lines), strict=True):
        sentences.extend(Sentence(start + s, start + e, "en") for s, e in spans)
        tokens.extend(EnToken(start + s, start + e, lower, lemma) for s, e, lower, lemma in words)
