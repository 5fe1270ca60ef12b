"""``requires``: the document must show evidence of each named element; one
finding per missing element, naming it."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.evidence import Evidence
from ..core.errors import RuleError
from .base import Compiled, Finding

# The fields of a rule of this kind (beyond every rule's) and the placeholders its messages may use.
FIELDS: tuple[str, ...] = ("elements", "min_chars")
PARAMS: tuple[str, ...] = ("element", "element_id")


@dataclass
class Element:
    id: str
    label: dict[str, str]
    evidence: Evidence


def compile(rule) -> Compiled:
    elements = []
    for spec in rule.spec["elements"]:
        evidence = Evidence.compile(rule, spec)
        if evidence is None:
            raise RuleError(f"element '{spec['id']}' gives no terms or patterns", rule.source, rule.line)
        elements.append(Element(spec["id"], spec["label"], evidence))
    return Compiled(termsets=[ts for e in elements for ts in e.evidence.termsets()], data=elements)


def check(rule, ctx):
    if ctx.analysed.visible_chars < rule.spec.get("min_chars", 0):
        return
    for element in rule.compiled.data:
        if not element.evidence.present(ctx):
            yield Finding(0, 0, {"element": element.label, "element_id": element.id}, match="")
