"""The playbook's plan for one campaign: the three waves dated from the launch
date, and the KOL pyramid scaled to the plan. Numbers come from
``brief_templates/_data/playbook.yaml``; nothing here is worded for readers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .data import BriefData
from .errors import BriefWarning

WAVES = ("seeding", "launch", "sustain")
DEFAULT_DELIVERABLE = {"format": "image", "notes": 1}


@dataclass(frozen=True)
class Wave:
    id: str
    start: date
    end: date
    tiers: tuple[str, ...]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Tier:
    id: str
    followers_min: int | None
    followers_max: int | None
    count: int
    range_min: int
    range_max: int
    open_ended: bool
    format: str
    notes_each: int
    waves: tuple[str, ...]

    @property
    def notes(self) -> int:
        return self.count * self.notes_each


@dataclass(frozen=True)
class Plan:
    waves: tuple[Wave, ...]
    tiers: tuple[Tier, ...]
    baseline: date

    @property
    def creators(self) -> int:
        return sum(t.count for t in self.tiers)

    @property
    def notes(self) -> int:
        return sum(t.notes for t in self.tiers)

    def wave(self, wave_id: str) -> Wave:
        return next(w for w in self.waves if w.id == wave_id)


def _tiers(brief: BriefData, playbook: dict[str, Any], warnings: list[BriefWarning]) -> list[Tier]:
    chosen = brief.fields["creator_tiers"]
    share = playbook["scales"][chosen["scale"]]
    deliverables = brief.fields["deliverables"]
    tiers = []
    for spec in playbook["tiers"]:
        low, high = spec["count"]["min"], spec["count"]["max"]
        if spec["id"] in chosen:
            count = chosen[spec["id"]]
            too_many = count > high and not spec["count"].get("open_ended")
            if count and (count < low or too_many):
                warnings.append(
                    BriefWarning(
                        f"creator_tiers.{spec['id']}: {count} creators is outside the playbook's "
                        f"{low}-{high}{'+' if spec['count'].get('open_ended') else ''} for this tier",
                        brief.path,
                        brief.line("creator_tiers", spec["id"]),
                    )
                )
        else:
            count = int(low + (high - low) * share + 0.5)
        deliverable = deliverables.get(spec["id"], DEFAULT_DELIVERABLE)
        followers = spec.get("followers", {})
        tiers.append(
            Tier(
                id=spec["id"],
                followers_min=followers.get("min"),
                followers_max=followers.get("max"),
                count=count,
                range_min=low,
                range_max=high,
                open_ended=bool(spec["count"].get("open_ended")),
                format=deliverable["format"],
                notes_each=deliverable["notes"],
                waves=tuple(spec["waves"]),
            )
        )
    counts = [t.count for t in tiers if t.count]
    if counts != sorted(counts):
        warnings.append(
            BriefWarning(
                "creator_tiers: the counts do not form a pyramid (each tier should have more creators "
                "than the one above it)",
                brief.path,
                brief.line("creator_tiers"),
            )
        )
    for tier_id in deliverables:
        if not any(t.id == tier_id and t.count for t in tiers):
            warnings.append(
                BriefWarning(
                    f"deliverables.{tier_id}: no creators are planned in this tier",
                    brief.path,
                    brief.line("deliverables", tier_id),
                )
            )
    return [t for t in tiers if t.count]


def plan(brief: BriefData, playbook: dict[str, Any]) -> tuple[Plan, list[BriefWarning]]:
    warnings: list[BriefWarning] = []
    tiers = _tiers(brief, playbook, warnings)
    launch = brief.launch_date
    launch_days = playbook["waves"]["launch"]["days"]
    seeding_start = launch - timedelta(days=brief.fields["seeding_days"])
    launch_end = launch + timedelta(days=launch_days - 1)
    sustain_end = launch_end + timedelta(weeks=brief.fields["sustain_weeks"])
    spans = {
        "seeding": (seeding_start, launch - timedelta(days=1)),
        "launch": (launch, launch_end),
        "sustain": (launch_end + timedelta(days=1), sustain_end),
    }
    waves = tuple(
        Wave(wave_id, *spans[wave_id], tuple(t.id for t in tiers if wave_id in t.waves)) for wave_id in WAVES
    )
    baseline = seeding_start - timedelta(days=playbook["baseline_days_before_seeding"])
    return Plan(waves=waves, tiers=tuple(tiers), baseline=baseline), warnings
