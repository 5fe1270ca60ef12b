"""``requires``: the document must show evidence of each named element; one
finding per missing element, naming it."""

from __future__ import annotations

from dataclasses import dataclass

from ..matching import TermSet
from . import Compiled, Finding
from .patterns import compile_patterns, find_all


@dataclass
class Element:
    id: str
    label: dict[str, str]
    termset: TermSet | None
    patterns: list


def compile(rule) -> Compiled:
    elements = []
    for spec in rule.spec["elements"]:
        ts = TermSet.from_spec(spec) if spec.get("terms") else None
        elements.append(
            Element(spec["id"], spec["label"], ts, compile_patterns(rule, spec.get("patterns", [])))
        )
    return Compiled(termsets=[e.termset for e in elements if e.termset], data=elements)


def check(rule, ctx):
    prose = ctx.analysed.doc.prose
    for element in rule.compiled.data:
        if element.termset is not None and ctx.hits(element.termset):
            continue
        if next(find_all(element.patterns, prose), None) is not None:
            continue
        yield Finding(0, 0, {"element": element.label, "element_id": element.id}, match="")
