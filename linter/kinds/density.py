"""``density``: how often something occurs, per 1,000 characters or as a share
of sentences, against a threshold (brand-name repetition, exclamation runs,
directive sentences). Sentences with ``count.exclude`` evidence (e.g. legal
guardrails in a brief) do not count."""

from __future__ import annotations

from ..analysis.evidence import Evidence
from .base import Compiled, Finding

# The fields of a rule of this kind (beyond every rule's) and the placeholders its messages may use.
FIELDS: tuple[str, ...] = ("count", "per", "threshold", "min_chars", "min_sentences", "min_count")
PARAMS: tuple[str, ...] = ("match", "count", "value", "threshold", "total")


def compile(rule) -> Compiled:
    count = rule.spec["count"]
    counted = Evidence.compile(rule, {k: v for k, v in count.items() if k not in ("exclude", "source")})
    exclude = Evidence.compile(rule, count.get("exclude"))
    termsets = (counted.termsets() if counted else []) + (exclude.termsets() if exclude else [])
    return Compiled(termsets=termsets, data=(counted, exclude))


def _spans(rule, ctx) -> list[tuple[int, int]]:
    counted, exclude = rule.compiled.data
    spans = set(counted.spans(ctx)) if counted else set()
    if rule.spec["count"].get("source") == "brand_terms":
        spans.update((h.start, h.end) for h in ctx.brand_hits())
    if exclude is not None:
        analysed = ctx.analysed
        excluded = {i for i, s in enumerate(analysed.sentences) if exclude.within(ctx, s.start, s.end)}
        spans = {sp for sp in spans if analysed.sentence_index(sp[0]) not in excluded}
    return sorted(spans)


def check(rule, ctx):
    spec = rule.spec
    spans = _spans(rule, ctx)
    if len(spans) < spec.get("min_count", 2):
        return
    analysed = ctx.analysed
    threshold = spec["threshold"]
    if spec["per"] == "1000_chars":
        chars = ctx.analysed.visible_chars
        if chars < spec.get("min_chars", 100):
            return
        value = len(spans) * 1000 / chars
        if value > threshold:
            start, end = spans[0]
            params = {"count": len(spans), "value": round(value, 1), "threshold": threshold}
            yield Finding(start, end, {**params, "match": analysed.doc.text[start:end]})
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
                "match": analysed.doc.text[spans[0][0] : spans[0][1]],
            },
        )
