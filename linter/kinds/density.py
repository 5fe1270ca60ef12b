"""``density``: how often something occurs, per 1,000 characters or as a share
of sentences, against a threshold (brand-name repetition, exclamation runs,
directive sentences)."""

from __future__ import annotations

from ..matching import TermSet
from . import Compiled, Finding
from .patterns import compile_patterns, find_all


def compile(rule) -> Compiled:
    count = rule.spec["count"]
    termsets = [TermSet.from_spec(count)] if count.get("terms") else []
    patterns = compile_patterns(rule, count.get("patterns", []), rule.spec.get("ignore_case", True))
    return Compiled(termsets=termsets, data=patterns)


def _spans(rule, ctx) -> list[tuple[int, int]]:
    spans = {(h.start, h.end) for ts in rule.compiled.termsets for h in ctx.hits(ts)}
    spans.update(find_all(rule.compiled.data, ctx.analysed.doc.prose))
    if rule.spec["count"].get("source") == "brand_terms":
        spans.update((h.start, h.end) for h in ctx.brand_hits() or ())
    return sorted(spans)


def check(rule, ctx):
    spec = rule.spec
    spans = _spans(rule, ctx)
    if len(spans) < spec.get("min_count", 2):
        return
    analysed = ctx.analysed
    threshold = spec["threshold"]
    if spec["per"] == "1000_chars":
        chars = sum(1 for c in analysed.doc.prose if not c.isspace())
        if chars < spec.get("min_chars", 100):
            return
        value = len(spans) * 1000 / chars
        if value > threshold:
            start, end = spans[0]
            yield Finding(start, end, {"count": len(spans), "value": round(value, 1), "threshold": threshold})
        return
    sentences = analysed.sentences
    if len(sentences) < spec.get("min_sentences", 3):
        return
    hit_sentences = sorted({i for s, _ in spans if (i := analysed.sentence_index(s)) is not None})
    share = len(hit_sentences) / len(sentences)
    if share > threshold:
        first = sentences[hit_sentences[0]]
        yield Finding(
            first.start,
            first.end,
            {
                "count": len(hit_sentences),
                "total": len(sentences),
                "value": f"{share:.0%}",
                "threshold": f"{threshold:.0%}",
            },
        )
