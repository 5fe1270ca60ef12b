"""Plan kinds about choosing creators (playbook Lesson 2).

- ``plan-columns``: the roster has none of ``columns`` (when it has one of
  ``if_any``, if given): a roster chosen by followers alone, engagement that
  can only be computed over followers.
- ``plan-category``: a creator whose category names only verticals other than
  the campaign's and its neighbours (``creator_categories.yaml``); a category
  that names no known vertical is not judged.
- ``plan-outliers``: a creator whose engagement rate is below ``threshold``
  times the roster's median, with at least ``min_count`` rates to compare.
"""

from __future__ import annotations

import statistics

from .plan_base import PlanFinding, localised, no_compile, percent, vertical_name


class Columns:
    FIELDS = ("columns", "if_any")
    PARAMS = ("columns",)
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        plan, spec = ctx.plan, rule.spec
        if not plan.creators or any(plan.has(c) for c in spec["columns"]):
            return
        present = [c for c in spec.get("if_any", ()) if plan.has(c)]
        if spec.get("if_any") and not present:
            return
        yield PlanFinding({"columns": ", ".join(spec["columns"])}, column=present[0] if present else None)


class CategoryFit:
    FIELDS: tuple[str, ...] = ()
    PARAMS = ("creator", "category", "vertical")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        plan = ctx.plan
        vertical = plan.campaign.vertical
        entry = plan.category_words.get(vertical) if vertical else None
        if entry is None:
            return
        fits = {vertical, *entry.get("neighbours", ())}
        for creator in plan.creators:
            if creator.categories and not fits.intersection(creator.categories):
                yield PlanFinding(
                    {
                        "creator": creator.name,
                        "category": creator.category_text,
                        "vertical": vertical_name(vertical),
                    },
                    row=creator.row.number,
                    column="category",
                )


class Outliers:
    FIELDS = ("threshold", "min_count")
    PARAMS = ("creator", "rate", "median", "basis")
    compile = staticmethod(no_compile)

    @staticmethod
    def check(rule, ctx):
        plan, spec = ctx.plan, rule.spec
        rated = [(c, r) for c in plan.creators if (r := c.engagement_rate())]
        if any(basis == "views" for _, (_, basis) in rated):  # rates over followers are not comparable
            rated = [(c, r) for c, r in rated if r[1] == "views"]
        if len(rated) < spec.get("min_count", 5):
            return
        median = statistics.median(rate for _, (rate, _) in rated)
        for creator, (rate, basis) in rated:
            if rate < median * spec["threshold"]:
                column = "views" if basis == "views" and plan.has("views") else "likes"
                yield PlanFinding(
                    {
                        "creator": creator.name,
                        "rate": percent(rate),
                        "median": percent(median),
                        "basis": localised(f"plan_basis_{basis}"),
                    },
                    row=creator.row.number,
                    column=column if plan.has(column) else "creator",
                )
