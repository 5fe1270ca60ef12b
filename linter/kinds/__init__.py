"""Rule kinds. Each module compiles a rule's fields once and checks documents.

A kind knows nothing about particular rule ids: a rule that needs more is a
new field or a new kind, never an ``if rule.id == ...`` here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..matching import Hit, TermSet


@dataclass
class Finding:
    start: int
    end: int
    params: dict[str, Any] = field(default_factory=dict)
    match: str | None = None  # None: the text at [start, end)
    fix: str | None = None  # a safe replacement for [start, end), when the kind knows one


@dataclass
class Compiled:
    """What a kind keeps per rule; ``termsets`` join the shared matcher."""

    termsets: list[TermSet] = field(default_factory=list)
    data: Any = None


class CheckContext(Protocol):
    """What a kind may read about the document being linted."""

    @property
    def analysed(self): ...

    def hits(self, termset: TermSet) -> list[Hit]: ...

    def brand_hits(self) -> list[Hit] | None: ...

    def cue_terms(self, vertical: str) -> TermSet | None: ...

    def tag_at(self, start: int, end: int): ...

    def memo(self, key: Any, compute: Any) -> Any: ...

    @property
    def lexicons(self): ...


class Kind(Protocol):
    FIELDS: tuple[str, ...]  # the rule fields this kind reads, beyond every rule's
    PARAMS: tuple[str, ...]  # the placeholders its findings give messages

    def compile(self, rule) -> Compiled: ...

    def check(self, rule, ctx: CheckContext): ...


KIND_NAMES = ("terms", "pattern", "density", "requires", "cues", "metric", "script", "typography")
_KINDS: dict[str, Kind] = {}


def get_kind(name: str) -> Kind:
    if not _KINDS:
        _KINDS.update(_load())
    return _KINDS[name]


def _load() -> dict[str, Kind]:
    from . import cues, density, metric, pattern, requires, script, terms, typography

    return {
        "terms": terms,
        "pattern": pattern,
        "density": density,
        "requires": requires,
        "cues": cues,
        "metric": metric,
        "script": script,
        "typography": typography,
    }  # type: ignore[return-value]
