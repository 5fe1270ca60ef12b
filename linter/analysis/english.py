"""English tokens and sentences, loaded only for documents with English.

- A trained spaCy pipeline (``en_core_web_sm``, or the one
  ``XHSLINT_SPACY_MODEL`` names) is used whenever it is installed: it gives
  lemmas, so single-word terms also match inflected forms.
- Otherwise spaCy's blank English tokenizer and sentencizer are what xhslint
  uses, and ``light_english.py`` runs exactly them from their data without
  importing spaCy (about a second a process). ``XHSLINT_ENGLISH=spacy`` (or
  ``XHSLINT_SPACY_MODEL=blank-spacy``) runs the blank spaCy pipeline itself.

Each backend yields, per line, the sentences' ``(start, end)`` and the
tokens' ``(start, end, lower, lemma)``, offsets into the line, whitespace
tokens left out.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

TRAINED_DEFAULT = "en_core_web_sm"

Line = tuple[list[tuple[int, int]], list[tuple[int, int, str, str]]]


def _wanted() -> str:
    return os.environ.get("XHSLINT_SPACY_MODEL", TRAINED_DEFAULT)


def _trained_installed(name: str) -> bool:
    if not name or name.startswith("blank"):
        return False
    if Path(name).exists():
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


@lru_cache(maxsize=1)
def english_pipeline():
    """The spaCy pipeline: the trained one when it loads, else blank English."""
    import spacy

    wanted = _wanted()
    nlp = None
    if _trained_installed(wanted):
        try:
            nlp = spacy.load(wanted, exclude=["parser", "ner", "senter"])
        except (OSError, ImportError, ValueError):
            nlp = None
    if nlp is None:
        nlp = spacy.blank("en")
    if "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return nlp


def backend() -> str:
    """``spacy`` or ``light``: which one tokenizes English in this process."""
    if os.environ.get("XHSLINT_ENGLISH", "").strip().lower() == "spacy" or _wanted() == "blank-spacy":
        return "spacy"
    if _trained_installed(_wanted()):
        return "spacy"
    from .light_english import rules

    return "light" if rules() is not None else "spacy"


def analyse_lines(lines: Iterable[str]) -> Iterator[Line]:
    if backend() == "light":
        yield from _light(lines)
    else:
        yield from _spacy(lines)


def _spacy(lines: Iterable[str]) -> Iterator[Line]:
    for parsed in english_pipeline().pipe(lines):
        sentences = [(s.start_char, s.start_char + len(s.text)) for s in parsed.sents if s.text.strip()]
        tokens = [
            (t.idx, t.idx + len(t), t.lower_, (t.lemma_ or t.lower_).lower())
            for t in parsed
            if not t.is_space
        ]
        yield sentences, tokens


def _light(lines: Iterable[str]) -> Iterator[Line]:
    from .light_english import rules, sentence_starts, tokenize

    r = rules()
    assert r is not None
    for line in lines:
        found = tokenize(line, r)
        starts = sentence_starts(found, r)
        sentences = []
        for first, end in zip(starts, [*starts[1:], len(found)], strict=True):
            last = found[end - 1]
            span = (found[first].idx, last.idx + len(last.text))
            if line[span[0] : span[1]].strip():
                sentences.append(span)
        tokens = []
        for t in found:
            if not t.is_space:
                lower = t.text.lower()
                tokens.append((t.idx, t.idx + len(t.text), lower, lower))
        yield sentences, tokens
