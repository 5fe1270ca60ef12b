"""``pattern``: regular expressions over the prose (or content incl. URLs)."""

from __future__ import annotations

from ..analysis.patterns import compile_patterns, find_all
from .base import Compiled, Finding

# The fields of a rule of this kind (beyond every rule's) and the placeholders its messages may use.
FIELDS: tuple[str, ...] = ("patterns", "target")
PARAMS: tuple[str, ...] = ("match",)


def compile(rule) -> Compiled:
    spec = rule.spec
    return Compiled(data=compile_patterns(rule, spec["patterns"], spec.get("ignore_case", True)))


def check(rule, ctx):
    doc = ctx.analysed.doc
    # the text in its normalised form (Simplified, width-folded; same offsets), so 絕對 reads as 绝对
    # and ①③⑧ as 138; ``target: content`` keeps the URLs the prose blanks out
    analysed = ctx.analysed
    text = analysed.normalised_content if rule.spec.get("target") == "content" else analysed.normalised
    lo, hi = doc.scope_span(rule.scope)  # search only where the rule looks
    if hi <= lo:
        return
    for start, end in sorted(set(find_all(rule.compiled.data, text, lo, hi))):
        yield Finding(start, end, {"match": doc.text[start:end]})
