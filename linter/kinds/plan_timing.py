"""Plan kinds about when creators post (playbook Lesson 4).

- ``plan-wave``: fewer than ``min_count`` posts dated inside one of the
  playbook's waves (``wave``: seeding, launch or sustain) around the launch.
- ``plan-same-day``: the busiest day holds more than ``max_share`` of at least
  ``min_count`` dated posts.
- ``plan-windows``: a post inside a crowded shopping window, with the nearest
  quieter day.
- ``plan-date-bounds``: a post after the campaign's last day or before the
  brief goes out.
"""

from __future__ import annotations

from collections import Counter

from ..analysis.shopping_calendar import crowded
from .plan_base import PlanFinding, day, localised, no_compile


class WaveCoverage:
    FIELDS = ("wave", "min_count")
    PARAMS = ("wave_start", "wave_end", "count", "min_count")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        plan, spec = ctx.plan, rule.spec
        days = plan.campaign.wave(spec["wave"])
        dated = plan.dated()
        if days is None or not dated:
            return
        start, end = days
        count = sum(1 for c in dated if start <= c.post_date <= end)
        if count < spec.get("min_count", 1):
            yield PlanFinding(
                {"wave_start": day(start), "wave_end": day(end), "count": count,
                 "min_count": spec.get("min_count", 1)},
                column="post_date",
            )  # fmt: skip


class SameDay:
    FIELDS = ("max_share", "min_count")
    PARAMS = ("date", "count", "total")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        plan, spec = ctx.plan, rule.spec
        dates = Counter(c.post_date for c in plan.dated())
        total = sum(dates.values())
        if total < spec.get("min_count", 5):
            return
        busiest, count = min(dates.items(), key=lambda item: (-item[1], item[0]))
        if count / total > spec["max_share"]:
            yield PlanFinding({"date": day(busiest), "count": count, "total": total}, column="post_date")


class Windows:
    FIELDS: tuple[str, ...] = ()
    PARAMS = ("creator", "date", "window", "quieter")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        plan = ctx.plan
        dated = plan.dated()
        if not dated or plan.shopping_windows is None:
            return
        found = crowded(plan.shopping_windows, [c.post_date for c in dated], "shopping_windows.yaml")
        for creator in dated:
            if creator.post_date not in found:
                continue
            window, quieter = found[creator.post_date]
            yield PlanFinding(
                {"creator": creator.name, "date": day(creator.post_date), "window": window.name,
                 "quieter": day(quieter) if quieter else localised("plan_no_quieter_day")},
                row=creator.row.number,
                column="post_date",
            )  # fmt: skip


class DateBounds:
    FIELDS: tuple[str, ...] = ()
    PARAMS = ("creator", "date", "bound", "side")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        plan = ctx.plan
        last, brief = plan.campaign.last_day, plan.campaign.brief_date
        for creator in plan.dated():
            side = None
            if last is not None and creator.post_date > last:
                side, bound = "after", last
            elif brief is not None and creator.post_date < brief:
                side, bound = "before", brief
            if side is not None:
                yield PlanFinding(
                    {"creator": creator.name, "date": day(creator.post_date), "bound": day(bound),
                     "side": localised(f"plan_bound_{side}")},
                    row=creator.row.number,
                    column="post_date",
                )  # fmt: skip
