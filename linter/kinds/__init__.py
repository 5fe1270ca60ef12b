"""Rule kinds. Each module compiles a rule's fields once and checks documents.

A kind knows nothing about particular rule ids: a rule that needs more is a
new field or a new kind, never an ``if rule.id == ...`` here.
"""

from __future__ import annotations

from .base import Compiled, Finding, Kind

__all__ = ["KIND_NAMES", "Compiled", "Finding", "Kind", "get_kind"]

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
