"""``metric``: measurable things against ``max`` and/or ``min``: title length
(a Latin word counts as one character) and display width, body length,
hashtag count, sentence length, and the number of distinct dates a brief
names (a campaign plan on one day is not a plan)."""

from __future__ import annotations

import re
import unicodedata

from . import Compiled, Finding

HASHTAG = re.compile(r"#[^\s#]+(?:\[话题\])?#?")
LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.\-]*")
DATES = (
    # 2026-06-18, 2026/6/18, 2026年6月18日
    re.compile(r"(?<!\d)(?:\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"),
    # 6月18日, 6月18号
    re.compile(r"(?<![\d/.-])(\d{1,2})月(\d{1,2})[日号]"),
)
MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
EN_DATE = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (\d{1,2})(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)


def display_width(text: str) -> int:
    """East Asian wide and full-width characters count 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def title_length(text: str) -> int:
    """Characters, with each Latin word or number counting as one; spaces not counted."""
    words = LATIN_WORD.findall(text)
    rest = LATIN_WORD.sub("", text)
    return len(words) + sum(1 for c in rest if not c.isspace())


def distinct_dates(text: str) -> list[tuple[int, int, int, int]]:
    """(month, day, start, end) of the first mention of each distinct date."""
    seen: dict[tuple[int, int], tuple[int, int]] = {}

    def note(key: tuple[int, int], span: tuple[int, int]) -> None:
        if key not in seen or span < seen[key]:
            seen[key] = span

    for pattern in DATES:
        for m in pattern.finditer(text):
            note((int(m.group(1)), int(m.group(2))), m.span())
    for m in EN_DATE.finditer(text):
        if m.group(1):
            note((MONTHS[m.group(2)[:3].lower()], int(m.group(1))), m.span())
        else:
            note((MONTHS[m.group(3)[:3].lower()], int(m.group(4))), m.span())
    valid = [(k, v) for k, v in seen.items() if 1 <= k[0] <= 12 and 1 <= k[1] <= 31]
    return sorted((k[0], k[1], v[0], v[1]) for k, v in valid)


def compile(rule) -> Compiled:
    return Compiled()


def _measurements(metric: str, analysed):
    """Yield (value, start, end, extra message params) for each thing measured."""
    doc = analysed.doc
    if metric in ("title_width", "title_length"):
        if doc.title_span:
            start, end = doc.title_span
            title = doc.text[start:end]
            value = display_width(title) if metric == "title_width" else title_length(title)
            yield value, start, end, {"width": display_width(title)}
    elif metric == "body_length":
        body = doc.prose[doc.body_start :]
        stripped = body.strip()
        if stripped:
            start = doc.body_start + body.index(stripped[0])
            yield len(stripped), start, start + len(stripped), {}
    elif metric == "hashtag_count":
        tags = list(HASHTAG.finditer(doc.prose))
        if tags:
            yield len(tags), tags[0].start(), tags[-1].end(), {}
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
