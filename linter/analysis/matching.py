"""Word-aware term matching: one Aho-Corasick automaton for every term of
every loaded rule, confirmed against token edges.

A Chinese term (any Han character) matches only where it starts and ends on
jieba token edges, so 最 never fires inside 最近 or 最后. A Latin term
matches case-insensitively on word boundaries; when a trained spaCy pipeline
supplies lemmas, single-word English terms also match inflected forms.
Exceptions (longer words that contain a term but are fine) and context guards
(``not_followed_by``, ``not_preceded_by``, and ``followed_by`` for terms that
only count in one grammatical position) are checked per term set. In guards,
``$`` stands for the end of a clause: punctuation, a line break or the end
(in ``followed_by``, a clause of the term alone that the sentence goes on after,
"最好，…", does not count).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, cast

from .analysed import AnalysedDocument, fold_all
from .analysed import fold as _fold_text
from .language import HAN

# Terms, exceptions and guards are folded when the matcher is built; the same words recur
# across term sets and exception lists (8,350 folds of 3,123 strings for the bundled rules),
# so each is folded once, and a new matcher folds all its strings in one batch (_prime).
_FOLDED: dict[str, str] = {}
_FOLDED_LIMIT = 65536


def fold(text: str) -> str:
    found = _FOLDED.get(text)
    if found is None:
        if len(_FOLDED) >= _FOLDED_LIMIT:
            _FOLDED.clear()
        found = _FOLDED[text] = _fold_text(text)
    return found


def _prime(termsets: Sequence[TermSet]) -> None:
    texts = [
        text
        for ts in termsets
        for text in (
            *ts.terms,
            *ts.exceptions,
            *(
                guard
                for pairs in (ts.not_followed_by, ts.not_preceded_by, ts.followed_by)
                for _, guard in pairs
            ),
        )
        if text not in _FOLDED
    ]
    if texts and len(_FOLDED) + len(texts) < _FOLDED_LIMIT:
        _FOLDED.update(fold_all(texts))


class Hit(NamedTuple):
    """A confirmed match: offsets into the document text and the text matched."""

    start: int
    end: int
    term: str


def flatten_terms(spec: object) -> tuple[str, ...]:
    """Terms may be a list or a mapping of language -> list."""
    if spec is None:
        return ()
    if isinstance(spec, Mapping):
        return tuple(t for lang in sorted(spec) for t in spec[lang] or ())
    return tuple(spec)  # type: ignore[arg-type]


@dataclass(frozen=True)
class TermSet:
    """A list of terms with the exceptions and guards that confirm a match."""

    terms: tuple[str, ...]
    exceptions: tuple[str, ...] = ()
    # (term or "*" for every term, guard string) pairs
    not_followed_by: tuple[tuple[str, str], ...] = ()
    not_preceded_by: tuple[tuple[str, str], ...] = ()
    followed_by: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_spec(cls, spec: Mapping) -> TermSet:
        return cls(
            terms=flatten_terms(spec.get("terms")),
            exceptions=flatten_terms(spec.get("exceptions")),
            not_followed_by=_guards(spec.get("not_followed_by")),
            not_preceded_by=_guards(spec.get("not_preceded_by")),
            followed_by=_guards(spec.get("followed_by")),
        )

    def han_terms(self) -> list[str]:
        return [t for t in self.terms + self.exceptions if HAN.search(t)]


def _guards(spec: object) -> tuple[tuple[str, str], ...]:
    """A list guards every term; a mapping keys guard lists by term."""
    if not spec:
        return ()
    if isinstance(spec, Mapping):
        return tuple((fold(term), g) for term, guards in spec.items() for g in guards)
    return tuple(("*", g) for g in cast(Iterable[str], spec))


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class _Confirmer:
    """Per term set: exception windows and guards, lower-cased once."""

    def __init__(self, ts: TermSet) -> None:
        self.windows: dict[str, list[tuple[str, int]]] = defaultdict(list)
        exceptions = [fold(exc) for exc in ts.exceptions]
        for term in ts.terms:
            t = fold(term)
            for x in exceptions:
                k = x.find(t)
                while k != -1:
                    self.windows[t].append((x, k))
                    k = x.find(t, k + 1)
        self.followed: dict[str, tuple[str, ...]] = _by_term(ts.not_followed_by)
        self.preceded: dict[str, tuple[str, ...]] = _by_term(ts.not_preceded_by)
        self.required: dict[str, tuple[str, ...]] = _by_term(ts.followed_by)

    def checks(self, key: str) -> bool:
        """Whether a match of ``key`` needs any confirming at all."""
        return bool(
            self.windows.get(key)
            or any(key in guards or "*" in guards for guards in (self.followed, self.preceded, self.required))
        )

    def accept(self, text: str, start: int, end: int, key: str) -> bool:
        for x, k in self.windows.get(key, ()):
            s = start - k
            if s >= 0 and text.startswith(x, s):
                return False
        after = end
        while after < len(text) and text[after] in " \t":
            after += 1
        followed = self.followed.get(key, ()) + self.followed.get("*", ())
        if followed and any(_starts(text, g, after) for g in followed):
            return False
        required = self.required.get(key, ()) + self.required.get("*", ())
        if required and not any(_starts(text, g, after, start) for g in required):
            return False
        preceded = self.preceded.get(key, ()) + self.preceded.get("*", ())
        if preceded:
            pos = start
            while pos > 0 and text[pos - 1] in " \t":
                pos -= 1
            if any(text.endswith(g, 0, pos) for g in preceded):
                return False
        return True


CLAUSE_END = set("。！？!?，,；;：:…~～、）)」』\n\r")


CONTINUING = set("，,、；;：:")


def _starts(text: str, guard: str, pos: int, start: int = -1) -> bool:
    """Does ``guard`` follow at ``pos``? ``$``: the clause ends there -- but a
    clause of the term alone that the sentence goes on after ("最好，早点搽") is a
    sentence adverb, not a claim (an exclamation of its own, "秒杀！", still is)."""
    if guard == "$":
        if not (pos >= len(text) or text[pos] in CLAUSE_END):
            return False
        before = start
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        alone = start >= 0 and (before == 0 or text[before - 1] in CLAUSE_END)
        return not (alone and pos < len(text) and text[pos] in CONTINUING)
    return text.startswith(guard, pos)


def _by_term(pairs: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for term, guard in pairs:
        out[term] = (*out.get(term, ()), fold(guard))
    return out


class TermMatcher:
    """All term sets compiled into one automaton; one scan per document."""

    def __init__(self, termsets: Sequence[TermSet]) -> None:
        import ahocorasick

        self.termsets = list(termsets)
        _prime(self.termsets)
        self._index = {id(ts): i for i, ts in enumerate(self.termsets)}
        self._confirmers = [_Confirmer(ts) for ts in self.termsets]
        owners: dict[str, list[int]] = defaultdict(list)
        self._single_words: dict[str, list[int]] = defaultdict(list)
        for i, ts in enumerate(self.termsets):
            for term in ts.terms:
                key = fold(term)
                if key and i not in owners[key]:
                    owners[key].append(i)
                    if key.isascii() and key.isalpha():
                        self._single_words[key].append(i)
        self._automaton = ahocorasick.Automaton()
        for key, owner_ids in owners.items():
            # (term set index, confirmer or None when the key needs no check)
            payload = tuple(
                (i, self._confirmers[i].accept if self._confirmers[i].checks(key) else None)
                for i in owner_ids
            )
            self._automaton.add_word(key, (key, HAN.search(key) is not None, payload))
        self._empty = not owners
        if not self._empty:
            self._automaton.make_automaton()

    def user_words(self) -> frozenset[str]:
        """Chinese terms and exceptions of every term set, for a segmenter's dictionary."""
        return frozenset(w for ts in self.termsets for w in ts.han_terms())

    def index_of(self, ts: TermSet) -> int:
        return self._index[id(ts)]

    def scan(self, analysed: AnalysedDocument) -> dict[int, list[Hit]]:
        """Confirmed hits by term set index (absent: none)."""
        results: dict[int, list[Hit]] = defaultdict(list)
        if self._empty:
            return results
        # The scan, token edges and guards read the compact view (normalise.py); a hit
        # is mapped back, so it reports the original offsets and characters.
        text = analysed.compact_lowered
        squeezed = analysed.compact
        to_original = squeezed.to_original if squeezed is not None and squeezed.origin else None
        edge = analysed.zh_edges.edge
        n = len(text)
        original = analysed.text
        for last, (key, han, payload) in self._automaton.iter(text):
            end = last + 1
            start = end - len(key)
            if han:
                if not (edge(start) and edge(end)):
                    continue
            else:
                if _is_word_char(key[0]) and start > 0 and _is_word_char(text[start - 1]):
                    continue
                if _is_word_char(key[-1]) and end < n and _is_word_char(text[end]):
                    continue
            s, e = to_original(start, end) if to_original else (start, end)
            hit = Hit(s, e, original[s:e])
            for i, accept in payload:
                if accept is None or accept(text, start, end, key):
                    results[i].append(hit)
        if analysed.en_tokens and self._single_words and any(t.lemma != t.lower for t in analysed.en_tokens):
            seen = {(i, h.start, h.end) for i, hits in results.items() for h in hits}
            for tok in analysed.en_tokens:
                if tok.lemma == tok.lower:
                    continue
                for i in self._single_words.get(tok.lemma, ()):
                    if (i, tok.start, tok.end) in seen:
                        continue
                    if self._confirmers[i].accept(analysed.lowered, tok.start, tok.end, tok.lemma):
                        results[i].append(Hit(tok.start, tok.end, analysed.text[tok.start : tok.end]))
            for hits in results.values():
                hits.sort(key=lambda h: h.start)
        return results
