"""``metric``: measurable platform format limits -- title width, body length,
hashtag count, sentence length -- against ``max`` and/or ``min``."""

from __future__ import annotations

import re
import unicodedata

from . import Compiled, Finding

HASHTAG = re.compile(r"#[^\s#]+(?:\[话题\])?#?")


def display_width(text: str) -> int:
    """East Asian wide and full-width characters count 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def compile(rule) -> Compiled:
    return Compiled()


def _measurements(metric: str, analysed):
    """Yield (value, start, end) for each thing measured."""
    doc = analysed.doc
    if metric == "title_width":
        if doc.title_span:
            start, end = doc.title_span
            yield display_width(doc.text[start:end]), start, end
    elif metric == "body_length":
        body = doc.prose[doc.body_start :]
        stripped = body.strip()
        if stripped:
            start = doc.body_start + body.index(stripped[0])
            yield len(stripped), start, start + len(stripped)
    elif metric == "hashtag_count":
        tags = list(HASHTAG.finditer(doc.prose))
        if tags:
            yield len(tags), tags[0].start(), tags[-1].end()
    elif metric == "sentence_length":
        for s in analysed.sentences:
            yield len(doc.text[s.start : s.end].strip()), s.start, s.end


def check(rule, ctx):
    spec = rule.spec
    high, low = spec.get("max"), spec.get("min")
    for value, start, end in _measurements(spec["metric"], ctx.analysed):
        if high is not None and value > high:
            yield Finding(start, end, {"value": value, "limit": high})
        elif low is not None and value < low:
            yield Finding(start, end, {"value": value, "limit": low})
