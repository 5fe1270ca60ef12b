"""Plan kinds about measuring the campaign (playbook Lessons 6 and 8).

- ``plan-kpis``: the campaign's KPIs against a set of ``metrics``: ``when:
  all`` every KPI that names a metric is one of them (vanity metrics only),
  ``when: none`` no KPI is one of them (no search or intent measure; a
  campaign file without KPIs counts), ``when: first`` the first KPI is one of
  them, for a brand on XHS fewer than ``brand_age_below`` months.
- ``plan-measurement``: no measurement plan, or one ready only after the first
  wave starts.
- ``plan-tier-cost``: the seed says micro creators and KOCs cost less per
  engaged user than the top tier; a finished campaign where they did not.
"""

from __future__ import annotations

import statistics

from .plan_base import PlanFinding, day, no_compile, tier_names


class Kpis:
    FIELDS = ("metrics", "when", "brand_age_below")
    PARAMS = ("kpi", "metrics", "months")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        campaign, spec = ctx.plan.campaign, rule.spec
        if campaign.path is None:
            return
        metrics = set(spec["metrics"])
        known = [k for k in campaign.kpis if k.metric is not None]
        when = spec["when"]
        if when == "all" and known and all(k.metric in metrics for k in known):
            yield PlanFinding({"kpi": ", ".join(k.text for k in known)}, campaign_field="kpis")
        elif when == "none" and not any(k.metric in metrics for k in known):
            kpis = ", ".join(k.text for k in campaign.kpis)
            yield PlanFinding({"kpi": kpis, "metrics": ", ".join(spec["metrics"])}, campaign_field="kpis")
        elif when == "first" and campaign.kpis and campaign.kpis[0].metric in metrics:
            age = campaign.brand_age_months
            below = spec.get("brand_age_below")
            if below is None or (age is not None and age < below):
                yield PlanFinding({"kpi": campaign.kpis[0].text, "months": age}, campaign_field="kpis[0]")


class MeasurementReady:
    FIELDS: tuple[str, ...] = ()
    PARAMS = ("ready", "start")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        campaign = ctx.plan.campaign
        seeding = campaign.wave("seeding")
        if campaign.path is None or seeding is None:
            return
        if not campaign.measurement_given:
            yield PlanFinding({"ready": "-", "start": day(seeding[0])}, campaign_field="launch_date")
        elif campaign.measurement_ready is not None and campaign.measurement_ready >= seeding[0]:
            yield PlanFinding({"ready": day(campaign.measurement_ready), "start": day(seeding[0])},
                              campaign_field="measurement.ready_date")  # fmt: skip


class TierCost:
    FIELDS = ("tiers", "over")
    PARAMS = ("cheap", "dear", "cheap_cost", "dear_cost")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        plan, spec = ctx.plan, rule.spec

        def cost(tiers):
            costs = [
                c.cost_per_engagement for c in plan.creators if c.tier in tiers and c.cost_per_engagement
            ]
            return statistics.median(costs) if costs else None

        cheap, dear = cost(spec["tiers"]), cost(spec["over"])
        if cheap is not None and dear is not None and cheap >= dear:
            yield PlanFinding(
                {"cheap": tier_names(spec["tiers"]), "dear": tier_names(spec["over"]),
                 "cheap_cost": f"{cheap:.2f}", "dear_cost": f"{dear:.2f}"},
                column="fee",
            )  # fmt: skip
