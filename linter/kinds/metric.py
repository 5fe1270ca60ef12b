"""``metric``: measurable things against ``max`` and/or ``min``: title length
(a Latin word counts as one character, an emoji as one however many code
points it takes) and display width, body length, hashtag count (tags.py),
sentence length, and the number of distinct dates a brief names (a campaign
plan on one day is not a plan)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..analysis.date_mentions import date_mentions
from .base import Compiled, Finding

# The fields of a rule of this kind (beyond every rule's) and the placeholders its messages may use.
FIELDS: tuple[str, ...] = ("metric", "max", "min")
PARAMS: tuple[str, ...] = ("value", "limit", "width")


def _extends(prev: str, ch: str) -> bool:
    """Does ``ch`` continue the grapheme cluster that ``prev`` ends (UAX #29, for the
    sequences titles use: combining marks, variation selectors, emoji modifiers and
    ZWJ sequences, keycaps, tag sequences)?"""
    cp = ord(ch)
    if unicodedata.category(ch) in ("Mn", "Me", "Mc"):
        return True
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:  # variation selectors
        return True
    if cp == 0x200D or prev == "\u200d":  # zero-width joiner, and what it joins
        return True
    return 0x1F3FB <= cp <= 0x1F3FF or cp == 0x20E3 or 0xE0020 <= cp <= 0xE007F  # skin tone, keycap, tags


def graphemes(text: str) -> list[str]:
    """The user-perceived characters of a text: an emoji with U+FE0F, a family joined
    by ZWJ or a flag (two regional indicators) is one."""
    clusters: list[str] = []
    pending_flag = False
    for ch in text:
        regional = 0x1F1E6 <= ord(ch) <= 0x1F1FF
        if clusters and (_extends(clusters[-1][-1], ch) or (regional and pending_flag)):
            clusters[-1] += ch
            pending_flag = False
            continue
        clusters.append(ch)
        pending_flag = regional
    return clusters


def _cluster_width(cluster: str) -> int:
    if any(unicodedata.east_asian_width(c) in "WF" for c in cluster):
        return 2
    if len(cluster) > 1 and (
        "\ufe0f" in cluster or "\u200d" in cluster or 0x1F1E6 <= ord(cluster[0]) <= 0x1F1FF
    ):
        return 2  # emoji presentation
    return 1


def display_width(text: str) -> int:
    """East Asian wide and full-width characters and emoji count 2, others 1, per grapheme."""
    return sum(_cluster_width(c) for c in graphemes(text))


_WORD_START = re.compile(r"[A-Za-z0-9]")
_WORD_PART = re.compile(r"[A-Za-z0-9'’.\-]")


def title_length(text: str) -> int:
    """Grapheme clusters, with each Latin word or number counting as one; spaces not counted.
    A keycap (1️⃣) is one character, not a number plus a mark."""
    count = 0
    in_word = False
    for cluster in graphemes(text):
        latin = len(cluster) == 1 or cluster[0].isalpha()  # 1️⃣ is an emoji, é a letter
        if in_word and latin and _WORD_PART.match(cluster[0]):
            continue
        in_word = latin and bool(_WORD_START.match(cluster[0]))
        count += not cluster.isspace()
    return count


@lru_cache(maxsize=1024)
def _title_measures(title: str) -> tuple[int, int]:
    """(display width, title length) of a title: two rules ask, each wants both, and a
    batch repeats titles; measured once per title, not four times."""
    return display_width(title), title_length(title)


def distinct_dates(text: str) -> list[tuple[int, int, int, int]]:
    """(month, day, start, end) of the first mention of each distinct date."""
    seen: dict[tuple[int, int], tuple[int, int]] = {}
    for mention in date_mentions(text):
        seen.setdefault((mention.month, mention.day), (mention.start, mention.end))
    return sorted((month, day, start, end) for (month, day), (start, end) in seen.items())


def compile(rule) -> Compiled:
    return Compiled()


def _measurements(metric: str, analysed):
    """Yield (value, start, end, extra message params) for each thing measured."""
    doc = analysed.doc
    if metric in ("title_width", "title_length"):
        if doc.title_span:
            start, end = doc.title_span
            width, length = _title_measures(doc.text[start:end])
            yield width if metric == "title_width" else length, start, end, {"width": width}
    elif metric == "body_length":
        body = doc.prose[doc.body_start :]
        stripped = body.strip()
        if stripped:
            start = doc.body_start + body.index(stripped[0])
            yield len(stripped), start, start + len(stripped), {}
    elif metric == "hashtag_count":
        from ..context.tags import topic_tags

        tags = topic_tags(doc.prose)
        if tags:
            yield len(tags), tags[0][0], tags[-1][1], {}
    elif metric == "sentence_length":
        for s in analysed.sentences:
            yield len(doc.text[s.start : s.end].strip()), s.start, s.end, {}
    elif metric == "distinct_dates":
        dates = distinct_dates(doc.prose)
        if dates:  # a brief without any date is a different finding (requires)
            yield len(dates), dates[0][2], dates[0][3], {}


def check(rule, ctx):
    spec = rule.spec
    high, low = spec.get("max"), spec.get("min")
    for value, start, end, extra in _measurements(spec["metric"], ctx.analysed):
        if high is not None and value > high:
            yield Finding(start, end, {"value": value, "limit": high, **extra})
        elif low is not None and value < low:
            yield Finding(start, end, {"value": value, "limit": low, **extra})
