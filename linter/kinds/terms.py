"""``terms``: word lists, matched on token edges, with exceptions and guards."""

from __future__ import annotations

from ..matching import TermSet
from . import Compiled, Finding


def compile(rule) -> Compiled:
    return Compiled(termsets=[TermSet.from_spec(rule.spec)])


def check(rule, ctx):
    for hit in ctx.hits(rule.compiled.termsets[0]):
        yield Finding(hit.start, hit.end, {"match": hit.term})
