"""Language data shared by detection, context and rules: vertical cue lexicons,
the words that mark a document as a brief, the cues of a commercial context,
and the words that make a matched term a mention or put it in a lawful frame.
Loaded from ``locales/*/`` and merged across languages (a Chinese note uses the
zh-CN words, an English one the en words).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..analysis.matching import TermSet
from ..core.errors import RuleError
from ..core.messages import catalogue
from ..core.vocabulary import LOCALES

GUARD_CLASSES = (
    "question",
    "advice",
    "personal",
    "sensation",
    "critique",
    "negation",
    "person",
    "reported",
    "former",
)
# Word lists a rule may name (``severity_if: [{after: product_nouns, ...}]``).
WORD_LISTS = ("product_nouns",)


@dataclass(frozen=True)
class CueGroup:
    """One group of commercial cues: its weight, words and regexes. A ``route``
    group names a way to buy: one hit makes the text an ad by law."""

    weight: int
    termset: TermSet
    patterns: tuple[re.Pattern[str], ...] = ()
    route: bool = False


@dataclass(frozen=True)
class GuardClass:
    """A frame that makes a term lawful: words before it in its clause, words
    right after it, the noun heading the phrase it modifies, words anywhere
    in its sentence, or the punctuation its sentence ends with."""

    name: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    sentence_ends: tuple[str, ...] = ()
    head: tuple[str, ...] = ()
    sentence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicons:
    verticals: dict[str, TermSet]
    brief_markers: TermSet
    brief_headings: TermSet
    prohibition_cues: TermSet
    mention_markers: TermSet
    example_markers: TermSet
    commercial: dict[str, CueGroup]
    guards: dict[str, GuardClass]
    word_lists: dict[str, tuple[str, ...]]

    def termsets(self) -> list[TermSet]:
        """Every word list the shared matcher scans for."""
        return [
            *self.segmenting(),
            self.example_markers,
            *(group.termset for group in self.commercial.values()),
        ]

    def segmenting(self) -> list[TermSet]:
        """The lists whose words join the segmenter's dictionary. The commercial cues and
        example markers only count hits and do not: a cue word (点链接) made one token
        would hide a rule's term inside it (链接)."""
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
    exceptions: dict[str, list[str]] = {}
    groups: dict[str, dict] = {}
    guards: dict[str, dict[str, list[str]]] = {}
    for locale in LOCALES:
        cat = catalogue(locale)
        for vertical, entry in cat.verticals.items():
            where = f"locales/{locale}/verticals.yaml: {vertical}.cues"
            cues.setdefault(vertical, []).extend(_strings(entry.get("cues"), where))
        for key, words in cat.detection.items():
            lists.setdefault(key, []).extend(_strings(words, f"locales/{locale}/detection.yaml: {key}"))
        context = cat.context
        where = f"locales/{locale}/context.yaml"
        for key in ("prohibition_cues", "mention_markers", "example_markers"):
            value = context.get(key)
            if isinstance(value, Mapping):
                exceptions.setdefault(key, []).extend(_strings(value.get("exceptions"), f"{where}: {key}"))
                value = value.get("terms")
            lists.setdefault(key, []).extend(_strings(value, f"{where}: {key}"))
        for name in WORD_LISTS:
            lists.setdefault(name, []).extend(_strings(context.get(name), f"{where}: {name}"))
        for name, spec in (context.get("commercial") or {}).items():
            _merge_group(groups, name, spec, f"{where}: commercial.{name}")
        for name, spec in (context.get("guards") or {}).items():
            if name not in GUARD_CLASSES:
                raise RuleError(f"{where}: unknown guard class '{name}' (known: {', '.join(GUARD_CLASSES)})")
            entry = guards.setdefault(
                name, {"before": [], "after": [], "sentence_ends": [], "head": [], "sentence": []}
            )
            for part in entry:
                entry[part].extend(_strings((spec or {}).get(part), f"{where}: guards.{name}.{part}"))

    def termset(key: str) -> TermSet:
        return TermSet(
            tuple(dict.fromkeys(lists.get(key, ()))), tuple(dict.fromkeys(exceptions.get(key, ())))
        )

    return Lexicons(
        verticals={v: TermSet(tuple(dict.fromkeys(terms))) for v, terms in sorted(cues.items())},
        brief_markers=termset("brief_markers"),
        brief_headings=termset("brief_sections"),
        prohibition_cues=termset("prohibition_cues"),
        mention_markers=termset("mention_markers"),
        example_markers=termset("example_markers"),
        commercial={
            name: CueGroup(
                g["weight"],
                TermSet(tuple(dict.fromkeys(g["terms"]))),
                tuple(re.compile(p) for p in dict.fromkeys(g["patterns"])),
                g["route"],
            )
            for name, g in groups.items()
        },
        guards={
            name: GuardClass(
                name,
                tuple(dict.fromkeys(w.casefold() for w in g["before"])),
                tuple(dict.fromkeys(w.casefold() for w in g["after"])),
                tuple(dict.fromkeys(g["sentence_ends"])),
                tuple(dict.fromkeys(w.casefold() for w in g["head"])),
                tuple(dict.fromkeys(w.casefold() for w in g["sentence"])),
            )
            for name, g in guards.items()
        },
        word_lists={name: tuple(dict.fromkeys(w.casefold() for w in lists[name])) for name in WORD_LISTS},
    )


def _merge_group(groups: dict[str, dict], name: str, spec: object, where: str) -> None:
    if not isinstance(spec, Mapping) or not isinstance(spec.get("weight"), int) or spec["weight"] < 0:
        raise RuleError(f"{where} must be a mapping with a non-negative integer 'weight'")
    route = bool(spec.get("route", False))
    group = groups.setdefault(name, {"weight": spec["weight"], "terms": [], "patterns": [], "route": route})
    if group["weight"] != spec["weight"] or group["route"] != route:
        raise RuleError(f"{where}: weight and route must be the same in every locale")
    group["terms"].extend(_strings(spec.get("terms"), f"{where}.terms"))
    for pattern in _strings(spec.get("patterns"), f"{where}.patterns"):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise RuleError(f"{where}.patterns: {pattern!r}: {exc}") from None
        group["patterns"].append(pattern)


def _strings(words: object, where: str) -> list[str]:
    """A word list from a lexicon file; YAML turns a bare ``no`` into False, so check."""
    if words is None:
        return []
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise RuleError(f'{where} must be a list of non-empty strings (quote words like "no")')
    return words
