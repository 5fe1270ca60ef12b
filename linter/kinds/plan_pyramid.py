"""Plan kinds about the KOL pyramid (playbook Lesson 1).

- ``plan-tiers``: creators per tier against the playbook's range, the range
  scaled down for a stated budget below what the smallest full pyramid costs
  at this roster's own median fee per tier (and the message says so).
- ``plan-share``: a tier group's share, by ``measure`` (creators or spend),
  of another group (``over``, default all tiers) against ``max`` or ``min``.
- ``plan-tier-mismatch``: a tier column that contradicts the follower count.
"""

from __future__ import annotations

from .plan_base import PlanFinding, localised, no_compile, percent, tier_name


class TierCounts:
    FIELDS: tuple[str, ...] = ()
    PARAMS = ("tier", "count", "low", "high", "scaling")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        plan = ctx.plan
        if not plan.creators:
            return
        ranges, factor = plan.tier_ranges()
        scaling = (
            localised("plan_scaled", share=percent(factor))
            if factor is not None
            else localised("plan_not_scaled")
        )
        groups = plan.by_tier()
        column = "tier" if plan.has("tier") else "followers"
        for tier in plan.campaign.tiers:
            count = len(groups.get(tier.id, []))
            low, high = ranges[tier.id]
            if count < low or (not tier.open_ended and count > high):
                yield PlanFinding(
                    {"tier": tier_name(tier.id), "count": count, "low": low,
                     "high": f"{high}+" if tier.open_ended else high,
                     "scaling": scaling},
                    column=column,
                )  # fmt: skip


class TierShare:
    FIELDS = ("measure", "tiers", "over", "max", "min")
    PARAMS = ("value", "limit", "part", "whole")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        plan, spec = ctx.plan, rule.spec
        tiers = spec["tiers"]
        over = spec.get("over") or [t.id for t in plan.campaign.tiers]
        if spec["measure"] == "spend":
            if not plan.has("fee"):
                return
            part, whole = plan.spend(tiers), plan.spend(over)
        else:
            part = sum(1 for c in plan.creators if c.tier in tiers)
            whole = sum(1 for c in plan.creators if c.tier in over)
        if not whole or (spec["measure"] == "spend" and not part and "min" not in spec):
            return
        value = part / whole
        too_high = "max" in spec and value > spec["max"]
        too_low = "min" in spec and value < spec["min"]
        if too_high or too_low:
            limit = spec["max"] if too_high else spec["min"]
            yield PlanFinding(
                {
                    "value": f"{value:.2f}",
                    "limit": f"{limit:g}",
                    "part": f"{part:,.0f}",
                    "whole": f"{whole:,.0f}",
                },
                column="fee" if spec["measure"] == "spend" else ("tier" if plan.has("tier") else "followers"),
            )


class TierMismatch:
    FIELDS: tuple[str, ...] = ()
    PARAMS = ("creator", "given", "by_followers", "followers")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        for creator in ctx.plan.creators:
            given, counted = creator.tier_given, creator.tier_by_followers
            if given and counted and given != counted and creator.followers is not None:
                yield PlanFinding(
                    {"creator": creator.name, "given": tier_name(given), "by_followers": tier_name(counted),
                     "followers": f"{creator.followers.middle:,.0f}"},
                    row=creator.row.number,
                    column="tier",
                )  # fmt: skip
