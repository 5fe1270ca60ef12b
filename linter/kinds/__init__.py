"""Rule kinds. Each module compiles a rule's fields once and checks documents.

A kind knows nothing about particular rule ids: a rule that needs more is a
new field or a new kind, never an ``if rule.id == ...`` here.
"""

from __future__ import annotations

from .base import Compiled, Finding, Kind

__all__ = [
    "KIND_NAMES",
    "NOTE_LEVEL_KINDS",
    "PLAN_KINDS",
    "TEXT_KINDS",
    "Compiled",
    "Finding",
    "Kind",
    "get_kind",
]

TEXT_KINDS = ("terms", "pattern", "density", "requires", "cues", "metric", "script", "typography", "windows")
# Kinds that check a campaign plan (a roster and its campaign), not a text: ``xhslint plan lint``.
PLAN_KINDS = (
    "plan-tiers",
    "plan-share",
    "plan-tier-mismatch",
    "plan-columns",
    "plan-category",
    "plan-outliers",
    "plan-wave",
    "plan-same-day",
    "plan-windows",
    "plan-date-bounds",
    "plan-kpis",
    "plan-measurement",
    "plan-tier-cost",
)
KIND_NAMES = (*TEXT_KINDS, *PLAN_KINDS)
# Kinds whose findings measure the whole note or its title (length, tag count): reports show them as
# a badge on the note, not as an underline over the text they measured.
NOTE_LEVEL_KINDS = frozenset({"metric"})
_KINDS: dict[str, Kind] = {}
# name -> (module, the object in it that is the kind; None: the module itself)
_SOURCES: dict[str, tuple[str, str | None]] = {
    **{name: (name, None) for name in TEXT_KINDS},
    "plan-tiers": ("plan_pyramid", "TierCounts"),
    "plan-share": ("plan_pyramid", "TierShare"),
    "plan-tier-mismatch": ("plan_pyramid", "TierMismatch"),
    "plan-columns": ("plan_selection", "Columns"),
    "plan-category": ("plan_selection", "CategoryFit"),
    "plan-outliers": ("plan_selection", "Outliers"),
    "plan-wave": ("plan_timing", "WaveCoverage"),
    "plan-same-day": ("plan_timing", "SameDay"),
    "plan-windows": ("plan_timing", "Windows"),
    "plan-date-bounds": ("plan_timing", "DateBounds"),
    "plan-kpis": ("plan_measurement", "Kpis"),
    "plan-measurement": ("plan_measurement", "MeasurementReady"),
    "plan-tier-cost": ("plan_measurement", "TierCost"),
}


def get_kind(name: str) -> Kind:
    """The kind ``name``, importing only its module (a text run never imports the plan kinds)."""
    found = _KINDS.get(name)
    if found is None:
        import importlib

        module_name, attribute = _SOURCES[name]
        module = importlib.import_module(f"{__name__}.{module_name}")
        found = _KINDS[name] = getattr(module, attribute) if attribute else module  # type: ignore[assignment]
    return found
