"""Language data shared by detection and rules: vertical cue lexicons and the
words that mark a document as a brief. Loaded from ``locales/*/`` and merged
across languages (a Chinese note uses the zh-CN lexicon, an English one en).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .errors import RuleError
from .matching import TermSet
from .messages import catalogue
from .resources import LOCALES


@dataclass(frozen=True)
class Lexicons:
    verticals: dict[str, TermSet]
    brief_markers: TermSet
    brief_headings: TermSet
    prohibition_cues: TermSet
    mention_markers: TermSet

    def termsets(self) -> list[TermSet]:
        return [
            *self.verticals.values(),
            self.brief_markers,
            self.brief_headings,
            self.prohibition_cues,
            self.mention_markers,
        ]


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    cues: dict[str, list[str]] = {}
    lists: dict[str, list[str]] = {}
    for locale in LOCALES:
        cat = catalogue(locale)
        for vertical, entry in cat.verticals.items():
            where = f"locales/{locale}/verticals.yaml: {vertical}.cues"
            cues.setdefault(vertical, []).extend(_strings(entry.get("cues"), where))
        for key, words in cat.detection.items():
            lists.setdefault(key, []).extend(_strings(words, f"locales/{locale}/detection.yaml: {key}"))

    def termset(key: str) -> TermSet:
        return TermSet(tuple(dict.fromkeys(lists.get(key, ()))))

    return Lexicons(
        verticals={v: TermSet(tuple(dict.fromkeys(terms))) for v, terms in sorted(cues.items())},
        brief_markers=termset("brief_markers"),
        brief_headings=termset("brief_sections"),
        prohibition_cues=termset("prohibition_cues"),
        mention_markers=termset("mention_markers"),
    )


def _strings(words: object, where: str) -> list[str]:
    """A word list from a lexicon file; YAML turns a bare ``no`` into False, so check."""
    if words is None:
        return []
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise RuleError(f'{where} must be a list of non-empty strings (quote words like "no")')
    return words
