"""``terms``: word lists, matched on token edges, with exceptions and guards.

An optional ``fix`` (a string, or a mapping term -> string) is a safe
replacement for the matched term, applied by ``xhslint lint --fix``.
"""

from __future__ import annotations

from ..analysis.matching import TermSet
from .base import Compiled, Finding

# The fields of a rule of this kind (beyond every rule's) and the placeholders its messages may use.
FIELDS: tuple[str, ...] = ("terms", "exceptions", "not_followed_by", "not_preceded_by", "followed_by", "fix")
PARAMS: tuple[str, ...] = ("match",)


def compile(rule) -> Compiled:
    fix = rule.spec.get("fix")
    if isinstance(fix, dict):
        fix = {term.casefold(): replacement for term, replacement in fix.items()}
    return Compiled(termsets=[TermSet.from_spec(rule.spec)], data=fix)


def _fix_for(fix, term: str) -> str | None:
    if fix is None or isinstance(fix, str):
        return fix
    return fix.get(term.casefold())


def check(rule, ctx):
    fix = rule.compiled.data
    for hit in ctx.hits(rule.compiled.termsets[0]):
        yield Finding(hit.start, hit.end, {"match": hit.term}, fix=_fix_for(fix, hit.term))
