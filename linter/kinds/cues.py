"""``cues``: coverage of the document's vertical cue lexicon (from
``locales/*/verticals.yaml``) below a minimum number of distinct cues."""

from __future__ import annotations

from ..analysis.language import HAN
from ..core.messages import catalogue
from ..core.vocabulary import LOCALES
from .base import Compiled, Finding

# The fields of a rule of this kind (beyond every rule's) and the placeholders its messages may use.
FIELDS: tuple[str, ...] = ("min_distinct", "min_chars")
PARAMS: tuple[str, ...] = ("found", "min", "vertical", "examples")


def compile(rule) -> Compiled:
    return Compiled()


def check(rule, ctx):
    analysed = ctx.analysed
    if analysed.vertical is None:
        return
    cues = ctx.cue_terms(analysed.vertical)
    if cues is None:
        return
    if ctx.analysed.visible_chars < rule.spec.get("min_chars", 0):
        return
    found = {h.term.lower() for h in ctx.hits(cues)}
    wanted = rule.spec["min_distinct"]
    if len(found) < wanted:
        chinese = analysed.language != "en"
        examples = [t for t in cues.terms if bool(HAN.search(t)) == chinese][:5]
        yield Finding(
            0,
            0,
            {
                "found": len(found),
                "min": wanted,
                "vertical": {
                    loc: catalogue(loc).verticals.get(analysed.vertical, {}).get("name", analysed.vertical)
                    for loc in LOCALES
                },
                "examples": ", ".join(examples),
            },
            match="",
        )
