"""A campaign plan as the plan rules see it: the campaign (launch, waves, KPIs,
budget, the tiers' follower bounds) and one ``Creator`` per roster row with
its numbers read, its tier known and its rates computed.

Everything here is arithmetic on data the caller passes in (the campaign's
validated fields, the playbook's tiers and waves, the category words); a
cell that cannot be read becomes a ``CellProblem`` naming its row and column
and the rest of the row is still used.

Rates (playbook Lesson 2 and 8): engagement = likes + saves + comments
(shares are not counted), over views when the roster has views (``basis`` "views"), else over
followers ("followers", the weaker measure the rules point out); save rate =
saves / views; cost per engagement = fee / engagement.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..document.roster import Cell, Roster, RosterRow
from .plan_values import Span, ValueProblem, parse_amount, parse_date, shown

TIERS = ("top", "mid", "micro", "koc")
WAVES = ("seeding", "launch", "sustain")
ENGAGEMENT_FIELDS = ("likes", "saves", "comments")  # the seed's formula (Lesson 2); shares are not in it
COUNT_FIELDS = ("followers", "fee", "views", *ENGAGEMENT_FIELDS)


@dataclass(frozen=True)
class TierSpec:
    id: str
    followers_min: float | None
    followers_max: float | None
    count_min: int
    count_max: int
    open_ended: bool
    names: tuple[str, ...] = ()

    def holds(self, followers: float) -> bool:
        low = self.followers_min if self.followers_min is not None else 0
        return low <= followers and (self.followers_max is None or followers < self.followers_max)


@dataclass(frozen=True)
class Kpi:
    text: str
    metric: str | None  # a metric id from the KPI vocabulary, None when it names none
    index: int


@dataclass(frozen=True)
class Campaign:
    """The campaign's facts, from campaign.yaml or a brief data file (``path``; None without one)."""

    path: str | None
    text: str = ""
    vertical: str | None = None
    launch_date: date | None = None
    end_date: date | None = None
    brief_date: date | None = None
    seeding_days: int = 14
    launch_days: int = 4
    sustain_weeks: int = 4
    brand_age_months: int | None = None
    kpis: tuple[Kpi, ...] = ()
    budget: float | None = None
    measurement_ready: date | None = None
    measurement_given: bool = False
    tiers: tuple[TierSpec, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)  # field (dotted) -> its line in ``path``
    columns: Mapping[str, str] = field(default_factory=dict)  # roster field -> its header

    def wave(self, wave: str) -> tuple[date, date] | None:
        """The days of one of the playbook's waves around the launch date, both ends included."""
        if self.launch_date is None:
            return None
        launch = self.launch_date
        if wave == "seeding":
            return launch - timedelta(days=self.seeding_days), launch - timedelta(days=1)
        launch_end = launch + timedelta(days=self.launch_days - 1)
        if wave == "launch":
            return launch, launch_end
        return launch_end + timedelta(days=1), launch_end + timedelta(weeks=self.sustain_weeks)

    @property
    def last_day(self) -> date | None:
        if self.end_date is not None:
            return self.end_date
        sustain = self.wave("sustain")
        return sustain[1] if sustain else None


@dataclass(frozen=True)
class CellProblem:
    cell: Cell
    message: str

    @property
    def where(self) -> str:
        return f"column {self.cell.letter} ({self.cell.header})"


@dataclass
class Creator:
    row: RosterRow
    name: str
    followers: Span | None = None
    tier: str | None = None  # the tier the plan uses: given, else from followers
    tier_given: str | None = None  # as the tier column names it (a tier id), when it does
    tier_by_followers: str | None = None
    categories: tuple[str, ...] = ()  # vertical ids the category cell names
    category_text: str = ""
    fee: float | None = None
    post_date: date | None = None
    wave: str | None = None
    numbers: dict[str, float] = field(default_factory=dict)  # views, likes, saves, comments, shares

    @property
    def engagements(self) -> float | None:
        found = [self.numbers[f] for f in ENGAGEMENT_FIELDS if f in self.numbers]
        return sum(found) if found else None

    def engagement_rate(self) -> tuple[float, str] | None:
        """(rate, basis): over views when known, else over followers."""
        engaged = self.engagements
        if engaged is None:
            return None
        views = self.numbers.get("views")
        if views:
            return engaged / views, "views"
        if self.followers and self.followers.middle:
            return engaged / self.followers.middle, "followers"
        return None

    @property
    def save_rate(self) -> float | None:
        views, saves = self.numbers.get("views"), self.numbers.get("saves")
        return saves / views if views and saves is not None else None

    @property
    def cost_per_engagement(self) -> float | None:
        engaged = self.engagements
        return self.fee / engaged if self.fee is not None and engaged else None


@dataclass
class Plan:
    roster: Roster
    campaign: Campaign
    creators: list[Creator]
    problems: list[CellProblem]
    category_words: Mapping[str, Any] = field(default_factory=dict)
    shopping_windows: Mapping[str, Any] | None = None  # shopping_windows.yaml's data

    def by_tier(self) -> dict[str, list[Creator]]:
        groups: dict[str, list[Creator]] = {t.id: [] for t in self.campaign.tiers}
        for creator in self.creators:
            if creator.tier is not None:
                groups.setdefault(creator.tier, []).append(creator)
        return groups

    def spend(self, tiers: Sequence[str]) -> float:
        return sum(c.fee or 0 for c in self.creators if c.tier in tiers)

    def dated(self) -> list[Creator]:
        return [c for c in self.creators if c.post_date is not None]

    def has(self, fld: str) -> bool:
        return fld in self.roster.fields

    def tier_ranges(self) -> tuple[dict[str, tuple[int, int]], float | None]:
        """Each tier's (low, high) creator count from the playbook, and the budget's scale: a
        stated budget below the smallest full pyramid at this roster's median fee per tier scales
        the ranges down by budget / that cost (None: not scaled; every tier needs a fee then)."""
        campaign, factor = self.campaign, None
        groups = self.by_tier()
        if campaign.budget is not None and self.has("fee"):
            fees = {t.id: [c.fee for c in groups.get(t.id, []) if c.fee] for t in campaign.tiers}
            if all(fees.values()):
                smallest = sum(t.count_min * statistics.median(fees[t.id]) for t in campaign.tiers)
                if smallest and campaign.budget < smallest:
                    factor = campaign.budget / smallest
        ranges: dict[str, tuple[int, int]] = {}
        for tier in campaign.tiers:
            low, high = tier.count_min, tier.count_max
            if factor is not None:
                low, high = max(1, math.floor(low * factor)), max(1, math.ceil(high * factor))
            ranges[tier.id] = (low, high)
        return ranges, factor

    def median_rate(self, tier: str | None = None) -> float | None:
        rates = [
            r[0] for c in self.creators if (tier is None or c.tier == tier) and (r := c.engagement_rate())
        ]
        return statistics.median(rates) if rates else None


def _tier_specs(playbook: Mapping[str, Any], bounds: Mapping[str, Any]) -> tuple[TierSpec, ...]:
    specs = []
    for tier in playbook["tiers"]:
        own = {**tier.get("followers", {}), **(bounds.get(tier["id"]) or {})}
        specs.append(
            TierSpec(
                tier["id"],
                own.get("min"),
                own.get("max"),
                tier["count"]["min"],
                tier["count"]["max"],
                bool(tier["count"].get("open_ended")),
                tuple(str(n) for n in tier.get("names", ())),
            )
        )
    return tuple(specs)


def _date(text: Any) -> date | None:
    return date.fromisoformat(str(text)) if text else None


def metric_of(text: str, vocabulary: Mapping[str, Any]) -> str | None:
    """The KPI vocabulary's metric a KPI names: the longest synonym it contains."""
    folded = text.casefold()
    best: tuple[int, str] | None = None
    for metric, words in vocabulary.items():
        for word in words:
            w = str(word).casefold()
            if w.isascii():
                found = re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", folded)
            else:
                found = re.search(re.escape(w), folded)
            if found and (best is None or len(w) > best[0]):
                best = (len(w), metric)
    return best[1] if best else None


def campaign_from(
    fields: Mapping[str, Any],
    playbook: Mapping[str, Any],
    kpi_vocabulary: Mapping[str, Any],
    path: str | None = None,
    text: str = "",
    lines: Mapping[str, int] | None = None,
) -> Campaign:
    """A Campaign from validated fields (campaign.yaml's, or a brief's with its ``plan``)."""
    waves = playbook["waves"]
    kpis = []
    for index, entry in enumerate(fields.get("kpis", ()) or ()):
        label = entry if isinstance(entry, str) else str(entry.get("metric", ""))
        kpis.append(Kpi(label, metric_of(label, kpi_vocabulary), index))
    measurement = fields.get("measurement") or {}
    return Campaign(
        path=path,
        text=text,
        vertical=fields.get("vertical"),
        launch_date=_date(fields.get("launch_date")),
        end_date=_date(fields.get("end_date")),
        brief_date=_date(fields.get("brief_date")),
        seeding_days=int(fields.get("seeding_days", waves["seeding"]["days"]["default"])),
        launch_days=int(waves["launch"]["days"]),
        sustain_weeks=int(fields.get("sustain_weeks", waves["sustain"]["weeks"]["default"])),
        brand_age_months=fields.get("brand_age_months"),
        kpis=tuple(kpis),
        budget=fields.get("budget"),
        measurement_ready=_date(measurement.get("ready_date")),
        measurement_given=bool(measurement),
        tiers=_tier_specs(playbook, fields.get("tiers") or {}),
        lines=dict(lines or {}),
        columns={str(k): str(v) for k, v in (fields.get("columns") or {}).items()},
    )


def _tier_id(text: str, specs: Sequence[TierSpec]) -> str | None:
    folded = re.sub(r"[\s_\-]+", "", text).casefold()
    for spec in specs:
        if folded == spec.id or folded in {re.sub(r"[\s_\-]+", "", n).casefold() for n in spec.names}:
            return spec.id
    return None


_CATEGORY_SPLIT = re.compile(r"[/、,，;；|+&＋\s]+|和|及")
_CATEGORY_SUFFIX = re.compile(r"(博主|达人|类|领域|垂类|区|kol|koc|向)$", re.IGNORECASE)


def categories_of(text: str, words: Mapping[str, Any]) -> tuple[str, ...]:
    """The vertical ids a category cell names (``美妆/穿搭博主`` -> beauty, fashion)."""
    found: list[str] = []
    for part in _CATEGORY_SPLIT.split(text.strip()):
        part = _CATEGORY_SUFFIX.sub("", part.strip()).casefold()
        if not part:
            continue
        for vertical, entry in words.items():
            for word in entry.get("words", ()):
                w = str(word).casefold()
                if part == w or (len(w) >= 2 and not w.isascii() and w in part):
                    if vertical not in found:
                        found.append(vertical)
                    break
    return tuple(found)


def build_plan(
    roster: Roster,
    campaign: Campaign,
    category_words: Mapping[str, Any],
    shopping_windows: Mapping[str, Any] | None = None,
) -> Plan:
    creators: list[Creator] = []
    problems: list[CellProblem] = []
    reference = campaign.launch_date
    for row in roster.rows:
        creators.append(_creator(roster, row, campaign, category_words, reference, problems))
    return Plan(roster, campaign, creators, problems, category_words, shopping_windows)


def _creator(
    roster: Roster,
    row: RosterRow,
    campaign: Campaign,
    category_words: Mapping[str, Any],
    reference: date | None,
    problems: list[CellProblem],
) -> Creator:
    name_cell = roster.cell(row, "creator")
    creator = Creator(row, name_cell.text if name_cell else "")
    for fld in COUNT_FIELDS:
        cell = roster.cell(row, fld)
        if cell is None:
            continue
        try:
            span = parse_amount(cell.value)
        except ValueProblem as problem:
            problems.append(CellProblem(cell, str(problem)))
            continue
        if span is None:
            continue
        scale = roster.scales.get(fld, 1.0)
        span = Span(span.low * scale, span.high * scale)
        if fld == "followers":
            creator.followers = span
        elif fld == "fee":
            creator.fee = span.middle
        else:
            creator.numbers[fld] = span.middle
    date_cell = roster.cell(row, "post_date")
    if date_cell is not None:
        try:
            creator.post_date = parse_date(date_cell.value, reference)
        except ValueProblem as problem:
            problems.append(CellProblem(date_cell, str(problem)))
    if creator.followers is not None:
        creator.tier_by_followers = next(
            (t.id for t in campaign.tiers if t.holds(creator.followers.middle)), None
        )
    tier_cell = roster.cell(row, "tier")
    if tier_cell is not None and tier_cell.text:
        creator.tier_given = _tier_id(tier_cell.text, campaign.tiers)
        if creator.tier_given is None:
            known = ", ".join(t.id for t in campaign.tiers)
            problems.append(
                CellProblem(
                    tier_cell,
                    f"'{shown(tier_cell.text)}' is not a tier (tiers: {known}, 头部, 腰部, 初级, 素人)",
                )
            )
    creator.tier = creator.tier_given or creator.tier_by_followers
    category_cell = roster.cell(row, "category")
    if category_cell is not None:
        creator.category_text = category_cell.text
        creator.categories = categories_of(category_cell.text, category_words)
    wave_cell = roster.cell(row, "wave")
    if wave_cell is not None and wave_cell.text:
        creator.wave = wave_cell.text
    return creator
