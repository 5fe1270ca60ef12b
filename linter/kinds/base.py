"""What every rule kind shares: a ``Finding`` (a span and message parameters), the
``Compiled`` form a kind keeps per rule, and the protocols a kind and its check
context follow."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..analysis.matching import Hit, TermSet


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
