"""Language data shared by detection and rules: vertical cue lexicons and the
words that mark a document as a brief. Loaded from ``locales/*/`` and merged
across languages (a Chinese note uses the zh-CN lexicon, an English one en).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .matching import TermSet
from .messages import catalogue
from .resources import LOCALES


@dataclass(frozen=True)
class Lexicons:
    verticals: dict[str, TermSet]
    brief_markers: TermSet
    brief_headings: TermSet

    def termsets(self) -> list[TermSet]:
        return [*self.verticals.values(), self.brief_markers, self.brief_headings]


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    cues: dict[str, list[str]] = {}
    markers: list[str] = []
    headings: list[str] = []
    for locale in LOCALES:
        cat = catalogue(locale)
        for vertical, entry in cat.verticals.items():
            cues.setdefault(vertical, []).extend(entry.get("cues", ()))
        markers.extend(cat.detection.get("brief_markers", ()))
        headings.extend(cat.detection.get("brief_sections", ()))
    return Lexicons(
        verticals={v: TermSet(tuple(dict.fromkeys(terms))) for v, terms in sorted(cues.items())},
        brief_markers=TermSet(tuple(dict.fromkeys(markers))),
        brief_headings=TermSet(tuple(dict.fromkeys(headings))),
    )


def vertical_ids() -> list[str]:
    return sorted(lexicons().verticals)
